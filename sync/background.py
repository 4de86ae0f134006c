"""The sync worker: one background thread that keeps the kiosk in step with the central service.

    worker = SyncWorker.from_settings(settings, usage=counter, devices=devices.describe,
                                      on_status=lambda status: Clock.schedule_once(lambda dt: show(status)))
    worker.start()
    worker.sync_now()            # e.g. from a staff menu; returns at once
    worker.status                # a SyncStatus snapshot, safe to read from the UI thread
    worker.stop()                # at App.on_stop: flushes this hour's counts to the outbox, never waits long

Every ``sync.vacancies_minutes`` it syncs the vacancies, the office config and the benefit rates; every 60 to 120
seconds it sends a heartbeat; every few minutes it moves finished hours of usage counts to the outbox and sends
the outbox. A failed sync is retried with exponential backoff and jitter (from ``RETRY_FIRST_S`` up to the sync
interval), and never sooner than a busy service's Retry-After (``sync.client.Busy``). The worker has its own SQLite
connection to the cache, so searches go on while it writes (WAL), and nothing it does ever blocks the caller:
``on_status`` is called from the worker's thread, so the app must hop to its own (Kivy's ``Clock.schedule_once``).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.jobs.cache import CACHE_FILE, open_cache, vacancy_count
from kiosk.jobs.wording import long_date
from sync.client import SyncFailed, Unauthorised
from sync.credentials import CredentialError, load_credential
from sync.heartbeat import Heartbeat
from sync.office import fetch_office_config, fetch_rates, read_office_config
from sync.usage import UsageCounter
from sync.vacancy_process import sync_in_child
from sync.vacancy_sync import last_synced_at

log = logging.getLogger(__name__)

#: The first retry after a failed sync; each further failure doubles it, up to the sync interval.
RETRY_FIRST_S = 30.0
#: How often the updater asks the service for this kiosk's ring's version (it acts only in the maintenance window).
UPDATE_EVERY_S = 600.0
#: How often finished hours of usage counts are moved to the outbox and the outbox sent.
USAGE_EVERY_S = 300.0


@dataclass(frozen=True)
class SyncStatus:
    """What the screens may show about sync. Replaced whole on every change, so a read never sees half of one.

    :param state: "starting", "not_enrolled", "syncing", "ok" or "failed".
    :param last_sync_at: when the vacancies were last brought up to date (UTC ISO 8601 with Z), or None.
    :param error_key: the message key of the last failure (e.g. "sync.offline"), None after a success.
    :param error: the last failure in plain English, for staff screens and logs.
    :param next_attempt_at: ``time.time()`` of the next vacancy sync, or None.
    :param vacancies: vacancies in the cache after the last sync.
    """

    state: str = "starting"
    last_sync_at: str | None = None
    error_key: str | None = None
    error: str | None = None
    next_attempt_at: float | None = None
    vacancies: int = 0

    def updated_at(self) -> str | None:
        """The last sync as local HH:MM, for "Jobs updated at 10:42"; None before the first sync."""
        return local_hhmm(self.last_sync_at)


def local_hhmm(iso: str | None) -> str | None:
    """A UTC ISO 8601 time as the kiosk's local HH:MM.

    >>> local_hhmm(None) is None
    True

    :param iso: e.g. "2026-11-22T10:42:00Z".
    """
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone().strftime("%H:%M")


def jobs_updated_text(t, last_sync_at: str | None, now: dt.datetime | None = None) -> str:
    """What the job screens say about the vacancies' age: "Jobs updated at 10:42" today, else the date too.

    An HH:MM alone would mislead when the kiosk has been offline since an earlier day, so older syncs name the day.
    Empty before the first sync (a kiosk on its demo data says nothing).

    >>> from kiosk.i18n import load_catalogues
    >>> t = load_catalogues()["en"]
    >>> jobs_updated_text(t, None)
    ''
    >>> now = dt.datetime(2026, 11, 22, 15, 0).astimezone()
    >>> jobs_updated_text(t, (now - dt.timedelta(days=3)).astimezone(dt.timezone.utc).isoformat(), now)
    'Jobs updated on 19 November 2026 at 15:00'

    :param t: the person's catalogue.
    :param last_sync_at: UTC ISO 8601, as ``SyncStatus.last_sync_at``.
    :param now: the local time now (aware; default: now).
    """
    if not last_sync_at:
        return ""
    try:
        moment = dt.datetime.fromisoformat(last_sync_at.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return ""
    now = now or dt.datetime.now().astimezone()
    time = moment.strftime("%H:%M")
    if moment.date() == now.date():
        return t.text("sync.updated_at", time=time)
    return t.text("sync.updated_on", date=long_date(t, moment.date().isoformat()), time=time)


def backoff_seconds(failures: int, ceiling: float, rng: Callable[[], float] = random.random) -> float:
    """How long to wait after ``failures`` failures in a row: doubling from ``RETRY_FIRST_S``, with jitter.

    The jitter (a random half to all of the delay) spreads a fleet that lost the service at the same moment.

    >>> backoff_seconds(1, 900, rng=lambda: 1.0), backoff_seconds(3, 900, rng=lambda: 1.0)
    (30.0, 120.0)
    >>> backoff_seconds(20, 900, rng=lambda: 0.0)
    450.0

    :param failures: failures in a row (1 or more).
    :param ceiling: the longest delay.
    """
    delay = min(ceiling, RETRY_FIRST_S * 2 ** min(failures - 1, 30))
    return delay / 2 + delay / 2 * rng()


class SyncWorker(threading.Thread):
    """The background sync thread (a daemon: it never keeps the process alive).

    :param cache_path: the vacancy cache file.
    :param data_dir: ``kiosk.data_dir``.
    :param credential_path: the credential file from ``kiosk enrol``.
    :param usage: the app's ``UsageCounter``.
    :param devices: returns each device's health for the heartbeat (``Devices.describe``), or None.
    :param on_status: called with each new ``SyncStatus``, from the worker's thread.
    :param sync_every_s: seconds between vacancy syncs.
    :param beat_every_s: seconds between heartbeats to begin with (the server may ask for 60 to 120).
    :param timeout_s: seconds to wait for each read from the service.
    :param updater: a ``sync.updates.Updater`` that downloads and stages new versions in the maintenance window.
    :param update_every_s: seconds between update checks.
    """

    def __init__(self, cache_path: Path, data_dir: Path, credential_path: Path, usage: UsageCounter,
                 devices: Callable[[], Iterable] | None = None,
                 on_status: Callable[[SyncStatus], None] | None = None, sync_every_s: float = 900.0,
                 beat_every_s: float = 90.0, timeout_s: float = 20.0, usage_every_s: float = USAGE_EVERY_S,
                 updater=None, update_every_s: float = UPDATE_EVERY_S) -> None:
        super().__init__(name="jobpoint-sync", daemon=True)
        self.updater = updater  # sync.updates.Updater, or None (no updates: laptops, demos, tests)
        self.update_every_s = update_every_s
        #: Set after the first heartbeat the service accepted: part of "this version is healthy" after an update.
        self.beat_accepted = threading.Event()
        self.cache_path = Path(cache_path)
        self.data_dir = Path(data_dir)
        self.credential_path = Path(credential_path)
        self.usage = usage
        self.on_status = on_status
        self.sync_every_s = sync_every_s
        self.beat_every_s = beat_every_s
        self.usage_every_s = usage_every_s
        self.timeout_s = timeout_s
        self.heartbeat = Heartbeat(self.data_dir, self.cache_path, devices=devices)
        self._status = SyncStatus()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._sync_requested = threading.Event()
        self._failures = 0

    @classmethod
    def from_settings(cls, settings: dict, usage: UsageCounter, **kwargs) -> SyncWorker:
        """A worker configured from the kiosk's settings.

        :param settings: the checked config (``kiosk.config.load_config``).
        :param usage: the app's ``UsageCounter``.
        :param kwargs: ``devices`` and ``on_status``.
        """
        data_dir = Path(settings["kiosk.data_dir"])
        return cls(data_dir / CACHE_FILE, data_dir, settings["central.credential_file"], usage,
                   sync_every_s=settings["sync.vacancies_minutes"] * 60.0,
                   beat_every_s=settings["sync.heartbeat_seconds"], timeout_s=settings["sync.timeout_seconds"],
                   **kwargs)

    # --- called from the app's thread: none of these wait for the network ---------------------------------------

    @property
    def status(self) -> SyncStatus:
        """The latest status (an immutable snapshot)."""
        return self._status

    def sync_now(self) -> None:
        """Ask for a vacancy sync as soon as the worker is free; returns at once."""
        self._sync_requested.set()
        self._wake.set()

    def stop(self, wait_s: float = 2.0) -> None:
        """Stop the worker: this hour's usage counts go to the outbox now, then wait briefly for the thread.

        A sync still running is abandoned with the thread (a daemon); its transaction is rolled back with the
        process, leaving the cache as it was, and the next start carries on from what was staged.

        :param wait_s: the longest wait for the thread to finish.
        """
        self._stopping.set()
        self._wake.set()
        try:
            self.usage.flush(include_current=True)
        except Exception as error:  # noqa: BLE001 - never stop the app from stopping
            log.warning("could not keep this hour's usage counts: %s", type(error).__name__)
        if self.is_alive():
            self.join(wait_s)

    # --- the worker's thread ---------------------------------------------------------------------------------

    def run(self) -> None:
        """The worker loop (runs on the worker's thread; call ``start()``)."""
        db = open_cache(self.cache_path)
        try:
            self._publish(last_sync_at=last_synced_at(db), vacancies=vacancy_count(db))
            self._loop(db)
        finally:
            db.close()

    def _loop(self, db) -> None:
        now = time.monotonic()
        next_sync = next_beat = now
        next_usage = now + self.usage_every_s
        next_update = now if self.updater is not None else float("inf")
        while not self._stopping.is_set():
            credential = self._credential()
            now = time.monotonic()
            if credential is not None:
                if self._sync_requested.is_set() or now >= next_sync:
                    self._sync_requested.clear()
                    next_sync = time.monotonic() + self._sync(db, credential)
                    self._publish(next_attempt_at=time.time() + (next_sync - time.monotonic()))
                if now >= next_beat:
                    next_beat = time.monotonic() + self._beat(db, credential)
                if now >= next_usage:
                    next_usage = time.monotonic() + self.usage_every_s
                    self._send_usage(credential)
                if now >= next_update:
                    next_update = time.monotonic() + self.update_every_s
                    self._check_update(credential)
            wait = min(next_sync, next_beat, next_usage, next_update) - time.monotonic()
            self._wake.wait(max(0.05, wait) if credential is not None else 30.0)
            self._wake.clear()

    def _credential(self):
        try:
            credential = load_credential(self.credential_path)
        except CredentialError as error:
            self._publish(state="not_enrolled", error_key="sync.credential", error=str(error))
            return None
        if credential is None and self._status.state != "not_enrolled":
            self._publish(state="not_enrolled", error_key="sync.not_enrolled",
                          error="This kiosk is not enrolled with the central service: run kiosk enrol TOKEN.")
        return credential

    def _sync(self, db, credential) -> float:
        """One round of vacancies, office config and rates; returns seconds until the next."""
        self._publish(state="syncing")
        client = credential.client(timeout=self.timeout_s)
        try:
            # In a process of its own, so the screens keep the interpreter while a delta applies.
            report = sync_in_child(self.cache_path, self.credential_path, self.timeout_s, self._stopping)
            fetch_office_config(client, credential.office_id, self.data_dir)
            fetch_rates(client, self.data_dir)
        except SyncFailed as error:
            self._failures += 1
            # A busy service says when to come back (Retry-After): never sooner, however few the failures.
            delay = max(backoff_seconds(self._failures, max(self.sync_every_s, RETRY_FIRST_S)),
                        error.retry_after or 0.0)
            (log.warning if isinstance(error, Unauthorised) else log.info)("sync failed (%s); next try in %.0f s",
                                                                            error, delay)
            self._publish(state="failed", error_key=error.message_key, error=str(error),
                          last_sync_at=last_synced_at(db))
            return delay
        except Exception as error:  # a bug must not end the worker: report it and try later
            self._failures += 1
            log.exception("sync failed unexpectedly")
            self._publish(state="failed", error_key="sync.failed", error=type(error).__name__)
            return backoff_seconds(self._failures, max(self.sync_every_s, RETRY_FIRST_S))
        finally:
            client.close()
        self._failures = 0
        self._publish(state="ok", error_key=None, error=None, last_sync_at=report.last_synced_at,
                      vacancies=vacancy_count(db))
        return self.sync_every_s

    def _beat(self, db, credential) -> float:
        client = credential.client(timeout=self.timeout_s)
        office = read_office_config(self.data_dir)
        try:
            interval = self.heartbeat.send(client, credential.kiosk_id, db,
                                           office.config_version if office else None)
            self.beat_accepted.set()
            return interval
        except SyncFailed as error:
            log.info("heartbeat not delivered: %s", error)
            return max(self.beat_every_s, error.retry_after or 0.0)
        finally:
            client.close()

    def _check_update(self, credential) -> None:
        """Inside the window: check for a new version, download and check it (root unpacks it; it never switches)."""
        client = credential.client(timeout=self.timeout_s)
        try:
            self.updater.run_once(client, dt.datetime.now())
        except Exception:  # an update problem must never end the worker
            log.exception("update check failed unexpectedly")
        finally:
            client.close()

    def _send_usage(self, credential) -> None:
        client = credential.client(timeout=self.timeout_s)
        try:
            self.usage.flush()
            self.usage.send(client, credential.kiosk_id)
        except SyncFailed as error:
            log.info("usage counts not sent yet: %s", error)
        finally:
            client.close()

    def _publish(self, **changes) -> None:
        status = replace(self._status, **changes)
        if status == self._status:
            return
        self._status = status
        if self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:  # the app's callback failing must not end the worker
                log.exception("the sync status callback failed")

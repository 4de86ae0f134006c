"""The composition root: the one place that builds every service the screens use, from settings.

    services = build_services(settings, dispatch=on_main_thread, sync=True)   # kiosk run
    services = build_services(settings, job_search=my_search, printer=PaperOut())  # a test's own parts

Only ``kiosk/cli/`` imports ``sync/`` and ``device/``; the screens get a ``kiosk.services.Services`` and use nothing
else. Parts passed in belong to the caller; parts made here are closed by ``Services.close()``.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.services import ServiceFailed, Services

log = logging.getLogger("jobpoint.services")


def open_job_search(settings: dict):
    """The vacancy cache (closed vacancies removed) and the place names; None when this kiosk has no vacancies yet.

    A missing cache is not created here (the sync or ``kiosk demo-data`` makes it). Without the place names, job
    search still works, only not by place.

    :param settings: the checked config.
    """
    # Imported here, as the search below: sqlite-utils loads when a job screen first needs it, not at start-up.
    from kiosk.jobs.cache import CACHE_FILE, open_cache, remove_closed_vacancies, vacancy_count
    path = Path(settings["kiosk.data_dir"]) / CACHE_FILE
    if not path.is_file():
        log.warning("no vacancy cache at %s: job search is not available", path)
        return None
    try:
        db = open_cache(path)
        if vacancy_count(db) == 0:
            log.warning("the vacancy cache at %s is empty: job search is not available", path)
            return None
    except Exception as error:  # noqa: BLE001 - a broken cache must not stop the kiosk starting
        log.error("cannot open the vacancy cache at %s: %s", path, type(error).__name__)
        return None
    try:
        remove_closed_vacancies(db, dt.date.today())  # searches never write: this is done here and by the sync
    except sqlite3.OperationalError as error:
        # A sync holds the write lock while it applies, and removes closed vacancies itself.
        log.info("closed vacancies not removed at start: %s", type(error).__name__)
    try:
        from kiosk.jobs.places import load_places
        places = load_places()
    except (ImportError, OSError, ValueError) as error:
        log.warning("no place names (%s): job search works, but not by place", error)
        places = None
    from kiosk.jobs.search import JobSearch
    return JobSearch(db, places=places)


def send_cv_to_phone(settings, **kwargs):
    """``sync.cv_handoff.send_to_phone`` with its failure turned into ``ServiceFailed`` (same message key).

    :param settings: the checked config (the central service and the credential).
    :param kwargs: ``text``, ``pdf``, ``title``, ``language``.
    """
    from sync.cv_handoff import HandoffUnavailable, send_to_phone  # the network client: loaded on first send
    try:
        return send_to_phone(settings, **kwargs)
    except HandoffUnavailable as error:
        raise ServiceFailed(error.message_key) from error


def help_desk(settings, what: str, *args):
    """``sync.help_desk``'s calls with their failure turned into ``ServiceFailed`` ("help.<reason>").

    :param settings: the checked config (the central service and the credential).
    :param what: "ask" (area), "status" (request id) or "close" (request id, by).
    """
    from sync import help_desk as desk  # the network client: loaded on the first request for help
    calls: dict[str, Callable[..., Any]] = {"ask": desk.ask_for_help, "status": desk.help_status,
                                            "close": desk.close_help_request}
    call = calls[what]
    try:
        return call(settings, *args)
    except desk.HelpUnavailable as error:
        raise ServiceFailed(f"help.{error.reason}") from error


def local_office(settings):
    """``sync.office.local_office``, loaded on first use (the benefits results are the only page that asks).

    :param settings: the checked config.
    """
    from sync.office import local_office as read
    return read(settings)


def jobs_updated_text(t, last_sync_at):
    """``sync.background.jobs_updated_text``: "Jobs updated at 10:42", or empty before the first sync.

    :param t: the person's catalogue.
    :param last_sync_at: UTC ISO 8601, or None.
    """
    if not last_sync_at:
        return ""
    from sync.background import jobs_updated_text as word
    return word(t, last_sync_at)


def record_crash(data_dir: Path, error: BaseException) -> None:
    """``sync.crashes.record_crash``: the time and kind of an error, for the heartbeat.

    :param data_dir: ``kiosk.data_dir``.
    :param error: what went wrong.
    """
    from sync.crashes import record_crash as record
    record(data_dir, error)


def mark_healthy(updater) -> None:
    """``sync.updates.mark_healthy_if_due`` for the running version.

    :param updater: the ``sync.updates.Updater``.
    """
    from sync.updates import mark_healthy_if_due
    mark_healthy_if_due(updater.state_path, updater.current_version)


def build_services(settings: dict, *, dispatch: Callable | None = None, sync: bool = False, job_search=None,
                   printer=None, devices=None, speech=None, usage=None, sync_worker=None,
                   devices_environ=None) -> Services:
    """Build every service the screens use; what is passed in is used as it is (and left open at ``close()``).

    :param settings: the checked config (after the local settings staff changed).
    :param dispatch: how device events reach the screens' thread (``screens.app.on_main_thread``).
    :param sync: also make the usage counter, and the background sync (with the updater when ``update.enabled``)
        at ``Services.start_sync()``, as ``kiosk run`` does; the caller starts and stops it.
    :param job_search: a ``JobSearch`` to use instead of opening the cache in ``kiosk.data_dir`` on first use.
    :param printer: a ``device.printer.Printer`` instead of the devices' own.
    :param devices: a ``device.Devices`` instead of opening them from settings.
    :param speech: a read-aloud provider instead of the devices' own.
    :param usage: a ``sync.usage.UsageCounter`` (none: not counted, unless ``sync`` makes one).
    :param sync_worker: a ``sync.background.SyncWorker`` (tests pass a stand-in).
    :param devices_environ: the ``KIOSK_<DEVICE>`` provider overrides (default ``os.environ``).
    """
    from device import open_devices
    from device.printer import PrinterError

    owned: list[Callable[[], None]] = []
    if devices is None:
        devices = open_devices(settings, dispatch=dispatch, environ=devices_environ)
        owned.append(devices.close)

    def open_search():
        search = open_job_search(settings)
        if search is not None:
            owned.append(search.db.close)
        return search

    make_sync_worker = None
    if sync:
        from sync.usage import USAGE_FILE, UsageCounter
        usage = usage or UsageCounter(Path(settings["kiosk.data_dir"]) / USAGE_FILE)

        def make_sync_worker():
            # The network client (requests) costs a sixth of a second to load: Services.start_sync makes this after
            # the first frame. The updater stages new versions in the maintenance window; the app switches between
            # sessions.
            from kiosk import __version__
            from sync.background import SyncWorker
            from sync.updates import RESTART_EXIT_STATUS, Updater
            services.update_exit_status = RESTART_EXIT_STATUS
            updater = (Updater.from_settings(settings, current_version=__version__) if settings["update.enabled"]
                       else None)
            return SyncWorker.from_settings(settings, usage=usage, devices=devices.describe, updater=updater)

    services = Services(settings, devices=devices, printer=printer or devices.printer,
                        speech=speech or devices.speech, open_job_search=open_search, usage=usage,
                        sync_worker=sync_worker, make_sync_worker=make_sync_worker, printer_errors=(PrinterError,),
                        office_info=local_office, handoff=send_cv_to_phone, help_desk=help_desk,
                        word_last_sync=jobs_updated_text,
                        record_crash=record_crash, mark_healthy=mark_healthy, owned=owned)
    if job_search is not None:
        services.job_search = job_search
    return services

"""App updates, the kiosk user's half: fetch the ring's target version, check it, keep it, ask for a switch.

    updater = Updater.from_settings(settings, current_version="0.1.0+aa09bfc")
    updater.run_once(client, now=dt.datetime.now())       # sync thread: in the window, check and download
    if updater.switch_if_ready(dt.datetime.now(), app.session.in_use):   # app thread, nobody at the screen
        app.request_exit("update")                        # exit RESTART_EXIT_STATUS: systemd applies it as root
    mark_healthy_if_due(state_path, running_version)      # new version: home reached and a heartbeat accepted

The app runs as the unprivileged kiosk user, and ``<update.root>`` (the code it runs) is root's: this side never
writes there. A download goes to ``<kiosk.data_dir>/updates/``, is checked against the size and SHA-256 the
service offered and against ``sync.bundle.check_bundle``, and is kept as ``<version>.tar.gz`` with a record
``ready.json`` ({version, sha256, size}). Between sessions in the window, ``switch_if_ready`` checks the kept
file again (``recheck``: it is the kiosk user's and may have changed) and writes
``switch-request.json`` (the same fields) and the app exits with ``RESTART_EXIT_STATUS``; before the next start
systemd runs ``kiosk update apply`` as root (``sync.update_apply``), which checks everything again, unpacks the
bundle root-owned beside the other versions and switches ``current``. See docs/updates.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

from sync.bundle import BadBundle, check_bundle, check_version
from sync.client import BadData, CentralClient, Offline, SyncFailed, _failure
from sync.files import write_atomically
from sync.update_state import STATE_FILE, read_update_state, state_lock, write_update_state

log = logging.getLogger(__name__)

DEFAULT_WINDOW = "02:00-05:00"
_WINDOW = re.compile(r"^\s*([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)\s*$")
#: Free space wanted before a download: the bundle, its unpacked copy, and room to spare.
SPACE_FACTOR = 4
#: Under ``kiosk.data_dir``: the kept download, its record and the switch request.
UPDATES_DIR = "updates"
READY_FILE = "ready.json"
REQUEST_FILE = "switch-request.json"
#: The exit status that asks systemd for a fresh start after a switch (the unit's RestartForceExitStatus): an
#: in-place re-exec would skip the guard and, in a frozen build, run the old version's resolved executable again.
RESTART_EXIT_STATUS = 75


class UpdateRefused(Exception):
    """An update that must not go ahead (bad download, unsafe bundle, no space, a changed file); says why."""


@dataclass(frozen=True)
class Offer:
    """What ``GET /v1/update`` offers: the version, the bundle's SHA-256 (hex), its size and where it is."""

    version: str
    sha256: str
    size: int
    url: str


def parse_window(text: str) -> tuple[dt.time, dt.time]:
    """A maintenance window "HH:MM-HH:MM" in local time; one that ends before it starts runs past midnight.

    >>> parse_window("22:30-01:00")
    (datetime.time(22, 30), datetime.time(1, 0))

    :raises ValueError: with a plain-English message.
    """
    match = _WINDOW.match(text) if isinstance(text, str) else None
    if not match or match.group(1, 2) == match.group(3, 4):
        raise ValueError(f"a maintenance window is two different 24-hour times, like \"02:00-05:00\", not {text!r}")
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    return dt.time(h1, m1), dt.time(h2, m2)


def in_window(now: dt.datetime, window: str = DEFAULT_WINDOW) -> bool:
    """Whether the local time ``now`` is inside the window (start included, end not).

    :param now: the local time.
    :param window: "HH:MM-HH:MM".
    """
    start, end = parse_window(window)
    moment = now.time()
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def ready_to_switch(now: dt.datetime, in_use: bool, window: str = DEFAULT_WINDOW) -> bool:
    """Whether the kiosk may switch version now: nobody is using it and it is inside its maintenance window.

    :param now: the local time.
    :param in_use: the app's ``session.in_use`` (someone is at the screen).
    :param window: the ``update.window`` setting.
    """
    return not in_use and in_window(now, window)


def check_update(client: CentralClient, current: str) -> Offer | None:
    """Ask the service which version this kiosk should run; None when it runs it already.

    :param client: the kiosk's client.
    :param current: the running version.
    :raises SyncFailed: the service could not be asked, or its reply is not an offer.
    """
    response = _get(client, "/v1/update", params={"version": current})
    if response.status_code == 204:
        return None
    try:
        body = response.json()
        offer = Offer(check_version(body["version"]), str(body["sha256"]).lower(), int(body["size"]), str(body["url"]))
    except (ValueError, KeyError, TypeError, BadBundle):
        raise BadData("The central service's update offer is not what the protocol says.") from None
    if not re.fullmatch(r"[0-9a-f]{64}", offer.sha256) or offer.size <= 0 or not offer.url.startswith("/"):
        raise BadData("The central service's update offer is not what the protocol says.")
    return offer


def _get(client: CentralClient, path: str, stream: bool = False, **kwargs) -> requests.Response:
    where = f"GET {path}"
    try:
        response = client.session.get(client.url + path, timeout=client.timeout, stream=stream, **kwargs)
    except requests.exceptions.RequestException:
        raise Offline(f"The central service cannot be reached, or the connection was lost ({where}).") from None
    if response.status_code in (200, 204):
        return response
    try:
        code = response.json().get("error")
    except (ValueError, AttributeError):
        code = None
    response.close()
    raise _failure(response.status_code, code, where)


def download(client: CentralClient, offer: Offer, versions: Path) -> Path:
    """Download the offered bundle to a temporary file in ``versions`` and check its size and SHA-256.

    :param client: the kiosk's client.
    :param offer: from ``check_update``.
    :param versions: the folder to download into (``<kiosk.data_dir>/updates``).
    :returns: the checked file (the caller deletes it).
    :raises UpdateRefused: the download is not the bundle offered (nothing is kept).
    :raises SyncFailed: the download failed on the way.
    """
    versions.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(versions).free
    if free < SPACE_FACTOR * offer.size:
        raise UpdateRefused(f"not enough disk space for version {offer.version}: {free:,} bytes free, "
                            f"{SPACE_FACTOR * offer.size:,} wanted.")
    handle, name = tempfile.mkstemp(prefix=".download-", suffix=".tar.gz", dir=versions)
    path, digest, size = Path(name), hashlib.sha256(), 0
    try:
        # The bundle is compressed already: asking for it as it is keeps the service from gzipping it again.
        with os.fdopen(handle, "wb") as out, _get(client, offer.url, stream=True,
                                                  headers={"Accept-Encoding": "identity"}) as response:
            try:
                for chunk in response.iter_content(1 << 16):
                    size += len(chunk)
                    if size > offer.size:
                        raise UpdateRefused(f"the download of {offer.version} is larger than the "
                                            f"{offer.size:,} bytes offered.")
                    digest.update(chunk)
                    out.write(chunk)
            except requests.exceptions.RequestException:
                raise Offline(f"The download of {offer.version} was cut off; it will be tried again.") from None
        if size != offer.size:
            raise UpdateRefused(f"the download of {offer.version} is {size:,} bytes, not the {offer.size:,} offered.")
        if digest.hexdigest() != offer.sha256:
            raise UpdateRefused(f"the download of {offer.version} does not match its SHA-256: it was damaged or "
                                f"changed on the way.")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def mark_healthy_if_due(state_path: Path, version: str) -> bool:
    """After a switch, record that ``version`` works: it started, reached home and had a heartbeat accepted.

    Does nothing (and returns False) unless the state is "switched" to this very version.

    :param state_path: the update state file.
    :param version: the running version.
    """
    with state_lock(state_path):  # the guard may be counting a start or rolling back at this moment
        state = read_update_state(state_path)
        if state["state"] != "switched" or state["version"] != version:
            return False
        write_update_state(state_path, {**state, "state": "healthy", "reason": None})
    log.info("version %s is healthy", version)
    return True



def write_json(path: Path, data: dict) -> None:
    """Replace a small JSON file in one step (temporary file, flush, rename), readable by root and the user.

    :param path: the file.
    :param data: what to write.
    """
    write_atomically(Path(path), json.dumps(data).encode(), mode=0o644)


def kept_download(updates: Path) -> Offer | None:
    """The kept, checked download (``ready.json`` and its ``<version>.tar.gz`` of the right size), or None.

    :param updates: ``<kiosk.data_dir>/updates``.
    """
    try:
        data = json.loads((updates / READY_FILE).read_text(encoding="utf-8"))
        kept = Offer(check_version(data["version"]), str(data["sha256"]), int(data["size"]), "")
        if (updates / f"{kept.version}.tar.gz").stat().st_size != kept.size:
            return None
    except (OSError, ValueError, KeyError, TypeError, BadBundle):
        return None
    return kept


def recheck(bundle: Path, kept: Offer) -> None:
    """Check a kept download again, as when it was downloaded: its size, SHA-256 and every entry.

    :param bundle: ``updates/<version>.tar.gz``.
    :param kept: its record, from ``kept_download``.
    :raises UpdateRefused: it is no longer the bundle that was checked, or not a safe one.
    """
    digest, size = hashlib.sha256(), 0
    try:
        with open(bundle, "rb") as data:
            while chunk := data.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        if size != kept.size or digest.hexdigest() != kept.sha256:
            raise UpdateRefused(f"the kept download of {kept.version} does not match its record: it was changed.")
        check_bundle(bundle, kept.version)
    except OSError as error:
        raise UpdateRefused(f"the kept download of {kept.version} cannot be read ({type(error).__name__}).") from None
    except BadBundle as error:
        raise UpdateRefused(f"version {kept.version} refused: {error}") from None


def clear_downloads(updates: Path, keep: str | None = None) -> None:
    """Delete kept downloads and leftovers, except ``keep``'s bundle and record.

    :param updates: ``<kiosk.data_dir>/updates``.
    :param keep: a version whose download stays.
    """
    for entry in updates.iterdir() if updates.is_dir() else ():
        if keep and entry.name in (f"{keep}.tar.gz", READY_FILE):
            continue
        if entry.name != REQUEST_FILE and (entry.is_file() or entry.is_symlink()):
            entry.unlink(missing_ok=True)


class Updater:
    """The kiosk user's updates, from its settings: ``run_once`` on the sync thread, the rest on the app's.

    :param data_dir: ``kiosk.data_dir`` (holds ``updates/`` and the state file).
    :param current_version: the running version.
    :param window: ``update.window``.
    :param enabled: ``update.enabled`` (off: ``run_once`` and ``switch_if_ready`` do nothing).
    """

    def __init__(self, data_dir: Path, current_version: str, window: str = DEFAULT_WINDOW,
                 enabled: bool = True) -> None:
        parse_window(window)
        self.data_dir = Path(data_dir)
        self.updates, self.state_path = self.data_dir / UPDATES_DIR, self.data_dir / STATE_FILE
        self.current_version, self.window, self.enabled = current_version, window, enabled

    @classmethod
    def from_settings(cls, settings: dict, current_version: str) -> Updater:
        """An updater from the checked kiosk settings.

        :param settings: ``kiosk.config.load_config`` output.
        :param current_version: the running version.
        """
        return cls(Path(settings["kiosk.data_dir"]), current_version, settings["update.window"],
                   settings["update.enabled"])

    @property
    def staged(self) -> str | None:
        """The version downloaded, checked and ready to ask for, or None."""
        kept = kept_download(self.updates)
        return kept.version if kept and kept.version != self.current_version else None

    def run_once(self, client: CentralClient, now: dt.datetime) -> str | None:
        """Inside the window: ask for an update, then download and check it. Returns the version ready to switch to.

        A failure is logged and leaves nothing half-done; the next call tries again.

        :param client: the kiosk's client.
        :param now: the local time.
        """
        if not self.enabled or not in_window(now, self.window):
            return self.staged
        state = read_update_state(self.state_path)
        if state["state"] == "switched":
            return None  # the last switch is still being checked: one change at a time
        try:
            offer = check_update(client, self.current_version)
            if offer is None:  # up to date, or the ring was set back to this version: drop anything kept
                clear_downloads(self.updates)
                return None
            kept = kept_download(self.updates)
            if kept and (kept.version, kept.sha256, kept.size) == (offer.version, offer.sha256, offer.size):
                return self.staged
            if offer.version == state["rolled_back_from"]:
                log.warning("version %s is offered again, but it failed here before and was rolled back: "
                            "not installing it", offer.version)
                return None
            self.keep(client, offer)
        except (SyncFailed, UpdateRefused) as error:
            log.warning("update not downloaded: %s", error)
        return self.staged

    def keep(self, client: CentralClient, offer: Offer) -> None:
        """Download and check an offer, and keep it as ``updates/<version>.tar.gz`` with its record.

        :raises UpdateRefused: or ``SyncFailed``, with nothing left behind.
        """
        self.updates.mkdir(mode=0o755, parents=True, exist_ok=True)
        clear_downloads(self.updates)
        bundle = download(client, offer, self.updates)
        try:
            check_bundle(bundle, offer.version)  # refused here already; root checks it again before unpacking
            bundle.chmod(0o644)
            os.replace(bundle, self.updates / f"{offer.version}.tar.gz")
        except BadBundle as error:
            raise UpdateRefused(f"version {offer.version} refused: {error}") from None
        finally:
            bundle.unlink(missing_ok=True)
        write_json(self.updates / READY_FILE, {"version": offer.version, "sha256": offer.sha256, "size": offer.size})
        log.info("version %s is downloaded, checked and ready to switch to", offer.version)

    def switch_if_ready(self, now: dt.datetime, in_use: bool) -> str | None:
        """Ask for the switch to the kept version if nobody is using the kiosk and it is in the window.

        Writes ``updates/switch-request.json``; the app then exits with ``RESTART_EXIT_STATUS`` and root's
        ``kiosk update apply`` does the switch before the next start.

        :param now: the local time.
        :param in_use: the app's ``session.in_use``.
        :returns: the version asked for, or None (nothing kept, not ready, or the request cannot be written).
        """
        if not self.enabled or not ready_to_switch(now, in_use, self.window):
            return None
        kept = kept_download(self.updates)
        if kept is None or kept.version == self.current_version:
            return None
        try:
            recheck(self.updates / f"{kept.version}.tar.gz", kept)
        except UpdateRefused as error:
            # The kept file is the kiosk user's and may have changed since it was checked: a restart for a
            # bundle root will refuse anyway would only interrupt the kiosk. Drop it; the next run downloads again.
            log.warning("not asking for the switch: %s", error)
            clear_downloads(self.updates)
            return None
        try:
            write_json(self.updates / REQUEST_FILE, {"version": kept.version, "sha256": kept.sha256,
                                                     "size": kept.size})
        except OSError as error:
            log.warning("could not ask for the switch to version %s (%s)", kept.version, type(error).__name__)
            return None
        log.info("asked for the switch to version %s; the app exits for it", kept.version)
        return kept.version

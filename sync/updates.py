"""Staged app updates: fetch the ring's target version, check it, unpack it beside the others, switch between sessions.

    updater = Updater.from_settings(settings, current_version="0.1.0+aa09bfc")
    updater.run_once(client, now=dt.datetime.now())       # sync thread: in the window, check, download, stage
    if updater.switch_if_ready(dt.datetime.now(), app.session.in_use):   # app thread, nobody at the screen
        app.request_exit("update")                        # exit RESTART_EXIT_STATUS: systemd runs the guard, then it
    mark_healthy_if_due(state_path, running_version)      # new version: home reached and a heartbeat accepted

Layout (docs/updates.md): ``<update.root>/versions/<version>/`` holds each unpacked build, ``current`` and
``previous`` are symbolic links into it. A download goes to a temporary file in ``versions/``, is checked against
the size and SHA-256 the service gave, then against ``sync.bundle.check_bundle`` (one folder, no absolute paths,
no ``..``, no links out), and is unpacked with tarfile's ``data`` filter into a temporary folder that is renamed
into place: a version folder exists only once it is complete. ``switch`` writes the state "switched" first and
then replaces each link in one rename, so a power cut at any point leaves either the old or the new version,
never neither; a version that was switched to and then rolled back by the guard is never installed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

from sync.bundle import PROGRAM, BadBundle, check_bundle, check_version
from sync.client import BadData, CentralClient, Offline, SyncFailed, _failure
from sync.update_state import STATE_FILE, read_update_state, write_update_state

log = logging.getLogger(__name__)

DEFAULT_WINDOW = "02:00-05:00"
_WINDOW = re.compile(r"^\s*([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)\s*$")
#: Free space wanted before a download: the bundle, its unpacked copy, and room to spare.
SPACE_FACTOR = 4
_TEMP_PREFIXES = (".download-", ".unpack-")
#: The exit status that asks systemd for a fresh start after a switch (the unit's RestartForceExitStatus): an
#: in-place re-exec would skip the guard and, in a frozen build, run the old version's resolved executable again.
RESTART_EXIT_STATUS = 75


class UpdateRefused(Exception):
    """An update that must not go ahead (bad download, unsafe bundle, no space, nothing staged); says why."""


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
    :param versions: ``<update.root>/versions``.
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


def unpack(bundle: Path, versions: Path, version: str) -> Path:
    """Unpack a checked bundle into ``versions/<version>``, refusing anything unsafe; the folder appears complete.

    :param bundle: the downloaded ``.tar.gz``.
    :param versions: ``<update.root>/versions``.
    :param version: the version it must be.
    :raises UpdateRefused: the bundle is unsafe or laid out wrongly (nothing is left behind).
    """
    try:
        top = check_bundle(bundle, version)
    except BadBundle as error:
        raise UpdateRefused(f"version {version} refused: {error}") from None
    final = versions / version
    work = Path(tempfile.mkdtemp(prefix=".unpack-", dir=versions))
    try:
        with tarfile.open(bundle, "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", links out and special files a second time.
            archive.extractall(work, filter="data")
        if final.exists():
            shutil.rmtree(final)
        (work / top).rename(final)
    except (tarfile.TarError, OSError) as error:
        raise UpdateRefused(f"version {version} could not be unpacked ({type(error).__name__}).") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final


def installed_version(root: Path, link: str = "current") -> str | None:
    """The version ``<root>/current`` (or ``previous``) points at, or None."""
    try:
        return Path(os.readlink(Path(root) / link)).name
    except OSError:
        return None


def _point(link: Path, target: str) -> None:
    # A new link under a temporary name renamed over the old one: rename is atomic, so the link never vanishes.
    temporary = link.with_name(f".{link.name}.new")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, link)
    folder = os.open(link.parent, os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def switch(state_path: Path, root: Path, version: str, now: dt.datetime | None = None) -> None:
    """Make a staged version current: state "switched" first, then ``previous`` and ``current`` swapped.

    Call it only when ``ready_to_switch`` says so, then restart the app. The guard rolls back if the new version
    does not mark itself healthy (``mark_healthy_if_due``) within its starts or minutes.

    :param state_path: the update state file.
    :param root: ``update.root``.
    :param version: a version unpacked in ``versions/``.
    :param now: the time (UTC) written as ``switched_at`` (default: now).
    :raises UpdateRefused: the version is not staged, or is current already.
    """
    root = Path(root)
    if not (root / "versions" / check_version(version) / PROGRAM).is_file():
        raise UpdateRefused(f"version {version} is not unpacked in {root / 'versions'}, so it cannot be switched to.")
    old = installed_version(root)
    if old == version:
        raise UpdateRefused(f"version {version} is current already.")
    moment = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    state = read_update_state(state_path)
    write_update_state(state_path, {**state, "state": "switched", "version": version, "previous": old,
                                    "switched_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "starts": 0,
                                    "reason": None})
    if old is not None:
        _point(root / "previous", f"versions/{old}")
    _point(root / "current", f"versions/{version}")
    log.info("switched from version %s to %s; the app restarts into it", old, version)


def mark_healthy_if_due(state_path: Path, version: str) -> bool:
    """After a switch, record that ``version`` works: it started, reached home and had a heartbeat accepted.

    Does nothing (and returns False) unless the state is "switched" to this very version.

    :param state_path: the update state file.
    :param version: the running version.
    """
    state = read_update_state(state_path)
    if state["state"] != "switched" or state["version"] != version:
        return False
    write_update_state(state_path, {**state, "state": "healthy", "reason": None})
    log.info("version %s is healthy", version)
    return True


def prune(versions: Path, keep: set[str]) -> None:
    """Delete unpacked versions not in ``keep`` and leftovers of interrupted downloads.

    :param versions: ``<update.root>/versions``.
    :param keep: version folder names to keep (current, previous, the one being staged).
    """
    for entry in versions.iterdir() if versions.is_dir() else ():
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(_TEMP_PREFIXES):
            entry.unlink(missing_ok=True)


class Updater:
    """The kiosk's updates, configured from its settings; ``run_once`` on the sync thread, the rest on the app's.

    :param root: ``update.root``.
    :param state_path: the update state file (``kiosk.data_dir``/update-state.json).
    :param current_version: the running version.
    :param window: ``update.window``.
    :param enabled: ``update.enabled`` (off: ``run_once`` and ``switch_if_ready`` do nothing).
    """

    def __init__(self, root: Path, state_path: Path, current_version: str, window: str = DEFAULT_WINDOW,
                 enabled: bool = True) -> None:
        parse_window(window)
        self.root, self.state_path = Path(root), Path(state_path)
        self.current_version, self.window, self.enabled = current_version, window, enabled
        self.staged: str | None = None

    @classmethod
    def from_settings(cls, settings: dict, current_version: str) -> "Updater":
        """An updater from the checked kiosk settings.

        :param settings: ``kiosk.config.load_config`` output.
        :param current_version: the running version.
        """
        return cls(settings["update.root"], Path(settings["kiosk.data_dir"]) / STATE_FILE, current_version,
                   settings["update.window"], settings["update.enabled"])

    def run_once(self, client: CentralClient, now: dt.datetime) -> str | None:
        """Inside the window: ask for an update, then download, check and unpack it. Returns the staged version.

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
            if offer is None:  # up to date, or the ring was set back to this version: drop anything staged
                self.staged = None
                return None
            if offer.version == self.staged:
                return self.staged
            if offer.version == state["rolled_back_from"]:
                log.warning("version %s is offered again, but it failed here before and was rolled back: "
                            "not installing it", offer.version)
                return None
            self.staged = self.stage(client, offer)
        except (SyncFailed, UpdateRefused) as error:
            log.warning("update not staged: %s", error)
        return self.staged

    def stage(self, client: CentralClient, offer: Offer) -> str:
        """Download, check and unpack an offer into ``versions/`` (reusing a complete folder already there).

        :raises UpdateRefused: or ``SyncFailed``, with nothing left behind.
        """
        versions = self.root / "versions"
        keep = {name for name in (installed_version(self.root), installed_version(self.root, "previous"),
                                  offer.version) if name}
        prune(versions, keep)
        if (versions / offer.version / PROGRAM).is_file() and offer.version != installed_version(self.root):
            return offer.version
        bundle = download(client, offer, versions)
        try:
            unpack(bundle, versions, offer.version)
        finally:
            bundle.unlink(missing_ok=True)
        log.info("version %s is downloaded, checked and ready to switch to", offer.version)
        return offer.version

    def switch_if_ready(self, now: dt.datetime, in_use: bool) -> str | None:
        """Switch to the staged version if nobody is using the kiosk and it is in the window; the app restarts then.

        :param now: the local time.
        :param in_use: the app's ``session.in_use``.
        :returns: the version switched to, or None (nothing staged, not ready, or refused).
        """
        if not self.enabled or self.staged is None or not ready_to_switch(now, in_use, self.window):
            return None
        version, self.staged = self.staged, None
        try:
            switch(self.state_path, self.root, version)
        except (UpdateRefused, OSError) as error:
            log.warning("could not switch to version %s: %s", version, error)
            return None
        return version


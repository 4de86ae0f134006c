"""App updates, root's half: before each start, apply the switch the app asked for (``kiosk update apply``).

    version = apply_request(root=Path("/opt/jobpoint"), data_dir=Path("/var/lib/jobpoint"), confirm=confirm)

The kiosk user (``sync.updates``) downloads and checks a bundle into ``<kiosk.data_dir>/updates/`` and writes
``switch-request.json``; that folder is the kiosk user's, so nothing in it is trusted. Here, as root: the request
is read without following links, the bundle is copied into a root-owned file while its SHA-256 is taken, and the
copy must match the request's size and SHA-256, and (``confirm``) the version the central service offers this
kiosk now, so a kiosk user cannot make root install a bundle of its own. The copy is checked with
``sync.bundle.check_bundle`` and unpacked with tarfile's ``data`` filter into ``versions/<version>`` (root-owned,
no group or other write), then ``switch`` writes the state "switched" and swaps ``previous`` and ``current`` one
rename each. Any failure keeps the running version: the request is deleted and a short reason goes into the
state file. Versions other than current and previous are deleted after a successful switch only, so a version
the guard rolled back stays on disk for investigation until the next update.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import stat
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from sync.bundle import PROGRAM, BadBundle, check_bundle, check_version
from sync.client import SyncFailed
from sync.update_state import LOCK_FILE, STATE_FILE, read_update_state, state_lock, write_update_state
from sync.updates import REQUEST_FILE, UPDATES_DIR, Offer, UpdateRefused, check_update, clear_downloads

log = logging.getLogger(__name__)

_TEMP_PREFIXES = (".download-", ".unpack-", ".apply-")
#: A switch request is three short fields; anything bigger is not one.
_REQUEST_MAX = 4096

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
        lock_down(work / top)
        if final.exists():
            shutil.rmtree(final)
        (work / top).rename(final)
    except (tarfile.TarError, OSError) as error:
        raise UpdateRefused(f"version {version} could not be unpacked ({type(error).__name__}).") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final


def lock_down(folder: Path) -> None:
    """Make an unpacked version the caller's (root's) and read-only to everyone else: folders 0755, programs 0755,
    other files 0644, links left as they are.

    :param folder: the unpacked version.
    """
    owner = (os.geteuid(), os.getegid())
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            continue
        if (info.st_uid, info.st_gid) != owner:
            os.chown(path, *owner, follow_symlinks=False)
        executable = stat.S_ISDIR(info.st_mode) or info.st_mode & stat.S_IXUSR
        os.chmod(path, 0o755 if executable else 0o644)


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
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    state = read_update_state(state_path)
    write_update_state(state_path, {**state, "state": "switched", "version": version, "previous": old,
                                    "switched_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "starts": 0,
                                    "reason": None})
    if old is not None:
        _point(root / "previous", f"versions/{old}")
    _point(root / "current", f"versions/{version}")
    log.info("switched from version %s to %s; the app restarts into it", old, version)


def prune(versions: Path, keep: set[str]) -> None:
    """Delete unpacked versions not in ``keep`` and leftovers of interrupted downloads.

    :param versions: ``<update.root>/versions``.
    :param keep: version folder names to keep (current and previous).
    """
    for entry in versions.iterdir() if versions.is_dir() else ():
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(_TEMP_PREFIXES):
            entry.unlink(missing_ok=True)




def read_request(updates: Path) -> Offer | None:
    """The switch request in ``updates`` (not followed if it is a link), or None when there is none.

    :param updates: ``<kiosk.data_dir>/updates``.
    :raises UpdateRefused: the request is not a small JSON file with a version, a SHA-256 and a size.
    """
    try:
        handle = os.open(updates / REQUEST_FILE, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UpdateRefused(f"the switch request cannot be read ({type(error).__name__}).") from None
    try:
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise UpdateRefused("the switch request is not a plain file.")
            data = json.loads(file.read(_REQUEST_MAX + 1)[:_REQUEST_MAX].decode("utf-8"))
        request = Offer(check_version(data["version"]), str(data["sha256"]), int(data["size"]), "")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, BadBundle):
        raise UpdateRefused("the switch request is damaged.") from None
    if len(request.sha256) != 64 or request.sha256.strip("0123456789abcdef") or request.size <= 0:
        raise UpdateRefused("the switch request is damaged.")
    return request


def copy_checked(updates: Path, request: Offer, versions: Path) -> Path:
    """Copy the requested bundle into a root-owned file in ``versions`` and check it against the request.

    The copy, not the kiosk user's file, is checked and unpacked: that file could change after the check.

    :param updates: ``<kiosk.data_dir>/updates``.
    :param request: from ``read_request``.
    :param versions: ``<update.root>/versions``.
    :returns: the checked copy (the caller deletes it).
    :raises UpdateRefused: missing, not a plain file, or its size or SHA-256 is not the request's.
    """
    try:
        source = os.open(updates / f"{request.version}.tar.gz", os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
                         | os.O_NONBLOCK)
    except OSError as error:
        raise UpdateRefused(f"the download of {request.version} cannot be read ({type(error).__name__}).") from None
    handle, name = tempfile.mkstemp(prefix=".apply-", suffix=".tar.gz", dir=versions)
    copy, digest, size = Path(name), hashlib.sha256(), 0
    try:
        with os.fdopen(source, "rb") as data, os.fdopen(handle, "wb") as out:
            if not stat.S_ISREG(os.fstat(data.fileno()).st_mode):
                raise UpdateRefused(f"the download of {request.version} is not a plain file.")
            while chunk := data.read(1 << 16):
                size += len(chunk)
                if size > request.size:
                    break
                digest.update(chunk)
                out.write(chunk)
        if size != request.size or digest.hexdigest() != request.sha256:
            raise UpdateRefused(f"the download of {request.version} changed after it was checked (its size or "
                                f"SHA-256 is not the one asked for).")
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy


def confirm_with_service(client, current: str | None) -> Callable[[Offer], None]:
    """A ``confirm`` for ``apply_request``: the central service must offer this kiosk that very bundle now.

    :param client: a ``CentralClient`` with the kiosk's credential.
    :param current: the version ``current`` points at.
    """
    def confirm(request: Offer) -> None:
        offer = check_update(client, current or "none")
        if offer is None or (offer.version, offer.sha256, offer.size) != (request.version, request.sha256,
                                                                             request.size):
            raise UpdateRefused(f"the central service does not offer version {request.version} with that SHA-256 "
                                f"to this kiosk now.")
    return confirm


def apply_request(root: Path, data_dir: Path, confirm: Callable[[Offer], None] | None,
                  now: dt.datetime | None = None) -> str | None:
    """Switch to the version the app asked for, if it checks out; run as root before each start of the app.

    Never raises for a bad request or bundle: it logs why, deletes the request, writes the reason into the state
    file and leaves the running version in place.

    :param root: ``update.root``.
    :param data_dir: ``kiosk.data_dir``.
    :param confirm: checks the request with the central service (``confirm_with_service``); raises
        ``UpdateRefused`` or ``SyncFailed``. None skips it (tests of the other checks only).
    :param now: the switch time (default: now).
    :returns: the version switched to, or None.
    """
    root, data_dir = Path(root), Path(data_dir)
    updates, versions, state_path = data_dir / UPDATES_DIR, root / "versions", data_dir / STATE_FILE
    versions.mkdir(mode=0o755, parents=True, exist_ok=True)
    prune(versions, keep={name for name in os.listdir(versions) if not name.startswith(".")})  # leftovers only
    if data_dir.is_dir():
        _make_lock(state_path)
    if updates.is_symlink() or not updates.is_dir():
        return None
    with state_lock(state_path):
        try:
            request = read_request(updates)
        except UpdateRefused as error:
            _refused(state_path, updates, None, str(error))
            return None
        if request is None:
            return None
        copy = None
        try:
            if request.version == installed_version(root):
                raise UpdateRefused(f"version {request.version} is current already.")
            if confirm is not None:
                confirm(request)
            copy = copy_checked(updates, request, versions)
            unpack(copy, versions, request.version)
            switch(state_path, root, request.version, now)
        except Exception as error:  # noqa: BLE001 -- whatever went wrong, the running version must still start
            reason = str(error) if isinstance(error, (UpdateRefused, SyncFailed)) else type(error).__name__
            keep = request.version if isinstance(error, SyncFailed) else None  # try again later, same download
            _refused(state_path, updates, keep, f"update to {request.version} not applied: {reason}")
            return None
        finally:
            if copy is not None:
                copy.unlink(missing_ok=True)
        _own_like(state_path, data_dir)
        (updates / REQUEST_FILE).unlink(missing_ok=True)
        clear_downloads(updates)
    prune(versions, {name for name in (installed_version(root), installed_version(root, "previous")) if name})
    return request.version


def _refused(state_path: Path, updates: Path, keep: str | None, reason: str) -> None:
    log.warning("%s; the running version stays", reason)
    (updates / REQUEST_FILE).unlink(missing_ok=True)
    clear_downloads(updates, keep)
    write_update_state(state_path, {**read_update_state(state_path), "reason": reason[:200]})
    _own_like(state_path, state_path.parent)


def _make_lock(state_path: Path) -> None:
    # The guard and the app lock the same file; made here by root (under the unit's UMask=0077) it would be
    # root's alone and the app could not open it, so it is made the data folder owner's, readable by all.
    lock = state_path.with_name(LOCK_FILE)
    try:
        if not lock.is_symlink():
            os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644))
            os.chmod(lock, 0o644)
            _own_like(lock, state_path.parent)
    except OSError as error:
        log.warning("could not make %s (%s)", lock, type(error).__name__)


def _own_like(path: Path, folder: Path) -> None:
    # Root writes the state file; the app (the kiosk user) must still be able to read it and the guard keeps the
    # data folder's owner too.
    if os.geteuid() == 0:
        info = folder.stat()
        os.chown(path, info.st_uid, info.st_gid, follow_symlinks=False)

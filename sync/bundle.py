"""A release bundle: the ``jobpoint-<version>.tar.gz`` that ``make dist`` builds, checked before anyone trusts it.

    check_version("0.2.0+aa09bfc")                     # raises BadBundle with a plain reason
    top = check_bundle(Path("jobpoint-0.2.0.tar.gz"), "0.2.0")   # "jobpoint-0.2.0"

The central service checks a bundle when it is added (``kiosk-central release add``) and the kiosk checks it
again before unpacking, because a bundle that passed the service may still have been changed on the way. A bundle
is refused unless every entry sits inside one folder ``jobpoint-<version>/``, that folder holds the ``kiosk``
program, and every entry is a plain file, folder or symbolic link: no absolute path, no ``..``, ``.`` or empty
part, no name twice, no device, pipe, hard link or set-user-ID file, nothing inside a link, and each link names a
file or folder of the bundle by a path that runs through real folders only (no link to a link, so a chain that
looks inside but leads out is refused too). At most ``MAX_ENTRIES`` entries and ``MAX_UNPACKED_BYTES`` unpacked.
Unpacking also uses tarfile's ``data`` filter, so a check missed here is still caught there.
"""

from __future__ import annotations

import re
import stat
import tarfile
import zlib
from pathlib import Path

#: A version as ``make dist`` writes it: "0.1.0", "0.1.0+aa09bfc", "2026.11.1-rc1".
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$")
#: The program every bundle must hold, relative to its top folder.
PROGRAM = "kiosk"
#: Caps on what a bundle may hold: `make dist` writes about 400 entries and 75 MB today.
MAX_ENTRIES = 20_000
MAX_UNPACKED_BYTES = 2 << 30


class BadBundle(ValueError):
    """A bundle or version that must not be installed; the message says why in plain English."""


def check_version(version) -> str:
    """A release version: 1 to 40 letters, digits, dots, plus signs, dashes or underscores.

    :param version: e.g. "0.2.0+aa09bfc".
    :raises BadBundle: anything else (it becomes a folder name on every kiosk, so nothing else is allowed).
    """
    if not isinstance(version, str) or not _VERSION.match(version) or ".." in version:
        raise BadBundle(f"{version!r} is not a version: use 1 to 40 letters, digits, dots, '+', '-' or '_', "
                        f"starting with a letter or digit, like 0.2.0+aa09bfc.")
    return version


def top_folder(version: str) -> str:
    """The one folder a bundle of ``version`` unpacks to."""
    return f"jobpoint-{version}"


def _check_entry(member: tarfile.TarInfo, top: str, seen: dict[str, tarfile.TarInfo]) -> None:
    """One entry on its own: where it goes, what kind it is and its mode (links are checked once all are read)."""
    name = member.name.rstrip("/") if member.isdir() else member.name
    parts = name.split("/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise BadBundle(f"the bundle holds an absolute path ({name}).")
    if ".." in parts:
        raise BadBundle(f"the bundle holds a path that climbs out of its folder ({name}).")
    if "" in parts or "." in parts or "\\" in name:
        raise BadBundle(f"the bundle holds a path that is not written plainly ({name}).")
    if parts[0] != top:
        raise BadBundle(f"everything in the bundle must be inside {top}/, but {name} is not.")
    if name in seen:
        raise BadBundle(f"the bundle holds {name} twice (unpacking would keep only the second).")
    if member.islnk():
        raise BadBundle(f"the bundle holds a hard link ({name} -> {member.linkname}); `make dist` makes none.")
    if not (member.isfile() or member.isdir() or member.issym()):
        raise BadBundle(f"the bundle holds a device, pipe or other special file ({name}).")
    if member.isfile() and member.mode & (stat.S_ISUID | stat.S_ISGID):  # a folder's set-group-ID is harmless
        raise BadBundle(f"the bundle holds a set-user-ID or set-group-ID file ({name}).")


def _check_link(link: tarfile.TarInfo, entries: dict[str, tarfile.TarInfo], folders: set[str]) -> None:
    """A symbolic link must name, by a relative path through real folders only, a file or folder of the bundle.

    The path is walked one step at a time through the bundle's own entries, as the system will follow it. So a
    link through another link (a chain, where the path as written and the path followed differ) is refused, not
    guessed at, and so is a link to nothing, to the top folder or out of it.
    """
    target = link.linkname
    outside = BadBundle(f"the bundle holds a link pointing outside its folder ({link.name} -> {target}).")
    if not target or target.startswith("/") or "\\" in target:
        raise outside
    where = link.name.split("/")[:-1]
    for part in target.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            where.pop()
            if len(where) < 2:  # at or above the top folder
                raise outside
            continue
        where.append(part)
        path = "/".join(where)
        step = entries.get(path)
        if step is not None and step.issym():
            raise BadBundle(f"the bundle holds a link to another link ({link.name} -> {target}).")
        if step is None and path not in folders:
            raise BadBundle(f"the bundle holds a link to nothing in the bundle ({link.name} -> {target}).")
    if len(where) < 2:
        raise outside


def _check_nothing_inside(entries: dict[str, tarfile.TarInfo], folders: set[str]) -> None:
    for name, member in entries.items():
        if not member.isdir() and name in folders:
            # Unpacking would write through the link (or fail on the file): refused whatever the link points at.
            inside = next(other for other in entries if other.startswith(name + "/"))
            raise BadBundle(f"the bundle holds {inside} inside a link or a file ({name}).")


def check_bundle(path: Path, version: str) -> str:
    """Check a bundle file for ``version`` and return its top folder's name.

    :param path: the ``.tar.gz`` file.
    :param version: the version it must be (its folder is ``jobpoint-<version>``).
    :raises BadBundle: not a readable gzip tarball, or an unsafe or wrongly laid out one.
    """
    top = top_folder(check_version(version))
    entries: dict[str, tarfile.TarInfo] = {}
    declared = 0
    try:
        # One entry at a time, with caps, so a bundle of a million entries or a vast declared size is refused
        # before it is all read (getmembers() would hold every header in memory first).
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                if len(entries) >= MAX_ENTRIES:
                    raise BadBundle(f"the bundle holds more than {MAX_ENTRIES:,} entries.")
                _check_entry(member, top, entries)
                declared += member.size
                if declared > MAX_UNPACKED_BYTES:
                    raise BadBundle(f"the bundle unpacks to more than {MAX_UNPACKED_BYTES:,} bytes.")
                entries[member.name.rstrip("/") if member.isdir() else member.name] = member
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BadBundle(f"{Path(path).name} is not a readable .tar.gz bundle ({type(error).__name__}).") from None
    if not entries:
        raise BadBundle(f"{Path(path).name} is empty.")
    # Every folder some entry sits in, whether or not the bundle lists it as an entry of its own.
    folders = {name.rsplit("/", depth)[0] for name in entries for depth in range(1, name.count("/") + 1)}
    _check_nothing_inside(entries, folders)
    for member in entries.values():
        if member.issym():
            _check_link(member, entries, folders)
    program = entries.get(f"{top}/{PROGRAM}")
    if program is None or not program.isfile():
        raise BadBundle(f"the bundle has no {top}/{PROGRAM} program: is it really a `make dist` build of {version}?")
    return top

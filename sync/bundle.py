"""A release bundle: the ``jobpoint-<version>.tar.gz`` that ``make dist`` builds, checked before anyone trusts it.

    check_version("0.2.0+aa09bfc")                     # raises BadBundle with a plain reason
    top = check_bundle(Path("jobpoint-0.2.0.tar.gz"), "0.2.0")   # "jobpoint-0.2.0"

The central service checks a bundle when it is added (``kiosk-central release add``) and the kiosk checks it
again before unpacking, because a bundle that passed the service may still have been changed on the way. A bundle
is refused unless every entry sits inside one folder ``jobpoint-<version>/``, that folder holds the ``kiosk``
program, and no entry is an absolute path, climbs out with ``..``, is a device or pipe, or is a link pointing
outside the folder. Unpacking also uses tarfile's ``data`` filter, so a check missed here is still caught there.
"""

from __future__ import annotations

import posixpath
import re
import tarfile
from pathlib import Path

#: A version as ``make dist`` writes it: "0.1.0", "0.1.0+aa09bfc", "2026.11.1-rc1".
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$")
#: The program every bundle must hold, relative to its top folder.
PROGRAM = "kiosk"


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


def _check_member(member: tarfile.TarInfo, top: str) -> None:
    name = member.name
    parts = name.split("/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise BadBundle(f"the bundle holds an absolute path ({name}).")
    if ".." in parts:
        raise BadBundle(f"the bundle holds a path that climbs out of its folder ({name}).")
    if parts[0] != top:
        raise BadBundle(f"everything in the bundle must be inside {top}/, but {name} is not.")
    if not (member.isfile() or member.isdir() or member.issym() or member.islnk()):
        raise BadBundle(f"the bundle holds a device, pipe or other special file ({name}).")
    if member.issym() or member.islnk():
        target = member.linkname
        # A symbolic link is relative to its own folder; a hard link names another entry of the archive.
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target) if member.issym() else target)
        if target.startswith("/") or resolved == top or not resolved.startswith(top + "/"):
            raise BadBundle(f"the bundle holds a link pointing outside its folder ({name} -> {target}).")


def check_bundle(path: Path, version: str) -> str:
    """Check a bundle file for ``version`` and return its top folder's name.

    :param path: the ``.tar.gz`` file.
    :param version: the version it must be (its folder is ``jobpoint-<version>``).
    :raises BadBundle: not a readable gzip tarball, or an unsafe or wrongly laid out one.
    """
    top = top_folder(check_version(version))
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BadBundle(f"{Path(path).name} is not a readable .tar.gz bundle ({type(error).__name__}).") from None
    if not members:
        raise BadBundle(f"{Path(path).name} is empty.")
    for member in members:
        _check_member(member, top)
    program = {m.name: m for m in members}.get(f"{top}/{PROGRAM}")
    if program is None or not program.isfile():
        raise BadBundle(f"the bundle has no {top}/{PROGRAM} program: is it really a `make dist` build of {version}?")
    return top

"""Release bundles for the update tests: good ones shaped like `make dist` output, and hostile ones.

    path = make_bundle(tmp_path, "0.2.0")                              # jobpoint-0.2.0/kiosk and a data file
    path = make_bundle(tmp_path, "0.2.0", extra=[symlink("jobpoint-0.2.0/x", "../../etc")])
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path


def member(name: str, data: bytes = b"", mode: int = 0o644, kind: bytes = tarfile.REGTYPE,
           link: str = "") -> tuple[tarfile.TarInfo, bytes]:
    """One tar entry and its data."""
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.size, info.linkname = kind, mode, len(data) if kind == tarfile.REGTYPE else 0, link
    return info, data


def symlink(name: str, target: str) -> tuple[tarfile.TarInfo, bytes]:
    """A symbolic link entry."""
    return member(name, kind=tarfile.SYMTYPE, link=target, mode=0o777)


def hardlink(name: str, target: str) -> tuple[tarfile.TarInfo, bytes]:
    """A hard link entry naming another entry of the archive."""
    return member(name, kind=tarfile.LNKTYPE, link=target)


#: Hostile entries for a bundle of 0.2.0, each with the words its refusal must hold. Each kind once; the ones
#: marked "today" passed ``check_bundle`` (and ``release add``) before issue #17, the rest were refused already.
TOP = "jobpoint-0.2.0"
HOSTILE = {
    # today: a link to a link whose text stays inside, but which really climbs out through "here".
    "symlink chain out": ([symlink(f"{TOP}/_internal/here", "."),
                           symlink(f"{TOP}/_internal/out", "here/here/here/../../../../etc/passwd")], "link"),
    # today: a link to another link, even inside the folder (kiosks follow no chains).
    "symlink to a symlink": ([symlink(f"{TOP}/chained", "_internal/data-link.txt")], "link to another link"),
    # today: an entry written through a link to a folder.
    "entry under a symlink": ([symlink(f"{TOP}/lib", "_internal"), member(f"{TOP}/lib/evil.so", b"x")],
                              "inside a link"),
    # today: a link to a folder of the bundle, or to nothing in it.
    "symlink to nothing": ([symlink(f"{TOP}/ghost", "_internal/missing.so")], "nothing in the bundle"),
    # today: a hard link, even to a file inside the folder.
    "hard link inside": ([hardlink(f"{TOP}/hard", f"{TOP}/kiosk")], "hard link"),
    "hard link outside": ([hardlink(f"{TOP}/hard", "etc/passwd")], "hard link"),
    # today: the same name twice (the second entry wins on unpacking).
    "duplicate name": ([member(f"{TOP}/kiosk", b"#!/bin/sh\necho owned\n", mode=0o755)], "twice"),
    # today: a set-user-ID program.
    "setuid": ([member(f"{TOP}/su", b"x", mode=0o4755)], "set-user-ID"),
    # today: a name with "." or an empty part in it.
    "dot path": ([member(f"{TOP}/./_internal/x", b"x")], "not written plainly"),
    "symlink out": ([symlink(f"{TOP}/_internal/shadow", "../../../../escaped-link")], "link"),
    "absolute symlink": ([symlink(f"{TOP}/etc", "/etc")], "link"),
    "absolute path": ([member("/tmp/jobpoint-update-test-absolute", b"echo owned")], "absolute path"),
    "dot-dot path": ([member(f"{TOP}/../../escaped.sh", b"echo owned")], "climbs out"),
    "character device": ([member(f"{TOP}/null", kind=tarfile.CHRTYPE)], "device"),
    "block device": ([member(f"{TOP}/sda", kind=tarfile.BLKTYPE)], "device"),
    "fifo": ([member(f"{TOP}/pipe", kind=tarfile.FIFOTYPE)], "pipe"),
}


def make_bundle(folder: Path, version: str, extra=(), top: str | None = None, program: bool = True,
                marker: bytes = b"") -> Path:
    """A ``jobpoint-<version>.tar.gz``: a ``kiosk`` program that prints its version, a data file, ``extra``."""
    top = top or f"jobpoint-{version}"
    entries = [member(top + "/", kind=tarfile.DIRTYPE, mode=0o755),
               member(f"{top}/_internal/", kind=tarfile.DIRTYPE, mode=0o755),
               member(f"{top}/_internal/data.txt", f"data of {version}".encode() + marker),
               symlink(f"{top}/_internal/data-link.txt", "data.txt")]
    if program:
        entries.append(member(f"{top}/kiosk", f"#!/bin/sh\necho {version}\n".encode(), mode=0o755))
    entries += list(extra)
    path = Path(folder) / f"jobpoint-{version}-{len(list(Path(folder).glob('*.tar.gz')))}.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for info, data in entries:
            archive.addfile(info, io.BytesIO(data) if info.isfile() else None)
    return path

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

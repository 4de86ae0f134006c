"""Property-based check of ``sync.bundle.check_bundle``: whatever entries a bundle holds, one it accepts is safe to
unpack even WITHOUT tarfile's data filter: nothing lands outside the folder, and no link leads out of it."""

from __future__ import annotations

import os
import tarfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.bundle import BadBundle, check_bundle
from tests.sync.bundles import make_bundle, member, symlink

TOP = "jobpoint-0.2.0"
_PART = st.sampled_from(["_internal", "lib", "here", "data.txt", "x", "..", ".", ""])
_TARGET = st.sampled_from([".", "..", "../..", "data.txt", "_internal", "here", "here/here/..", "lib/../..",
                           "../data.txt", "_internal/data.txt", "/nonexistent-jobpoint-target", "x/../../.."])


@st.composite
def _entry(draw):
    path = "/".join([TOP, *draw(st.lists(_PART, min_size=1, max_size=4))])
    kind = draw(st.sampled_from(["file", "dir", "link", "hard", "fifo"]))
    if kind == "file":
        return member(path, b"x")
    if kind == "dir":
        return member(path + "/", kind=tarfile.DIRTYPE, mode=0o755)
    if kind == "hard":
        return member(path, kind=tarfile.LNKTYPE, link=f"{TOP}/kiosk")
    if kind == "fifo":
        return member(path, kind=tarfile.FIFOTYPE)
    return symlink(path, draw(_TARGET))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@settings(max_examples=300)
@given(entries=st.lists(_entry(), max_size=6))
def test_a_bundle_check_bundle_accepts_stays_in_its_folder_without_the_data_filter(tmp_path_factory, entries):
    work = tmp_path_factory.mktemp("fuzz")
    bundle = make_bundle(work, "0.2.0", extra=entries)
    try:
        top = check_bundle(bundle, "0.2.0")
    except BadBundle:
        return
    sandbox = work / "sandbox"
    destination = sandbox / "unpacked"
    destination.mkdir(parents=True)
    with tarfile.open(bundle, "r:gz") as archive:
        archive.extractall(destination, filter="fully_trusted")  # trusting check_bundle alone
    assert sorted(os.listdir(sandbox)) == ["unpacked"] and sorted(os.listdir(destination)) == [top]
    root = (destination / top).resolve()
    for folder, names, files in os.walk(destination / top):
        for name in names + files:
            path = Path(folder) / name
            assert _inside(path.resolve(), root), f"{path} leads out of the bundle"

"""A throw-away Debian 12 (bookworm) chroot for the installer tests, built once with debootstrap and cached.

    root = unpack_chroot(tmp_path / "root")     # ~5 s from the cache; ~3 minutes the first time

The cache is a zstd tarball in ~/.cache/jobpoint/chroot/, named after everything that shapes it (suite, mirror,
the installer's package list), so a change to install.sh's packages builds a fresh one. It is debootstrap's
minbase plus those packages already installed: install.sh then finds them present and the test spends its time
on what install.sh itself does. Building needs debootstrap, zstd and the network (the apt mirror this machine
uses).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.deploy.conftest import DEPLOY

SUITE = "bookworm"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jobpoint" / "chroot"
#: Bump to rebuild every cached chroot after changing how it is made.
RECIPE = "1"


def host_mirror() -> str:
    """The Debian mirror this machine's apt uses (deb.debian.org when none is found)."""
    for path in [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for url in re.findall(r"(?:^deb\s+(?:\[[^]]*\]\s+)?|^URIs:\s*)(https?://\S+)", text, re.M):
            if "security" not in url:
                return url.rstrip("/")
    return "http://deb.debian.org/debian"


def packages() -> list[str]:
    """The packages install.sh installs, asked from install.sh itself."""
    out = subprocess.run([str(DEPLOY / "install.sh"), "--print-packages"], capture_output=True, text=True,
                         check=True).stdout
    return sorted(out.split())


def cache_path() -> Path:
    """Where the chroot for the current package list is (or will be) cached."""
    key = hashlib.sha256("\n".join([RECIPE, SUITE, host_mirror(), *packages()]).encode()).hexdigest()[:12]
    return CACHE / f"{SUITE}-minbase-{key}.tar.zst"


def build_chroot(tarball: Path) -> None:
    """debootstrap minbase, install the packages, and save it as a tarball.

    :param tarball: where to write it (written under a temporary name, then renamed).
    """
    tarball.parent.mkdir(parents=True, exist_ok=True)
    work = tarball.parent / f".build-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    try:
        subprocess.run(["debootstrap", "--variant=minbase", SUITE, str(work), host_mirror()], check=True,
                       capture_output=True, timeout=900)
        prepare(work)
        subprocess.run(["chroot", str(work), "apt-get", "update", "-qq"], check=True, capture_output=True,
                       timeout=300)
        subprocess.run(["chroot", str(work), "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y",
                        "-qq", "--no-install-recommends", *packages()], check=True, capture_output=True, timeout=900)
        subprocess.run(["chroot", str(work), "apt-get", "clean"], check=True, capture_output=True)
        partial = tarball.with_suffix(".partial")
        subprocess.run(["tar", "--zstd", "-C", str(work), "-cf", str(partial), "."], check=True, timeout=600)
        partial.rename(tarball)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def prepare(root: Path) -> None:
    """Make a chroot safe to install into: no service may start (policy-rc.d), and names resolve."""
    policy = root / "usr" / "sbin" / "policy-rc.d"
    policy.write_text("#!/bin/sh\n# Test chroot: never start services.\nexit 101\n")
    policy.chmod(0o755)
    shutil.copyfile("/etc/resolv.conf", root / "etc" / "resolv.conf")


def unpack_chroot(root: Path, build: bool = True) -> Path | None:
    """Unpack the cached chroot into ``root``, building the cache first if needed and allowed.

    :param root: an empty or missing folder.
    :param build: build the cache when it is missing (about 3 minutes); otherwise return None.
    """
    tarball = cache_path()
    if not tarball.exists():
        if not build:
            return None
        build_chroot(tarball)
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "--zstd", "-C", str(root), "-xf", str(tarball)], check=True, timeout=300)
    prepare(root)
    return root

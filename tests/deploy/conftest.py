"""Deployment tests: the update guard on real folders, the installer in a real Debian chroot.

Fakes here are fake *builds* only (a few lines of shell standing in for the PyInstaller kiosk program, so a
version can be made to crash or to report healthy on purpose); the guard, install.sh and uninstall.sh under
test are the real scripts, run as real processes.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
GUARD = DEPLOY / "guard"


def pytest_configure(config):
    """Register the marker used here (pyproject's list belongs to the lead)."""
    config.addinivalue_line("markers", "slow: builds or unpacks a Debian chroot (cached in ~/.cache/jobpoint)")


#: What a fake build's kiosk program does when started: crash, run and quit without ever reporting healthy,
#: or report healthy the way the real app does (rewrite the state file, atomically).
KIOSK_SCRIPTS = {
    "crash": 'echo "$(readlink -f "$0") $*" >>"$RUNS"; exit 1\n',
    "never_healthy": 'echo "$(readlink -f "$0") $*" >>"$RUNS"; exit 0\n',
    "healthy": (
        'echo "$(readlink -f "$0") $*" >>"$RUNS"\n'
        'jq \'.state = "healthy"\' "$STATE" >"$STATE.app" && mv "$STATE.app" "$STATE"\n'
    ),
}


def make_version(opt: Path, version: str, behaviour: str) -> Path:
    """Make ``opt/versions/<version>`` with a kiosk program that behaves as asked (see ``KIOSK_SCRIPTS``).

    :param opt: the /opt/jobpoint folder.
    :param version: the version name.
    :param behaviour: a key of ``KIOSK_SCRIPTS``.
    """
    folder = opt / "versions" / version
    folder.mkdir(parents=True)
    program = folder / "kiosk"
    program.write_text("#!/bin/sh\n" + KIOSK_SCRIPTS[behaviour])
    program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


def guard(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real guard against a root folder."""
    return subprocess.run([str(GUARD), *args, "--root", str(root)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


class Kiosk:
    """A throw-away kiosk layout: /opt/jobpoint with versions and links, /var/lib/jobpoint with the state."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.opt = root / "opt" / "jobpoint"
        self.data = root / "var" / "lib" / "jobpoint"
        self.state_file = self.data / "update-state.json"
        self.runs = root / "runs.log"
        (self.opt / "versions").mkdir(parents=True)
        self.data.mkdir(parents=True)

    def link(self, name: str, version: str) -> None:
        """Point ``current`` or ``previous`` at a version."""
        path = self.opt / name
        if path.is_symlink():
            path.unlink()
        path.symlink_to(f"versions/{version}")

    def target(self, name: str) -> str | None:
        """The version a link points at, or None when it is missing."""
        path = self.opt / name
        return Path(os.readlink(path)).name if path.is_symlink() else None

    def write_state(self, **fields) -> None:
        """Write the state file as the updater would after a switch."""
        state = {"state": "switched", "version": None, "previous": None, "switched_at": None, "starts": 0,
                 "rolled_back_from": None, "rolled_back_at": None, "reason": None, **fields}
        self.state_file.write_text(json.dumps(state))

    def state(self) -> dict:
        """The state file as the guard left it."""
        return json.loads(self.state_file.read_text())

    def switched(self, old: str, new: str, new_behaviour: str, switched_at: str) -> None:
        """Two versions, the old one fine, the new one just switched to (as the updater leaves it)."""
        make_version(self.opt, old, "never_healthy")
        make_version(self.opt, new, new_behaviour)
        self.link("previous", old)
        self.link("current", new)
        self.write_state(version=new, previous=old, switched_at=switched_at)

    def start_service(self) -> int:
        """One start of jobpoint-kiosk.service as systemd runs it: ExecStartPre=the guard, ExecStart=the
        current version's kiosk, and after a failure ExecStopPost=guard --after-failure.

        :returns: the kiosk program's exit status.
        """
        assert guard(self.root).returncode == 0
        env = {**os.environ, "RUNS": str(self.runs), "STATE": str(self.state_file)}
        status = subprocess.run([str(self.opt / "current" / "kiosk"), "run", "--kiosk"], env=env,
                                timeout=60).returncode
        result = "success" if status == 0 else "exit-code"
        assert guard(self.root, "--after-failure", env={"SERVICE_RESULT": result}).returncode == 0
        return status

    def runs_of(self, version: str) -> int:
        """How many times a version's kiosk program was started."""
        if not self.runs.exists():
            return 0
        return sum(f"/versions/{version}/kiosk" in line for line in self.runs.read_text().splitlines())


@pytest.fixture
def kiosk(tmp_path) -> Kiosk:
    """A fresh throw-away kiosk layout."""
    return Kiosk(tmp_path / "root")

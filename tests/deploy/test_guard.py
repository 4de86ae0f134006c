"""The update guard (deploy/guard) on real folders: a broken new version is rolled back to the previous one, a
healthy one is left alone, and a switch killed half-way never leaves /opt/jobpoint/current missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime, timedelta, UTC

import pytest

from tests.deploy.conftest import GUARD, guard, make_version


def iso(minutes_ago: float) -> str:
    """A UTC time some minutes ago, as the updater writes switched_at."""
    return (datetime.now(UTC) - timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("behaviour", ["crash", "never_healthy"])
def test_broken_version_is_rolled_back_after_three_starts(kiosk, behaviour):
    kiosk.switched("1.0.0", "2.0.0", behaviour, switched_at=iso(0))

    for _ in range(2):
        kiosk.start_service()
        assert kiosk.target("current") == "2.0.0"
    kiosk.start_service()
    # A crash is rolled back by ExecStopPost right after the 3rd failed start; a version that quits cleanly
    # without becoming healthy is rolled back by the guard before the 4th start.
    assert kiosk.target("current") == ("1.0.0" if behaviour == "crash" else "2.0.0")
    kiosk.start_service()  # the 4th start runs the previous version

    assert kiosk.runs_of("2.0.0") == 3
    assert kiosk.runs_of("1.0.0") == 1
    assert kiosk.target("current") == "1.0.0"
    state = kiosk.state()
    assert state["state"] == "rolled_back"
    assert state["version"] == "1.0.0"
    assert state["rolled_back_from"] == "2.0.0"
    assert state["reason"] == "version 2.0.0 did not become healthy after 3 starts"
    assert datetime.strptime(state["rolled_back_at"], "%Y-%m-%dT%H:%M:%SZ")
    assert guard(kiosk.root, "--check").returncode == 3


def test_rolled_back_kiosk_is_not_rolled_back_again(kiosk):
    kiosk.switched("1.0.0", "2.0.0", "crash", switched_at=iso(0))
    for _ in range(4):
        kiosk.start_service()
    rolled_back = kiosk.state()

    for _ in range(5):
        kiosk.start_service()

    assert kiosk.target("current") == "1.0.0"
    assert kiosk.state() == rolled_back


def test_healthy_version_is_left_alone(kiosk):
    kiosk.switched("1.0.0", "2.0.0", "healthy", switched_at=iso(0))

    for _ in range(6):
        assert kiosk.start_service() == 0

    assert kiosk.runs_of("2.0.0") == 6
    assert kiosk.target("current") == "2.0.0"
    assert kiosk.target("previous") == "1.0.0"
    state = kiosk.state()
    assert state["state"] == "healthy"
    assert state["starts"] == 1  # counted up to the start that reported healthy, then never again
    assert state["rolled_back_from"] is None
    assert guard(kiosk.root, "--check").returncode == 0


@pytest.mark.parametrize("minutes, rolled_back", [(11, True), (9, False)])
def test_version_not_healthy_ten_minutes_after_the_switch_is_rolled_back_by_the_timer(kiosk, minutes, rolled_back):
    kiosk.switched("1.0.0", "2.0.0", "never_healthy", switched_at=iso(minutes))
    kiosk.write_state(version="2.0.0", previous="1.0.0", switched_at=iso(minutes), starts=1)

    result = guard(kiosk.root, "--watch")

    assert result.returncode == 0
    assert kiosk.target("current") == ("1.0.0" if rolled_back else "2.0.0")
    assert kiosk.state()["state"] == ("rolled_back" if rolled_back else "switched")
    if rolled_back:
        assert kiosk.state()["reason"] == "version 2.0.0 did not become healthy within 10 minutes of the switch"
    assert kiosk.state()["starts"] == 1  # the timer never counts a start


def test_missing_version_folder_falls_back_to_previous(kiosk):
    kiosk.switched("1.0.0", "2.0.0", "healthy", switched_at=iso(0))
    shutil.rmtree(kiosk.opt / "versions" / "2.0.0")

    kiosk.start_service()

    assert kiosk.target("current") == "1.0.0"
    assert kiosk.state()["reason"] == "the folder of version 2.0.0 is missing"


def test_rollback_with_no_previous_version_keeps_the_current_one(kiosk):
    make_version(kiosk.opt, "2.0.0", "crash")
    kiosk.link("current", "2.0.0")
    kiosk.write_state(version="2.0.0", switched_at=iso(0), starts=3)

    assert guard(kiosk.root, "--check").returncode == 5
    result = guard(kiosk.root)

    assert result.returncode == 0
    assert "no previous version" in result.stderr
    assert kiosk.target("current") == "2.0.0"
    assert kiosk.state()["state"] == "switched"


def test_unreadable_state_changes_nothing_and_never_stops_the_start(kiosk):
    kiosk.switched("1.0.0", "2.0.0", "crash", switched_at=iso(0))
    kiosk.state_file.write_text('{"state": "switched", "starts": 9')  # cut short

    result = guard(kiosk.root)

    assert result.returncode == 0
    assert "not valid JSON" in result.stderr
    assert kiosk.target("current") == "2.0.0"
    assert guard(kiosk.root, "--check").returncode == 4


@pytest.mark.parametrize("setup, expected", [
    ("no state file", 0),
    ("idle", 0),
    ("healthy", 0),
    ("switched", 1),
    ("three starts", 2),
    ("rolled back", 3),
    ("current dangling", 4),
])
def test_check_exit_codes(kiosk, setup, expected):
    kiosk.switched("1.0.0", "2.0.0", "crash", switched_at=iso(0))
    if setup == "no state file":
        kiosk.state_file.unlink()
    elif setup in ("idle", "healthy"):
        kiosk.write_state(state=setup, version="2.0.0")
    elif setup == "three starts":
        kiosk.write_state(version="2.0.0", previous="1.0.0", switched_at=iso(0), starts=3)
    elif setup == "rolled back":
        kiosk.write_state(state="rolled_back", version="1.0.0", rolled_back_from="2.0.0", reason="test")
    elif setup == "current dangling":
        kiosk.link("current", "9.9.9")

    result = guard(kiosk.root, "--check")

    assert result.returncode == expected, result.stdout
    assert result.stdout.strip()
    assert (kiosk.target("current"), kiosk.state_file.exists()) == (
        "9.9.9" if setup == "current dangling" else "2.0.0", setup != "no state file")


def test_unknown_option_is_a_usage_error(kiosk):
    result = guard(kiosk.root, "--rollback-now")
    assert result.returncode == 64
    assert 'unknown option "--rollback-now"' in result.stderr


def strace_can_inject() -> bool:
    """strace's fault injection needs ptrace, which some containers forbid."""
    if not shutil.which("strace"):
        return False
    probe = subprocess.run(["strace", "-f", "-o", os.devnull, "-e", "inject=uname:error=EPERM", "uname"],
                           capture_output=True)
    return probe.returncode != 0  # uname failed: the injection worked


@pytest.mark.skipif(not strace_can_inject(), reason="strace cannot inject faults here (no ptrace)")
@pytest.mark.parametrize("killed_at, current_after_kill", [("current", "2.0.0"), ("state", "1.0.0")])
def test_guard_killed_mid_rollback_never_leaves_current_missing(kiosk, killed_at, current_after_kill):
    """Kill the guard at the rename that switches the link, or at the one that writes the state, with strace."""
    kiosk.switched("1.0.0", "2.0.0", "crash", switched_at=iso(0))
    kiosk.write_state(version="2.0.0", previous="1.0.0", switched_at=iso(0), starts=3)
    path = kiosk.opt / "current" if killed_at == "current" else kiosk.state_file

    subprocess.run(["strace", "-f", "-o", os.devnull, "-P", str(path), "-e", "trace=rename,renameat,renameat2",
                    "-e", "inject=rename,renameat,renameat2:signal=SIGKILL",
                    str(GUARD), "--root", str(kiosk.root)], capture_output=True, timeout=60)

    # current is always a whole version: the old one before the rename, the new one after.
    assert kiosk.target("current") == current_after_kill
    assert (kiosk.opt / "current" / "kiosk").is_file()
    assert kiosk.state()["state"] == "switched"  # the state write never happened, or never landed

    assert guard(kiosk.root).returncode == 0  # the next start finishes the job

    assert kiosk.target("current") == "1.0.0"
    assert kiosk.state()["state"] == "rolled_back"
    assert kiosk.state()["rolled_back_from"] == "2.0.0"
    assert not list(kiosk.opt.glob(".current.new.*"))
    assert not list(kiosk.data.glob("update-state.json.*"))

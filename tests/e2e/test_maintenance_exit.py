"""Leaving kiosk mode, the only way: an IT staff card on the real PC/SC stack, its PIN, then maintenance's
"Leave kiosk mode" touched twice. The real ``kiosk run --kiosk`` process under Xvfb, a virtual card in vpcd's reader,
the PIN typed on the keyboard and the buttons touched with xdotool where the kiosk's probe says they are.
"""

from __future__ import annotations

import re
import subprocess
import time

import pytest

from tests.device.card_rig import PIN, VPCD_READER, VirtualCardProcess

pytestmark = [pytest.mark.e2e, pytest.mark.pcsc, pytest.mark.timeout(120)]


def wait_for_line(kiosk, pattern, timeout=30.0, after=0):
    """Wait until the kiosk's output has a line matching ``pattern`` (from character ``after`` on); return the match
    of the last such line."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        matches = list(re.compile(pattern, re.MULTILINE).finditer(kiosk.log(), after))
        if matches:
            return matches[-1]
        kiosk._check_alive()
        time.sleep(0.1)
    pytest.fail(f"no line matching {pattern!r} within {timeout} s\n{kiosk._tail()}", pytrace=False)


def target(kiosk, name):
    match = wait_for_line(kiosk, rf"^PROBE target {name} (\d+) (\d+)$")
    return int(match.group(1)), int(match.group(2))


def touch(xserver, x, y):
    xserver.run("xdotool", "mousemove", str(x), str(y), "click", "1")


@pytest.mark.parametrize("role, leaves", [("maintenance", True), ("champion", False)])
def test_it_card_leaves_kiosk_mode_and_a_champion_card_cannot(xserver, kiosk_factory, pcsc_stack, issuers,
                                                               tmp_path, role, leaves):
    trusted, _forger = issuers
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[card]\ntrusted_key_file = "{trusted.public_file}"\nreader = "{VPCD_READER}"\n'
                      f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    kiosk = kiosk_factory(xserver, args=("--kiosk", "--config", str(config)),
                          extra_env={"KIOSK_PROBE_TARGETS": "1"})
    kiosk.wait_drawn()
    # The reader may still report the card of the test before for a moment; the keypad wanted is the one that
    # follows this test's card going in.
    settled = len(kiosk.log())
    card = VirtualCardProcess(trusted.card(tmp_path, roles=(role,)))
    try:
        inserted = wait_for_line(kiosk, r"card reader pcsc: card inserted$", after=settled)
        wait_for_line(kiosk, r"^PROBE overlay StaffPinPanel$", after=inserted.end())
        xserver.run("xdotool", "type", "--delay", "80", PIN)
        xserver.run("xdotool", "key", "Return")
        if not leaves:
            wait_for_line(kiosk, r"staff card \w+: assisted mode")
            assert "PROBE overlay MaintenancePanel" not in kiosk.log()
            assert kiosk.alive(), "a champion's card gives no way out"
            return
        wait_for_line(kiosk, r"^PROBE overlay MaintenancePanel$")
        x, y = target(kiosk, "leave")
        touch(xserver, x, y)
        time.sleep(1.0)
        assert kiosk.alive(), "one touch must not leave kiosk mode (it asks to be touched again)"
        touch(xserver, x, y)
        try:
            code = kiosk.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running after Leave kiosk mode was touched twice\n{kiosk._tail()}")
        assert code == 0, kiosk._tail()
        assert "maintenance: leaving kiosk mode" in kiosk.log()
        assert xserver.find_window() is None
    finally:
        card.stop()

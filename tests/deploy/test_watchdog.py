"""kiosk/watchdog.py: sd_notify over a real AF_UNIX datagram socket, as systemd listens on $NOTIFY_SOCKET."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

from kiosk import watchdog


@pytest.fixture
def listener(tmp_path):
    """A datagram socket standing where systemd's notify socket would be."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify"
    sock.bind(str(path))
    sock.settimeout(5)
    yield str(path), sock
    sock.close()


def test_ping_sends_watchdog_to_the_notify_socket(listener):
    path, sock = listener
    assert watchdog.ping({"NOTIFY_SOCKET": path}) is True
    assert sock.recv(64) == b"WATCHDOG=1"


def test_abstract_notify_socket_is_reached():
    name = f"jobpoint-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        assert watchdog.notify("READY=1", {"NOTIFY_SOCKET": "@" + name}) is True
        assert sock.recv(64) == b"READY=1"


@pytest.mark.parametrize("value", ["", "relative/path", "/nonexistent/jobpoint-notify"])
def test_no_usable_socket_is_not_an_error(value):
    assert watchdog.ping({"NOTIFY_SOCKET": value}) is False


def test_default_environment_is_read(listener, monkeypatch):
    path, sock = listener
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    assert watchdog.ping() is True
    assert sock.recv(64) == b"WATCHDOG=1"


@pytest.mark.parametrize("usec, seconds", [("60000000", 30.0), ("0", None), ("soon", None), ("", None)])
def test_ping_interval_is_half_the_watchdog_timeout(usec, seconds):
    assert watchdog.interval_seconds({"WATCHDOG_USEC": usec}) == seconds


def test_interval_in_the_unit_matches_the_pings():
    """The unit's WatchdogSec=60 gives a 30-second ping, within the research's 30 s check-in."""
    unit = (os.path.dirname(__file__) + "/../../deploy/systemd/jobpoint-kiosk.service")
    lines = Path(unit).read_text(encoding="utf-8").splitlines()
    assert "WatchdogSec=60" in lines and "NotifyAccess=all" in lines
    assert watchdog.interval_seconds({"WATCHDOG_USEC": str(60 * 1_000_000)}) == 30.0

"""Tell systemd the kiosk is alive: a tiny ``sd_notify`` over ``$NOTIFY_SOCKET``, with no new dependency.

    from kiosk import watchdog
    every = watchdog.interval_seconds()          # None when systemd is not watching
    if every:
        Clock.schedule_interval(lambda _dt: watchdog.ping(), every)

``jobpoint-kiosk.service`` sets ``WatchdogSec=60``: if the app's main loop stops (a hang, not a crash), the pings
stop and systemd restarts the service. Outside systemd (a laptop, the tests) every call here does nothing.

The app runs inside the display session (cage), so it is not the service's main process. systemd's
``WATCHDOG_PID`` therefore names cage, not us; the unit sets ``NotifyAccess=all`` so that pings from the app are
accepted, and this module deliberately does not compare ``WATCHDOG_PID`` with its own pid.
"""

from __future__ import annotations

import os
import socket

NOTIFY_SOCKET = "NOTIFY_SOCKET"
WATCHDOG_USEC = "WATCHDOG_USEC"


def notify(state: str, environ: dict | None = None) -> bool:
    """Send one sd_notify message, e.g. ``"WATCHDOG=1"`` or ``"READY=1"``.

    :param state: the message, one ``KEY=value`` per line.
    :param environ: where to find ``$NOTIFY_SOCKET`` (default: ``os.environ``).
    :returns: True if it was sent; False when not under systemd or the socket is gone. It never raises: a
        failed ping must not take the kiosk down (systemd will restart it anyway if pings really stop).

    >>> notify("WATCHDOG=1", environ={})
    False
    """
    address = (os.environ if environ is None else environ).get(NOTIFY_SOCKET, "")
    if not address or address[0] not in "/@":
        return False
    if address[0] == "@":  # an abstract socket: the name starts with a NUL byte
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(state.encode("utf-8"), address)
    except OSError:
        return False
    return True


def ping(environ: dict | None = None) -> bool:
    """Tell systemd's watchdog the app is still running (``WATCHDOG=1``).

    :param environ: as for :func:`notify`.
    """
    return notify("WATCHDOG=1", environ)


def interval_seconds(environ: dict | None = None) -> float | None:
    """How often to ping: half of systemd's ``WatchdogSec``, or None when no watchdog is set.

    :param environ: where to find ``$WATCHDOG_USEC`` (default: ``os.environ``).

    >>> interval_seconds({"WATCHDOG_USEC": "60000000"})
    30.0
    >>> interval_seconds({}) is None
    True
    """
    raw = (os.environ if environ is None else environ).get(WATCHDOG_USEC, "")
    try:
        usec = int(raw)
    except ValueError:
        return None
    # Half the timeout, as sd_watchdog_enabled(3) advises, so one late frame never trips it.
    return usec / 2_000_000 if usec > 0 else None

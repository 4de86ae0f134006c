"""The walk-away timer: idle, then "Are you still there?", then a wipe.

    >>> clock = [0.0]
    >>> events = []
    >>> monitor = IdleMonitor(now=lambda: clock[0], warning_seconds=30,
    ...                       on_warn=lambda: events.append("warn"), on_expire=lambda: events.append("wipe"))
    >>> monitor.start(limit=90)
    >>> clock[0] = 91; monitor.tick(); events
    ['warn']
    >>> clock[0] = 92; monitor.seconds_left()
    29
    >>> clock[0] = 121; monitor.tick(); events
    ['warn', 'wipe']

It knows nothing of Kivy: the app calls ``tick()`` from its Clock and ``touch()`` on every touch or key, and
tests drive it with a fake ``now``. Staff cards (assisted mode) call ``suspend()`` so no wipe happens while a
member of staff is with the customer.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import Enum


class IdleState(Enum):
    """Where the timer is."""

    NOBODY = "nobody"  # the attract screen: nothing personal to protect
    ACTIVE = "active"
    WARNING = "warning"  # "Are you still there?" is counting down


class IdleMonitor:
    """Decides when a person has walked away.

    :param now: a monotonic clock in seconds (injected so tests can move time on).
    :param warning_seconds: how long the warning counts down before ``on_expire``.
    :param on_warn: called once when the warning should appear.
    :param on_expire: called once when nobody answered the warning: wipe the session.
    :param on_extend: called when the warning is dismissed by a touch or "I need more time".
    """

    def __init__(
        self,
        now: Callable[[], float] = time.monotonic,
        warning_seconds: float = 30,
        on_warn: Callable[[], None] = lambda: None,
        on_expire: Callable[[], None] = lambda: None,
        on_extend: Callable[[], None] = lambda: None,
    ) -> None:
        self.now = now
        self.warning_seconds = warning_seconds
        self.on_warn, self.on_expire, self.on_extend = on_warn, on_expire, on_extend
        self.state = IdleState.NOBODY
        self.limit = 90.0
        self._last_activity = 0.0
        self._warned_at = 0.0
        self._suspended_by: set[str] = set()

    def start(self, limit: float) -> None:
        """A person has started using the kiosk.

        :param limit: seconds without a touch before the warning.
        """
        self.limit = limit
        self.state = IdleState.ACTIVE
        self._last_activity = self.now()

    def stop(self) -> None:
        """Nobody is using the kiosk (back on the attract screen); the timer rests."""
        self.state = IdleState.NOBODY

    def set_limit(self, limit: float) -> None:
        """Change the idle limit, e.g. on a long-reading screen or when accessibility options change.

        :param limit: seconds without a touch before the warning, counted from the last touch.
        """
        self.limit = limit

    def touch(self) -> None:
        """The person touched the screen or typed; while the warning shows, this is "I need more time"."""
        if self.state is IdleState.WARNING:
            self.extend()
        elif self.state is IdleState.ACTIVE:
            self._last_activity = self.now()

    def still_here(self) -> None:
        """The person is using the kiosk without touching it (listening to a page read aloud): the idle time
        starts again, but a warning already showing stays until they answer it."""
        if self.state is IdleState.ACTIVE:
            self._last_activity = self.now()

    def extend(self) -> None:
        """Dismiss the warning and start the idle time again; there is no limit on how often."""
        if self.state is IdleState.WARNING:
            self.state = IdleState.ACTIVE
            self._last_activity = self.now()
            self.on_extend()

    def suspend(self, reason: str) -> None:
        """Hold off the warning and the wipe until ``resume(reason)``; used by assisted (staff card) mode.

        :param reason: a name for the holder, so two holders can overlap.
        """
        self._suspended_by.add(reason)
        self.extend()

    def resume(self, reason: str) -> None:
        """Release a hold; idle time counts again from now, under the normal rules.

        :param reason: the name given to ``suspend``.
        """
        self._suspended_by.discard(reason)
        self._last_activity = self.now()

    @property
    def suspended(self) -> bool:
        """True while any holder has suspended the timer."""
        return bool(self._suspended_by)

    def seconds_left(self) -> int:
        """Whole seconds left on the warning's countdown (0 when it is not showing)."""
        if self.state is not IdleState.WARNING:
            return 0
        return max(0, math.ceil(self._warned_at + self.warning_seconds - self.now()))

    def tick(self) -> None:
        """Move the state on if time is up; call it often (every frame or few hundred milliseconds)."""
        now = self.now()
        if self.state is IdleState.NOBODY or self.suspended:
            return
        if self.state is IdleState.ACTIVE and now - self._last_activity >= self.limit:
            self.state = IdleState.WARNING
            self._warned_at = now
            self.on_warn()
        elif self.state is IdleState.WARNING and now - self._warned_at >= self.warning_seconds:
            self.state = IdleState.NOBODY
            self.on_expire()

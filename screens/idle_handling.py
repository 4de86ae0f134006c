"""The idle timer on screen: "Are you still there?", "I need more time", and the wipe when nobody answers.

    app.idle.more_time()              # the warning's button
    app.idle.suspend("staff_card")    # no warning or wipe while a staff card is in the reader
    app.idle.resume("staff_card")

The timing rules (warn, count down, expire, extend) are ``kiosk.idle.IdleMonitor``'s, as ``app.idle.monitor``; this
module shows and hides the warning and decides how long a screen may stay untouched.
"""

from __future__ import annotations


from kiosk.idle import IdleMonitor
from screens.overlays import IdleWarning


class IdleHandling:
    """Connects the idle monitor to the screens.

    :param app: the ``KioskApp``.
    :param now: the monotonic clock (tests pass one they can move on).
    """

    def __init__(self, app, now) -> None:
        self.app = app
        self.monitor = IdleMonitor(now=now, warning_seconds=app.settings["idle.warning_seconds"],
                                   on_warn=self._on_warn, on_expire=self._on_expire, on_extend=self._on_extend)

    def limit(self) -> float:
        """Seconds the current screen may stay untouched: longer on long reads and with accessibility on."""
        app = self.app
        screen = app.sm.current_screen if hasattr(app, "sm") else None
        seconds = app.settings["idle.long_reading_seconds" if screen is not None and screen.long_reading
                               else "idle.seconds"]
        if app.session.accessibility.any_on():
            seconds *= app.settings["idle.accessibility_factor"]
        return seconds

    def refresh_limit(self) -> None:
        """Work the limit out again (the screen or the accessibility choices changed)."""
        self.monitor.set_limit(self.limit())

    def start(self) -> None:
        """A visit started: run the timer."""
        self.monitor.start(self.limit())

    def stop(self) -> None:
        """The visit ended: stop the timer."""
        self.monitor.stop()

    def on_activity(self, _window=None, touch=None, *_args):
        """A touch, a key or typed text: the person is still here (with the warning showing, "I need more time",
        except a touch on its "Read this page aloud", which reads the warning instead)."""
        overlay = self.app.shell.overlay
        if isinstance(overlay, IdleWarning) and hasattr(touch, "pos") and overlay.reads_at(touch.pos):
            return
        self.monitor.touch()
        # Returning None lets the touch or key carry on to the widgets.

    def tick(self, _dt=None) -> None:
        """Check the timer (every ``idle_poll`` seconds), and end out-of-service when its time is up."""
        self.app.recovery.tick()
        self.monitor.tick()
        overlay = self.app.shell.overlay
        if isinstance(overlay, IdleWarning):
            overlay.seconds_left = self.monitor.seconds_left()

    def more_time(self) -> None:
        """"I need more time": dismiss the warning and start the idle time again."""
        self.monitor.extend()

    def suspend(self, reason: str) -> None:
        """Hold off the idle warning and wipe, e.g. while a staff card is in the reader.

        :param reason: a name for the holder, given again to ``resume``.
        """
        self.monitor.suspend(reason)

    def resume(self, reason: str) -> None:
        """Let the idle timer run again under the normal rules.

        :param reason: the name given to ``suspend``.
        """
        self.monitor.resume(reason)

    def _on_warn(self):
        app = self.app
        # Showing it puts the on-screen keyboard away too (Shell.show_overlay), so the warning fills the screen.
        warning = app.panels["idle"]
        warning.seconds_left = self.monitor.seconds_left()
        app.shell.show_overlay(warning, full=True)
        app.access.speak(app.t["idle.title"])

    def _on_extend(self):
        if isinstance(self.app.shell.overlay, IdleWarning):
            self.app.nav.close_overlay()

    def _on_expire(self):
        self.app.services.count("timeout_wipe")
        self.app.nav.wipe("timeout")

"""Crash recovery: an error anywhere in the main loop shows "out of service", wipes, and starts afresh.

    app.recovery.install()          # on start: Kivy's main loop hands its exceptions here
    app.recovery.out_of_service     # True while the out-of-service screen covers everything
    app.recovery.end_out_of_service()

The kiosk never drops to the desktop. If errors come faster than ``ERROR_BURST`` a minute, recovering is not
working: the handler lets the error through so the process exits and the service manager restarts it.
"""

from __future__ import annotations

import logging
import time
from collections import deque

from kivy.base import ExceptionHandler, ExceptionManager
from kivy.core.window import Window

from kiosk.logs import crash_report

log = logging.getLogger("jobpoint.app")

#: A burst of errors this large inside the window means recovering is not working: let systemd restart us.
ERROR_BURST, ERROR_WINDOW_SECONDS = 10, 60.0


class _ScreenErrorHandler(ExceptionHandler):
    """Turns an exception anywhere in the main loop into the out-of-service screen instead of a crash."""

    def __init__(self, recovery: Recovery) -> None:
        self.recovery = recovery

    def handle_exception(self, exception):
        """Show out-of-service and carry on, unless errors come so fast that recovery is clearly failing."""
        if isinstance(exception, (KeyboardInterrupt, SystemExit)):
            return ExceptionManager.RAISE
        return ExceptionManager.PASS if self.recovery.recover_from(exception) else ExceptionManager.RAISE


class Recovery:
    """The out-of-service screen and the error handler behind it.

    :param app: the ``KioskApp``.
    """

    def __init__(self, app) -> None:
        self.app = app
        self._errors: deque[float] = deque(maxlen=ERROR_BURST)
        self._panel = None
        self._recover_at = 0.0
        self._handler = _ScreenErrorHandler(self)

    def install(self) -> None:
        """Take the main loop's exceptions from now on."""
        ExceptionManager.add_handler(self._handler)

    def uninstall(self) -> None:
        """Stop taking them (the App stopped); safe to repeat."""
        if self._handler in ExceptionManager.handlers:
            ExceptionManager.remove_handler(self._handler)

    def recover_from(self, exception: BaseException) -> bool:
        """Log an error without personal data, wipe, and show out-of-service until the recovery time passes.

        :param exception: what went wrong.
        :returns: False when errors come too fast to recover from (the process should exit and be restarted).
        """
        now = time.monotonic()
        self._errors.append(now)
        log.error("a screen failed; showing out-of-service:\n%s", crash_report(exception))
        self.app.services.crashed(exception)  # time and kind only, for the heartbeat
        if len(self._errors) == ERROR_BURST and now - self._errors[0] < ERROR_WINDOW_SECONDS:
            log.critical("%d errors in under %d s; exiting so the service manager restarts the kiosk",
                         ERROR_BURST, ERROR_WINDOW_SECONDS)
            return False
        try:
            self.app.nav.wipe("error")
        except Exception as wipe_error:  # noqa: BLE001 - the out-of-service screen must still appear
            log.error("wipe after error failed:\n%s", crash_report(wipe_error))
        self.show_out_of_service()
        return True

    def show_out_of_service(self) -> None:
        """Cover everything with the out-of-service screen until ``ui.recover_seconds`` have passed."""
        if self._panel is None:
            self._panel = self.app.panels["out_of_service"]
            Window.add_widget(self._panel)
        # Timed on the same clock as the idle timer, so tests can move it on.
        self._recover_at = self.app.idle.monitor.now() + self.app.settings["ui.recover_seconds"]

    @property
    def out_of_service(self) -> bool:
        """True while the out-of-service screen shows."""
        return self._panel is not None

    def tick(self) -> None:
        """End out-of-service once its time is up (the idle timer's tick calls this)."""
        if self._panel is not None and self.app.idle.monitor.now() >= self._recover_at:
            self.end_out_of_service()

    def end_out_of_service(self) -> None:
        """Take the out-of-service screen away and show the attract screen."""
        if self._panel is None:
            return
        self.app.reader.stop_within(self._panel)
        Window.remove_widget(self._panel)
        self._panel = None
        self.app.sm.current = "attract"
        log.info("out-of-service screen closed; back on the attract screen")

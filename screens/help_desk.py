""""Ask a member of staff for help": the request to the office's staff, from the touch to an answer.

    app.help_desk.ask()          # the header's button: sends a request (off the UI thread) and shows the panel
    app.help_desk.state          # "sending", "on_the_way", "front_desk", "answered" or "" (no request)
    app.help_desk.staff_arrived()    # a staff card went in at this kiosk: the request is answered
    app.help_desk.cancel()       # "I do not need help now", or the wipe

The request says which part of the kiosk is in use (``area_of``) and nothing about the person. While it is open
the kiosk asks every ``POLL_S`` seconds whether staff have answered (from the dashboard); if nobody has after
``help.front_desk_seconds``, or the request could not be sent at all, the panel asks the person to go to the
front desk. The network calls run on threads of their own and report back on Kivy's main thread, so the screen
never waits for the network.
"""

from __future__ import annotations

import logging
import threading

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import OptionProperty, StringProperty

from kiosk.services import ServiceFailed

log = logging.getLogger("jobpoint.help")

#: Seconds between asks whether staff have answered.
POLL_S = 5
#: Screen name prefixes and the part of the kiosk each is.
_AREAS = (("jobs", "jobs"), ("benefits", "benefits"), ("cv", "cv"), ("home", "home"), ("attract", "home"))


def area_of(screen_name: str) -> str:
    """The part of the kiosk a screen belongs to, as a help request names it.

    :param screen_name: e.g. "benefits_question".

        >>> area_of("benefits_question"), area_of("cv_contact"), area_of("about")
        ('benefits', 'cv', 'other')
    """
    for prefix, area in _AREAS:
        if screen_name.startswith(prefix):
            return area
    return "other"


class HelpDesk(EventDispatcher):
    """One help request at a time for this kiosk, and what the help panel shows about it."""

    #: Where the request is: "" none, "sending", "on_the_way", "front_desk" or "answered".
    state = OptionProperty("", options=("", "sending", "on_the_way", "front_desk", "answered"))
    #: Why the person is sent to the front desk: "offline" (not sent) or "no_answer" (nobody came in time).
    front_desk_reason = StringProperty("")

    def __init__(self, app, **kwargs) -> None:
        super().__init__(**kwargs)
        self.app = app
        self.request_id = ""
        self._poll = None
        self._give_up = None
        # Each request has its own number: a reply for a request cancelled meanwhile is ignored.
        self._generation = 0

    def ask(self) -> None:
        """Send a help request from the part of the kiosk in use (unless one is open), then show the panel."""
        if self.state in ("", "answered", "front_desk"):
            self._generation += 1
            self.request_id, self.front_desk_reason = "", ""
            self.state = "sending"
            area = area_of(self.app.sm.current)
            # A reply that comes after "I do not need help now" is a request nobody waits for: close it at once.
            self._in_background(lambda: self.app.services.ask_for_help(area), self._sent, self._not_sent,
                                stale=lambda request_id: self._close_request(request_id, "cancelled"))

    def staff_arrived(self) -> None:
        """A staff card went in at this kiosk: a member of staff is here, so the request is answered."""
        if self.request_id and self.state in ("on_the_way", "front_desk"):
            self._close("staff_card")
            self.state = "answered"

    def cancel(self) -> None:
        """The person does not need help now, or the screen was cleared: close the request, forget it."""
        if self.request_id and self.state in ("on_the_way", "front_desk"):
            self._close("cancelled")
        self._stop_timers()
        self._generation += 1
        self.request_id, self.front_desk_reason, self.state = "", "", ""

    def stop(self) -> None:
        """The kiosk is stopping: stop polling and ignore any reply still on its way (it would arrive on a kiosk
        with no app to show it). An open request stays open for staff to see on the dashboard."""
        self._stop_timers()
        self._generation += 1

    # --- replies, on the main thread ---------------------------------------------------------------------------

    def _sent(self, request_id: str) -> None:
        self.request_id = request_id
        self.state = "on_the_way"
        self._stop_timers()
        self._poll = Clock.schedule_interval(lambda _dt: self._check(), POLL_S)
        wait = self.app.settings.get("help.front_desk_seconds", 180)
        self._give_up = Clock.schedule_once(lambda _dt: self._no_answer(), wait)

    def _not_sent(self, error: ServiceFailed) -> None:
        log.warning("help request not sent: %s", error.message_key)
        self.front_desk_reason = "offline"
        self.state = "front_desk"

    def _no_answer(self) -> None:
        if self.state == "on_the_way":
            self.front_desk_reason = "no_answer"
            self.state = "front_desk"  # the request stays open: staff may still come, and the poll goes on

    def _check(self) -> None:
        request_id = self.request_id
        if request_id:
            self._in_background(lambda: self.app.services.help_status(request_id), self._status, lambda _e: None)

    def _status(self, status: str) -> None:
        if status == "done" and self.state in ("on_the_way", "front_desk"):
            self._stop_timers()
            self.state = "answered"

    # --- helpers -----------------------------------------------------------------------------------------------

    def on_state(self, _desk, state: str) -> None:
        """Read the panel again when what it says changes, if the person has read-aloud on and it is showing."""
        if state:
            # On the next frame: the panel's words follow the state through kv bindings, which may run after this.
            Clock.schedule_once(lambda _dt: self._read_panel(), 0)

    def _read_panel(self) -> None:
        panel = getattr(self.app, "panels", {}).get("help")
        shell = getattr(self.app, "shell", None)
        if panel is not None and shell is not None and shell.overlay is panel:
            self.app.access.read(panel)

    def _close(self, by: str) -> None:
        self._stop_timers()
        self._close_request(self.request_id, by)

    def _close_request(self, request_id: str, by: str) -> None:
        self._in_background(lambda: self.app.services.close_help_request(request_id, by), lambda _r: None,
                            lambda _e: None)

    def _stop_timers(self) -> None:
        for event in (self._poll, self._give_up):
            if event is not None:
                event.cancel()
        self._poll = self._give_up = None

    def _in_background(self, call, done, failed, stale=None) -> None:
        """Run ``call`` on its own thread; ``done(result)`` or ``failed(error)`` on the main thread if still current,
        else ``stale(result)`` (when given) for a result nobody waits for any more."""
        generation = self._generation

        def work() -> None:
            try:
                result, error = call(), None
            except ServiceFailed as caught:
                result, error = None, caught
            except Exception as caught:  # noqa: BLE001 - the network must never take the kiosk down
                log.error("help request: %s", type(caught).__name__)
                result, error = None, ServiceFailed("help.server_error")

            def report(_dt) -> None:
                if generation == self._generation:
                    (failed(error) if error is not None else done(result))
                elif stale is not None and error is None:
                    stale(result)
            Clock.schedule_once(report, 0)

        threading.Thread(target=work, name="help-request", daemon=True).start()

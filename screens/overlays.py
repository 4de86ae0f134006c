"""Panels shown over the current screen: "Are you still there?", "Are you sure?", accessibility, help, out of service.

An overlay takes every touch, so nothing underneath can be pressed by accident while it shows.
"""

from kivy.app import App
from kivy.properties import NumericProperty, OptionProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout


class Overlay(FloatLayout):
    """A panel over the whole interface band; touches never reach what is underneath."""

    def on_touch_down(self, touch):
        """Give the touch to the panel's own buttons, and swallow it either way."""
        super().on_touch_down(touch)
        return True

    def on_touch_move(self, touch):
        """Swallow."""
        super().on_touch_move(touch)
        return True

    def on_touch_up(self, touch):
        """Swallow."""
        super().on_touch_up(touch)
        return True


class IdleWarning(Overlay):
    """"Are you still there?" with a countdown; any touch on it counts as "I need more time"."""

    seconds_left = NumericProperty(30)

    def reads_at(self, position) -> bool:
        """Whether a touch at ``position`` (window coordinates) is on "Read this page aloud".

        :param position: (x, y).
        """
        button = self.ids.read_page
        return button.get_parent_window() is not None and button.collide_point(*button.to_widget(*position))

    def on_touch_down(self, touch):
        """A touch on a button does what the button says; a touch anywhere else means "I need more time"."""
        for child in self.walk(restrict=True):
            if child is not self and getattr(child, "kind", None) and child.collide_point(*touch.pos):
                return super().on_touch_down(touch)
        App.get_running_app().idle.more_time()
        return True


class ConfirmLeave(Overlay):
    """GOV.UK warning before something is cleared: "Are you sure …?", what goes, then "Yes, …" and "No, go back".

    ``what`` is "finish" (everything, then the attract screen) or "start_again" (the answers of the part the person
    is in); ``section`` names that part for the warning ("benefits", "cv").
    """

    what = OptionProperty("finish", options=("finish", "start_again", "new_check"))
    section = StringProperty("")

    def warning_key(self) -> str:
        """The catalogue key of the warning: what will be cleared."""
        if self.what in ("finish", "new_check"):
            return f"confirm.{self.what}.warning"
        return f"confirm.start_again.warning_{self.section}"

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the question, the warning after "Warning:" (not the "!"), each button."""
        t, ids = App.get_running_app().t, self.ids
        return [(ids.heading, ids.heading.text),
                (ids.warning.ids.warning_words, t.text("patterns.warning_spoken", text=ids.warning.text)),
                (ids.yes, ids.yes.text), (ids.no, ids.no.text)]


class AccessibilityPanel(Overlay):
    """Text size, colours, "Move everything lower" and read-aloud, each one touch to change."""


class HelpPanel(Overlay):
    """"Ask a member of staff for help": where the request is (``app.help_desk.state``) and what to do."""

    @staticmethod
    def body_key(state: str, reason: str) -> str:
        """The catalogue key of the panel's words for a request's state.

        :param state: ``HelpDesk.state``.
        :param reason: ``HelpDesk.front_desk_reason``.
        """
        if state == "front_desk":
            return f"help.body.front_desk.{reason or 'offline'}"
        return f"help.body.{state or 'sending'}"

    @staticmethod
    def second_key(state: str, request_id: str) -> str:
        """The second button's words: cancel an open request, else ask again.

        :param state: ``HelpDesk.state``.
        :param request_id: ``HelpDesk.request_id`` ("" when none was sent).
        """
        return "help.cancel" if state in ("sending", "on_the_way") or (state == "front_desk" and request_id) \
            else "help.ask_again"

    def second_action(self) -> None:
        """"I do not need help now" closes the request and the panel; "Ask again" sends a new request."""
        desk = App.get_running_app().help_desk
        if self.second_key(desk.state, desk.request_id) == "help.cancel":
            desk.cancel()
            App.get_running_app().nav.close_overlay()
        else:
            desk.ask()

    def reset(self) -> None:
        """The screen was cleared: a request still open is closed (nobody is waiting any more)."""
        App.get_running_app().help_desk.cancel()


class OutOfService(Overlay):
    """Shown over everything when a screen fails; the kiosk starts afresh by itself after a few seconds."""

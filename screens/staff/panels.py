"""The staff panels: the masked PIN keypad, the assisted-mode banner and staff tools, and maintenance.

What they do is decided in ``screens/staff/modes.py`` (the controller) and ``kiosk/`` (rules); these widgets only
show state and pass touches on.
"""

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.staff.pin_entry import PinEntry, wipe
from screens.base import show_only
from screens.overlays import Overlay
from screens.read_aloud import page_parts


def pin_dots(count: int) -> str:
    """One dot per digit typed ("-" for none): what the keypad shows instead of the digits.

    :param count: digits typed.
    """
    # U+2022: the shipped font has the bullet (not U+25CF, which would draw as an empty box).
    return " ".join("\u2022" * count) if count else "-"


class StaffPinPanel(Overlay):
    """The PIN keypad. Only the number of digits typed is a property; the digits are in a wipeable buffer.

    ``can_type`` is False when the panel only has a message to give (not a staff card, locked, ...).
    """

    digits_typed = NumericProperty(0)
    tries_left = NumericProperty(0)
    message_key = StringProperty("")
    can_type = BooleanProperty(True)

    def __init__(self, **kwargs):
        self.entry = PinEntry()
        super().__init__(**kwargs)
        self.bind(can_type=self._show_blocks)
        self._show_blocks()

    def _show_blocks(self, *_args):
        column = self.ids.pin_column
        blocks = [self.ids.prompt, self.ids.keypad_block] if self.can_type else []
        show_only(column, [self.ids.pin_heading, self.ids.read_page, *blocks, self.ids.message, self.ids.tries,
                           self.ids.take_out, self.ids.cancel])

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the words shown and Cancel (or Close), not the digit keys (each one
        touched says "digit entered"; a list of ten numbers helps nobody) and never the digits typed, which are
        not in any widget: only how many there are."""
        keypad = self.ids.keypad.__self__
        return [(widget, text) for widget, text in page_parts(self, buttons=True)
                if widget.parent is not keypad and widget is not self.ids.dots.__self__]

    def ask(self, tries_left: int | None) -> None:
        """Start a fresh PIN entry.

        :param tries_left: the card's tries left, shown only when fewer than the full number remain.
        """
        self.entry.clear()
        self.digits_typed = 0
        self.can_type = True
        self.message_key = ""
        self.tries_left = tries_left if tries_left is not None and tries_left < 3 else 0

    def tell(self, message_key: str) -> None:
        """Show a message with no keypad (the card cannot be used).

        :param message_key: e.g. "card.locked".
        """
        self.entry.clear()
        self.digits_typed = 0
        self.can_type = False
        self.tries_left = 0
        self.message_key = message_key

    def press(self, digit: str) -> None:
        """A digit key was touched: add it (unseen) and say "digit entered" if read-aloud is on.

        :param digit: "0" to "9".
        """
        if self.entry.add(digit):
            self.digits_typed = self.entry.length
            app = App.get_running_app()
            app.access.speak(app.t["staff.digit_entered"])

    def delete(self) -> None:
        """Remove the last digit."""
        self.entry.delete()
        self.digits_typed = self.entry.length

    def submit(self) -> None:
        """Enter: hand the digits to the card, then wipe them whatever the answer."""
        if not self.entry.complete:
            self.message_key = "card.pin_format"
            return
        digits = self.entry.take()
        self.digits_typed = 0
        try:
            App.get_running_app().staff.verify_pin(digits)
        finally:
            wipe(digits)

    def cancel(self) -> None:
        """Close the keypad; the card stays in, and taking it out and in again asks again."""
        App.get_running_app().staff.cancel_pin()

    def reset(self) -> None:
        """Forget everything typed."""
        self.ask(None)


class AssistedBanner(BoxLayout):
    """"Assisted by staff" across the top of every screen while a digital champion's card is in."""


class StaffToolsPanel(Overlay):
    """What a digital champion can do for the customer, and the kiosk's status."""

    status_text = StringProperty("")
    note_key = StringProperty("")

    def reset(self) -> None:
        """Nothing of the last look at the tools stays."""
        self.note_key = ""


class MaintenancePanel(Overlay):
    """IT maintenance over the whole screen: devices, sync, log, default language, restart, leave kiosk mode."""

    devices_text = StringProperty("")
    sync_text = StringProperty("")
    log_text = StringProperty("")
    default_language = StringProperty("en")
    can_sync = BooleanProperty(False)
    confirm_leave = BooleanProperty(False)

    def reset(self) -> None:
        """Back to the first look: "Leave kiosk mode" asks again."""
        self.confirm_leave = False

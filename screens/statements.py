"""The two statements a public service shows: "Privacy: what happens to your details" and its accessibility
statement. Plain pages of headings and paragraphs; with read-aloud on, the whole page is read, not only its heading.
"""

from __future__ import annotations

from kivy.app import App
from kivy.uix.label import Label

from screens.base import KioskScreen


class StatementScreen(KioskScreen):
    """A page of text the person came to read: it is read aloud in full, in the order it is shown."""

    def page_text(self) -> str:
        """Every line of the page, top to bottom, as one text to read aloud."""
        # walk() visits children in the order the .kv file added them: the order they are shown in a column.
        return "\n".join(widget.text for widget in self.walk(restrict=True)
                         if isinstance(widget, Label) and widget.text.strip())

    def on_enter(self, *_args) -> None:
        """Read the whole page aloud (only when the person turned read-aloud on)."""
        App.get_running_app().access.speak(self.page_text())


class PrivacyScreen(StatementScreen):
    """What the kiosk keeps (nothing), what it counts, and what happens to a CV or job sent to a phone."""


class AccessibilityStatementScreen(StatementScreen):
    """The accessibility statement, in the shape of GOV.UK's: what works, what does not yet, help, enforcement."""

"""What every kiosk screen has: a heading to read aloud, its place in the journey, and a reset for the wipe."""

from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.screenmanager import Screen
from kivy.uix.textinput import TextInput


class KioskScreen(Screen):
    """Base for every screen in the shell.

    ``heading_key``: catalogue key of the heading, spoken when the screen opens with read-aloud on.
    ``inner``: shows Back and Start again (every screen but attract and home).
    ``long_reading``: the screen has a lot to read, so the idle time is longer.
    ``section``: "jobs", "benefits" or "cv"; Start again clears that section's answers.
    """

    heading_key = StringProperty("")
    inner = BooleanProperty(True)
    long_reading = BooleanProperty(False)
    section = StringProperty("")

    def reset(self) -> None:
        """Put the screen back as a new person would find it; subclasses clear their own state too."""
        for widget in self.walk(restrict=True):
            if isinstance(widget, TextInput):
                clear_text_input(widget)


def clear_text_input(field: TextInput) -> None:
    """Empty a text field so no trace of what was typed is left in it, its undo history included.

    :param field: the field.
    """
    field.focus = False
    field.text = ""
    field.reset_undo()

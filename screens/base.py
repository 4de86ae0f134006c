"""What every kiosk screen has: a heading to read aloud, its place in the journey, and a reset for the wipe."""

from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.screenmanager import Screen
from kivy.uix.scrollview import ScrollView
from kivy.uix.textinput import TextInput


class KioskScreen(Screen):
    """Base for every screen in the shell.

    ``heading_key``: catalogue key of the heading, spoken when the screen opens with read-aloud on.
    ``inner``: shows the back link (every screen but attract and home).
    ``long_reading``: the screen has a lot to read, so the idle time is longer.
    ``section``: "jobs", "benefits" or "cv"; Start again clears that section's answers.
    ``read_on_open``: with read-aloud on, the whole page is read as it opens (a statement), not only its heading.
    """

    heading_key = StringProperty("")
    read_on_open = BooleanProperty(False)
    inner = BooleanProperty(True)
    long_reading = BooleanProperty(False)
    section = StringProperty("")

    def heading_words(self, t) -> str:
        """What is said as the screen opens with read-aloud on: its heading; a screen whose heading is data (a life
        event's title) says that instead.

        :param t: the person's catalogue.
        """
        return t[self.heading_key]

    def can_print_for_customer(self) -> bool:
        """True when this page has something a member of staff can print for the customer (staff tools)."""
        return False

    def print_for_customer(self) -> None:
        """Print this page's document for the customer; screens with something to print override this."""

    def reset(self) -> None:
        """Put the screen back as a new person would find it; subclasses clear their own state too.

        Pages go back to their top as well: the next person must not find a page scrolled to where the last one
        was reading (it says what they looked at, and hides the heading).
        """
        for widget in self.walk(restrict=True):
            if isinstance(widget, TextInput):
                clear_text_input(widget)
            elif isinstance(widget, ScrollView):
                widget.scroll_x, widget.scroll_y = 0, 1


def clear_text_input(field: TextInput) -> None:
    """Empty a text field so no trace of what was typed is left in it, its undo history included.

    :param field: the field.
    """
    field.focus = False
    field.text = ""
    field.reset_undo()


def show_only(container, shown) -> None:
    """Show only some of a container's children, in the order the .kv file gave them; the rest are held aside.

    Hidden blocks are taken out of the layout rather than made see-through, so they neither take space nor
    catch touches meant for what is drawn where they would be.

    :param container: a layout whose children were set in a .kv file.
    :param shown: the children to show (widgets, or the weak proxies kv ``ids`` give).
    """
    order = getattr(container, "_all_children", None)
    if order is None:
        order = container._all_children = list(reversed(container.children))
    wanted = {id(getattr(widget, "__self__", widget)) for widget in shown}
    if [id(child) for child in reversed(container.children)] == [id(w) for w in order if id(w) in wanted]:
        return
    container.clear_widgets()
    for widget in order:
        if id(widget) in wanted:
            container.add_widget(widget)

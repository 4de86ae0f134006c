"""Reading a page or a panel aloud, part by part, with the part being read highlighted (issue #18, point 6).

    app.reader.toggle(button)        # "Read this page aloud" / "Stop reading": reads the button's page, or stops
    app.reader.read(panel)           # a panel as it opens (only when the person turned read-aloud on)
    app.reader.stop()                # on Stop, leaving the page, a language change, another thing said, the wipe
    app.reader.reading, app.reader.current, app.reader.button    # what kv rules and tests look at

A page is read in the order it is shown: each visible label is one part (a screen can give its own parts with
``read_parts()``). Each part is said with an ``on_done`` callback, and only when the speech device says it has been
said in full does the next one start, so the highlight follows the voice. The highlight is GOV.UK's focus style:
the focus colour behind the label and its text in the focus text colour, from the look (white behind black text in
high contrast, where the page text is yellow). The part being read is scrolled into view.

The reader speaks through the one speech device with the person's language; what it says is never logged (a CV
preview is a person's own details). See docs/adr/016-reading-pages-aloud-part-by-part.md.
"""

from __future__ import annotations

from kivy.event import EventDispatcher
from kivy.graphics import Color, InstructionGroup, Rectangle
from kivy.properties import BooleanProperty, ObjectProperty
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from kiosk.spoken import spoken
from screens.widgets import KButton, ReadPageButton


def page_parts(root, *, buttons: bool = False) -> list[tuple[object, str]]:
    """The parts of a page or panel to read, top to bottom: ``(label, text)`` for each label showing text.

    :param root: a screen or panel.
    :param buttons: read buttons' words too (a panel's choices); a page's buttons are not its content.
    """
    parts = []
    # walk() visits children in the order the .kv file added them: the order they are shown in a column.
    for widget in root.walk(restrict=True):
        if not isinstance(widget, Label) or isinstance(widget, ReadPageButton) or not widget.text.strip():
            continue
        if isinstance(widget, KButton) and not buttons:
            continue
        if widget.opacity == 0 or (widget.disabled and isinstance(widget, KButton)):
            continue
        parts.append((widget, widget.text))
    return parts


def owning_screen(widget):
    """The screen (or panel) a widget is on: the nearest parent that can give its parts, else the screen."""
    from kivy.uix.screenmanager import Screen
    node = widget
    while node is not None and node.parent is not node:
        if hasattr(node, "read_parts") or isinstance(node, Screen):
            return node
        node = node.parent
    return None


class PageReader(EventDispatcher):
    """Reads one page or panel at a time, part by part.

    :param app: the KioskApp (its ``services.speech``, ``lang`` and ``look``).
    """

    #: True while a page or panel is being read.
    reading = BooleanProperty(False)
    #: The "Read this page aloud" button that started the reading (it says "Stop reading"), or None.
    button = ObjectProperty(None, allownone=True)
    #: The label being read now (highlighted), or None.
    current = ObjectProperty(None, allownone=True)

    def __init__(self, app, **kwargs) -> None:
        super().__init__(**kwargs)
        self.app = app
        self._parts: list[tuple[object, str]] = []
        self._index = -1
        self._language = "en"
        # Each reading has its own number: a "done" arriving for a reading that was stopped is ignored.
        self._generation = 0
        self._highlight: InstructionGroup | None = None
        self._highlighted = None
        self._colour = None

    def toggle(self, button) -> None:
        """"Read this page aloud", or "Stop reading" when this button's page is being read.

        :param button: the button touched; its page is read.
        """
        if self.button is button and self.reading:
            self.stop()
            return
        source = owning_screen(button)
        if source is not None:
            self.read(source, button=button)

    def read(self, source, button=None) -> None:
        """Read a page or panel from the top, stopping whatever was being said.

        :param source: a screen or panel; its ``read_parts()`` if it has one, else its labels in order.
        :param button: the button that asked, which then says "Stop reading".
        """
        self.stop()
        own = getattr(source, "read_parts", None)
        parts = own() if own is not None else page_parts(source)
        parts = [(widget, text) for widget, text in parts if text and text.strip()]
        if not parts:
            return
        self._parts, self._index, self._language = parts, -1, self.app.lang
        self.button = button
        if button is not None:
            button.reading = True
        self.reading = True
        self._next(self._generation)

    def stop(self) -> None:
        """Stop reading at once and take the highlight away (nothing else is said)."""
        self._generation += 1
        was_reading = self.reading
        self._parts, self._index = [], -1
        self._unhighlight()
        self.current = None
        if self.button is not None:
            self.button.reading = False
        self.button = None
        self.reading = False
        if was_reading:
            self.app.services.speech.stop()

    def _next(self, generation: int) -> None:
        """The part before was said in full: highlight and say the next one, or finish."""
        if generation != self._generation:
            return  # stopped meanwhile
        self._index += 1
        if self._index >= len(self._parts):
            self.stop()
            return
        widget, text = self._parts[self._index]
        self._highlight_widget(widget)
        self.current = widget
        self.app.services.speech.say(spoken(text, self._language), self._language,
                                     on_done=lambda: self._next(generation))

    # --- the highlight ------------------------------------------------------------------------------------------

    def _highlight_widget(self, widget) -> None:
        self._unhighlight()
        look = self.app.look
        group = InstructionGroup()
        group.add(Color(rgba=look.focus))
        rectangle = Rectangle()
        group.add(rectangle)
        pad = look.focus_bar

        def place(*_args) -> None:
            rectangle.pos = (widget.x - pad, widget.y - pad)
            rectangle.size = (widget.width + 2 * pad, widget.height + 2 * pad)

        place()
        widget.fbind("pos", place)
        widget.fbind("size", place)
        widget.canvas.before.add(group)
        self._highlight, self._highlighted, self._place = group, widget, place
        if hasattr(widget, "color"):
            self._colour = list(widget.color)
            widget.color = look.focus_text
        _scroll_into_view(widget, look.gap)

    def _unhighlight(self) -> None:
        widget, group = self._highlighted, self._highlight
        self._highlighted = self._highlight = None
        if widget is None or group is None:
            return
        widget.canvas.before.remove(group)
        widget.funbind("pos", self._place)
        widget.funbind("size", self._place)
        if self._colour is not None and hasattr(widget, "color"):
            widget.color = self._colour
        self._colour = None


def _scroll_into_view(widget, padding: float) -> None:
    """Scroll the page a part is on so that the part shows (a long job advert is read to its end)."""
    node = widget.parent
    while node is not None and node.parent is not node:
        if isinstance(node, ScrollView):
            if node.children and node.children[0].height > node.height:
                node.scroll_to(widget, padding=padding, animate=False)
            return
        node = node.parent

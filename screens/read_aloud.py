"""Reading a page or a panel aloud, part by part, with the part being read highlighted (issue #18, point 6).

    app.reader.toggle(button)        # "Read this page aloud" / "Stop reading": reads the button's page, or stops
    app.reader.read(panel)           # a panel as it opens (only when the person turned read-aloud on)
    app.reader.stop()                # on Stop, leaving the page, a language change, another thing said, the wipe
    app.reader.reading, app.reader.current, app.reader.button    # what kv rules and tests look at

A page is read in the order it is shown: each visible label is one part (a screen can give its own parts with
``read_parts()``, as ``(label, text)`` or ``(label, text, language)`` for a part in another language than the
screen's: a CV printed in Welsh, read from an English screen). A panel (an ``Overlay``) is read with its buttons,
since its choices are what it is for; a chosen option is said as chosen. A question page (a benefits question, a
CV step) is read the same way, its answers with their state (``question_parts``): heading, question, hint, "What
this means" when open, each answer and any error message after "Error:".

Each part is said with an ``on_done`` callback, and only when the speech device says it has been said in full does
the next one start, so the highlight follows the voice. The highlight is GOV.UK's focus style: the focus colour
behind the label and its text in the focus text colour, from the look (white behind black text in high contrast,
where the page text is yellow). The part being read is scrolled into view, and while a page (not a panel) is read
"Stop reading" shows in the navigation bar too, since the page's own button scrolls away.

The reader speaks through the one speech device with the person's language; what it says is never logged (a CV
preview is a person's own details). See docs/adr/016-reading-pages-aloud-part-by-part.md.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.graphics import Color, InstructionGroup, Rectangle
from kivy.properties import BooleanProperty, ObjectProperty
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from kiosk.spoken import spoken
from screens.overlays import Overlay
from screens.widgets import KButton, ReadPageButton


def is_within(widget, root) -> bool:
    """True when ``widget`` is ``root`` or inside it (for a page's read-aloud parts, leaving out a part of it that
    reads itself, such as "Was this useful?").

    :param widget: any widget.
    :param root: a widget, or an ``ids`` proxy of one.
    """
    root = getattr(root, "__self__", root)
    node = widget
    while node is not None and node.parent is not node:
        if node is root:
            return True
        node = node.parent
    return False


def page_parts(root, *, buttons: bool = False, chosen: str = "") -> list[tuple[object, str]]:
    """The parts of a page or panel to read, top to bottom: ``(label, text)`` for each label showing text.

    :param root: a screen or panel.
    :param buttons: read buttons' words too (a panel's choices); a page's buttons are not its content.
    :param chosen: said after a chosen option's words ("selected"), as its tick shows it.
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
        if chosen and getattr(widget, "selected", False):
            parts.append((widget, f"{widget.text}, {chosen}"))
        else:
            parts.append((widget, widget.text))
    return parts


def question_parts(root, t, skip=()) -> list[tuple[object, str]]:
    """The parts of a question page to read, top to bottom: its words, and its answers as buttons are answers here.

    What a person needs to answer: the heading and question, the hint, "What this means" (and its text only when
    it is open, as it shows), each error message where it shows, after "Error:", and each answer, a chosen one
    said as chosen. The error summary at the top is not read again (its messages are read by their fields), nor
    keypad keys (each is said as it is touched).

    :param root: the page's column (a widget whose labels are the page's content, in the order shown).
    :param t: the person's catalogue: "selected" after a chosen answer, "Error:" before a message.
    :param skip: widgets (and what is inside them) not to read, such as the error summary or the keypad.

    Example: ``question_parts(screen.ids.column, app.t, skip=[screen.ids.summary, screen.ids.keypad])``.
    """
    from kivy.factory import Factory
    message_class = Factory.get("ErrorMessage")
    skipped = {id(getattr(widget, "__self__", widget)) for widget in skip}
    parts = []
    for widget, text in page_parts(root, buttons=True, chosen=t["read.selected"]):
        if _inside(widget, skipped, root):
            continue
        spoken_error = isinstance(widget, message_class)
        parts.append((widget, t.text("patterns.error_spoken", message=text) if spoken_error else text))
    return parts


def _inside(widget, ids: set[int], root) -> bool:
    """True when ``widget`` or one of its parents up to ``root`` is among ``ids``."""
    root = getattr(root, "__self__", root)  # kv ids are weak proxies, never ``is`` the widget
    node = widget
    # The window is its own parent: stop there too.
    while node is not None and node is not root and node.parent is not node:
        if id(node) in ids:
            return True
        node = node.parent
    return False


def owning_screen(widget):
    """The screen (or panel) a widget is on: the nearest parent that can give its parts, a panel, or the screen."""
    from kivy.uix.screenmanager import Screen
    node = widget
    while node is not None and node.parent is not node:
        if hasattr(node, "read_parts") or isinstance(node, (Screen, Overlay)):
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
    #: The screen or panel being read, or None.
    source = ObjectProperty(None, allownone=True)

    def __init__(self, app, **kwargs) -> None:
        super().__init__(**kwargs)
        self.app = app
        self._parts: list[tuple[object, str, str]] = []
        self._index = -1
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

        :param source: a screen or panel; its ``read_parts()`` if it has one, else its labels in order (and a
            panel's buttons).
        :param button: the button that asked, which then says "Stop reading".
        """
        self.stop()
        own = getattr(source, "read_parts", None)
        if own is not None:
            parts = own()
        elif isinstance(source, Overlay):
            parts = page_parts(source, buttons=True, chosen=self.app.t["read.selected"])
        else:
            parts = page_parts(source)
        language = self.app.lang
        # A part's own language when it has one (a CV's), else the screen's.
        self._parts = [(part[0], part[1], part[2] if len(part) > 2 else language)
                       for part in parts if part[1] and part[1].strip()]
        if not self._parts:
            return
        self._index = -1
        self.source = source
        self.button = button
        if button is not None:
            button.reading = True
        self.reading = True
        self._next(self._generation)

    def stop_within(self, root) -> None:
        """Stop if what is being read is ``root`` or inside it (a panel closing).

        :param root: a screen or panel.
        """
        node = self.source
        while node is not None:
            if node is root:
                self.stop()
                return
            node = node.parent if node.parent is not node else None

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
        self.source = None
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
        widget, text, language = self._parts[self._index]
        idle = getattr(self.app, "idle", None)
        if idle is not None:
            # Someone listening to a long page (a CV) touches nothing: each part heard counts as a touch, so
            # "Are you still there?" does not cut the reading off. A page ends, so this never keeps a visit for ever.
            idle.monitor.still_here()
        self._highlight_widget(widget)
        self.current = widget
        self.app.services.speech.say(spoken(text, language), language, on_done=lambda: self._next(generation))

    def on_reading(self, _reader, reading: bool) -> None:
        """While a page (not a panel, which covers the navigation bar) is read, "Stop reading" shows in the
        navigation bar too: the page scrolls with the voice, and its own button soon leaves the screen."""
        shell = getattr(self.app, "shell", None)
        if shell is not None:
            shell.show_stop_reading(reading and not isinstance(self.source, Overlay))

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
        # On the next frame, once the page is laid out: a page read as it opens has no positions yet.
        Clock.schedule_once(lambda _dt: self.current is widget and _scroll_into_view(widget, look.gap), 0)

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

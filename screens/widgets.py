"""The few building blocks every screen uses: text, buttons, a text field and a scrolling page.

Their look lives in ``widgets.kv``; here are only the properties and the behaviour. Text is never Kivy markup,
so whatever a person types is shown exactly as typed.
"""

from kivy.app import App
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, OptionProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView
from kivy.uix.textinput import TextInput

import screens.outline  # noqa: F401 - registers Outline, which widgets.kv's borders use


class Body(Label):
    """A paragraph that wraps to its width and is as tall as its text."""


class Heading(Label):
    """A page heading: the question on a question page, read aloud first."""


class KButton(ButtonBehavior, Label):
    """A large touch button at least 15 mm in each direction.

    ``kind`` picks the colours: "primary" (GOV.UK green: at most one a page, the thing to do next), "secondary"
    (grey), "warning" (red), "header" (on the black header). ``selected`` marks the chosen option in a group with a
    tick and a thick border, not only a colour. ``fit`` makes the button as wide as its text instead of filling the row;
    a fitted button whose words are wider than the room it has (``most_width``) is as wide as that room, and its words
    wrap onto more lines, the button as tall as they are (Welsh at 200 % text in portrait).
    """

    kind = OptionProperty("primary", options=("primary", "secondary", "warning", "header"))
    selected = BooleanProperty(False)
    fit = BooleanProperty(False)
    #: The width of a fitted button with its words on one line (widgets.kv works it out from ``words_width``).
    fit_width = NumericProperty(0)
    #: The width of the button's longest line of words, unwrapped, with the label's padding.
    words_width = NumericProperty(0)
    #: The widest a fitted button may be; -1: the width of its parent, less its padding, unless the parent's width
    #: follows its children's (then nothing limits it but what a rule sets).
    most_width = NumericProperty(-1)
    #: True while a fitted button is narrower than its words and they wrap.
    wrapped = BooleanProperty(False)
    #: With read-aloud on, say the button's words when it is touched; off for keys whose label is secret (PIN).
    speak_label = BooleanProperty(True)
    #: Room kept free at the right of the words (a ``ChevronButton``'s chevron).
    end_space = NumericProperty(0)

    def on_press(self):
        """Read the control aloud as it is touched (only when the person turned read-aloud on)."""
        app = App.get_running_app()
        if self.speak_label and self.text and hasattr(app, "access"):
            app.access.speak(self.text)

    def __init__(self, **kwargs):
        self._room_of = None
        super().__init__(**kwargs)
        for name in ("fit_width", "fit", "most_width"):
            self.fbind(name, self._fit)
        # The texture changes whenever the words, their font or their size do: measure them again then.
        self.fbind("texture_size", self._measure_words)

    def room(self) -> float:
        """The widest this button may be (0: no limit): ``most_width``, or the room its parent has."""
        if self.most_width >= 0:
            return self.most_width
        parent = self.parent
        if parent is None or getattr(parent, "size_hint_x", None) is None or not hasattr(parent, "padding"):
            return 0
        return max(0, parent.width - parent.padding[0] - parent.padding[2])

    def on_parent(self, _widget, parent) -> None:
        """Follow the width of the new parent, which limits a fitted button's width."""
        if self._room_of is not None:
            self._room_of.funbind("width", self._fit)
        self._room_of = parent if hasattr(parent, "padding") else None
        if self._room_of is not None:
            self._room_of.fbind("width", self._fit)
        self._fit()

    def _measure_words(self, *_args) -> None:
        # Only a fitted button needs it; measuring every button's words would cost each text change a little.
        if self.fit and self.text:
            words = max(self._label.get_extents(line)[0] for line in self.text.split("\n"))
            self.words_width = words + self.padding[0] + self.padding[2]  # as the texture of one line is wide

    def _fit(self, *_args):
        # Only a fitted button sets its own width; otherwise the layout does.
        if not self.fit:
            return
        room = self.room()
        self.wrapped = bool(room) and self.fit_width > room
        self.width = room if self.wrapped else self.fit_width


class ChevronButton(KButton):
    """A choice that opens another part of the kiosk: grey, its words at the left and a chevron at the right, as a
    GOV.UK card or navigation link looks touchable; the page's one green button stays for the thing to do next."""


class ReadPageButton(KButton):
    """"Read this page aloud", which says "Stop reading" while its page is read (``app.reader``, read_aloud.py).

    It is not read itself, and touching it does not say its words: the reading starts (or stops) at once.
    """

    #: True while this button's page is being read (the reader sets it): the button then says "Stop reading".
    reading = BooleanProperty(False)

    def on_release(self):
        """Start reading this button's page, or stop."""
        App.get_running_app().reader.toggle(self)


class KTextInput(TextInput):
    """A one-line text field in the GOV.UK style, yellow and black when focused.

    No copy/paste bubble or handles: a public kiosk has no use for the clipboard, which would outlive the session.
    The kiosk's on-screen keyboard opens while it has the focus, in the layout its ``input_type`` asks for ("mail",
    "tel" ...: ``screens/keyboard/layouts.py``). ``error`` draws the border in the error colour (GOV.UK: a field
    whose answer needs a change).
    """

    error = BooleanProperty(False)

    def on_focus(self, _field, focused) -> None:
        """Open the on-screen keyboard for this field, or let it go."""
        app = App.get_running_app()
        if hasattr(app, "keyboard"):
            app.keyboard.focus_changed(self, focused)


class Page(ScrollView):
    """A scrolling page body, so large text never pushes anything off the screen."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fbind("scroll_y", self._top_when_it_fits)
        self.fbind("height", self._top_when_it_fits)

    def add_widget(self, widget, *args, **kwargs):
        """Add the page's content, and keep it at the top whenever it comes to fit (its parts hidden or shown)."""
        super().add_widget(widget, *args, **kwargs)
        widget.fbind("height", self._top_when_it_fits)

    def remove_widget(self, widget, *args, **kwargs):
        """Take the page's content away, and stop following its height."""
        widget.funbind("height", self._top_when_it_fits)
        super().remove_widget(widget, *args, **kwargs)

    def _top_when_it_fits(self, *_args) -> None:
        # A page whose content fits has nothing to scroll: keep its heading at the top. Scrolling a field into view
        # above the keyboard, the keyboard going away, or the content shrinking (the job search with no vacancies
        # to search: issue #18) would otherwise leave it at the bottom under a blank space.
        content = self.children[0] if self.children else None
        if content is not None and content.height <= self.height and self.scroll_y != 1:
            self.scroll_y = 1


class Lines(BoxLayout):
    """Lines of text one under the other, a label each, so read-aloud can highlight the line it is reading.

    ``lines`` is the list of strings; the labels are ``Body`` widgets made again when it changes.
    """

    lines = ListProperty([])

    def on_lines(self, _widget, lines) -> None:
        """Show these lines."""
        self.clear_widgets()
        for line in lines:
            self.add_widget(Body(text=line, line_height=1.4))


class Column(BoxLayout):
    """A vertical stack as tall as its children, for use inside a ``Page``."""


def running_app():
    """The kiosk App (only ever called from a screen method, never at import)."""
    return App.get_running_app()

"""The on-screen keyboard itself: lays out a layout's keys in millimetres and sends each key to the field.

    board = app.shell.ids.keyboard
    board.open_for(field)        # shows the field's layout (``layouts.layout_for_field``) and types into it
    board.close()                # height 0: the page below the header gets the room back

It sits in the shell under the page (``shell.kv``), so showing it shrinks the page by its height: it never covers
the field or its question, and the navigation bar stays at the bottom of the page, just above the keys. Keys type
through the field's own keyboard handlers, so Enter, Delete and the limits behave as with a physical keyboard.
"""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import FocusBehavior
from kivy.uix.widget import Widget

from screens.keyboard.accents import variants
from screens.keyboard.keys import KeyButton
from screens.keyboard.layouts import LAYOUTS, MASKED, Key, accents_layout, layout_for_field, row_units

#: Most accented letters on one row of the "à é ŵ" page (fewer when narrow keys would go under the minimum).
MOST_ACCENT_COLUMNS = 14
#: Catalogue key of each layout key's label, and of what read-aloud says for it.
LAYOUT_LABELS = {"letters": "keyboard.letters", "numbers": "keyboard.numbers", "accents": "keyboard.accents"}
SPOKEN_LAYOUTS = {"letters": "keyboard.say.letters", "numbers": "keyboard.say.numbers",
                  "accents": "keyboard.say.accents"}
#: Marks that speech would pass over in silence, by the name read-aloud says instead.
SPOKEN_MARKS = {".": "keyboard.say.full_stop", ",": "keyboard.say.comma", "'": "keyboard.say.apostrophe",
                "-": "keyboard.say.hyphen", "@": "keyboard.say.at", "_": "keyboard.say.underscore",
                "/": "keyboard.say.slash", "+": "keyboard.say.plus"}


class OnScreenKeyboard(Widget):
    """The keyboard: ``layout_name`` from ``layouts.LAYOUTS`` (or "accents"), ``shift`` for capitals.

    Sizes come from the kv rule (``app.look``): ``key_height`` and ``gap``; keys are at most ``max_unit`` wide and
    accented letters at least ``min_unit``.
    """

    shown = BooleanProperty(False)
    layout_name = StringProperty("letters")
    shift = BooleanProperty(False)
    target = ObjectProperty(None, allownone=True)
    catalogue = ObjectProperty(None, allownone=True, rebind=True)
    key_height = NumericProperty(64)
    gap = NumericProperty(8)
    max_unit = NumericProperty(100)
    min_unit = NumericProperty(70)

    def __init__(self, **kwargs):
        self._rebuild_trigger = Clock.create_trigger(self._rebuild, -1)
        self._place_trigger = Clock.create_trigger(self._place, -1)
        super().__init__(**kwargs)
        self._layout: list[list[Key]] = []
        self._keys: list[list[KeyButton]] = []
        # Keys already made, by layout: a field of another kind (phone after name) switches layout, and making
        # 40 keys from their kv rule again cost a few hundred ms with software GL. Keys hold nothing typed.
        self._built: dict[tuple, list[list[KeyButton]]] = {}
        self._popup: list[KeyButton] = []
        self._popup_anchor: KeyButton | None = None
        self.fbind("layout_name", self._rebuild_trigger)
        self.fbind("min_unit", self._on_accent_columns)
        self.fbind("width", self._on_accent_columns)
        self.fbind("shift", self._on_shift)
        for name in ("pos", "size", "key_height", "gap", "max_unit", "shown"):
            self.fbind(name, self._place_trigger)
        self.fbind("catalogue", self._relabel)
        self.fbind("target", self._relabel)

    # --- showing -------------------------------------------------------------------------------------------------

    def open_for(self, field) -> None:
        """Show the keyboard for ``field`` (a TextInput), in the layout its ``input_type`` asks for.

        :param field: the focused text field.
        """
        self.target = field
        self.shift = False
        self.layout_name = layout_for_field(getattr(field, "input_type", "text"), getattr(field, "password", False))
        if not self._keys or self._rebuild_trigger.is_triggered:
            self._rebuild()
        self.shown = True
        self._place()

    def close(self) -> None:
        """Hide the keyboard and forget the field (its keys stay built, for the next field)."""
        self.close_variants()
        self.target = None
        self.shown = False
        self._place()

    @property
    def masked(self) -> bool:
        """True when what is typed is secret: read-aloud says only that a key was pressed."""
        return self.layout_name in MASKED or bool(getattr(self.target, "password", False))

    def key_buttons(self) -> list[KeyButton]:
        """Every key showing, the accents popup's last (for tests and the tour)."""
        return [button for row in self._keys for button in row] + list(self._popup)

    # --- layout --------------------------------------------------------------------------------------------------

    def _accent_columns(self) -> int:
        fit = int((self.width - self.gap) // max(1, self.min_unit))
        return max(6, min(MOST_ACCENT_COLUMNS, fit))

    def _rebuild(self, *_args) -> None:
        self._rebuild_trigger.cancel()  # called directly too: once is enough
        self.close_variants()
        self.clear_widgets()
        if self.layout_name == "accents":
            columns = self._accent_columns()
            self._layout = accents_layout(columns, upper=self.shift)
            built_as: tuple = ("accents", columns, self.shift)
        else:
            self._layout = LAYOUTS.get(self.layout_name, LAYOUTS["letters"])
            built_as = (self.layout_name,)
        if built_as not in self._built:
            self._built[built_as] = [[KeyButton(key=key, board=self, look=_look_of(key)) for key in row]
                                     for row in self._layout]
        self._keys = self._built[built_as]
        for buttons in self._keys:
            for button in buttons:
                button.state = "normal"  # a key let go outside itself last time must not show pressed
                self.add_widget(button)
        self._relabel()
        self._place()

    def _place(self, *_args) -> None:
        rows = len(self._keys)
        self.height = rows * self.key_height + (rows + 1) * self.gap if self.shown and rows else 0
        if not rows:
            return
        widest = max(row_units(row) for row in self._layout)
        # A keypad of few keys (phone, PIN) gets keys half as wide again: easier to hit, and it is still small.
        unit = min((self.width - self.gap) / widest, self.max_unit * (1.5 if widest <= 6 else 1))
        top = self.top - self.gap
        for index, (row, buttons) in enumerate(zip(self._layout, self._keys)):
            y = top - (index + 1) * self.key_height - index * self.gap
            x = self.center_x - (row_units(row) * unit - self.gap) / 2
            for key, button in zip(row, buttons):
                button.pos = (x, y)
                button.size = (key.units * unit - self.gap, self.key_height)
                x += key.units * unit
        self._place_variants()

    # --- labels --------------------------------------------------------------------------------------------------

    def _on_accent_columns(self, *_args) -> None:
        if self.layout_name == "accents" and self._keys:
            self._rebuild_trigger()

    def _on_shift(self, *_args) -> None:
        if self.layout_name == "accents":
            self._rebuild_trigger()
        else:
            self._relabel()

    def _relabel(self, *_args) -> None:
        for button in self.key_buttons():
            button.text = self.label(button.key)
            button.active = button.key.kind == "shift" and self.shift

    def label(self, key: Key) -> str:
        """What a key shows: its letter in the current case, or its name in the person's language.

        :param key: a key of the layout.
        """
        if key.kind == "char":
            return key.value.upper() if self.shift and len(key.value) == 1 else key.value
        t = self.catalogue
        if t is None:
            return key.value or key.kind
        if key.kind == "layout":
            return t[LAYOUT_LABELS[key.value]]
        if key.kind == "enter":
            return t["keyboard.new_line" if getattr(self.target, "multiline", False) else "keyboard.done"]
        return t["keyboard." + key.kind]

    # --- touches -------------------------------------------------------------------------------------------------

    def on_touch_down(self, touch):
        """Take every touch on the keyboard, without it taking the focus away from the field being typed in."""
        if not self.shown or not self.collide_point(*touch.pos):
            return False
        # Kivy unfocuses every field when a touch ends, except a touch in this list.
        FocusBehavior.ignored_touch.append(touch)
        if self._popup:
            for button in self._popup:
                if button.dispatch("on_touch_down", touch):
                    return True
            self.close_variants()
            return True
        super().on_touch_down(touch)
        return True

    def key_released(self, button: KeyButton) -> None:
        """A key was touched and let go: type it, or do what it does.

        :param button: the key.
        """
        key, field = button.key, self.target
        self.close_variants()
        if key.kind == "layout":
            self.layout_name = key.value
            self._say(self.catalogue[SPOKEN_LAYOUTS[key.value]])
            return
        if key.kind == "shift":
            self.shift = not self.shift
            self._say(button.text)
            return
        if field is None:
            return
        if key.kind in ("char", "space"):
            text = button.text if key.kind == "char" else " "
            field.keyboard_on_textinput(Window, text)
            self.shift = False
            self._say(self.spoken(key, text, button.text))
        elif key.kind == "delete":
            self._say(button.text)
            field.keyboard_on_key_down(Window, (8, "backspace"), None, [])
        elif key.kind == "enter":
            self._say(button.text)
            field.keyboard_on_key_down(Window, (13, "enter"), None, [])

    def spoken(self, key: Key, text: str, label: str) -> str:
        """What read-aloud says for a key that types: the letter, a mark's name, or only "key pressed" for a PIN.

        :param key: the key.
        :param text: what it typed.
        :param label: what it shows.
        """
        t = self.catalogue
        if key.kind != "char":
            return label
        if self.masked:
            return t["keyboard.say.masked"]
        return t[SPOKEN_MARKS[text]] if text in SPOKEN_MARKS else text

    def _say(self, words: str) -> None:
        app = App.get_running_app()
        if words and hasattr(app, "access"):
            app.access.speak(words)

    # --- accents popup -------------------------------------------------------------------------------------------

    def open_variants(self, button: KeyButton) -> None:
        """Show the accented letters of a held letter in a row over the keys, each as large as a key.

        The row covers the row above the held key (the row below for the top row), so it stays on the keyboard.

        :param button: the letter key held down.
        """
        self.close_variants()
        for letter in variants(button.text):
            variant = KeyButton(key=Key("char", letter), board=self, look="key", variant=True, text=letter)
            self._popup.append(variant)
            self.add_widget(variant)
        self._popup_anchor = button
        self._place_variants()

    def _place_variants(self) -> None:
        button = self._popup_anchor
        if not self._popup or button is None:
            return
        width, height = self._unit_width(), self.key_height
        total = len(self._popup) * (width + self.gap) - self.gap
        x = min(max(self.x + self.gap, button.center_x - total / 2), self.right - self.gap - total)
        y = button.y + height + self.gap
        if y + height > self.top:
            y = button.y - height - self.gap
        for variant in self._popup:
            variant.pos, variant.size = (x, y), (width, height)
            x += width + self.gap

    def close_variants(self) -> None:
        """Put the accents popup away."""
        for variant in self._popup:
            self.remove_widget(variant)
        self._popup = []
        self._popup_anchor = None

    def _unit_width(self) -> float:
        letters = [button for row in self._keys for button in row if button.key.kind == "char"]
        return letters[0].width if letters else self.key_height

    def variant_buttons(self) -> list[KeyButton]:
        """The accents popup's keys (empty when it is closed)."""
        return list(self._popup)


def _look_of(key: Key) -> str:
    if key.kind == "enter":
        return "done"
    if key.kind in ("char", "space"):
        return "key"
    return "action"

"""The docked on-screen keyboard: keys of a fixed size in millimetres, and the field being typed in kept in view.

    app.keyboard.watch()     # on start: fit the keyboard whenever Kivy adds or removes it
    app.keyboard.unwatch()   # on stop

``shell.keyboard_space`` keeps the interface band clear of the keyboard, so it never covers the field.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.uix.textinput import TextInput
from kivy.uix.vkeyboard import VKeyboard

#: Height of one row of the on-screen keyboard's keys.
KEY_ROW_MM = 18


class KeyboardFit:
    """Sizes Kivy's docked keyboard and scrolls the focused field into view.

    :param app: the ``KioskApp``.
    """

    def __init__(self, app) -> None:
        self.app = app

    def watch(self) -> None:
        """Fit the keyboard whenever the window's children change (Kivy adds the keyboard as one)."""
        Window.bind(children=self._on_window_children)

    def unwatch(self) -> None:
        """Stop watching (the App stopped)."""
        Window.unbind(children=self._on_window_children)

    def _on_window_children(self, window, children):
        # The keyboard is scaled to the window's width only after it is added: size it on the next frame.
        Clock.schedule_once(self.fit, 0)

    def fit(self, _dt=None) -> None:
        """Give the keyboard rows ``KEY_ROW_MM`` tall, make room for it, and scroll to the field being typed in."""
        shell, look = self.app.shell, self.app.look
        keyboard = next((w for w in Window.children if isinstance(w, VKeyboard)), None)
        if keyboard is None or not keyboard.scale:
            shell.keyboard_space = 0
            return
        # Rows of keys KEY_ROW_MM tall whatever the screen; the margins take a tenth of the height.
        rows = keyboard.available_layouts.get(keyboard.layout, {}).get("rows", 5) if keyboard.layout else 5
        height = look.mm(KEY_ROW_MM * rows) / 0.9 / keyboard.scale
        if abs(keyboard.height - height) > 0.5:
            keyboard.height = height
            keyboard.refresh(True)  # VKeyboard lays its keys out again only when asked
        shell.keyboard_space = keyboard.height * keyboard.scale
        self.scroll_to_focused()

    def scroll_to_focused(self, _dt=None) -> None:
        """Scroll the focused text field into view, in the nearest scroll view that holds it."""
        from kivy.uix.scrollview import ScrollView
        for widget in self.app.screen.walk(restrict=True):
            if isinstance(widget, TextInput) and widget.focus:
                parent = widget.parent
                while parent is not None and not isinstance(parent, ScrollView):
                    parent = parent.parent
                if parent is not None:
                    parent.scroll_to(widget, padding=self.app.look.gap, animate=False)
                return

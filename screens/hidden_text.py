"""Text on a screen that is not showing is drawn when the screen shows, not at every change of language or size.

    defer_text_of_hidden_screens()     # once, before the shell is built (KioskApp.build)
    draw_text_now_shown()              # LazyScreenManager, each time a screen goes on the window

A change of language, text size or colours changes every label the kiosk has made, and Kivy draws each one's text
again on the next frame, seen or not: with every customer screen made in advance
(docs/adr/018-warm-up-on-the-attract-screen.md), a touch on "Cymraeg" drew some 500 labels and took 320-650 ms
instead of 150-240 ms. Only the screen showing needs its text now; the others get theirs when they show, in the
same frame, before anything is drawn. See docs/adr/020-text-of-hidden-screens-drawn-when-shown.md.

A label counts as hidden when the top of its widget tree is a Screen of a screen manager (made, not showing). Text
anywhere else (the shell, panels, the keyboard, rows set aside for reuse) is drawn at once, as Kivy does.
"""

from __future__ import annotations

import weakref

from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen

#: Labels whose text changed while their screen was hidden: drawn when it shows.
_waiting: weakref.WeakSet = weakref.WeakSet()
_draw_text = Label.texture_update


def _on_hidden_screen(widget) -> bool:
    parent = widget.parent
    while parent is not None and parent is not widget:  # the Window is its own parent
        widget, parent = parent, parent.parent
    return isinstance(widget, Screen) and widget.manager is not None


def _texture_update_unless_hidden(label, *args) -> None:
    if _on_hidden_screen(label):
        _waiting.add(label)
        return
    _waiting.discard(label)
    _draw_text(label, *args)


# Kivy's Clock keeps a weak method and finds it again by name: the replacement must be called texture_update.
_texture_update_unless_hidden.__name__ = "texture_update"


def defer_text_of_hidden_screens() -> None:
    """From now on, labels made on a screen that is not showing wait for it to show before drawing their text.

    Kivy binds each label's redraw to ``Label.texture_update`` when the label is made, so this must run before the
    screens' labels are made. Running it again changes nothing.
    """
    Label.texture_update = _texture_update_unless_hidden


def draw_text_now_shown() -> int:
    """Draw the text of every waiting label that is no longer on a hidden screen; how many were drawn.

    Called when a screen goes on the window (before its ``on_pre_enter``), so the screen is laid out with its
    labels' true sizes before its first frame.
    """
    shown = [label for label in list(_waiting) if not _on_hidden_screen(label)]
    for label in shown:
        _waiting.discard(label)
        _draw_text(label)
    return len(shown)


def waiting_count() -> int:
    """How many labels are waiting for their screen to show (for tests and measurement)."""
    return len(_waiting)

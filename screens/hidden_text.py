"""Text that nobody can see is drawn when it comes into view, not at every change of language or size.

    defer_text_of_hidden_screens()     # once, before the shell is built (KioskApp.build)
    draw_text_now_shown()              # LazyScreenManager, each time a screen goes on the window

A change of language, text size or colours changes every label the kiosk has made, and Kivy draws each one's text
again on the next frame, seen or not: with every customer screen made in advance
(docs/adr/018-warm-up-on-the-attract-screen.md), a touch on "Cymraeg" drew some 500 labels and took 320-650 ms
instead of 150-240 ms. Only the screen showing needs its text now; the others get theirs when they show, in the
same frame, before anything is drawn. See docs/adr/020-text-of-hidden-screens-drawn-when-shown.md.

A label waits when the top of its widget tree is not the window:

- a Screen of a screen manager (made, not showing): drawn when the screen goes on the window;
- anything else held aside with the label in it (rows kept for reuse, blocks a page hides with ``show_only``, a
  keyboard layout not in use, a closed panel): drawn on the frame that part is put back in a tree, when the top
  of what was held aside gets a parent. With every screen made, these were 350 of the 410 labels a touch on
  "Large" drew.

A label on its own, with no parent (one made to measure a text), is drawn at once, as Kivy does; so is text on
the window.
"""

from __future__ import annotations

import weakref

from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen

#: Labels whose text changed while nobody could see it: drawn when it shows.
_waiting: weakref.WeakSet = weakref.WeakSet()
#: The top of each tree held aside with waiting labels in it: (its ``parent`` binding, those labels).
_held_aside: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_draw_text = Label.texture_update


def _hidden_top(widget):
    """The top of the widget's tree when nobody can see it (a hidden screen, or something held aside), else None."""
    top, parent = widget, widget.parent
    while parent is not None and parent is not top:  # the Window is its own parent
        top, parent = parent, parent.parent
    if parent is top:
        return None
    if isinstance(top, Screen) and top.manager is not None:
        return top
    return top if top is not widget else None


def _on_hidden_screen(widget) -> bool:
    return _hidden_top(widget) is not None


def _texture_update_unless_hidden(label, *args) -> None:
    top = _hidden_top(label)
    if top is None:
        _waiting.discard(label)
        _draw_text(label, *args)
        return
    _waiting.add(label)
    if not (isinstance(top, Screen) and top.manager is not None):  # a screen is drawn by draw_text_now_shown
        _hold(top, label)


# Kivy's Clock keeps a weak method and finds it again by name: the replacement must be called texture_update.
_texture_update_unless_hidden.__name__ = "texture_update"


def _hold(top, label) -> None:
    held = _held_aside.get(top)
    if held is None:
        held = _held_aside[top] = (top.fbind("parent", _put_back), weakref.WeakSet())
    held[1].add(label)


def _put_back(top, _parent) -> None:
    """What was held aside went into a tree: its waiting labels draw on the next tick (before the next frame), as
    Kivy draws a label whose text changed; one still out of sight waits again, under its new top."""
    uid, labels = _held_aside.pop(top, (None, ()))
    if uid is not None:
        top.unbind_uid("parent", uid)
    for label in list(labels):
        if label in _waiting:
            label._trigger_texture()


def defer_text_of_hidden_screens() -> None:
    """From now on, labels nobody can see wait until they can be seen before drawing their text.

    Kivy binds each label's redraw to ``Label.texture_update`` when the label is made, so this must run before the
    screens' labels are made. Running it again changes nothing.
    """
    Label.texture_update = _texture_update_unless_hidden


def draw_text_now_shown() -> int:
    """Draw the text of every waiting label that can now be seen; how many were drawn.

    Called when a screen goes on the window (before its ``on_pre_enter``), so the screen is laid out with its
    labels' true sizes before its first frame.
    """
    shown = [label for label in list(_waiting) if not _on_hidden_screen(label)]
    for label in shown:
        _waiting.discard(label)
        _draw_text(label)
    return len(shown)


def waiting_count() -> int:
    """How many labels are waiting to be seen (for tests and measurement)."""
    return len(_waiting)

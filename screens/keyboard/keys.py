"""One key of the on-screen keyboard: a touch target that types on release, or offers accents when held down.

    key = KeyButton(key=Key("char", "l"), board=board)
    # touch and let go: board.key_released(key); hold HOLD_SECONDS: board.open_variants(key) and nothing is typed

Its look (theme colours, a yellow press like every GOV.UK control) is in ``keyboard.kv``.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label

from screens.keyboard.accents import variants

#: How long a letter is held before its accented letters show. Long enough that a slow tap still types the
#: letter, short enough that a person holding on sees something happen.
HOLD_SECONDS = 0.5


class KeyButton(ButtonBehavior, Label):
    """A key. ``key`` is a ``screens.keyboard.layouts.Key``; ``board`` the ``OnScreenKeyboard`` it belongs to.

    ``look`` is "key", "action" or "done" (its colours); ``active`` draws it turned on (Shift while capitals).
    ``variant`` marks a key of the accents popup.
    """

    key = ObjectProperty(None)
    board = ObjectProperty(None)
    look = StringProperty("key")
    active = BooleanProperty(False)
    variant = BooleanProperty(False)
    #: True when this key's accents are offered: its letter has variants (the kv draws a small mark).
    has_variants = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._hold = None
        self._held = False

    def on_text(self, _key, text: str) -> None:
        """Note whether a hold offers anything on this key."""
        self.has_variants = bool(self.key is not None and self.key.kind == "char" and variants(text))

    def on_press(self) -> None:
        """Start timing a hold (only a letter with accents has one)."""
        self._held = False
        if self.has_variants and not self.variant:
            self._hold = Clock.schedule_once(self._on_hold, HOLD_SECONDS)

    def on_release(self) -> None:
        """Type the key, unless it was held long enough to open its accents."""
        self._cancel_hold()
        if not self._held and self.board is not None:
            self.board.key_released(self)

    def on_touch_up(self, touch):
        """Cancel a hold that ends outside the key too (no release then)."""
        if touch.grab_current is self:
            self._cancel_hold()
        return super().on_touch_up(touch)

    def _cancel_hold(self) -> None:
        if self._hold is not None:
            self._hold.cancel()
            self._hold = None

    def _on_hold(self, _dt=None) -> None:
        self._hold = None
        if self.state == "down" and self.board is not None:
            self._held = True
            self.board.open_variants(self)

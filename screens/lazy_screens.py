"""A ScreenManager that makes each screen the first time it is needed, not all of them at start-up.

The kiosk has some thirty screens; most visits use a handful. Making a screen builds its whole widget tree from its
.kv rule, so building them lazily shortens start-up, saves memory, and makes the wipe (which resets every screen
that exists) cheaper. A screen that was never made holds nothing of anyone's. A screen's class may be given as
"module:Class", so its module (and what that imports) loads only then too:

    sm.before_make = load_part_kv                      # called with the part's name before its first screen
    sm.register("cv", "screens.cv.start:CvStartScreen", {}, "cv")
"""

from __future__ import annotations

from importlib import import_module
from collections.abc import Callable

from kivy.uix.screenmanager import ScreenManager

from screens.hidden_text import draw_text_now_shown


class LazyScreenManager(ScreenManager):
    """Knows every screen's class by name (``register``) and makes it on first ``get_screen`` or ``current``."""

    def __init__(self, **kwargs):
        self._factories: dict[str, tuple[type | str, dict, str]] = {}
        #: Called with a screen's part ("jobs", "cv" ...) before the screen is made, e.g. to load its .kv files.
        self.before_make: Callable[[str], None] = lambda _part: None
        super().__init__(**kwargs)

    def register(self, name: str, cls: type | str, props: dict, part: str = "") -> None:
        """Say how to make a screen, without making it.

        :param name: the screen's name.
        :param cls: its class, or "module:Class" to import it when the screen is first made.
        :param props: properties to make it with.
        :param part: the part of the kiosk it belongs to, handed to ``before_make``.
        """
        self._factories[name] = (cls, props, part)

    @property
    def names(self) -> list[str]:
        """Every screen's name, made or not, in the order they were registered."""
        return list(self._factories)

    def has_screen(self, name: str) -> bool:
        """True for any registered screen, made or not."""
        return name in self._factories or super().has_screen(name)

    def get_screen(self, name: str):
        """The screen called ``name``, made now if this is the first time it is asked for."""
        if name in self._factories and not super().has_screen(name):
            cls, props, part = self._factories[name]
            if isinstance(cls, str):
                module, _, attribute = cls.partition(":")
                cls = getattr(import_module(module), attribute)
            self.before_make(part)
            self.add_widget(cls(name=name, **props))
        return super().get_screen(name)

    def real_add_widget(self, screen, *args) -> None:
        """Put a screen on the window, first drawing the text that changed while it was hidden (hidden_text.py)."""
        super().real_add_widget(screen, *args)
        draw_text_now_shown()

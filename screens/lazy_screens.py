"""A ScreenManager that makes each screen the first time it is needed, not all of them at start-up.

The kiosk has some thirty screens; most visits use a handful. Making a screen builds its whole widget tree from its
.kv rule, so building them lazily shortens start-up, saves memory, and makes the wipe (which resets every screen
that exists) cheaper. A screen that was never made holds nothing of anyone's.
"""

from __future__ import annotations

from kivy.uix.screenmanager import ScreenManager


class LazyScreenManager(ScreenManager):
    """Knows every screen's class by name (``register``) and makes it on first ``get_screen`` or ``current``."""

    def __init__(self, **kwargs):
        self._factories: dict[str, tuple[type, dict]] = {}
        super().__init__(**kwargs)

    def register(self, name: str, cls: type, props: dict) -> None:
        """Say how to make a screen, without making it.

        :param name: the screen's name.
        :param cls: its class.
        :param props: properties to make it with.
        """
        self._factories[name] = (cls, props)

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
            cls, props = self._factories[name]
            self.add_widget(cls(name=name, **props))
        return super().get_screen(name)

"""The frame around every screen: the header, the screens, the navigation bar and the overlay layer.

Everything a person can touch is inside ``band``; with "Move everything lower" on, the band shrinks to the lower
part of the screen and a plain panel fills the space above. The on-screen keyboard (``screens/keyboard``) is the
last row, under the band: ``keyboard_space`` is its height, which the band gives up while a field is typed in.
"""

from kivy.app import App
from kivy.properties import NumericProperty
from kivy.uix.floatlayout import FloatLayout


class Shell(FloatLayout):
    """The root widget."""

    keyboard_space = NumericProperty(0)

    def on_kv_post(self, _base_widget) -> None:
        """Paint the page colour as the window's clear colour, not as a rectangle over the whole window."""
        # Clearing is all but free; a full-window rectangle costs a whole fill each frame with software GL (about
        # as much as a simple screen: bench/journeys.py), and the clear happens anyway.
        look = App.get_running_app().look
        look.fbind("page", self._paint_window)
        self._paint_window(look, look.page)

    @staticmethod
    def _paint_window(_look, colour) -> None:
        from kivy.core.window import Window
        Window.clearcolor = colour

    def show_overlay(self, overlay, full: bool = False) -> None:
        """Show one overlay, replacing any other; the field being typed in under it lets go of the keyboard.

        :param overlay: an ``Overlay`` widget.
        :param full: cover the header too (the idle warning); otherwise the header stays usable.
        """
        self.close_overlay()
        App.get_running_app().keyboard.close()
        self.ids["full_overlays" if full else "overlays"].add_widget(overlay)

    def close_overlay(self) -> None:
        """Remove whatever overlay is showing."""
        self.ids.overlays.clear_widgets()
        self.ids.full_overlays.clear_widgets()

    @property
    def overlay(self):
        """The overlay showing now, or None."""
        children = self.ids.full_overlays.children or self.ids.overlays.children
        return children[0] if children else None

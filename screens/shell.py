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

    @staticmethod
    def _paint_window(_look, colour) -> None:
        from kivy.core.window import Window
        Window.clearcolor = colour

    def on_kv_post(self, _base_widget) -> None:
        """Paint the page colour as the window's clear colour, not as a rectangle over the whole window; keep
        "Stop reading" out of the navigation bar until a page is read."""
        # Clearing is all but free; a full-window rectangle costs a whole fill each frame with software GL (about
        # as much as a simple screen: bench/journeys.py), and the clear happens anyway.
        look = App.get_running_app().look
        look.fbind("page", self._paint_window)
        self._paint_window(look, look.page)
        # ids are weak references: the shell holds the buttons while they are out of the bar.
        self._stop_reading = self.ids.stop_reading.__self__
        self._back = self.ids.back.__self__
        self.show_stop_reading(False)
        self.show_inner_controls(False)

    def show_stop_reading(self, shown: bool) -> None:
        """Show "Stop reading" at the end of the navigation bar, or take it away.

        :param shown: True while a page is being read aloud.
        """
        button, bar = self._stop_reading, self.ids.nav_buttons
        if shown and button.parent is None:
            bar.add_widget(button, index=0)
        elif not shown and button.parent is not None:
            button.parent.remove_widget(button)

    def show_inner_controls(self, shown: bool) -> None:
        """Show the back link above the page on every screen but home, or take it away.

        :param shown: True on an inner screen (``KioskScreen.inner``).
        """
        nav = self.ids.nav
        if shown and self._back.parent is None:
            nav.add_widget(self._back, index=len(nav.children))  # first in the row: at the left
        elif not shown and self._back.parent is not None:
            nav.remove_widget(self._back)

    def show_overlay(self, overlay, full: bool = False) -> None:
        """Show one overlay, replacing any other; the field being typed in under it lets go of the keyboard.

        :param overlay: an ``Overlay`` widget.
        :param full: cover the header too (the idle warning); otherwise the header stays usable.
        """
        self.close_overlay()
        app = App.get_running_app()
        app.keyboard.close()
        app.reader.stop()  # a panel over the page: the page is no longer what the person looks at
        self.ids["full_overlays" if full else "overlays"].add_widget(overlay)

    def close_overlay(self) -> None:
        """Remove whatever overlay is showing (and stop reading it aloud)."""
        reader = getattr(App.get_running_app(), "reader", None)
        for showing in (*self.ids.overlays.children, *self.ids.full_overlays.children):
            if reader is not None:
                reader.stop_within(showing)
        self.ids.overlays.clear_widgets()
        self.ids.full_overlays.clear_widgets()

    @property
    def overlay(self):
        """The overlay showing now, or None."""
        children = self.ids.full_overlays.children or self.ids.overlays.children
        return children[0] if children else None

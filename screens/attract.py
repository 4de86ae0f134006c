"""The attract screen: what the kiosk shows when nobody is using it."""

from kivy.app import App
from kivy.properties import BooleanProperty
from kivy.uix.behaviors import ButtonBehavior

from screens.base import KioskScreen
from screens.read_aloud import page_parts

#: Marks, in a touch's ``ud``, a touch that began on the page and not on one of its buttons.
_STARTS = "attract.starts"


class AttractScreen(KioskScreen):
    """"Touch the screen to start"; after a wipe it also says the screen was cleared for privacy."""

    cleared = BooleanProperty(False)

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the page in order, with its buttons, since "Touch the screen to
        start" is what to do here and the statements are what else it offers."""
        return page_parts(self, buttons=True)

    def on_touch_down(self, touch):
        """Note a touch that lands on the page rather than on a button: if it is let go without scrolling, it starts
        a session (``on_touch_up``)."""
        if self.collide_point(*touch.pos) and not self._on_a_button(touch.pos):
            touch.ud[_STARTS] = True
        return super().on_touch_down(touch)

    def on_touch_up(self, touch):
        """A touch anywhere on the page, not only on the button, starts a session on the home screen; a touch that
        scrolled the page (at 200 % text it can be taller than the screen) does not."""
        handled = super().on_touch_up(touch)
        # The page, which scrolls, takes every touch on it, so whether it "handled" one says nothing.
        if touch.ud.get(_STARTS) and self.manager and self.manager.current == self.name and not self._scrolled(touch):
            touch.ud[_STARTS] = False  # a touch the page grabbed comes up twice
            App.get_running_app().nav.begin()
            return True
        return handled

    def _on_a_button(self, pos) -> bool:
        # The buttons act on their own release; touching one must not start a second, plain visit as well.
        x, y = self.parent.to_window(*pos) if self.parent else pos
        return any(isinstance(widget, ButtonBehavior) and widget.collide_point(*widget.to_widget(x, y))
                   for widget in self.walk(restrict=True) if widget.opacity > 0)

    def _scrolled(self, touch) -> bool:
        page = self.ids.page
        return abs(touch.pos[1] - touch.opos[1]) > page.scroll_distance

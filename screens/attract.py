"""The attract screen: what the kiosk shows when nobody is using it."""

from kivy.app import App
from kivy.properties import BooleanProperty

from screens.base import KioskScreen


class AttractScreen(KioskScreen):
    """"Touch the screen to start"; after a wipe it also says the screen was cleared for privacy."""

    cleared = BooleanProperty(False)

    def on_touch_up(self, touch):
        """A touch anywhere on the page, not only on the button, starts a session on the home screen."""
        if super().on_touch_up(touch):
            return True
        if self.collide_point(*touch.pos) and self.manager and self.manager.current == self.name:
            App.get_running_app().nav.begin()
            return True
        return False

"""The home screen: the three things a person can do here."""

from kivy.properties import NumericProperty

from screens.base import KioskScreen


class HomeScreen(KioskScreen):
    """Find a job; Check what benefits you could get; Build your CV."""

    #: The three services' height when they are side by side: the tallest one's, so they line up (home.kv).
    row_height = NumericProperty(0)

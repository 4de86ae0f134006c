"""The home screen: the three things a person can do here."""

from screens.base import KioskScreen


class HomeScreen(KioskScreen):
    """Find a job; Check what benefits you could get; Build your CV."""

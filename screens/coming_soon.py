"""A plain, honest placeholder for a part of the kiosk that is not built yet: it says so and points to staff."""

from kivy.properties import StringProperty

from screens.base import KioskScreen


class ComingSoonScreen(KioskScreen):
    """Shows ``heading_key`` and ``body_key`` from the catalogue and nothing else."""

    body_key = StringProperty("")

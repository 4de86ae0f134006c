"""About this kiosk: what it is, and the statements the licences of its open data ask us to show."""

from __future__ import annotations

from kivy.properties import ListProperty

from screens.base import KioskScreen
from screens.read_aloud import page_parts


def attributions() -> list[str]:
    """The licence statements of the place and job-title data, as the data's publishers wrote them."""
    try:
        from kiosk.jobs.places import ATTRIBUTIONS
    except Exception:  # noqa: BLE001 - the About page must open even if the place module cannot load
        return []
    return list(ATTRIBUTIONS)


class AboutScreen(KioskScreen):
    """A plain page; the statements are shown word for word (they are legal text, in English)."""

    statements = ListProperty([])

    def read_parts(self) -> list[tuple]:
        """What "Read this page aloud" reads: the page in order, the licence statements in the English voice
        (they are English on a Welsh page too)."""
        statements = self.ids.statements
        return [(widget, text, "en") if widget is statements.__self__ else (widget, text)
                for widget, text in page_parts(self)]

    def on_pre_enter(self, *_args) -> None:
        """Read the statements (once)."""
        if not self.statements:
            self.statements = attributions()

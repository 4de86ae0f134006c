"""The home screen: the three things a person can do here, then the other help the kiosk has (issue #19)."""

from kivy.properties import BooleanProperty, NumericProperty

from screens.base import KioskScreen, show_only
from screens.read_aloud import page_parts
from screens.widgets import running_app


class HomeScreen(KioskScreen):
    """Find a job; Check what benefits you could get; Build your CV; then "Help near you" and the like."""

    #: The three services' height when they are side by side: the tallest one's, so they line up (home.kv).
    row_height = NumericProperty(0)
    #: The office lists local help, so "Help near you" shows.
    has_local_help = BooleanProperty(False)

    def on_pre_enter(self, *_args) -> None:
        """Offer "Help near you" only when the office lists some local help.

        A button on the home page promises something. One that opened a page saying "nothing here yet" would cost a
        person a touch and a disappointment on the first page they see, and tell them nothing they can act on; a
        kiosk whose office has no list simply does not offer one. The list is read each time home shows (a small
        file), so one that arrives from the central service shows without a restart.
        """
        office = running_app().services.office()
        self.has_local_help = bool(getattr(office, "local_help", None))
        more = self.ids.more
        # Other entries share this group (issue #19): only this one is shown or held aside, the rest stay as they are.
        order = getattr(more, "_all_children", None) or list(reversed(more.children))
        mine = self.ids.local_help.__self__
        show_only(more, [child for child in order if child is not mine or self.has_local_help])

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the heading, then each thing the kiosk offers, in the order shown (the
        choices are this page's content, as a panel's are; ``app.reader``)."""
        return page_parts(self, buttons=True)

"""Young people (16 to 24): apprenticeships, the nation's offer for young people, and a QR code to the nation's
careers service (``kiosk.careers.youth``, by ``ui.nation``)."""

from __future__ import annotations

from kivy.properties import ListProperty, ObjectProperty, StringProperty

from kiosk.careers.youth import careers_service, young_people_keys
from kiosk.jobs.phone_link import TooLongForQr, qr_matrix
from screens.base import KioskScreen
from screens.qr_code import qr_texture
from screens.read_aloud import page_parts
from screens.widgets import running_app


def web_address(url: str) -> str:
    """A web address as people write it: "careerswales.gov.wales", without "https://" or a "/" at the end.

    :param url: an https address.
    """
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


class CareersYoungScreen(KioskScreen):
    """The young people's page; its words are catalogue keys for the kiosk's nation."""

    #: Catalogue keys of the paragraphs, in order.
    keys = ListProperty([])
    #: The nation's careers service: the catalogue key of its words, and its web address.
    service_key = StringProperty("careers.young.adviser.england")
    service_url = StringProperty("")
    texture = ObjectProperty(None, allownone=True)

    def on_pre_enter(self, *_args) -> None:
        """Take the kiosk's nation: its offers and its careers service's code."""
        app = running_app()
        nation = app.settings["ui.nation"]
        self.keys = young_people_keys(nation)
        service = careers_service(nation)
        self.service_key = service.words_key
        if service.url != self.service_url or self.texture is None:
            self.service_url = service.url
            try:
                self.texture = qr_texture(qr_matrix(service.url))
            except TooLongForQr:  # never for these short addresses; the words still give the address
                self.texture = None
        app.services.count_once(app.session, "careers_young_viewed")

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the page in the order shown."""
        return page_parts(self.ids.column)

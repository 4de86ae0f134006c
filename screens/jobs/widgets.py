"""Pieces the job-search screens share: a job's row, a filter chip and a QR code.

    row = JobRow(job=hit, on_release=lambda row: open_job(row.job))
    chip = Chip(label_key="filters.hours_under_16", count=12)
    texture = qr_texture(qr_matrix("https://example.org/jobs/1"))

Their look is in ``widgets.kv``; a job's text is shown as plain text (markup stays off). The query a person has
built is made in ``kiosk.jobs.query`` (``query_from_session``).
"""

from __future__ import annotations

from kivy.app import App
from kivy.graphics.texture import Texture
from kivy.properties import DictProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from kiosk import theme
from kiosk.jobs.phone_link import QUIET_ZONE
from screens.widgets import KButton

#: Jobs on one page of results: ten large rows are a comfortable scroll at any text size.
PAGE_SIZE = 10


class JobRow(ButtonBehavior, BoxLayout):
    """One job in a list: title, employer, place and distance, pay, hours. Touch it to open the job.

    ``job`` is a ``kiosk.jobs.search.JobHit`` or a vacancy dict.
    """

    job = ObjectProperty(None, allownone=True)


class Chip(KButton):
    """A filter choice: one touch turns it on or off. Its label comes from the catalogue, with the number of
    jobs there would be with it chosen underneath (``count`` -1: no number).
    """

    label_key = StringProperty("")
    label_params = DictProperty({})
    plural_count = NumericProperty(-1)
    count = NumericProperty(-1)
    group = StringProperty("")
    value = ObjectProperty(None, allownone=True)

    def label(self, t, *_watched) -> str:
        """The chip's text in the catalogue ``t``.

        :param t: the person's catalogue.
        :param _watched: the properties the text depends on, passed by the kv rule so that it redraws.
        """
        if not self.label_key:
            return ""
        if self.plural_count >= 0:
            words = t.plural(self.label_key, int(self.plural_count), **self.label_params)
        else:
            words = t.text(self.label_key, **self.label_params)
        if self.count >= 0:
            words += "\n" + t.plural("filters.count", int(self.count))
        return words


class QrCode(Widget):
    """A QR code texture drawn ``side`` pixels square, modules kept sharp (see ``qr_texture``)."""

    texture = ObjectProperty(None, allownone=True)
    side = NumericProperty(0)


def qr_texture(matrix: list[list[bool]]) -> Texture:
    """A QR code as a texture in memory, one texel per module, with its quiet zone; never written to disk.

    Always dark on white (the standard palette's text and page colours), whatever colours the person chose:
    phone cameras read light-on-dark codes badly. Draw it with ``mag_filter`` "nearest" so modules stay sharp.

    :param matrix: rows of modules, top first, True for dark (``kiosk.jobs.phone_link.qr_matrix``).
    """
    dark = bytes(round(c * 255) for c in theme.rgba(theme.STANDARD.page_text))
    light = bytes(round(c * 255) for c in theme.rgba(theme.STANDARD.page))
    size = len(matrix) + 2 * QUIET_ZONE
    blank = light * size
    rows = [blank] * QUIET_ZONE
    for row in matrix:
        rows.append(light * QUIET_ZONE + b"".join(dark if module else light for module in row) + light * QUIET_ZONE)
    rows += [blank] * QUIET_ZONE
    texture = Texture.create(size=(size, size), colorfmt="rgba")
    # Textures start at the bottom row.
    texture.blit_buffer(b"".join(reversed(rows)), colorfmt="rgba", bufferfmt="ubyte")
    texture.mag_filter = "nearest"
    texture.min_filter = "nearest"
    return texture


def running_app():
    """The kiosk App (only ever called from a screen method, never at import)."""
    return App.get_running_app()

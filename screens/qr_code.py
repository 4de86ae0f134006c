"""QR codes on screen: a code's modules as a texture made in memory, and the widget that draws it sharp.

The job, CV and benefits pages all show codes; the ``<QrCode>`` rule is in ``widgets.kv``.
"""

from __future__ import annotations

from kivy.graphics.texture import Texture
from kivy.properties import NumericProperty, ObjectProperty
from kivy.uix.widget import Widget

from kiosk import theme
from kiosk.jobs.phone_link import QUIET_ZONE


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


class QrCode(Widget):
    """A QR code texture drawn ``side`` pixels square, modules kept sharp (see ``qr_texture``)."""

    texture = ObjectProperty(None, allownone=True)
    side = NumericProperty(0)

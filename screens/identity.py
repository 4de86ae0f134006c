"""Whose kiosk this is: the organisation's name in the header and the office's name on the attract screen, from
the office config the kiosk syncs from the central service (``sync.office``). Without one, the kiosk's own name.
The organisation's logo, when the kiosk's config names one (``display.logo``), goes beside the name.

    show_identity(app)      # at start, and after each wipe: a config synced mid-visit shows for the next person
    checked_logo(path)      # the logo file if it is a PNG the kiosk can safely show, else "" (and a warning)
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path

log = logging.getLogger(__name__)


def show_identity(app) -> None:
    """Set ``app.organisation`` and ``app.office_name`` from the last good office config.

    :param app: the KioskApp.
    """
    try:
        office = app.services.office()
    except Exception as error:  # noqa: BLE001 - a damaged office file must not stop the kiosk; it keeps its own name
        log.warning("the office's name cannot be shown: %s", error)
        office = None
    app.organisation = dict(getattr(office, "organisation", None) or {})
    app.office_name = getattr(office, "office_name", "") or ""


def organisation_name(organisation: dict, language: str, default: str) -> str:
    """The organisation's name in the person's language (English when it has no Welsh name), else ``default``.

    :param organisation: ``{"name": ..., "name_cy": ...}`` or {}.
    :param language: "en" or "cy".
    :param default: the kiosk's own name, from the catalogue.
    """
    return (organisation.get("name_cy") if language == "cy" else "") or organisation.get("name") or default


#: The largest logo file and picture taken: a header logo needs far less, and a bigger one costs memory on every
#: kiosk (a 2000 x 2000 picture is 16 MB as a texture).
LOGO_MOST_BYTES = 1024 * 1024
LOGO_MOST_PIXELS = 2000
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def checked_logo(path: str | Path) -> str:
    """The logo file as a string if it is a PNG of at most ``LOGO_MOST_BYTES`` and ``LOGO_MOST_PIXELS`` each way,
    else "" with a warning that says what is wrong (the kiosk then shows the name alone).

    Only the PNG header is read here; the picture itself is decoded by Kivy, once these bounds hold.

    :param path: ``display.logo`` ("" for none).

    >>> checked_logo("")
    ''
    """
    if not str(path):
        return ""
    try:
        size = Path(path).stat().st_size
        with open(path, "rb") as file:
            head = file.read(24)
    except OSError as error:
        log.warning("display.logo: the logo cannot be read (%s): showing the name alone", error.strerror or error)
        return ""
    problem = _logo_problem(size, head)
    if problem:
        log.warning("display.logo: %s %s: showing the name alone", path, problem)
        return ""
    return str(path)


def _logo_problem(size: int, head: bytes) -> str:
    if size > LOGO_MOST_BYTES:
        return f"is {size:,} bytes; a logo may be at most {LOGO_MOST_BYTES:,}"
    # A PNG starts with its signature, then the IHDR chunk: length 13, "IHDR", width and height (big-endian).
    if len(head) < 24 or head[:8] != _PNG_SIGNATURE or head[12:16] != b"IHDR":
        return "is not a PNG picture"
    width, height = struct.unpack(">II", head[16:24])
    if not (0 < width <= LOGO_MOST_PIXELS and 0 < height <= LOGO_MOST_PIXELS):
        return f"is {width} by {height} pixels; a logo may be at most {LOGO_MOST_PIXELS} each way"
    return ""

""""Send to my phone": what a job's QR code holds, and the code itself, made in memory and never saved.

    >>> from kiosk.i18n import load_catalogues
    >>> t = load_catalogues()["en"]
    >>> job = {"title": "Cleaner", "employer": "Acme", "apply_url": "https://example.org/jobs/1",
    ...        "apply_phone": None, "apply_email": None}
    >>> job_payload(t, job)
    'https://example.org/jobs/1'
    >>> matrix = qr_matrix(job_payload(t, job))
    >>> len(matrix), len(matrix[0])      # modules, without the quiet zone the screen draws round it
    (25, 25)

A job with a web address becomes that address, so the phone's camera offers to open it. Without one, and for a
list of saved jobs, the code holds plain text (title, employer, and the web address, phone or email to apply
with), which every phone shows. A code that would need more than ``MAX_VERSION`` is refused with
``TooLongForQr``: the modules would be too small for a phone held at arm's length to read.
"""

from __future__ import annotations

import io


from kiosk.jobs.wording import apply_lines

#: Largest QR version offered (97 x 97 modules, about 660 bytes at error correction M).
MAX_VERSION = 20
#: White modules round the code that scanners need (the QR standard asks for 4).
QUIET_ZONE = 4


class TooLongForQr(ValueError):
    """The text would make a code too dense to scan; carries the message key to show."""

    message_key = "phone.too_long"


def job_payload(t, vacancy: dict) -> str:
    """What the code for one job holds: its web address, or its title, employer and how to apply.

    :param t: the person's catalogue (labels such as "Phone:" are in their language).
    :param vacancy: a vacancy dict (``JobSearch.vacancy``).
    """
    if vacancy.get("apply_url"):
        return vacancy["apply_url"]
    return "\n".join([vacancy["title"], vacancy["employer"], *apply_lines(t, vacancy)])


def shortlist_payload(t, vacancies: list[dict]) -> str:
    """What the code for several saved jobs holds: each job's title and employer, then how to apply.

    :param t: the person's catalogue.
    :param vacancies: vacancy dicts, in the order they were saved.
    """
    blocks = []
    for vacancy in vacancies:
        ways = [vacancy["apply_url"]] if vacancy.get("apply_url") else apply_lines(t, vacancy)
        blocks.append("\n".join([f"{vacancy['title']}, {vacancy['employer']}", *ways]))
    return "\n\n".join(blocks)


def _code(text: str):
    # Imported when a code is first made: qrcode loads Pillow, several megabytes most sessions never need.
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text.encode("utf-8"))
    try:
        code.make(fit=True)
    except ValueError:  # qrcode says "Invalid version" when even version 40 is too small
        raise TooLongForQr(f"{len(text.encode('utf-8'))} bytes do not fit in a QR code") from None
    if code.version > MAX_VERSION:
        raise TooLongForQr(f"{len(text.encode('utf-8'))} bytes need QR version {code.version}")
    return code


def qr_matrix(text: str) -> list[list[bool]]:
    """The code's modules, top row first, True for dark; without the quiet zone.

    :param text: what the code holds.
    :raises TooLongForQr: when it would need more than ``MAX_VERSION``.
    """
    return [list(row) for row in _code(text).get_matrix()]


def qr_png(text: str, module_px: int = 8) -> bytes:
    """The code as PNG bytes, black on white with its quiet zone, for a printout or a check.

    :param text: what the code holds.
    :param module_px: pixels per module.
    :raises TooLongForQr: when it would need more than ``MAX_VERSION``.
    """
    from PIL import Image

    matrix = qr_matrix(text)
    size = len(matrix) + 2 * QUIET_ZONE
    image = Image.new("1", (size, size), 1)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.putpixel((x + QUIET_ZONE, y + QUIET_ZONE), 0)
    image = image.resize((size * module_px, size * module_px), Image.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()

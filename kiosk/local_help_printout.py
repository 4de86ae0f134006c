"""The printout of one kind of "Help near you" on one A4 page: each organisation with what it does, when it is open,
its phone number and web address, and a QR code to call it or open its website; in the person's language.

    from kiosk.i18n import load_catalogues
    pdf_bytes = local_help_pdf(load_catalogues()["cy"], "money", entries)   # entries: kiosk.local_help.with_every_field

It fits one page: when the list is long, the text and codes are made a step smaller (down to 8 pt, as small as a
leaflet's small print) until it does. A list too long even then (an office may list 30 organisations of one kind)
goes on to a second page rather than print too small to read; a large-print copy (``large_print``, every size
doubled) takes the pages it needs. The PDF is tagged (headings, reading order: ``kiosk.pdf_tags``) and each code
has alt text. Imported only when someone prints (fpdf2 is heavy).
"""

from __future__ import annotations

import datetime as dt
import functools
import io

from kiosk.jobs.phone_link import TooLongForQr, qr_png
from kiosk.jobs.printout import LINE, _JobDocument
from kiosk.jobs.wording import long_date
from kiosk.local_help import code_text, in_language, with_every_field
from kiosk.pdf_fonts import FAMILY as FONT, printable

#: Point sizes at full size: as the benefits printout (11 pt body, as most letters from DWP).
TITLE_PT, NAME_PT, BODY_PT = 18, 12.5, 11
#: Side of each code beside its organisation: phones read codes this size from a sheet held in the hand.
CODE_MM = 20
GAP_MM = 3
MARGIN_MM = 14
LINE_GAP_MM = 0.3
#: The steps tried, largest first, until the list fits one page (0.73 of 11 pt is 8 pt).
SCALES = (1.0, 0.9, 0.8, 0.73)


def local_help_pdf(t, group: str, entries: list[dict], today: dt.date | None = None,
                   large_print: bool = False) -> bytes:
    """The printout of one kind of help, on one page when it fits at 8 pt or larger.

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``).
    :param group: one of ``kiosk.local_help.GROUPS``.
    :param entries: that group's entries, in the office's order.
    :param today: the date printed at the top (default: today).
    :param large_print: every text size doubled (the pages it needs).
    """
    entries = [with_every_field(entry) for entry in entries]
    day = today or dt.date.today()
    document, filled = _render(t, group, entries, day, large_print, SCALES[0])
    # Laying out text is the slow part (a second for thirty organisations), so the next size tried is the largest
    # the first try says could fit: the area text takes goes with the square of its size.
    tried = SCALES[0]
    while filled > 1 and tried != SCALES[-1]:
        tried = next((scale for scale in SCALES if scale < tried and scale * scale * filled <= 1), SCALES[-1])
        document, filled = _render(t, group, entries, day, large_print, tried)
    return document


def _render(t, group: str, entries: list[dict], today: dt.date, large_print: bool,
            scale: float) -> tuple[bytes, float]:
    """The printout at one size; its bytes and how many pages it filled (1.0 or less: one page)."""
    heading = t.text("local_help.print_title", group=t[f"local_help.group.{group}"])
    text = " ".join(value for entry in entries for value in entry.values())
    pdf = _JobDocument(t, heading, text, large_print=large_print)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM + pdf.pt(6))
    pdf.add_page()
    pdf.write_text(t.text("print.printed_on", date=long_date(t, today.isoformat())), 10 * scale, gap=1)
    pdf.write_text(heading, TITLE_PT * scale, bold=True, gap=1.5, tag="H1")
    pdf.write_text(t["local_help.print_intro"], BODY_PT * scale, gap=GAP_MM)
    for entry in entries:
        _write_entry(pdf, t, entry, scale)
    usable = pdf.h - pdf.t_margin - pdf.b_margin
    filled = pdf.page_no() - 1 + (pdf.get_y() - pdf.t_margin) / usable
    return bytes(pdf.output()), filled


def _write_entry(pdf: _JobDocument, t, entry: dict, scale: float) -> None:
    """One organisation: its code on the left (read after the words, which say what it is for), then its name, what
    it does, when it is open, its phone number and web address."""
    language = t.language
    target = code_text(entry)
    code = CODE_MM * scale if target else 0
    lines = [(in_language(entry, "about", language), False),
             (t.text("local_help.opening", times=in_language(entry, "opening", language))
              if in_language(entry, "opening", language) else "", False),
             (t.text("local_help.phone", phone=entry["phone"]) if entry["phone"] else "", True),
             (t.text("local_help.web", url=entry["url"]) if entry["url"] else "", False)]
    width = pdf.epw - (code + GAP_MM if code else 0)
    needed = max(code, _height(pdf, entry["name"], NAME_PT * scale, True, width) + sum(
        _height(pdf, text, BODY_PT * scale, bold, width) for text, bold in lines if text)) + GAP_MM
    if pdf.will_page_break(needed):
        pdf.add_page()  # an organisation is never split between two pages
    top, margin = pdf.get_y(), pdf.l_margin
    pdf.set_left_margin(margin + (code + GAP_MM if code else 0))
    pdf.set_x(pdf.l_margin)
    pdf.write_text(entry["name"], NAME_PT * scale, bold=True, gap=LINE_GAP_MM, tag="H2")
    for text, bold in lines:
        if text:
            pdf.write_text(text, BODY_PT * scale, bold=bold, gap=LINE_GAP_MM)
    pdf.set_left_margin(margin)
    bottom = pdf.get_y()
    if code:
        image = _code_png(target)
        if image is not None:
            alt = t.text("local_help.qr_alt", name=entry["name"], target=target.removeprefix("tel:"))
            with pdf.tag("Figure", alt=printable(alt)):
                pdf.image(io.BytesIO(image), x=margin, y=top + 1, w=code, h=code)
    pdf.set_xy(margin, max(bottom, top + code + 1) + GAP_MM)


@functools.lru_cache(maxsize=64)
def _code_png(target: str) -> bytes | None:
    """The QR code of a web address or ``tel:`` link as PNG bytes (made once for each: the list is laid out at each
    size it is tried at), or None for an address too long to scan, which the words print in full."""
    try:
        return qr_png(target)
    except TooLongForQr:
        return None


def _height(pdf: _JobDocument, text: str, size: float, bold: bool, width: float) -> float:
    """How tall ``text`` prints at ``size`` in a column ``width`` mm wide, with the gap after it."""
    pdf.set_font(FONT, "B" if bold else "", pdf.pt(size))
    lines = pdf.multi_cell(width, pdf.pt(size) * LINE, printable(text), dry_run=True, output="LINES")
    assert isinstance(lines, list)  # what output="LINES" gives
    return len(lines) * pdf.pt(size) * LINE + LINE_GAP_MM

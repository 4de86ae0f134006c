"""The printout of a life event's checklist: its steps in order, each with who, by when, why, how, the phone number
and a QR code of its page beside it, in the person's language; to take away and work through.

    from kiosk.i18n import load_catalogues
    pdf_bytes = checklist_pdf(load_catalogues()["cy"], all_events()["someone_died"], "wales")

Nothing about the person is printed: only the event's own steps. The PDF is tagged (headings, reading order,
each code's alt text: ``kiosk.pdf_tags``) and can be printed large (``large_print``: every text size doubled).
Imported only when someone prints (fpdf2 is heavy).
"""

from __future__ import annotations

import datetime as dt
import io

from kiosk.jobs.phone_link import qr_png
from kiosk.jobs.printout import LINE, _JobDocument
from kiosk.jobs.wording import long_date
from kiosk.life_events.content import LifeEvent, Step, all_events  # noqa: F401 - all_events for the example
from kiosk.life_events.wording import step_words
from kiosk.pdf_fonts import FAMILY as FONT, printable

#: Point sizes, as the benefits printout's; the large-print copy doubles them.
TITLE_PT, HEADING_PT, NAME_PT, BODY_PT = 18, 14, 12, 11
#: Side of each page's code, beside its step; phones read codes this size from a sheet held in the hand.
CODE_MM = 18
GAP_MM = 3
MARGIN_MM = 14
LINE_GAP_MM = 0.3
#: A step's lines as printed after its title, and which are bold (the deadline and the number to call stand out).
PRINTED = (("who", False), ("when", True), ("why", False), ("how", False), ("phone", True), ("address", False),
           ("checked", False))


def checklist_pdf(t, event: LifeEvent, nation: str, today: dt.date | None = None, large_print: bool = False) -> bytes:
    """The printout of one event's checklist for a nation.

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``).
    :param event: the life event.
    :param nation: "england", "wales" or "scotland": the kiosk's.
    :param today: the date printed at the top (default: today).
    :param large_print: the same printout with every text size doubled.
    """
    language = t.language
    steps = event.steps_for(nation)
    words = [step_words(t, step, number) for number, step in enumerate(steps, 1)]
    pdf = _JobDocument(t, t["life.print.title"], text=" ".join(" ".join(lines.values()) for lines in words),
                       large_print=large_print)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM + pdf.pt(6))
    pdf.add_page()
    pdf.write_text(t.text("print.printed_on", date=long_date(t, (today or dt.date.today()).isoformat())), 11)
    pdf.write_text(event.title[language], TITLE_PT, bold=True, gap=2, tag="H1")
    pdf.write_text(event.intro[language], BODY_PT, gap=3)
    pdf.write_text(t["life.steps.heading"], HEADING_PT, bold=True, gap=2, tag="H2")
    for step, lines in zip(steps, words, strict=True):
        _write_step(pdf, t, step, lines)
    return bytes(pdf.output())


def _write_step(pdf: _JobDocument, t, step: Step, lines: dict[str, str]) -> None:
    """One step, its code on the left (read after the words, which say what the code is for), kept on one page."""
    url = step.link_for(t.language)
    width = pdf.epw - CODE_MM - GAP_MM
    printed = [(lines[name], bold) for name, bold in PRINTED if lines[name]]
    needed = max(CODE_MM, _height(pdf, lines["title"], NAME_PT, True, width) + sum(
        _height(pdf, text, BODY_PT, bold, width) for text, bold in printed)) + GAP_MM
    if pdf.will_page_break(needed):
        pdf.add_page()
    top, margin = pdf.get_y(), pdf.l_margin
    pdf.set_left_margin(margin + CODE_MM + GAP_MM)
    pdf.set_x(pdf.l_margin)
    pdf.write_text(lines["title"], NAME_PT, bold=True, gap=LINE_GAP_MM, tag="H3")
    for text, bold in printed:
        pdf.write_text(text, BODY_PT, bold=bold, gap=LINE_GAP_MM)
    pdf.set_left_margin(margin)
    bottom = pdf.get_y()
    with pdf.tag("Figure", alt=printable(t.text("life.print.qr_alt", url=url))):
        pdf.image(io.BytesIO(qr_png(url)), x=margin, y=top + 1, w=CODE_MM, h=CODE_MM)
    pdf.set_xy(margin, max(bottom, top + CODE_MM + 1) + GAP_MM)


def _height(pdf: _JobDocument, text: str, size: int, bold: bool, width: float) -> float:
    """How tall ``text`` prints at ``size`` in a column ``width`` mm wide, with the gap after it."""
    pdf.set_font(FONT, "B" if bold else "", pdf.pt(size))
    lines = pdf.multi_cell(width, pdf.pt(size) * LINE, printable(text), dry_run=True, output="LINES")
    assert isinstance(lines, list)  # what output="LINES" gives
    return len(lines) * pdf.pt(size) * LINE + LINE_GAP_MM

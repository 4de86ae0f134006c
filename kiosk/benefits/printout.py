"""The printout of a benefits check, on one or two A4 pages: what the likely benefits add up to, then each benefit
the person may get with its amount, what to do next and how to claim (a QR code of its claim page beside it), then
the names of those they are unlikely to get; in their language.

    from kiosk.i18n import load_catalogues
    pdf_bytes = benefits_pdf(load_catalogues()["cy"], results)    # results from kiosk.benefits.check.check

It says nothing about the person beyond the results (no answers are printed). The paper is what to take away and
act on, so it leaves out what the screen has for reading there: the working ("How we worked this out") and why
each other benefit is unlikely. A household that may get fifteen benefits printed eight to ten pages with those;
now two. Each QR code has alt text; the PDF is tagged (headings, reading order: ``kiosk.pdf_tags``) and can be
printed large (``large_print``: every text size doubled, so more pages). Imported only when someone prints (fpdf2
is heavy).
"""

from __future__ import annotations

import datetime as dt
import io

from kiosk.benefits.result_wording import (amount_words, claim_words, next_step_words, status_words, total_words,
                                           web_address)
from kiosk.jobs.phone_link import qr_png
from kiosk.jobs.printout import LINE, _JobDocument
from kiosk.jobs.wording import long_date
from kiosk.pdf_fonts import FAMILY as FONT, printable

#: Point sizes: smaller than a job's large clear print, so that a big household's results fit on two pages (11 pt
#: body, as most letters from DWP); the large-print copy doubles them.
TITLE_PT, HEADING_PT, NAME_PT, BODY_PT = 18, 14, 12, 11
#: Side of each claim code, beside its benefit; phones read codes this size from a sheet held in the hand.
CODE_MM = 18
GAP_MM = 3
#: Narrower margins than a job's (18 mm): still inside every printer's unprintable edge.
MARGIN_MM = 14
LINE_GAP_MM = 0.3


def benefits_pdf(t, results, today: dt.date | None = None, large_print: bool = False) -> bytes:
    """The printout of a benefits check.

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``).
    :param results: ``kiosk.benefits.check.Results``.
    :param today: the date printed at the top (default: today).
    :param large_print: the same printout with every text size doubled.
    """
    language = t.language
    pdf = _JobDocument(t, t["benefits.results.printed_title"], large_print=large_print)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM + pdf.pt(6))
    pdf.add_page()
    pdf.write_text(t.text("print.printed_on", date=long_date(t, (today or dt.date.today()).isoformat())), 11)
    pdf.write_text(t["benefits.results.printed_title"], TITLE_PT, bold=True, gap=2, tag="H1")
    total = total_words(results, language)
    if total:
        pdf.write_text(t["benefits.results.total_intro"], BODY_PT, gap=0.5)
        pdf.write_text(total, HEADING_PT, bold=True, gap=2)
    pdf.write_text(t["benefits.estimate_notice"], BODY_PT, gap=3)
    pdf.write_text(t["benefits.results.title"], HEADING_PT, bold=True, gap=2, tag="H2")
    if not results.eligible:
        pdf.write_text(t["benefits.results.none_likely"], BODY_PT)
    for result in results.eligible:
        _write_benefit(pdf, t, result)
    if results.unlikely:
        names = ", ".join(result.name[language] for result in results.unlikely) + "."
        heading = t["benefits.results.unlikely_print"]
        if pdf.will_page_break(2 + _height(pdf, heading, HEADING_PT, True, pdf.epw) + _height(pdf, names, BODY_PT,
                                                                                            False, pdf.epw)):
            pdf.add_page()  # the heading stays with its list
        pdf.ln(2)
        pdf.write_text(heading, HEADING_PT, bold=True, gap=1, tag="H2")
        pdf.write_text(names, BODY_PT)
    return bytes(pdf.output())


def _write_benefit(pdf: _JobDocument, t, result) -> None:
    """One benefit: its name, status and amount, what to do next and how to claim, with the claim code on the left
    (read after the words: the words say what the code is for)."""
    language = t.language
    code = CODE_MM if result.claim_url else 0
    claim = " ".join(part for part in (
        t.text("benefits.results.claim_print", address=web_address(result.claim_url)) if result.claim_url else "",
        claim_words(result, language)) if part)
    # What to do and how to claim run on as one paragraph: a line of their own each made three pages of two.
    lines = [(status_words(result, language) + ". " + amount_words(result, language), True),
             (" ".join(next_step_words(result, language) + [claim]), False)]
    # The name and its lines stay on one page, measured as they will print.
    width = pdf.epw - (code + GAP_MM if code else 0)
    needed = max(code, _height(pdf, result.name[language], NAME_PT, True, width) + sum(
        _height(pdf, text, BODY_PT, bold, width) for text, bold in lines if text)) + GAP_MM
    if pdf.will_page_break(needed):
        pdf.add_page()
    top, margin = pdf.get_y(), pdf.l_margin
    pdf.set_left_margin(margin + (code + GAP_MM if code else 0))
    pdf.set_x(pdf.l_margin)
    pdf.write_text(result.name[language], NAME_PT, bold=True, gap=LINE_GAP_MM, tag="H3")
    for text, bold in lines:
        if text:
            pdf.write_text(text, BODY_PT, bold=bold, gap=LINE_GAP_MM)
    pdf.set_left_margin(margin)
    bottom = pdf.get_y()
    if code:
        with pdf.tag("Figure", alt=printable(t.text("print.qr_alt_claim", benefit=result.name[language],
                                                    url=result.claim_url))):
            pdf.image(io.BytesIO(qr_png(result.claim_url)), x=margin, y=top + 1, w=code, h=code)
    pdf.set_xy(margin, max(bottom, top + code + 1) + GAP_MM)


def _height(pdf: _JobDocument, text: str, size: int, bold: bool, width: float) -> float:
    """How tall ``text`` prints at ``size`` in a column ``width`` mm wide, with the gap after it."""
    pdf.set_font(FONT, "B" if bold else "", pdf.pt(size))
    lines = pdf.multi_cell(width, pdf.pt(size) * LINE, printable(text), dry_run=True, output="LINES")
    assert isinstance(lines, list)  # what output="LINES" gives
    return len(lines) * pdf.pt(size) * LINE + LINE_GAP_MM

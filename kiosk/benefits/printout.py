"""The printout of a benefits check: what the person may get, how it was worked out, what to do next, in their
language, as an A4 PDF in large clear print.

    from kiosk.i18n import load_catalogues
    pdf_bytes = benefits_pdf(load_catalogues()["cy"], results)    # results from kiosk.benefits.check.check

It says nothing about the person beyond the results (no answers are printed). Each benefit they may get carries a
QR code of its claim page, with alt text; the PDF is tagged (headings, lists, reading order: ``kiosk.pdf_tags``) and
can be printed large (``large_print``: every text size doubled). Imported only when someone prints (fpdf2 is heavy).
"""

from __future__ import annotations

import datetime as dt

from kiosk.benefits.result_wording import (amount_words, claim_words, line_words, next_step_words, reason_words,
                                           status_words)
from kiosk.jobs.printout import BODY_PT, HEADING_PT, TITLE_PT, _JobDocument
from kiosk.jobs.wording import long_date


def benefits_pdf(t, results, today: dt.date | None = None, large_print: bool = False) -> bytes:
    """The printout of a benefits check.

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``).
    :param results: ``kiosk.benefits.check.Results``.
    :param today: the date printed at the top (default: today).
    :param large_print: the same printout with every text size doubled.
    """
    language = t.language
    pdf = _JobDocument(t, t["benefits.results.printed_title"], large_print=large_print)
    pdf.add_page()
    pdf.write_text(t.text("print.printed_on", date=long_date(t, (today or dt.date.today()).isoformat())), 12)
    pdf.write_text(t["benefits.results.printed_title"], TITLE_PT, bold=True, gap=3, tag="H1")
    pdf.write_text(t["benefits.estimate_notice"], BODY_PT, bold=True, gap=4)
    pdf.write_text(t["benefits.results.title"], HEADING_PT + 2, bold=True, gap=2, tag="H2")
    for index, result in enumerate(results.eligible):
        if index:
            pdf.rule()
            pdf.keep_together()
        pdf.write_text(result.name[language], HEADING_PT, bold=True, gap=1, tag="H3")
        pdf.write_text(status_words(result, language) + ". " + amount_words(result, language), BODY_PT, bold=True)
        pdf.write_text(reason_words(result, language), BODY_PT)
        if result.lines:
            pdf.write_text(t["benefits.results.how_we_worked"], BODY_PT, bold=True, gap=1, tag="H4")
            pdf.write_list([line_words(line, language) for line in result.lines], BODY_PT - 2, gap=0.5)
            pdf.ln(2)
        steps = next_step_words(result, language)
        if steps:
            pdf.write_text(t["benefits.results.next_steps"], BODY_PT, bold=True, gap=1, tag="H4")
            pdf.write_list(steps, BODY_PT)
        if claim_words(result, language):
            pdf.write_text(claim_words(result, language), BODY_PT)
        if result.claim_url:
            pdf.qr_code(result.claim_url, t.text("print.qr_alt_claim", benefit=result.name[language],
                                                 url=result.claim_url), result.claim_url, size=11)
    if results.unlikely:
        pdf.rule()
        pdf.write_text(t["benefits.results.unlikely_title"], HEADING_PT, bold=True, gap=2, tag="H2")
        for result in results.unlikely:
            pdf.write_text(result.name[language], BODY_PT, bold=True, gap=0.5, tag="H3")
            pdf.write_text(reason_words(result, language), BODY_PT, gap=2)
    pdf.rule()
    pdf.write_text(t["benefits.results.full_check"], HEADING_PT, bold=True, gap=1, tag="H2")
    pdf.write_text(t["benefits.estimate_notice"], BODY_PT)
    return bytes(pdf.output())

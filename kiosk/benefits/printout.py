"""The printout of a benefits check: what the person may get, how it was worked out, what to do next, in their
language, as an A4 PDF in large clear print.

    from kiosk.i18n import load_catalogues
    pdf_bytes = benefits_pdf(load_catalogues()["cy"], results)    # results from kiosk.benefits.check.check

It says nothing about the person beyond the results (no answers are printed). Each benefit they may get carries a
QR code of its claim page. Imported only when someone prints (fpdf2 is heavy).
"""

from __future__ import annotations

import datetime as dt
import io

from kiosk.benefits.result_wording import (amount_words, claim_words, line_words, next_step_words, reason_words,
                                           status_words)
from kiosk.jobs.printout import BODY_PT, HEADING_PT, KEEP_TOGETHER_MM, QR_MM, TITLE_PT, _JobDocument
from kiosk.jobs.wording import long_date
from kiosk.jobs.phone_link import qr_png


def benefits_pdf(t, results, today: dt.date | None = None) -> bytes:
    """The printout of a benefits check.

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``).
    :param results: ``kiosk.benefits.check.Results``.
    :param today: the date printed at the top (default: today).
    """
    language = t.language
    pdf = _JobDocument(t)
    pdf.set_title(t["benefits.results.printed_title"])
    pdf.set_creator("Jobpoint")
    pdf.set_lang("cy" if language == "cy" else "en-GB")
    pdf.add_page()
    pdf.write_text(t.text("print.printed_on", date=long_date(t, (today or dt.date.today()).isoformat())), 12)
    pdf.write_text(t["benefits.results.printed_title"], TITLE_PT, bold=True, gap=3)
    pdf.write_text(t["benefits.estimate_notice"], BODY_PT, bold=True, gap=4)
    pdf.write_text(t["benefits.results.title"], HEADING_PT + 2, bold=True, gap=2)
    for index, result in enumerate(results.eligible):
        if index:
            pdf.rule()
            if pdf.get_y() > pdf.h - pdf.b_margin - KEEP_TOGETHER_MM:
                pdf.add_page()
        pdf.write_text(result.name[language], HEADING_PT, bold=True, gap=1)
        pdf.write_text(status_words(result, language) + ". " + amount_words(result, language), BODY_PT, bold=True)
        pdf.write_text(reason_words(result, language), BODY_PT)
        if result.lines:
            pdf.write_text(t["benefits.results.how_we_worked"], BODY_PT, bold=True, gap=1)
            for line in result.lines:
                pdf.write_text(line_words(line, language), BODY_PT - 2, gap=0.5)
            pdf.ln(2)
        steps = next_step_words(result, language)
        if steps:
            pdf.write_text(t["benefits.results.next_steps"], BODY_PT, bold=True, gap=1)
            for step in steps:
                pdf.write_text(step, BODY_PT, gap=1)
        if claim_words(result, language):
            pdf.write_text(claim_words(result, language), BODY_PT)
        if result.claim_url:
            pdf.write_text(result.claim_url, 11, gap=1)
            pdf.image(io.BytesIO(qr_png(result.claim_url)), w=QR_MM, h=QR_MM)
    if results.unlikely:
        pdf.rule()
        pdf.write_text(t["benefits.results.unlikely_title"], HEADING_PT, bold=True, gap=2)
        for result in results.unlikely:
            pdf.write_text(result.name[language], BODY_PT, bold=True, gap=0.5)
            pdf.write_text(reason_words(result, language), BODY_PT, gap=2)
    pdf.rule()
    pdf.write_text(t["benefits.results.full_check"], HEADING_PT, bold=True, gap=1)
    pdf.write_text(t["benefits.estimate_notice"], BODY_PT)
    return bytes(pdf.output())

"""Printouts of jobs: one job in full, or a list of saved jobs, as an A4 PDF in large clear print.

    from kiosk.i18n import load_catalogues
    pdf_bytes = job_pdf(load_catalogues()["cy"], [vacancy])           # one job, with its description
    pdf_bytes = job_pdf(t, saved_vacancies, full=False)               # saved jobs: facts and how to apply

The shipped Noto Sans is embedded, so Welsh letters (ŵ, ŷ ...) print as they show on screen, with Noto fonts for
other scripts (Arabic, Chinese, Bengali ...: ``kiosk.pdf_fonts``); a character no font can draw is left out.
Vacancy text is printed exactly as written, left-aligned. A single job carries a QR code of its web address, as
on screen. The PDF is made in memory; the printer decides what happens to it.
"""

from __future__ import annotations

import datetime as dt
import io

from fpdf import FPDF

from kiosk.jobs.wording import apply_lines, fact_lines, long_date, paragraphs, posted_text
from kiosk.jobs.phone_link import qr_png
from kiosk.pdf_fonts import FAMILY as FONT, add_fonts, printable

#: Point sizes: large clear print (RNIB recommends at least 14 pt for large print).
TITLE_PT, HEADING_PT, BODY_PT = 24, 18, 14
#: Line height as a multiple of the point size, in millimetres (1 pt is 0.353 mm).
LINE = 0.353 * 1.45
MARGIN_MM = 18
#: Room a job's facts and how to apply need, so they are not split across two pages.
KEEP_TOGETHER_MM = 95
#: Side of the printed QR code of a job's web address.
QR_MM = 32


class _JobDocument(FPDF):
    """A4 with Noto Sans and a page number in the footer."""

    def __init__(self, t, text: str = "") -> None:
        super().__init__(format="A4")
        self.t = t
        # ``text``: what will be printed beyond the kiosk's own wording, so the fonts it needs are added.
        add_fonts(self, text)
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=MARGIN_MM + 6)

    def footer(self) -> None:
        """"Page 1 of 2" at the foot of each page."""
        self.set_y(-MARGIN_MM)
        self.set_font(FONT, "", 11)
        self.cell(0, 6, self.t.text("print.page_of", page=self.page_no(), pages="{nb}"), align="C")

    def write_text(self, text: str, size: int, bold: bool = False, gap: float = 2.0) -> None:
        """A block of text that wraps, then a small gap."""
        self.set_font(FONT, "B" if bold else "", size)
        # Left-aligned, never justified: even word spacing is easier to read, dyslexia or not.
        self.multi_cell(0, size * LINE, printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def rule(self) -> None:
        """A line across the page between jobs."""
        self.ln(2)
        self.set_line_width(0.5)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(6)


def job_pdf(t, vacancies: list[dict], full: bool = True, today: dt.date | None = None) -> bytes:
    """The printout for one or more jobs.

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``): the printout is in their language.
    :param vacancies: vacancy dicts (``JobSearch.vacancy``).
    :param full: include each job's whole description (a single job); False for a list of saved jobs.
    :param today: the date printed at the top (default: today).
    """
    # Every line printed of a job comes from one of its text fields.
    pdf = _JobDocument(t, " ".join(value for vacancy in vacancies for value in vacancy.values()
                                   if isinstance(value, str)))
    title = vacancies[0]["title"] if len(vacancies) == 1 else t["print.saved_title"]
    pdf.set_title(printable(title))
    pdf.set_creator("Jobpoint")
    pdf.set_lang("cy" if t.language == "cy" else "en-GB")
    pdf.add_page()
    pdf.write_text(t.text("print.printed_on", date=long_date(t, (today or dt.date.today()).isoformat())), 12)
    if len(vacancies) != 1:
        pdf.write_text(t["print.saved_title"], TITLE_PT, bold=True, gap=4)
    for index, vacancy in enumerate(vacancies):
        if index:
            pdf.rule()
            # A job starts on a new page rather than in the last few lines of one.
            if pdf.get_y() > pdf.h - pdf.b_margin - KEEP_TOGETHER_MM:
                pdf.add_page()
        _write_job(pdf, t, vacancy, full)
    return bytes(pdf.output())


def _write_job(pdf: _JobDocument, t, vacancy: dict, full: bool) -> None:
    pdf.write_text(vacancy["title"], TITLE_PT if full else HEADING_PT, bold=True, gap=1)
    pdf.write_text(vacancy["employer"], BODY_PT + 2, bold=True, gap=3)
    for line in fact_lines(t, vacancy):
        pdf.write_text(line, BODY_PT, gap=1)
    pdf.ln(3)
    pdf.write_text(t["detail.how_to_apply"], HEADING_PT, bold=True, gap=1)
    for line in apply_lines(t, vacancy):
        pdf.write_text(line, BODY_PT, gap=1)
    if full and vacancy.get("apply_url"):
        pdf.ln(2)
        pdf.write_text(t["phone.heading"], 12, gap=1)
        pdf.image(io.BytesIO(qr_png(vacancy["apply_url"])), w=QR_MM, h=QR_MM)
    if full:
        pdf.ln(3)
        pdf.write_text(t["detail.about"], HEADING_PT, bold=True, gap=1)
        pdf.write_text(posted_text(t, vacancy), BODY_PT, gap=3)
        for paragraph in paragraphs(vacancy["description"]):
            pdf.write_text(paragraph, BODY_PT, gap=3)

"""Printouts of jobs: one job in full, or a list of saved jobs, as an A4 PDF in large clear print.

    from kiosk.i18n import load_catalogues
    pdf_bytes = job_pdf(load_catalogues()["cy"], [vacancy])           # one job, with its description
    pdf_bytes = job_pdf(t, saved_vacancies, full=False)               # saved jobs: facts and how to apply
    pdf_bytes = job_pdf(t, [vacancy], large_print=True)               # the same at 200% text

The shipped Noto Sans is embedded, so Welsh letters (ŵ, ŷ ...) print as they show on screen, with Noto fonts for
other scripts (Arabic, Chinese, Bengali ...: ``kiosk.pdf_fonts``); a character no font can draw is left out.
Vacancy text is printed exactly as written, left-aligned. A single job carries a QR code of its web address, as
on screen, with alt text. The PDF is tagged (``kiosk.pdf_tags``): the title is a heading, the facts and ways to
apply are lists, and a screen reader reads it in the order it prints. The PDF is made in memory; the printer
decides what happens to it.
"""

from __future__ import annotations

import datetime as dt
import io

from kiosk.jobs.wording import apply_lines, fact_lines, long_date, paragraphs, posted_text
from kiosk.jobs.phone_link import qr_png
from kiosk.pdf_fonts import FAMILY as FONT, add_fonts, printable
from kiosk.pdf_tags import LARGE_PRINT, TaggedDocument

#: Point sizes: large clear print (RNIB recommends at least 14 pt for large print).
TITLE_PT, HEADING_PT, BODY_PT = 24, 18, 14
#: Line height as a multiple of the point size, in millimetres (1 pt is 0.353 mm).
LINE = 0.353 * 1.45
MARGIN_MM = 18
#: Room a job's facts and how to apply need, so they are not split across two pages.
KEEP_TOGETHER_MM = 95
#: Side of the printed QR code of a job's web address.
QR_MM = 32


class _JobDocument(TaggedDocument):
    """A4 with Noto Sans, tagged, and a page number in the footer.

    :param t: the person's catalogue.
    :param title: the document's title.
    :param text: what will be printed beyond the kiosk's own wording, so the fonts it needs are added.
    :param large_print: every text size doubled.
    """

    def __init__(self, t, title: str, text: str = "", large_print: bool = False) -> None:
        super().__init__(language=t.language, title=printable(title),
                         text_scale=LARGE_PRINT if large_print else 1.0)
        self.t = t
        add_fonts(self, text)
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=MARGIN_MM + self.pt(6))

    def footer(self) -> None:
        """"Page 1 of 2" at the foot of each page."""
        with self.artifact():
            self.set_y(-MARGIN_MM - self.pt(6) + 6)
            self.set_font(FONT, "", self.pt(11))
            self.cell(0, self.pt(6), self.t.text("print.page_of", page=self.page_no(), pages="{nb}"), align="C")

    def write_text(self, text: str, size: float, bold: bool = False, gap: float = 2.0, tag: str = "P") -> None:
        """A block of text that wraps, then a small gap.

        :param tag: what it is to a screen reader: "P", or a heading "H1" to "H3".
        """
        self.set_font(FONT, "B" if bold else "", self.pt(size))
        with self.tag(tag):
            # Left-aligned, never justified: even word spacing is easier to read, dyslexia or not.
            self.multi_cell(0, self.pt(size) * LINE, printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def write_list(self, lines: list[str], size: int, gap: float = 1.0) -> None:
        """Lines that are a list to a screen reader (facts, ways to apply), printed as plain lines."""
        with self.group("L"):
            for line in lines:
                with self.group("LI"):
                    self.write_text(line, size, gap=gap, tag="LBody")

    def qr_code(self, url: str, alt: str, label: str, size: int = 12) -> None:
        """A line of text, then a QR code of ``url`` under it, on the same page; ``alt`` is what a screen reader says.

        :param label: the line above the code ("Scan this code with your phone", or the web address).
        """
        # The line says what the code is for: it must not be left at the foot of a page, the code on the next.
        if self.will_page_break(self.pt(size) * LINE * 2 + QR_MM + 2):
            self.add_page()
        self.write_text(label, size, gap=1)
        with self.tag("Figure", alt=printable(alt)):
            self.image(io.BytesIO(qr_png(url)), w=QR_MM, h=QR_MM)

    def rule(self) -> None:
        """A line across the page between jobs."""
        self.ln(2)
        with self.artifact():
            self.set_line_width(0.5)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(6)

    def keep_together(self) -> None:
        """Start a new page unless there is room for a job's facts and how to apply."""
        # Large print needs more room, but never more than most of a page, or every job would start a page.
        if self.get_y() > self.h - self.b_margin - min(KEEP_TOGETHER_MM * self.text_scale, 150):
            self.add_page()


def job_pdf(t, vacancies: list[dict], full: bool = True, today: dt.date | None = None,
            large_print: bool = False) -> bytes:
    """The printout for one or more jobs.

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``): the printout is in their language.
    :param vacancies: vacancy dicts (``JobSearch.vacancy``).
    :param full: include each job's whole description (a single job); False for a list of saved jobs.
    :param today: the date printed at the top (default: today).
    :param large_print: the same printout with every text size doubled.
    """
    title = vacancies[0]["title"] if len(vacancies) == 1 else t["print.saved_title"]
    # Every line printed of a job comes from one of its text fields.
    pdf = _JobDocument(t, title, " ".join(value for vacancy in vacancies for value in vacancy.values()
                                          if isinstance(value, str)), large_print=large_print)
    pdf.add_page()
    pdf.write_text(t.text("print.printed_on", date=long_date(t, (today or dt.date.today()).isoformat())), 12)
    if len(vacancies) != 1:
        pdf.write_text(t["print.saved_title"], TITLE_PT, bold=True, gap=4, tag="H1")
    for index, vacancy in enumerate(vacancies):
        if index:
            pdf.rule()
            # A job starts on a new page rather than in the last few lines of one.
            pdf.keep_together()
        _write_job(pdf, t, vacancy, full, level=1 if len(vacancies) == 1 else 2)
    return bytes(pdf.output())


def _write_job(pdf: _JobDocument, t, vacancy: dict, full: bool, level: int) -> None:
    """One job; ``level`` is its title's heading level (1 alone, 2 in a list of saved jobs under their own)."""
    pdf.write_text(vacancy["title"], TITLE_PT if full else HEADING_PT, bold=True, gap=1, tag=f"H{level}")
    pdf.write_text(vacancy["employer"], BODY_PT + 2, bold=True, gap=3)
    pdf.write_list(fact_lines(t, vacancy), BODY_PT)
    pdf.ln(3)
    pdf.write_text(t["detail.how_to_apply"], HEADING_PT, bold=True, gap=1, tag=f"H{level + 1}")
    pdf.write_list(apply_lines(t, vacancy), BODY_PT)
    if full and vacancy.get("apply_url"):
        pdf.ln(2)
        pdf.qr_code(vacancy["apply_url"], t.text("print.qr_alt_job", url=vacancy["apply_url"]), t["phone.heading"])
    if full:
        pdf.ln(3)
        pdf.write_text(t["detail.about"], HEADING_PT, bold=True, gap=1, tag=f"H{level + 1}")
        pdf.write_text(posted_text(t, vacancy), BODY_PT, gap=3)
        for paragraph in paragraphs(vacancy["description"]):
            pdf.write_text(paragraph, BODY_PT, gap=3)

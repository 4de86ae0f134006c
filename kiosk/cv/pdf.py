"""A CV as an A4 PDF, in one of two clean layouts, with the shipped fonts embedded.

    from kiosk.i18n import load_catalogues
    from kiosk.cv.model import cv_from_json
    cv = cv_from_json(open("docs/cv-sample.json").read())
    pdf_bytes = cv_pdf(load_catalogues()[cv.language], cv, layout="modern")
    pdf_bytes = cv_pdf(t, cv, layout="modern", large_print=True)    # the same CV with every text size doubled

"classic" is one column: the name, a line of contact details, then each section under a heading with a rule.
"modern" has a coloured band with the name, a shaded column on the left for contact details, skills and
qualifications, and the rest on the right. Both print body text at 11 pt, wrap long text and start new pages as
needed, and leave out a section with nothing in it. Headings and dates are in the CV's language (``t``). The PDF is
tagged (``kiosk.pdf_tags``): the name is the first heading, each section a heading, lists are lists, and a screen
reader reads the modern layout's shaded column before its main one, as a sighted reader would. In large print
(200% text) the modern layout keeps its band but stacks its two columns, which would be a few words wide. The PDF
is made in memory; nothing of the CV is logged or written to disk here.
"""

from __future__ import annotations

from kiosk.cv.model import CV, CV_LAYOUTS
from kiosk.cv.pdf_page import (ACCENT, BAND_TEXT, BODY_PT, EDGE_MM, GREY, KEEP_WITH_NEXT_MM, LABEL_PT,
                                   MIN_MARGIN_MM, NAME_PT, SIDE_FILL, SIDE_PT, SMALL_PT, TITLE_PT, CvDocument,
                                   printable)
from kiosk.cv.plain_text import cv_text
from kiosk.cv.sections import CvSection, cv_sections
from kiosk.cv.wording import contact_parts, one_line, paragraphs
from kiosk.pdf_fonts import unprintable

LAYOUTS = CV_LAYOUTS


# --- the sections, shared by both layouts (their order and content: kiosk.cv.sections) -------------------------


def _paragraphs(pdf: CvDocument, section: CvSection) -> None:
    pdf.heading(section.heading)
    for paragraph in section.texts:
        pdf.text_block(paragraph, gap=1.6)


def _work(pdf: CvDocument, section: CvSection) -> None:
    pdf.heading(section.heading)
    for number, item in enumerate(section.items):
        if number:
            pdf.ln(1.8)
        pdf.keep_room(KEEP_WITH_NEXT_MM)
        pdf.dated_line(item.title or item.detail, item.when)
        if item.title and item.detail:
            pdf.text_block(item.detail, BODY_PT, colour=GREY, gap=0.8)
        pdf.bullets(list(item.lines))


def _education(pdf: CvDocument, section: CvSection) -> None:
    pdf.heading(section.heading)
    for number, item in enumerate(section.items):
        if number:
            pdf.ln(1.4)
        pdf.dated_line(item.title or item.detail, item.when, size=BODY_PT)
        if item.title and item.detail:
            pdf.text_block(item.detail, BODY_PT, colour=GREY, gap=0.4)


def _qualifications_wide(pdf: CvDocument, section: CvSection) -> None:
    pdf.heading(section.heading)
    for item in section.items:
        name, detail = item.title, item.detail
        pdf.dated_line(f"{name}: {detail}" if name and detail else name or detail, item.when, size=BODY_PT,
                       bold=False, tag="P")
        pdf.ln(0.3)


def _skills_wide(pdf: CvDocument, section: CvSection) -> None:
    pdf.heading(section.heading)
    # Columns of short lines read faster than one long comma-separated paragraph.
    _columns(pdf, list(section.texts), 2)


def _columns(pdf: CvDocument, items: list[str], count: int) -> None:
    """Short items in ``count`` columns, filled across each row, so the order reads the same in any text copy."""
    gap = 5.0
    column_w = (pdf.epw - gap * (count - 1)) / count
    left_x = pdf.l_margin
    indent = 4.5 * pdf.text_scale
    with pdf.group("L"):
        for start in range(0, len(items), count):
            row = items[start:start + count]
            pdf.font(BODY_PT)
            heights = [pdf.multi_cell(column_w - indent, pdf.line_mm(BODY_PT), printable(item), dry_run=True,
                                      output="HEIGHT") for item in row]
            pdf.keep_room(max(heights))
            top = pdf.get_y()
            for column, item in enumerate(row):
                x = left_x + column * (column_w + gap)
                with pdf.group("LI"):
                    with pdf.tag("Lbl"):
                        pdf.text(x + 1.2, top + pdf.line_mm(BODY_PT) * 0.72, "•")
                    pdf.set_xy(x + indent, top)
                    with pdf.tag("LBody"):
                        pdf.multi_cell(column_w - indent, pdf.line_mm(BODY_PT), printable(item), align="L")
            pdf.set_xy(left_x, top + max(heights) + 0.35)


def _references(pdf: CvDocument, section: CvSection) -> None:
    if not paragraphs(pdf.cv.references):
        # The usual closing line needs no heading of its own.
        pdf.ln(3.5)
        pdf.text_block(pdf.t["cvdoc.references_on_request"], colour=GREY)
        return
    _paragraphs(pdf, section)


#: How each section is printed across the page (all of the classic layout, the modern one's main column).
_WIDE = {"statement": _paragraphs, "work": _work, "education": _education, "qualifications": _qualifications_wide,
         "skills": _skills_wide, "interests": _paragraphs, "references": _references}


# --- classic ---------------------------------------------------------------------------------------------------


def _classic(t, cv: CV, large_print: bool = False) -> CvDocument:
    pdf = CvDocument(t, cv, margins=(18, 15, 18), large_print=large_print)
    pdf.add_page()
    name = one_line(cv.contact.name)
    if name:
        pdf.text_block(name, NAME_PT, bold=True, colour=ACCENT, gap=0.8, tag="H1")
    parts = contact_parts(cv)
    if parts:
        # In large print a line holds only one or two of them: one a line, never a bar left at a line's end.
        pdf.text_block(("\n" if large_print else "   |   ").join(parts), SMALL_PT + 0.5, colour=GREY, gap=0)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.ln(2.2)
    with pdf.artifact():
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(0.6)
    for section in cv_sections(t, cv):
        _WIDE[section.key](pdf, section)
    return pdf


# --- modern ----------------------------------------------------------------------------------------------------

#: The modern layout: band height, the shaded column's width, and the gap between the columns.
BAND_MM, SIDE_MM, GUTTER_MM = 32, 68, 8
#: The sections in the modern layout's shaded column, in its order (skills first: short, and what employers scan
#: for); the rest go in the main column, in reading order.
SIDE_SECTIONS = ("skills", "qualifications", "interests")


class _ModernDocument(CvDocument):
    """The modern layout's pages: the band on page 1 and the shaded column on every page, drawn once each."""

    def __init__(self, t, cv: CV, large_print: bool = False) -> None:
        # Large print stacks the columns (see the module's docstring): no shaded column to leave room for.
        left = EDGE_MM if large_print else SIDE_MM + GUTTER_MM
        super().__init__(t, cv, margins=(left, 16, EDGE_MM if large_print else 16), large_print=large_print)
        self.decorated: set[int] = set()
        self.band_mm: float = BAND_MM

    def header(self) -> None:
        """Shade the left column before anything is written on the page (page 1 waits for ``decorate``)."""
        super().header()
        if self.page > 1:
            self.decorate()

    def decorate(self) -> None:
        """Shade the left column and, on page 1, draw the band (its height known once the name is measured)."""
        if self.page in self.decorated:
            return
        self.decorated.add(self.page)
        with self.artifact():
            if not self.large_print:
                top = self.band_mm if self.page == 1 else 0
                self.set_fill_color(*SIDE_FILL)
                self.rect(0, top, SIDE_MM, self.h - top, style="F")
            if self.page == 1:
                self.set_fill_color(*ACCENT)
                self.rect(0, 0, self.w, self.band_mm, style="F")


def _modern(t, cv: CV, large_print: bool = False) -> CvDocument:
    pdf = _ModernDocument(t, cv, large_print=large_print)
    pdf.add_page()
    name = one_line(cv.contact.name)
    height = 0.0
    if name:
        pdf.font(NAME_PT, bold=True)
        pdf.set_left_margin(EDGE_MM)
        height = float(pdf.multi_cell(0, pdf.line_mm(NAME_PT), printable(name), dry_run=True,
                                      output="HEIGHT"))
        # The band grows with the name (a long name in large print takes two lines).
        pdf.band_mm = max(BAND_MM, MIN_MARGIN_MM + 2 + height + 7)
    pdf.decorate()
    if name:
        # The name sits in the band, left-aligned with the shaded column's text; a long name wraps.
        pdf.set_y(max(MIN_MARGIN_MM + 2, (pdf.band_mm - height) / 2))
        pdf.text_block(name, NAME_PT, bold=True, colour=BAND_TEXT, gap=0, tag="H1")
        pdf.set_left_margin(EDGE_MM if large_print else SIDE_MM + GUTTER_MM)
    sections = cv_sections(t, cv)
    pdf.set_y(pdf.band_mm + 4.5)
    if large_print:  # one column: the shaded column's sections, then the rest
        _side_column(pdf, t, cv, {section.key: section for section in sections})
        for section in sections:
            if section.key not in SIDE_SECTIONS:
                _WIDE[section.key](pdf, section)
        return pdf
    # A reader hears the shaded column first, as a sighted reader reads it, though it is written second.
    side = pdf.placeholder()
    # The right-hand column first: it may run over several pages.
    for section in sections:
        if section.key not in SIDE_SECTIONS:
            _WIDE[section.key](pdf, section)
    last = pdf.page
    # Then the shaded column, from the top of page 1 again.
    pdf.set_margins(EDGE_MM, 16, pdf.w - SIDE_MM + 6)
    pdf.go_to_page(1, pdf.band_mm + 4.5)
    with pdf.inside(side):
        _side_column(pdf, t, cv, {section.key: section for section in sections})
    pdf.go_to_page(max(last, pdf.page), pdf.t_margin)
    return pdf


def _side_column(pdf: CvDocument, t, cv: CV, sections: dict[str, CvSection]) -> None:
    contact = cv.contact
    details = [(key, value) for key, value in (("cvdoc.label.town", one_line(contact.town)),
                                               ("cvdoc.label.phone", one_line(contact.phone)),
                                               ("cvdoc.label.email", contact.email.strip())) if value]
    if details:
        pdf.heading(t["cvdoc.heading.contact"], size=TITLE_PT)
        for key, value in details:
            pdf.text_block(t[key], LABEL_PT, colour=GREY, gap=0)
            # An email address reads badly broken in two: make it smaller to fit, down to a point.
            pdf.text_block(value, _fitting_size(pdf, value, SIDE_PT, 8), gap=1.6)
    for key in SIDE_SECTIONS:
        if key in sections:
            pdf.heading(sections[key].heading, size=TITLE_PT)
            _SIDE[key](pdf, sections[key])


def _skills_side(pdf: CvDocument, section: CvSection) -> None:
    pdf.bullets(list(section.texts), SIDE_PT)


def _qualifications_side(pdf: CvDocument, section: CvSection) -> None:
    for item in section.items:
        pdf.keep_room(pdf.line_mm(SIDE_PT) * 2)
        pdf.text_block(item.title or item.detail, SIDE_PT, bold=True, gap=0)
        below = ", ".join(part for part in ((item.detail if item.title else ""), item.when) if part)
        if below:
            pdf.text_block(below, LABEL_PT + 0.5, colour=GREY, gap=0)
        pdf.ln(1.6)


def _interests_side(pdf: CvDocument, section: CvSection) -> None:
    for paragraph in section.texts:
        pdf.text_block(paragraph, SIDE_PT, gap=1.4)


#: How each section of the shaded column is printed, under its heading.
_SIDE = {"skills": _skills_side, "qualifications": _qualifications_side, "interests": _interests_side}


def _fitting_size(pdf: CvDocument, text: str, size: float, smallest: float) -> float:
    pdf.font(size)
    width = pdf.get_string_width(printable(text))
    room = pdf.epw - 2 * pdf.c_margin  # multi_cell keeps c_margin clear on each side
    if width <= room:
        return size
    return max(smallest, size * room / width * 0.98)


def unprintable_in_cv(t, cv: CV) -> list[str]:
    """The characters of the CV that no font here can draw (most emoji), each once: the PDF leaves them out.

    :param t: the catalogue of the CV's language.
    :param cv: the CV.
    """
    # The plain text holds every field the PDF prints, and the headings.
    return unprintable(cv_text(t, cv))


def unprintable_note(screen_t, t, cv: CV) -> str:
    """What the CV preview says when the printed CV will leave characters out, or "" when it leaves none out.

    :param screen_t: the catalogue of the screen's language (the person's).
    :param t: the catalogue of the CV's language.
    :param cv: the CV.
    """
    missing = unprintable_in_cv(t, cv)
    return screen_t.text("cvout.unprintable", chars=" ".join(missing)) if missing else ""


def cv_pdf(t, cv: CV, layout: str = "classic", large_print: bool = False) -> bytes:
    """The CV as a PDF.

    :param t: the catalogue of the CV's language, ``kiosk.i18n.load_catalogues()[cv.language]``.
    :param cv: the CV.
    :param layout: one of ``LAYOUTS``.
    :param large_print: the same CV with every text size doubled (200%).
    :raises ValueError: for a layout that does not exist.

    Characters no font can draw are left out (``unprintable_in_cv`` names them, so the person can be told).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    pdf = _classic(t, cv, large_print) if layout == "classic" else _modern(t, cv, large_print)
    return bytes(pdf.output())

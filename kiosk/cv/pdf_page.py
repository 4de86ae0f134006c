"""The page both CV layouts are written on: A4, Noto Sans and fallback fonts embedded (subset), a footer from
page 2, and writing helpers.

    pdf = CvDocument(t, cv, margins=(18, 15, 18))
    pdf.add_page()
    pdf.heading("Work history")
    pdf.dated_line("Warehouse operative", "September 2017 to March 2021")
    pdf.bullets(["Picked and packed up to 300 orders a day."])

Every helper writes across the current column (``l_margin`` to ``r_margin``), wraps long text, and starts a new
page rather than leave a heading or a first line alone at the foot of one. ``kiosk.cv.pdf`` lays out the sections.
"""

from __future__ import annotations

import logging

from kiosk.cv.model import CV
from kiosk.cv.plain_text import cv_text
from kiosk.cv.wording import one_line
from kiosk.pdf_fonts import FAMILY as FONT, add_fonts, printable
from kiosk.pdf_tags import LARGE_PRINT, TaggedDocument

# fontTools logs, at INFO, the name of every glyph it keeps when fpdf2 subsets a font: that spells out which
# letters a CV uses. A CV must leave nothing in the log, so only its warnings get through.
logging.getLogger("fontTools").setLevel(logging.WARNING)

#: Point sizes: body text 11 pt, as recruiters expect; the name stands out.
NAME_PT, HEADING_PT, TITLE_PT, BODY_PT, SMALL_PT, LABEL_PT = 24, 12.5, 11.5, 11, 10, 8.5
#: The modern layout's shaded column holds short items and is narrow: 10 pt, as a side panel usually is.
SIDE_PT = 10
#: Millimetres in a point, and line height as a multiple of the point size.
PT_MM = 0.3528
LEADING = 1.28
#: No text comes closer than this to any edge of the page (tests check every word's box against it).
MIN_MARGIN_MM = 12
#: Where the modern layout's shaded column and the footer start their text, from the page's left edge.
EDGE_MM = 18
#: The space below the last line of page 1, which has no footer.
BOTTOM_MM = 14
#: Space kept at the foot of pages 2 on for the page footer (page 1 has none, so text may run to the margin).
FOOT_MM = 20
#: A heading, or a job's title line, starts a new page rather than sit alone at the foot of one.
KEEP_WITH_NEXT_MM = 16
INK = (33, 37, 41)
GREY = (90, 98, 108)
#: Colours: dark blue for the classic headings and the modern band, a pale grey-blue for the modern column.
ACCENT = (31, 58, 95)
BAND_TEXT = (255, 255, 255)
SIDE_FILL = (236, 241, 246)
RULE = (160, 172, 186)


class CvDocument(TaggedDocument):
    """A4 with Noto Sans (and fallbacks for other scripts: ``kiosk.pdf_fonts``), a page footer from page 2 on, and
    the writing helpers both layouts share, each tagging what it writes (``kiosk.pdf_tags``).

    :param large_print: every text size doubled.
    """

    def __init__(self, t, cv: CV, margins: tuple[float, float, float], large_print: bool = False) -> None:
        super().__init__(language=t.language, title=printable(one_line(cv.contact.name)) or "CV",
                         text_scale=LARGE_PRINT if large_print else 1.0)
        self.t = t
        self.cv = cv
        # The plain text holds every field the PDF prints; the headings are the kiosk's own (Latin) wording.
        add_fonts(self, cv_text(t, cv))
        left, top, right = margins
        self.set_margins(left, top, right)
        self.set_auto_page_break(True, margin=FOOT_MM)
        self.set_text_color(*INK)
        self.footed: set[int] = set()

    def footer(self) -> None:
        """The person's name and "page 2 of 3" at the foot of every page after the first (each page once)."""
        if self.page in self.footed or self.page < 2:
            return
        self.footed.add(self.page)
        # This page's content may have been left and come back to (the modern layout): name the font again.
        self.current_font_is_set_on_page = False
        left, right = self.l_margin, self.r_margin
        self.set_margins(EDGE_MM, self.t_margin, EDGE_MM)
        self.set_y(self.h - BOTTOM_MM - 5)
        self.set_font(FONT, "", self.pt(LABEL_PT))
        self.set_text_color(*GREY)
        name = printable(one_line(self.cv.contact.name))
        with self.artifact():
            self.cell(0, 5, self.t.text("cvdoc.footer", name=name, page=self.page_no(), pages="{nb}").lstrip(": "),
                      align="C")
        self.set_text_color(*INK)
        self.set_margins(left, self.t_margin, right)

    def header(self) -> None:
        """Set where text stops on this page: page 1 has no footer to leave room for."""
        self.set_auto_page_break(True, margin=BOTTOM_MM if self.page == 1 else FOOT_MM)

    def go_to_page(self, number: int, y: float) -> None:
        """Write on an earlier page again (the modern layout's left column is written after the right one)."""
        self.page = number
        self.set_auto_page_break(True, margin=BOTTOM_MM if self.page == 1 else FOOT_MM)
        # The font must be named again in this page's content before any text.
        self.current_font_is_set_on_page = False
        self.set_xy(self.l_margin, y)

    def line_mm(self, size: float) -> float:
        """Line height for a point size (before large print doubles it)."""
        return self.pt(size) * PT_MM * LEADING

    def font(self, size: float, bold: bool = False) -> None:
        """Noto Sans at a point size (doubled in large print)."""
        self.set_font(FONT, "B" if bold else "", self.pt(size))

    def keep_room(self, height: float) -> None:
        """Start a new page unless ``height`` millimetres are left above the footer."""
        if self.will_page_break(height):
            self.add_page(same=True)

    def text_block(self, text: str, size: float = BODY_PT, bold: bool = False, colour=INK, gap: float = 1.2,
                   indent: float = 0.0, align: str = "L", tag: str = "P") -> None:
        """A block of text across the column that wraps and runs onto the next page, then a small gap.

        :param tag: what it is to a screen reader: "P", "H1", "LBody" ...
        """
        self.font(size, bold)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        # Left-aligned, never justified: even word spacing is easier to read.
        with self.tag(tag):
            self.multi_cell(self.epw - indent, self.line_mm(size), printable(text), align=align, new_x="LMARGIN",
                            new_y="NEXT")
        self.set_text_color(*INK)
        self.ln(gap)

    def bullets(self, items: list[str], size: float = BODY_PT) -> None:
        """A list with a bullet and a hanging indent, so wrapped lines line up under the text, not the bullet."""
        indent = 5.0 * self.text_scale
        with self.group("L"):
            for item in items:
                self.font(size)
                # Room for the first line here, so the bullet and the line it marks are on the same page.
                self.keep_room(self.line_mm(size))
                with self.group("LI"):
                    with self.tag("Lbl"):
                        self.text(self.l_margin + 1.2, self.get_y() + self.line_mm(size) * 0.72, "•")
                    self.text_block(item, size, gap=0.25, indent=indent, tag="LBody")

    def dated_line(self, text: str, when: str, size: float = TITLE_PT, bold: bool = True, tag: str = "H3") -> None:
        """A title on the left and its dates on the right of the same line; a long title wraps short of the dates.

        In large print the dates go on a line of their own under the title: beside it they would leave the title
        a few words a line.

        :param tag: the title's tag: "H3" for a job or a school, "P" for a line in a list such as a qualification.
        """
        self.font(SMALL_PT)
        date_w = self.get_string_width(printable(when)) + 1 if when else 0
        below = bool(when) and self.large_print
        self.font(size, bold)
        title_w = self.epw - (0 if below else date_w + (4 if when else 0))
        height = self.multi_cell(title_w, self.line_mm(size), printable(text), dry_run=True, output="HEIGHT")
        self.keep_room(height + (self.line_mm(SMALL_PT) if below else 0))
        top = self.get_y()
        with self.tag(tag):
            self.multi_cell(title_w, self.line_mm(size), printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
        bottom = self.get_y()
        if when:
            self.font(SMALL_PT)
            self.set_text_color(*GREY)
            if below:
                with self.tag("P"):
                    self.multi_cell(self.epw, self.line_mm(SMALL_PT), printable(when), align="L", new_x="LMARGIN",
                                    new_y="NEXT")
                bottom = self.get_y()
            else:
                self.set_xy(self.w - self.r_margin - date_w, top + (self.line_mm(size) - self.line_mm(SMALL_PT)) / 2)
                with self.tag("P"):
                    self.cell(date_w, self.line_mm(SMALL_PT), printable(when), align="R")
            self.set_text_color(*INK)
        self.set_xy(self.l_margin, bottom)

    def heading(self, text: str, size: float = HEADING_PT, rule: bool = True) -> None:
        """A section heading in the accent colour with a thin rule under it; never alone at the foot of a page."""
        self.ln(2.8)
        self.keep_room(KEEP_WITH_NEXT_MM * self.text_scale)
        self.font(size, bold=True)
        self.set_text_color(*ACCENT)
        with self.tag("H2"):
            self.multi_cell(self.epw, self.line_mm(size), printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        if rule:
            y = self.get_y() + 0.6
            self.set_draw_color(*RULE)
            self.set_line_width(0.3)
            with self.artifact():
                self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(1.9)

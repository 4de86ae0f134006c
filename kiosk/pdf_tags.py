"""Tagged PDF for every printout: the structure a screen reader follows, and large print.

    pdf = TaggedDocument(language="cy", title="Eich CV", text_scale=2.0)   # 2.0: large print, text at 200%
    pdf.add_page()
    with pdf.tag("H1"):
        pdf.font(24, bold=True); pdf.multi_cell(0, pdf.line(24), "Zoë Evans")
    with pdf.group("L"), pdf.group("LI"):
        with pdf.tag("Lbl"):
            pdf.text(x, y, "•")
        with pdf.tag("LBody"):
            pdf.multi_cell(...)
    with pdf.tag("Figure", alt="QR code: the job's web address"):
        pdf.image(png, w=32)
    with pdf.artifact():                       # page furniture: footers, rules, shading
        pdf.line(...)

The document gets a title (shown in the reader's title bar, not the file name), a language (/Lang: en-GB or cy),
/MarkInfo /Marked true, and a structure tree whose order is the reading order, so ``pdfinfo`` says "Tagged: yes" and
a screen reader reads headings, paragraphs, lists and the QR codes' alt text in order.

fpdf2 (2.8) writes a structure tree only for images with alt text and outline headings, all as children of one
/Document element, so lists cannot nest. ``NestedStructure`` replaces its builder with one that nests (a list holds
its items, an item its label and body) and keeps fpdf2's own alt-text images working. It relies on fpdf2's
structure classes, which fpdf2 calls internal: tests/core/test_pdf_tags.py reads the tree back from a real PDF, so
an fpdf2 upgrade that changes them fails there first (docs/adr/013-tagged-pdf-with-fpdf2.md).

A paragraph that runs onto the next page is closed at the foot of one page and carries on as a second element of
the same kind on the next: marked content cannot cross a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF, ViewerPreferences
from fpdf.structure_tree import StructElem, StructureTreeBuilder

#: Large print: every point size is doubled (RNIB's large print is 16 pt and up; body text here becomes 22-28 pt).
LARGE_PRINT = 2.0


class NestedStructure(StructureTreeBuilder):
    """fpdf2's structure tree builder, with groups that nest (lists, list items, sections)."""

    def __init__(self) -> None:
        super().__init__()
        self._parents: list[StructElem] = [self.doc_struct_elem]
        self._elements: list[StructElem] = []
        self._next_mcid: dict[int, int] = {}

    def open_group(self, struct_type: str, page_number: int) -> StructElem:
        """Start an element that holds others (``/L``, ``/LI``, ``/Sect``); what is tagged next goes inside it.

        :param struct_type: a standard structure type with its slash, e.g. "/L".
        :param page_number: the page it starts on.
        """
        element = StructElem(struct_type, parent=self._parents[-1], kids=[], page_number=page_number)
        self._parents[-1].k.append(element)
        self._elements.append(element)
        self._parents.append(element)
        return element

    def enter(self, element: StructElem) -> None:
        """Make an existing group the innermost one again, to add to it later (see ``TaggedDocument.inside``)."""
        self._parents.append(element)

    def close_group(self) -> None:
        """End the innermost group."""
        if len(self._parents) > 1:
            self._parents.pop()

    def add_marked_content(self, page_number: int, struct_type: str, mcid: int | None = None,
                           title: str | None = None, alt_text: str | None = None) -> tuple[StructElem, int]:
        """An element for one piece of marked content, in the innermost open group (fpdf2 calls this too)."""
        struct_parents_id = self.spid_per_page_number.setdefault(page_number, len(self.spid_per_page_number))
        element = StructElem(struct_type=struct_type, parent=self._parents[-1], kids=[] if mcid is None else [mcid],
                             page_number=page_number, title=title, alt=alt_text)
        self._parents[-1].k.append(element)
        self._elements.append(element)
        if mcid is not None:
            # The parent tree's array for a page is indexed by MCID: the ids are handed out in order, so appending
            # keeps element n at index n.
            self.struct_tree_root.parent_tree.nums[struct_parents_id].append(element)
            self._next_mcid[page_number] = mcid + 1
        return element, struct_parents_id

    def next_mcid_for_page(self, page_number: int) -> int:
        """The next marked-content id on a page (each page counts from 0)."""
        return self._next_mcid.get(page_number, 0)

    def empty(self) -> bool:
        """True until something is tagged."""
        return not self._elements

    def __iter__(self):
        """Every PDF object of the tree, the root first (fpdf2 writes them in this order)."""
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from self._elements


class TaggedDocument(FPDF):
    """An A4 FPDF whose content is tagged as it is written, with text sizes scaled for large print.

    :param language: "en" or "cy" (the document's /Lang is en-GB or cy).
    :param title: the document's title.
    :param text_scale: 1.0, or ``LARGE_PRINT`` (2.0) for the same document at 200% text.
    """

    def __init__(self, *, language: str, title: str, text_scale: float = 1.0) -> None:
        super().__init__(format="A4")
        self.text_scale = text_scale
        self.tree = NestedStructure()
        self.struct_builder = self.tree  # fpdf2's own alt-text images go into the same tree
        self._open_tag: tuple[str, str | None] | None = None
        self.set_lang("cy" if language == "cy" else "en-GB")
        self.set_title(title)
        self.set_creator("Jobpoint")
        # PDF/UA: a reader shows the title, not the file name ("job-0001-3f2a.pdf").
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)

    @property
    def large_print(self) -> bool:
        """Whether this is the large-print copy."""
        return self.text_scale > 1

    def pt(self, size: float) -> float:
        """A point size as printed: ``size`` times the text scale."""
        return size * self.text_scale

    @contextmanager
    def tag(self, kind: str, alt: str | None = None) -> Iterator[None]:
        """Tag what is written inside as one element: "H1"-"H3", "P", "Lbl", "LBody", "Figure" ...

        :param kind: a standard structure type, without the slash.
        :param alt: the alternative text (for a "Figure": what a person who cannot see it needs to know).
        """
        if self._open_tag is not None:
            raise RuntimeError(f"{kind} inside {self._open_tag[0]}: tagged content cannot nest; use group()")
        self._begin(kind, alt)
        try:
            yield
        finally:
            self._out("EMC")
            self._open_tag = None

    @contextmanager
    def group(self, kind: str) -> Iterator[None]:
        """An element that holds the elements tagged inside it: "L" (list), "LI" (list item), "Sect".

        :param kind: a standard structure type, without the slash.
        """
        self.tree.open_group("/" + kind, self.page)
        try:
            yield
        finally:
            self.tree.close_group()

    def placeholder(self, kind: str = "Sect"):
        """An empty group here in the reading order, to fill later with ``inside`` (content written out of order:
        the modern CV writes its right-hand column first, but a reader hears the left-hand one first)."""
        element = self.tree.open_group("/" + kind, self.page)
        self.tree.close_group()
        return element

    @contextmanager
    def inside(self, element) -> Iterator[None]:
        """Tag what is written inside into ``element`` (from ``placeholder``)."""
        self.tree.enter(element)
        try:
            yield
        finally:
            self.tree.close_group()

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Mark what is drawn inside as page furniture (footers, rules, shading), which readers skip."""
        self._out("/Artifact BMC")
        try:
            yield
        finally:
            self._out("EMC")

    def add_page(self, *args, **kwargs) -> None:
        """A new page; an element open at the foot of the old page carries on, as another one, on the new page."""
        carried = self._open_tag
        if carried is not None:
            self._out("EMC")  # before the footer, so the footer stays an artifact
            self._open_tag = None
        super().add_page(*args, **kwargs)
        if carried is not None:
            self._begin(*carried)

    def _begin(self, kind: str, alt: str | None) -> None:
        mcid = self.tree.next_mcid_for_page(self.page)
        element, parents_id = self.tree.add_marked_content(self.page, "/" + kind, mcid, alt_text=alt)
        # fpdf2 gives only the top level its page; an element inside a list needs its own /Pg for its MCID.
        element.pg = self.pages[self.page]  # type: ignore[assignment]  # fpdf2 types pg as set only by itself
        self.pages[self.page].struct_parents = parents_id
        self._set_min_pdf_version("1.4")
        self._out(f"/{kind} <</MCID {mcid}>> BDC")
        self._open_tag = (kind, alt)

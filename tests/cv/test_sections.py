"""The CV's reading order, written once in kiosk.cv.sections, and the plain text and PDF that follow it."""

import itertools
import shutil
import subprocess

import pytest

from kiosk.cv.model import CV, Contact, EducationEntry, Qualification, WorkEntry, YearMonth
from kiosk.cv.pdf import cv_pdf
from kiosk.cv.plain_text import cv_text
from kiosk.cv.sections import SECTION_KEYS, CvItem, cv_sections
from kiosk.i18n import load_catalogues

CATALOGUES = load_catalogues()
FULL = CV(contact=Contact(name="Siân", town="Bangor"), statement="Reliable.\n\nHard-working.",
          work=[WorkEntry(title="Cleaner", employer="Tŷ Glân", start=YearMonth(2020, 3), current=True,
                          duties=["Cleaned offices.", "  "])],
          education=[EducationEntry(what="GCSEs", where="Ysgol y Berllan", start_year=2010, end_year=2015)],
          qualifications=[Qualification(name="Food hygiene", detail="Level 2", year=2021)],
          skills=["Customer service"], interests="Walking", references="Mrs A Jones")


@pytest.mark.parametrize("cv, keys", [
    (FULL, list(SECTION_KEYS)),
    (CV(), ["references"]),
    (CV(skills=["  "], interests="\n\n", work=[WorkEntry(title=" ")], education=[EducationEntry(where=" ")],
        qualifications=[Qualification(name=" ")]), ["references"]),
    (CV(interests="Walking", statement="Reliable."), ["statement", "interests", "references"]),
])
def test_sections_come_in_reading_order_and_empty_ones_are_left_out(cv, keys):
    assert [section.key for section in cv_sections(CATALOGUES["en"], cv)] == keys


def test_references_are_always_there_and_on_request_when_none_were_given():
    assert cv_sections(CATALOGUES["cy"], CV())[-1].texts == ("Geirdaon ar gael ar gais.",)
    assert cv_sections(CATALOGUES["en"], FULL)[-1].texts == ("Mrs A Jones",)


def test_items_hold_each_part_on_one_line_with_dates_in_the_cvs_language():
    sections = {section.key: section for section in cv_sections(CATALOGUES["cy"], FULL)}
    assert sections["work"].items == (CvItem("Cleaner", "Tŷ Glân", "Mawrth 2020 hyd heddiw", ("Cleaned offices.",)),)
    assert sections["education"].items == (CvItem("GCSEs", "Ysgol y Berllan", "2010 i 2015"),)
    assert sections["qualifications"].items == (CvItem("Food hygiene", "Level 2", "2021"),)
    assert sections["statement"].texts == ("Reliable.", "Hard-working.")
    assert sections["work"].heading == "Hanes gwaith"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_plain_text_and_the_classic_pdf_print_the_headings_in_the_sections_order(language):
    t = CATALOGUES[language]
    headings = [section.heading for section in cv_sections(t, FULL)]
    lines = cv_text(t, FULL).splitlines()
    underlined = [line for line, below in itertools.pairwise(lines) if below and set(below) == {"="}]
    assert underlined == headings
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = subprocess.run(["pdftotext", "-raw", "-", "-"], input=cv_pdf(t, FULL, "classic"), capture_output=True,
                         check=True, timeout=60).stdout.decode()
    positions = [pdf.find(heading) for heading in headings]
    assert -1 not in positions and positions == sorted(positions)

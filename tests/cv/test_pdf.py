"""The CV on paper and as plain text: every field in order, Welsh letters, embedded fonts, pages that never overflow.

PDFs are checked with poppler's own tools (pdftotext, pdfinfo, pdffonts), as a reader or a printer would see them.
"""

import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cv.model import CV, Contact, EducationEntry, Qualification, WorkEntry, YearMonth, cv_from_json
from kiosk.cv.pdf import LAYOUTS, MIN_MARGIN_MM, cv_pdf
from kiosk.cv.plain_text import cv_text
from kiosk.cv.wording import education_years, work_dates
from kiosk.i18n import load_catalogues

CATALOGUES = load_catalogues()
SAMPLE_FILE = Path(__file__).resolve().parents[2] / "docs" / "cv-sample.json"
WELSH_LETTERS = "ŵŷâêîôûŴŶÂÊÎÔÛïë"
PT_PER_MM = 72 / 25.4


def sample() -> CV:
    return cv_from_json(SAMPLE_FILE.read_text(encoding="utf-8"))


def render(tmp_path, cv: CV, layout: str) -> Path:
    path = tmp_path / f"cv-{layout}.pdf"
    path.write_bytes(cv_pdf(CATALOGUES[cv.language], cv, layout))
    return path


def poppler(*args) -> str:
    """What a poppler tool prints; the test skips where poppler-utils is not installed (`make check` needs none)."""
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} (poppler-utils) is not installed")
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def pdf_text(path: Path) -> str:
    """The text in the order it is written on the page (-raw), with runs of white space made one space."""
    return " ".join(poppler("pdftotext", "-raw", str(path), "-").split())


def page_count(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", str(path)), re.M).group(1))


def assert_in_order(text: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        piece = " ".join(piece.split())
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} missing after position {position}: ...{text[position:position + 200]}..."
        position = found + len(piece)


def main_fields(t, cv: CV) -> list[str]:
    """The statement, work and education of a CV, in the order both layouts print them."""
    pieces = [t["cvdoc.heading.statement"], cv.statement, t["cvdoc.heading.work"]]
    for job in cv.work:
        pieces += [job.title, work_dates(t, job), job.employer, *job.duties]
    pieces.append(t["cvdoc.heading.education"])
    for course in cv.education:
        pieces += [course.what, education_years(t, course), course.where]
    return pieces


def test_the_classic_pdf_holds_every_field_of_the_sample_in_order(tmp_path):
    cv, t = sample(), CATALOGUES["en"]
    text = pdf_text(render(tmp_path, cv, "classic"))
    pieces = [cv.contact.name, cv.contact.town, cv.contact.phone, cv.contact.email, *main_fields(t, cv),
              t["cvdoc.heading.qualifications"]]
    for item in cv.qualifications:
        pieces += [f"{item.name}: {item.detail}" if item.detail else item.name, str(item.year or "")]
    pieces += [t["cvdoc.heading.skills"], *cv.skills, t["cvdoc.heading.interests"], cv.interests,
               "References available on request."]
    assert_in_order(text, [p for p in pieces if p])
    assert "April 2021 to now" in text and "September 2017 to March 2021" in text and "2013 to 2015" in text


def test_the_modern_pdf_holds_every_field_of_the_sample_main_column_then_side_column(tmp_path):
    cv, t = sample(), CATALOGUES["en"]
    text = pdf_text(render(tmp_path, cv, "modern"))
    pieces = [cv.contact.name, *main_fields(t, cv), "References available on request.",
              t["cvdoc.heading.contact"], "Lives in", cv.contact.town, "Phone", cv.contact.phone, "Email",
              cv.contact.email, t["cvdoc.heading.skills"], *cv.skills, t["cvdoc.heading.qualifications"]]
    for item in cv.qualifications:
        pieces += [item.name, ", ".join(p for p in (item.detail, str(item.year or "")) if p)]
    pieces += [t["cvdoc.heading.interests"], cv.interests]
    assert_in_order(text, [p for p in pieces if p])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_sample_fits_on_one_page_with_both_fonts_embedded(tmp_path, layout):
    path = render(tmp_path, sample(), layout)
    assert page_count(path) == 1
    rows = poppler("pdffonts", str(path)).splitlines()[2:]
    assert len(rows) == 2, rows
    for row in rows:
        assert "NotoSans" in row.split()[0]
        # Columns: name type encoding emb sub uni object-id; "emb" must be yes.
        assert row.split()[-5] == "yes", row


@pytest.mark.parametrize("layout", LAYOUTS)
def test_welsh_letters_and_headings_survive_into_the_pdf_text(tmp_path, layout):
    cv = CV(contact=Contact(name="Gwenllïan Ŵyn", town="Llanrhaeadr-ym-Mochnant"), language="cy",
            statement=f"Rwy'n gweithio'n dda mewn tîm: {WELSH_LETTERS}.",
            work=[WorkEntry(title="Gweithiwr gofal", employer="Cartref Tŷ Gwyn", start=YearMonth(2024, 3),
                            current=True, duties=["Helpu pobl hŷn â'u bwyd."]),
                  WorkEntry(title="Glanhawr", start=YearMonth(2019, 1), end=YearMonth(2021, 5))])
    text = pdf_text(render(tmp_path, cv, layout))
    for letter in WELSH_LETTERS:
        assert letter in text
    assert_in_order(text, ["Gwenllïan Ŵyn", "Datganiad personol", WELSH_LETTERS, "Hanes gwaith", "Gweithiwr gofal",
                           "Mawrth 2024 hyd heddiw", "Cartref Tŷ Gwyn", "Helpu pobl hŷn â'u bwyd.", "Glanhawr",
                           "Ionawr 2019 i Fai 2021", "Geirdaon ar gael ar gais."])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_sections_with_nothing_in_them_are_left_out(tmp_path, layout):
    cv = CV(contact=Contact(name="Siân Llewelyn"), work=[WorkEntry()], skills=["  "])
    text = pdf_text(render(tmp_path, cv, layout))
    assert text == "Siân Llewelyn References available on request."


@pytest.mark.parametrize("layout", LAYOUTS)
def test_references_given_are_printed_instead_of_on_request(tmp_path, layout):
    cv = CV(contact=Contact(name="Siân"), references="Mrs Ann Jones, Siop Llŷn, 01758 612345\nMr Dafydd Owen")
    text = pdf_text(render(tmp_path, cv, layout))
    assert_in_order(text, ["References", "Mrs Ann Jones, Siop Llŷn, 01758 612345", "Mr Dafydd Owen"])
    assert "on request" not in text


def long_cv() -> CV:
    statement = ("I work hard and I like helping people. " * 16)[:431] + " " + "Unbrokenword" * 14
    assert len(statement) == 600
    work = [WorkEntry(title=f"Job{n} warehouse operative with a long title that wraps over two lines",
                      employer=f"Employer{n} Distribution Limited", start=YearMonth(2000 + n, 3),
                      end=YearMonth(2001 + n, 5),
                      duties=[(f"Duty{n}x{m} checked every delivery against the order, sorted out missing or damaged "
                               "stock with the supplier and kept clear records so the weekly stock count was "
                               "right every time.")[:200] for m in range(8)])
            for n in range(12)]
    return CV(contact=Contact(name="Gwenllïan Ŵyn ap Rhys", email="gwenllian.wyn.ap.rhys.llywelyn@example.co.uk",
                              phone="01248 123456", town="Llanfairpwllgwyngyllgogerychwyrndrobwllllantysilio"),
              statement=statement, work=work, skills=[f"Skill{n} with several words" for n in range(30)],
              qualifications=[Qualification(f"Qualification{n} with a long name", "Some detail", 2010 + n)
                              for n in range(15)],
              education=[EducationEntry(f"Course{n}", "Coleg Menai", 2000, 2002) for n in range(10)],
              interests="Walking in Eryri. " * 16, references="Mrs Ann Jones\nMr Dafydd Owen")


def words_with_boxes(path: Path):
    """(page number, page width, page height, xMin, yMin, xMax, yMax, word) for every word, in points."""
    html = poppler("pdftotext", "-bbox", str(path), "-")
    for number, page in enumerate(re.split(r"<page ", html)[1:], 1):
        width, height = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
                                 page):
            yield (number, width, height, *map(float, match.groups()[:4]), match.group(5))


@pytest.mark.thorough
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_long_cv_wraps_and_runs_onto_more_pages_with_every_word_inside_the_margins(tmp_path, layout):
    cv = long_cv()
    path = render(tmp_path, cv, layout)
    pages = page_count(path)
    assert pages >= 5
    margin = MIN_MARGIN_MM * PT_PER_MM
    words = list(words_with_boxes(path))
    assert len(words) > 3000
    outside = [w for w in words if not (margin <= w[3] and w[5] <= w[1] - margin
                                        and margin <= w[4] and w[6] <= w[2] - margin)]
    assert not outside, outside[:5]
    text = pdf_text(path)
    # Every duty of every job is there, in order: nothing was cut off or drawn off the page.
    assert_in_order(text, [f"Duty{n}x{m} checked" for n in range(12) for m in range(8)])
    assert "Unbrokenword" in text and f"Gwenllïan Ŵyn ap Rhys: page {pages} of {pages}" in text
    assert "page 1 of" not in text, "page 1 has no footer: the name is at its top"


@pytest.mark.thorough
def test_the_long_cv_uses_every_page_it_makes(tmp_path):
    path = render(tmp_path, long_cv(), "modern")
    used = {w[0] for w in words_with_boxes(path)}
    assert used == set(range(1, page_count(path) + 1))


def test_characters_the_font_lacks_are_dropped_and_never_logged(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    cv = CV(contact=Contact(name="Siân 😀 Llewelyn"), statement="Gwaith tîm 🙂")
    text = pdf_text(render(tmp_path, cv, "classic"))
    assert "Siân Llewelyn" in text and "Gwaith tîm" in text
    assert "😀" not in caplog.text and "🙂" not in caplog.text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_making_a_pdf_logs_nothing_of_the_cv(tmp_path, caplog, layout):
    caplog.set_level(logging.INFO)
    render(tmp_path, sample(), layout)
    # fontTools would log every glyph name it keeps ("acircumflex" spells out "â") when it subsets the font.
    assert not [r for r in caplog.records if r.name.startswith("fontTools")]
    for word in ("Siân", "Llewelyn", "acircumflex", "Bangor"):
        assert word not in caplog.text


def test_an_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="layout must be one of classic, modern"):
        cv_pdf(CATALOGUES["en"], sample(), "fancy")


@pytest.mark.parametrize("job, english, welsh", [
    (WorkEntry(start=YearMonth(2024, 3), current=True), "March 2024 to now", "Mawrth 2024 hyd heddiw"),
    (WorkEntry(start=YearMonth(2019, 1), end=YearMonth(2021, 5)), "January 2019 to May 2021",
     "Ionawr 2019 i Fai 2021"),
    (WorkEntry(start=YearMonth(2019, 6), end=YearMonth(2019, 12)), "June 2019 to December 2019",
     "Mehefin 2019 i Ragfyr 2019"),
    (WorkEntry(start=YearMonth(2019, 6), end=YearMonth(2019, 6)), "June 2019", "Mehefin 2019"),
    (WorkEntry(end=YearMonth(2020, 2)), "February 2020", "Chwefror 2020"),
    (WorkEntry(current=True), "Now", "Ar hyn o bryd"),
    (WorkEntry(), "", ""),
])
def test_work_dates_read_as_people_write_them(job, english, welsh):
    assert work_dates(CATALOGUES["en"], job) == english
    assert work_dates(CATALOGUES["cy"], job) == welsh


@pytest.mark.parametrize("course, english, welsh", [
    (EducationEntry(start_year=2013, end_year=2015), "2013 to 2015", "2013 i 2015"),
    (EducationEntry(start_year=2023), "From 2023", "O 2023"),
    (EducationEntry(end_year=2015), "2015", "2015"),
    (EducationEntry(start_year=2015, end_year=2015), "2015", "2015"),
    (EducationEntry(), "", ""),
])
def test_education_years_read_as_people_write_them(course, english, welsh):
    assert education_years(CATALOGUES["en"], course) == english
    assert education_years(CATALOGUES["cy"], course) == welsh


def test_the_plain_text_holds_every_field_of_the_sample_in_the_classic_order():
    cv, t = sample(), CATALOGUES["en"]
    text = cv_text(t, cv)
    pieces = [cv.contact.name, " | ".join([cv.contact.town, cv.contact.phone, cv.contact.email]),
              t["cvdoc.heading.statement"], cv.statement, t["cvdoc.heading.work"]]
    for job in cv.work:
        pieces += [f"{job.title}, {job.employer}", work_dates(t, job), *(f"- {d}" for d in job.duties)]
    pieces.append(t["cvdoc.heading.education"])
    pieces += [f"{c.what}, {c.where} ({education_years(t, c)})" for c in cv.education]
    pieces += [t["cvdoc.heading.qualifications"], "Full UK driving licence: Category B",
               "Counterbalance forklift licence: RTITB (2018)", "Food Hygiene Level 2 (2016)",
               t["cvdoc.heading.skills"], *(f"- {s}" for s in cv.skills), t["cvdoc.heading.interests"], cv.interests,
               t["cvdoc.heading.references"], "References available on request."]
    lines = text.splitlines()
    positions = [lines.index(piece) for piece in pieces]
    assert positions == sorted(positions)
    assert text.endswith("References available on request.\n")


def test_the_plain_text_leaves_out_empty_sections_and_prints_welsh_headings():
    cv = CV(contact=Contact(name="Siân"), skills=["Siarad Cymraeg"], language="cy")
    assert cv_text(CATALOGUES["cy"], cv) == (
        "Siân\n\nSgiliau\n=======\n- Siarad Cymraeg\n\nGeirdaon\n========\nGeirdaon ar gael ar gais.\n")

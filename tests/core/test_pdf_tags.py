"""Every printout is a tagged PDF a screen reader can follow, and each comes in large print (issue #18, point 7).

Checked as a reader would see them: poppler's ``pdfinfo`` (Tagged, Title, the structure tree with its text) and
``pdftotext -bbox`` (where each word is and how big), and the structure tree read back from the file itself for
what poppler does not print (the QR codes' alt text and the document's /Lang).
"""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import Adult, Household
from kiosk.benefits.printout import benefits_pdf
from kiosk.cv.model import cv_from_json
from kiosk.cv.pdf import cv_pdf
from kiosk.i18n import load_catalogues
from kiosk.jobs.printout import job_pdf
from kiosk.life_events.content import all_events
from kiosk.life_events.printout import checklist_pdf
from tests.jobs.test_output import job

CATALOGUES = load_catalogues()
SAMPLE_CV = cv_from_json((Path(__file__).parents[2] / "docs" / "cv-sample.json").read_text())
TODAY = dt.date(2026, 11, 20)

pytestmark = [pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils is not installed"),
              pytest.mark.thorough]  # over a second a test, or many: `make check` leaves it to `make test`


def poppler(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def write(tmp_path, data: bytes, name: str = "out.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# --- the structure tree, read from the file ---------------------------------------------------------------------


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(number): body for number, body in re.findall(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S)}


def _text(value: bytes) -> str:
    if value.startswith(b"<"):
        raw = bytes.fromhex(value[1:-1].decode())
        return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
    return value[1:-1].decode("latin-1")


def structure(data: bytes) -> list[tuple[int, str, str]]:
    """The structure tree in reading order: (depth, type, alt text) for each element under /Document."""
    objects = _objects(data)
    (root,) = [body for body in objects.values() if b"/Type /StructTreeRoot" in body]
    out: list[tuple[int, str, str]] = []

    def walk(number: int, depth: int) -> None:
        body = objects[number]
        kind = re.search(rb"/S /(\w+)", body).group(1).decode()
        alt = re.search(rb"/Alt (<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\))", body)
        out.append((depth, kind, _text(alt.group(1)) if alt else ""))
        kids = re.search(rb"/K (\[.*?\]|\d+ 0 R)", body, re.S)
        for child in re.findall(rb"(\d+) 0 R", kids.group(1)) if kids else []:
            walk(int(child), depth + 1)

    (document,) = re.findall(rb"/K \[?(\d+) 0 R", root)
    walk(int(document), 0)
    return out


def struct_text(path: str) -> list[tuple[str, str]]:
    """(type, text) of each element with text, in reading order, as poppler reads the tree."""
    lines = poppler("pdfinfo", "-struct-text", path).splitlines()
    pairs = []
    for line, following in zip(lines, lines[1:] + [""]):
        kind = line.strip().split(" ")[0]
        if following.strip().startswith('"'):
            pairs.append((kind, following.strip().strip('"')))
    return pairs


def headings(path: str) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in struct_text(path) if re.fullmatch(r"H\d", kind)]


# --- the printouts ----------------------------------------------------------------------------------------------


def single_job_pdf(language: str, large_print: bool = False) -> bytes:
    return job_pdf(CATALOGUES[language], [job(description="Cleaning offices.\n\nTraining given.")], today=TODAY,
                   large_print=large_print)


def benefits_printout(language: str, large_print: bool = False) -> bytes:
    results = check(Household("ENGLAND", (Adult(30),), rent_monthly=600), TODAY)
    return benefits_pdf(CATALOGUES[language], results, today=TODAY, large_print=large_print)


PRINTOUTS = {
    "cv_classic": lambda language, large: cv_pdf(CATALOGUES[language], SAMPLE_CV, "classic", large_print=large),
    "cv_modern": lambda language, large: cv_pdf(CATALOGUES[language], SAMPLE_CV, "modern", large_print=large),
    "job": single_job_pdf,
    "saved_jobs": lambda language, large: job_pdf(CATALOGUES[language], [job(), job(id="v2", title="Porter")],
                                                  full=False, today=TODAY, large_print=large),
    "benefits": benefits_printout,
    "life_event": lambda language, large: checklist_pdf(CATALOGUES[language], all_events()["someone_died"], "wales",
                                                        today=TODAY, large_print=large),
}


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", sorted(PRINTOUTS))
def test_every_printout_is_tagged_with_its_title_language_and_a_first_heading(tmp_path, name, language, large):
    data = PRINTOUTS[name](language, large)
    path = write(tmp_path, data)
    info = poppler("pdfinfo", path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+\S", info, re.M), "a title, shown instead of the file name"
    assert (b"/Lang (cy)" if language == "cy" else b"/Lang (en-GB)") in data
    assert b"/DisplayDocTitle true" in data
    tree = structure(data)
    assert tree[0][1] == "Document"
    first_heading = next(kind for _depth, kind, _alt in tree if kind.startswith("H"))
    assert first_heading == "H1"
    # Every word printed is in the tree: nothing a reader would miss but the page furniture (footer, page number).
    tagged = " ".join(text for _kind, text in struct_text(path))
    printed = poppler("pdftotext", "-raw", path, "-")
    page_words = set(re.findall(r"\w+", CATALOGUES[language]["print.page_of"] + " " +
                                CATALOGUES[language]["cvdoc.footer"] + " " + SAMPLE_CV.contact.name))
    missing = [word for word in re.findall(r"\w+", printed) if word not in tagged and word not in page_words
               and not word.isdigit()]
    assert not missing


def test_a_printed_job_reads_heading_facts_list_then_the_qr_code_with_its_alt_text(tmp_path):
    data = single_job_pdf("en")
    path = write(tmp_path, data)
    assert headings(path) == [("H1", "Cleaner"), ("H2", "How to apply"), ("H2", "About the job")]
    tree = structure(data)
    kinds = [kind for _depth, kind, _alt in tree]
    (figure,) = [alt for _depth, kind, alt in tree if kind == "Figure"]
    assert figure == "QR code. Scan it with a phone camera to open the job's web page: https://example.org/jobs/1"
    # In reading order: the title, the facts as a list, how to apply, the code, then about the job.
    assert kinds.index("H1") < kinds.index("L") < kinds.index("Figure")


def test_a_welsh_job_printout_has_welsh_alt_text(tmp_path):
    (figure,) = [alt for _depth, kind, alt in structure(single_job_pdf("cy")) if kind == "Figure"]
    assert figure.startswith("Cod QR. Sganiwch ef gyda chamera ffôn")


def test_the_benefits_printout_has_a_heading_for_each_benefit_and_alt_text_for_each_claim_code(tmp_path):
    results = check(Household("ENGLAND", (Adult(30),), rent_monthly=600), TODAY)
    data = benefits_pdf(CATALOGUES["en"], results, today=TODAY)
    path = write(tmp_path, data)
    names = [result.name["en"] for result in results.eligible]
    assert names, "the sample household gets something"
    found = headings(path)
    assert found[0] == ("H1", CATALOGUES["en"]["benefits.results.printed_title"])
    assert [text for kind, text in found if kind == "H3"][:len(names)] == names
    alts = [alt for _depth, kind, alt in structure(data) if kind == "Figure"]
    with_codes = [result for result in results.eligible if result.claim_url]
    assert len(alts) == len(with_codes)
    for alt, result in zip(alts, with_codes):
        assert result.name["en"] in alt and result.claim_url in alt


def test_a_cv_has_its_name_first_then_a_heading_per_section_and_lists_as_lists(tmp_path):
    path = write(tmp_path, cv_pdf(CATALOGUES["en"], SAMPLE_CV, "classic"))
    found = headings(path)
    assert found[0] == ("H1", "Siân Llewelyn")
    assert ("H2", "Personal statement") in found and ("H2", "Work history") in found
    assert ("H3", "Warehouse team leader") in found
    kinds = [kind for kind, _text in struct_text(path)]
    assert "LBody" in kinds and "Lbl" in kinds


def test_the_modern_cv_reads_its_shaded_column_before_the_main_one(tmp_path):
    path = write(tmp_path, cv_pdf(CATALOGUES["en"], SAMPLE_CV, "modern"))
    order = [text for _kind, text in headings(path)]
    assert order[0] == "Siân Llewelyn"
    assert order.index("Contact") < order.index("Skills") < order.index("Personal statement") < \
        order.index("Work history")


def words(path: str) -> list[tuple[float, float, float, float, str]]:
    """Each word's box in points (xMin, yMin, xMax, yMax) and text, from pdftotext -bbox."""
    html = poppler("pdftotext", "-bbox", path, "-")
    return [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def pages(path: str) -> int:
    return int(re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", path), re.M).group(1))


@pytest.mark.parametrize("name", sorted(PRINTOUTS))
def test_large_print_doubles_the_text_and_keeps_every_word_on_the_page(tmp_path, name):
    normal = write(tmp_path, PRINTOUTS[name]("en", False), "normal.pdf")
    large = write(tmp_path, PRINTOUTS[name]("en", True), "large.pdf")

    def body_height(path):  # the most common word height: body text
        heights = [round(y1 - y0, 1) for _x0, y0, _x1, y1, _text in words(path)]
        return max(set(heights), key=heights.count)

    assert body_height(large) == pytest.approx(2 * body_height(normal), rel=0.12)
    assert pages(large) > pages(normal)
    # Nothing runs off the page or into its edge: A4 is 595 x 842 points; 12 mm is 34 points.
    for x0, y0, x1, y1, text in words(large):
        assert x0 >= 28 and x1 <= 595 - 28 and y0 >= 28 and y1 <= 842 - 20, (text, x0, y0, x1, y1)
    # The same words, only bigger (a long web address wraps, so it is looked for with the spaces taken out).
    large_words = poppler("pdftotext", "-raw", large, "-").split()
    joined = "".join(large_words)
    missing = [word for word in poppler("pdftotext", "-raw", normal, "-").split()
               if word not in large_words and word != "|" and word not in joined]
    assert not missing


#: A couple in Wales with three children (one disabled), a baby on the way, low pay, a carer, renting privately:
#: fifteen benefits they may get, fifteen unlikely.
BIG_HOUSEHOLD = {"nation": "wales", "age": "41", "partner": "yes", "partner_age": "39", "children_count": "3",
                 "children_ages": ["12", "7", "2"], "children_disabled": "1", "children_dla_highest": "0",
                 "child_mobility_1": "lower", "expecting": "yes", "work": "yes", "work_hours": "16",
                 "work_pay": {"amount": "700", "per": "month"}, "partner_work": "no",
                 "other_income": {"amount": "0", "per": "week"}, "health": "yes", "health_daily_life": "yes",
                 "health_work": "limits_work", "health_assessed": "no", "pip_daily_living": "standard",
                 "pip_mobility": "none", "partner_health": "no", "caring_hours": "0", "partner_caring_hours": "40",
                 "partner_caring_for": "child", "housing": "rent_private",
                 "rent": {"amount": "750", "per": "month"}, "child_sex_1": "boy", "child_sex_2": "girl",
                 "child_sex_3": "boy", "council_tax_band": "c", "council_tax_bill": "1800",
                 "childcare_costs": {"amount": "100", "per": "month"}, "savings": "none",
                 "benefits_received": ["child_benefit"]}


def big_household_results():
    from kiosk.benefits import flow
    from kiosk.benefits.answers import household_from_state
    state = flow.start("wales", TODAY)
    while state.node != flow.RESULTS:
        state = flow.step(state, BIG_HOUSEHOLD[state.node])
    return check(household_from_state(state), TODAY)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_results_of_a_big_household_print_on_two_pages_tagged_with_every_benefit(tmp_path, language):
    results = big_household_results()
    assert len(results.eligible) >= 12 and results.unlikely, "a household that may get many benefits"
    path = write(tmp_path, benefits_pdf(CATALOGUES[language], results, today=TODAY))
    assert pages(path) <= 2  # eight to ten pages with the working and every reason
    assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo", path), re.M)
    names = [text for kind, text in headings(path) if kind == "H3"]
    assert names == [result.name[language] for result in results.eligible]
    printed = poppler("pdftotext", path, "-")
    assert all(result.name[language].split()[0] in printed for result in results.unlikely)
    # Amounts to the pound, as on screen.
    assert not re.search(r"£[\d,]+\.\d\d", printed), "no pence"

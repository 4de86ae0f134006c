"""``kiosk cv-pdf`` end to end: the installed command, a real JSON file in, a real PDF and text file out."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cv.model import cv_from_json
from kiosk.cv.plain_text import cv_text
from kiosk.i18n import load_catalogues

pytestmark = pytest.mark.thorough  # over a second a test, or many: `make check` leaves it to `make test`

ROOT = Path(__file__).resolve().parents[2]
KIOSK = Path(sys.executable).parent / "kiosk"  # the command installed beside the Python running the tests
SAMPLE = ROOT / "docs" / "cv-sample.json"


def poppler(tool, pdf):
    """What poppler's ``pdfinfo`` or ``pdftotext`` says of ``pdf``; the test skips where poppler is not installed."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return subprocess.run([tool, pdf, *(["-"] if tool == "pdftotext" else [])], capture_output=True, text=True,
                          check=True).stdout


def run_kiosk(*args, cwd):
    env = {key: value for key, value in os.environ.items() if key != "JOBPOINT_CONFIG"}
    return subprocess.run([str(KIOSK), "cv-pdf", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


@pytest.mark.parametrize("layout", ["classic", "modern"])
def test_the_sample_makes_a_one_page_pdf_and_the_plain_text(tmp_path, layout):
    result = run_kiosk("--cv", SAMPLE, "--out", "cv.pdf", "--layout", layout, "--text", "cv.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Wrote cv.pdf, cv.txt.\n"
    cv = cv_from_json(SAMPLE.read_text(encoding="utf-8"))
    assert (tmp_path / "cv.txt").read_text(encoding="utf-8") == cv_text(load_catalogues()["en"], cv)
    # Nothing of the CV goes to the terminal or the log (fontTools would list every letter used).
    for word in ("Siân", "Llewelyn", "Bangor", "acircumflex"):
        assert word not in result.stdout + result.stderr
    assert "Pages:           1" in poppler("pdfinfo", tmp_path / "cv.pdf")
    pdf_text = poppler("pdftotext", tmp_path / "cv.pdf")
    assert "Siân Llewelyn" in pdf_text and "Warehouse team leader" in pdf_text


def test_large_print_makes_the_same_cv_tagged_at_twice_the_size(tmp_path):
    result = run_kiosk("--cv", SAMPLE, "--out", "large.pdf", "--large-print", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = poppler("pdfinfo", tmp_path / "large.pdf")
    assert "Tagged:          yes" in info and "Pages:           1" not in info
    assert "Warehouse team leader" in poppler("pdftotext", tmp_path / "large.pdf")


def test_a_welsh_cv_prints_welsh_headings(tmp_path):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["language"] = "cy"
    (tmp_path / "cy.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_kiosk("--cv", "cy.json", "--out", "cy.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = poppler("pdftotext", tmp_path / "cy.pdf")
    assert "Hanes gwaith" in text and "Ebrill 2021 hyd heddiw" in text and "Geirdaon ar gael ar gais." in text


@pytest.mark.parametrize("content, message", [
    ('{"contact": {"name": "Siân",', "cv.json: The file is not valid JSON (line 1, column 29)."),
    ('{"contact": {"name": ["Siân"]}}', "cv.json: contact.name must be text in quotes."),
    ('{"contact": {"name": "Siân"}, "hobbies": "x"}', 'cv.json: Unknown field "hobbies"'),
    ('{"work": [{"start": "2024-3"}], "contact": {"name": "Siân"}}', "cv.json: work[1].start must be a month"),
    ('{"contact": {"phone": "12345"}}', "cv.json: contact.name: Type your name. It is the only thing a CV must "
                                        "have. contact.phone: Use a UK phone number."),
    # Found by bench/fuzz.py: Python's JSON parser raised RecursionError and the command printed a traceback.
    # A lone surrogate escape got into the CV and the plain text could not be written in UTF-8: a traceback.
    ('{"contact": {"name": "Ann \\ud800"}}', "cv.json: contact.name has half a character in it"),
    ('{"contact": {"name": "Ann\\u2028Lee"}}', "cv.json: contact.name has a tab, a new line or a control"),
    ('{"contact": ' + "[" * 100_000 + "]" * 100_000 + "}", "cv.json: The file is nested too deeply to be a CV."),
])
def test_a_bad_file_stops_with_a_plain_message_naming_the_field_and_no_pdf(tmp_path, content, message):
    (tmp_path / "cv.json").write_text(content, encoding="utf-8")
    result = run_kiosk("--cv", "cv.json", "--out", "cv.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"kiosk cv-pdf: {message}"), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "cv.pdf").exists()


def test_a_missing_file_and_an_unwritable_output_are_named(tmp_path):
    result = run_kiosk("--cv", "nowhere.json", "--out", "cv.pdf", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "kiosk cv-pdf: cannot read nowhere.json: "
                                                     "No such file or directory\n")
    result = run_kiosk("--cv", SAMPLE, "--out", tmp_path / "no" / "such" / "cv.pdf", cwd=tmp_path)
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_layout_is_refused_by_the_argument_parser(tmp_path):
    result = run_kiosk("--cv", SAMPLE, "--out", "cv.pdf", "--layout", "fancy", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'fancy' (choose from 'classic', 'modern')" in result.stderr


def test_an_unknown_field_named_with_new_lines_is_echoed_on_one_line(tmp_path):
    """Found by bench/fuzz.py: the field name was echoed as it was, so a new line in it broke the one-line message."""
    (tmp_path / "cv.json").write_text('{"hob\\nbies\\u2028\\ud800": 1, "contact": {"name": "Siân"}}', encoding="utf-8")
    result = run_kiosk("--cv", "cv.json", "--out", "cv.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ('kiosk cv-pdf: cv.json: Unknown field "hob\\u000abies\\u2028\\ud800": the fields are '
                             "contact, education, interests, language, qualifications, references, skills, statement, "
                             "work.\n")

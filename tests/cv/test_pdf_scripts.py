"""Printouts in every script jobseekers in Great Britain write: nothing dropped, and nothing left out unsaid.

Each PDF is read back with poppler's pdftotext, as a reader or a printer would see it. The scripts beyond Latin,
Greek and Cyrillic need Debian's fonts-noto-core and fonts-noto-cjk (``make test`` installs them).
"""

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kiosk import pdf_fonts
from kiosk.cv.model import CV, Contact, WorkEntry, YearMonth
from kiosk.cv.pdf import LAYOUTS, cv_pdf, unprintable_in_cv, unprintable_note
from kiosk.i18n import load_catalogues
from kiosk.jobs.printout import job_pdf
from tests.cv.test_pdf import poppler

pytestmark = pytest.mark.thorough  # over a second a test, or many: `make check` leaves it to `make test`

CATALOGUES = load_catalogues()
#: A name or a line in each script, as a person might type it.
SCRIPTS = {
    "latin": "Zoë Łukasz Ştefan Nguyễn Đức Øyvind Ţuţu Ġużeppi Āroha",
    "greek": "Ελένη Παπαδοπούλου",
    "cyrillic": "Олена Шевченко, Юрій",
    "arabic": "محمد علی",
    "urdu": "میں اردو بولتا ہوں",
    "hebrew": "שלום עליכם",
    "bengali": "রহিম উদ্দিন",
    "gurmukhi": "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
    "gujarati": "ગુજરાતી",
    "tamil": "தமிழ்",
    "chinese": "王小明 陳大文",
    "tigrinya": "ትግርኛ",
}
#: What pdftotext adds around right-to-left text, and its spaces: not characters of the CV.
_NOT_TEXT = {"\u202a", "\u202b", "\u202c", "\u200e", "\u200f"}


def needs_system_fonts() -> None:
    found = {family for family, *_ in pdf_fonts._fallbacks()}
    if not {"NotoNaskhArabic", "NotoSansBengali", "NotoSansGurmukhi", "NotoSansCJKsc"} <= found:
        pytest.skip("fonts-noto-core and fonts-noto-cjk are not installed")


def characters(text: str) -> list[str]:
    """The characters of ``text`` in NFC, less white space and direction marks."""
    return [c for c in unicodedata.normalize("NFC", text) if not c.isspace() and c not in _NOT_TEXT]


def assert_every_character_printed(sample: str, printed: str) -> None:
    from collections import Counter
    missing = Counter(characters(sample)) - Counter(characters(printed))
    assert not missing, f"dropped from the PDF: {''.join(missing)!r}"


def script_cv() -> CV:
    lines = tuple(SCRIPTS.values())
    return CV(contact=Contact(name=f"{SCRIPTS['chinese']} {SCRIPTS['arabic']}"), statement=SCRIPTS["bengali"],
              skills=[SCRIPTS["gurmukhi"], SCRIPTS["hebrew"]],
              work=[WorkEntry(title=SCRIPTS["urdu"], employer=SCRIPTS["cyrillic"], start=YearMonth(2019, 3),
                              duties=list(lines))])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_cv_in_every_script_prints_every_character(tmp_path, layout):
    needs_system_fonts()
    cv = script_cv()
    assert unprintable_in_cv(CATALOGUES["en"], cv) == []
    path = tmp_path / "cv.pdf"
    path.write_bytes(cv_pdf(CATALOGUES["en"], cv, layout))
    printed = poppler("pdftotext", str(path), "-")
    for sample in SCRIPTS.values():
        assert_every_character_printed(sample, printed)
    # The name, in two scripts, is all there too (it is printed bigger and in bold).
    assert_every_character_printed(cv.contact.name * 2, printed)


def test_the_fonts_are_subset_so_the_pdf_stays_small(tmp_path):
    needs_system_fonts()
    data = cv_pdf(CATALOGUES["en"], script_cv(), "classic")
    # Whole, the fonts used here are over 20 MB (the Chinese collection alone is 19 MB).
    assert len(data) < 400_000, len(data)
    (tmp_path / "cv.pdf").write_bytes(data)
    rows = poppler("pdffonts", str(tmp_path / "cv.pdf")).splitlines()[2:]
    assert rows and all(row.split()[-5:-2] == ["yes", "yes", "yes"] for row in rows), rows  # embedded, subset
    latin = CV(contact=Contact(name="Zoë Ōkubo"), statement="Line one.\n\nLine two.")
    (tmp_path / "latin.pdf").write_bytes(cv_pdf(CATALOGUES["en"], latin, "classic"))
    rows = poppler("pdffonts", str(tmp_path / "latin.pdf")).splitlines()[2:]
    assert [row.split()[0].split("+")[1] for row in rows] == ["NotoSans", "NotoSansBold"], "only the fonts used"
    # Not even unused ones: fpdf2 writes every font added into the file, used or not.
    data = (tmp_path / "latin.pdf").read_bytes()
    assert b"Symbols" not in data and b"Naskh" not in data and b"CJK" not in data


def test_a_job_printout_in_other_scripts_prints_every_character(tmp_path):
    needs_system_fonts()
    from tests.jobs.test_output import TODAY, job
    title = f"{SCRIPTS['chinese']} {SCRIPTS['arabic']}"
    description = "\n\n".join(SCRIPTS.values())
    path = tmp_path / "job.pdf"
    path.write_bytes(job_pdf(CATALOGUES["en"], [job(title=title, description=description)], today=TODAY))
    printed = poppler("pdftotext", str(path), "-")
    assert_every_character_printed(title + description, printed)


def test_characters_no_font_can_draw_are_named(monkeypatch):
    assert unprintable_in_cv(CATALOGUES["en"], CV(contact=Contact(name="Siân 😀 Llewelyn"),
                                                  statement="Gwaith tîm 🙂😀")) == ["😀", "🙂"]
    # A heart and a thumb print in black (Noto Sans Symbols 2); the emoji-style selector and the joiner draw
    # nothing and are not named; the skin tone cannot print and is.
    assert pdf_fonts.unprintable("❤\ufe0f 👍🏽 \u200d") == ["🏽"]
    # Without the system fonts, Chinese cannot be printed either, and is named rather than dropped silently.
    monkeypatch.setattr(pdf_fonts, "SYSTEM_DIRS", ())
    pdf_fonts._fallbacks.cache_clear()
    pdf_fonts._covered.cache_clear()
    try:
        assert pdf_fonts.unprintable("王小明 Zoë") == ["王", "小", "明"]
        assert pdf_fonts.printable("王小明 Zoë") == " Zoë"
    finally:
        pdf_fonts._fallbacks.cache_clear()
        pdf_fonts._covered.cache_clear()


def test_the_command_warns_in_one_sentence_which_characters_are_left_out(tmp_path):
    kiosk = Path(sys.executable).parent / "kiosk"
    cv = {"language": "en", "contact": {"name": "Siân Llewelyn 😀"}, "statement": "Gwaith tîm 🙂"}
    (tmp_path / "cv.json").write_text(json.dumps(cv), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "JOBPOINT_CONFIG"}
    result = subprocess.run([str(kiosk), "cv-pdf", "--cv", "cv.json", "--out", "cv.pdf"], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("kiosk cv-pdf: warning: the PDF leaves out 2 characters that no font here can print:"
                             " 😀 🙂\n")
    assert "Traceback" not in result.stderr and (tmp_path / "cv.pdf").exists()


def test_the_preview_says_plainly_which_characters_will_be_left_out():
    cv = CV(contact=Contact(name="Siân 😀 Llewelyn"), statement="Gwaith tîm 🙂", language="cy")
    assert unprintable_note(CATALOGUES["en"], CATALOGUES["cy"], cv) == (
        "These characters in your CV cannot be printed, so they will be left out: 😀 🙂")
    assert unprintable_note(CATALOGUES["cy"], CATALOGUES["cy"], cv).endswith(": 😀 🙂")
    assert unprintable_note(CATALOGUES["en"], CATALOGUES["en"], CV(contact=Contact(name="Siân Llewelyn"))) == ""

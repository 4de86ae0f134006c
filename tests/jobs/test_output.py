"""A job in words, on paper and in a phone code, in English and Welsh, without a window."""

import datetime as dt
import logging
import re

import pytest

from kiosk.i18n import load_catalogues
from kiosk.jobs.printout import job_pdf
from kiosk.jobs.wording import fact_lines, hours_text, paragraphs, pay_text, place_text
from kiosk.jobs.phone_link import MAX_VERSION, TooLongForQr, job_payload, qr_matrix, shortlist_payload
from kiosk.jobs.vacancies import CONTRACTS, WORKPLACES

CATALOGUES = load_catalogues()
TODAY = dt.date(2026, 11, 20)


def job(**fields):
    base = {"id": "v1", "title": "Cleaner", "employer": "Acme", "description": "Cleaning offices.",
            "town": "Leeds", "postcode_district": "LS1", "salary_min": 12.71, "salary_max": 13.5,
            "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20, "contract": "permanent",
            "workplace": "on_site", "posted": "2026-11-18", "closes": "2026-12-01", "disability_confident": 1,
            "apply_url": "https://example.org/jobs/1", "apply_phone": None, "apply_email": None}
    base.update(fields)
    return base


@pytest.mark.parametrize("fields, english, welsh", [
    ({}, "£12.71 to £13.50 an hour", "£12.71 i £13.50 yr awr"),
    ({"salary_min": 25000, "salary_max": 28000, "salary_period": "year"}, "£25,000 to £28,000 a year",
     "£25,000 i £28,000 y flwyddyn"),
    ({"salary_max": 12.71}, "£12.71 an hour", "£12.71 yr awr"),
    ({"salary_max": None, "salary_period": "week"}, "From £12.71 a week", "O £12.71 yr wythnos"),
    ({"salary_min": None, "salary_max": 2000, "salary_period": "month"}, "Up to £2,000 a month",
     "Hyd at £2,000 y mis"),
    ({"salary_min": None, "salary_max": None, "salary_period": None}, "Pay not given", "Cyflog heb ei nodi"),
])
def test_pay_reads_as_people_say_it(fields, english, welsh):
    assert pay_text(CATALOGUES["en"], job(**fields)) == english
    assert pay_text(CATALOGUES["cy"], job(**fields)) == welsh


@pytest.mark.parametrize("fields, english, welsh", [
    ({}, "Part time: 20 hours a week", "Rhan amser: 20 awr yr wythnos"),
    ({"hours_per_week": 37.5, "working_pattern": "full_time"}, "Full time: 37.5 hours a week",
     "Llawn amser: 37.5 awr yr wythnos"),
    ({"hours_per_week": 1}, "Part time: 1 hour a week", "Rhan amser: 1 awr yr wythnos"),
    ({"hours_per_week": None, "working_pattern": "full_time"}, "Full time", "Llawn amser"),
])
def test_hours_read_as_people_say_them(fields, english, welsh):
    assert hours_text(CATALOGUES["en"], job(**fields)) == english
    assert hours_text(CATALOGUES["cy"], job(**fields)) == welsh


def test_place_with_distance_and_without_a_town():
    assert place_text(CATALOGUES["en"], job(distance_miles=1)) == "Leeds, LS1: 1 mile away"
    assert place_text(CATALOGUES["cy"], job(distance_miles=12.5)) == "Leeds, LS1: 12.5 milltir i ffwrdd"
    assert place_text(CATALOGUES["en"], job(town="", postcode_district="", workplace="remote")) == "Work from home"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_kind_of_job_has_words_in_both_languages(language, caplog):
    t = CATALOGUES[language]
    for contract in CONTRACTS:
        for workplace in WORKPLACES:
            for period in ("hour", "week", "month", "year"):
                fact_lines(t, job(contract=contract, workplace=workplace, salary_period=period, distance_miles=3))
    job_payload(t, job(apply_url=None, apply_phone="0113", apply_email="a@b.c"))
    assert "missing" not in caplog.text


def test_closing_dates_use_welsh_month_names():
    assert fact_lines(CATALOGUES["cy"], job())[5] == "Yn cau ar 1 Rhagfyr 2026"
    assert fact_lines(CATALOGUES["en"], job())[5] == "Closes on 1 December 2026"


def test_paragraphs_split_long_text_without_losing_any_of_it():
    text = "First paragraph.\n\n" + "A sentence of words. " * 200 + "\n\n" + "x" * 3000
    pieces = paragraphs(text, limit=500)
    assert all(len(piece) <= 500 for piece in pieces)
    assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", text)


def test_a_phone_code_is_the_web_address_or_how_to_apply():
    t = CATALOGUES["en"]
    assert job_payload(t, job()) == "https://example.org/jobs/1"
    assert job_payload(t, job(apply_url=None, apply_phone="0113 496 0000")) == "Cleaner\nAcme\nPhone: 0113 496 0000"
    both = shortlist_payload(t, [job(), job(title="Driver", apply_url=None, apply_email="jobs@example.org")])
    assert both == "Cleaner, Acme\nhttps://example.org/jobs/1\n\nDriver, Acme\nEmail: jobs@example.org"


def test_a_code_too_dense_to_scan_is_refused():
    qr_matrix("x" * 600)  # fits
    with pytest.raises(TooLongForQr):
        qr_matrix("x" * 700)
    with pytest.raises(TooLongForQr):
        qr_matrix("x" * 5000)  # more than any QR code holds
    assert len(qr_matrix("x" * 600)) <= 17 + 4 * MAX_VERSION


@pytest.mark.parametrize("language, title", [("en", "Cleaner"), ("cy", "Gweithiwr gofal ŵŷ")])
def test_a_printout_is_an_a4_pdf_with_the_font_embedded(language, title, caplog):
    caplog.set_level(logging.WARNING)
    data = job_pdf(CATALOGUES[language], [job(title=title, description="Long.\n\n" * 400)], today=TODAY)
    assert data.startswith(b"%PDF-") and b"/MediaBox [0 0 595.28 841.89]" in data
    assert b"/FontFile2" in data and b"NotoSans" in data
    assert data.count(b"/Type /Page\n") > 1, "a long advert runs onto more pages"
    assert "missing in" not in caplog.text


def test_a_printed_job_carries_a_code_a_phone_can_read(tmp_path):
    """Rendered as a printer would (pdftoppm) and read as a phone would (zxing-cpp), where both are installed."""
    import shutil
    import subprocess
    zxingcpp = pytest.importorskip("zxingcpp")
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image
    (tmp_path / "job.pdf").write_bytes(job_pdf(CATALOGUES["en"], [job()], today=TODAY))
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(tmp_path / "job.pdf"),
                    str(tmp_path / "page")], check=True)
    (page,) = tmp_path.glob("page*.png")
    assert [result.text for result in zxingcpp.read_barcodes(Image.open(page))] == ["https://example.org/jobs/1"]

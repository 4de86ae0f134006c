"""Checks on a CV's name, phone and email, and on a whole CV, each giving a plain message in English and Welsh."""

from pathlib import Path

import pytest

from kiosk.cv.model import CV, Contact, EducationEntry, Qualification, WorkEntry, YearMonth, cv_from_json
from kiosk.cv.checks import check_cv, check_email, check_name, check_phone, normalise_phone
from kiosk.i18n import load_catalogues

CATALOGUES = load_catalogues()
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "cv-sample.json"


@pytest.mark.parametrize("phone", [
    "07700 900123", "07700900123", "07700-900-123", "+44 7700 900123", "+447700900123", "+44 (0)7700 900123",
    "0044 7700 900123", "029 2018 0000", "(029) 2018 0000", "01248 123456", "016977 3456", "0300 123 4567",
    "", "   ",
])
def test_uk_phone_numbers_written_any_usual_way_pass(phone):
    assert check_phone(phone) is None


@pytest.mark.parametrize("phone, key", [
    ("0770090012", "cvdoc.check.mobile_length"),
    ("077009001234", "cvdoc.check.mobile_length"),
    ("+44 770090012", "cvdoc.check.mobile_length"),
    ("029 2018 000", "cvdoc.check.landline_length"),
    ("01248 1234", "cvdoc.check.landline_length"),
    ("0300 123 45678", "cvdoc.check.landline_length"),
    ("07700 9001a3", "cvdoc.check.phone_characters"),
    ("07700.900.123", "cvdoc.check.phone_characters"),
    ("07700 ９00123", "cvdoc.check.phone_characters"),
    ("12345", "cvdoc.check.phone_start"),
    ("0800 123 4567", "cvdoc.check.phone_start"),
    ("+33 1 23 45 67 89", "cvdoc.check.phone_start"),
])
def test_a_wrong_phone_number_gets_the_message_that_says_what_is_wrong(phone, key):
    assert check_phone(phone) == key


def test_phone_numbers_are_normalised_to_uk_digits():
    assert normalise_phone("+44 (0)29 2018 0000") == "02920180000"
    assert normalise_phone("+44 7700 900-123") == "07700900123"
    assert normalise_phone("0044 (0)7700 900123") == "07700900123"


def test_the_mobile_message_is_plain():
    assert CATALOGUES["en"]["cvdoc.check.mobile_length"] == (
        "A mobile number has 11 numbers, starting 07. Check the number and try again.")


@pytest.mark.parametrize("email", ["sian@example.com", "s.llewelyn+cv@mail.example.co.uk", "SIAN@EXAMPLE.CYMRU",
                                   "", "  "])
def test_ordinary_email_addresses_pass(email):
    assert check_email(email) is None


@pytest.mark.parametrize("email, key", [
    ("sian @example.com", "cvdoc.check.email_spaces"),
    ("sian@example.com ", "cvdoc.check.email_spaces"),
    ("sian.example.com", "cvdoc.check.email_at"),
    ("sian@@example.com", "cvdoc.check.email_at"),
    ("sian@home@example.com", "cvdoc.check.email_at"),
    ("@example.com", "cvdoc.check.email_at"),
    ("sian@example", "cvdoc.check.email_domain"),
    ("sian@example.", "cvdoc.check.email_domain"),
    ("sian@.com", "cvdoc.check.email_domain"),
    ("sian@example..com", "cvdoc.check.email_domain"),
    ("sian@" + "e" * 100 + ".com", "cvdoc.check.too_long"),
])
def test_a_wrong_email_address_gets_the_message_that_says_what_is_wrong(email, key):
    assert check_email(email) == key


@pytest.mark.parametrize("name, key", [
    ("Siân Llewelyn", None), ("Ŵyn", None), ("", "cvdoc.check.name_missing"), ("   ", "cvdoc.check.name_missing"),
    ("12345", "cvdoc.check.name_letters"), ("x" * 81, "cvdoc.check.too_long"), ("x" * 80, None),
])
def test_a_name_is_needed_and_nothing_more_is_judged(name, key):
    assert check_name(name) == key


def test_the_sample_cv_has_no_problems():
    assert check_cv(cv_from_json(SAMPLE.read_text(encoding="utf-8"))) == []


def test_check_cv_lists_every_problem_by_field_in_page_order():
    cv = CV(
        contact=Contact(name="", phone="0770090012", email="sian@example", town="x" * 61),
        statement="s" * 601,
        work=[WorkEntry(title="Cleaner", start=YearMonth(2024, 3), end=YearMonth(2023, 1)),
              WorkEntry(title="", current=True, end=YearMonth(2024, 1), duties=["ok", "d" * 201])],
        education=[EducationEntry(what="", start_year=2015, end_year=2013)],
        qualifications=[Qualification(name="", detail="Category C")],
        skills=["Forklift", "k" * 51],
        interests="i" * 301,
        references="r" * 301,
    )
    assert check_cv(cv) == [
        ("contact.name", "cvdoc.check.name_missing"),
        ("contact.phone", "cvdoc.check.mobile_length"),
        ("contact.email", "cvdoc.check.email_domain"),
        ("contact.town", "cvdoc.check.too_long"),
        ("statement", "cvdoc.check.too_long"),
        ("work[1].end", "cvdoc.check.end_before_start"),
        ("work[2].title", "cvdoc.check.title_missing"),
        ("work[2].end", "cvdoc.check.current_with_end"),
        ("work[2].duties[2]", "cvdoc.check.too_long"),
        ("education[1].what", "cvdoc.check.what_missing"),
        ("education[1].end_year", "cvdoc.check.end_before_start"),
        ("qualifications[1].name", "cvdoc.check.qualification_missing"),
        ("skills[2]", "cvdoc.check.too_long"),
        ("interests", "cvdoc.check.too_long"),
        ("references", "cvdoc.check.too_long"),
    ]


def test_every_check_message_exists_in_english_and_welsh_and_none_is_unused():
    keys = {key for _, key in check_cv(CV(contact=Contact(phone="x", email="a b")))}
    keys |= {check_phone(p) for p in ("0770090012", "029 2018 000", "x", "12345")}
    keys |= {check_email(e) for e in ("a b", "ab", "a@b")} | {check_name(n) for n in ("", "1", "x" * 81)}
    keys |= {"cvdoc.check.end_before_start", "cvdoc.check.current_with_end", "cvdoc.check.title_missing",
             "cvdoc.check.what_missing", "cvdoc.check.qualification_missing"}
    keys.discard(None)
    for language in ("en", "cy"):
        assert keys == {k for k in CATALOGUES[language].keys if k.startswith("cvdoc.check.")}, language

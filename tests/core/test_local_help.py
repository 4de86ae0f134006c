""""Help near you" without a window: the kinds of help and their order, the words in the person's language, what
each QR code holds, the demo office the kiosk ships, and the one-page printout whose text reads back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from kiosk.i18n import load_catalogues
from kiosk.local_help import CATEGORIES, GROUPS, by_category, code_text, demo_local_help, in_language, phone_link
from kiosk.local_help_printout import local_help_pdf
from sync.local_help import LOCAL_HELP_EVENTS
from sync.office import OFFICE_FILE, read_office_config, write_demo_office
from sync.usage import EVENTS


def test_kinds_of_help_keep_the_fixed_order_and_an_entry_without_one_goes_last_under_other():
    entries = [{"name": "A", "category": "childcare"}, {"name": "B"}, {"name": "C", "category": "digital"},
               {"name": "D", "category": "childcare"}, {"name": "E", "category": ""}]
    assert [(group, [e["name"] for e in found]) for group, found in by_category(entries)] == [
        ("digital", ["C"]), ("childcare", ["A", "D"]), ("other", ["B", "E"])]
    assert (*CATEGORIES, "other") == GROUPS


def test_welsh_falls_back_to_the_english_the_office_gave():
    entry = {"about_en": "Free advice.", "about_cy": "", "opening_en": "Monday", "opening_cy": "Dydd Llun"}
    assert in_language(entry, "about", "cy") == "Free advice."
    assert in_language(entry, "opening", "cy") == "Dydd Llun"
    assert in_language({}, "opening", "en") == ""


@pytest.mark.parametrize("phone, link", [("0800 144 8848", "tel:08001448848"), ("111", "tel:111"),
                                         ("116 123", "tel:116123"), ("+44 (0)113 496 0100", "tel:+441134960100"),
                                         ("Ask at reception", ""), ("", "")])
def test_a_phone_number_becomes_a_link_a_phone_offers_to_call(phone, link):
    assert phone_link(phone) == link
    assert code_text({"phone": phone, "url": ""}) == link


def test_a_web_address_wins_over_a_phone_number_for_the_code():
    assert code_text({"phone": "111", "url": "https://111.nhs.uk"}) == "https://111.nhs.uk"


def test_every_kind_of_help_is_a_usage_event_the_kiosk_and_service_both_take():
    assert {f"local_help_{group}" for group in GROUPS} < set(LOCAL_HELP_EVENTS) <= EVENTS
    assert all(len(event) <= 40 for event in LOCAL_HELP_EVENTS)  # the API's longest event name


def test_the_demo_office_has_every_kind_of_help_in_both_languages():
    demo = demo_local_help()
    assert [group for group, _found in by_category(demo)] == list(GROUPS)
    for entry in demo:
        assert entry["name"] and (entry["phone"] or entry["url"]), entry["name"]
        for field in ("about", "opening"):
            assert entry[f"{field}_en"] and entry[f"{field}_cy"], (entry["name"], field)
        # Invented organisations only ever have numbers from Ofcom's drama range, which ring no one.
        if entry["name"].startswith("Riverside") or not entry["url"]:
            assert entry["phone"].startswith("0113 496 0"), entry["name"]


def test_demo_data_puts_the_demo_office_in_place_only_where_there_is_none(tmp_path):
    assert write_demo_office(tmp_path)
    office = read_office_config(tmp_path)
    assert office is not None and len(office.local_help) == len(demo_local_help())
    assert office.local_help[0]["opening_cy"] == demo_local_help()[0]["opening_cy"]
    assert all(value == 0 for value in office.lha.values()), "the demo changes no benefits result"
    (tmp_path / OFFICE_FILE).write_text(json.dumps({**json.loads((tmp_path / OFFICE_FILE).read_text()),
                                                    "name": "Leeds"}), encoding="utf-8")
    assert not write_demo_office(tmp_path), "an office's own config is never replaced"
    assert read_office_config(tmp_path).name == "Leeds"


def pages_and_text(pdf: bytes, tmp_path) -> tuple[int, str]:
    path = tmp_path / "help.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1)), " ".join(text.split())


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
#: PDFs read back take seconds: `make check` leaves them to `make test`.
thorough = pytest.mark.thorough


@thorough
@needs_poppler
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_demo_kind_of_help_prints_on_one_page_that_reads_back(tmp_path, language):
    t = load_catalogues()[language]
    for group, entries in by_category(demo_local_help()):
        pages, text = pages_and_text(local_help_pdf(t, group, entries), tmp_path)
        assert pages == 1, group
        assert t[f"local_help.group.{group}"] in text
        for entry in entries:
            for words in (entry["name"], entry["phone"], in_language(entry, "about", language)):
                assert " ".join(words.split()) in text, (group, words)


@thorough
@needs_poppler
def test_a_long_list_gets_smaller_to_stay_on_one_page_but_never_unreadably_small(tmp_path):
    t = load_catalogues()["en"]
    eight = list(demo_local_help())[:8]
    assert pages_and_text(local_help_pdf(t, "money", eight), tmp_path)[0] == 1
    thirty = [dict(entry, name=f"{entry['name']} {n}") for n in range(2) for entry in demo_local_help()][:30]
    pages, text = pages_and_text(local_help_pdf(t, "money", thirty), tmp_path)
    assert pages > 1 and all(entry["name"] in text for entry in thirty), "nothing left off"

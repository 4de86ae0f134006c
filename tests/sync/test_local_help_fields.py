"""Help near you entries: category and opening times, checked the same on the kiosk and the central service."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.central.offices import BadOfficeConfig
from sync.central.offices import check_office_config as central_check
from sync.client import BadData
from sync.local_help import CATEGORIES
from sync.office import check_office_config as kiosk_check

GOOD = {"office_id": "leeds", "name": "Leeds", "config_version": "3", "lha": dict.fromkeys(
    ("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly", "three_bedrooms_monthly",
     "four_bedrooms_monthly"), 0), "local_help": []}
OLD = {"name": "Credit union", "phone": "0113 000 0000", "url": "https://example.org", "about_en": "Loans",
       "about_cy": "Benthyciadau"}
NEW = {**OLD, "category": "money", "opening_en": "Monday to Friday, 9am to 5pm",
       "opening_cy": "Dydd Llun i ddydd Gwener, 9yb i 5yp"}


def test_an_old_entry_still_reads_and_gains_no_new_fields():
    assert kiosk_check({**GOOD, "local_help": [OLD]}).local_help == [OLD]
    assert central_check({"name": "Leeds", "local_help": [OLD]})[1]["local_help"] == [OLD]


def test_a_new_entry_keeps_its_category_and_opening_times_on_both_sides():
    assert kiosk_check({**GOOD, "local_help": [NEW]}).local_help == [NEW]
    assert central_check({"name": "Leeds", "local_help": [NEW]})[1]["local_help"] == [NEW]


@pytest.mark.parametrize("broken, message", [
    ({"category": "pets"}, "category must be one of: digital, money"),
    ({"opening_en": "x" * 301}, "opening_en is longer than 300"),
    ({"opening_cy": 7}, "opening_cy must be text"),
])
def test_a_bad_new_field_is_refused_in_a_plain_sentence(broken, message):
    with pytest.raises(BadData, match=message):
        kiosk_check({**GOOD, "local_help": [{**NEW, **broken}]})
    with pytest.raises(BadOfficeConfig, match=message):
        central_check({"name": "Leeds", "local_help": [{**NEW, **broken}]})


_ANY = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=400),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                 max_size=3), max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(category=_ANY | st.sampled_from(CATEGORIES), opening=_ANY)
def test_any_value_is_taken_or_refused_with_a_message_never_a_traceback(category, opening):
    entry = {**OLD, "category": category, "opening_en": opening}
    for check, error, data in ((kiosk_check, BadData, {**GOOD, "local_help": [entry]}),
                               (central_check, BadOfficeConfig, {"name": "Leeds", "local_help": [entry]})):
        try:
            check(data)
        except error as refused:
            assert str(refused) and len(str(refused)) < 300


def test_the_central_services_nulls_for_an_older_entry_are_read_as_not_given():
    sent = {**OLD, "category": None, "opening_en": None, "opening_cy": None}
    assert kiosk_check({**GOOD, "local_help": [sent]}).local_help == [OLD]

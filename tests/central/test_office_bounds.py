"""Office config sizes are bounded on both sides: the service's office-set and the kiosk's check of its reply."""

from __future__ import annotations

import pytest

from sync.central.offices import BadOfficeConfig, check_office_config, read_office_file
from sync.client import BadData
from sync.office import check_office_config as kiosk_check

LHA = dict.fromkeys(("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly", "three_bedrooms_monthly",
                     "four_bedrooms_monthly"), 0.0)


def _reply(**changes) -> dict:
    return {"office_id": "leeds", "name": "Leeds Jobcentre", "config_version": "1", "lha": LHA,
            "local_help": [{"name": "Citizens Advice", "phone": "", "url": "", "about_en": "", "about_cy": ""}],
            **changes}


@pytest.mark.parametrize("changes, words", [
    ({"local_help": [{"name": f"Help {n}"} for n in range(100_000)]}, "the kiosk takes at most 200"),
    ({"name": "x" * 1_000_000}, "name is longer than 200 characters"),
    ({"local_help": [{"name": "Help", "about_en": "x" * 1_000_000}]}, "has a about_en longer than 2000 characters"),
])
def test_the_kiosk_refuses_an_office_config_too_large_to_be_real(changes, words):
    with pytest.raises(BadData, match=words):
        kiosk_check(_reply(**changes))


def test_the_kiosk_accepts_the_largest_config_the_service_makes():
    entry = {"name": "n" * 200, "phone": "p" * 40, "url": "https://" + "u" * 492, "about_en": "e" * 1000,
             "about_cy": "c" * 1000}
    name, config = check_office_config({"name": "x" * 200, "local_help": [entry] * 30})
    assert len(kiosk_check(_reply(name=name, **config)).local_help) == 30


@pytest.mark.parametrize("text, words", [
    ('name = "Leeds"\n' + "#" * 300_000, "larger than 256 KB"),
    ("a = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_office_set_refuses_huge_or_deeply_nested_files(tmp_path, text, words):
    path = tmp_path / "office.toml"
    path.write_text(text)
    with pytest.raises(BadOfficeConfig, match=words):
        read_office_file(path)


def test_office_names_may_not_hold_control_characters():
    with pytest.raises(BadOfficeConfig, match="without control characters"):
        check_office_config({"name": "Leeds\x1b[2J"})


def test_the_organisation_is_optional_and_left_out_when_not_given():
    _name, config = check_office_config({"name": "Leeds"})
    assert "organisation" not in config  # an office set before the setting keeps its config (and version)
    _name, config = check_office_config({"name": "Leeds", "organisation": {"name": " DWP "}})
    assert config["organisation"] == {"name": "DWP", "name_cy": ""}


@pytest.mark.parametrize("organisation, words", [
    ({"name": "x" * 101}, "organisation name must be text of at most 100"),
    ({"name": "DWP", "name_cy": "x" * 101}, "organisation name_cy must be text of at most 100"),
    ({"name": "DWP\x07"}, "without control characters"),
    ({}, "organisation name is missing"),
    ({"name": "DWP", "logo": "crest.png"}, "with only name, name_cy"),
])
def test_office_set_refuses_a_bad_organisation(organisation, words):
    with pytest.raises(BadOfficeConfig, match=words):
        check_office_config({"name": "Leeds", "organisation": organisation})


def test_the_kiosk_accepts_the_longest_organisation_names_the_service_allows():
    name, config = check_office_config({"name": "Leeds", "organisation": {"name": "n" * 100, "name_cy": "c" * 100}})
    assert kiosk_check(_reply(name=name, **config)).organisation == {"name": "n" * 100, "name_cy": "c" * 100}

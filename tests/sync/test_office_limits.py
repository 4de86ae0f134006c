"""Office config and rates from a hostile central service: sizes and nesting bounded, refused in a plain sentence."""

import pytest

from sync.client import BadData
from sync.office import check_office_config, fetch_rates, rates_folder

GOOD = {"office_id": "leeds", "name": "Leeds", "config_version": "3", "lha": dict.fromkeys(
    ("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly", "three_bedrooms_monthly",
     "four_bedrooms_monthly"), 0), "local_help": []}
HELP = {"name": "Credit union", "phone": "0113 000 0000", "url": "https://example.org", "about_en": "Loans",
        "about_cy": "Benthyciadau"}


@pytest.mark.parametrize("broken, message", [
    ({"local_help": [HELP] * 100_000}, "100,000 local_help entries"),
    ({"name": "x" * 1_000_000}, "name is longer than 200"),
    ({"office_id": "x" * 65}, "office_id is longer than 64"),
    ({"local_help": [{**HELP, "about_en": "x" * 5000}]}, "about_en longer than 2000"),
    ({"local_help": [{**HELP, "name": "x" * 201}]}, "name longer than 200"),
])
def test_an_office_config_too_large_for_any_office_is_refused(broken, message):
    check_office_config({**GOOD, "local_help": [HELP] * 100})
    with pytest.raises(BadData, match=message):
        check_office_config({**GOOD, **broken})


class Reply:
    """A client whose GET returns a fixed reply, as a hostile service would send it."""

    def __init__(self, reply):
        self.reply = reply

    def get_json(self, path, **kwargs):
        return self.reply


@pytest.mark.parametrize("files, message", [
    ({"rates-2026-27.toml": "a = " + "[" * 100_000 + "]" * 100_000}, "nested too deeply"),
    ({"rates-2026-27.toml": "# " + "x" * 600_000}, "longer than the 524,288 characters"),
    ({f"rates-{n}.toml": "" for n in range(21)}, "21 files"),
])
def test_rates_files_too_deep_large_or_many_are_refused_and_nothing_is_kept(tmp_path, files, message):
    with pytest.raises(BadData, match=message):
        fetch_rates(Reply({"version": "ab" * 8, "files": files}), tmp_path)
    assert rates_folder(tmp_path) is None
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".rates")]


ORGANISATION = {"name": "Department for Work and Pensions", "name_cy": "Yr Adran Gwaith a Phensiynau"}


def test_the_organisation_is_taken_and_reaches_the_screens(tmp_path):
    from sync.office import fetch_office_config, local_office
    fetch_office_config(Reply({**GOOD, "organisation": ORGANISATION}), "leeds", tmp_path)
    office = local_office({"kiosk.data_dir": tmp_path})
    assert office.organisation == ORGANISATION and office.office_name == "Leeds"


@pytest.mark.parametrize("organisation, message", [
    ({"name": "x" * 201}, "organisation name must be text of at most 200"),
    ({"name": "Leeds", "name_cy": "x" * 1_000_000}, "organisation name_cy must be text of at most 200"),
    ({"name": "DWP\x1b[2J"}, "without control characters"),
    ({"name": ""}, "organisation has no name"),
    ("Department for Work and Pensions", "organisation must be an object"),
])
def test_a_bad_organisation_is_refused_and_the_kiosk_keeps_its_last_good_config(tmp_path, organisation, message):
    from sync.office import fetch_office_config, local_office
    fetch_office_config(Reply(GOOD), "leeds", tmp_path)
    with pytest.raises(BadData, match=message):
        fetch_office_config(Reply({**GOOD, "organisation": organisation}), "leeds", tmp_path)
    assert local_office({"kiosk.data_dir": tmp_path}).organisation == {}  # the kiosk's own name stays

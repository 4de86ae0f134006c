"""Office config, benefit rates and heartbeats against the real service."""

import datetime as dt

import pytest

from kiosk.benefits.rates import rates_on
from sync.client import BadData
from sync.crashes import record_crash
from sync.heartbeat import Heartbeat
from sync.office import (check_office_config, fetch_office_config, fetch_rates, rates_folder,
                         read_office_config)
from sync.vacancy_sync import VacancySync
from tests.sync.records import vacancy


def test_the_office_config_is_checked_kept_and_read_back(kiosk):
    fetched = fetch_office_config(kiosk.client(), "leeds", kiosk.data_dir)
    assert read_office_config(kiosk.data_dir) == fetched
    assert fetched.lha_settings()["lha.one_bedroom_monthly"] == 550.0
    assert fetched.local_help[0]["name"] == "Leeds Credit Union"


def test_another_offices_config_is_forbidden(kiosk):
    from sync.client import Unauthorised
    with pytest.raises(Unauthorised):
        fetch_office_config(kiosk.client(), "york", kiosk.data_dir)


@pytest.mark.parametrize("broken", [{"lha": {}}, {"local_help": [{"phone": "1"}]}, {"config_version": ""},
                                    {"lha": {"shared_monthly": -1, "one_bedroom_monthly": 0, "two_bedrooms_monthly": 0,
                                             "three_bedrooms_monthly": 0, "four_bedrooms_monthly": 0}}])
def test_a_bad_office_config_is_refused_with_a_plain_message(broken):
    good = {"office_id": "leeds", "name": "Leeds", "config_version": "3", "lha": dict.fromkeys(
        ("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly", "three_bedrooms_monthly",
         "four_bedrooms_monthly"), 0), "local_help": []}
    check_office_config(good)
    with pytest.raises(BadData, match="office config"):
        check_office_config({**good, **broken})


GOOD_REPLY = {"office_id": "leeds", "name": "Leeds", "config_version": "3", "lha": dict.fromkeys(
    ("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly", "three_bedrooms_monthly",
     "four_bedrooms_monthly"), 0), "local_help": []}


def test_an_office_config_without_council_tax_still_works_and_one_with_it_is_kept():
    assert check_office_config(GOOD_REPLY).council_tax == {}  # from a central service older than the setting
    assert check_office_config({**GOOD_REPLY, "council_tax": None}).council_tax == {}
    reply = {**GOOD_REPLY, "council_tax": {"band_d_annual": 2280.0, "taper": 0.25, "band_cap": "C",
                                           "capital_limit": None}}
    assert check_office_config(reply).council_tax == {"band_d_annual": 2280.0, "taper": 0.25, "band_cap": "C"}


@pytest.mark.parametrize("council_tax, message", [
    ([], "council_tax must be an object"),
    ({"band_d_annual": -5}, "council_tax.band_d_annual must be pounds a year"),
    ({"taper": "20%"}, "council_tax.taper must be a share"),
    ({"band_cap": "Z"}, "council_tax.band_cap must be one of"),
    ({"bandd": 2000}, "no council tax setting called council_tax.bandd"),
])
def test_a_bad_council_tax_setting_from_the_central_service_is_refused_plainly(council_tax, message):
    with pytest.raises(BadData, match=f"office config.*{message}"):
        check_office_config({**GOOD_REPLY, "council_tax": council_tax})


def test_the_central_service_checks_an_office_files_council_tax_section():
    from sync.central.offices import BadOfficeConfig
    from sync.central.offices import check_office_config as check_office_file

    assert "council_tax" not in check_office_file({"name": "Leeds"})[1]  # old files: config unchanged
    _, config = check_office_file({"name": "Leeds", "council_tax": {"band_d_annual": 2280, "band_cap": "none"}})
    assert config["council_tax"] == {"band_d_annual": 2280.0, "band_cap": "none"}
    for bad, message in (({"max_support_share": 1.2}, "max_support_share must be a share from 0 to 1"),
                         ({"minimum_award_weekly": float("inf")}, "minimum_award_weekly must be pounds a week"),
                         ("lots", "must be a \\[council_tax\\] section")):
        with pytest.raises(BadOfficeConfig, match=message):
            check_office_file({"name": "Leeds", "council_tax": bad})


def test_rates_pass_the_kiosks_own_loader_and_replace_the_last_good_copy(kiosk):
    assert rates_folder(kiosk.data_dir) is None
    folder = fetch_rates(kiosk.client(), kiosk.data_dir)
    assert rates_folder(kiosk.data_dir) == folder
    assert rates_on(dt.date(2026, 5, 1), folder).tax_year == "2026-27"
    assert fetch_rates(kiosk.client(), kiosk.data_dir) == folder  # unchanged version: nothing rewritten


def test_a_rates_file_the_loader_refuses_keeps_the_last_good_one(central, kiosk):
    good = fetch_rates(kiosk.client(), kiosk.data_dir)
    (central.rates_dir / "rates-2027-28.toml").write_text("tax_year = '2027-28'\n[x]\nvalue = 1\n")
    with pytest.raises(BadData, match="failed the kiosk's checks"):
        fetch_rates(kiosk.client(), kiosk.data_dir)
    assert rates_folder(kiosk.data_dir) == good
    assert sorted(p.name for p in kiosk.data_dir.iterdir() if p.name.startswith((".rates", "rates-"))) == [good.name]


def test_a_heartbeat_carries_the_kiosks_health_and_no_crash_message(central, kiosk):
    central.ingest([vacancy(n) for n in range(4)])
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()
    try:
        raise ValueError("Jane Smith, SW1A 1AA")
    except ValueError as error:
        record_crash(kiosk.data_dir, error)
    beat = Heartbeat(kiosk.data_dir, kiosk.cache_path,
                     devices=lambda: [{"device": "card", "provider": "simulated", "health": "present", "detail": ""}])
    body = beat.body(db, config_version="1")
    assert body["cache_vacancies"] == 4 and body["cache_bytes"] > 0 and body["last_sync_at"]
    assert body["last_crash_kind"] == "builtins.ValueError" and "Jane" not in str(body)
    assert body["devices"][0]["health"] == "present"
    assert 60 <= beat.send(kiosk.client(), kiosk.credential.kiosk_id, db, "1") <= 120


def test_a_failing_device_callable_is_reported_in_the_beat_not_raised(kiosk):
    def broken():
        raise RuntimeError("reader gone")

    body = Heartbeat(kiosk.data_dir, kiosk.cache_path, devices=broken).body(kiosk.cache())
    assert body["devices"] == [{"device": "devices", "provider": "?", "health": "error", "detail": "RuntimeError"}]


def test_the_benefits_checker_takes_the_offices_figures_from_the_central_service(kiosk):
    from decimal import Decimal

    from kiosk import config as kiosk_config
    from kiosk.benefits.council_tax_settings import CouncilTaxSettings
    from kiosk.benefits.rates import RULES_DIR
    from sync.office import local_office

    settings = kiosk_config.defaults()
    settings["kiosk.data_dir"] = kiosk.data_dir
    settings["lha.one_bedroom_monthly"] = 480.0  # the config file's figures, used until the office's arrive
    settings["lha.four_bedrooms_monthly"] = 1200.0
    before = local_office(settings)
    assert before.rates_folder == RULES_DIR and before.local_help == () and before.council_tax is None
    assert before.lha == {"1": Decimal("480.0"), "4": Decimal("1200.0")}

    office = fetch_office_config(kiosk.client(), "leeds", kiosk.data_dir)
    folder = fetch_rates(kiosk.client(), kiosk.data_dir)
    after = local_office(settings)
    assert after.rates_folder == folder
    assert after.lha["1"] == Decimal("550.0"), "the office's figure wins over the file's"
    for size, key in (("shared", "shared_monthly"), ("2", "two_bedrooms_monthly"), ("3", "three_bedrooms_monthly"),
                      ("4", "four_bedrooms_monthly")):
        expected = office.lha[key] or {"4": 1200.0}.get(size)
        assert after.lha.get(size) == (Decimal(str(float(expected))) if expected else None), size
    assert after.local_help[0]["name"] == "Leeds Credit Union"
    # the office's council tax settings, through the API (whose unset keys arrive as null)
    assert after.council_tax == CouncilTaxSettings(band_d_annual=Decimal("2280.0"), max_support_share=Decimal("0.75"))

"""``kiosk benefits``: the JSON shape in and out, dates, lists, and plain messages for bad input."""

import json
from decimal import Decimal as D

import pytest

from kiosk.cli.main import main
from kiosk.benefits.definitions import all_benefits
from kiosk.cli.benefits import UC_FIELDS

HOUSEHOLD = {"id": "h1", "year": 2026, "country": "ENGLAND", "region": None,
             "adults": [{"age": 30, "employment_income_annual": 15000, "hours_worked_weekly": 25,
                         "is_disabled": False, "is_carer": False, "has_lcwra": False}],
             "children": [{"age": 5, "is_disabled": False}, {"age": 10, "is_disabled": False,
                                                             "birth_date": "2016-01-01"}],
             "rent_monthly": 700, "tenure": "RENT_PRIVATELY", "council_tax_band": "B", "savings": 1000,
             "childcare_monthly": 200, "lha_monthly": {"shared": 400, "1": 600, "2": 650, "3": 750, "4": 900}}


def run(tmp_path, capsys, data, *extra):
    path = tmp_path / "household.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    status = main(["benefits", "--household", str(path), *extra])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_output_has_exactly_the_documented_shape(tmp_path, capsys):
    status, out, _ = run(tmp_path, capsys, HOUSEHOLD, "--json")
    result = json.loads(out)
    assert status == 0
    assert list(result) == ["id", "tax_year", "benefits", "universal_credit"]
    assert (result["id"], result["tax_year"]) == ("h1", "2026-27")
    assert len(result["benefits"]) == len(all_benefits())
    assert all(list(b) == ["id", "status", "monthly", "reason"] for b in result["benefits"])
    assert list(result["universal_credit"]) == list(UC_FIELDS)
    # 424.90 + 351.88 + 303.94 + 170 + 700 = 1,950.72; net 1,193.30; 55% of 766.30 = 421.47; 1,529.25
    assert result["universal_credit"]["monthly"] == 1529.25
    assert result["universal_credit"]["earnings_deduction"] == 421.47
    assert result["benefits"][0] == {"id": "universal_credit", "status": "likely", "monthly": 1529.25,
                                     "reason": "From your answers you could get about £1,529.25 a month."}


@pytest.mark.parametrize("where, key, hint", [
    ("household", "childern", "Did you mean 'children'?"), ("household", "rent", "Did you mean 'rent_monthly'?"),
    ("adult", "state_pension", "Did you mean 'state_pension_annual'?"), ("child", "gender", "Known keys")])
def test_an_unknown_key_is_an_error_naming_the_nearest(tmp_path, capsys, where, key, hint):
    data = json.loads(json.dumps(HOUSEHOLD))
    target = {"household": data, "adult": data["adults"][0], "child": data["children"][0]}[where]
    target[key] = 1
    status, out, err = run(tmp_path, capsys, data, "--json")
    assert (status, out) == (2, "")
    assert f"{key!r} is not a key we know" in err and hint in err and "Traceback" not in err


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000,
                                  '[{"x": "[[[[[[[[[[[[\\"[[[[[[[[["}]'])
def test_deep_json_is_a_plain_error_and_strings_do_not_count(tmp_path, capsys, text):
    status, _, err = run(tmp_path, capsys, text)
    assert status == 2 and "Traceback" not in err
    assert ("nests" in err) == (not text.startswith('[{"x"'))


def test_a_child_given_by_birth_date_alone_counts_from_6_october(tmp_path, capsys):
    data = {**HOUSEHOLD, "children": [{"birth_date": "2016-10-07"}, {"birth_date": "2016-10-06"}]}
    data["adults"] = [{"age": 30}]
    status, out, _ = run(tmp_path, capsys, data, "--json")
    # Born 7 October 2016: 9 on 6 October 2026; born 6 October 2016: 10 - both born before 6 April 2017, so the
    # higher first-child rate (351.88) and the second child (303.94)
    assert status == 0
    assert json.loads(out)["universal_credit"]["child_element"] == 655.82


def test_the_lha_flag_overrides_the_office(tmp_path, capsys):
    data = {**HOUSEHOLD, "lha_monthly": None}
    _, low, _ = run(tmp_path, capsys, data, "--json", "--lha", "3=500")
    _, high, _ = run(tmp_path, capsys, data, "--json", "--lha", "3=690")
    assert json.loads(low)["universal_credit"]["housing_element"] == 500
    assert json.loads(high)["universal_credit"]["housing_element"] == 690
    with pytest.raises(SystemExit) as stopped:
        run(tmp_path, capsys, data, "--lha", "9=500")
    assert stopped.value.code == 2 and "is not like 2=850" in capsys.readouterr().err


def test_the_band_d_flag_prices_council_tax_reduction(tmp_path, capsys):
    # single 30 on UC with no earnings, England, band B: 1800 * 7/9 = 1400, less 25% = 1050; the default scheme's
    # 80% = 840 a year, 70.00 a month ("about": the council sets its own scheme)
    data = {"country": "ENGLAND", "year": 2026, "adults": [{"age": 30}], "rent_monthly": 400,
            "tenure": "RENT_FROM_COUNCIL", "council_tax_band": "B"}
    _, priced, _ = run(tmp_path, capsys, data, "--json", "--band-d", "1800")
    _, unpriced, _ = run(tmp_path, capsys, data, "--json")
    ctr = {r["id"]: r for r in json.loads(priced)["benefits"]}["council_tax_reduction"]
    assert (ctr["status"], ctr["monthly"]) == ("possible", 70.0) and "about £70" in ctr["reason"]
    assert {r["id"]: r for r in json.loads(unpriced)["benefits"]}["council_tax_reduction"]["monthly"] == 0
    with pytest.raises(SystemExit) as stopped:
        run(tmp_path, capsys, data, "--band-d", "-3")
    assert stopped.value.code == 2 and "is not pounds a year" in capsys.readouterr().err


def test_the_offices_council_tax_settings_reach_the_cli(tmp_path):
    import argparse

    from kiosk import config as kiosk_config
    from kiosk.cli.benefits import office_figures

    (tmp_path / "office-config.json").write_text(json.dumps({
        "office_id": "leeds", "name": "Leeds", "config_version": "1", "local_help": [],
        "lha": dict.fromkeys(("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly",
                              "three_bedrooms_monthly", "four_bedrooms_monthly"), 0),
        "council_tax": {"band_d_annual": 2000, "taper": 0.25}}))
    settings = {**kiosk_config.defaults(), "kiosk.data_dir": tmp_path}
    args = argparse.Namespace(rates_folder=None, lha=[], band_d=None)
    _, _, office = office_figures(settings, args)
    assert (office.band_d_annual, office.taper) == (2000, D("0.25"))
    _, _, flagged = office_figures(settings, argparse.Namespace(rates_folder=None, lha=[], band_d=D(1800)))
    assert (flagged.band_d_annual, flagged.taper) == (1800, D("0.25"))  # the flag overrides only Band D


def test_the_date_overrides_the_year(tmp_path, capsys):
    _, out, _ = run(tmp_path, capsys, HOUSEHOLD, "--json", "--date", "2025-12-01")
    assert json.loads(out)["tax_year"] == "2025-26"


def test_a_list_of_households_gives_a_list(tmp_path, capsys):
    second = {**HOUSEHOLD, "id": "h2", "year": 2025}
    _, out, _ = run(tmp_path, capsys, [HOUSEHOLD, second], "--json")
    assert [(r["id"], r["tax_year"]) for r in json.loads(out)] == [("h1", "2026-27"), ("h2", "2025-26")]


def test_text_output_shows_the_working(tmp_path, capsys):
    status, out, _ = run(tmp_path, capsys, HOUSEHOLD)
    assert status == 0 and "How we worked out Universal Credit" in out and "£1,529.25" in out
    assert "This is a rough figure from your answers, not a decision" in out


@pytest.mark.parametrize("data, message", [
    ("{not json", "is not valid JSON (line 1)"),
    ([], "empty list"),
    ({**HOUSEHOLD, "country": "FRANCE"}, "country must be one of ENGLAND, WALES, SCOTLAND"),
    ({**HOUSEHOLD, "country": None}, "country is missing"),
    ({**HOUSEHOLD, "adults": []}, "adults must be a list of 1 or 2 adults"),
    ({**HOUSEHOLD, "adults": [{"age": "thirty"}]}, "adults[0].age must be a whole number from 16 to 120"),
    ({**HOUSEHOLD, "adults": [{"employment_income_annual": 5}]}, "adults[0].age is missing"),
    ({**HOUSEHOLD, "adults": [{"age": 30, "is_carer": "yes"}]}, "adults[0].is_carer must be true or false"),
    ({**HOUSEHOLD, "adults": [{"age": 30, "pip_mobility": "HIGH"}]}, "adults[0].pip_mobility must be one of"),
    ({**HOUSEHOLD, "children": [{"age": 25}]}, "children[0].age must be a whole number from 0 to 19"),
    ({**HOUSEHOLD, "children": [{"age": 3, "birth_date": "May 2020"}]}, "children[0].birth_date must be a date"),
    ({**HOUSEHOLD, "savings": -1}, "savings must be an amount from 0"),
    ({**HOUSEHOLD, "rent_monthly": "lots"}, "rent_monthly must be an amount in pounds"),
    ({**HOUSEHOLD, "tenure": "CASTLE"}, "tenure must be one of"),
    ({**HOUSEHOLD, "council_tax_band": "Z"}, "council_tax_band must be one of"),
    ({**HOUSEHOLD, "lha_monthly": {"5": 900}}, "lha_monthly has 5"),
    ({**HOUSEHOLD, "year": 2019}, "no benefit rates for 2019-04-06"),
    ([HOUSEHOLD, {**HOUSEHOLD, "savings": "x"}], "household 2: savings must be an amount"),
    ("[1]", "household 1 must be an object with named fields"),
])
def test_bad_input_stops_with_a_message_naming_the_field(tmp_path, capsys, data, message):
    status, out, err = run(tmp_path, capsys, data, "--json")
    assert status == 2 and out == ""
    assert message in err and err.startswith("kiosk benefits: ")


def test_a_missing_file_is_named(tmp_path, capsys):
    assert main(["benefits", "--household", str(tmp_path / "none.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_bad_date_is_refused_by_the_argument_parser(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        run(tmp_path, capsys, HOUSEHOLD, "--date", "06/04/2026")
    assert stop.value.code == 2


def test_without_a_year_or_date_today_is_used(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("JOBPOINT_TODAY", "2025-06-01")
    _, out, _ = run(tmp_path, capsys, {**HOUSEHOLD, "year": None}, "--json")
    assert json.loads(out)["tax_year"] == "2025-26"


def test_nothing_is_logged_while_checking(tmp_path, capsys, caplog):
    caplog.set_level("DEBUG")
    run(tmp_path, capsys, HOUSEHOLD, "--json")
    assert [r for r in caplog.records if r.name.startswith("kiosk.benefits")] == []
    assert "15000" not in caplog.text and "700" not in caplog.text


def test_by_default_the_office_lha_synced_into_the_data_dir_is_used_as_on_the_screen(tmp_path, capsys):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    office = {"office_id": "leeds", "name": "Leeds City", "config_version": "7",
              "lha": {"shared_monthly": 0, "one_bedroom_monthly": 0, "two_bedrooms_monthly": 0,
                      "three_bedrooms_monthly": 595, "four_bedrooms_monthly": 0}, "local_help": []}
    (data_dir / "office-config.json").write_text(json.dumps(office), encoding="utf-8")
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{data_dir}"\n', encoding="utf-8")
    data = {**HOUSEHOLD, "lha_monthly": None}
    _, out, _ = run(tmp_path, capsys, data, "--json", "--config", str(config))
    # three bedrooms (the adult's, and one each for children of 5 and 10 whose sexes are not given): the office's
    # 595 caps the 700 rent
    assert json.loads(out)["universal_credit"]["housing_element"] == 595
    _, out, _ = run(tmp_path, capsys, data, "--json", "--config", str(config), "--lha", "3=610")
    assert json.loads(out)["universal_credit"]["housing_element"] == 610

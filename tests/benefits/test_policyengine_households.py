"""The differential check's household generator (bench/policyengine_households.py), without PolicyEngine.

PolicyEngine UK is not a dependency of the kiosk and is not installed for ``make test``; these tests check only that
the households it is given are seeded, valid for the kiosk and spread over everything the check must cover.
"""

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from policyengine_households import lha_probes, make_households, situation_parts, with_lha

from kiosk.benefits.check import check
from kiosk.benefits.household import LHA_SIZES, TENURES, household_from_json

COUNT, SEED = 500, 1
LHA = {region: {"shared": 400.0, "1": 700.0, "2": 850.0, "3": 1000.0, "4": 1300.0}
       for region in ("NORTH_WEST", "WEST_MIDLANDS", "LONDON", "WALES", "SCOTLAND")}


@pytest.fixture(scope="module")
def households():
    return make_households(COUNT, SEED)


def test_the_same_seed_gives_the_same_households_and_another_seed_others(households):
    assert make_households(COUNT, SEED) == households
    assert make_households(COUNT, SEED + 1) != households
    assert len({h["id"] for h in households}) == COUNT


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_household_is_one_the_kiosk_reads(households, year):
    day = dt.date(year, 10, 6)
    for data in households:
        household = household_from_json(with_lha(data, LHA), on_date=day)
        assert household.id == data["id"]


def test_every_tenure_nation_and_london_are_covered(households):
    readings = [household_from_json(with_lha(h, LHA), on_date=dt.date(2025, 10, 6)) for h in households]
    assert {h.tenure for h in readings} == set(TENURES)
    assert {h.country for h in readings} == {"ENGLAND", "WALES", "SCOTLAND"}
    assert any(h.in_london for h in readings)
    renters = [h for h in readings if h.tenure == "RENT_PRIVATELY"]
    assert renters and all(h.lha_monthly and set(h.lha_monthly) == set(LHA_SIZES) for h in renters)


def test_singles_couples_pensioners_and_mixed_age_couples_are_covered(households):
    ages = [[adult["age"] for adult in h["adults"]] for h in households]
    assert {len(a) for a in ages} == {1, 2}
    assert min(min(a) for a in ages) <= 17 and max(max(a) for a in ages) >= 78
    assert any(len(a) == 2 and min(a) < 66 <= max(a) for a in ages)
    assert any(len(a) == 2 and min(a) >= 66 for a in ages)
    pensioners = [adult for h in households for adult in h["adults"] if adult["age"] >= 66]
    assert all(adult.get("state_pension_annual", 0) > 0 for adult in pensioners)
    assert any(adult.get("private_pension_annual", 0) > 0 for adult in pensioners)
    assert {adult.get("attendance_allowance") for adult in pensioners} >= {"LOWER", "HIGHER"}


def test_children_are_of_both_sexes_and_born_either_side_of_6_april_2017(households):
    children = [child for h in households for child in h["children"]]
    assert {child.get("sex") for child in children} == {"MALE", "FEMALE", None}
    born = [child["birth_date"] for child in children if "birth_date" in child]
    assert any(day < "2017-04-06" for day in born) and any(day >= "2017-04-06" for day in born)
    assert any("age" in child for child in children)
    assert {child.get("dla_care") for child in children} >= {"LOWER", "MIDDLE", "HIGHER"}
    assert {child.get("in_education") for child in children} >= {True, False}


def test_earnings_and_savings_fall_either_side_of_every_threshold(households):
    earnings = {adult.get("employment_income_annual", 0) for h in households for adult in h["adults"]}
    savings = {h["savings"] for h in households}
    for low, high in [(5_000, 6_500), (10_000, 10_200), (59_500, 60_500), (79_500, 80_500)]:
        assert low in earnings and high in earnings
    for limit in (6_000, 10_000, 16_000):
        assert {limit - 1, limit + 1} <= savings


def test_health_caring_and_disability_are_covered(households):
    adults = [adult for h in households for adult in h["adults"]]
    assert any(adult.get("has_lcwra") and adult.get("lcwra_new_claimant") for adult in adults)
    assert any(adult.get("has_lcwra") and adult.get("lcwra_new_claimant") is False for adult in adults)
    assert any("lcwra_new_claimant" in h for h in households)
    assert any(adult.get("caring_hours_weekly", 0) >= 35 for adult in adults)
    assert {adult.get("pip_daily_living") for adult in adults} >= {"STANDARD", "ENHANCED"}
    assert any(adult.get("self_employment_income_annual") for adult in adults)


def test_a_household_is_the_same_for_policyengine():
    data = {"id": "x", "country": "SCOTLAND", "region": "SCOTLAND", "tenure": "RENT_FROM_HA", "rent_monthly": 500,
            "savings": 7000, "council_tax_annual": 1200,
            "adults": [{"age": 70, "state_pension_annual": 11973, "attendance_allowance": "LOWER"},
                       {"age": 40, "employment_income_annual": 9000, "has_lcwra": True, "lcwra_new_claimant": True}],
            "children": [{"birth_date": "2017-04-05", "sex": "FEMALE", "dla_care": "HIGHER"}]}
    parts = situation_parts(data, 2026)
    child = parts["people"]["child0"]
    # born 5 April 2017: aged 9 on 6 October 2026, and PolicyEngine's date of birth is YYYYMMDD
    assert child["age"] == 9 and child["date_of_birth"] == 20170405 and child["gender"] == "FEMALE"
    assert parts["people"]["adult0"]["state_pension"] == 11973
    assert parts["people"]["adult1"]["is_disabled_for_benefits"] is True
    assert parts["benunit"]["uc_receives_new_claimant_health_element"] is True
    assert parts["household"] == {"region": "SCOTLAND", "tenure_type": "RENT_FROM_HA", "rent": 6000,
                                  "savings": 7000, "council_tax": 1200}


def test_lha_probes_ask_for_every_size_in_every_region():
    probes = lha_probes(["LONDON", "WALES"])
    assert [p["id"] for p in probes[:5]] == [f"lha:LONDON:{size}" for size in ("shared", "1", "2", "3", "4")]
    assert len(probes) == 10
    for probe in probes:
        assert household_from_json(probe).rent_monthly == 20_000


def test_the_kiosk_checks_a_generated_household(households):
    results = check(household_from_json(with_lha(households[0], LHA), on_date=dt.date(2026, 10, 6)),
                    dt.date(2026, 10, 6))
    assert results.tax_year == "2026-27"


def test_partners_who_both_care_are_said_to_care_for_the_same_person_or_not():
    # the law needs it (UC Regs 2013 reg. 29(2)-(3); SSCBA 1992 s.70(7)): both sides are told
    both = [h for h in make_households(1000, 7) if len(h["adults"]) == 2
            and all("cares_for" in adult for adult in h["adults"])]
    assert both and all("partners_care_for_same_person" in h for h in both)
    assert {h["partners_care_for_same_person"] for h in both} == {True, False}
    for data in both:
        benunit = situation_parts(data, 2025)["benunit"]
        assert benunit["partners_care_for_same_severely_disabled_person"] == data["partners_care_for_same_person"]

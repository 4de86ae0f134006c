"""Pension-age Housing Benefit's fine print, worked by hand from the published rates for both tax years: the
additional earnings disregard (SI 2006/214 Sch. 4 para. 9) and Housing Benefit's own weekly Local Housing Allowance
(Rent Officers (Housing Benefit Functions) Order 1997 Sch. 3B). Ages are on 6 October of the tax year.

Weekly rates: personal allowance where State Pension age was reached before 1 April 2021 (71 or over on 6 October
2025, 72 or over on 6 October 2026): single 244.40 / 256.00, couple 366.00 / 383.35; Pension Credit standard
minimum guarantee single 227.10 / 238.00, couple 346.60 / 363.25; earnings disregard 10 a couple; additional
earnings disregard 17.10; taper 65%; income tax 20% over 12,570 a year; a year / 52 a week, a week x 52 / 12 a month.
"""

import datetime as dt
from decimal import Decimal

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import household_from_json

D = Decimal


def couple_working(age, hours):
    """A couple of the same age, State Pension 10,000 each; one also earns 10,400 a year in ``hours`` a week; social
    rent 500 a month; no savings."""
    return {"country": "ENGLAND", "tenure": "RENT_FROM_COUNCIL", "rent_monthly": 500,
            "adults": [{"age": age, "state_pension_annual": 10000, "employment_income_annual": 10400,
                        "hours_worked_weekly": hours},
                       {"age": age, "state_pension_annual": 10000}]}


def single_renting_privately(age):
    """Single, State Pension 12,000, private rent 800 a month; UC's monthly LHA for one bedroom 695.00 and Housing
    Benefit's weekly one 159.95 (as PolicyEngine has them for the West Midlands)."""
    lha_monthly = {"shared": 341.58, "1": 695.00, "2": 750.00, "3": 825.00, "4": 1100.00}
    lha_weekly = {"shared": 78.82, "1": 159.95, "2": 173.08, "3": 190.38, "4": 253.85}
    return {"country": "ENGLAND", "tenure": "RENT_PRIVATELY", "rent_monthly": 800,
            "adults": [{"age": age, "state_pension_annual": 12000}],
            "lha_monthly": lha_monthly, "lha_weekly": lha_weekly}


# Each case: (name, household, tax year, Housing Benefit £ a month).
CASES = [
    # Income a week: pensions 20,000 / 52 = 384.62; earnings 10,400 / 52 = 200.00 less the couple's 10; tax on the
    # earner's 20,400: (20,400 - 12,570) x 20% = 1,566 / 52 = 30.12 (the other's 10,000 is under the allowance):
    # 384.62 + 200.00 - 10 - 30.12 = 544.50, over Pension Credit's 346.60, so no guarantee credit.
    # Working 30 hours at 25 or over: 17.10 more disregarded (earnings 200 cover 10 + 17.10): 527.40.
    ("couple 72, one working 30 hours, 2025/26", couple_working(72, 30), 2025,
     # 527.40 - 366.00 = 161.40 x 65% = 104.91 a week = 454.61 a month; 500 - 454.61 = 45.39
     D("45.39")),
    ("couple 73, one working 30 hours, 2026/27", couple_working(73, 30), 2026,
     # 527.40 - 383.35 = 144.05 x 65% = 93.63 a week = 405.73 a month; 500 - 405.73 = 94.27
     D("94.27")),
    # 20 hours and no child: no additional disregard; 544.50 - 366.00 = 178.50 x 65% = 116.03 a week, more than
    # the rent of 500 x 12 / 52 = 115.38 a week: nothing.
    ("couple 72, one working 20 hours, 2025/26", couple_working(72, 20), 2025, D("0")),
    # 544.50 - 383.35 = 161.15 x 65% = 104.75 a week = 453.92 a month; 500 - 453.92 = 46.08
    ("couple 73, one working 20 hours, 2026/27", couple_working(73, 20), 2026, D("46.08")),
    # Income 12,000 / 52 = 230.77, under the applicable amount (244.40; 256.00): the eligible rent in full, capped
    # at Housing Benefit's weekly LHA 159.95 x 52 / 12 = 693.12 a month (not UC's monthly 695.00)
    ("single 72, private rent over the LHA, 2025/26", single_renting_privately(72), 2025, D("693.12")),
    ("single 73, private rent over the LHA, 2026/27", single_renting_privately(73), 2026, D("693.12")),
]


@pytest.mark.parametrize("name, data, year, expected", CASES, ids=[c[0] for c in CASES])
def test_housing_benefit_matches_the_sums_worked_by_hand(name, data, year, expected):
    day = dt.date(year, 10, 6)
    result = check(household_from_json(data, on_date=day), day).get("housing_benefit")
    assert result.monthly == expected, name


def test_without_lha_weekly_the_monthly_rate_caps_the_rent():
    day = dt.date(2025, 10, 6)
    data = single_renting_privately(72)
    del data["lha_weekly"]
    assert check(household_from_json(data, on_date=day), day).get("housing_benefit").monthly == D("695.00")


def test_additional_earnings_disregard_weekly_needs_the_hours_and_the_earnings_to_cover_it():
    from kiosk.benefits.rules import RULES
    from kiosk.benefits.rules.decisions import Context
    from kiosk.benefits.rules.housing_benefit import additional_earnings_disregard_weekly

    def disregard(data):
        day = dt.date(2025, 10, 6)
        return additional_earnings_disregard_weekly(Context(household_from_json(data, on_date=day), day, rules=RULES))

    assert disregard(couple_working(72, 30)) == D("17.10")     # 25 or over, 30 hours
    assert disregard(couple_working(72, 20)) == 0              # 20 hours and no child
    with_child = {**couple_working(72, 16), "children": [{"age": 10}]}
    assert disregard(with_child) == D("17.10")                 # 16 hours with a child in the family
    low = couple_working(72, 30)
    low["adults"][0]["employment_income_annual"] = 1000        # 19.23 a week: less than 10 + 17.10
    assert disregard(low) == 0

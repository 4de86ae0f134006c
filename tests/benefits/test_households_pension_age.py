"""Pension-age and mixed-age households worked out by hand from the published rates, for both tax years; the working
is in each case. Ages are on 6 October of the tax year, as the CLI takes them.

Weekly rates (sources in assets/rules/rates-*.toml):

    Pension Credit   2025/26: standard minimum guarantee single 227.10, couple 346.60; severe disability 82.90 each;
                     carer 46.40; child 67.42, first child born before 6 April 2017 78.10; disabled child 36.54,
                     severely 114.12; savings credit threshold 198.27 / 314.34, maximum 17.30 / 19.36.
                     2026/27: 238.00, 363.25; 86.05; 48.15; 69.98, 81.07; 37.93, 118.46; 208.07 / 329.75,
                     17.96 / 20.10. Savings credit: 60% over the threshold, less 40% over the appropriate amount.
    Housing Benefit  2025/26: single 227.10 (State Pension age before 1 April 2021: 244.40), couple 346.60 (366.00);
                     2026/27: 238.00 (256.00), 363.25 (383.35). Taper 65%; capital limit 16,000 unless on
                     guarantee credit, which pays the eligible rent in full.
    Both             income from savings 1 a week for each 500 or part over 10,000; earnings disregard 5 single;
                     income tax 20% over 12,570 a year; a year / 52 a week; a week x 52 / 12 a month, to the penny.

From an age alone: State Pension age before 6 April 2016 (savings credit) means 75 or over on 6 October 2025, 76 or
over on 6 October 2026; before 1 April 2021 (the higher Housing Benefit allowance) 71 or over, 72 or over.
"""

import datetime as dt
from decimal import Decimal

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import household_from_json

Y2025, Y2026 = dt.date(2025, 4, 6), dt.date(2026, 4, 6)
D = Decimal


def person(age, sp=0, **extra):
    return {"age": age, "state_pension_annual": sp, **extra}


def home(adults, children=(), rent=0, tenure="OWNED_OUTRIGHT", **extra):
    return {"country": extra.pop("country", "ENGLAND"), "adults": list(adults),
            "children": [{"age": c} if isinstance(c, int) else c for c in children], "rent_monthly": rent,
            "tenure": tenure, **extra}


SOCIAL = dict(tenure="RENT_FROM_COUNCIL")

# Each case: (name, household, date, {benefit: £ a month}).
CASES = [
    ("single 70, State Pension 9,000, 2025/26", home([person(70, 9000)]), Y2025,
     # 9,000 / 52 = 173.08; 227.10 - 173.08 = 54.02 a week x 52 / 12 = 234.09
     {"pension_credit": D("234.09")}),
    ("single 70, State Pension 9,000, 2026/27", home([person(70, 9000)]), Y2026,
     # 238.00 - 173.08 = 64.92 x 52 / 12 = 281.32
     {"pension_credit": D("281.32")}),
    ("couple 72/70, pensions 10,000 + 6,000, 2025/26", home([person(72, 10000), person(70, 6000)]), Y2025,
     # 16,000 / 52 = 307.69; 346.60 - 307.69 = 38.91 x 52 / 12 = 168.61
     {"pension_credit": D("168.61")}),
    ("couple 73/71, pensions 10,000 + 6,000, 2026/27", home([person(73, 10000), person(71, 6000)]), Y2026,
     # 363.25 - 307.69 = 55.56 x 52 / 12 = 240.76
     {"pension_credit": D("240.76")}),
    ("single 80, State Pension 12,000, savings credit only, 2025/26", home([person(80, 12000)]), Y2025,
     # 12,000 / 52 = 230.77 over 227.10: no guarantee credit. Savings credit: 60% x (230.77 - 198.27) = 19.50,
     # capped at 17.30, less 40% x (230.77 - 227.10 = 3.67) = 1.47: 15.83 x 52 / 12 = 68.60
     {"pension_credit": D("68.60")}),
    ("single 81, State Pension 12,000, both credits, 2026/27", home([person(81, 12000)]), Y2026,
     # guarantee 238.00 - 230.77 = 7.23; savings 60% x (230.77 - 208.07) = 13.62: 20.85 x 52 / 12 = 90.35
     {"pension_credit": D("90.35")}),
    ("single 68, 15,000 saved, 2026/27", home([person(68, 9000)], savings=15000), Y2026,
     # 5,000 over 10,000: 10 a week; 238.00 - 183.08 = 54.92 x 52 / 12 = 237.99
     {"pension_credit": D("237.99")}),
    ("single 69, 25,000 saved: no savings limit, 2025/26", home([person(69, 9000)], savings=25000), Y2025,
     # 15,000 over: 30 a week; 227.10 - 203.08 = 24.02 x 52 / 12 = 104.09
     {"pension_credit": D("104.09")}),
    ("single 75 carer, State Pension 8,000, 2025/26",
     home([person(75, 8000, is_carer=True, caring_hours_weekly=40)]), Y2025,
     # 227.10 + carer 46.40 = 273.50; 8,000 / 52 = 153.85 (no Carer's Allowance paid over State Pension age);
     # 119.65 x 52 / 12 = 518.48; savings credit: income under the threshold, none
     {"pension_credit": D("518.48")}),
    ("single 70 on Attendance Allowance, 2026/27", home([person(70, 11000, attendance_allowance="HIGHER")]), Y2026,
     # 238.00 + severe disability 86.05 = 324.05; 11,000 / 52 = 211.54; 112.51 x 52 / 12 = 487.54
     {"pension_credit": D("487.54")}),
    ("couple 70/68, only one on Attendance Allowance, 2026/27",
     home([person(70, 10000, attendance_allowance="LOWER"), person(68, 8000)]), Y2026,
     # no severe disability amount (the partner gets none): 363.25 - 18,000 / 52 (346.15) = 17.10 x 52 / 12 = 74.10
     {"pension_credit": D("74.10")}),
    ("couple 85/83 both on Attendance Allowance, 2025/26",
     home([person(85, 12000, attendance_allowance="LOWER"), person(83, 8000, attendance_allowance="HIGHER")]), Y2025,
     # 346.60 + 2 x 82.90 = 512.40; 20,000 / 52 = 384.62; guarantee 127.78; savings credit 60% x (384.62 - 314.34)
     # = 42.17, capped at 19.36, income under 512.40 so nothing taken: 147.14 x 52 / 12 = 637.61
     {"pension_credit": D("637.61")}),
    ("couple 80/78, savings credit, 2026/27", home([person(80, 11000), person(78, 7500)]), Y2026,
     # 18,500 / 52 = 355.77; guarantee 363.25 - 355.77 = 7.48; savings 60% x (355.77 - 329.75 = 26.02) = 15.61:
     # 23.09 x 52 / 12 = 100.06
     {"pension_credit": D("100.06")}),
    ("couple 79/77, savings credit tapered, 2025/26", home([person(79, 11000), person(77, 7500)]), Y2025,
     # 355.77 over 346.60: no guarantee; 60% x (355.77 - 314.34) = 24.86, capped at 19.36, less 40% x 9.17 = 3.67:
     # 15.69 x 52 / 12 = 67.99
     {"pension_credit": D("67.99")}),
    ("mixed-age couple 70/60 renting: Universal Credit instead, 2026/27",
     home([person(70, 9000), person(60)], rent=500, **SOCIAL), Y2026,
     {"pension_credit": D(0), "housing_benefit": D(0)}),
    ("mixed-age couple 70/60 already on Pension Credit, 2026/27",
     home([person(70, 9000), person(60)], benefits_received=["pension_credit"]), Y2026,
     # couple rate: 363.25 - 173.08 = 190.17 x 52 / 12 = 824.07
     {"pension_credit": D("824.07")}),
    ("single 70 with a grandchild of 5, 2025/26", home([person(70, 9000)], [5]), Y2025,
     # 227.10 + 67.42 (born after 6 April 2017) = 294.52 - 173.08 = 121.44 x 52 / 12 = 526.24
     {"pension_credit": D("526.24")}),
    ("single 70 with a grandchild of 10 on DLA highest care, 2026/27",
     home([person(70, 9000)], [{"age": 10, "dla_care": "HIGHER"}]), Y2026,
     # 238.00 + first child born before 2017 81.07 + severely disabled 118.46 = 437.53 - 173.08 = 264.45
     # x 52 / 12 = 1,145.95
     {"pension_credit": D("1145.95")}),
    ("single 70, pension 15,000, council rent 500, 2026/27", home([person(70, 15000)], rent=500, **SOCIAL), Y2026,
     # 288.46 less tax (15,000 - 12,570) x 20% / 52 = 9.35: 279.11; over 238.00 by 41.11 x 65% = 26.72 a week,
     # 115.79 a month; Housing Benefit 500 - 115.79 = 384.21; no Pension Credit
     {"housing_benefit": D("384.21"), "pension_credit": D(0)}),
    ("single 70, pension 15,000, council rent 500, 2025/26", home([person(70, 15000)], rent=500, **SOCIAL), Y2025,
     # 279.11 - 227.10 = 52.01 x 65% = 33.81 a week, 146.51 a month; 500 - 146.51 = 353.49
     {"housing_benefit": D("353.49")}),
    ("single 75 on guarantee credit with 20,000 saved, private rent over the LHA, 2026/27",
     home([person(75, 9000)], rent=700, tenure="RENT_PRIVATELY", savings=20000, lha_monthly={"1": 600}), Y2026,
     # 20 a week from savings: 238.00 - 193.08 = 44.92 x 52 / 12 = 194.65; on guarantee credit Housing Benefit is
     # the eligible rent whatever the savings: the 1-bedroom LHA, 600
     {"pension_credit": D("194.65"), "housing_benefit": D("600.00")}),
    ("single 70, 17,000 saved, not on guarantee credit, 2025/26",
     home([person(70, 12000)], rent=400, **SOCIAL, savings=17000), Y2025,
     # 230.77 + 14 = 244.77 over 227.10: no guarantee credit, so the 16,000 limit stops Housing Benefit
     {"pension_credit": D(0), "housing_benefit": D(0)}),
    ("single 72, higher allowance (State Pension age before 2021), 12,000 saved, 2026/27",
     home([person(72, 13000)], rent=450, tenure="RENT_FROM_HA", savings=12000), Y2026,
     # 250.00 - tax 430 x 20% / 52 (1.65) + 4 = 252.35, under 256.00: Housing Benefit is the rent, 450
     {"housing_benefit": D("450.00"), "pension_credit": D(0)}),
    ("single 71, higher allowance, 12,000 saved, 2025/26",
     home([person(71, 13000)], rent=450, tenure="RENT_FROM_HA", savings=12000), Y2025,
     # 252.35 - 244.40 = 7.95 x 65% = 5.17 a week, 22.40 a month: 450 - 22.40 = 427.60
     {"housing_benefit": D("427.60")}),
    ("single 67 working, 5,200 a year, council rent 600, 2026/27",
     home([person(67, 9000, employment_income_annual=5200, hours_worked_weekly=12)], rent=600, **SOCIAL), Y2026,
     # 173.08 + (100.00 - 5) - tax (14,200 - 12,570) x 20% / 52 (6.27), no National Insurance over State Pension
     # age = 261.81: no Pension Credit; 261.81 - 238.00 = 23.81 x 65% = 15.48 a week, 67.08 a month: 532.92
     {"pension_credit": D(0), "housing_benefit": D("532.92")}),
    ("single 78 on Attendance Allowance, private rent over the LHA, 2025/26",
     home([person(78, 11500, attendance_allowance="LOWER")], rent=650, tenure="RENT_PRIVATELY",
          lha_monthly={"1": 575}), Y2025,
     # 227.10 + 82.90 = 310.00 - 221.15 = 88.85 guarantee; savings 60% x (221.15 - 198.27) = 13.73: 102.58
     # x 52 / 12 = 444.51; Housing Benefit on guarantee credit: the LHA, 575
     {"pension_credit": D("444.51"), "housing_benefit": D("575.00")}),
]

BORN = [
    ("born 15 June 1960: State Pension age 15 September 2026, 2026/27",
     home([{"birth_date": "1960-06-15", "state_pension_annual": 9000}]), Y2026,
     # 66 and 3 months, before 6 October 2026: 238.00 - 173.08 = 64.92 x 52 / 12 = 281.32
     {"pension_credit": D("281.32")}),
    ("born 10 September 1960: State Pension age 10 March 2027, 2026/27",
     home([{"birth_date": "1960-09-10", "state_pension_annual": 9000}]), Y2026,
     # 66 on 6 October 2026 but State Pension age is 66 and 6 months: no Pension Credit yet
     {"pension_credit": D(0)}),
]


@pytest.mark.parametrize("name, data, day, expected", CASES + BORN, ids=[c[0] for c in CASES + BORN])
def test_pension_age_amounts_match_the_sums_worked_by_hand(name, data, day, expected):
    results = check(household_from_json(data, on_date=day), day)
    assert {benefit: results.get(benefit).monthly for benefit in expected} == expected


def test_there_are_at_least_20_pension_age_households_across_both_years():
    assert len(CASES) >= 20 and {Y2025, Y2026} <= {case[2] for case in CASES}


def test_a_mixed_age_couple_is_told_to_claim_universal_credit():
    results = check(household_from_json(CASES[14][1]), Y2026)
    assert results.get("pension_credit").reason == "benefits.reason.pc.mixed_age"
    assert results.get("housing_benefit").reason == "benefits.reason.hb.mixed_age"

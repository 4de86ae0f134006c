"""Universal Credit and Child Benefit points found by the differential check against PolicyEngine UK, each worked by
hand from the published rates, both tax years, through ``household_from_json`` and ``check``.

The minimum income floor (UC Regulations 2013 regs 62-64, 88, 90), a claimant aged 16 or 17 (reg. 8), the
qualifying young person's terminal date (reg. 5), and the High Income Child Benefit Charge on adjusted net income
(ITEPA 2003 ss.681B-681H). Rates as in tests/benefits/test_households.py, and: National Living Wage 12.21 / 12.71 an
hour; Class 4 NI 6% of profit between 12,570 and 50,270; single under-25 standard allowance 316.98 / 338.58.
"""

import datetime as dt
from decimal import Decimal as D

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import Adult, Child, Household, household_from_json
from kiosk.benefits.rates import rates_on
from kiosk.benefits.rules import predicates, uc_income_floor
from kiosk.benefits.rules import universal_credit as uc
from kiosk.benefits.rules.decisions import Context
from kiosk.benefits.rules import RULES

OCT25, OCT26 = dt.date(2025, 10, 6), dt.date(2026, 10, 6)
R25, R26 = rates_on(OCT25), rates_on(OCT26)


def home(adults, children=(), rent=0, tenure="RENT_FROM_COUNCIL", **extra):
    return {"country": "ENGLAND", "adults": list(adults), "children": list(children), "rent_monthly": rent,
            "tenure": tenure, **extra}


SELF_EMPLOYED = {"age": 30, "self_employment_income_annual": 6000, "hours_worked_weekly": 20}

# (name, household, date, expected UC figures)
CASES = [
    ("self-employed single parent past the start-up year: the floor, 2025/26",
     home([SELF_EMPLOYED], [{"age": 5}], rent=500), OCT25,
     # the responsible carer of a child under 13: 30 hours x 12.21 x 52 = 19,047.60 a year; tax (19,047.60 - 12,570)
     # x 20% = 1,295.52; Class 4 6,477.60 x 6% = 388.656 -> 388.66; 17,363.42 / 12 = 1,446.951 -> 1,446.95 counted
     # instead of the 500.00 earned (6,000 is under the allowance). (1,446.95 - 411) x 55% = 569.7725 -> 569.77.
     # 400.14 + 292.81 + 500.00 = 1,192.95 - 569.77 = 623.18
     {"earnings_deduction": D("569.77"), "maximum_amount": D("1192.95"), "monthly": D("623.18")}),
    ("self-employed single parent past the start-up year: the floor, 2026/27",
     home([SELF_EMPLOYED], [{"age": 5}], rent=500), OCT26,
     # 30 x 12.71 x 52 = 19,827.60; tax 7,257.60 x 20% = 1,451.52; Class 4 x 6% = 435.456 -> 435.46;
     # 17,940.62 / 12 = 1,495.0516 -> 1,495.05. (1,495.05 - 427) x 55% = 587.4275 -> 587.43.
     # 424.90 + 303.94 + 500.00 = 1,228.84 - 587.43 = 641.41
     {"earnings_deduction": D("587.43"), "monthly": D("641.41")}),
    ("the same parent in the start-up year: profit as it is, 2025/26",
     home([{**SELF_EMPLOYED, "self_employed_start_up": True}], [{"age": 5}], rent=500), OCT25,
     # 500.00 earned: (500.00 - 411) x 55% = 48.95; 1,192.95 - 48.95 = 1,144.00
     {"earnings_deduction": D("48.95"), "monthly": D("1144.00")}),
    ("the same parent in the start-up year: profit as it is, 2026/27",
     home([{**SELF_EMPLOYED, "self_employed_start_up": True}], [{"age": 5}], rent=500), OCT26,
     # (500.00 - 427) x 55% = 40.15; 1,228.84 - 40.15 = 1,188.69
     {"earnings_deduction": D("40.15"), "monthly": D("1188.69")}),
    ("couple: the floor only up to the couple threshold, 2025/26",
     home([SELF_EMPLOYED, {"age": 30, "employment_income_annual": 30000, "hours_worked_weekly": 37.5}],
          [{"age": 5}], rent=780), OCT25,
     # the self-employed partner works fewer hours: the responsible carer, 30 hours -> 1,446.95 (above); the other
     # 35 x 12.21 x 52 = 22,222.20, tax 1,930.44, Class 4 579.132 -> 579.13: 19,712.63 / 12 = 1,642.72.
     # Couple threshold 3,089.67. Pay 30,000 - tax 3,486 - NI 17,430 x 8% = 1,394.40 -> 25,119.60 / 12 = 2,093.30.
     # 500.00 + 2,093.30 = 2,593.30 is under it: the floor is 1,446.95 less (1,446.95 + 2,093.30 - 3,089.67 =
     # 450.58) = 996.37; counted 996.37 + 2,093.30 = 3,089.67. (3,089.67 - 411) x 55% = 1,473.2685 -> 1,473.27.
     # 628.10 + 292.81 + 780.00 = 1,700.91 - 1,473.27 = 227.64
     {"earnings_deduction": D("1473.27"), "monthly": D("227.64")}),
    ("pay 5,000 beside a larger pension of 9,000: the pension holds the allowance, 2025/26",
     home([{"age": 60, "employment_income_annual": 5000, "private_pension_annual": 9000}], rent=400), OCT25,
     # the pension is the main source: it takes 9,000 of the allowance, the pay the other 3,570, so the PAYE on the
     # pay is (5,000 - 3,570) x 20% = 286 a year; NI nil (under the 12,570 threshold). 4,714 / 12 = 392.833 ->
     # 392.83; no work allowance: 55% = 216.0565 -> 216.06. Pension 9,000 / 12 = 750.00.
     # 400.14 + 400.00 = 800.14 - 216.06 - 750.00 = 0 (nothing left)
     {"earnings_deduction": D("216.06"), "monthly": D("0")}),
    ("pay 18,000 beside a smaller pension of 5,000: the pay holds the allowance, 2026/27",
     home([{"age": 60, "employment_income_annual": 18000, "private_pension_annual": 5000}], [{"age": 8}], rent=600),
     OCT26,
     # the pay's own tax: (18,000 - 12,570) x 20% = 1,086; NI x 8% = 434.40; 16,479.60 / 12 = 1,373.30. The
     # pension's 1,000 tax is its own. (1,373.30 - 427) x 55% = 520.465 -> 520.47; pension 5,000 / 12 = 416.67.
     # 424.90 + 303.94 (born after 5 April 2017? 8 on 6 October 2026: born 2017-18, yes) + 600.00 = 1,328.84;
     # 1,328.84 - 520.47 - 416.67 = 391.70
     {"earnings_deduction": D("520.47"), "monthly": D("391.70")}),
    ("17-year-old lone parent (reg. 8(1)(d)): an amount, 2025/26",
     home([{"age": 17}], [{"age": 1}], rent=400), OCT25,
     # 316.98 (single under 25) + 292.81 + 400.00 = 1,009.79
     {"standard_allowance": D("316.98"), "monthly": D("1009.79")}),
    ("17-year-old lone parent (reg. 8(1)(d)): an amount, 2026/27",
     home([{"age": 17}], [{"age": 1}], rent=400), OCT26,
     # 338.58 + 303.94 + 400.00 = 1,042.52
     {"standard_allowance": D("338.58"), "monthly": D("1042.52")}),
    ("19-year-olds: before and after the 1 September after their 19th birthday, 2025/26",
     home([{"age": 45}], [{"birth_date": "2006-08-15"}, {"birth_date": "2006-09-20"}], rent=400), OCT25,
     # born 15 August 2006: 19 on 15 August 2025, a qualifying young person up to 1 September 2025 only;
     # born 20 September 2006: 19 on 20 September 2025, one until 1 September 2026, and born before 6 April 2017:
     # 339.00. 400.14 + 339.00 + 400.00 = 1,139.14
     {"child_element": D("339.00"), "monthly": D("1139.14")}),
    ("19-year-olds: before and after the 1 September after their 19th birthday, 2026/27",
     home([{"age": 45}], [{"birth_date": "2007-08-15"}, {"birth_date": "2007-09-20"}], rent=400), OCT26,
     # as above a year on: 424.90 + 351.88 + 400.00 = 1,176.78
     {"child_element": D("351.88"), "monthly": D("1176.78")}),
]


@pytest.mark.parametrize("name, data, day, expected", CASES, ids=[c[0] for c in CASES])
def test_universal_credit_matches_the_sum_worked_by_hand(name, data, day, expected):
    results = check(household_from_json(data, on_date=day), day)
    for field, value in expected.items():
        assert getattr(results.universal_credit, field) == value, field


@pytest.mark.parametrize("day, monthly", [(OCT25, D("56.44")), (OCT26, D("58.61"))], ids=["2025/26", "2026/27"])
def test_child_benefit_charge_is_on_adjusted_net_income(day, monthly):
    # pay 50,000 + pension 20,000 = 70,000 adjusted net income: 1% for each 200 over 60,000 = 50%.
    # 2025/26: 26.05 x 52 = 1,354.60 a year, half 677.30 / 12 = 56.44; 26.05 x 52 / 12 = 112.88 - 56.44 = 56.44.
    # 2026/27: 27.05 x 52 = 1,406.60, half 703.30 / 12 = 58.608 -> 58.61; 117.22 - 58.61 = 58.61.
    data = home([{"age": 50, "employment_income_annual": 50000, "private_pension_annual": 20000}], [{"age": 8}])
    assert check(household_from_json(data, on_date=day), day).get("child_benefit").monthly == monthly


def test_under_18_without_an_exception_is_still_possible_with_no_amount():
    data = home([{"age": 17, "employment_income_annual": 5000}], rent=400)
    assert check(household_from_json(data, on_date=OCT25), OCT25).get("universal_credit").status == "possible"


# --- the functions on their own ------------------------------------------------------------------------------------

def test_uc_qualifying_child_from_the_terminal_date():
    assert predicates.uc_qualifying_child(Child(19, birth_date=dt.date(2006, 9, 20)), OCT25)
    assert not predicates.uc_qualifying_child(Child(19, birth_date=dt.date(2006, 8, 15)), OCT25)
    assert not predicates.uc_qualifying_child(Child(19), OCT25)  # a bare 19 is taken to be past it
    assert predicates.uc_qualifying_child(Child(18), OCT25)
    assert not predicates.uc_qualifying_child(Child(17, in_education=False), OCT25)


def test_under_18_may_claim_when_reg_8_applies():
    alone = Household("ENGLAND", (Adult(17),))
    assert not uc.under_18_may_claim(Adult(17), alone, R25, OCT25)
    assert uc.under_18_may_claim(Adult(17, has_lcwra=True), alone, R25, OCT25)
    assert uc.under_18_may_claim(Adult(16, caring_hours_weekly=D(35), is_carer=True), alone, R25, OCT25)
    assert uc.under_18_may_claim(Adult(17), Household("ENGLAND", (Adult(17),), (Child(1),)), R25, OCT25)


def test_floor_applies_when_gainfully_self_employed_with_all_requirements():
    alone = Household("ENGLAND", (Adult(30),))
    profit = Adult(30, self_employment_income_annual=D(6000))
    assert uc_income_floor.floor_applies(profit, alone, R25, OCT25)
    assert not uc_income_floor.floor_applies(
        Adult(30, self_employment_income_annual=D(6000), self_employed_start_up=True), alone, R25, OCT25)
    # a side business beside a bigger job is not the main employment (reg. 64(b))
    assert not uc_income_floor.floor_applies(
        Adult(30, self_employment_income_annual=D(3000), employment_income_annual=D(20000)), alone, R25, OCT25)
    assert not uc_income_floor.floor_applies(Adult(30, self_employment_income_annual=D(6000), has_lcwra=True),
                                             alone, R25, OCT25)
    baby = Household("ENGLAND", (profit,), (Child(0),))
    assert not uc_income_floor.floor_applies(profit, baby, R25, OCT25)


def test_individual_threshold_is_expected_hours_at_minimum_wage_after_tax():
    # 35 x 12.21 x 52 = 22,222.20 - 1,930.44 - 579.13 = 19,712.63 / 12 = 1,642.72
    alone = Household("ENGLAND", (Adult(30),))
    assert uc_income_floor.individual_threshold(Adult(30), alone, R25, OCT25) == D("1642.72")
    # aged 1 or 2 as responsible carer: 16 hours; 16 x 12.21 x 52 = 10,158.72, under the allowance: 846.56
    toddler = Household("ENGLAND", (Adult(30),), (Child(2),))
    assert uc_income_floor.individual_threshold(toddler.adults[0], toddler, R25, OCT25) == D("846.56")


def test_minimum_wage_is_by_age():
    assert uc_income_floor.minimum_wage(Adult(21), R25) == D("12.21")
    assert uc_income_floor.minimum_wage(Adult(20), R26) == D("10.85")
    assert uc_income_floor.minimum_wage(Adult(17), R26) == D("8.00")


def test_earnings_counted_with_the_floor():
    household = Household("ENGLAND", (Adult(30, self_employment_income_annual=D(6000)),))
    counted, lines = uc_income_floor.earnings_counted(Context(household, OCT25, rules=RULES))
    assert counted == D("1642.72") and lines[0].params == {"earnings": D("500.00")}


@pytest.mark.parametrize("day", [OCT25, OCT26], ids=["2025/26", "2026/27"])
@pytest.mark.parametrize("hours, element", [(20, D("0")), (35, D("510.00"))])
def test_childcare_element_with_one_partner_in_work_needs_the_other_to_care_35_hours(day, hours, element):
    # reg. 32(2)(b) with reg. 30: a partner not in work must care 35 hours a week for a severely disabled person;
    # then 85% x 600 = 510.00 (under either year's cap for one child)
    data = home([{"age": 35, "employment_income_annual": 20000, "hours_worked_weekly": 30},
                 {"age": 35, "caring_hours_weekly": hours, "cares_for": "SOMEONE_ELSE"}], [{"age": 3}], rent=500,
                childcare_monthly=600)
    assert check(household_from_json(data, on_date=day), day).universal_credit.childcare_element == element

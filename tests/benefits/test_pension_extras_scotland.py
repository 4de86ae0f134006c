"""Attendance Allowance, the winter payments, the free TV licence and the Scottish payments, worked by hand from the
published rates for both tax years (the sums are in the comments; figures marked unverified in the rates files are
the ones the research derived by CPI).

Rates used, 2025/26 -> 2026/27:
    Attendance Allowance lower 73.90 -> 76.70, higher 110.40 -> 114.60 a week (a month: times 52, divided by 12).
    Winter Fuel Payment 200 / 300 at 80+; shared 100, 150 (80+ with 80+), 200 (80+ with someone under 80); the
    same in 2026/27. Pension Age Winter Heating Payment 203.40 / 305.10 -> 211.15 / 316.70; shared 101.70 / 152.55 /
    203.40 -> 105.55 / 158.35 / 211.15. Qualifying week 15-21 Sep 2025 (born before 22 Sep 1959; 80+ born before
    22 Sep 1945) and 21-27 Sep 2026 (born before 28 Jun 1960; 80+ born before 28 Sep 1946). Recovery over £35,000.
    TV licence 174.50 -> 180.
    Best Start Grant: first baby 767.50 -> 796.65, later baby 383.75 -> 398.35, Early Learning and School Age 319.80
    -> 331.95. Best Start Foods 5.40 / 10.80 -> 5.60 / 11.20 a week. Child Winter Heating Payment 255.80 -> 265.50.
    School Clothing Grant at least 120 primary / 150 secondary. Job Start Payment 319.80 / 511.65 with a child ->
    331.95 / 531.10. Young Carer Grant 390.25 -> 405.10.
"""

import datetime as dt
from decimal import Decimal as D

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import Adult, Child, Household
from kiosk.benefits.rules import RULES
from kiosk.benefits.rules.decisions import Context

Y2025, Y2026 = dt.date(2025, 4, 6), dt.date(2026, 4, 6)
UC = frozenset({"universal_credit"})
PC = frozenset({"pension_credit"})


def decide(name, adults, children=(), day=Y2026, country="ENGLAND", **extra):
    return Context(Household(country, tuple(adults), tuple(children), **extra), day, rules=RULES).decision(name)


# --- Attendance Allowance -------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, rate, monthly", [
    (Y2025, "LOWER", "320.23"),    # 73.90 x 52 / 12 = 320.233
    (Y2025, "HIGHER", "478.40"),   # 110.40 x 52 / 12 = 478.40
    (Y2026, "LOWER", "332.37"),    # 76.70 x 52 / 12 = 332.367
    (Y2026, "HIGHER", "496.60"),   # 114.60 x 52 / 12 = 496.60
])
def test_attendance_allowance_already_received_is_counted_monthly(day, rate, monthly):
    decision = decide("attendance_allowance", [Adult(75, attendance_allowance=rate)], day=day)
    assert (decision.status, decision.monthly) == ("likely", D(monthly))


@pytest.mark.parametrize("day, low, high", [
    (Y2025, "640.46", "956.80"),   # two of them: 2 x 320.23, 2 x 478.40
    (Y2026, "664.74", "993.20"),   # 2 x 332.37, 2 x 496.60
])
def test_attendance_allowance_is_a_range_for_each_disabled_pensioner_without_pip(day, low, high):
    decision = decide("attendance_allowance", [Adult(72, is_disabled=True), Adult(70, is_disabled=True)], day=day)
    assert (decision.status, decision.monthly_range) == ("possible", (D(low), D(high)))


def test_attendance_allowance_is_not_for_working_age_or_someone_keeping_pip():
    assert decide("attendance_allowance", [Adult(60, is_disabled=True)]).reason == \
        "benefits.reason.aa.under_pension_age"
    assert decide("attendance_allowance", [Adult(70, is_disabled=True, pip_daily_living="STANDARD")]).status == \
        "unlikely"


def test_attendance_allowance_is_pension_age_disability_payment_in_scotland():
    household = Household("SCOTLAND", (Adult(70, attendance_allowance="HIGHER"),))
    result = check(household, Y2026).get("attendance_allowance")
    assert (result.name["en"], result.monthly) == ("Pension Age Disability Payment", D("496.60"))


# --- winter payments ------------------------------------------------------------------------------------------

WINTER_CASES = [
    # (adults, country, extra, 2025/26 kept, 2026/27 kept)
    ([Adult(70)], "ENGLAND", {}, "200", "200"),                                     # alone, under 80
    ([Adult(82)], "WALES", {}, "300", "300"),                                       # alone, 80+
    ([Adult(70), Adult(68)], "ENGLAND", {}, "200", "200"),                          # 100 + 100
    ([Adult(82), Adult(70)], "ENGLAND", {}, "300", "300"),                          # 200 + 100
    ([Adult(83), Adult(81)], "ENGLAND", {}, "300", "300"),                          # 150 + 150
    ([Adult(70), Adult(68)], "ENGLAND", {"benefits_received": PC}, "200", "200"),   # one payment on PC
    ([Adult(70, state_pension_annual=D(40000)), Adult(68)], "ENGLAND", {}, "100", "100"),   # 100 taken back
    ([Adult(70)], "SCOTLAND", {}, "203.40", "211.15"),
    ([Adult(82)], "SCOTLAND", {}, "305.10", "316.70"),
    # with no income they are likely to get Pension Credit, a relevant benefit: one full payment, not two shares
    ([Adult(70), Adult(68)], "SCOTLAND", {}, "203.40", "211.15"),
    # State Pensions of 12,000 each lift them past Pension Credit: two shares, 101.70 x 2; 105.55 x 2
    ([Adult(70, state_pension_annual=D(12000)), Adult(68, state_pension_annual=D(12000))], "SCOTLAND", {},
     "203.40", "211.10"),
    ([Adult(82), Adult(70)], "SCOTLAND", {}, "305.10", "316.70"),                   # 203.40 + 101.70; 211.15 + 105.55
    ([Adult(83), Adult(81)], "SCOTLAND", {}, "305.10", "316.70"),                   # 152.55 x 2; 158.35 x 2
]


@pytest.mark.parametrize("adults, country, extra, kept_2025, kept_2026", WINTER_CASES)
def test_winter_payment_for_the_winter_of_the_tax_year(adults, country, extra, kept_2025, kept_2026):
    for day, kept in ((dt.date(2025, 10, 1), kept_2025), (dt.date(2026, 10, 1), kept_2026)):
        decision = decide("winter_fuel_payment", adults, day=day, country=country, **extra)
        assert (decision.status, decision.one_off) == ("likely", D(kept))


@pytest.mark.parametrize("day", [Y2025, Y2026])
def test_winter_payment_is_taken_back_over_35000_unless_on_pension_credit(day):
    # 12,000 State Pension + 24,000 private pension = 36,000 > 35,000
    rich = Adult(70, state_pension_annual=D(12000), private_pension_annual=D(24000))
    decision = decide("winter_fuel_payment", [rich], day=day)
    assert (decision.status, decision.reason) == ("unlikely", "benefits.reason.winter.recovered")
    assert "benefits.line.winter.recovery" in [line.message_key for line in decision.lines]
    assert decide("winter_fuel_payment", [rich], day=day, benefits_received=PC).one_off == D(200)
    exactly = Adult(70, state_pension_annual=D(35000))                              # not over: kept
    assert decide("winter_fuel_payment", [exactly], day=day).one_off == D(200)


@pytest.mark.parametrize("born, day, status", [
    (dt.date(1959, 9, 21), Y2025, "likely"),         # 66 by 21 September 2025
    (dt.date(1959, 9, 22), Y2025, "unlikely"),
    (dt.date(1960, 6, 27), Y2026, "likely"),         # State Pension age 66y3m: 27 September 2026
    (dt.date(1960, 6, 28), Y2026, "unlikely"),
])
def test_winter_payment_needs_state_pension_age_in_the_qualifying_week(born, day, status):
    age = day.year - born.year - 1
    assert decide("winter_fuel_payment", [Adult(age, birth_date=born)], day=day).status == status


def test_winter_payment_is_possible_when_the_age_alone_cannot_tell():
    decision = decide("winter_fuel_payment", [Adult(65)], day=Y2026)   # born 7 Apr 1960 to 6 Apr 1961
    assert (decision.status, decision.one_off) == ("possible", D(200))


def test_winter_payment_pays_300_from_80_in_the_qualifying_week():
    assert decide("winter_fuel_payment", [Adult(79, birth_date=dt.date(1945, 9, 21))], day=Y2025).one_off == D(300)
    assert decide("winter_fuel_payment", [Adult(79, birth_date=dt.date(1945, 9, 22))], day=Y2025).one_off == D(200)


# --- free TV licence ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, fee", [(Y2025, "174.50"), (Y2026, "180")])
def test_free_tv_licence_at_75_with_pension_credit_is_worth_the_fee(day, fee):
    decision = decide("free_tv_licence", [Adult(76), Adult(70)], day=day, benefits_received=PC)
    assert (decision.status, decision.one_off) == ("likely", D(fee))
    assert decide("free_tv_licence", [Adult(74)], day=day, benefits_received=PC).reason == "benefits.reason.tv.under_75"


def test_free_tv_licence_follows_the_pension_credit_rule_when_there_is_one():
    from kiosk.benefits.rules.decisions import possible
    rules = {**RULES, "pension_credit": lambda ctx: possible("benefits.reason.if_uc")}
    context = Context(Household("ENGLAND", (Adult(80),)), Y2026, rules=rules)
    assert (context.decision("free_tv_licence").status, context.decision("free_tv_licence").one_off) == \
        ("possible", D(180))


# --- Best Start Grant and Best Start Foods (Scotland) ---------------------------------------------------------

def scot(name, children=(), day=Y2026, **extra):
    return decide(name, [Adult(30)], children, day=day, country="SCOTLAND", **extra)  # no income: UC likely


@pytest.mark.parametrize("day, children, expecting, total", [
    (Y2025, (), True, "767.50"),                    # first baby
    (Y2026, (), True, "796.65"),
    (Y2025, (Child(8),), True, "383.75"),           # another baby
    (Y2026, (Child(8),), True, "398.35"),
    (Y2025, (Child(2),), True, "703.55"),           # 383.75 + Early Learning 319.80
    (Y2026, (Child(2),), True, "730.30"),           # 398.35 + 331.95
    (Y2025, (Child(2), Child(2)), False, "639.60"),  # twins aged 2: 2 x 319.80
    (Y2026, (Child(2), Child(2)), False, "663.90"),  # 2 x 331.95
])
def test_best_start_grant_adds_the_payments_due(day, children, expecting, total):
    decision = scot("maternity_grant", children, day=day, expecting_baby=expecting)
    assert (decision.status, decision.one_off) == ("likely", D(total))


@pytest.mark.parametrize("born, day, amount", [
    (dt.date(2020, 10, 15), dt.date(2025, 9, 1), "319.80"),   # starts P1 August 2025; window 1 Jun 2025-28 Feb 2026
    (dt.date(2021, 10, 15), dt.date(2026, 9, 1), "331.95"),
    (dt.date(2022, 1, 15), dt.date(2026, 6, 1), "331.95"),    # born in January: starts school at 4 and a half
])
def test_best_start_grant_school_age_payment_in_the_school_start_window(born, day, amount):
    decision = scot("maternity_grant", (Child(day.year - born.year - 1, birth_date=born),), day=day)
    assert (decision.status, decision.one_off) == ("likely", D(amount))
    after = dt.date(day.year + 1, 3, 1)                      # the window has closed
    assert scot("maternity_grant", (Child(4, birth_date=born),), day=after).status == "unlikely"


def test_best_start_grant_needs_a_qualifying_benefit_and_is_called_so():
    earner = [Adult(30, employment_income_annual=D(60000))]
    assert decide("maternity_grant", earner, (Child(2),), country="SCOTLAND").status == "unlikely"
    household = Household("SCOTLAND", (Adult(30),), (Child(2),))
    assert check(household, Y2026).get("maternity_grant").name["en"] == "Best Start Grant"


@pytest.mark.parametrize("day, children, expecting, monthly", [
    (Y2025, (Child(0), Child(2)), False, "70.20"),  # (10.80 + 5.40) x 52 / 12 = 70.20
    (Y2026, (Child(0), Child(2)), False, "72.80"),  # (11.20 + 5.60) x 52 / 12 = 72.80
    (Y2025, (Child(1),), True, "46.80"),            # 2 x 5.40 = 10.80; x 52 / 12 = 46.80
    (Y2026, (Child(1),), True, "48.53"),            # 2 x 5.60 = 11.20; x 52 / 12 = 48.533
])
def test_best_start_foods_pays_by_the_childrens_ages(day, children, expecting, monthly):
    decision = scot("healthy_start", children, day=day, expecting_baby=expecting)
    assert (decision.status, decision.monthly) == ("likely", D(monthly))
    assert scot("healthy_start", (Child(3),), day=day).reason == "benefits.reason.no_young_children"


# --- Child Winter Heating Payment, School Clothing Grant, Job Start Payment, Young Carer Grant --------------------

@pytest.mark.parametrize("day, total", [(Y2025, "511.60"), (Y2026, "531.00")])  # 2 x 255.80; 2 x 265.50
def test_child_winter_heating_payment_for_each_child_on_the_highest_care_rate(day, total):
    children = (Child(6, dla_care="HIGHER"), Child(12, dla_care="HIGHER"), Child(9, dla_care="MIDDLE"))
    decision = scot("child_winter_heating_payment", children, day=day, savings=D(50000))  # not means-tested
    assert (decision.status, decision.one_off) == ("likely", D(total))


@pytest.mark.parametrize("day", [Y2025, Y2026])
def test_school_clothing_grant_is_at_least_120_primary_and_150_secondary(day):
    # children 6 and 13: 120 + 150 = 270; the 3-year-old is not at school
    decision = scot("school_clothing_grant", (Child(3), Child(6), Child(13)), day=day)
    assert (decision.status, decision.one_off) == ("likely", D(270))
    earner = [Adult(30, employment_income_annual=D(60000))]
    assert decide("school_clothing_grant", earner, (Child(6),), day=day, country="SCOTLAND").status == "unlikely"


@pytest.mark.parametrize("day, children, amount", [
    (Y2025, (), "319.80"), (Y2026, (), "331.95"), (Y2025, (Child(1),), "511.65"), (Y2026, (Child(1),), "531.10")])
def test_job_start_payment_for_16_to_24_on_universal_credit(day, children, amount):
    decision = decide("job_start_payment", [Adult(22)], children, day=day, country="SCOTLAND", benefits_received=UC)
    assert (decision.status, decision.reason, decision.one_off) == ("possible", "benefits.reason.jsp.possible",
                                                                    D(amount))
    assert decide("job_start_payment", [Adult(25)], day=day, country="SCOTLAND").reason == "benefits.reason.jsp.age"


@pytest.mark.parametrize("day, amount", [(Y2025, "390.25"), (Y2026, "405.10")])
def test_young_carer_grant_for_16_to_18_caring_16_hours(day, amount):
    carer = Adult(17, is_carer=True, caring_hours_weekly=D(16))
    decision = decide("young_carer_grant", [carer], day=day, country="SCOTLAND")
    assert (decision.status, decision.one_off) == ("possible", D(amount))
    assert decide("young_carer_grant", [carer], day=day, country="SCOTLAND",
                  benefits_received=frozenset({"carers_allowance"})).status == "unlikely"


def test_scottish_payments_are_not_offered_in_england_or_wales():
    results = check(Household("WALES", (Adult(17, is_carer=True),), (Child(6, dla_care="HIGHER"),)), Y2026)
    for benefit in ("child_winter_heating_payment", "school_clothing_grant", "job_start_payment",
                    "young_carer_grant"):
        assert results.get(benefit).reason == "benefits.reason.not_in_nation"

"""Points found by the differential check against PolicyEngine UK on a second sample (1,000 households, seed 7), each
worked by hand from the published rates, both tax years, through ``household_from_json`` and ``check``.

The shared accommodation rate's disability exception (UC Regulations 2013 Sch. 4 para. 29(5)); a member of a couple
claiming as a single person because the partner is under 18 and in no exception of reg. 8 (reg. 3(3)(a), reg.
36(3), Sch. 4 para. 28(2)); partners caring for the same person (reg. 29(2)-(3); SSCBA 1992 s.70(7)); the pension-age
£20 earnings disregard for a carer only with Carer's Allowance entitlement (SI 2006/214 Sch. 4; SI 2002/1792 Sch. VI).

Rates: UC standard allowance single 25 or over 400.14 / 424.90, couple 628.10 / 666.97; carer element 201.68 /
209.34; Carer's Allowance 83.30 / 86.45 a week (a month: x 52 / 12), earnings limit 196 a week in 2025/26;
pension-age Housing Benefit personal allowance (single) 227.10 / 238.00 a week, taper 65%.
"""

import datetime as dt
from decimal import Decimal as D

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import Adult, Child, Household, household_from_json
from kiosk.benefits.rates import rates_on
from kiosk.benefits.rules import predicates
from kiosk.benefits.rules import uc_housing

OCT25, OCT26 = dt.date(2025, 10, 6), dt.date(2026, 10, 6)
R26 = rates_on(OCT26)
LHA = {"shared": 366.10, "1": 650, "2": 825, "3": 925, "4": 1300}
CARER = {"caring_hours_weekly": 35, "cares_for": "SOMEONE_ELSE"}


def run(data, day):
    return check(household_from_json(data, on_date=day), day)


def private(adults, rent=450):
    return {"country": "WALES", "adults": adults, "tenure": "RENT_PRIVATELY", "rent_monthly": rent,
            "lha_monthly": LHA}


@pytest.mark.parametrize("day, standard, monthly", [(OCT25, D("400.14"), D("850.14")),
                                                    (OCT26, D("424.90"), D("874.90"))], ids=["2025/26", "2026/27"])
def test_renter_under_35_on_pip_daily_living_is_excepted_from_the_shared_rate(day, standard, monthly):
    # Sch. 4 para. 29(5)(c): the one-bedroom rate (650), so the rent of 450 in full, not the shared 366.10.
    # 2025/26: 400.14 + 450.00 = 850.14; 2026/27: 424.90 + 450.00 = 874.90
    uc = run(private([{"age": 29, "pip_daily_living": "STANDARD"}]), day).universal_credit
    assert (uc.standard_allowance, uc.housing_element, uc.monthly) == (standard, D("450.00"), monthly)
    # without PIP: the shared rate. 400.14 + 366.10 = 766.24; 424.90 + 366.10 = 791.00
    assert run(private([{"age": 29}]), day).universal_credit.monthly == standard + D("366.10")


@pytest.mark.parametrize("day, single, couple, carer, carers_allowance", [
    (OCT25, D("400.14"), D("628.10"), D("201.68"), D("360.97")),
    (OCT26, D("424.90"), D("666.97"), D("209.34"), D("374.62"))], ids=["2025/26", "2026/27"])
def test_partner_under_18_outside_reg_8_leaves_a_single_claim(day, single, couple, carer, carers_allowance):
    social = {"country": "WALES", "adults": [{"age": 17}, {"age": 30}], "tenure": "RENT_FROM_HA", "rent_monthly": 350}
    uc = run(social, day).universal_credit
    # reg. 3(3)(a), reg. 36(3): the single rate. 400.14 + 350.00 = 750.14; 424.90 + 350.00 = 774.90
    assert (uc.standard_allowance, uc.monthly) == (single, single + 350)
    # renting privately, the 30-year-old is a specified renter (Sch. 4 para. 28(2)): the shared rate, 366.10
    assert run(private([{"age": 17}, {"age": 30}]), day).universal_credit.housing_element == D("366.10")
    # a 17-year-old caring 35 hours is within reg. 8(1)(c): a joint claim, with the carer element and Carer's
    # Allowance (83.30 x 52 / 12 = 360.966 -> 360.97; 86.45 x 52 / 12 = 374.616 -> 374.62) taken off in full.
    # 2025/26: 628.10 + 201.68 + 350.00 - 360.97 = 818.81; 2026/27: 666.97 + 209.34 + 350.00 - 374.62 = 851.69
    caring = {**social, "adults": [{"age": 17, **CARER}, {"age": 30}]}
    uc = run(caring, day).universal_credit
    assert (uc.standard_allowance, uc.monthly) == (couple, couple + carer + 350 - carers_allowance)


@pytest.mark.parametrize("day, couple, carer, weekly", [(OCT25, D("628.10"), D("201.68"), D("83.30")),
                                                        (OCT26, D("666.97"), D("209.34"), D("86.45"))],
                         ids=["2025/26", "2026/27"])
def test_partners_caring_for_the_same_person_have_one_carer_element_and_one_carers_allowance(day, couple, carer,
                                                                                            weekly):
    data = {"country": "ENGLAND", "adults": [{"age": 52, **CARER}, {"age": 40, **CARER}],
            "tenure": "RENT_FROM_COUNCIL", "rent_monthly": 400}
    one, two = (weekly * 52 / 12).quantize(D("0.01")), (2 * weekly * 52 / 12).quantize(D("0.01"))
    same = run({**data, "partners_care_for_same_person": True}, day)
    # one element, one allowance: 2025/26 628.10 + 201.68 + 400.00 - 360.97 = 868.81;
    # 2026/27 666.97 + 209.34 + 400.00 - 374.62 = 901.69
    assert same.get("carers_allowance").monthly == one
    assert (same.universal_credit.carer_element, same.universal_credit.monthly) == (carer, couple + carer + 400 - one)
    # two people cared for: two of each (166.60 x 52 / 12 = 721.93; 172.90 x 52 / 12 = 749.23):
    # 628.10 + 403.36 + 400.00 - 721.93 = 709.53; 666.97 + 418.68 + 400.00 - 749.23 = 736.42
    apart = run({**data, "partners_care_for_same_person": False}, day)
    assert apart.get("carers_allowance").monthly == two
    assert apart.universal_credit.monthly == couple + 2 * carer + 400 - two


@pytest.mark.parametrize("day, monthly", [(OCT25, D("454.24")), (OCT26, D("484.92"))], ids=["2025/26", "2026/27"])
def test_carer_over_carers_allowance_earnings_limit_has_no_higher_earnings_disregard(day, monthly):
    # 70, caring 35 hours, pay 13,000 (250.00 a week; tax (13,000 - 12,570) x 20% = 86 a year, 1.65 a week; no NI
    # over State Pension age): 248.35 a week is over Carer's Allowance's limit, so no carer premium and the £5
    # disregard, not £20. Income 250.00 - 5.00 - 1.65 = 243.35.
    # 2025/26: (243.35 - 227.10) x 65% = 10.5625 -> 10.56 a week, x 52 / 12 = 45.76; 500.00 - 45.76 = 454.24
    # 2026/27: (243.35 - 238.00) x 65% = 3.4775 -> 3.48, x 52 / 12 = 15.08; 500.00 - 15.08 = 484.92
    data = {"country": "ENGLAND", "adults": [{"age": 70, "employment_income_annual": 13000, "hours_worked_weekly": 20,
                                              **CARER}], "tenure": "RENT_FROM_COUNCIL", "rent_monthly": 500}
    assert run(data, day).get("housing_benefit").monthly == monthly


def test_shared_rate_exception_is_pip_daily_living_or_attendance_allowance():
    assert uc_housing.shared_rate_exception(Adult(30, pip_daily_living="STANDARD"))
    assert uc_housing.shared_rate_exception(Adult(30, attendance_allowance="LOWER"))
    assert not uc_housing.shared_rate_exception(Adult(30, pip_mobility="ENHANCED"))


def test_meets_uc_minimum_age_is_18_or_a_reg_8_exception():
    home = Household("ENGLAND", (Adult(17), Adult(30)))
    assert predicates.meets_uc_minimum_age(Adult(18), home, R26)
    assert not predicates.meets_uc_minimum_age(Adult(17), home, R26)
    assert predicates.meets_uc_minimum_age(Adult(17, has_lcwra=True), home, R26)
    assert predicates.uc_claimants(home, R26) == (Adult(30),)


def test_partners_care_for_same_person_is_as_said_or_both_caring_for_the_only_child():
    carers = (Adult(40, is_carer=True, cares_for="CHILD"), Adult(38, is_carer=True, cares_for="CHILD"))
    assert predicates.partners_care_for_same_person(Household("ENGLAND", carers, (Child(5),)))
    assert not predicates.partners_care_for_same_person(Household("ENGLAND", carers, (Child(5), Child(7))))
    assert not predicates.partners_care_for_same_person(
        Household("ENGLAND", carers, (Child(5),), partners_care_for_same_person=False))

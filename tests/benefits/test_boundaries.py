"""The edges where a rule changes: age 25, £6,000 and £16,000, each benefit cap and its earnings exception, 16
hours, 35 hours of care, births either side of 6 April 2017, and the day the rates change."""

import datetime as dt
from decimal import Decimal as D

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import Adult, Child, Household
from kiosk.benefits.rates import rates_on
from kiosk.benefits.tax import income_tax, national_insurance, take_home_monthly

Y2025, Y2026 = dt.date(2025, 4, 6), dt.date(2026, 4, 6)


def uc(household, day=Y2026):
    return check(household, day).universal_credit


@pytest.mark.parametrize("age, expected", [(24, D("338.58")), (25, D("424.90"))])
def test_age_25_moves_a_single_person_to_the_higher_standard_allowance(age, expected):
    assert uc(Household("ENGLAND", (Adult(age),))).standard_allowance == expected


@pytest.mark.parametrize("savings, deduction", [(D(6000), D(0)), (D("6000.01"), D("4.35"))])
def test_6000_pounds_is_the_last_amount_with_no_tariff_income(savings, deduction):
    assert uc(Household("ENGLAND", (Adult(30),), savings=savings)).capital_deduction == deduction


@pytest.mark.parametrize("savings, status", [(D(16000), "likely"), (D("16000.01"), "unlikely")])
def test_16000_pounds_is_the_most_you_can_have_for_universal_credit(savings, status):
    result = check(Household("ENGLAND", (Adult(30),), savings=savings), Y2026).get("universal_credit")
    assert result.status == status
    if status == "likely":
        assert result.monthly == D("424.90") - 40 * D("4.35")


CAPS = [  # household over each cap; the cap a month
    (Household("ENGLAND", (Adult(40),), rent_monthly=D(1300), tenure="RENT_FROM_COUNCIL"), D("1229.42")),
    (Household("ENGLAND", (Adult(40), Adult(40)), rent_monthly=D(1400), tenure="RENT_FROM_COUNCIL"), D("1835.00")),
    (Household("ENGLAND", (Adult(40),), rent_monthly=D(1500), tenure="RENT_FROM_COUNCIL", region="LONDON"),
     D("1413.92")),
    (Household("ENGLAND", (Adult(40), Adult(40)), rent_monthly=D(1600), tenure="RENT_FROM_COUNCIL",
               region="LONDON"), D("2110.25")),
]


@pytest.mark.parametrize("household, cap", CAPS)
@pytest.mark.parametrize("day", [Y2025, Y2026])
def test_each_benefit_cap_limits_universal_credit_to_the_cap(household, cap, day):
    assert uc(household, day).monthly == cap


@pytest.mark.parametrize("day, threshold", [(Y2025, D(846)), (Y2026, D(881))])
def test_the_cap_earnings_exception_starts_at_16_hours_of_living_wage(day, threshold):
    def capped(pay):
        worker = Adult(40, take_home_monthly=pay, hours_worked_weekly=D(16))
        return uc(Household("ENGLAND", (worker,), rent_monthly=D(2500), tenure="RENT_FROM_COUNCIL"), day)
    assert capped(threshold).benefit_cap_reduction == 0
    assert capped(threshold - D("0.01")).benefit_cap_reduction > 0


@pytest.mark.parametrize("hours, status", [(D("15.9"), "possible"), (D(16), "unlikely")])
def test_16_hours_of_work_ends_new_style_jsa(hours, status):
    household = Household("ENGLAND", (Adult(30, hours_worked_weekly=hours, take_home_monthly=D(20)),))
    assert check(household, Y2026).get("new_style_jsa").status == status


@pytest.mark.parametrize("hours, element, allowance", [(D(34), D(0), "unlikely"), (D(35), D("209.34"), "likely")])
def test_35_hours_of_care_gives_the_carer_element_and_carers_allowance(hours, element, allowance):
    results = check(Household("ENGLAND", (Adult(40, is_carer=True, caring_hours_weekly=hours),)), Y2026)
    assert results.universal_credit.carer_element == element
    assert results.get("carers_allowance").status == allowance


@pytest.mark.parametrize("born, first_child", [(dt.date(2017, 4, 5), D("351.88")), (dt.date(2017, 4, 6),
                                                                                    D("303.94"))])
def test_a_first_child_born_before_6_april_2017_gets_the_higher_rate(born, first_child):
    household = Household("ENGLAND", (Adult(30),), (Child(9, birth_date=born),))
    assert uc(household).child_element == first_child


@pytest.mark.parametrize("born, paid", [(dt.date(2017, 4, 5), 3), (dt.date(2017, 4, 6), 2)])
def test_the_two_child_limit_spares_a_third_child_born_before_6_april_2017(born, paid):
    children = (Child(12, birth_date=dt.date(2013, 1, 1)), Child(10, birth_date=dt.date(2015, 1, 1)),
                Child(8, birth_date=born))
    expected = D("339.00") + D("292.81") * (paid - 1)
    assert uc(Household("ENGLAND", (Adult(35),), children), Y2025).child_element == expected


@pytest.mark.parametrize("day, tax_year, allowance", [(dt.date(2026, 4, 5), "2025-26", D("400.14")),
                                                      (dt.date(2026, 4, 6), "2026-27", D("424.90"))])
def test_the_rates_change_on_6_april(day, tax_year, allowance):
    results = check(Household("ENGLAND", (Adult(30),)), day)
    assert (results.tax_year, results.universal_credit.standard_allowance) == (tax_year, allowance)


@pytest.mark.parametrize("day, paid", [(dt.date(2026, 4, 5), 2), (dt.date(2026, 4, 6), 4)])
def test_the_two_child_limit_ends_on_6_april_2026(day, paid):
    children = tuple(Child(age) for age in (8, 6, 4, 2))  # all born after 6 April 2017 on both days
    lines = uc(Household("ENGLAND", (Adult(30),), children), day).lines
    assert [line.params["count"] for line in lines if line.message_key == "benefits.line.uc.child_element"] == [paid]


@pytest.mark.parametrize("income, tax, ni", [(D(12570), D(0), D(0)), (D(50270), D("7540.00"), D("3016.00")),
                                             (D(60000), D("11432.00"), D("3210.60")),
                                             (D(110000), D("33432.00"), D("4210.60"))])
def test_income_tax_and_national_insurance_at_the_thresholds(income, tax, ni):
    rates = rates_on(Y2026)
    # 110,000: allowance 12,570 - 5,000 = 7,570; 20% of 37,700 + 40% of 64,730 = 7,540 + 25,892 = 33,432
    assert (income_tax(income, rates), national_insurance(income, rates)) == (tax, ni)


def test_scottish_take_home_pay_uses_the_scottish_bands():
    rates = rates_on(Y2026)
    # 28,000: 19% of 3,967 + 20% of 11,463 = 3,046.33 tax; 1,234.40 NI; (28,000 - 4,280.73) / 12
    assert take_home_monthly(D(28000), rates, scotland=True) == D("1976.61")
    assert take_home_monthly(D(28000), rates) == D("1973.30")  # 28,000 - 28% of 15,430 = 23,679.60 / 12

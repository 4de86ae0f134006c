"""Every named predicate and amount function on its own, then every one of the 34 rules (likely, possible, unlikely).

Amounts are worked from the rates in assets/rules/rates-*.toml; the sums are in the comments.
"""

import datetime as dt
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from kiosk.benefits.household import Adult, Child, Household
from kiosk.benefits.rates import rates_on
from kiosk.benefits.rules import AMOUNTS, PREDICATES, RULES, cash, disability, merge_tables, passported
from kiosk.benefits.rules import pension_extras, scotland
from kiosk.benefits.rules import predicates as shared
from kiosk.benefits.rules import benefit_cap as cap
from kiosk.benefits.rules import uc_housing as housing
from kiosk.benefits.rules import universal_credit as uc
from kiosk.benefits.rules.decisions import Context, Decision, Line, likely, possible

Y2025, Y2026 = dt.date(2025, 4, 6), dt.date(2026, 4, 6)
R25, R26 = rates_on(Y2025), rates_on(Y2026)
ONE_ADULT = (Adult(age=30),)


def ctx(adults=ONE_ADULT, children=(), day=Y2026, **extra):
    return Context(Household(extra.pop("country", "ENGLAND"), tuple(adults), tuple(children), **extra), day,
                   rules=RULES)


def test_every_predicate_and_amount_function_has_its_own_test():
    # this file, and the files of rule modules with tests of their own (test_council_tax.py)
    source = "\n".join(path.read_text(encoding="utf-8") for path in Path(__file__).parent.glob("test_*.py"))
    tested = set(re.findall(r"^def test_([a-z0-9_]+?)_(?:is|are|when|gives|counts|pays|needs|takes|caps|"
                            r"picks|uses|adds|from|on|with)", source, re.M))
    missing = [name for name in list(PREDICATES) + list(AMOUNTS) if name not in tested]
    assert not missing


# --- shared predicates ------------------------------------------------------------------------------------------

def test_under_state_pension_age_is_below_66():
    assert shared.under_state_pension_age(Adult(age=65), R26) and not shared.under_state_pension_age(Adult(age=66), R26)


def test_working_age_household_when_one_adult_is_under_pension_age():
    assert shared.working_age_household(Household("ENGLAND", (Adult(age=70), Adult(age=60))), R26)
    assert not shared.working_age_household(Household("ENGLAND", (Adult(age=70), Adult(age=66))), R26)


@pytest.mark.parametrize("adult, expected", [(Adult(30, is_carer=True), True), (Adult(30), False),
                                             (Adult(30, caring_hours_weekly=D(35)), True),
                                             (Adult(30, is_carer=True, caring_hours_weekly=D(34)), False)])
def test_cares_35_hours_is_35_or_more(adult, expected):
    assert shared.cares_35_hours(adult, R26) is expected


@pytest.mark.parametrize("child, expected", [(Child(15), True), (Child(16), True),
                                             (Child(18, in_education=False), False), (Child(19), True)])
def test_qualifying_child_is_under_16_or_under_20_in_education(child, expected):
    assert shared.qualifying_child(child) is expected


@pytest.mark.parametrize("child, on_date, expected", [
    (Child(9, birth_date=dt.date(2017, 4, 5)), Y2026, True),
    (Child(9, birth_date=dt.date(2017, 4, 6)), Y2026, False),
    (Child(9), Y2026, True),            # born 7/4/2016 to 6/4/2017: the middle is before
    (Child(8), Y2026, False),
    (Child(8, born_before_april_2017=True), Y2026, True),
])
def test_born_before_uses_the_birth_date_then_the_answer_then_the_age(child, on_date, expected):
    assert shared.born_before(child, dt.date(2017, 4, 6), on_date) is expected


def test_responsible_for_child_needs_a_qualifying_child():
    assert shared.responsible_for_child(Household("ENGLAND", (Adult(30),), (Child(3),)))
    assert not shared.responsible_for_child(Household("ENGLAND", (Adult(30),), (Child(18, in_education=False),)))


def test_gets_disability_benefit_when_pip_or_child_dla():
    assert shared.gets_disability_benefit(Household("ENGLAND", (Adult(30, pip_mobility="STANDARD"),)))
    assert shared.gets_disability_benefit(Household("ENGLAND", (Adult(30),), (Child(4, dla_care="LOWER"),)))
    assert not shared.gets_disability_benefit(Household("ENGLAND", (Adult(30, is_disabled=True),)))


def test_gets_universal_credit_when_likely_or_received():
    assert shared.gets_universal_credit(ctx())
    assert not shared.gets_universal_credit(ctx(savings=D(20000)))
    assert shared.gets_universal_credit(ctx(savings=D(20000), benefits_received=frozenset({"universal_credit"})))


def test_may_get_universal_credit_when_possible_too():
    assert shared.may_get_universal_credit(ctx(adults=(Adult(17),)))
    assert not shared.may_get_universal_credit(ctx(savings=D(20000)))


def test_gets_means_tested_benefit_on_pension_credit():
    assert shared.gets_means_tested_benefit(ctx(adults=(Adult(70),), benefits_received=frozenset({"pension_credit"})))
    assert not shared.gets_means_tested_benefit(ctx(adults=(Adult(70),)))


def test_decision_is_refused_with_an_unknown_status():
    with pytest.raises(ValueError):
        Decision("maybe", "benefits.reason.if_uc")


# --- Universal Credit amounts -----------------------------------------------------------------------------------

@pytest.mark.parametrize("ages, rates, expected", [((24,), R25, D("316.98")), ((25,), R25, D("400.14")),
                                                   ((24, 24), R26, D("528.34")), ((24, 25), R26, D("666.97"))])
def test_standard_allowance_is_by_age_25_and_couple(ages, rates, expected):
    assert uc.standard_allowance(Household("ENGLAND", tuple(Adult(a) for a in ages)), rates) == expected


def test_child_element_paid_is_every_child_without_the_limit():
    assert uc.child_element_paid(5, Child(2), ctx(day=Y2026))
    assert not uc.child_element_paid(2, Child(2), ctx(day=Y2025))
    assert uc.child_element_paid(2, Child(2, birth_date=dt.date(2016, 1, 1)), ctx(day=Y2025))


def test_child_element_pays_the_higher_rate_for_an_eldest_born_before_2017():
    total, paid, unpaid, higher = uc.child_element(ctx(children=(Child(12), Child(3), Child(1)), day=Y2025))
    assert (total, paid, unpaid, higher) == (D("339.00") + D("292.81"), 2, 1, True)


@pytest.mark.parametrize("child, expected", [(Child(5, dla_care="HIGHER"), D("514.71")),
                                             (Child(5, dla_care="MIDDLE"), D("164.79")),
                                             (Child(5, is_disabled=True), D("164.79")), (Child(5), D(0))])
def test_disabled_child_addition_is_higher_for_the_highest_care_rate(child, expected):
    assert uc.disabled_child_addition(child, R26) == expected


def test_lcwra_element_is_once_and_protected_unless_all_new():
    both = Household("ENGLAND", (Adult(40, has_lcwra=True), Adult(40, has_lcwra=True, lcwra_new_claimant=True)))
    assert uc.lcwra_element(both, R26) == D("429.80")
    new = Household("ENGLAND", (Adult(40, has_lcwra=True, lcwra_new_claimant=True),))
    assert uc.lcwra_element(new, R26) == D("217.26") and uc.lcwra_element(new, R25) == D("423.27")


def test_carer_element_is_per_carer_but_not_with_lcwra():
    household = Household("ENGLAND", (Adult(40, is_carer=True), Adult(40, is_carer=True, has_lcwra=True)))
    assert uc.carer_element(household, R26) == D("209.34")


def test_childcare_work_test_needs_both_partners_working_or_unable():
    assert uc.childcare_work_test(Household("ENGLAND", (Adult(30, hours_worked_weekly=D(10)), Adult(30,
                                                                                                    is_carer=True))))
    assert not uc.childcare_work_test(Household("ENGLAND", (Adult(30, hours_worked_weekly=D(10)), Adult(30))))
    # a partner caring 20 hours a week is not a carer for reg. 32(2) (35 hours: reg. 30)
    part_time_carer = Adult(62, is_carer=True, caring_hours_weekly=D(20))
    assert not uc.childcare_work_test(Household("ENGLAND", (Adult(30, hours_worked_weekly=D(10)), part_time_carer)),
                                      R26)
    assert uc.childcare_work_test(Household("ENGLAND", (Adult(30, hours_worked_weekly=D(10)),
                                                        Adult(62, is_carer=True, caring_hours_weekly=D(35)))), R26)


def test_childcare_element_caps_at_the_limit_for_two_or_more():
    working = (Adult(30, hours_worked_weekly=D(30)),)
    two = Household("ENGLAND", working, (Child(1), Child(3)), childcare_monthly=D(3000))
    one = Household("ENGLAND", working, (Child(1),), childcare_monthly=D(3000))
    assert uc.childcare_element(two, R26) == D("1836.16") and uc.childcare_element(one, R26) == D("1071.09")
    assert uc.childcare_element(Household("ENGLAND", (Adult(30),), (Child(1),), childcare_monthly=D(300)), R26) == 0


@pytest.mark.parametrize("adults, children, expected", [
    ((Adult(34),), (), "shared"), ((Adult(35),), (), "1"), ((Adult(30), Adult(30)), (), "1"),
    ((Adult(30),), (Child(2), Child(5)), "2"), ((Adult(30),), (Child(12), Child(14)), "3"),
    ((Adult(30),), tuple(Child(a) for a in (1, 3, 11, 13, 15)), "4"),
])
def test_bedroom_entitlement_picks_the_lha_size(adults, children, expected):
    assert housing.bedroom_entitlement(Household("ENGLAND", adults, children), R26) == expected


def test_housing_element_uses_the_office_lha_when_the_household_has_none():
    context = Context(Household("ENGLAND", (Adult(40),), rent_monthly=D(800), tenure="RENT_PRIVATELY"), Y2026,
                      office_lha={"1": D(600)}, rules=RULES)
    amount, lines = housing.housing_element(context)
    assert amount == D("600.00") and lines[0].message_key == "benefits.line.uc.housing_private"
    owner = ctx(tenure="OWNED_WITH_MORTGAGE", rent_monthly=D(0))
    assert housing.housing_element(owner) == (D(0), [])


def test_has_work_allowance_with_a_child_or_lcwra():
    assert uc.has_work_allowance(Household("ENGLAND", (Adult(30, has_lcwra=True),)))
    assert not uc.has_work_allowance(Household("ENGLAND", (Adult(30),)))


def test_work_allowance_is_lower_with_housing():
    household = Household("ENGLAND", (Adult(30),), (Child(2),))
    assert uc.work_allowance(household, D(1), R25) == 411 and uc.work_allowance(household, D(0), R26) == 710
    assert uc.work_allowance(Household("ENGLAND", (Adult(30),)), D(0), R26) == 0


def test_earnings_deduction_takes_55_percent_above_the_allowance():
    assert uc.earnings_deduction(D(1000), D(427), R26) == D("315.15")  # 573 x 0.55
    assert uc.earnings_deduction(D(400), D(427), R26) == 0


@pytest.mark.parametrize("savings, expected", [(D(6000), D(0)), (D("6000.01"), D("4.35")), (D(6250), D("4.35")),
                                               (D("6250.01"), D("8.70")), (D(16000), D("174.00"))])
def test_tariff_income_is_435_for_each_250_or_part_over_6000(savings, expected):
    assert uc.tariff_income(savings, R26) == expected


def test_savings_over_limit_is_over_16000():
    assert not uc.savings_over_limit(D(16000), R26) and uc.savings_over_limit(D("16000.01"), R26)


@pytest.mark.parametrize("household, expected", [
    (Household("ENGLAND", (Adult(30),)), D("1229.42")),
    (Household("ENGLAND", (Adult(30),), (Child(3),)), D("1835.00")),
    (Household("ENGLAND", (Adult(30), Adult(30)), region="LONDON"), D("2110.25")),
    (Household("ENGLAND", (Adult(30),), region="LONDON"), D("1413.92")),
])
def test_benefit_cap_is_by_family_and_london(household, expected):
    assert cap.benefit_cap(household, R25) == expected == cap.benefit_cap(household, R26)


def test_cap_earnings_threshold_is_16_hours_at_the_living_wage_in_whole_pounds():
    assert cap.cap_earnings_threshold(R25) == 846 and cap.cap_earnings_threshold(R26) == 881


def test_cap_reduction_is_less_the_childcare_element_and_never_more_than_uc():
    assert cap.cap_reduction(D(2000), D(100), D(1835), D(0)) == D(265)
    assert cap.cap_reduction(D(2000), D(100), D(1835), D(200)) == D(65)
    assert cap.cap_reduction(D(50), D(3000), D(1835), D(0)) == D(50)


# --- other amounts ----------------------------------------------------------------------------------------------

def test_child_benefit_weekly_is_eldest_plus_additional():
    household = Household("ENGLAND", (Adult(30),), (Child(1), Child(3), Child(5)))
    assert cash.child_benefit_weekly(household, R26) == D("27.05") + 2 * D("17.90")


def test_child_benefit_gross_monthly_is_weekly_times_52_over_12():
    assert cash.child_benefit_gross_monthly(Household("ENGLAND", (Adult(30),), (Child(1),)), R25) == D("112.88")


def test_jsa_weekly_takes_earnings_over_5_pounds():
    assert cash.jsa_weekly(Adult(30, take_home_monthly=D("130.00")), ctx()) == D("70.55")  # 30/wk: 95.55 - 25


def test_could_get_jsa_is_under_16_hours_and_able_to_work():
    assert cash.could_get_jsa(Adult(30, hours_worked_weekly=D("15.5")), R26)
    assert not cash.could_get_jsa(Adult(30, hours_worked_weekly=D(16)), R26)
    assert not cash.could_get_jsa(Adult(30, cannot_work=True), R26)


def test_esa_weekly_adds_the_support_component_in_the_support_group():
    assert cash.esa_weekly(Adult(22), R26) == D("75.65")
    assert cash.esa_weekly(Adult(22, has_lcwra=True), R26) == D("95.55") + D("50.35")


def test_could_get_esa_needs_a_condition_that_limits_work():
    assert cash.could_get_esa(Adult(40, health_limits_work=True), R26)
    assert not cash.could_get_esa(Adult(40, health_limits_work=True, hours_worked_weekly=D(16)), R26)
    assert not cash.could_get_esa(Adult(40), R26)


def test_carers_allowance_earnings_ok_is_within_the_weekly_limit():
    assert cash.carers_allowance_earnings_ok(Adult(40, take_home_monthly=D("884.00")), ctx())  # 204 a week
    assert not cash.carers_allowance_earnings_ok(Adult(40, take_home_monthly=D("884.01")), ctx())


def test_gets_carers_allowance_needs_35_hours_and_age_16():
    assert cash.gets_carers_allowance(Adult(16, is_carer=True), ctx())
    assert not cash.gets_carers_allowance(Adult(70, is_carer=True), ctx())


def test_carers_allowance_counted_monthly_counts_each_carer():
    context = ctx(adults=(Adult(40, is_carer=True), Adult(40, is_carer=True)))
    assert cash.carers_allowance_counted_monthly(context) == D("749.23")  # 2 x 86.45 x 52 / 12


def test_ssp_weekly_from_2026_is_80_percent_of_low_pay():
    low = Adult(30, employment_income_annual=D(5200), hours_worked_weekly=D(10), off_sick=True)  # £100 a week
    assert cash.ssp_weekly(low, ctx(day=Y2026)) == D("80.00")
    assert cash.ssp_weekly(low, ctx(day=Y2025)) == D(0)  # under the £125 lower earnings limit


def test_maternity_allowance_weekly_is_90_percent_if_lower():
    assert cash.maternity_allowance_weekly(Adult(30, employment_income_annual=D(5200)), ctx()) == D("90.00")
    assert cash.maternity_allowance_weekly(Adult(30), ctx()) == D("194.32")


def test_pip_weekly_adds_both_parts():
    assert disability.pip_weekly(Adult(30, pip_daily_living="ENHANCED", pip_mobility="STANDARD"), R25) == D("139.60")


def test_pip_range_monthly_is_lowest_to_highest_award():
    assert disability.pip_range_monthly(R25) == (D("126.53"), D("812.28"))  # 29.20 and 187.45 x 52 / 12


def test_could_get_pip_needs_a_condition_and_working_age():
    assert disability.could_get_pip(Adult(30, is_disabled=True), R26)
    assert not disability.could_get_pip(Adult(70, is_disabled=True), R26)


def test_dla_care_weekly_is_the_rate_received():
    assert disability.dla_care_weekly(Child(5, dla_care="MIDDLE"), R26) == D("76.70")


def test_dla_range_weekly_adds_mobility_from_3():
    assert disability.dla_range_weekly(Child(2), R26) == (D("30.30"), D("114.60"))
    assert disability.dla_range_weekly(Child(3), R26) == (D("30.30"), D("194.60"))


def test_expecting_or_baby_when_pregnant_or_a_baby():
    assert passported.expecting_or_baby(ctx(expecting_baby=True))
    assert passported.expecting_or_baby(ctx(children=(Child(0),)))
    assert not passported.expecting_or_baby(ctx(children=(Child(1),)))


def test_working_parents_needs_16_hours_at_the_living_wage_each():
    each = D("12.71") * 16 * 52  # 10,574.72 a year
    assert passported.working_parents(ctx(adults=(Adult(30, employment_income_annual=each),)))
    assert not passported.working_parents(ctx(adults=(Adult(30, employment_income_annual=each - 1),)))


# --- the 34 rules: one likely or possible case and one unlikely case each ----------------------------------------

CHILD_UC = dict(children=(Child(2),), rent_monthly=D(500), tenure="RENT_FROM_COUNCIL")
RULE_CASES = [
    ("universal_credit", ctx(), "likely", ctx(adults=(Adult(70),)), "benefits.reason.uc.pension_age"),
    ("new_style_jsa", ctx(), "possible", ctx(adults=(Adult(30, hours_worked_weekly=D(20)),)),
     "benefits.reason.jsa.not_eligible"),
    ("new_style_esa", ctx(adults=(Adult(30, health_limits_work=True),)), "possible", ctx(),
     "benefits.reason.esa.no_health_condition"),
    ("statutory_sick_pay", ctx(adults=(Adult(30, employment_income_annual=D(20000), hours_worked_weekly=D(37),
                                             off_sick=True),)), "likely", ctx(), "benefits.reason.ssp.not_off_sick"),
    ("maternity_allowance", ctx(expecting_baby=True), "possible", ctx(), "benefits.reason.maternity.no_baby"),
    ("pip_adp", ctx(adults=(Adult(30, is_disabled=True),)), "possible", ctx(), "benefits.reason.pip.no_condition"),
    ("dla_cdp", ctx(children=(Child(4, is_disabled=True),)), "possible", ctx(children=(Child(4),)),
     "benefits.reason.dla.no_disabled_child"),
    ("carers_allowance", ctx(adults=(Adult(40, is_carer=True),)), "likely", ctx(),
     "benefits.reason.carers.not_caring"),
    ("access_to_work", ctx(adults=(Adult(40, is_disabled=True, hours_worked_weekly=D(20)),)), "possible", ctx(),
     "benefits.reason.atw.no_condition"),
    ("child_benefit", ctx(children=(Child(3),)), "likely", ctx(), "benefits.reason.child_benefit.no_children"),
    ("scottish_child_payment", ctx(country="SCOTLAND", **CHILD_UC), "likely",
     ctx(country="SCOTLAND", children=(Child(3),), savings=D(20000)), "benefits.reason.needs_uc"),
    ("maternity_grant", ctx(expecting_baby=True), "likely", ctx(expecting_baby=True, children=(Child(4),)),
     "benefits.reason.grant.first_child_only"),
    ("healthy_start", ctx(children=(Child(1),)), "likely",
     ctx(adults=(Adult(30, take_home_monthly=D(409)),), children=(Child(1),)),
     "benefits.reason.healthy_start.earnings"),
    ("free_school_meals", ctx(children=(Child(12),)), "likely", ctx(children=(Child(2),)),
     "benefits.reason.fsm.no_pupils"),
    ("funded_childcare", ctx(children=(Child(3),)), "likely", ctx(children=(Child(6),)),
     "benefits.reason.childcare.no_young_children"),
    ("tax_free_childcare", ctx(adults=(Adult(30, employment_income_annual=D(40000)),), children=(Child(4),)),
     "likely", ctx(children=(Child(4),)), "benefits.reason.tfc.not_working"),
    ("council_tax_reduction", ctx(rent_monthly=D(400), tenure="RENT_FROM_COUNCIL"), "likely",
     ctx(rent_monthly=D(400), tenure="RENT_FROM_COUNCIL", savings=D(20000)), "benefits.reason.savings_over"),
    ("housing_benefit", ctx(adults=(Adult(70),), rent_monthly=D(400), tenure="RENT_FROM_COUNCIL"), "likely",
     ctx(rent_monthly=D(400), tenure="RENT_FROM_COUNCIL"), "benefits.reason.hb.uc_instead"),
    ("pension_credit", ctx(adults=(Adult(70),)), "likely", ctx(adults=(Adult(70), Adult(60))),
     "benefits.reason.pc.mixed_age"),
    ("discretionary_housing_payment", ctx(rent_monthly=D(900), tenure="RENT_PRIVATELY",
                                          lha_monthly={"1": D(700)}, adults=(Adult(40),)), "possible",
     ctx(rent_monthly=D(500), tenure="RENT_FROM_COUNCIL"), "benefits.reason.dhp.no_shortfall"),
    ("budgeting_advance", ctx(benefits_received=frozenset({"universal_credit"})), "possible",
     ctx(savings=D(20000)), "benefits.reason.needs_uc"),
    ("local_crisis_support", ctx(), "possible", None, None),
    ("bereavement_support", ctx(bereaved=True, children=(Child(3),)), "possible", ctx(),
     "benefits.reason.bereavement.not_bereaved"),
    ("nhs_health_costs", ctx(), "likely", ctx(adults=(Adult(30, take_home_monthly=D(3000)),), savings=D(20000)),
     "benefits.reason.savings_over"),
    ("warm_home_discount", ctx(), "likely", ctx(savings=D(20000)), "benefits.reason.needs_uc"),
    ("cold_weather_payment", ctx(children=(Child(2),)), "likely", ctx(), "benefits.reason.cwp.not_qualifying"),
    ("social_tariffs", ctx(), "possible", ctx(savings=D(20000)), "benefits.reason.needs_uc"),
    ("marriage_allowance", ctx(adults=(Adult(40, employment_income_annual=D(30000)), Adult(40))), "possible", ctx(),
     "benefits.reason.marriage.single"),
    ("attendance_allowance", ctx(adults=(Adult(70, is_disabled=True),)), "possible", ctx(adults=(Adult(70),)),
     "benefits.reason.aa.no_condition"),
    ("winter_fuel_payment", ctx(adults=(Adult(70),)), "likely", ctx(), "benefits.reason.winter.not_pension_age"),
    ("free_tv_licence", ctx(adults=(Adult(76),), benefits_received=frozenset({"pension_credit"})), "likely",
     ctx(adults=(Adult(76, state_pension_annual=D(40000)),)), "benefits.reason.tv.needs_pension_credit"),
    ("child_winter_heating_payment", ctx(country="SCOTLAND", children=(Child(8, dla_care="HIGHER"),)), "likely",
     ctx(country="SCOTLAND", children=(Child(8, dla_care="MIDDLE"),)), "benefits.reason.cwhp.no_child"),
    ("school_clothing_grant", ctx(country="SCOTLAND", children=(Child(8),)), "likely",
     ctx(country="SCOTLAND", children=(Child(2),)), "benefits.reason.scg.no_pupils"),
    ("job_start_payment", ctx(country="SCOTLAND", adults=(Adult(20),)), "possible", ctx(country="SCOTLAND"),
     "benefits.reason.jsp.age"),
    ("young_carer_grant", ctx(country="SCOTLAND", adults=(Adult(17, is_carer=True, caring_hours_weekly=D(20)),)),
     "possible", ctx(country="SCOTLAND", adults=(Adult(17),)), "benefits.reason.ycg.not_young_carer"),
]


def test_every_rule_has_a_case():
    assert {case[0] for case in RULE_CASES} == set(RULES)


def test_a_rule_name_defined_in_two_modules_is_refused():
    with pytest.raises(ValueError, match="two tables define child_benefit"):
        merge_tables(RULES, {"child_benefit": cash.decide_child_benefit})


def test_a_context_decides_with_the_rules_it_is_given():
    def uc_always_likely(context):
        return likely("benefits.reason.uc.likely")
    given = Context(Household("ENGLAND", (Adult(30),), savings=D(20000)), Y2026,
                    rules={**RULES, "universal_credit": uc_always_likely})
    assert ctx(savings=D(20000)).decision("warm_home_discount").status == "unlikely"
    assert given.decision("warm_home_discount").status == "likely"  # it follows the given Universal Credit rule
    with pytest.raises(KeyError):
        Context(Household("ENGLAND", (Adult(30),)), Y2026, rules={}).decision("universal_credit")


@pytest.mark.parametrize("name, good, status, bad, reason", RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_rule(name, good, status, bad, reason):
    decision = good.decision(name)
    assert decision.status == status
    assert decision.reason.startswith("benefits.reason.") and all(isinstance(line, Line) for line in decision.lines)
    if bad is not None:
        assert (bad.decision(name).status, bad.decision(name).reason) == ("unlikely", reason)


def test_a_rule_that_depends_on_itself_is_caught():
    context = ctx()
    context._deciding.add("child_benefit")
    with pytest.raises(RuntimeError, match="depends on itself"):
        context.decision("child_benefit")


def test_statutory_sick_pay_is_from_day_one_from_april_2026():
    sick = (Adult(30, employment_income_annual=D(20000), hours_worked_weekly=D(37), off_sick=True),)
    assert ctx(adults=sick, day=Y2026).decision("statutory_sick_pay").reason == \
        "benefits.reason.ssp.likely_from_day_one"
    assert ctx(adults=sick, day=Y2025).decision("statutory_sick_pay").params == {"waiting_days": 3}


def test_free_school_meals_for_every_uc_household_in_england_from_september_2026():
    earner = (Adult(30, employment_income_annual=D(15000), hours_worked_weekly=D(30)),)
    assert ctx(adults=earner, children=(Child(12),), day=dt.date(2026, 8, 31)).decision(
        "free_school_meals").status == "unlikely"
    assert ctx(adults=earner, children=(Child(12),), day=dt.date(2026, 9, 1)).decision(
        "free_school_meals").status == "likely"


def test_england_crisis_help_is_the_crisis_and_resilience_fund_from_april_2026():
    assert ctx(day=dt.date(2026, 3, 31)).decision("local_crisis_support").reason == \
        "benefits.reason.crisis.england_hsf"
    assert ctx(day=dt.date(2026, 4, 1)).decision("local_crisis_support").reason == \
        "benefits.reason.crisis.england_crf"


# --- the fine print (issue 15): bedrooms, carers, pensions, DLA mobility, the cap's exemptions -------------------

BOY, GIRL = "MALE", "FEMALE"


@pytest.mark.parametrize("children, expected", [
    ((Child(12, sex=BOY), Child(14, sex=BOY)), 1),                     # same sex under 16 share (para 10(1)(c))
    ((Child(12, sex=BOY), Child(14, sex=GIRL)), 2),                    # 10-15, different sexes: a room each
    ((Child(3, sex=BOY), Child(8, sex=GIRL)), 1),                      # any two under 10 share (para 10(1)(d))
    ((Child(12), Child(14)), 2),                                       # sex unknown: pair only by the under-10 rule
    ((Child(13, sex=GIRL), Child(4, sex=GIRL), Child(6, sex=BOY)), 2),  # the 13-year-old shares with her sister
    ((Child(17), Child(16, sex=BOY), Child(12, sex=BOY)), 3),          # 16 and over: a room each (para 10(1)(b))
])
def test_child_bedrooms_are_shared_by_the_same_sex_under_16_and_anyone_under_10(children, expected):
    assert housing.child_bedrooms(children) == expected


def test_child_bedrooms_best_case_gives_the_unknown_the_sex_that_shares():
    assert housing.child_bedrooms((Child(12), Child(14, sex=BOY)), best_case=True) == 1
    assert housing.child_bedrooms((Child(12), Child(14, sex=BOY))) == 2


def test_sex_changes_bedrooms_when_an_unknown_sex_could_share():
    assert housing.sex_changes_bedrooms(Household("ENGLAND", ONE_ADULT, (Child(12), Child(14))), R26)
    assert not housing.sex_changes_bedrooms(Household("ENGLAND", ONE_ADULT, (Child(2), Child(4))), R26)
    # five children 10-15 of unknown sex: 1 + 5 rooms or, at best, 1 + 3: both are the LHA's 4
    assert not housing.sex_changes_bedrooms(Household("ENGLAND", ONE_ADULT, tuple(Child(11) for _ in range(5))), R26)


def test_housing_element_says_what_it_assumed_about_sex():
    home = ctx(children=(Child(12), Child(14)), rent_monthly=D(900), tenure="RENT_PRIVATELY",
               lha_monthly={"2": D(700), "3": D(850)})
    amount, lines = housing.housing_element(home)
    assert amount == D("850.00") and lines[-1].message_key == "benefits.line.uc.bedrooms_sex_unknown"
    assert lines[-1].params == {"bedrooms": 3}


def test_lcwra_holder_is_the_partner_who_is_not_caring():
    carer_with_lcwra, other = Adult(40, is_carer=True, has_lcwra=True), Adult(40, has_lcwra=True)
    assert uc.lcwra_holder(Household("ENGLAND", (carer_with_lcwra, other)), R26) == 1
    assert uc.lcwra_holder(Household("ENGLAND", (carer_with_lcwra, Adult(40))), R26) == 0
    assert uc.lcwra_holder(Household("ENGLAND", (Adult(40),)), R26) is None


def test_carer_element_pays_the_carer_when_the_partner_takes_the_lcwra_element():
    # reg. 29(4): both have LCWRA, one cares: one LCWRA element (the partner's) and the carer element
    both = Household("ENGLAND", (Adult(40, is_carer=True, has_lcwra=True), Adult(40, has_lcwra=True)))
    assert uc.carer_element(both, R26) == D("209.34") and uc.carer_element(both, R25) == D("201.68")
    # the carer alone has LCWRA: the LCWRA element only
    alone = Household("ENGLAND", (Adult(40, is_carer=True, has_lcwra=True), Adult(40)))
    assert uc.carer_element(alone, R26) == 0
    # each cares for the other (caring for a partner counts): two elements, 2 x 209.34
    each = Household("ENGLAND", (Adult(40, is_carer=True, cares_for="PARTNER"),
                                 Adult(40, is_carer=True, cares_for="PARTNER")))
    assert uc.carer_element(each, R26) == D("418.68")
    # both care for the household's only child: one element (reg. 29(2)-(3))
    same = Household("ENGLAND", (Adult(40, is_carer=True, cares_for="CHILD"),
                                 Adult(40, is_carer=True, cares_for="CHILD")), (Child(6, dla_care="MIDDLE"),))
    assert uc.carer_element(same, R26) == D("209.34")


def test_pension_monthly_is_state_and_private_pensions_over_12():
    # (12,000 + 1,200) / 12 = 1,100.00
    adult = Adult(67, state_pension_annual=D(12000), private_pension_annual=D(1200))
    assert uc.pension_monthly(adult) == D("1100.00") and uc.pension_monthly(Adult(40)) == 0


def test_disabled_child_addition_is_lower_for_dla_mobility_alone():
    assert uc.disabled_child_addition(Child(6, dla_mobility="LOWER"), R26) == D("164.79")
    assert uc.disabled_child_addition(Child(6, dla_mobility="HIGHER"), R25) == D("158.76")


def test_dla_weekly_adds_the_mobility_part():
    # 2026/27: middle care 76.70 + higher mobility 80.00; 2025/26: lower mobility alone 29.20
    assert disability.dla_weekly(Child(8, dla_care="MIDDLE", dla_mobility="HIGHER"), R26) == D("156.70")
    assert disability.dla_weekly(Child(8, dla_mobility="LOWER"), R25) == D("29.20")


def test_gets_disability_benefit_when_attendance_allowance_or_dla_mobility_alone():
    assert shared.gets_disability_benefit(Household("ENGLAND", (Adult(70, attendance_allowance="LOWER"),)))
    assert shared.gets_disability_benefit(Household("ENGLAND", ONE_ADULT, (Child(6, dla_mobility="LOWER"),)))


def test_carer_cap_exempt_when_carers_allowance_is_received_or_due():
    assert cap.carer_cap_exempt(ctx(benefits_received=frozenset({"carers_allowance"})))
    assert cap.carer_cap_exempt(ctx(adults=(Adult(40, is_carer=True),)))
    assert not cap.carer_cap_exempt(ctx())


def test_rent_shortfall_is_never_more_than_the_rent():
    # rent 2,500, housing element 2,500: a cap of 503.90 leaves 1,996.10 of it paid; one of 3,003.90 leaves none
    assert cap.rent_shortfall(D(2500), D(2500), D("503.90")) == D("503.90")
    assert cap.rent_shortfall(D(2500), D(2500), D("3003.90")) == D(2500)
    # LHA 1,200 on a rent of 1,500, no cap: 300 short
    assert cap.rent_shortfall(D(1500), D(1200), D(0)) == D(300)

# --- pension age (issue #15): State Pension age, the pensioner means test, Pension Credit, Housing Benefit ----------
# Weekly rates (2025/26 -> 2026/27): standard minimum guarantee single 227.10 -> 238.00, couple 346.60 -> 363.25;
# severe disability 82.90 -> 86.05; carer 46.40 -> 48.15; child 67.42 -> 69.98 (first born before 2017 78.10 ->
# 81.07); disabled child 36.54 -> 37.93, severely 114.12 -> 118.46; savings credit threshold single 198.27 ->
# 208.07, maximum single 17.30 -> 17.96. HB: single 227.10 -> 238.00 (higher 244.40 -> 256.00), child 84.66 -> 87.88.

from kiosk.benefits.rules import housing_benefit as hb  # noqa: E402
from kiosk.benefits.rules import pension_age as pa  # noqa: E402
from kiosk.benefits.rules import pension_credit as pc  # noqa: E402
from kiosk.benefits.rules.state_pension_age import state_pension_age_date  # noqa: E402

PENSIONER = Adult(70)


@pytest.mark.parametrize("born, reaches", [
    (dt.date(1953, 1, 10), dt.date(2018, 1, 10)),  # 65 (a man's age)
    (dt.date(1954, 1, 10), dt.date(2019, 5, 6)),  # Pensions Act 2011 Table 3, second step
    (dt.date(1955, 3, 31), dt.date(2021, 3, 31)),  # 66: just before 1 April 2021
    (dt.date(1960, 4, 6), dt.date(2026, 5, 6)),  # 66 and 1 month
    (dt.date(1961, 3, 5), dt.date(2028, 2, 5)),  # 66 and 11 months
    (dt.date(1961, 3, 6), dt.date(2028, 3, 6)),  # 67
])
def test_state_pension_age_date_follows_the_schedule(born, reaches):
    assert state_pension_age_date(born) == reaches


def test_under_state_pension_age_uses_the_birth_date_on_6_october():
    # born 10 May 1960: 66 and 2 months, 10 July 2026, before 6 October 2026; born 1 September 1960: 66 and 5 months,
    # 1 February 2027, after it, though both are 66 on 6 October 2026
    assert not shared.under_state_pension_age(Adult(66, birth_date=dt.date(1960, 5, 10)), R26)
    assert shared.under_state_pension_age(Adult(66, birth_date=dt.date(1960, 9, 1)), R26)


def test_pension_age_household_when_every_adult_is_over():
    assert pa.pension_age_household(Household("ENGLAND", (Adult(70), Adult(66))), R26)
    assert not pa.pension_age_household(Household("ENGLAND", (Adult(70), Adult(65))), R26)


def test_mixed_age_couple_is_one_over_and_one_under():
    assert pa.mixed_age_couple(Household("ENGLAND", (Adult(70), Adult(60))), R26)
    assert not pa.mixed_age_couple(Household("ENGLAND", (Adult(70),)), R26)
    assert not pa.mixed_age_couple(Household("ENGLAND", (Adult(60), Adult(60))), R26)


@pytest.mark.parametrize("savings, weekly", [(D(10000), D(0)), (D("10000.01"), D(1)), (D(10500), D(1)),
                                             (D("10500.01"), D(2)), (D(20000), D(20))])
def test_deemed_income_weekly_is_1_pound_for_each_500_or_part_over_10000(savings, weekly):
    assert pa.deemed_income_weekly(savings, R26) == weekly


def test_gets_higher_disregard_when_caring_or_on_aa_or_pip():
    carer = Adult(70, is_carer=True)
    assert pa.gets_higher_disregard(carer, ctx((carer,)))
    on_aa = Adult(70, attendance_allowance="LOWER")
    assert pa.gets_higher_disregard(on_aa, ctx((on_aa,)))
    assert not pa.gets_higher_disregard(PENSIONER, ctx((PENSIONER,)))


def test_gets_higher_disregard_not_for_a_carer_earning_over_the_carers_allowance_limit():
    # £18,000 a year is £346.15 a week gross, about £311 take-home: over the £196 (2025/26) / £204 (2026/27) limit,
    # so no Carer's Allowance, no carer premium, no carer's £20 (SI 2006/214 Sch. 4 para. 4; SSCBA 1992 s.70(1)(b))
    carer = Adult(50, is_carer=True, employment_income_annual=D(18000), hours_worked_weekly=D(37))
    for day in (Y2025, Y2026):
        assert not pa.gets_higher_disregard(carer, ctx((PENSIONER, carer), day=day))


def test_earnings_disregard_weekly_is_5_single_10_couple_20_carer():
    assert pa.earnings_disregard_weekly(ctx((PENSIONER,))) == 5
    assert pa.earnings_disregard_weekly(ctx((PENSIONER, PENSIONER))) == 10
    assert pa.earnings_disregard_weekly(ctx((PENSIONER, Adult(70, is_carer=True)), day=Y2025)) == 20


def test_pensioner_income_counts_pensions_earnings_less_disregard_and_savings():
    # 9,000 / 52 = 173.08 pension; 2,600 / 52 = 50.00 earnings less 5 = 45.00; 12,000 saved: 4 x £1;
    # 11,600 a year is under the Personal Allowance: no tax. 173.08 + 45.00 + 4 = 222.08
    context = ctx(adults=(Adult(70, state_pension_annual=D(9000), employment_income_annual=D(2600)),),
                  savings=D(12000))
    income = pa.pensioner_income(context)
    assert (income.pensions, income.earnings, income.earnings_disregard, income.deemed, income.tax, income.total) == (
        D("173.08"), D("50.00"), D(5), D(4), D(0), D("222.08"))


def test_gets_severe_disability_benefit_is_aa_or_pip_daily_living():
    assert pc.gets_severe_disability_benefit(Adult(70, attendance_allowance="HIGHER"))
    assert pc.gets_severe_disability_benefit(Adult(70, pip_daily_living="STANDARD"))
    assert not pc.gets_severe_disability_benefit(Adult(70, pip_mobility="ENHANCED"))


def test_severe_disability_count_needs_both_partners_and_no_paid_carer():
    aa = Adult(70, attendance_allowance="LOWER")
    assert pc.severe_disability_count(ctx(adults=(aa,))) == 1
    assert pc.severe_disability_count(ctx(adults=(aa, PENSIONER))) == 0  # the partner gets none
    assert pc.severe_disability_count(ctx(adults=(aa, aa))) == 2
    assert pc.severe_disability_count(ctx(adults=(aa,), children=(Child(19, in_education=False),))) == 0
    carer = Adult(60, attendance_allowance="LOWER", is_carer=True, cares_for="PARTNER")  # paid Carer's Allowance
    assert pc.severe_disability_count(ctx(adults=(aa, carer))) == 1


def test_carer_count_counts_underlying_entitlement_at_pension_age():
    assert pc.carer_count(ctx(adults=(Adult(70, is_carer=True), PENSIONER))) == 1
    assert pc.carer_count(ctx(adults=(PENSIONER,))) == 0


def test_child_gets_dla_when_any_rate():
    assert pc.child_gets_dla(Child(8, dla_mobility="LOWER")) and not pc.child_gets_dla(Child(8))


def test_child_additions_weekly_pays_the_first_higher_and_disabled_extras():
    # 2026/27: eldest 12 (born before 2017) 81.07 + 5-year-old 69.98 = 151.05; disabled extras 37.93 (DLA middle)
    # + 118.46 (DLA highest care) = 156.39
    children = (Child(12, dla_care="MIDDLE"), Child(5, dla_care="HIGHER"))
    assert pc.child_additions_weekly(ctx(adults=(PENSIONER,), children=children)) == (D("151.05"), D("156.39"))


def test_appropriate_amount_parts_are_each_addition():
    # 2025/26 single carer: 227.10 + 46.40
    parts = pc.appropriate_amount_parts(ctx(adults=(Adult(70, is_carer=True),), day=Y2025))
    assert parts == [("benefits.line.pc.standard_single", D("227.10")), ("benefits.line.pc.carer", D("46.40"))]


def test_appropriate_amount_weekly_adds_the_parts():
    # 2026/27 couple, both on AA: 363.25 + 2 x 86.05 = 535.35
    aa = Adult(70, attendance_allowance="HIGHER")
    assert pc.appropriate_amount_weekly(ctx(adults=(aa, aa))) == D("535.35")


def test_can_claim_pension_credit_when_both_over_or_already_getting_it():
    assert pc.can_claim_pension_credit(ctx(adults=(PENSIONER,)))
    assert not pc.can_claim_pension_credit(ctx(adults=(PENSIONER, Adult(60))))
    assert pc.can_claim_pension_credit(ctx(adults=(PENSIONER, Adult(60)),
                                           benefits_received=frozenset({"pension_credit"})))


def test_savings_credit_age_test_is_state_pension_age_before_april_2016():
    assert pc.savings_credit_age_test(ctx(adults=(Adult(80),)))  # born about April 1946
    assert pc.savings_credit_age_test(ctx(adults=(Adult(74, birth_date=dt.date(1951, 4, 5)),)))
    assert not pc.savings_credit_age_test(ctx(adults=(Adult(74, birth_date=dt.date(1951, 4, 6)),)))


def test_guarantee_credit_weekly_is_the_appropriate_amount_less_income():
    # 2026/27: 9,000 / 52 = 173.08; 238.00 - 173.08 = 64.92. 2025/26: 227.10 - 173.08 = 54.02
    adults = (Adult(70, state_pension_annual=D(9000)),)
    assert pc.guarantee_credit_weekly(ctx(adults=adults)) == D("64.92")
    assert pc.guarantee_credit_weekly(ctx(adults=adults, day=Y2025)) == D("54.02")


def test_savings_credit_amount_takes_60_percent_up_to_the_maximum_less_40_percent():
    # 2026/27: 60% x (230.77 - 208.07) = 13.62; income under 238.00, nothing taken
    assert pc.savings_credit_amount(D("230.77"), D("238.00"), False, R26) == D("13.62")
    # 2025/26: 60% x (230.77 - 198.27) = 19.50, capped at 17.30; less 40% x (230.77 - 227.10) = 1.47: 15.83
    assert pc.savings_credit_amount(D("230.77"), D("227.10"), False, R25) == D("15.83")


def test_savings_credit_weekly_needs_the_age_test():
    sp = dict(state_pension_annual=D(12000))  # 230.77 a week
    assert pc.savings_credit_weekly(ctx(adults=(Adult(80, **sp),))) == D("13.62")
    assert pc.savings_credit_weekly(ctx(adults=(Adult(70, **sp),))) == 0


def test_pension_credit_weekly_adds_guarantee_and_savings_credit():
    # 2026/27: guarantee 238.00 - 230.77 = 7.23, savings credit 13.62: 20.85
    assert pc.pension_credit_weekly(ctx(adults=(Adult(80, state_pension_annual=D(12000)),))) == D("20.85")


RENT = dict(rent_monthly=D(500), tenure="RENT_FROM_HA")


def test_pension_age_hb_household_when_all_over_or_already_getting_it():
    assert hb.pension_age_hb_household(ctx(adults=(PENSIONER,), **RENT))
    assert not hb.pension_age_hb_household(ctx(adults=(PENSIONER, Adult(60)), **RENT))
    assert hb.pension_age_hb_household(ctx(adults=(PENSIONER, Adult(60)), **RENT,
                                           benefits_received=frozenset({"housing_benefit"})))


def test_higher_personal_allowance_is_state_pension_age_before_april_2021():
    assert hb.higher_personal_allowance(ctx(adults=(Adult(70, birth_date=dt.date(1955, 3, 31)),)))
    assert not hb.higher_personal_allowance(ctx(adults=(Adult(70, birth_date=dt.date(1955, 4, 1)),)))


def test_hb_capital_over_limit_is_over_16000_without_guarantee_credit():
    rich = dict(state_pension_annual=D(15000))
    assert hb.hb_capital_over_limit(ctx(adults=(Adult(70, **rich),), savings=D(16001), **RENT))
    assert not hb.hb_capital_over_limit(ctx(adults=(Adult(70),), savings=D(16001), **RENT))  # guarantee credit


def test_applicable_amount_parts_are_allowance_children_and_premiums():
    # 2026/27, 67 (SPA after 2021): 238.00; one child 87.88 + disabled child premium 84.46 + enhanced 33.99
    parts = hb.applicable_amount_parts(ctx(adults=(Adult(67),), children=(Child(10, dla_care="HIGHER"),)))
    assert parts == [("benefits.line.hb.allowance_single", D("238.00")), ("benefits.line.hb.children", D("87.88")),
                     ("benefits.line.hb.disabled_children", D("118.45"))]


def test_applicable_amount_weekly_uses_the_higher_rate_before_2021():
    # 2025/26 couple, 80 and 75: SPA before 1 April 2021: 366.00
    assert hb.applicable_amount_weekly(ctx(adults=(Adult(80), Adult(75)), day=Y2025)) == D("366.00")


def test_eligible_rent_caps_private_rent_at_the_lha():
    lha = {"1": D(600)}
    assert hb.eligible_rent(ctx(adults=(PENSIONER,), rent_monthly=D(700), tenure="RENT_PRIVATELY",
                                lha_monthly=lha))[0] == D(600)
    assert hb.eligible_rent(ctx(adults=(PENSIONER,), rent_monthly=D(700), tenure="RENT_FROM_COUNCIL"))[0] == D(700)


def test_hb_income_weekly_adds_savings_credit():
    # 2026/27 aged 80 on 230.77: savings credit 13.62 counts: 244.39
    assert hb.hb_income_weekly(ctx(adults=(Adult(80, state_pension_annual=D(12000)),))) == D("244.39")


def test_hb_taper_weekly_takes_65_percent_over_the_applicable_amount():
    # 2026/27, 72 (SPA before 2021: 256.00): 15,000 / 52 = 288.46; tax (15,000 - 12,570) x 20% = 486 / 52 = 9.35;
    # income 279.11; 65% x (279.11 - 256.00 = 23.11) = 15.02
    assert hb.hb_taper_weekly(ctx(adults=(Adult(72, state_pension_annual=D(15000)),), **RENT)) == D("15.02")


def test_housing_benefit_monthly_is_rent_less_the_taper_and_nothing_under_50p():
    # 500 - 15.02 x 52 / 12 (65.09) = 434.91
    assert hb.housing_benefit_monthly(ctx(adults=(Adult(72, state_pension_annual=D(15000)),), **RENT)) == D(
        "434.91")
    # rent 1 a month (0.23 a week) less 15.02: nothing
    assert hb.housing_benefit_monthly(ctx(adults=(Adult(72, state_pension_annual=D(15000)),), rent_monthly=D(1),
                                          tenure="RENT_FROM_HA")) == 0

# --- pension age and Scotland: predicates and amounts (hand-worked households in test_pension_extras_scotland.py) ---

def _with_pension_credit(decide):
    return Context(Household("ENGLAND", (Adult(70),)), Y2026, rules={**RULES, "pension_credit": decide})


def test_could_get_attendance_allowance_needs_pension_age_and_a_condition():
    assert pension_extras.could_get_attendance_allowance(Adult(66, is_disabled=True), R26)
    assert not pension_extras.could_get_attendance_allowance(Adult(65, is_disabled=True), R26)
    assert not pension_extras.could_get_attendance_allowance(Adult(70), R26)
    assert not pension_extras.could_get_attendance_allowance(Adult(70, is_disabled=True, pip_mobility="STANDARD"), R26)


def test_gets_pension_credit_when_received_or_the_rule_finds_it_likely():
    assert pension_extras.gets_pension_credit(ctx(adults=(Adult(70),), benefits_received=frozenset({"pension_credit"})))
    assert not pension_extras.gets_pension_credit(Context(Household("ENGLAND", (Adult(70),)), Y2026,
                                                       rules={k: v for k, v in RULES.items() if k != "pension_credit"}))
    assert pension_extras.gets_pension_credit(_with_pension_credit(lambda c: likely("benefits.reason.uc.likely")))


def test_may_get_pension_credit_when_the_rule_finds_it_possible():
    assert pension_extras.may_get_pension_credit(_with_pension_credit(lambda c: possible("benefits.reason.if_uc")))
    assert not pension_extras.gets_pension_credit(_with_pension_credit(lambda c: possible("benefits.reason.if_uc")))


def test_on_relevant_benefit_when_pension_credit_or_universal_credit():
    assert pension_extras.on_relevant_benefit(ctx(adults=(Adult(70),), benefits_received=frozenset({"pension_credit"})))
    assert pension_extras.on_relevant_benefit(ctx(adults=(Adult(70), Adult(60))))          # mixed age: UC likely
    assert not pension_extras.on_relevant_benefit(ctx(adults=(Adult(70, state_pension_annual=D(40000)),)))


@pytest.mark.parametrize("rate, rates, weekly", [("LOWER", R25, "73.90"), ("HIGHER", R25, "110.40"),
                                                 ("LOWER", R26, "76.70"), ("HIGHER", R26, "114.60"),
                                                 ("NONE", R26, "0")])
def test_attendance_allowance_weekly_is_the_rate_received(rate, rates, weekly):
    assert pension_extras.attendance_allowance_weekly(Adult(70, attendance_allowance=rate), rates) == D(weekly)


def test_attendance_allowance_range_monthly_is_lower_to_higher():
    # 73.90 x 52 / 12 = 320.23, 110.40 x 52 / 12 = 478.40; 76.70 -> 332.37, 114.60 -> 496.60
    assert pension_extras.attendance_allowance_range_monthly(R25) == (D("320.23"), D("478.40"))
    assert pension_extras.attendance_allowance_range_monthly(R26) == (D("332.37"), D("496.60"))


def test_own_total_income_adds_pay_profit_and_pensions():
    adult = Adult(70, employment_income_annual=D(5000), self_employment_income_annual=D(1000),
                  state_pension_annual=D(12000), private_pension_annual=D(18000))
    assert pension_extras.own_total_income(ctx(adults=(adult,)), adult) == D(36000)


def test_winter_payments_are_shared_by_two_who_qualify_without_a_relevant_benefit():
    amounts = lambda context: [amount for _, amount in pension_extras.winter_payments(context)[0]]
    assert amounts(ctx(adults=(Adult(70), Adult(68, state_pension_annual=D(40000))))) == [D(100), D(100)]
    assert amounts(ctx(adults=(Adult(82), Adult(70, state_pension_annual=D(40000))))) == [D(200), D(100)]
    assert amounts(ctx(adults=(Adult(70), Adult(68)), benefits_received=frozenset({"pension_credit"}))) == [D(200)]
    assert amounts(ctx(adults=(Adult(70), Adult(50)))) == [D(200)]
    assert pension_extras.winter_payments(ctx(adults=(Adult(65),)))[1]               # born 1960-61: can't tell


def test_gets_child_winter_heating_needs_the_highest_care_rate_under_19():
    assert scotland.gets_child_winter_heating(Child(8, dla_care="HIGHER"))
    assert not scotland.gets_child_winter_heating(Child(8, dla_care="MIDDLE", dla_mobility="HIGHER"))
    assert scotland.gets_child_winter_heating(Adult(18, pip_daily_living="ENHANCED"))
    assert not scotland.gets_child_winter_heating(Adult(19, pip_daily_living="ENHANCED"))


def test_is_young_carer_needs_16_hours_and_age_16_to_18_or_19():
    assert scotland.is_young_carer(Adult(18, is_carer=True, caring_hours_weekly=D(16)), R26, Y2026)
    assert not scotland.is_young_carer(Adult(18, is_carer=True, caring_hours_weekly=D(15)), R26, Y2026)
    assert not scotland.is_young_carer(Adult(19, is_carer=True), R25, dt.date(2025, 11, 16))
    assert scotland.is_young_carer(Adult(19, is_carer=True), R25, dt.date(2025, 11, 17))
    assert not scotland.is_young_carer(Adult(20, is_carer=True), R26, Y2026)


def test_young_carer_oldest_age_is_19_from_november_2025():
    assert scotland.young_carer_oldest_age(R25, dt.date(2025, 11, 16)) == 18
    assert scotland.young_carer_oldest_age(R26, Y2026) == 19


def test_best_start_grant_payments_are_by_the_childrens_ages():
    def keys(**extra):
        return [(key.rsplit(".", 1)[1], amount, certain)
                for key, amount, certain in scotland.best_start_grant_payments(ctx(country="SCOTLAND", **extra))]
    assert keys(expecting_baby=True) == [("pregnancy_baby_first", D("796.65"), True)]
    assert keys(expecting_baby=True, children=(Child(8),)) == [("pregnancy_baby_later", D("398.35"), True)]
    assert keys(children=(Child(2),)) == [("early_learning", D("331.95"), True)]
    assert keys(children=(Child(5),), day=dt.date(2026, 9, 1)) == [("school_age", D("331.95"), False)]
    assert keys(children=(Child(5),), day=dt.date(2026, 4, 6)) == []                 # March to May: no window
    assert keys(children=(Child(0, birth_date=dt.date(2026, 1, 10)),), day=dt.date(2026, 9, 1)) == []  # 7 months


def test_best_start_foods_weekly_adds_babies_and_toddlers():
    # 2025/26: 10.80 + 5.40 = 16.20; 2026/27: 11.20 + 5.60 = 16.80
    assert scotland.best_start_foods_weekly(ctx(country="SCOTLAND", children=(Child(0), Child(2)), day=Y2025)) == \
        D("16.20")
    assert scotland.best_start_foods_weekly(ctx(country="SCOTLAND", children=(Child(0), Child(2)))) == D("16.80")
    assert scotland.best_start_foods_weekly(ctx(country="SCOTLAND", children=(Child(3),))) == 0


def test_school_clothing_grant_minimum_is_per_primary_and_secondary_pupil():
    children = (Child(3), Child(6), Child(13), Child(17), Child(17, in_education=False))
    assert scotland.school_clothing_grant_minimum(children, R26) == (D(120), D(300))


def test_job_start_payment_amount_is_higher_with_a_child():
    assert scotland.job_start_payment_amount(ctx(country="SCOTLAND", adults=(Adult(20),), day=Y2025)) == D("319.80")
    assert scotland.job_start_payment_amount(ctx(country="SCOTLAND", adults=(Adult(20),), children=(Child(1),))) \
        == D("531.10")

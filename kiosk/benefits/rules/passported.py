"""Help that follows from the other benefits or from low income ("passported"), and local or discretionary help.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> ctx = Context(Household("ENGLAND", (Adult(age=30),), (Child(age=2),)), dt.date(2026, 4, 6), rules=RULES)
    >>> ctx.decision("healthy_start").status, ctx.decision("healthy_start").monthly   # 241.80 a year / 12
    ('likely', Decimal('20.15'))

Most of this help is given in kind (meals, free prescriptions, cheaper broadband) or as a one-off payment; a
regular money amount is estimated only where the rates are published.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from kiosk.benefits.rates import monthly_from_yearly, pence
from kiosk.benefits.rules.benefit_cap import rent_shortfall
from kiosk.benefits.rules.decisions import ZERO, Context, Decision, Line, Rule, likely, possible, unlikely
from kiosk.benefits.rules.predicates import (gets_disability_benefit, gets_means_tested_benefit, gets_universal_credit,
                                             may_get_universal_credit, under_state_pension_age)
from kiosk.benefits.rules.scotland import decide_best_start_foods, decide_best_start_grant
from kiosk.benefits.rules.universal_credit import universal_credit

ENGLAND_WALES = ("ENGLAND", "WALES")
#: England's Crisis and Resilience Fund replaced the Household Support Fund and DHP from this day.
CRISIS_AND_RESILIENCE_FUND = dt.date(2026, 4, 1)


def _uc_status(ctx: Context, reason_likely: str, **kwargs) -> Decision:
    """Likely when the household gets UC, possible when it may, else unlikely (needs UC)."""
    if gets_universal_credit(ctx):
        return likely(reason_likely, **kwargs)
    if may_get_universal_credit(ctx):
        return possible("benefits.reason.if_uc", **kwargs)
    return unlikely("benefits.reason.needs_uc")


def expecting_or_baby(ctx: Context) -> bool:
    """Someone is expecting a baby, or there is a baby under 1."""
    return ctx.household.expecting_baby or any(child.age == 0 for child in ctx.household.children)


def decide_maternity_grant(ctx: Context) -> Decision:
    """Sure Start Maternity Grant (£500, usually for a first child; SI 2005/3061 reg. 5) for a household on Universal
    Credit, or in Scotland the Best Start Grant with its three payments (``scotland.decide_best_start_grant``)."""
    if ctx.scotland:
        return decide_best_start_grant(ctx)
    if not expecting_or_baby(ctx):
        return unlikely("benefits.reason.maternity.no_baby")
    others = [child for child in ctx.household.children if child.age > 0 and child.age < 16]
    if others:
        return unlikely("benefits.reason.grant.first_child_only")
    one_off = ctx.rates.money("maternity_grant.amount")
    return _uc_status(ctx, "benefits.reason.follows_uc", one_off=one_off, next_steps=("benefits.next.grant_claim",))


def decide_healthy_start(ctx: Context) -> Decision:
    """Healthy Start: pregnancy or a child under 4, on UC with family take-home pay of £408 a month or less; in
    Scotland Best Start Foods, with its own amounts (``scotland.decide_best_start_foods``)."""
    if ctx.scotland:
        return decide_best_start_foods(ctx)
    rates, household = ctx.rates, ctx.household
    babies = [c for c in household.children if c.age == 0]
    toddlers = [c for c in household.children if 1 <= c.age < 4]
    if not (household.expecting_baby or babies or toddlers):
        return unlikely("benefits.reason.no_young_children")
    if ctx.household_net_monthly() > rates.money("healthy_start.uc_earnings_limit"):
        return unlikely("benefits.reason.healthy_start.earnings",
                        params={"limit": rates.money("healthy_start.uc_earnings_limit")})
    yearly = (rates.money("healthy_start.baby_under_1") * len(babies) + rates.money(
        "healthy_start.pregnancy_and_child_1_to_3") * (len(toddlers) + household.expecting_baby))
    monthly = monthly_from_yearly(yearly)
    lines = (Line("benefits.line.yearly_rate", monthly, {"yearly": yearly}),)
    return _uc_status(ctx, "benefits.reason.follows_uc", monthly=monthly, lines=lines,
                      next_steps=("benefits.next.healthy_start_apply",))


def decide_free_school_meals(ctx: Context) -> Decision:
    """Free school meals: every infant (and all primary pupils in Wales, P1 to P5 in Scotland); older pupils when
    on UC (in England with earnings of £7,400 a year or less, until every UC household qualifies in September 2026)."""
    rates, household = ctx.rates, ctx.household
    pupils = [child for child in household.children if 4 <= child.age <= 18]
    if not pupils:
        return unlikely("benefits.reason.fsm.no_pupils")
    universal_to = {"ENGLAND": 7, "WALES": 11, "SCOTLAND": 10}[household.country]
    steps = ("benefits.next.fsm_school",)
    if household.country == "ENGLAND" and ctx.on_date < rates["free_school_meals.england_every_uc_household_from"]:
        if ctx.household_net_monthly() * 12 > rates.money("free_school_meals.england_uc_earnings_limit"):
            if any(child.age <= universal_to for child in pupils):
                return likely("benefits.reason.fsm.universal", in_kind=True, next_steps=steps)
            return unlikely("benefits.reason.fsm.earnings",
                            params={"limit": rates.money("free_school_meals.england_uc_earnings_limit")})
    decision = _uc_status(ctx, "benefits.reason.follows_uc", in_kind=True, next_steps=steps)
    if decision.status != "likely" and any(child.age <= universal_to for child in pupils):
        return likely("benefits.reason.fsm.universal", in_kind=True, next_steps=steps)
    return decision


def working_parents(ctx: Context) -> bool:
    """Every adult earns at least 16 hours a week at the National Living Wage, and none over £100,000 a year."""
    rates = ctx.rates
    least = rates.money("funded_childcare.working_parent_hours") * rates.money("minimum_wage.national_living_wage")
    limit = rates.money("funded_childcare.working_parent_income_limit")
    return all(least <= ctx.gross_annual(adult) / 52 and ctx.gross_annual(adult) <= limit
               for adult in ctx.household.adults)


def decide_funded_childcare(ctx: Context) -> Decision:
    """Free early education and childcare: for every 3 and 4 year old; for 2 year olds on UC (England: earnings of
    £15,400 a year or less); from 9 months for working parents in England."""
    household, rates = ctx.household, ctx.rates
    ages = [child.age for child in household.children if child.age <= 4]
    if not ages:
        return unlikely("benefits.reason.childcare.no_young_children")
    steps = ("benefits.next.childcare_council",)
    if any(age >= 3 for age in ages):
        return likely("benefits.reason.childcare.three_four", in_kind=True, next_steps=steps)
    if household.country == "ENGLAND" and working_parents(ctx):
        return likely("benefits.reason.childcare.working", in_kind=True, next_steps=steps)
    if 2 in ages:
        limit = rates.money("funded_childcare.two_year_old_uc_earnings_limit")
        low_earnings = ctx.household_net_monthly() * 12 <= limit
        if household.country == "ENGLAND" and not low_earnings:
            return unlikely("benefits.reason.childcare.two_earnings")
        return _uc_status(ctx, "benefits.reason.childcare.two", in_kind=True, next_steps=steps)
    return possible("benefits.reason.childcare.later", in_kind=True, next_steps=steps)


def decide_tax_free_childcare(ctx: Context) -> Decision:
    """Tax-Free Childcare: 20% top-up on childcare, up to £2,000 a year a child (£4,000 if disabled), for working
    parents not on UC."""
    household, rates = ctx.household, ctx.rates
    children = [c for c in household.children if c.age < rates["tax_free_childcare.child_age_limit"] or (
        c.is_disabled and c.age < rates["tax_free_childcare.disabled_child_age_limit"])]
    if not children:
        return unlikely("benefits.reason.tfc.no_children")
    if not working_parents(ctx):
        return unlikely("benefits.reason.tfc.not_working")
    if gets_universal_credit(ctx):
        return unlikely("benefits.reason.tfc.on_uc")
    cap = sum((rates.money("tax_free_childcare.max_per_disabled_child" if c.is_disabled
                           else "tax_free_childcare.max_per_child") for c in children), ZERO)
    monthly = min(pence(household.childcare_monthly * rates.money("tax_free_childcare.top_up_share")),
                  monthly_from_yearly(cap))
    lines = (Line("benefits.line.tfc.top_up", monthly, {"costs": household.childcare_monthly, "cap": cap}),)
    return likely("benefits.reason.tfc.likely", monthly=monthly, lines=lines if monthly else (),
                  params={"cap": cap}, next_steps=("benefits.next.tfc_apply",))




def decide_discretionary_housing_payment(ctx: Context) -> Decision:
    """Extra help with rent when UC or Housing Benefit does not cover it (in England, part of the Crisis and
    Resilience Fund from 1 April 2026)."""
    household = ctx.household
    if not household.rents or not (gets_universal_credit(ctx) or "housing_benefit" in household.benefits_received):
        return unlikely("benefits.reason.dhp.not_renting_on_benefits")
    calculation = universal_credit(ctx)
    shortfall = rent_shortfall(household.rent_monthly, calculation.housing_element, calculation.benefit_cap_reduction)
    if shortfall <= 0:
        return unlikely("benefits.reason.dhp.no_shortfall")
    crf = household.country == "ENGLAND" and ctx.on_date >= CRISIS_AND_RESILIENCE_FUND
    return possible("benefits.reason.dhp.crf" if crf else "benefits.reason.dhp.possible",
                    params={"shortfall": shortfall}, next_steps=("benefits.next.council_apply",))


def decide_budgeting_advance(ctx: Context) -> Decision:
    """A Budgeting Advance: a loan from UC after 6 months on it, for low earners, less savings over £1,000."""
    household, rates = ctx.household, ctx.rates
    if not gets_universal_credit(ctx):
        return unlikely("benefits.reason.needs_uc")
    who = "max_with_children" if household.children else ("max_couple" if household.is_couple else "max_single")
    earnings_limit = rates.money("budgeting_advance.earnings_limit_" + ("couple" if household.is_couple else "single"))
    if ctx.household_net_monthly() * 6 > earnings_limit:
        return unlikely("benefits.reason.budgeting.earnings", params={"limit": earnings_limit})
    most = rates.money(f"budgeting_advance.{who}") - max(
        ZERO, household.savings - rates.money("budgeting_advance.savings_disregard"))
    if most < rates.money("budgeting_advance.minimum"):
        return unlikely("benefits.reason.budgeting.savings")
    params = {"low": rates.money("budgeting_advance.minimum"), "high": most}
    if "universal_credit" in household.benefits_received:
        return possible("benefits.reason.budgeting.possible", params=params, one_off=most,
                        next_steps=("benefits.next.uc_journal",))
    return possible("benefits.reason.budgeting.after_6_months", params=params, one_off=most)


def decide_local_crisis_support(ctx: Context) -> Decision:
    """Emergency help from the council or the Welsh and Scottish funds, open to anyone in crisis."""
    country = ctx.household.country
    if country == "WALES":
        reason = "benefits.reason.crisis.wales"
    elif country == "SCOTLAND":
        reason = "benefits.reason.crisis.scotland"
    elif ctx.on_date >= CRISIS_AND_RESILIENCE_FUND:
        reason = "benefits.reason.crisis.england_crf"
    else:
        reason = "benefits.reason.crisis.england_hsf"
    return possible(reason, next_steps=("benefits.next.council_apply",))


def decide_bereavement_support(ctx: Context) -> Decision:
    """Bereavement Support Payment after a husband, wife or partner died (higher with children or a baby due), and
    Funeral Expenses Payment for people on UC in England and Wales."""
    household, rates = ctx.household, ctx.rates
    if not household.bereaved:
        return unlikely("benefits.reason.bereavement.not_bereaved")
    if not any(under_state_pension_age(adult, rates) for adult in household.adults):
        return unlikely("benefits.reason.uc.pension_age")
    rate = "higher" if household.children or household.expecting_baby else "standard"
    monthly, lump = rates.money(f"bereavement.{rate}_monthly"), rates.money(f"bereavement.{rate}_lump_sum")
    lines = [Line("benefits.line.bereavement.payments", monthly, {"lump": lump})]
    if household.country in ENGLAND_WALES and may_get_universal_credit(ctx):
        lines.append(Line("benefits.line.bereavement.funeral", None,
                          {"most": rates.money("bereavement.funeral_other_costs")}, kind="note"))
    return possible("benefits.reason.bereavement.possible", monthly=monthly, one_off=lump, lines=tuple(lines),
                    next_steps=("benefits.next.bereavement_claim",))


def decide_nhs_health_costs(ctx: Context) -> Decision:
    """Free prescriptions, dental care, sight tests and travel to hospital: on UC with low take-home pay, or through
    the NHS Low Income Scheme. Prescriptions are free for everyone in Wales and Scotland."""
    household, rates = ctx.household, ctx.rates
    steps = ("benefits.next.nhs_hc1",)
    if household.country != "ENGLAND":
        return likely("benefits.reason.nhs.free_prescriptions", in_kind=True, next_steps=steps)
    limit_key = "nhs_health_costs.uc_earnings_limit"
    if gets_universal_credit(ctx):
        calculation = universal_credit(ctx)
        if calculation.child_element or calculation.lcwra_element or any(a.has_lcwra for a in household.adults):
            limit_key = "nhs_health_costs.uc_earnings_limit_with_children_or_lcw"
        if ctx.household_net_monthly() <= rates.money(limit_key):
            return likely("benefits.reason.nhs.uc", params={"limit": rates.money(limit_key)}, in_kind=True)
    if household.savings > rates.money("nhs_health_costs.capital_limit"):
        return unlikely("benefits.reason.savings_over", params={"limit": rates.money("nhs_health_costs.capital_limit")})
    return possible("benefits.reason.nhs.low_income_scheme",
                    params={"charge": rates.money("nhs_health_costs.prescription_charge")}, in_kind=True,
                    next_steps=steps)


def decide_warm_home_discount(ctx: Context) -> Decision:
    """Warm Home Discount: £150 off the electricity bill each winter, automatic on UC, Pension Credit or Housing
    Benefit in England and Wales; in Scotland most people apply to their supplier."""
    yearly = ctx.rates.money("warm_home_discount.amount")
    monthly = monthly_from_yearly(yearly)
    lines = (Line("benefits.line.yearly_rate", monthly, {"yearly": yearly}),)
    if not gets_means_tested_benefit(ctx) and not may_get_universal_credit(ctx):
        return unlikely("benefits.reason.needs_uc")
    if ctx.scotland:
        return possible("benefits.reason.whd.scotland", monthly=monthly, one_off=yearly, lines=lines,
                        next_steps=("benefits.next.whd_supplier",))
    if gets_means_tested_benefit(ctx):
        return likely("benefits.reason.whd.automatic", monthly=monthly, one_off=yearly, lines=lines)
    return possible("benefits.reason.if_uc", monthly=monthly, one_off=yearly, lines=lines)


def decide_cold_weather_payment(ctx: Context) -> Decision:
    """Cold Weather Payment (England and Wales): £25 for each very cold week, on UC without paid work and with a
    health element, a disabled child or a child under 5. In Scotland: the yearly Winter Heating Payment."""
    household = ctx.household
    if ctx.scotland:
        return _uc_status(ctx, "benefits.reason.cwp.scotland")
    if any(adult.in_work for adult in household.adults):
        return unlikely("benefits.reason.cwp.in_work")
    qualifies = (any(adult.has_lcwra for adult in household.adults)
                 or any(child.is_disabled or child.dla_care != "NONE" or child.age < 5 for child in household.children))
    if not qualifies:
        return unlikely("benefits.reason.cwp.not_qualifying")
    return _uc_status(ctx, "benefits.reason.cwp.likely", one_off=ctx.rates.money("cold_weather_payment.per_cold_spell"))


def decide_social_tariffs(ctx: Context) -> Decision:
    """Cheaper broadband, phone and water deals for people on UC, Pension Credit or (with some firms) PIP."""
    steps = ("benefits.next.social_tariff_provider",)
    if gets_means_tested_benefit(ctx) or gets_disability_benefit(ctx.household):
        return possible("benefits.reason.social_tariffs.possible", in_kind=True, next_steps=steps)
    if may_get_universal_credit(ctx):
        return possible("benefits.reason.if_uc", in_kind=True, next_steps=steps)
    return unlikely("benefits.reason.needs_uc")


#: This module's rules by the names ``assets/rules/benefits.toml`` uses.
RULES: dict[str, Rule] = {
    "maternity_grant": decide_maternity_grant,
    "healthy_start": decide_healthy_start,
    "free_school_meals": decide_free_school_meals,
    "funded_childcare": decide_funded_childcare,
    "tax_free_childcare": decide_tax_free_childcare,
    "discretionary_housing_payment": decide_discretionary_housing_payment,
    "budgeting_advance": decide_budgeting_advance,
    "local_crisis_support": decide_local_crisis_support,
    "bereavement_support": decide_bereavement_support,
    "nhs_health_costs": decide_nhs_health_costs,
    "warm_home_discount": decide_warm_home_discount,
    "cold_weather_payment": decide_cold_weather_payment,
    "social_tariffs": decide_social_tariffs,
}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    expecting_or_baby, working_parents)}

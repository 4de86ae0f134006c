"""Money benefits other than Universal Credit that we can estimate: Child Benefit (with the High Income Child Benefit
Charge), New Style JSA and ESA, Carer's Allowance / Carer Support Payment, Statutory Sick Pay, Maternity Allowance,
Scottish Child Payment and Marriage Allowance.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> ctx = Context(Household("ENGLAND", (Adult(age=30),), (Child(age=3), Child(age=1))), dt.date(2026, 4, 6),
    ...               rules=RULES)
    >>> ctx.decision("child_benefit").monthly      # (27.05 + 17.90) x 52 / 12
    Decimal('194.78')

Weekly rates become monthly amounts by x 52 / 12. New Style JSA and ESA depend on National Insurance paid in
earlier years, which we do not ask about, so they are at best "possible".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Adult, Household
from kiosk.benefits.rates import Rates, monthly_from_weekly, pence
from kiosk.benefits.rules.decisions import ZERO, Context, Decision, Line, Rule, likely, possible, unlikely
from kiosk.benefits.rules.predicates import (cares_35_hours, gets_universal_credit, may_get_universal_credit,
                                             partners_care_for_same_person, qualifying_child,
                                             under_state_pension_age)
from kiosk.benefits.tax import child_benefit_charge


def weekly_gross(adult: Adult, ctx: Context) -> Decimal:
    """The adult's average gross pay a week."""
    return ctx.gross_annual(adult) / 52


def weekly_net(adult: Adult, ctx: Context) -> Decimal:
    """The adult's take-home pay a week."""
    return ctx.net_monthly(adult) * 12 / 52


def _already(benefit: str, ctx: Context) -> bool:
    return benefit in ctx.household.benefits_received


# --- Child Benefit -------------------------------------------------------------------------------------------


def child_benefit_weekly(household: Household, rates: Rates) -> Decimal:
    """Child Benefit a week: the eldest rate for one child, the additional rate for each other (no limit)."""
    count = sum(1 for child in household.children if qualifying_child(child))
    if not count:
        return ZERO
    return rates.money("child_benefit.eldest") + rates.money("child_benefit.additional") * (count - 1)


def child_benefit_gross_monthly(household: Household, rates: Rates) -> Decimal:
    """Child Benefit a month before any High Income Child Benefit Charge."""
    return monthly_from_weekly(child_benefit_weekly(household, rates))


def adjusted_net_income(adult: Adult, ctx: Context) -> Decimal:
    """The adult's adjusted net income for a year, as the High Income Child Benefit Charge tests it (ITEPA 2003
    s.681H, Income Tax Act 2007 s.58): all taxable income, not only pay: gross pay, self-employed profit, State
    Pension and other pensions (no pension contributions or Gift Aid, which the kiosk does not ask about)."""
    return (ctx.gross_annual(adult) + adult.self_employment_income_annual + adult.state_pension_annual
            + adult.private_pension_annual)


def decide_child_benefit(ctx: Context) -> Decision:
    """Child Benefit for each child, less the High Income Child Benefit Charge on the adjusted net income of the
    partner with the higher one (ITEPA 2003 ss.681B-681D)."""
    household, rates = ctx.household, ctx.rates
    weekly = child_benefit_weekly(household, rates)
    steps = ("benefits.next.child_benefit_claim",)
    if not weekly:
        if household.expecting_baby:
            return possible("benefits.reason.child_benefit.after_birth", next_steps=steps)
        return unlikely("benefits.reason.child_benefit.no_children")
    gross = child_benefit_gross_monthly(household, rates)
    income = max(adjusted_net_income(adult, ctx) for adult in household.adults)
    charge = pence(child_benefit_charge(weekly * 52, income, rates) / 12)
    lines = [Line("benefits.line.child_benefit.rates", gross, {"weekly": weekly})]
    if charge:
        lines.append(Line("benefits.line.child_benefit.charge", charge, {"income": income}, kind="subtract"))
    monthly = gross - charge
    lines.append(Line("benefits.line.total", monthly, kind="total"))
    if monthly <= 0:
        return possible("benefits.reason.child_benefit.charge_all", lines=tuple(lines), next_steps=steps)
    return likely("benefits.reason.child_benefit.likely", monthly=monthly, lines=tuple(lines), next_steps=steps)


# --- New Style JSA and ESA -----------------------------------------------------------------------------------


def jsa_weekly(adult: Adult, ctx: Context) -> Decimal:
    """New Style JSA a week: the rate for the age, less earnings over £5 a week."""
    rates = ctx.rates
    rate = rates.money("new_style_jsa." + ("under_25" if adult.age < 25 else "age_25_or_over"))
    over = max(ZERO, weekly_net(adult, ctx) - rates.money("new_style_jsa.earnings_disregard"))
    return max(ZERO, pence(rate - over))


def could_get_jsa(adult: Adult, rates: Rates) -> bool:
    """Under State Pension age, 18 or over, able to work, and working under 16 hours a week."""
    return (under_state_pension_age(adult, rates) and adult.age >= 18 and not adult.cannot_work
            and not adult.has_lcwra and adult.hours_worked_weekly < rates["new_style_jsa.hours_limit"])


def decide_new_style_jsa(ctx: Context) -> Decision:
    """New Style JSA: possible for anyone under State Pension age who can work and works under 16 hours, if they
    paid enough National Insurance in the last two tax years (which we do not ask)."""
    rates = ctx.rates
    adults = [adult for adult in ctx.household.adults if could_get_jsa(adult, rates)]
    weekly = sum((jsa_weekly(adult, ctx) for adult in adults), ZERO)
    monthly = monthly_from_weekly(weekly)
    lines = (Line("benefits.line.weekly_rate", monthly, {"weekly": weekly}),)
    steps = ("benefits.next.jsa_claim",)
    if _already("new_style_jsa", ctx):
        return likely("benefits.reason.already_get", monthly=monthly, lines=lines)
    if not adults:
        hours = int(rates["new_style_jsa.hours_limit"])
        return unlikely("benefits.reason.jsa.not_eligible", params={"hours": hours})
    if weekly <= 0:
        return unlikely("benefits.reason.jsa.earnings_too_high")
    return possible("benefits.reason.jsa.possible", monthly=monthly, lines=lines, next_steps=steps)


def esa_weekly(adult: Adult, rates: Rates) -> Decimal:
    """New Style ESA a week: the assessment rate for the age; in the support group (LCWRA) the 25-and-over rate
    plus the support component."""
    if adult.has_lcwra:
        return rates.money("new_style_esa.age_25_or_over") + rates.money("new_style_esa.support_component")
    return rates.money("new_style_esa." + ("under_25" if adult.age < 25 else "age_25_or_over"))


def could_get_esa(adult: Adult, rates: Rates) -> bool:
    """Under State Pension age, 16 or over, a condition that limits work, under 16 hours' work, not on sick pay."""
    limited = adult.health_limits_work or adult.cannot_work or adult.has_lcwra
    return (under_state_pension_age(adult, rates) and limited and not adult.off_sick
            and adult.hours_worked_weekly < rates["new_style_esa.permitted_work_hours"])


def decide_new_style_esa(ctx: Context) -> Decision:
    """New Style ESA: possible for someone whose health limits their work, with enough National Insurance."""
    rates = ctx.rates
    adults = [adult for adult in ctx.household.adults if could_get_esa(adult, rates)]
    weekly = sum((esa_weekly(adult, rates) for adult in adults), ZERO)
    monthly = monthly_from_weekly(weekly)
    lines = (Line("benefits.line.weekly_rate", monthly, {"weekly": weekly}),)
    if _already("new_style_esa", ctx):
        return likely("benefits.reason.already_get", monthly=monthly, lines=lines)
    if not adults:
        return unlikely("benefits.reason.esa.no_health_condition")
    return possible("benefits.reason.esa.possible", monthly=monthly, lines=lines,
                    next_steps=("benefits.next.fit_note", "benefits.next.esa_claim"))


# --- Carer's Allowance / Carer Support Payment ---------------------------------------------------------------


def carers_allowance_earnings_ok(adult: Adult, ctx: Context) -> bool:
    """Earnings after tax and National Insurance are within the weekly earnings limit."""
    return weekly_net(adult, ctx) <= ctx.rates.money("carers_allowance.earnings_limit")


def _carers_allowance_conditions(adult: Adult, ctx: Context) -> bool:
    rates = ctx.rates
    return (cares_35_hours(adult, rates) and adult.age >= rates["carers_allowance.min_age"]
            and under_state_pension_age(adult, rates) and carers_allowance_earnings_ok(adult, ctx))


def gets_carers_allowance(adult: Adult, ctx: Context) -> bool:
    """Cares 35 hours a week, is 16 or over and under State Pension age, and earns within the limit. (We take it
    that the person cared for gets a qualifying disability benefit, as the UC carer element also needs.) Partners
    who care for the same person: only one of them, the first adult if they can have it (SSCBA 1992 s.70(7))."""
    if not _carers_allowance_conditions(adult, ctx):
        return False
    adults = ctx.household.adults
    return not (len(adults) == 2 and adult is adults[1] and partners_care_for_same_person(ctx.household)
                and _carers_allowance_conditions(adults[0], ctx))


def carers_allowance_counted_monthly(ctx: Context) -> Decimal:
    """Carer's Allowance a month for everyone who would get it: what UC counts as income (the Scottish Carer
    Supplement is not counted)."""
    carers = [adult for adult in ctx.household.adults if gets_carers_allowance(adult, ctx)]
    return monthly_from_weekly(ctx.rates.money("carers_allowance.weekly_rate") * len(carers))


def decide_carers_allowance(ctx: Context) -> Decision:
    """Carer's Allowance (Carer Support Payment in Scotland, with the weekly Scottish Carer Supplement)."""
    rates, adults = ctx.rates, ctx.household.adults
    carers = [adult for adult in adults if gets_carers_allowance(adult, ctx)]
    if not carers:
        if any(cares_35_hours(adult, rates) for adult in adults):
            return unlikely("benefits.reason.carers.earnings_too_high",
                            params={"limit": rates.money("carers_allowance.earnings_limit")})
        hours = int(rates["carers_allowance.min_hours"])
        return unlikely("benefits.reason.carers.not_caring", params={"hours": hours})
    weekly = rates.money("carers_allowance.weekly_rate") * len(carers)
    lines = [Line("benefits.line.weekly_rate", monthly_from_weekly(weekly), {"weekly": weekly})]
    if ctx.scotland:
        supplement = rates.money("carers_allowance.scottish_carer_supplement") * len(carers)
        lines.append(Line("benefits.line.carers.scottish_supplement", monthly_from_weekly(supplement),
                          {"weekly": supplement}))
        weekly += supplement
    monthly = monthly_from_weekly(weekly)
    lines.append(Line("benefits.line.total", monthly, kind="total"))
    if may_get_universal_credit(ctx):
        lines.append(Line("benefits.line.carers.uc_counts_it", None, kind="note"))
    return likely("benefits.reason.carers.likely", monthly=monthly, lines=tuple(lines),
                  next_steps=("benefits.next.carers_claim",))


# --- Statutory Sick Pay and Maternity Allowance --------------------------------------------------------------


def ssp_weekly(adult: Adult, ctx: Context) -> Decimal:
    """Statutory Sick Pay a week: until 5 April 2026 the flat rate if average pay reaches the Lower Earnings Limit;
    from 6 April 2026 the lower of the flat rate and 80% of average pay, with no earnings limit."""
    rates, pay = ctx.rates, weekly_gross(adult, ctx)
    if rates["statutory_sick_pay.lower_earnings_limit_applies"] and pay < rates.money(
            "national_insurance.lower_earnings_limit"):
        return ZERO
    return pence(min(rates.money("statutory_sick_pay.weekly_rate"),
                     pay * rates.money("statutory_sick_pay.share_of_earnings")))


def decide_statutory_sick_pay(ctx: Context) -> Decision:
    """Statutory Sick Pay from the employer, for an employee off sick (up to 28 weeks)."""
    sick = [adult for adult in ctx.household.adults if adult.off_sick and adult.in_work]
    if not sick:
        return unlikely("benefits.reason.ssp.not_off_sick")
    weekly = sum((ssp_weekly(adult, ctx) for adult in sick), ZERO)
    if weekly <= 0:
        return unlikely("benefits.reason.ssp.earnings_too_low",
                        params={"limit": ctx.rates.money("national_insurance.lower_earnings_limit")},
                        next_steps=("benefits.next.esa_claim",))
    monthly = monthly_from_weekly(weekly)
    waiting = int(ctx.rates["statutory_sick_pay.waiting_days"])
    reason = "benefits.reason.ssp.likely_waiting_days" if waiting else "benefits.reason.ssp.likely_from_day_one"
    return likely(reason, monthly=monthly, params={"waiting_days": waiting} if waiting else {},
                  lines=(Line("benefits.line.weekly_rate", monthly, {"weekly": weekly}),),
                  next_steps=("benefits.next.ssp_employer",))


def maternity_allowance_weekly(adult: Adult, ctx: Context) -> Decimal:
    """Maternity Allowance a week: the standard rate, or 90% of average weekly pay if lower."""
    rates, pay = ctx.rates, weekly_gross(adult, ctx)
    standard = rates.money("maternity_allowance.standard_rate")
    if pay <= 0:
        return standard
    return pence(min(standard, pay * rates.money("maternity_allowance.share_of_earnings")))


def decide_maternity_allowance(ctx: Context) -> Decision:
    """Maternity Allowance: expecting a baby (or a baby under 1), with 26 weeks' work in the last 66; someone who
    earns enough from an employer usually gets Statutory Maternity Pay instead."""
    household, rates = ctx.household, ctx.rates
    baby = household.expecting_baby or any(child.age == 0 for child in household.children)
    if not baby:
        return unlikely("benefits.reason.maternity.no_baby")
    adults = [adult for adult in household.adults if under_state_pension_age(adult, rates)]
    if not adults:
        return unlikely("benefits.reason.maternity.no_baby")
    earner = max(adults, key=lambda adult: weekly_gross(adult, ctx))
    weekly = maternity_allowance_weekly(earner, ctx)
    monthly = monthly_from_weekly(weekly)
    lines = (Line("benefits.line.weekly_rate", monthly, {"weekly": weekly}),)
    if _already("maternity_allowance", ctx):
        return likely("benefits.reason.already_get", monthly=monthly, lines=lines)
    if weekly_gross(earner, ctx) >= rates.money("national_insurance.lower_earnings_limit"):
        return possible("benefits.reason.maternity.smp_instead", monthly=monthly, lines=lines,
                        next_steps=("benefits.next.maternity_employer",))
    return possible("benefits.reason.maternity.possible", monthly=monthly, lines=lines,
                    params={"earnings": rates.money("maternity_allowance.earnings_threshold")},
                    next_steps=("benefits.next.maternity_claim",))


# --- Scottish Child Payment and Marriage Allowance ------------------------------------------------------------


def decide_scottish_child_payment(ctx: Context) -> Decision:
    """Scottish Child Payment: each child under 16 in Scotland, in a household on Universal Credit."""
    rates = ctx.rates
    children = [child for child in ctx.household.children if child.age < rates["scottish_child_payment.max_age"]]
    if not children:
        return unlikely("benefits.reason.no_young_children")
    weekly = rates.money("scottish_child_payment.weekly_rate") * len(children)
    monthly = monthly_from_weekly(weekly)
    lines = (Line("benefits.line.per_child_weekly", monthly, {"weekly": weekly, "count": len(children)}),)
    steps = ("benefits.next.social_security_scotland",)
    if gets_universal_credit(ctx):
        return likely("benefits.reason.follows_uc", monthly=monthly, lines=lines, next_steps=steps)
    if may_get_universal_credit(ctx):
        return possible("benefits.reason.if_uc", monthly=monthly, lines=lines, next_steps=steps)
    return unlikely("benefits.reason.needs_uc")


def decide_marriage_allowance(ctx: Context) -> Decision:
    """Marriage Allowance: a married couple or civil partners where one earns under the Personal Allowance and the
    other pays tax at the basic rate (in Scotland: starter, basic or intermediate)."""
    household, rates = ctx.household, ctx.rates
    if not household.is_couple:
        return unlikely("benefits.reason.marriage.single")
    allowance = rates.money("income_tax.personal_allowance")
    top = allowance + rates.money("income_tax.scotland_intermediate_band_top" if ctx.scotland
                                  else "income_tax.basic_rate_band")
    low, high = sorted(ctx.gross_annual(adult) for adult in household.adults)
    if low >= allowance or not allowance < high <= top:
        return unlikely("benefits.reason.marriage.incomes", params={"allowance": allowance})
    saving = rates.money("marriage_allowance.transfer") * rates.money("income_tax.basic_rate")
    monthly = pence(saving / 12)
    return possible("benefits.reason.marriage.possible", monthly=monthly, params={"yearly": saving},
                    lines=(Line("benefits.line.marriage.saving", monthly, {"yearly": saving}),),
                    next_steps=("benefits.next.marriage_apply",))


#: This module's rules by the names ``assets/rules/benefits.toml`` uses.
RULES: dict[str, Rule] = {
    "child_benefit": decide_child_benefit,
    "new_style_jsa": decide_new_style_jsa,
    "new_style_esa": decide_new_style_esa,
    "carers_allowance": decide_carers_allowance,
    "statutory_sick_pay": decide_statutory_sick_pay,
    "maternity_allowance": decide_maternity_allowance,
    "scottish_child_payment": decide_scottish_child_payment,
    "marriage_allowance": decide_marriage_allowance,
}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    could_get_jsa, could_get_esa, carers_allowance_earnings_ok, gets_carers_allowance)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    child_benefit_weekly, child_benefit_gross_monthly, jsa_weekly, esa_weekly, carers_allowance_counted_monthly,
    ssp_weekly, maternity_allowance_weekly)}

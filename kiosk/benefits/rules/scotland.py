"""Payments from Social Security Scotland and Scottish councils, with their amounts: the Best Start Grant and Best
Start Foods (the Scottish forms of the maternity grant and Healthy Start), Child Winter Heating Payment, School
Clothing Grant, Job Start Payment and Young Carer Grant.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> ctx = Context(Household("SCOTLAND", (Adult(age=30),), (Child(age=2),)), dt.date(2026, 4, 6), rules=RULES)
    >>> ctx.decision("maternity_grant").one_off        # the Early Learning Payment
    Decimal('331.95')
    >>> ctx.decision("healthy_start").monthly          # Best Start Foods: 5.60 x 52 / 12
    Decimal('24.27')

``kiosk.benefits.rules.passported`` hands its maternity grant and Healthy Start rules to this module for a household
in Scotland. Most figures here are worked out from last year's by CPI and marked ``unverified`` in the rates files.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Adult, Child
from kiosk.benefits.rates import Rates, monthly_from_weekly
from kiosk.benefits.rules.decisions import ZERO, Context, Decision, Line, Rule, likely, possible, unlikely
from kiosk.benefits.rules.predicates import (gets_means_tested_benefit, gets_universal_credit,
                                             may_get_universal_credit, qualifying_child, responsible_for_child)

APPLY = ("benefits.next.social_security_scotland_apply",)


def _on_benefit_status(ctx: Context, reason_likely: str, **kwargs) -> Decision:
    """Likely on UC, Pension Credit or Housing Benefit; possible when UC may be due; else unlikely."""
    if gets_means_tested_benefit(ctx):
        return likely(reason_likely, **kwargs)
    if may_get_universal_credit(ctx):
        return possible("benefits.reason.if_uc", **kwargs)
    return unlikely("benefits.reason.needs_uc")


def _months_old(child: Child, on_date: dt.date) -> int | None:
    if child.birth_date is None:
        return None
    born = child.birth_date
    return (on_date.year - born.year) * 12 + on_date.month - born.month - (on_date.day < born.day)


def _school_age_window(child: Child, on_date: dt.date) -> bool | None:
    """SSI 2018/186 reg. 15: from 1 June of the year the child can first start school to the end of the next
    February. A child born from 1 March can start school in August the year they turn 5 (born in January or February:
    the year they turn 4 and a half). None when only the age is known and it is 4 or 5 in that window."""
    if child.birth_date is None:
        in_window_months = on_date.month >= 6 or on_date.month <= 2
        return None if child.age in (4, 5) and in_window_months else False
    start_year = child.birth_date.year + (5 if child.birth_date.month >= 3 else 4)
    return dt.date(start_year, 6, 1) <= on_date < dt.date(start_year + 1, 3, 1)


def best_start_grant_payments(ctx: Context) -> list[tuple[str, Decimal, bool]]:
    """The Best Start Grant payments due now (Early Years Assistance (Best Start Grants) (Scotland) Regulations 2018,
    SSI 2018/186): Pregnancy and Baby Payment (reg. 6: from 24 weeks pregnant to 6 months after the birth; the higher
    amount when there is no other child under 16), Early Learning Payment (reg. 11: a child aged 2 to 3 and a half)
    and School Age Payment (reg. 15).

    :param ctx: the context.
    :returns: (line message key, amount, certain) for each payment; not certain when only an age is known.
    """
    rates, household, day = ctx.rates, ctx.household, ctx.on_date
    babies = [c for c in household.children if c.age == 0 and (_months_old(c, day) or 0) < 6]
    older = [c for c in household.children if c.age < 16 and c not in babies]
    payments = []
    for number in range(len(babies) + household.expecting_baby):
        if number == 0 and not older:
            payments.append(("benefits.line.bsg.pregnancy_baby_first",
                             rates.money("best_start_grant.pregnancy_baby_first"), True))
        else:
            payments.append(("benefits.line.bsg.pregnancy_baby_later",
                             rates.money("best_start_grant.pregnancy_baby_later"), True))
    for child in household.children:
        months = _months_old(child, day)
        if child.age == 2 or (months is not None and 24 <= months < 42):
            payments.append(("benefits.line.bsg.early_learning", rates.money("best_start_grant.early_learning"), True))
        window = _school_age_window(child, day)
        if window is not False:
            payments.append(("benefits.line.bsg.school_age", rates.money("best_start_grant.school_age"),
                             window is True))
    return payments


def decide_best_start_grant(ctx: Context) -> Decision:
    """Best Start Grant (SSI 2018/186), for a household on UC, Pension Credit or Housing Benefit: each payment due by
    the children's ages, added up as one-off payments."""
    payments = best_start_grant_payments(ctx)
    if not payments:
        return unlikely("benefits.reason.bsg.no_child")
    total = sum((amount for _, amount, _ in payments), ZERO)
    lines = tuple(Line(key, None, {"amount": amount}, kind="note") for key, amount, _ in payments)
    decision = _on_benefit_status(ctx, "benefits.reason.follows_uc", one_off=total, lines=lines, next_steps=APPLY)
    if decision.status == "likely" and not all(certain for _, _, certain in payments):
        return possible("benefits.reason.bsg.school_age_check", one_off=total, lines=lines, next_steps=APPLY)
    return decision


def best_start_foods_weekly(ctx: Context) -> Decimal:
    """Best Start Foods a week (Best Start Foods (Scotland) Regulations 2019, SSI 2019/193): the higher amount for
    each baby under 1, the lower for a pregnancy and each child aged 1 or 2.

    :param ctx: the context.
    """
    rates, household = ctx.rates, ctx.household
    babies = sum(1 for c in household.children if c.age == 0)
    toddlers = sum(1 for c in household.children if 1 <= c.age < 3) + household.expecting_baby
    return (rates.money("best_start_foods.baby_under_1") * babies
            + rates.money("best_start_foods.pregnancy_and_child_1_to_3") * toddlers)


def decide_best_start_foods(ctx: Context) -> Decision:
    """Best Start Foods (SSI 2019/193): pregnancy or a child under 3, on a qualifying benefit (on UC, with family
    take-home pay within the limit Healthy Start uses); paid onto a card every 4 weeks."""
    rates = ctx.rates
    weekly = best_start_foods_weekly(ctx)
    if not weekly:
        return unlikely("benefits.reason.no_young_children")
    if ctx.household_net_monthly() > rates.money("healthy_start.uc_earnings_limit"):
        return unlikely("benefits.reason.healthy_start.earnings",
                        params={"limit": rates.money("healthy_start.uc_earnings_limit")})
    monthly = monthly_from_weekly(weekly)
    return _on_benefit_status(ctx, "benefits.reason.follows_uc", monthly=monthly,
                              lines=(Line("benefits.line.weekly_rate", monthly, {"weekly": weekly}),),
                              next_steps=APPLY)


def gets_child_winter_heating(person: Child | Adult) -> bool:
    """Qualifies for Child Winter Heating Payment (SSI 2020/352 reg. 4): under 19 and on the highest care rate of
    Child Disability Payment or DLA, or the enhanced daily living rate of Adult Disability Payment or PIP."""
    if isinstance(person, Child):
        return person.age < 19 and person.dla_care == "HIGHER"
    return person.age < 19 and person.pip_daily_living == "ENHANCED"


def decide_child_winter_heating_payment(ctx: Context) -> Decision:
    """Child Winter Heating Payment (SSI 2020/352): a yearly payment for each child or young person who qualifies,
    paid automatically whatever the household's income."""
    household = ctx.household
    count = sum(1 for person in household.children + household.adults if gets_child_winter_heating(person))
    if not count:
        return unlikely("benefits.reason.cwhp.no_child")
    amount = ctx.rates.money("child_winter_heating_payment.amount")
    return likely("benefits.reason.cwhp.likely", one_off=amount * count,
                  lines=(Line("benefits.line.cwhp.each", None, {"amount": amount}, kind="note"),))


def school_clothing_grant_minimum(children: tuple[Child, ...], rates: Rates) -> tuple[Decimal, Decimal]:
    """The national minimum School Clothing Grant for the household's pupils: (primary total, secondary total).

    :param children: the household's children (pupils from the primary starting age to 18, at school if 16 or over).
    :param rates: the rates in force.
    """
    pupils = [c for c in children if rates["school_clothing_grant.primary_from_age"] <= c.age <= 18
              and qualifying_child(c)]
    secondary = sum(1 for c in pupils if c.age >= rates["school_clothing_grant.secondary_from_age"])
    return (rates.money("school_clothing_grant.primary_minimum") * (len(pupils) - secondary),
            rates.money("school_clothing_grant.secondary_minimum") * secondary)


def decide_school_clothing_grant(ctx: Context) -> Decision:
    """School Clothing Grant: each council's grant (Education (Scotland) Act 1980 s.54) of at least the national
    minimum for each pupil, for a household on a qualifying benefit; councils may pay more."""
    rates = ctx.rates
    primary, secondary = school_clothing_grant_minimum(ctx.household.children, rates)
    if not primary + secondary:
        return unlikely("benefits.reason.scg.no_pupils")
    lines = []
    if primary:
        lines.append(Line("benefits.line.scg.primary", None,
                          {"amount": rates.money("school_clothing_grant.primary_minimum")}, kind="note"))
    if secondary:
        lines.append(Line("benefits.line.scg.secondary", None,
                          {"amount": rates.money("school_clothing_grant.secondary_minimum")}, kind="note"))
    return _on_benefit_status(ctx, "benefits.reason.scg.likely", one_off=primary + secondary, lines=tuple(lines),
                              next_steps=("benefits.next.scg_council",))


def job_start_payment_amount(ctx: Context) -> Decimal:
    """The Job Start Payment (Job Start Payment (Scotland) Regulations 2020, SSI 2020/71): the higher amount for
    someone responsible for a child.

    :param ctx: the context.
    """
    with_child = responsible_for_child(ctx.household)
    return ctx.rates.money("job_start_payment.with_child" if with_child else "job_start_payment.amount")


def decide_job_start_payment(ctx: Context) -> Decision:
    """Job Start Payment (SSI 2020/71): aged 16 to 24, on a qualifying benefit for 6 months, with a job offer."""
    rates = ctx.rates
    young = [a for a in ctx.household.adults
             if rates["job_start_payment.youngest_age"] <= a.age <= rates["job_start_payment.oldest_age"]]
    if not young:
        return unlikely("benefits.reason.jsp.age")
    params = {"months": int(rates["job_start_payment.months_on_benefit"])}
    amount = job_start_payment_amount(ctx)
    if "universal_credit" in ctx.household.benefits_received:
        return possible("benefits.reason.jsp.possible", params=params, one_off=amount, next_steps=APPLY)
    if gets_universal_credit(ctx) or may_get_universal_credit(ctx):
        return possible("benefits.reason.jsp.after_months", params=params, one_off=amount, next_steps=APPLY)
    return unlikely("benefits.reason.needs_uc")


def young_carer_oldest_age(rates: Rates, on_date: dt.date) -> int:
    """The oldest age for Young Carer Grant: 18, or 19 from the day the grant was extended (November 2025).

    :param rates: the rates in force.
    :param on_date: the date checked.
    """
    return int(rates["young_carer_grant.oldest_age"]) + (on_date >= rates["young_carer_grant.age_19_from"])


def is_young_carer(adult: Adult, rates: Rates, on_date: dt.date) -> bool:
    """Could get Young Carer Grant (Carer's Assistance (Young Carer Grants) (Scotland) Regulations 2019, SSI
    2019/324): aged 16 to 18 (19 from November 2025) and caring 16 hours a week or more (``is_carer`` with no hours
    given counts).

    :param adult: the adult.
    :param rates: the rates in force.
    :param on_date: the date checked (the age limit changed during 2025/26).
    """
    if not rates["young_carer_grant.youngest_age"] <= adult.age <= young_carer_oldest_age(rates, on_date):
        return False
    if adult.caring_hours_weekly is None:
        return adult.is_carer
    return adult.caring_hours_weekly >= rates["young_carer_grant.min_hours"]


def decide_young_carer_grant(ctx: Context) -> Decision:
    """Young Carer Grant (SSI 2019/324): a yearly payment for a young carer who does not get Carer Support Payment;
    the person cared for must get a qualifying disability benefit, which we do not ask about."""
    rates = ctx.rates
    carers = [a for a in ctx.household.adults if is_young_carer(a, rates, ctx.on_date)]
    if not carers:
        return unlikely("benefits.reason.ycg.not_young_carer", params={
            "hours": int(rates["young_carer_grant.min_hours"]), "oldest": young_carer_oldest_age(rates, ctx.on_date)})
    if "carers_allowance" in ctx.household.benefits_received:
        return unlikely("benefits.reason.ycg.gets_carer_support")
    return possible("benefits.reason.ycg.possible", params={"hours": int(rates["young_carer_grant.min_hours"])},
                    one_off=rates.money("young_carer_grant.amount") * len(carers), next_steps=APPLY)


#: This module's rules by the names ``assets/rules/benefits.toml`` uses (the Best Start Grant and Best Start Foods
#: are decided through ``passported``'s maternity grant and Healthy Start rules).
RULES: dict[str, Rule] = {
    "child_winter_heating_payment": decide_child_winter_heating_payment,
    "school_clothing_grant": decide_school_clothing_grant,
    "job_start_payment": decide_job_start_payment,
    "young_carer_grant": decide_young_carer_grant,
}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    gets_child_winter_heating, is_young_carer)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    best_start_grant_payments, best_start_foods_weekly, school_clothing_grant_minimum, job_start_payment_amount,
    young_carer_oldest_age)}

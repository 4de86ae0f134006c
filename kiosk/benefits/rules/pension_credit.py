"""Pension Credit: guarantee credit (with its additional amounts) and savings credit, £ a week, then a month.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> home = Household("ENGLAND", (Adult(age=70, state_pension_annual=Decimal(9000)),))
    >>> ctx = Context(home, dt.date(2026, 4, 6), rules=RULES)
    >>> guarantee_credit_weekly(ctx), ctx.decision("pension_credit").monthly
    (Decimal('64.92'), Decimal('281.32'))

Guarantee credit (State Pension Credit Act 2002 s.2; State Pension Credit Regulations 2002, SI 2002/1792, reg. 6) is
the appropriate amount less income (``kiosk.benefits.rules.pension_age``). The appropriate amount is the standard
minimum guarantee, single or couple, plus:

- severe disability (Sch. I para. 1): for each adult on Attendance Allowance or PIP daily living, when a partner
  also gets one, nobody aged 18 or over who is not a qualifying young person lives with them, and nobody is paid
  Carer's Allowance for looking after them (we know only of a partner who is; the registered-blind partner case is
  not asked);
- carer (Sch. I para. 4): for each adult caring 35 hours a week within the Carer's Allowance earnings limit, paid or
  an underlying entitlement;
- each child (Sch. IIA): higher for the eldest born before 6 April 2017, within the two-child limit while it is in
  force, plus the disabled child amount (DLA) or the severely disabled child amount (DLA highest care rate).

Savings credit (s.3; reg. 7) only where someone reached State Pension age before 6 April 2016: 60% of income over
the threshold, up to the maximum, less 40% of income over the appropriate amount; under 10p is not paid. We do not
ask sex: a woman born from 6 April 1951 to 5 April 1953 reached State Pension age before 6 April 2016 and a man did
not; we take the man's dates (savings credit is at most £17.96 a week).

A couple where one partner is under State Pension age cannot claim (s.1(2)(b) from 15 May 2019; SI 2019/37) unless
they already get Pension Credit. There is no capital limit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Adult, Child
from kiosk.benefits.rates import Rates, monthly_from_weekly, pence
from kiosk.benefits.rules.cash import carers_allowance_earnings_ok, gets_carers_allowance
from kiosk.benefits.rules.decisions import ZERO, Context, Decision, Line, Rule, likely, unlikely
from kiosk.benefits.rules.pension_age import (mixed_age_couple, pension_age_household, pensioner_income,
                                              reached_state_pension_age_before)
from kiosk.benefits.rules.predicates import born_before, cares_35_hours, partners_care_for_same_person, qualifying_child
from kiosk.benefits.rules.universal_credit import child_element_paid, children_eldest_first


def gets_severe_disability_benefit(adult: Adult) -> bool:
    """The adult gets a benefit that counts for the severe disability amount: Attendance Allowance or PIP (or ADP)
    daily living (SI 2002/1792 Sch. I para. 1(1)(a); SI 2006/214 Sch. 3 para. 6).

    :param adult: the adult.
    """
    return adult.attendance_allowance != "NONE" or adult.pip_daily_living != "NONE"


def severe_disability_count(ctx: Context) -> int:
    """How many severe disability amounts are due (SI 2002/1792 Sch. I para. 1; the same test gives the severe
    disability premium of SI 2006/214 Sch. 3 para. 6): each adult on a qualifying benefit, if every adult is, no
    non-dependant adult lives with them, and no one is paid Carer's Allowance for looking after them.

    :param ctx: the household on a date.
    """
    household = ctx.household
    adults = household.adults
    if not adults or not all(gets_severe_disability_benefit(a) for a in adults):
        return 0
    if any(child.age >= 18 and not qualifying_child(child) for child in household.children):
        return 0  # a non-dependant lives with them
    count = len(adults)
    for adult in adults:
        others = [o for o in adults if o is not adult]
        if any(o.cares_for == "PARTNER" and gets_carers_allowance(o, ctx) for o in others):
            count -= 1
    return count


def carer_count(ctx: Context) -> int:
    """How many adults are entitled to Carer's Allowance, paid or not: caring 35 hours a week and earning within
    its limit (SI 2002/1792 Sch. I para. 4; SI 2006/214 Sch. 3 para. 9).

    :param ctx: the household on a date.
    """
    rates = ctx.rates
    count = sum(1 for a in ctx.household.adults if cares_35_hours(a, rates) and carers_allowance_earnings_ok(a, ctx))
    return min(count, 1) if partners_care_for_same_person(ctx.household) else count  # one allowance: s.70(7)


def child_gets_dla(child: Child) -> bool:
    """The child gets DLA (or Child Disability Payment), care or mobility, at any rate.

    :param child: the child.
    """
    return child.dla_care != "NONE" or child.dla_mobility != "NONE"


def child_additions_weekly(ctx: Context) -> tuple[Decimal, Decimal]:
    """The child amounts a week (SI 2002/1792 Sch. IIA): (for the children, for disabled children).

    :param ctx: the household on a date.
    """
    rates = ctx.rates
    cutoff = rates["universal_credit.child_element_higher_born_before"]
    children, disabled = ZERO, ZERO
    for position, child in enumerate(children_eldest_first(ctx.household)):
        if child_element_paid(position, child, ctx):
            higher = position == 0 and born_before(child, cutoff, ctx.on_date)
            children += rates.money("pension_credit.child_addition_first_higher" if higher
                                    else "pension_credit.child_addition")
        if child.dla_care == "HIGHER":
            disabled += rates.money("pension_credit.severely_disabled_child_addition")
        elif child_gets_dla(child):
            disabled += rates.money("pension_credit.disabled_child_addition")
    return children, disabled


def appropriate_amount_parts(ctx: Context) -> list[tuple[str, Decimal]]:
    """The appropriate amount a week, part by part, as (line key, £ a week), parts of nothing left out.

    :param ctx: the household on a date.
    """
    rates, household = ctx.rates, ctx.household
    who = "couple" if household.is_couple else "single"
    key = "benefits.line.pc.standard_couple" if household.is_couple else "benefits.line.pc.standard_single"
    parts = [(key, rates.money(f"pension_credit.standard_minimum_guarantee_{who}")),
             ("benefits.line.pc.severe_disability",
              rates.money("pension_credit.severe_disability_addition") * severe_disability_count(ctx)),
             ("benefits.line.pc.carer", rates.money("pension_credit.carer_addition") * carer_count(ctx))]
    children, disabled = child_additions_weekly(ctx)
    parts += [("benefits.line.pc.children", children), ("benefits.line.pc.disabled_children", disabled)]
    return [(key, amount) for key, amount in parts if amount]


def appropriate_amount_weekly(ctx: Context) -> Decimal:
    """The appropriate minimum guarantee a week: the standard amount and the additional amounts (reg. 6).

    :param ctx: the household on a date.
    """
    return sum((amount for _, amount in appropriate_amount_parts(ctx)), ZERO)


def can_claim_pension_credit(ctx: Context) -> bool:
    """Every adult has reached State Pension age, or a mixed-age couple already gets Pension Credit (SPCA 2002
    s.1(2); SI 2019/37 art. 4).

    :param ctx: the household on a date.
    """
    household = ctx.household
    return pension_age_household(household, ctx.rates) or (
        mixed_age_couple(household, ctx.rates) and "pension_credit" in household.benefits_received)


def guarantee_credit_weekly(ctx: Context) -> Decimal:
    """Guarantee credit a week: the appropriate amount less income, never below nothing; nothing for a household
    that cannot claim (SPCA 2002 s.2).

    :param ctx: the household on a date.
    """
    if not can_claim_pension_credit(ctx):
        return ZERO
    return max(ZERO, appropriate_amount_weekly(ctx) - pensioner_income(ctx).total)


def savings_credit_age_test(ctx: Context) -> bool:
    """Someone in the household reached State Pension age before 6 April 2016 (SPCA 2002 s.3(1)(a) as amended by
    the Pensions Act 2014 Sch. 12).

    :param ctx: the household on a date.
    """
    cutoff = ctx.rates["pension_credit.savings_credit_spa_before"]
    return any(reached_state_pension_age_before(a, cutoff, ctx.on_date) for a in ctx.household.adults)


def savings_credit_amount(income: Decimal, appropriate: Decimal, couple: bool, rates: Rates) -> Decimal:
    """Savings credit a week (reg. 7): 60% of qualifying income over the threshold, up to the maximum, less 40% of
    income over the appropriate amount; nothing under 10p.

    :param income: income a week (all of it qualifies here: none of the kinds reg. 9 leaves out is asked).
    :param appropriate: the appropriate amount a week.
    :param couple: a couple (the couple threshold and maximum).
    :param rates: the rates in force.
    """
    who = "couple" if couple else "single"
    threshold = rates.money(f"pension_credit.savings_credit_threshold_{who}")
    most = rates.money(f"pension_credit.savings_credit_maximum_{who}")
    earned = min(most, pence(max(ZERO, income - threshold) * rates.money("pension_credit.savings_credit_rate")))
    taken = pence(max(ZERO, income - appropriate) * rates.money("pension_credit.savings_credit_withdrawal"))
    credit = max(ZERO, earned - taken)
    return credit if credit >= rates.money("pension_credit.savings_credit_minimum") else ZERO


def savings_credit_weekly(ctx: Context) -> Decimal:
    """Savings credit a week for the household, where it still applies (see ``savings_credit_amount``).

    :param ctx: the household on a date.
    """
    if not can_claim_pension_credit(ctx) or not savings_credit_age_test(ctx):
        return ZERO
    return savings_credit_amount(pensioner_income(ctx).total, appropriate_amount_weekly(ctx),
                               ctx.household.is_couple, ctx.rates)


def pension_credit_weekly(ctx: Context) -> Decimal:
    """Pension Credit a week: guarantee credit plus savings credit.

    :param ctx: the household on a date.
    """
    return guarantee_credit_weekly(ctx) + savings_credit_weekly(ctx)


def _income_lines(ctx: Context) -> list[Line]:
    income = pensioner_income(ctx)
    parts = [("benefits.line.pc.pensions", income.pensions, {}),
             ("benefits.line.pc.earnings", income.earnings - income.earnings_disregard,
              {"disregard": income.earnings_disregard}),
             ("benefits.line.pc.carers_allowance", income.carers_allowance, {}),
             ("benefits.line.pc.other_income", income.other, {}),
             ("benefits.line.pc.savings", income.deemed, {"savings": ctx.household.savings}),
             ("benefits.line.pc.tax", -income.tax, {})]
    return [Line(key, monthly_from_weekly(amount), params, kind="subtract")
            for key, amount, params in parts if amount]


def decide_pension_credit(ctx: Context) -> Decision:
    """Pension Credit: at State Pension age (both partners), an amount left after income; no savings limit."""
    household = ctx.household
    if not can_claim_pension_credit(ctx):
        if mixed_age_couple(household, ctx.rates):
            return unlikely("benefits.reason.pc.mixed_age")
        return unlikely("benefits.reason.pc.under_pension_age")
    lines = [Line(key, monthly_from_weekly(amount), {"weekly": amount}) for key, amount in
             appropriate_amount_parts(ctx)]
    appropriate = appropriate_amount_weekly(ctx)
    lines.append(Line("benefits.line.pc.appropriate_amount", monthly_from_weekly(appropriate), kind="total"))
    lines += _income_lines(ctx)
    guarantee, savings = guarantee_credit_weekly(ctx), savings_credit_weekly(ctx)
    if guarantee:
        lines.append(Line("benefits.line.pc.guarantee_credit", monthly_from_weekly(guarantee), {"weekly": guarantee}))
    if savings:
        lines.append(Line("benefits.line.pc.savings_credit", monthly_from_weekly(savings), {"weekly": savings}))
    weekly = guarantee + savings
    monthly = monthly_from_weekly(weekly)
    if weekly <= 0:
        return unlikely("benefits.reason.pc.income_too_high", lines=tuple(lines),
                        params={"amount": monthly_from_weekly(appropriate)})
    lines.append(Line("benefits.line.pc.total", monthly, {"weekly": weekly}, kind="total"))
    return likely("benefits.reason.pc.likely", params={"amount": monthly}, monthly=monthly, lines=tuple(lines),
                  next_steps=("benefits.next.pc_claim",))


#: This module's rules by the names ``assets/rules/benefits.toml`` uses.
RULES: dict[str, Rule] = {"pension_credit": decide_pension_credit}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    gets_severe_disability_benefit, child_gets_dla, can_claim_pension_credit, savings_credit_age_test)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    severe_disability_count, carer_count, child_additions_weekly, appropriate_amount_parts,
    appropriate_amount_weekly, guarantee_credit_weekly, savings_credit_amount, savings_credit_weekly,
    pension_credit_weekly)}

"""Universal Credit, worked out in full: every element, every deduction, then the benefit cap.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> home = Household("ENGLAND", (Adult(age=30),), (Child(age=4),), rent_monthly=Decimal(600),
    ...                  tenure="RENT_FROM_COUNCIL")
    >>> calculation = universal_credit(Context(home, dt.date(2026, 4, 6), rules=RULES))
    >>> calculation.standard_allowance, calculation.child_element, calculation.housing_element
    (Decimal('424.90'), Decimal('303.94'), Decimal('600.00'))
    >>> calculation.monthly
    Decimal('1328.84')

Monthly amounts, as UC is assessed. Elements: standard allowance (age 25, couple), child (the higher rate for a first
child born before 6 April 2017, the two-child limit while in force), disabled child (lower or higher), health
(LCWRA, protected or new-claimant rate), carer, childcare (85% up to the cap, in work), housing (social rent in
full; private rent up to the Local Housing Allowance for the bedrooms allowed: ``uc_housing``). Deductions: 55% of
earnings after tax above the work allowance (employment and self-employment), unearned income in full (pensions
included), tariff income from savings. Then the benefit cap (``benefit_cap``).

A couple where one partner is over State Pension age claims Universal Credit as a couple, with the older partner's
pensions counted (from 15 May 2019: SI 2019/37).

Simplifications, said in the working where they matter: no non-dependants, service charges or size criteria in
social housing; a child whose sex we do not know shares a bedroom only by the under-10 rule; self-employed profit
is counted after income tax and Class 4 National Insurance, or the minimum income floor where it applies
(``uc_income_floor``); Child Benefit is taken as claimed when the cap is checked.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Adult, Child, Household
from kiosk.benefits.rates import Rates, pence
from kiosk.benefits.rules.benefit_cap import benefit_cap, cap_exemption, cap_reduction
from kiosk.benefits.rules.cash import carers_allowance_counted_monthly, child_benefit_gross_monthly
from kiosk.benefits.rules.decisions import ZERO, Context, Decision, Line, Rule, likely, possible, unlikely
from kiosk.benefits.rules.uc_housing import housing_element
from kiosk.benefits.rules.uc_income_floor import earnings_counted
from kiosk.benefits.rules.predicates import (born_before, cares_35_hours, partners_care_for_same_person,
                                             qualifying_child, responsible_for_child, uc_claimants, uc_qualifying_child,
                                             under_state_pension_age)


@dataclass(frozen=True)
class UcCalculation:
    """Every figure of a Universal Credit estimate, £ a month (the CLI's ``universal_credit`` object)."""

    standard_allowance: Decimal = ZERO
    child_element: Decimal = ZERO
    disabled_child_element: Decimal = ZERO
    lcwra_element: Decimal = ZERO
    carer_element: Decimal = ZERO
    childcare_element: Decimal = ZERO
    housing_element: Decimal = ZERO
    maximum_amount: Decimal = ZERO
    earnings_deduction: Decimal = ZERO
    unearned_income_deduction: Decimal = ZERO
    capital_deduction: Decimal = ZERO
    benefit_cap_reduction: Decimal = ZERO
    monthly: Decimal = ZERO
    lines: tuple[Line, ...] = ()


# --- elements ------------------------------------------------------------------------------------------------


def standard_allowance(household: Household, rates: Rates, on_date: dt.date | None = None) -> Decimal:
    """The standard allowance: single or couple, under 25 or not (a couple is "under 25" only if both are); the
    single rate for a member of a couple claiming as a single person (reg. 36(3), ``uc_claimants``)."""
    threshold = rates["universal_credit.standard_allowance_age_threshold"]
    claimants = uc_claimants(household, rates, on_date)
    young = all(adult.age < threshold for adult in claimants)
    who = "couple" if len(claimants) == 2 else "single"
    age = "under_25" if young else "25_or_over"
    return rates.money(f"universal_credit.standard_allowance_{who}_{age}")


def children_eldest_first(household: Household, on_date: dt.date | None = None) -> list[Child]:
    """The children who count, eldest first (the order the child element and its limit use): for UC on ``on_date``
    (reg. 5); without a date, as Child Benefit counts them (Housing Benefit and Pension Credit use that)."""
    children = [child for child in household.children
                if (uc_qualifying_child(child, on_date) if on_date else qualifying_child(child))]
    return sorted(children, key=lambda c: (-c.age, c.birth_date or dt.date.max))


def child_element_paid(position: int, child: Child, ctx: Context) -> bool:
    """The child element is paid for this child: always without the two-child limit; with it, for the first two
    children and for any child born before 6 April 2017.

    :param position: 0 for the eldest.
    """
    rates = ctx.rates
    if not rates["universal_credit.two_child_limit_applies"]:
        return True
    cutoff = rates["universal_credit.child_element_higher_born_before"]
    return position < rates["universal_credit.child_element_limit"] or born_before(child, cutoff, ctx.on_date)


def child_element(ctx: Context) -> tuple[Decimal, int, int, bool]:
    """The child element: (total, children paid for, children not paid for, higher first-child rate used)."""
    rates, children = ctx.rates, children_eldest_first(ctx.household, ctx.on_date)
    cutoff = rates["universal_credit.child_element_higher_born_before"]
    total, paid, higher = ZERO, 0, False
    for position, child in enumerate(children):
        if not child_element_paid(position, child, ctx):
            continue
        if position == 0 and born_before(child, cutoff, ctx.on_date):
            total += rates.money("universal_credit.child_element_first_higher")
            higher = True
        else:
            total += rates.money("universal_credit.child_element")
        paid += 1
    return total, paid, len(children) - paid, higher


def disabled_child_addition(child: Child, rates: Rates, on_date: dt.date | None = None) -> Decimal:
    """The disabled child addition for one child: higher with the highest care rate of DLA (or Child Disability
    Payment), lower with any other DLA, the mobility part alone included, or a disability; paid whatever the
    two-child limit (UC Regulations 2013 reg. 24(2))."""
    if not (uc_qualifying_child(child, on_date) if on_date else qualifying_child(child)):
        return ZERO
    if child.dla_care == "HIGHER":
        return rates.money("universal_credit.disabled_child_higher")
    if child.dla_care in ("LOWER", "MIDDLE") or child.dla_mobility != "NONE" or child.is_disabled:
        return rates.money("universal_credit.disabled_child_lower")
    return ZERO


def lcwra_element(household: Household, rates: Rates) -> Decimal:
    """The health (LCWRA) element, once per award even when both partners have LCWRA (UC Regulations 2013 reg.
    27(4)): the protected rate unless every adult with LCWRA is a new claimant (from 6 April 2026 the rates differ)."""
    assessed = [adult for adult in household.adults if adult.has_lcwra]
    if not assessed:
        return ZERO
    if all(adult.lcwra_new_claimant for adult in assessed):
        return rates.money("universal_credit.lcwra_element")
    return rates.money("universal_credit.lcwra_element_protected")


def lcwra_holder(household: Household, rates: Rates) -> int | None:
    """Which adult the one LCWRA element is included for (an index into ``household.adults``), or None: a partner
    with LCWRA who is not a carer when there is one, so that the carer keeps the carer element (reg. 29(4))."""
    assessed = [i for i, adult in enumerate(household.adults) if adult.has_lcwra]
    not_caring = [i for i in assessed if not cares_35_hours(household.adults[i], rates)]
    chosen = not_caring or assessed
    return chosen[0] if chosen else None


def carer_element(household: Household, rates: Rates) -> Decimal:
    """The carer element for each adult caring 35 hours a week (UC Regulations 2013 reg. 29(1)), but:
    a claimant who would have it and the LCWRA element gets only the LCWRA element, unless in a joint claim the LCWRA
    element is included for the other partner (reg. 29(4)); and partners who both care for the same person get one
    carer element (reg. 29(2)-(3); ``partners_care_for_same_person``). Caring for one's partner counts."""
    holder = lcwra_holder(household, rates)
    carers = [adult for i, adult in enumerate(household.adults) if cares_35_hours(adult, rates) and i != holder]
    if len(carers) == 2 and partners_care_for_same_person(household):
        carers = carers[:1]
    return rates.money("universal_credit.carer_element") * len(carers)


def childcare_work_test(household: Household, rates: Rates | None = None) -> bool:
    """Every adult is in paid work, or a partner who is not has limited capability for work or cares for a severely
    disabled person, 35 hours a week (UC Regulations 2013 reg. 32(1)-(2), reg. 30); without ``rates``, any carer."""
    return any(a.in_work for a in household.adults) and all(
        a.in_work or a.has_lcwra or (cares_35_hours(a, rates) if rates else a.is_carer) for a in household.adults)


def childcare_element(household: Household, rates: Rates) -> Decimal:
    """85% of childcare costs, up to the cap for one child or for two or more, for a household in work."""
    young = [child for child in household.children if child.age < 16]
    if household.childcare_monthly <= 0 or not young or not childcare_work_test(household, rates):
        return ZERO
    cap = rates.money("universal_credit.childcare_cap_" + ("one_child" if len(young) == 1 else "two_or_more"))
    return min(cap, pence(household.childcare_monthly * rates.money("universal_credit.childcare_share")))


# --- means test ----------------------------------------------------------------------------------------------


def has_work_allowance(household: Household, on_date: dt.date | None = None) -> bool:
    """A work allowance applies: responsible for a child or qualifying young person (reg. 5), or someone has
    limited capability for work (reg. 22)."""
    return responsible_for_child(household, on_date) or any(a.has_lcwra for a in household.adults)


def work_allowance(household: Household, housing: Decimal, rates: Rates, on_date: dt.date | None = None) -> Decimal:
    """The work allowance: lower with a housing element, higher without; none for most childless households."""
    if not has_work_allowance(household, on_date):
        return ZERO
    key = "with_housing" if housing > 0 else "without_housing"
    return rates.money(f"universal_credit.work_allowance_{key}")


def earnings_deduction(net_earnings: Decimal, allowance: Decimal, rates: Rates) -> Decimal:
    """The taper: 55% of take-home pay above the work allowance."""
    return pence(max(ZERO, net_earnings - allowance) * rates.money("universal_credit.taper"))


def tariff_income(savings: Decimal, rates: Rates) -> Decimal:
    """Income assumed from savings: £4.35 a month for each £250, or part of £250, over £6,000."""
    over = Decimal(savings) - rates.money("universal_credit.capital_lower_limit")
    if over <= 0:
        return ZERO
    steps = math.ceil(over / rates.money("universal_credit.tariff_income_step"))
    return rates.money("universal_credit.tariff_income_per_step") * steps


def savings_over_limit(savings: Decimal, rates: Rates) -> bool:
    """Savings over £16,000: no Universal Credit."""
    return Decimal(savings) > rates.money("universal_credit.capital_upper_limit")


#: Benefits already received that UC counts as unearned income, with the line that shows each.
UNEARNED_BENEFITS = {"new_style_jsa": "benefits.line.uc.unearned_new_style_jsa",
                     "new_style_esa": "benefits.line.uc.unearned_new_style_esa",
                     "maternity_allowance": "benefits.line.uc.unearned_maternity_allowance"}


def pension_monthly(adult: Adult) -> Decimal:
    """An adult's State Pension and other pensions a month, before tax: unearned income that UC takes off pound for
    pound, with no disregard (UC Regulations 2013 reg. 66(1)(a) and (b), reg. 73)."""
    return pence(adult.pension_income_annual / 12)


def unearned_income(ctx: Context) -> list[tuple[str, Decimal, bool]]:
    """Income UC takes off pound for pound, as (line key, £ a month, counts towards the benefit cap): Carer's
    Allowance, each adult's pensions, New Style JSA and ESA and Maternity Allowance already received, other income
    (UC Regulations 2013 reg. 66). Child Benefit, PIP, DLA and Attendance Allowance are not counted; nor is the State
    Pension in the cap (reg. 79(4) does not list it)."""
    items = []
    for adult in ctx.household.adults:
        pensions = pension_monthly(adult)
        if pensions:
            items.append(("benefits.line.uc.unearned_pension", pensions, False))
    carers = carers_allowance_counted_monthly(ctx)
    if carers:
        items.append(("benefits.line.uc.unearned_carers_allowance", carers, False))
    for benefit, key in UNEARNED_BENEFITS.items():
        if benefit in ctx.household.benefits_received and ctx.decision(benefit).monthly > 0:
            items.append((key, ctx.decision(benefit).monthly, True))
    if ctx.household.other_income_monthly > 0:
        items.append(("benefits.line.uc.unearned_other", ctx.household.other_income_monthly, False))
    return items


# --- the whole calculation -----------------------------------------------------------------------------------


def universal_credit(ctx: Context) -> UcCalculation:
    """Work out Universal Credit for the household, with its working (once per context)."""
    return ctx.remember("universal_credit", lambda: _calculate(ctx))


def _calculate(ctx: Context) -> UcCalculation:
    household, rates = ctx.household, ctx.rates
    if not any(under_state_pension_age(a, rates) for a in household.adults):
        return UcCalculation(lines=(Line("benefits.reason.uc.pension_age", None, kind="note"),))
    if savings_over_limit(household.savings, rates):
        limit = rates.money("universal_credit.capital_upper_limit")
        return UcCalculation(lines=(Line("benefits.reason.uc.savings_over_limit", None, {"limit": limit}, "note"),))
    lines: list[Line] = []
    if not all(under_state_pension_age(a, rates) for a in household.adults):
        lines.append(Line("benefits.line.uc.mixed_age_couple", None, kind="note"))
    allowance = standard_allowance(household, rates, ctx.on_date)
    joint = len(uc_claimants(household, rates, ctx.on_date)) == 2
    lines.append(Line("benefits.line.uc.standard_allowance_couple" if joint
                      else "benefits.line.uc.standard_allowance_single", allowance))
    children, paid, unpaid, higher = child_element(ctx)
    if paid:
        lines.append(Line("benefits.line.uc.child_element", children, {"count": paid}))
    if higher:
        lines.append(Line("benefits.line.uc.child_higher_rate", None, kind="note"))
    if unpaid:
        lines.append(Line("benefits.line.uc.two_child_limit", None, {"count": unpaid}, kind="note"))
    disabled = sum((disabled_child_addition(c, rates, ctx.on_date) for c in household.children), ZERO)
    if disabled:
        lines.append(Line("benefits.line.uc.disabled_child", disabled))
    health = lcwra_element(household, rates)
    if health:
        lines.append(Line("benefits.line.uc.lcwra", health))
    elif any(a.health_limits_work or a.cannot_work for a in household.adults):
        lines.append(Line("benefits.line.uc.lcwra_if_assessed", rates.money("universal_credit.lcwra_element"),
                          kind="note"))
    carer = carer_element(household, rates)
    if carer:
        lines.append(Line("benefits.line.uc.carer", carer))
    childcare = childcare_element(household, rates)
    if childcare:
        lines.append(Line("benefits.line.uc.childcare", childcare, {"costs": household.childcare_monthly}))
    housing, housing_lines = housing_element(ctx)
    lines += housing_lines
    maximum = allowance + children + disabled + health + carer + childcare + housing
    lines.append(Line("benefits.line.uc.maximum", maximum, kind="total"))

    net = ctx.household_net_monthly()
    counted, floor_lines = earnings_counted(ctx)
    allowance_for_work = work_allowance(household, housing, rates, ctx.on_date)
    earnings = earnings_deduction(counted, allowance_for_work, rates)
    lines += floor_lines
    if counted > 0:
        lines.append(Line("benefits.line.uc.earnings", earnings,
                          {"earnings": counted, "work_allowance": allowance_for_work}, kind="subtract"))
    if any(adult.self_employment_income_annual > 0 and adult.self_employed_start_up for adult in household.adults):
        lines.append(Line("benefits.line.uc.self_employed_no_mif", None, kind="note"))
    unearned_items = unearned_income(ctx)
    unearned = sum((money for _, money, _ in unearned_items), ZERO)
    lines += [Line(key, money, kind="subtract") for key, money, _ in unearned_items]
    capital = tariff_income(household.savings, rates)
    if capital:
        lines.append(Line("benefits.line.uc.capital", capital, {"savings": household.savings}, kind="subtract"))
    award = max(ZERO, maximum - earnings - unearned - capital)

    reduction = ZERO
    exemption = cap_exemption(ctx, health, carer, net)
    if exemption:
        lines.append(Line(exemption, None, kind="note"))
    elif award > 0:
        cap = benefit_cap(household, rates)
        others = child_benefit_gross_monthly(household, rates) + sum(
            (money for _, money, counted in unearned_items if counted), ZERO)
        reduction = cap_reduction(award, others, cap, childcare)
        if reduction:
            lines.append(Line("benefits.line.uc.benefit_cap", reduction, {"cap": cap}, kind="subtract"))
    monthly = pence(award - reduction)
    lines.append(Line("benefits.line.uc.total", monthly, kind="total"))
    return UcCalculation(allowance, children, disabled, health, carer, childcare, housing, maximum, earnings,
                         unearned, capital, reduction, monthly, tuple(lines))


def under_18_may_claim(adult: Adult, household: Household, rates: Rates, on_date: dt.date) -> bool:
    """A 16- or 17-year-old within an exception to the minimum age (UC Regulations 2013 reg. 8(1)) that the kiosk
    can see: limited capability for work and work-related activity (a), caring for a severely disabled person 35
    hours a week (c, reg. 30), or responsible for a child or qualifying young person (d, and (e) for a couple).
    Those without parental support or about to have a baby (f, g) are left to a work coach ("possible")."""
    return adult.age >= 16 and (adult.has_lcwra or cares_35_hours(adult, rates)
                                or responsible_for_child(household, on_date))


def decide_universal_credit(ctx: Context) -> Decision:
    """Universal Credit: under State Pension age, savings of £16,000 or less, and an amount left after income."""
    household, rates = ctx.household, ctx.rates
    steps = ("benefits.next.uc_claim_online", "benefits.next.uc_bring_documents")
    if not any(under_state_pension_age(a, rates) for a in household.adults):
        return unlikely("benefits.reason.uc.pension_age", next_steps=("benefits.next.pension_credit",))
    if savings_over_limit(household.savings, rates):
        return unlikely("benefits.reason.uc.savings_over_limit",
                        params={"limit": rates.money("universal_credit.capital_upper_limit")})
    if all(a.age < rates["universal_credit.minimum_age"]
           and not under_18_may_claim(a, household, rates, ctx.on_date) for a in household.adults):
        return possible("benefits.reason.uc.under_18", next_steps=("benefits.next.ask_work_coach",))
    calculation = universal_credit(ctx)
    if calculation.monthly <= 0:
        return unlikely("benefits.reason.uc.income_too_high", lines=calculation.lines,
                        params={"maximum": calculation.maximum_amount})
    return likely("benefits.reason.uc.likely", params={"amount": calculation.monthly}, monthly=calculation.monthly,
                  lines=calculation.lines, next_steps=steps)


#: This module's rules by the names ``assets/rules/benefits.toml`` uses.
RULES: dict[str, Rule] = {
    "universal_credit": decide_universal_credit,
}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    child_element_paid, childcare_work_test, has_work_allowance, savings_over_limit, under_18_may_claim)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    standard_allowance, child_element, disabled_child_addition, lcwra_element, lcwra_holder, carer_element,
    childcare_element, work_allowance, earnings_deduction, tariff_income, pension_monthly)}

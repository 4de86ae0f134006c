"""The benefit cap on Universal Credit: how much it is, who is exempt, and how much it takes off.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> from kiosk.benefits.rates import rates_on
    >>> benefit_cap(Household("ENGLAND", (Adult(30),), (Child(3),)), rates_on(dt.date(2026, 4, 6)))
    Decimal('1835.00')

UC Regulations 2013 Part 7: the cap (reg. 80A), the earnings exception (reg. 82) and the exceptions for people who
get certain benefits or elements (reg. 83(1)). Age lifts the cap only when every claimant is over pension age (SI
2014/1230 reg. 60C), and such a household is not on UC at all: a couple where one partner is over State Pension age
claims UC and is capped like any other. The nine months' grace after work is not modelled.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Household
from kiosk.benefits.rates import Rates, monthly_from_yearly
from kiosk.benefits.rules.cash import gets_carers_allowance
from kiosk.benefits.rules.decisions import ZERO, Context
from kiosk.benefits.rules.predicates import gets_disability_benefit, responsible_for_child


def benefit_cap(household: Household, rates: Rates) -> Decimal:
    """The benefit cap a month: single (no children) or family, in Greater London or not (reg. 80A)."""
    who = "family" if household.is_couple or responsible_for_child(household) else "single"
    where = "london" if household.in_london else "outside_london"
    return monthly_from_yearly(rates.money(f"benefit_cap.{who}_{where}"))


def cap_earnings_threshold(rates: Rates) -> Decimal:
    """Take-home pay a month that lifts the cap: 16 hours a week at the National Living Wage, times 52, divided by
    12, with fractions of a pound disregarded (UC Regulations 2013 reg. 82(1)(a), reg. 6(1A)(za))."""
    monthly = (rates.money("benefit_cap.earnings_exception_hours") * rates.money("minimum_wage.national_living_wage")
               * 52 / 12)
    return Decimal(math.floor(monthly))


def carer_cap_exempt(ctx: Context) -> bool:
    """Someone gets, or would get, Carer's Allowance or Carer Support Payment (reg. 83(1), as amended by SI
    2016/909). (A carer who loses the carer element to the health element is exempt through the health element.)"""
    household = ctx.household
    return ("carers_allowance" in household.benefits_received
            or any(gets_carers_allowance(adult, ctx) for adult in household.adults))


def cap_exemption(ctx: Context, lcwra: Decimal, carer: Decimal, net_earnings: Decimal) -> str | None:
    """Why the cap does not apply (a message key), or None when it does.

    :param lcwra: the LCWRA element in the award (reg. 83(1)(a)).
    :param carer: the carer element in the award (reg. 83(1)(b)).
    :param net_earnings: the household's earnings a month after tax (reg. 82).
    """
    if net_earnings >= cap_earnings_threshold(ctx.rates):
        return "benefits.line.uc.cap_exempt_earnings"
    if lcwra > 0:
        return "benefits.line.uc.cap_exempt_lcwra"
    if carer > 0:
        return "benefits.line.uc.cap_exempt_carer"
    if carer_cap_exempt(ctx):
        return "benefits.line.uc.cap_exempt_carers_allowance"
    if gets_disability_benefit(ctx.household):  # reg. 83(1)(c), (f)-(hb): AA, DLA any part, PIP, ADP, CDP
        return "benefits.line.uc.cap_exempt_disability"
    return None


def cap_reduction(award: Decimal, other_benefits: Decimal, cap: Decimal, childcare: Decimal) -> Decimal:
    """How much the cap takes off UC: the amount by which UC and the other benefits exceed the cap, less the
    childcare element, never more than the UC award (reg. 81)."""
    excess = award + other_benefits - cap - childcare
    return min(award, max(ZERO, excess))


def rent_shortfall(rent: Decimal, housing_element: Decimal, cap_reduction: Decimal) -> Decimal:
    """The rent a month that UC does not meet: the rent less the housing element actually paid once the benefit cap
    has taken its part (the cap takes from the whole award, so what is left of the housing element is the element
    less the cap's reduction, never below nothing). Never more than the rent (UC Regulations 2013 reg. 81;
    Discretionary Financial Assistance Regulations 2001 reg. 2).

    :param rent: the rent a month.
    :param housing_element: the housing element before the cap.
    :param cap_reduction: what the benefit cap takes off the award.

    >>> rent_shortfall(Decimal(2500), Decimal(2500), Decimal("503.90"))
    Decimal('503.90')
    >>> rent_shortfall(Decimal(2500), Decimal(2500), Decimal("3003.90"))
    Decimal('2500')
    """
    paid = max(ZERO, min(housing_element, rent) - cap_reduction)
    return max(ZERO, rent - paid)


#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (carer_cap_exempt,)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    benefit_cap, cap_earnings_threshold, cap_reduction, rent_shortfall)}

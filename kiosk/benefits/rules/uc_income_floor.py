"""Universal Credit's minimum income floor: the earnings counted for someone gainfully self-employed who earns less
than the law expects of them (UC Regulations 2013 regs 62-64 and 90).

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> from kiosk.benefits.rates import rates_on
    >>> rates = rates_on(dt.date(2026, 4, 6))
    >>> individual_threshold(Adult(30), Household("ENGLAND", (Adult(30),)), rates, dt.date(2026, 4, 6))
    Decimal('1698.84')

Who: a claimant in gainful self-employment (reg. 64: the trade is their main employment; we take that to be so when
their profit is at least their pay), outside the 12-month start-up period (reg. 63; the adult key
``self_employed_start_up`` says they are in it), who would otherwise have all work-related requirements (reg.
62(1)(b), Welfare Reform Act 2012 s.22): not someone with LCWRA, a carer for 35 hours, at State Pension age, or the
responsible carer of a child under 3 (ss.19-21; the responsible carer in a couple is taken to be the partner working
fewer hours, the elder if equal, as couples usually nominate).

How much (reg. 90(2)): the expected hours (35, or 30 for the responsible carer of a child under 13: reg. 88 leaves
the number to the Secretary of State, and DWP's stated maximum for the floor is 30) at the National Minimum Wage for
the person's age, less notional income tax and Class 4 National Insurance on it for a year (reg. 62(4)). A single
claimant below it is treated as earning it (reg. 62(2)); a member of a couple likewise, but only so far as the
couple's earnings stay below the couple threshold, the sum of both partners' individual thresholds (reg. 62(3),
reg. 90(3)); a partner with no work-related requirements has none, one with a child aged 1 or 2 has 16 hours'
worth (reg. 90(2)(a)).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Adult, Household
from kiosk.benefits.rates import Rates, pence
from kiosk.benefits.rules.decisions import ZERO, Context, Line
from kiosk.benefits.rules.predicates import cares_35_hours, uc_qualifying_child, under_state_pension_age
from kiosk.benefits.tax import class_4_national_insurance, income_tax


def responsible_carer(household: Household, on_date: dt.date) -> Adult | None:
    """The adult responsible for the children (UC Regulations 2013 reg. 86): the only adult, or in a couple the one
    working fewer hours (the elder if equal); None without a child or qualifying young person."""
    if not any(uc_qualifying_child(child, on_date) for child in household.children):
        return None
    return min(household.adults, key=lambda adult: (adult.hours_worked_weekly, -adult.age))


def work_group(adult: Adult, household: Household, rates: Rates, on_date: dt.date) -> str:
    """The adult's work-related group apart from earnings (Welfare Reform Act 2012 ss.19-22): "none", "light"
    (work-focused interview or work preparation only) or "all"."""
    youngest = min((child.age for child in household.children), default=99)
    carer = responsible_carer(household, on_date) is adult
    if (adult.has_lcwra or cares_35_hours(adult, rates) or not under_state_pension_age(adult, rates)
            or (carer and youngest < 1)):
        return "none"
    if carer and youngest < 3:
        return "light"
    return "all"


def minimum_wage(adult: Adult, rates: Rates) -> Decimal:
    """The National Minimum Wage an hour for the adult's age (National Minimum Wage Regulations 2015 regs 4, 4A)."""
    if adult.age >= 21:
        return rates.money("minimum_wage.national_living_wage")
    return rates.money("minimum_wage.age_18_to_20" if adult.age >= 18 else "minimum_wage.under_18")


def individual_threshold(adult: Adult, household: Household, rates: Rates, on_date: dt.date) -> Decimal:
    """The adult's individual threshold after notional tax and National Insurance, £ a month (reg. 90(2), reg.
    62(4)): nothing for someone with no work-related requirements."""
    group = work_group(adult, household, rates, on_date)
    if group == "none":
        return ZERO
    if group == "light":
        hours = rates.money("universal_credit.mif_light_requirements_hours")
    elif responsible_carer(household, on_date) is adult and min(c.age for c in household.children) < 13:
        hours = rates.money("universal_credit.mif_responsible_carer_hours")
    else:
        hours = rates.money("universal_credit.mif_expected_hours")
    gross = hours * minimum_wage(adult, rates) * 52
    deductions = (income_tax(gross, rates, household.country == "SCOTLAND")
                  + class_4_national_insurance(gross, rates))
    return pence((gross - deductions) / 12)


def floor_applies(adult: Adult, household: Household, rates: Rates, on_date: dt.date) -> bool:
    """The minimum income floor applies to the adult (reg. 62(1), reg. 63, reg. 64)."""
    return (adult.self_employment_income_annual > 0 and not adult.self_employed_start_up
            and adult.self_employment_income_annual >= adult.employment_income_annual
            and work_group(adult, household, rates, on_date) == "all")


def earnings_counted(ctx: Context) -> tuple[Decimal, list[Line]]:
    """The household's earned income as UC counts it, £ a month, with the floor applied (reg. 62(2)-(3)), and a
    line for each adult whose floor is used."""
    household, rates = ctx.household, ctx.rates
    actual = [ctx.net_monthly(adult) for adult in household.adults]
    thresholds = [individual_threshold(adult, household, rates, ctx.on_date) for adult in household.adults]
    couple = sum(thresholds, ZERO)
    counted, lines = list(actual), []
    for index, adult in enumerate(household.adults):
        if not floor_applies(adult, household, rates, ctx.on_date):
            continue
        partner = sum(actual, ZERO) - actual[index]
        if actual[index] < thresholds[index] and actual[index] + partner < couple:
            counted[index] = thresholds[index] - max(ZERO, thresholds[index] + partner - couple)
            lines.append(Line("benefits.line.uc.minimum_income_floor", counted[index],
                              {"earnings": actual[index]}, kind="note"))
    return sum(counted, ZERO), lines


#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (floor_applies,)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    individual_threshold, minimum_wage, earnings_counted)}

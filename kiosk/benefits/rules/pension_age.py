"""The pensioner means test that Pension Credit and pension-age Housing Benefit share (and, later, pension-age
Council Tax Reduction): who counts as a pensioner household, and the income counted, £ a week.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> home = Household("ENGLAND", (Adult(age=70, state_pension_annual=Decimal(11000)),), savings=Decimal(12000))
    >>> income = pensioner_income(Context(home, dt.date(2026, 4, 6), rules=RULES))
    >>> income.pensions, income.deemed, income.total
    (Decimal('211.54'), Decimal('4'), Decimal('215.54'))

Income (State Pension Credit Regulations 2002, SI 2002/1792, regs. 15 and 17; Housing Benefit (Persons who have
attained the qualifying age for state pension credit) Regulations 2006, SI 2006/214, regs. 29 to 33):

- State Pension and other pensions in full, a year divided by 52;
- earnings (employed and self-employed, gross a year divided by 52) after the disregard of £5 single, £10 a couple,
  or £20 where someone is a carer entitled to Carer's Allowance or gets Attendance Allowance or PIP (SI 2002/1792
  Sch. VI; SI 2006/214 Sch. 4);
- Carer's Allowance paid to anyone in the household (someone over State Pension age has it only as an underlying
  entitlement, which is not income);
- other income the household gives (maintenance and the like), a month times 12 divided by 52;
- deemed income from savings: £1 a week for each £500, or part of £500, over £10,000 (reg. 15(6); reg. 29(2)),
  with no upper limit for Pension Credit;
- less income tax on the whole (and the employee and Class 4 National Insurance on the pay and self-employed profit
  of anyone under State Pension age), as PolicyEngine UK does; the regulations take income net of tax.

Not modelled, said here: pension contributions (half deducted from earnings), the £25 lone-parent and additional
earnings disregards of Housing Benefit, war pensions, and notional income from a pension pot not drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Adult, Household
from kiosk.benefits.rates import Rates, pence
from kiosk.benefits.rules.cash import carers_allowance_earnings_ok, gets_carers_allowance
from kiosk.benefits.rules.decisions import ZERO, Context
from kiosk.benefits.rules.predicates import cares_35_hours, under_state_pension_age
from kiosk.benefits.rules.state_pension_age import (  # noqa: F401 - this module's public face for pension age
    reached_state_pension_age_before, state_pension_age_date, state_pension_age_reached)
from kiosk.benefits.tax import class_4_national_insurance, income_tax, national_insurance

@dataclass(frozen=True)
class PensionerIncome:
    """The income a pensioner means test counts, each part £ a week to the penny."""

    pensions: Decimal = ZERO
    earnings: Decimal = ZERO
    earnings_disregard: Decimal = ZERO
    carers_allowance: Decimal = ZERO
    other: Decimal = ZERO
    deemed: Decimal = ZERO
    tax: Decimal = ZERO
    total: Decimal = ZERO


def pension_age_household(household: Household, rates: Rates) -> bool:
    """Every adult has reached State Pension age: the household is on pension-age benefits (a mixed-age couple is
    not, State Pension Credit Act 2002 s.1(2)(b) as amended by the Welfare Reform Act 2012 Sch. 2 from 15 May 2019)."""
    return not any(under_state_pension_age(adult, rates) for adult in household.adults)


def mixed_age_couple(household: Household, rates: Rates) -> bool:
    """A couple where one partner has reached State Pension age and the other has not: they claim Universal Credit,
    not Pension Credit or pension-age Housing Benefit, unless they already got either on 14 May 2019 (SI 2019/37
    art. 4)."""
    ages = [under_state_pension_age(adult, rates) for adult in household.adults]
    return household.is_couple and any(ages) and not all(ages)


def deemed_income_weekly(savings: Decimal, rates: Rates) -> Decimal:
    """Income assumed from savings: £1 a week for each £500, or part of £500, over £10,000 (SI 2002/1792 reg. 15(6);
    SI 2006/214 reg. 29(2)).

    :param savings: capital, £.
    :param rates: the rates in force.
    """
    over = Decimal(savings) - rates.money("pension_means_test.capital_disregard")
    if over <= 0:
        return ZERO
    steps = math.ceil(over / rates.money("pension_means_test.tariff_step"))
    return rates.money("pension_means_test.tariff_per_step") * steps


def gets_higher_disregard(adult: Adult, ctx: Context) -> bool:
    """The adult's household gets the £20 earnings disregard through them: getting Attendance Allowance or PIP
    (SI 2006/214 Sch. 4 para. 5(1)(a); SI 2002/1792 Sch. VI), or a carer entitled to Carer's Allowance, which the
    carer premium and so the carer's £20 need (SI 2006/214 Sch. 4 para. 4 with Sch. 3 para. 9; an entitlement that
    the State Pension overlaps still counts): 35 hours a week of caring and earnings within Carer's Allowance's
    limit (SSCBA 1992 s.70(1)(b)), so not a carer who earns more.

    :param adult: the adult.
    :param ctx: the household on a date.
    """
    carer = cares_35_hours(adult, ctx.rates) and carers_allowance_earnings_ok(adult, ctx)
    return carer or adult.attendance_allowance != "NONE" or adult.gets_pip


def earnings_disregard_weekly(ctx: Context) -> Decimal:
    """The earnings disregard a week: £20 for a carer or a disabled person, else £10 a couple, £5 single.

    :param ctx: the household on a date.
    """
    household, rates = ctx.household, ctx.rates
    if any(gets_higher_disregard(adult, ctx) for adult in household.adults):
        return rates.money("pension_means_test.earnings_disregard_higher")
    return rates.money("pension_means_test.earnings_disregard_" + ("couple" if household.is_couple else "single"))


def _tax_weekly(adult: Adult, ctx: Context) -> Decimal:
    """Income tax, and the National Insurance of someone under State Pension age (Class 1 on pay, Class 4 on
    self-employed profit), a week: a self-employed earner's net profit is after income tax and Class 2 and Class 4
    contributions (SI 2006/214 reg. 39(2), as SI 2006/213 reg. 39(2); the pension-age Council Tax Reduction schemes
    likewise, SI 2012/2885 Sch. 1, SSI 2012/319 reg. 37). Class 2 is now voluntary (nil here)."""
    earnings = ctx.gross_annual(adult) + adult.self_employment_income_annual
    tax = income_tax(earnings + adult.pension_income_annual, ctx.rates, ctx.scotland)
    if under_state_pension_age(adult, ctx.rates):  # none above State Pension age
        tax += national_insurance(ctx.gross_annual(adult), ctx.rates) if ctx.gross_annual(adult) > 0 else ZERO
        tax += class_4_national_insurance(adult.self_employment_income_annual, ctx.rates)
    return tax / 52


def pensioner_income(ctx: Context) -> PensionerIncome:
    """The income Pension Credit and pension-age Housing Benefit count, £ a week (once per context).

    :param ctx: the household on a date.
    """
    return ctx.remember("pensioner_income", lambda: _income(ctx))


def _income(ctx: Context) -> PensionerIncome:
    household, rates = ctx.household, ctx.rates
    adults = household.adults
    pensions = pence(sum((a.pension_income_annual for a in adults), ZERO) / 52)
    earnings = pence(sum((ctx.gross_annual(a) + a.self_employment_income_annual for a in adults), ZERO) / 52)
    disregard = min(earnings, earnings_disregard_weekly(ctx)) if earnings else ZERO
    carers = rates.money("carers_allowance.weekly_rate") * sum(1 for a in adults if gets_carers_allowance(a, ctx))
    other = pence(household.other_income_monthly * 12 / 52)
    deemed = deemed_income_weekly(household.savings, rates)
    tax = pence(sum((_tax_weekly(a, ctx) for a in adults), ZERO))
    total = max(ZERO, pensions + earnings - disregard + carers + other + deemed - tax)
    return PensionerIncome(pensions, earnings, disregard, carers, other, deemed, tax, total)


#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    pension_age_household, mixed_age_couple, gets_higher_disregard)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    deemed_income_weekly, earnings_disregard_weekly, pensioner_income)}

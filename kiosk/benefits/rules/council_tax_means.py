"""Council Tax Reduction's schemes and means test: which scheme, what the household needs, what it has coming in.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> ctx = Context(Household("WALES", (Adult(age=30),)), dt.date(2026, 4, 6), rules=RULES)
    >>> scheme = ctr_scheme(ctx)
    >>> scheme.name, scheme.max_support_share, scheme.taper, scheme.capital_limit
    ('wales', Decimal('1'), Decimal('0.20'), Decimal('16000'))
    >>> working_age_applicable_amount(ctx.household, ctx.rates)   # the personal allowance, £ a week
    Decimal('95.55')

Four schemes, each from its own regulations: Wales's national scheme (WSI 2013/3029), Scotland's (SSI 2021/249 at
working age, SSI 2012/319 at pension age), England's prescribed pension-age scheme (SI 2012/2885), and for England's
working-age households, whose councils each set their own scheme, a documented default whose figures an office can
set to its council's (``kiosk.benefits.council_tax_settings``; docs/adr/011-council-tax-reduction-default-scheme.md).

Money here is £ a week, as the regulations work. Pension age uses the pensioner means test of Pension Credit and
Housing Benefit (``pension_age``, ``housing_benefit``). Simplifications: at working age no earnings disregards or
premiums (disability, carer); no non-dependants and no second adult rebate; Scotland's relief for bands E to H
is not added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Household
from kiosk.benefits.rates import Rates
from kiosk.benefits.rules.cash import gets_carers_allowance
from kiosk.benefits.rules.decisions import ZERO, Context
from kiosk.benefits.rules.housing_benefit import (HB, applicable_amount_weekly, hb_income_weekly,
                                                  higher_personal_allowance)
from kiosk.benefits.rules.pension_credit import guarantee_credit_weekly
from kiosk.benefits.rules.predicates import gets_universal_credit, qualifying_child, under_state_pension_age
from kiosk.benefits.rules.uc_income_floor import earnings_counted
from kiosk.benefits.rules.universal_credit import universal_credit

WEEKS_A_YEAR = Decimal(52)
#: Benefits already received that every scheme counts as income (Child Benefit, PIP and DLA are not counted).
COUNTED_BENEFITS = ("new_style_jsa", "new_style_esa", "maternity_allowance")


@dataclass(frozen=True)
class Scheme:
    """One Council Tax Reduction scheme's figures.

    :param name: "wales", "scotland", "england_pension_age" or "england_default".
    :param pension_age: the pension-age rules (applicable amounts and tariff income as pension-age Housing Benefit).
    :param max_support_share: the most of the bill it pays (1 = all of it).
    :param taper: how much support falls for each £1 a week of income over needs.
    :param capital_limit: savings over this get nothing (except on Pension Credit guarantee credit).
    :param minimum_award_weekly: support below this a week is not paid.
    :param band_cap: support is worked out on no more than this band's bill ("A".."H"), or None.
    :param local: the council sets the scheme (England, working age): the amount is "about".
    """

    name: str
    pension_age: bool
    max_support_share: Decimal
    taper: Decimal
    capital_limit: Decimal
    minimum_award_weekly: Decimal = ZERO
    band_cap: str | None = None
    local: bool = False


def pension_age_ctr(ctx: Context) -> bool:
    """The household is assessed under a pension-age scheme: someone has reached State Pension age and the
    household is not on Universal Credit (SI 2012/2885 reg. 3; WSI 2013/3029 reg. 3; SSI 2012/319 reg. 12). A
    mixed-age couple on UC goes to the working-age scheme."""
    household = ctx.household
    if all(under_state_pension_age(adult, ctx.rates) for adult in household.adults):
        return False
    return not any(under_state_pension_age(adult, ctx.rates) for adult in household.adults) \
        or not gets_universal_credit(ctx)


def ctr_scheme(ctx: Context) -> Scheme:
    """The scheme that applies: the nation's, at pension age or working age; in England at working age, the default
    scheme with whatever the office has set in its place."""
    rates, country = ctx.rates, ctx.household.country
    pension_age = pension_age_ctr(ctx)
    if country in ("WALES", "SCOTLAND"):
        key = f"ctr_{country.lower()}"
        return Scheme(country.lower(), pension_age, rates.money(f"{key}.max_support_share"),
                      rates.money(f"{key}.taper"), rates.money(f"{key}.capital_limit"))
    if pension_age:
        return Scheme("england_pension_age", True, rates.money("ctr_england_pension_age.max_support_share"),
                      rates.money("ctr_england_pension_age.taper"),
                      rates.money("ctr_england_pension_age.capital_limit"))
    office = ctx.office_ctr

    def figure(name: str) -> Decimal:
        chosen = getattr(office, name, None) if office is not None else None
        return chosen if chosen is not None else rates.money(f"ctr_england_default.{name}")

    default_cap = str(rates["ctr_england_default.band_cap"]).upper()
    cap = office.band_cap if office is not None and office.band_cap else (
        default_cap if default_cap != "NONE" else None)
    return Scheme("england_default", False, figure("max_support_share"), figure("taper"), figure("capital_limit"),
                  figure("minimum_award_weekly"), cap, local=True)


def gets_guarantee_credit(ctx: Context) -> bool:
    """The household gets (or would get) Pension Credit guarantee credit, which gives the maximum reduction whatever
    the income and savings (SI 2012/2885 Sch. 1 para. 13; WSI 2013/3029 Sch. 1 para. 7; SSI 2012/319 reg. 24).
    Pension Credit the household says it gets is taken as guarantee credit."""
    return "pension_credit" in ctx.household.benefits_received or guarantee_credit_weekly(ctx) > 0


def working_age_applicable_amount(household: Household, rates: Rates) -> Decimal:
    """What a working-age household is taken to need a week: the personal allowance (single under 25, single 25 or
    over or lone parent, couple) and an amount for each child (as Housing Benefit: WSI 2013/3029 Sch. 7; SSI
    2021/249 Sch. 1; England's default scheme follows the same shape)."""
    children = sum(1 for child in household.children if qualifying_child(child))
    if household.is_couple:
        allowance = rates.money("ctr_working_age.personal_allowance_couple")
    elif children or household.adults[0].age >= 25:
        allowance = rates.money("ctr_working_age.personal_allowance_single_25_or_over")
    else:
        allowance = rates.money("ctr_working_age.personal_allowance_single_under_25")
    return allowance + rates.money("ctr_working_age.child_allowance") * children


def ctr_tariff_income(savings: Decimal, rates: Rates) -> Decimal:
    """Income a week assumed from savings at working age: £1 for each £250, or part of £250, over £6,000 (at
    pension age the pensioner means test's £1 for each £500 over £10,000, ``pension_age.deemed_income_weekly``)."""
    over = Decimal(savings) - rates.money("ctr_working_age.capital_lower_limit")
    if over <= 0:
        return ZERO
    steps = math.ceil(over / rates.money("ctr_working_age.tariff_income_step"))
    return rates.money("ctr_working_age.tariff_income_per_step") * steps


def earnings_weekly(ctx: Context) -> Decimal:
    """Earnings of the adults together after tax and National Insurance (take-home pay and self-employed profit, as
    ``Context.net_monthly`` works them out), £ a week."""
    return ctx.household_net_monthly() * 12 / WEEKS_A_YEAR


def unearned_weekly(ctx: Context) -> Decimal:
    """Income other than earnings that the schemes count, £ a week: State Pension and other pensions, Carer's
    Allowance, New Style JSA and ESA and Maternity Allowance already received, and other income."""
    household = ctx.household
    pensions = sum((adult.pension_income_annual for adult in household.adults), ZERO) / WEEKS_A_YEAR
    carers = ctx.rates.money("carers_allowance.weekly_rate") * sum(
        1 for adult in household.adults if gets_carers_allowance(adult, ctx))
    received = sum((ctx.decision(benefit).monthly for benefit in COUNTED_BENEFITS
                    if benefit in household.benefits_received), ZERO)
    return pensions + carers + (received + household.other_income_monthly) * 12 / WEEKS_A_YEAR


def uc_and_no_earnings(ctx: Context) -> bool:
    """On Universal Credit with no earnings: the most support in every working-age scheme (the UC route below gives
    no excess income; the simple rule of docs/adr/011-council-tax-reduction-default-scheme.md)."""
    return gets_universal_credit(ctx) and earnings_weekly(ctx) <= 0


def working_age_means(ctx: Context) -> tuple[Decimal, Decimal]:
    """(needs, income) of a working-age household, £ a week.

    On Universal Credit the needs are UC's maximum amount and the income is the UC award plus the income the
    Secretary of State worked out for it: the earnings UC counted (the minimum income floor where it applies, UC
    Regs 2013 reg. 62(2)), unearned income and the income assumed from savings (reg. 72): the rule for applicants
    on UC in the English default scheme (SI 2012/2886 Sch. para. 37) and Wales (WSI 2013/3029 Sch. 6); Scotland
    counts the UC award as income (SSI 2021/249 reg. 57) and is given the same route here. Otherwise the needs are
    the personal allowances and child amounts and the income is earnings, unearned income and tariff income from
    savings (WSI 2013/3029 Sch. 6; SSI 2021/249).
    """
    if gets_universal_credit(ctx):
        uc = universal_credit(ctx)
        # the earnings UC counted: the minimum income floor where it applies (UC Regs 2013 reg. 62(2))
        counted = uc.monthly + earnings_counted(ctx)[0] + uc.unearned_income_deduction + uc.capital_deduction
        return uc.maximum_amount * 12 / WEEKS_A_YEAR, counted * 12 / WEEKS_A_YEAR
    income = earnings_weekly(ctx) + unearned_weekly(ctx) + ctr_tariff_income(ctx.household.savings, ctx.rates)
    return working_age_applicable_amount(ctx.household, ctx.rates), income


def pension_age_means(ctx: Context) -> tuple[Decimal, Decimal]:
    """(needs, income) of a pension-age household, £ a week: the needs as pension-age Housing Benefit's applicable
    amount (SI 2012/2885 Sch. 2), and in Wales and Scotland always its higher personal allowance, the only
    pension-age rate they have (WSI 2013/3029 Sch. 2 para. 1; SSI 2012/319 Sch. 1 para. 2); the income as
    pension-age Housing Benefit's: the pensioner means test's less the additional earnings disregard (SI 2012/2885
    Sch. 4; WSI 2013/3029 Sch. 3; SSI 2012/319 Sch. 2), plus any savings credit (SI 2012/2885 Sch. 1 para. 14:
    councils use DWP's assessment)."""
    needs = applicable_amount_weekly(ctx)
    if ctx.household.country != "ENGLAND" and not higher_personal_allowance(ctx):
        who = "couple" if ctx.household.is_couple else "single"
        needs += ctx.rates.money(f"{HB}personal_allowance_{who}_higher") - ctx.rates.money(
            f"{HB}personal_allowance_{who}")
    return needs, hb_income_weekly(ctx)


#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    pension_age_ctr, gets_guarantee_credit, uc_and_no_earnings)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    ctr_scheme, working_age_applicable_amount, ctr_tariff_income, earnings_weekly, unearned_weekly,
    working_age_means, pension_age_means)}

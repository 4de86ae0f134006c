"""Housing Benefit at State Pension age, worked out: eligible rent less 65% of income over the applicable amount.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> home = Household("ENGLAND", (Adult(age=70, state_pension_annual=Decimal(15000)),), rent_monthly=Decimal(500),
    ...                  tenure="RENT_FROM_COUNCIL")
    >>> Context(home, dt.date(2026, 4, 6), rules=RULES).decision("housing_benefit").monthly
    Decimal('384.21')

The Housing Benefit (Persons who have attained the qualifying age for state pension credit) Regulations 2006
(SI 2006/214):

- who: every adult at State Pension age (a mixed-age couple claims Universal Credit's housing element instead, from
  15 May 2019, SI 2019/37, unless they already get Pension Credit or Housing Benefit); working-age households are
  sent to Universal Credit;
- eligible rent (regs. 12 and 13D): social rent in full (no under-occupancy cut at pension age); private rent up to
  the Local Housing Allowance for the bedrooms allowed (``uc_housing.bedroom_entitlement``). Housing Benefit's
  rate is the rent officer's weekly determination (Rent Officers (Housing Benefit Functions) Order 1997 Sch. 3B),
  not Universal Credit's monthly one (Rent Officers (Universal Credit Functions) Order 2013 Sch. 1), so a
  household's ``lha_weekly`` is used where given, else the monthly rates; with no Local Housing Allowance known,
  the rent, said so. No service charges or non-dependant deductions are asked;
- applicable amount (reg. 22, Sch. 3): personal allowance (single or couple; the higher rate where someone reached
  State Pension age before 1 April 2021), each child within the two-child limit, disabled child premium, enhanced
  disability premium for a child on DLA highest care, carer premium, severe disability premium;
- income (``kiosk.benefits.rules.pension_age``) plus any savings credit (reg. 29(1)), less the additional earnings
  disregard of Sch. 4 para. 9 where someone works enough hours; capital over £16,000 stops it (reg. 43) unless on
  guarantee credit;
- on Pension Credit guarantee credit, all income and capital is ignored and Housing Benefit is the eligible rent
  (reg. 26);
- otherwise eligible rent less 65% of income over the applicable amount (reg. 50); under 50p a week is not paid
  (reg. 48).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Mapping

from kiosk.benefits.household import SOCIAL_TENURES
from kiosk.benefits.rates import monthly_from_weekly, pence
from kiosk.benefits.rules.decisions import ZERO, Context, Decision, Line, Rule, likely, unlikely
from kiosk.benefits.rules.pension_age import (mixed_age_couple, pension_age_household, pensioner_income,
                                              reached_state_pension_age_before)
from kiosk.benefits.rules.pension_credit import (carer_count, child_gets_dla, guarantee_credit_weekly,
                                                 savings_credit_weekly, severe_disability_count)
from kiosk.benefits.rules.uc_housing import bedroom_entitlement
from kiosk.benefits.rules.universal_credit import child_element_paid, children_eldest_first

HB = "housing_benefit_pension_age."


def pension_age_hb_household(ctx: Context) -> bool:
    """The household claims pension-age Housing Benefit: every adult has reached State Pension age, or a mixed-age
    couple already gets Pension Credit or Housing Benefit (SI 2019/37 art. 4).

    :param ctx: the household on a date.
    """
    household = ctx.household
    return pension_age_household(household, ctx.rates) or (
        mixed_age_couple(household, ctx.rates)
        and bool(household.benefits_received & {"pension_credit", "housing_benefit"}))


def higher_personal_allowance(ctx: Context) -> bool:
    """Someone reached State Pension age before 1 April 2021: the higher personal allowance (Sch. 3 para. 1).

    :param ctx: the household on a date.
    """
    cutoff = ctx.rates[HB + "higher_rate_spa_before"]
    return any(reached_state_pension_age_before(a, cutoff, ctx.on_date) for a in ctx.household.adults)


def applicable_amount_parts(ctx: Context) -> list[tuple[str, Decimal]]:
    """The applicable amount a week, part by part, as (line key, £ a week), parts of nothing left out (reg. 22,
    Sch. 3).

    :param ctx: the household on a date.
    """
    rates, household = ctx.rates, ctx.household
    who = "couple" if household.is_couple else "single"
    allowance = rates.money(HB + f"personal_allowance_{who}" + ("_higher" if higher_personal_allowance(ctx) else ""))
    children = list(enumerate(children_eldest_first(household)))
    paid = sum(1 for position, child in children if child_element_paid(position, child, ctx))
    disabled = sum(1 for _, child in children if child_gets_dla(child))
    enhanced = sum(1 for _, child in children if child.dla_care == "HIGHER")
    key = "benefits.line.hb.allowance_couple" if household.is_couple else "benefits.line.hb.allowance_single"
    parts = [(key, allowance),
             ("benefits.line.hb.children", rates.money(HB + "child_allowance") * paid),
             ("benefits.line.hb.disabled_children", rates.money(HB + "disabled_child_premium") * disabled
              + rates.money(HB + "enhanced_disability_premium_child") * enhanced),
             ("benefits.line.hb.carer", rates.money(HB + "carer_premium") * carer_count(ctx)),
             ("benefits.line.hb.severe_disability",
              rates.money(HB + "severe_disability_premium") * severe_disability_count(ctx))]
    return [(key, amount) for key, amount in parts if amount]


def applicable_amount_weekly(ctx: Context) -> Decimal:
    """The applicable amount a week: the sum of its parts.

    :param ctx: the household on a date.
    """
    return sum((amount for _, amount in applicable_amount_parts(ctx)), ZERO)


def eligible_rent(ctx: Context) -> tuple[Decimal, Line]:
    """The eligible rent, £ a month, and its line: social rent in full; private rent up to the Local Housing
    Allowance for the bedrooms allowed (the household's rates, else the office's; with neither, the rent).

    :param ctx: the household on a date.
    """
    household = ctx.household
    rent = pence(household.rent_monthly)
    if household.tenure in SOCIAL_TENURES:
        return rent, Line("benefits.line.hb.rent_social", rent)
    size = bedroom_entitlement(household, ctx.rates)
    lha: Mapping[str, Decimal]
    if household.lha_weekly and size in household.lha_weekly:  # Housing Benefit's own, weekly, determination
        lha = {size: monthly_from_weekly(household.lha_weekly[size])}
    else:
        lha = household.lha_monthly or ctx.office_lha or {}
    if size not in lha:
        return rent, Line("benefits.line.hb.rent_no_lha", rent, {"bedrooms": size})
    allowed = min(rent, pence(Decimal(lha[size])))
    return allowed, Line("benefits.line.hb.rent_private", allowed,
                         {"rent": rent, "lha": pence(Decimal(lha[size])), "bedrooms": size})


def additional_earnings_disregard_weekly(ctx: Context) -> Decimal:
    """The additional earnings disregard a week (SI 2006/214 Sch. 4 para. 9; the same in pension-age Council Tax
    Reduction, SI 2012/2885 Sch. 4, WSI 2013/3029 Sch. 3, SSI 2012/319 Sch. 2): £17.10 more of earnings where the
    claimant or partner is aged 25 or over and works 30 hours a week or more (para. 9(2)(b)(i)), or works 16 hours
    or more with a child or young person in the family (para. 9(2)(b)(ii) and (iii)), and the earnings cover the
    other disregards and this one (para. 9(3)). The route for a disabled worker (para. 9(2)(b)(iv)) is not
    modelled.

    :param ctx: the household on a date.
    """
    rates, household = ctx.rates, ctx.household
    children = bool(household.children)
    works = any((adult.hours_worked_weekly >= rates.money(HB + "additional_disregard_hours")
                 and adult.age >= rates[HB + "additional_disregard_age"])
                or (children and adult.hours_worked_weekly >= rates.money(HB + "additional_disregard_hours_lower"))
                for adult in household.adults)
    amount = rates.money(HB + "additional_earnings_disregard")
    income = pensioner_income(ctx)
    if not works or income.earnings < income.earnings_disregard + amount:
        return ZERO
    return amount


def hb_income_weekly(ctx: Context) -> Decimal:
    """The income Housing Benefit counts a week: the pensioner means test's, plus savings credit (reg. 29(1)), less
    the additional earnings disregard (Sch. 4 para. 9).

    :param ctx: the household on a date.
    """
    income = max(ZERO, pensioner_income(ctx).total - additional_earnings_disregard_weekly(ctx))
    return income + savings_credit_weekly(ctx)


def hb_capital_over_limit(ctx: Context) -> bool:
    """Savings over £16,000 and no guarantee credit: no Housing Benefit (regs. 26 and 43).

    :param ctx: the household on a date.
    """
    return ctx.household.savings > ctx.rates.money(HB + "capital_limit") and not guarantee_credit_weekly(ctx)


def hb_taper_weekly(ctx: Context) -> Decimal:
    """What income takes off eligible rent a week: 65% of income over the applicable amount (reg. 50); nothing on
    guarantee credit (reg. 26).

    :param ctx: the household on a date.
    """
    if guarantee_credit_weekly(ctx):
        return ZERO
    excess = max(ZERO, hb_income_weekly(ctx) - applicable_amount_weekly(ctx))
    return pence(excess * ctx.rates.money(HB + "taper"))


def housing_benefit_monthly(ctx: Context) -> Decimal:
    """Pension-age Housing Benefit a month: eligible rent less the taper; nothing under 50p a week (reg. 48).

    :param ctx: the household on a date.
    """
    if not ctx.household.rents or not pension_age_hb_household(ctx) or hb_capital_over_limit(ctx):
        return ZERO
    rent, _ = eligible_rent(ctx)
    weekly_rent = rent * 12 / 52
    if weekly_rent - hb_taper_weekly(ctx) < ctx.rates.money(HB + "minimum_award"):
        return ZERO
    return max(ZERO, rent - monthly_from_weekly(hb_taper_weekly(ctx)))


def decide_housing_benefit(ctx: Context) -> Decision:
    """Housing Benefit: worked out at State Pension age; everyone else (a mixed-age couple too) gets help with rent
    from Universal Credit."""
    household, rates = ctx.household, ctx.rates
    if not household.rents:
        return unlikely("benefits.reason.hb.no_rent")
    if not pension_age_hb_household(ctx):
        return unlikely("benefits.reason.hb.mixed_age" if mixed_age_couple(household, rates)
                        else "benefits.reason.hb.uc_instead")
    steps = ("benefits.next.council_apply",)
    if hb_capital_over_limit(ctx):
        return unlikely("benefits.reason.savings_over", params={"limit": rates.money(HB + "capital_limit")})
    _, rent_line = eligible_rent(ctx)
    lines = [rent_line]
    if guarantee_credit_weekly(ctx):
        lines.append(Line("benefits.line.hb.guarantee_credit", None, kind="note"))
    else:
        applicable, income = applicable_amount_weekly(ctx), hb_income_weekly(ctx)
        lines += [Line(key, monthly_from_weekly(amount), {"weekly": amount}, kind="note")
                  for key, amount in applicable_amount_parts(ctx)]
        lines.append(Line("benefits.line.hb.applicable_amount", monthly_from_weekly(applicable),
                          {"weekly": applicable}, kind="note"))
        lines.append(Line("benefits.line.hb.income", monthly_from_weekly(income), {"weekly": income}, kind="note"))
        taper = hb_taper_weekly(ctx)
        if taper:
            lines.append(Line("benefits.line.hb.taper", monthly_from_weekly(taper), {"weekly": taper},
                              kind="subtract"))
    monthly = housing_benefit_monthly(ctx)
    if monthly <= 0:
        return unlikely("benefits.reason.hb.income_too_high", lines=tuple(lines))
    lines.append(Line("benefits.line.total", monthly, kind="total"))
    return likely("benefits.reason.hb.likely", params={"amount": monthly}, monthly=monthly, lines=tuple(lines),
                  next_steps=steps)


#: This module's rules by the names ``assets/rules/benefits.toml`` uses.
RULES: dict[str, Rule] = {"housing_benefit": decide_housing_benefit}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    pension_age_hb_household, higher_personal_allowance, hb_capital_over_limit)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    applicable_amount_parts, applicable_amount_weekly, eligible_rent, additional_earnings_disregard_weekly,
    hb_income_weekly, hb_taper_weekly,
    housing_benefit_monthly)}

"""Council Tax Reduction, priced: the council tax bill, then the scheme's means test.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> home = Household("WALES", (Adult(age=30),), tenure="RENT_FROM_COUNCIL", rent_monthly=Decimal(400),
    ...                  council_tax_annual=Decimal(1200))
    >>> decision = Context(home, dt.date(2026, 4, 6), rules=RULES).decision("council_tax_reduction")
    >>> decision.status, decision.monthly      # on Universal Credit with no other income: the whole bill
    ('likely', Decimal('100.00'))

The bill is the one the person gave (what they pay now), else the band's share of the council's Band D (the office
config's ``[council_tax] band_d_annual``) with 25% off for one adult living alone. With neither, the amount is not
estimated. The reduction is the scheme's most (a share of the bill, perhaps only up to a band's bill) less the taper
times the income over the household's needs, worked a day at a time as the regulations do and shown a month; below
the scheme's minimum award nothing is paid. Schemes and the means test: ``council_tax_means``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Callable

from kiosk.benefits.rates import pence
from kiosk.benefits.rules.council_tax_means import (Scheme, ctr_scheme, gets_guarantee_credit, uc_and_no_earnings,
                                                    pension_age_means, working_age_means)
from kiosk.benefits.rules.decisions import ZERO, Context, Decision, Line, Rule, likely, possible, unlikely
from kiosk.benefits.rules.predicates import gets_means_tested_benefit

#: Each band's bill as a share of Band D: England (Local Government Finance Act 1992 s.5(1)), Wales with band I
#: (s.5(1A)), Scotland (Council Tax (Substitution of Proportion) (Scotland) Order 2016, SSI 2016/111).
BAND_RATIOS = {
    "ENGLAND": {"A": Fraction(6, 9), "B": Fraction(7, 9), "C": Fraction(8, 9), "D": Fraction(1),
                "E": Fraction(11, 9), "F": Fraction(13, 9), "G": Fraction(15, 9), "H": Fraction(18, 9)},
    "WALES": {"A": Fraction(6, 9), "B": Fraction(7, 9), "C": Fraction(8, 9), "D": Fraction(1),
              "E": Fraction(11, 9), "F": Fraction(13, 9), "G": Fraction(15, 9), "H": Fraction(18, 9),
              "I": Fraction(21, 9)},
    "SCOTLAND": {"A": Fraction(240, 360), "B": Fraction(280, 360), "C": Fraction(320, 360), "D": Fraction(1),
                 "E": Fraction(473, 360), "F": Fraction(585, 360), "G": Fraction(705, 360),
                 "H": Fraction(882, 360)},
}
STEPS = ("benefits.next.council_apply",)


def band_bill(band_d: Decimal, band: str, country: str) -> Decimal:
    """A band's yearly council tax from the council's Band D, to the penny.

    :param band_d: the Band D bill, £ a year.
    :param band: "A" .. "H" ("I" in Wales).
    :param country: ENGLAND, WALES or SCOTLAND.
    :raises KeyError: a band the nation does not have.
    """
    ratio = BAND_RATIOS[country][band]
    return pence(Decimal(band_d) * ratio.numerator / ratio.denominator)


def single_person_discount(ctx: Context) -> bool:
    """Only one adult lives there: 25% off the bill (Local Government Finance Act 1992 s.11(1)(a)). We know only
    the person and any partner, so a lone adult is taken to live without other adults."""
    return len(ctx.household.adults) == 1


def band_d_of(ctx: Context) -> Decimal | None:
    """The council's Band D bill, £ a year, from the office's settings (None when not set)."""
    office = ctx.office_ctr
    return office.band_d_annual if office is not None else None


def council_tax_bill(ctx: Context) -> tuple[Decimal | None, list[Line]]:
    """The yearly bill the reduction is worked on, after any single person discount, with its lines; None when
    neither the bill nor the band and Band D are known.

    The bill the person gave is what they pay now, so it is taken as after any discount.
    """
    household = ctx.household
    if household.council_tax_annual:
        bill = household.council_tax_annual
        return bill, [Line("benefits.line.ctr.bill_given", pence(bill / 12), {"yearly": bill})]
    band_d, band = band_d_of(ctx), household.council_tax_band
    if band_d is None or band is None or band not in BAND_RATIOS[household.country]:
        return None, []
    full = band_bill(band_d, band, household.country)
    lines = [Line("benefits.line.ctr.bill_band", pence(full / 12), {"band": band, "yearly": full})]
    if single_person_discount(ctx):
        discount = pence(full * ctx.rates.money("council_tax.single_person_discount"))
        lines.append(Line("benefits.line.ctr.single_person_discount", pence(discount / 12), kind="subtract"))
        full -= discount
    return full, lines


def capped_bill(ctx: Context, bill: Decimal, scheme: Scheme) -> tuple[Decimal, list[Line]]:
    """The bill support is worked on: no more than the cap band's bill (with the same discount), where the scheme
    caps and the band or Band D let us tell; else the whole bill."""
    household, cap = ctx.household, scheme.band_cap
    if cap is None or household.council_tax_band is None:
        return bill, []
    order = list(BAND_RATIOS["WALES"])
    if order.index(household.council_tax_band) <= order.index(cap):
        return bill, []
    band_d = band_d_of(ctx)
    if band_d is None:
        return bill, [Line("benefits.line.ctr.band_cap_unknown", None, {"band": cap}, kind="note")]
    limit = band_bill(band_d, cap, household.country)
    if single_person_discount(ctx):
        limit -= pence(limit * ctx.rates.money("council_tax.single_person_discount"))
    if limit >= bill:
        return bill, []
    return limit, [Line("benefits.line.ctr.band_cap", pence(limit / 12), {"band": cap}, kind="note")]


def financial_year_days(ctx: Context) -> int:
    """Days in the council's financial year (1 April to 31 March) of the rates in force: 365, or 366 with a 29
    February. The regulations work the reduction a day at a time."""
    year = ctx.rates.starts.year
    return (dt.date(year + 1, 4, 1) - dt.date(year, 4, 1)).days


def reduction_yearly(maximum: Decimal, excess_weekly: Decimal, scheme: Scheme, days: int) -> Decimal:
    """The reduction for the year: the maximum less the taper on the weekly excess income (a seventh of it a day),
    nothing when the result is below the scheme's minimum award a week.

    :param maximum: the most the scheme pays, £ a year.
    :param excess_weekly: income over the applicable amount, £ a week (0 or more).
    :param scheme: the scheme (taper, minimum award).
    :param days: days in the financial year.
    """
    yearly = max(ZERO, maximum - scheme.taper * excess_weekly * days / 7)
    if yearly * 7 / days < scheme.minimum_award_weekly:
        return ZERO
    return yearly


def _means(ctx: Context, scheme: Scheme) -> tuple[Decimal, Decimal]:
    """(needs, income) £ a week under the scheme's age rules."""
    return pension_age_means(ctx) if scheme.pension_age else working_age_means(ctx)


def decide_council_tax_reduction(ctx: Context) -> Decision:
    """Council Tax Reduction: the bill, then the scheme's means test (Wales WSI 2013/3029; Scotland SSI 2021/249 and
    SSI 2012/319; England at pension age SI 2012/2885; England at working age the council's own scheme, estimated
    from a default the office can set)."""
    household = ctx.household
    if all(adult.age < 18 for adult in household.adults):
        # no one under 18 is liable (Local Government Finance Act 1992 s.6(1), s.75(1) in Scotland), and a home
        # where only under-18s live is exempt in England and Wales (SI 1992/558 art. 3 Class S): no bill to reduce
        return unlikely("benefits.reason.ctr.under_18")
    if household.tenure == "NO_RENT" and not household.rent_monthly and not household.council_tax_annual:
        return possible("benefits.reason.ctr.if_liable", next_steps=STEPS)
    scheme = ctr_scheme(ctx)
    passported = scheme.pension_age and gets_guarantee_credit(ctx)
    if household.savings > scheme.capital_limit and not passported:
        return unlikely("benefits.reason.savings_over", params={"limit": scheme.capital_limit})
    bill, lines = council_tax_bill(ctx)
    if bill is None:
        status = likely if gets_means_tested_benefit(ctx) or passported else possible
        reason = "benefits.reason.ctr.likely" if status is likely else "benefits.reason.ctr.possible"
        return status(reason, lines=(Line("benefits.line.ctr.need_band", None, kind="note"),), next_steps=STEPS)
    maximum_passport = passported or (not scheme.pension_age and uc_and_no_earnings(ctx))
    means = None if maximum_passport else _means(ctx, scheme)
    base, cap_lines = capped_bill(ctx, bill, scheme)
    maximum = pence(base * scheme.max_support_share)
    lines += cap_lines
    lines.append(Line("benefits.line.ctr.maximum", pence(maximum / 12),
                      {"percent": int(scheme.max_support_share * 100)}, kind="total"))
    excess = ZERO
    if means is None:
        lines.append(Line("benefits.line.ctr.guarantee_credit" if passported else "benefits.line.ctr.uc_no_earnings",
                          None, kind="note"))
    else:
        needs, income = means
        excess = max(ZERO, income - needs)
        if excess:
            lines.append(Line("benefits.line.ctr.income", None, {"income": pence(income), "needs": pence(needs),
                                                                 "percent": int(scheme.taper * 100)}, kind="note"))
    days = financial_year_days(ctx)
    yearly = reduction_yearly(maximum, excess, scheme, days)
    if excess and yearly < maximum:
        lines.append(Line("benefits.line.ctr.taper", pence((maximum - yearly) / 12), kind="subtract"))
    monthly = pence(yearly / 12)
    lines.append(Line("benefits.line.ctr.total", monthly, kind="total"))
    if monthly <= 0:
        return unlikely("benefits.reason.ctr.income_too_high", lines=tuple(lines))
    if scheme.local:
        lines.append(Line("benefits.line.ctr.local_scheme", None, kind="note"))
        return possible("benefits.reason.ctr.about", params={"amount": monthly}, monthly=monthly,
                        lines=tuple(lines), next_steps=STEPS)
    return likely("benefits.reason.ctr.priced", params={"amount": monthly}, monthly=monthly, lines=tuple(lines),
                  next_steps=STEPS)


#: This module's rules by the names ``assets/rules/benefits.toml`` uses.
RULES: dict[str, Rule] = {
    "council_tax_reduction": decide_council_tax_reduction,
}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (single_person_discount,)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    band_bill, band_d_of, council_tax_bill, capped_bill, financial_year_days, reduction_yearly)}

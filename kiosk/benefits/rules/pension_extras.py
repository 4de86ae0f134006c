"""Help at State Pension age that is not Pension Credit: Attendance Allowance (Pension Age Disability Payment in
Scotland), the winter payments (Winter Fuel Payment; Pension Age Winter Heating Payment in Scotland) and the free TV
licence.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> ctx = Context(Household("ENGLAND", (Adult(age=70, attendance_allowance="LOWER"),)), dt.date(2026, 4, 6),
    ...               rules=RULES)
    >>> ctx.decision("attendance_allowance").monthly      # 76.70 x 52 / 12
    Decimal('332.37')
    >>> ctx.decision("winter_fuel_payment").one_off       # 70 in the qualifying week, living alone
    Decimal('200')

A winter payment is for the winter of the tax year the date falls in (its qualifying week is in the rates file); it
is a one-off a year, shown in ``one_off``. Nothing here logs: households are personal.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Adult
from kiosk.benefits.rates import Rates, monthly_from_weekly
from kiosk.benefits.rules.decisions import (LIKELY, POSSIBLE, ZERO, Context, Decision, Line, Rule, likely, possible,
                                            unlikely)
from kiosk.benefits.rules.predicates import gets_universal_credit, under_state_pension_age

AA_RATES = {"LOWER": "attendance_allowance.lower", "HIGHER": "attendance_allowance.higher"}
WINTER = "winter_fuel_payment"


# --- Attendance Allowance (SSCBA 1992 s.64-65) -----------------------------------------------------------------


def attendance_allowance_weekly(adult: Adult, rates: Rates) -> Decimal:
    """The Attendance Allowance (or Pension Age Disability Payment) someone already gets, £ a week.

    SSCBA 1992 s.65(3): the higher rate for day and night attention, the lower rate for either.

    :param adult: the adult.
    :param rates: the rates in force.
    """
    key = AA_RATES.get(adult.attendance_allowance)
    return rates.money(key) if key else ZERO


def attendance_allowance_range_monthly(rates: Rates) -> tuple[Decimal, Decimal]:
    """The lower and the higher rate of Attendance Allowance, £ a month (times 52, divided by 12).

    :param rates: the rates in force.
    """
    return (monthly_from_weekly(rates.money("attendance_allowance.lower")),
            monthly_from_weekly(rates.money("attendance_allowance.higher")))


def could_get_attendance_allowance(adult: Adult, rates: Rates) -> bool:
    """At State Pension age with an illness or disability, getting neither Attendance Allowance nor PIP (someone
    who had PIP before State Pension age keeps it instead: SSCBA 1992 s.64(1), s.65)."""
    return (not under_state_pension_age(adult, rates) and adult.attendance_allowance == "NONE"
            and not adult.gets_pip and (adult.is_disabled or adult.health_limits_work or adult.cannot_work))


def decide_attendance_allowance(ctx: Context) -> Decision:
    """Attendance Allowance (SSCBA 1992 s.64-65; in Scotland Pension Age Disability Payment at the same rates): the
    award already had, or the range from the lower to the higher rate for each adult who could claim."""
    rates, adults = ctx.rates, ctx.household.adults
    known = sum((attendance_allowance_weekly(adult, rates) for adult in adults), ZERO)
    if known:
        monthly = monthly_from_weekly(known)
        return likely("benefits.reason.already_get", monthly=monthly,
                      lines=(Line("benefits.line.weekly_rate", monthly, {"weekly": known}),))
    candidates = [adult for adult in adults if could_get_attendance_allowance(adult, rates)]
    low, high = attendance_allowance_range_monthly(rates)
    if candidates:
        count = len(candidates)
        return possible("benefits.reason.aa.possible", monthly_range=(low * count, high * count),
                        lines=(Line("benefits.line.aa.range", None, {"low": low, "high": high}, kind="note"),),
                        next_steps=("benefits.next.aa_claim",))
    if all(under_state_pension_age(adult, rates) for adult in adults):
        return unlikely("benefits.reason.aa.under_pension_age")
    return unlikely("benefits.reason.aa.no_condition")


# --- Pension Credit, as the other rules need it ----------------------------------------------------------------


def gets_pension_credit(ctx: Context) -> bool:
    """The household gets Pension Credit: it says so, or the ``pension_credit`` rule (when the rules have one)
    finds it likely."""
    if "pension_credit" in ctx.household.benefits_received:
        return True
    return "pension_credit" in ctx.rules and ctx.decision("pension_credit").status == LIKELY


def may_get_pension_credit(ctx: Context) -> bool:
    """The household gets Pension Credit, or the ``pension_credit`` rule finds it possible."""
    return gets_pension_credit(ctx) or (
        "pension_credit" in ctx.rules and ctx.decision("pension_credit").status == POSSIBLE)


# --- Winter Fuel Payment (SI 2025/969) / Pension Age Winter Heating Payment (Scotland) ---------------------------


def born_before_date(adult: Adult, cutoff: dt.date, on_date: dt.date) -> bool | None:
    """Whether the adult was born before ``cutoff``: from the birth date, else from the age on ``on_date``; None
    when the age alone cannot tell (the cutoff falls in the year of birth it allows).

    :param adult: the adult.
    :param cutoff: e.g. 22 September 1959.
    :param on_date: the date the age is on.

    >>> born_before_date(Adult(age=66), dt.date(1959, 9, 22), dt.date(2026, 4, 6))   # born 1959-60: can't tell
    >>> born_before_date(Adult(age=67), dt.date(1959, 9, 22), dt.date(2026, 4, 6))
    True
    """
    if adult.birth_date is not None:
        return adult.birth_date < cutoff
    latest = _years_before(on_date, adult.age)                                 # born on or before this day
    earliest = _years_before(on_date, adult.age + 1) + dt.timedelta(days=1)    # and on or after this one
    if latest < cutoff:
        return True
    if earliest >= cutoff:
        return False
    return None


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def on_relevant_benefit(ctx: Context) -> bool:
    """On a "relevant benefit" for the winter payments: Pension Credit or Universal Credit (the others, income
    support and income-based JSA and ESA, are closed to new claims). SI 2025/969; ITEPA 2003 s.681I."""
    return gets_pension_credit(ctx) or gets_universal_credit(ctx)


def own_total_income(ctx: Context, adult: Adult) -> Decimal:
    """An adult's own income a year for the £35,000 test: pay, self-employed profit and pensions (ITEPA 2003
    s.681I counts total income; savings interest is not asked, so this is about).

    :param ctx: the context (for pay worked out from take-home pay).
    :param adult: the adult.
    """
    return ctx.gross_annual(adult) + adult.self_employment_income_annual + adult.pension_income_annual


def winter_payments(ctx: Context) -> tuple[list[tuple[Adult, Decimal]], bool]:
    """Who gets a winter payment and how much, and whether an age could not be told for sure.

    SI 2025/969 (and Scotland's Pension Age Winter Heating Payment, at its own rates): everyone over State Pension
    age in the qualifying week; £200, or £300 at 80 or over. Two people who both qualify and are on no relevant
    benefit share: £100 each under 80, £150 each when both are 80 or over, £200 for the one of 80 or over living
    with someone under 80. On a relevant benefit the home gets one payment at the full rate.

    :param ctx: the context.
    :returns: (adult, amount) for each adult paid, and True when an age was uncertain.
    """
    rates = ctx.rates
    table = "pension_age_winter_heating_payment" if ctx.scotland else WINTER
    eligible, uncertain = [], False
    for adult in ctx.household.adults:
        over_spa = born_before_date(adult, rates[f"{WINTER}.born_before"], ctx.on_date)
        if over_spa is None:
            uncertain = True
        if over_spa is not False:
            eligible.append((adult, bool(born_before_date(adult, rates[f"{WINTER}.born_before_80"], ctx.on_date))))
    if len(eligible) == 1:
        adult, over_80 = eligible[0]
        return [(adult, rates.money(f"{table}.full_80" if over_80 else f"{table}.full"))], uncertain
    if len(eligible) == 2 and on_relevant_benefit(ctx):
        oldest, over_80 = max(eligible, key=lambda pair: (pair[1], pair[0].age))
        return [(oldest, rates.money(f"{table}.full_80" if over_80 else f"{table}.full"))], uncertain
    shares = []
    for adult, over_80 in eligible:
        other_80 = any(o80 for other, o80 in eligible if other is not adult)
        key = "shared" if not over_80 else ("shared_80_with_80" if other_80 else "shared_80_with_under_80")
        shares.append((adult, rates.money(f"{table}.{key}")))
    return shares, uncertain


def decide_winter_payment(ctx: Context) -> Decision:
    """Winter Fuel Payment (England and Wales, SI 2025/969) or Pension Age Winter Heating Payment (Scotland): paid
    automatically for the winter; taken back through tax (ITEPA 2003 s.681I) from a person whose own income is over
    £35,000 a year unless they are on a relevant benefit."""
    rates = ctx.rates
    start, end = rates[f"{WINTER}.qualifying_week_starts"], rates[f"{WINTER}.qualifying_week_ends"]
    paid, uncertain = winter_payments(ctx)
    if not paid:
        return unlikely("benefits.reason.winter.not_pension_age", params={"start": start, "end": end})
    limit = rates.money(f"{WINTER}.recovery_income_limit")
    relevant = on_relevant_benefit(ctx)
    lines = [Line("benefits.line.winter.week", None, {"start": start, "end": end}, kind="note")]
    kept = ZERO
    for adult, amount in paid:
        lines.append(Line("benefits.line.winter.payment", None, {"age": adult.age, "amount": amount}, kind="note"))
        if not relevant and own_total_income(ctx, adult) > limit:
            lines.append(Line("benefits.line.winter.recovery", None, {"amount": amount, "limit": limit}, kind="note"))
        else:
            kept += amount
    lines.append(Line("benefits.line.winter.on_benefit" if relevant else "benefits.line.winter.income_limit", None,
                      {"limit": limit}, kind="note"))
    if not kept:
        return unlikely("benefits.reason.winter.recovered", params={"limit": limit}, lines=tuple(lines))
    if uncertain:
        return possible("benefits.reason.winter.if_pension_age", params={"date": end}, one_off=kept,
                        lines=tuple(lines))
    return likely("benefits.reason.winter.automatic", one_off=kept, lines=tuple(lines))


# --- Free TV licence -------------------------------------------------------------------------------------------


def decide_free_tv_licence(ctx: Context) -> Decision:
    """A free TV licence: the licence holder is 75 or over and they or their partner get Pension Credit (the BBC's
    concession since 1 August 2020, which took over the one in the Communications (Television Licensing)
    Regulations 2004 (SI 2004/692) Sch. 2). Worth the yearly fee."""
    rates = ctx.rates
    fee = rates.money("tv_licence.fee")
    lines = (Line("benefits.line.tv.fee", None, {"fee": fee}, kind="note"),)
    if not any(adult.age >= rates["tv_licence.free_from_age"] for adult in ctx.household.adults):
        return unlikely("benefits.reason.tv.under_75")
    steps = ("benefits.next.tv_apply",)
    if gets_pension_credit(ctx):
        return likely("benefits.reason.tv.likely", one_off=fee, lines=lines, next_steps=steps)
    if may_get_pension_credit(ctx):
        return possible("benefits.reason.tv.if_pension_credit", one_off=fee, lines=lines, next_steps=steps)
    return unlikely("benefits.reason.tv.needs_pension_credit")


#: This module's rules by the names ``assets/rules/benefits.toml`` uses.
RULES: dict[str, Rule] = {
    "attendance_allowance": decide_attendance_allowance,
    "winter_fuel_payment": decide_winter_payment,
    "free_tv_licence": decide_free_tv_licence,
}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    could_get_attendance_allowance, gets_pension_credit, may_get_pension_credit, on_relevant_benefit)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    attendance_allowance_weekly, attendance_allowance_range_monthly, own_total_income, winter_payments)}

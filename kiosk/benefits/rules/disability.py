"""Benefits decided by an assessment, shown as the range a person could get: PIP (Adult Disability Payment in
Scotland), DLA for children (Child Disability Payment in Scotland) and Access to Work.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules import RULES
    >>> from kiosk.benefits.rules.decisions import Context
    >>> ctx = Context(Household("WALES", (Adult(age=40, is_disabled=True),)), dt.date(2026, 4, 6), rules=RULES)
    >>> decision = ctx.decision("pip_adp")
    >>> decision.status, decision.monthly, decision.monthly_range
    ('possible', Decimal('0'), (Decimal('131.30'), Decimal('843.27')))

An award someone already has is counted in ``monthly``; one that depends on an assessment is a range, from the
lowest award to the highest, with ``monthly`` 0.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from kiosk.benefits.household import Adult, Child
from kiosk.benefits.rates import Rates, monthly_from_weekly
from kiosk.benefits.rules.decisions import ZERO, Context, Decision, Line, Rule, likely, possible, unlikely
from kiosk.benefits.rules.predicates import under_state_pension_age

PIP_DAILY = {"STANDARD": "pip.daily_living_standard", "ENHANCED": "pip.daily_living_enhanced"}
PIP_MOBILITY = {"STANDARD": "pip.mobility_standard", "ENHANCED": "pip.mobility_enhanced"}
DLA_CARE = {"LOWER": "dla.care_lowest", "MIDDLE": "dla.care_middle", "HIGHER": "dla.care_highest"}
DLA_MOBILITY = {"LOWER": "dla.mobility_lower", "HIGHER": "dla.mobility_higher"}


def pip_weekly(adult: Adult, rates: Rates) -> Decimal:
    """The PIP (or ADP) award someone already has, a week: daily living plus mobility."""
    daily = rates.money(PIP_DAILY[adult.pip_daily_living]) if adult.pip_daily_living in PIP_DAILY else ZERO
    mobility = rates.money(PIP_MOBILITY[adult.pip_mobility]) if adult.pip_mobility in PIP_MOBILITY else ZERO
    return daily + mobility


def pip_range_monthly(rates: Rates) -> tuple[Decimal, Decimal]:
    """The lowest PIP award (standard mobility only) and the highest (both parts enhanced), £ a month."""
    lowest = rates.money("pip.mobility_standard")
    highest = rates.money("pip.daily_living_enhanced") + rates.money("pip.mobility_enhanced")
    return monthly_from_weekly(lowest), monthly_from_weekly(highest)


def could_get_pip(adult: Adult, rates: Rates) -> bool:
    """16 to State Pension age with a long-term condition or disability, and no PIP yet."""
    return (adult.age >= 16 and under_state_pension_age(adult, rates) and not adult.gets_pip
            and (adult.is_disabled or adult.health_limits_work or adult.cannot_work or adult.has_lcwra))


def decide_pip(ctx: Context) -> Decision:
    """PIP or Adult Disability Payment: the award already had, or the range an assessment could give."""
    rates, adults = ctx.rates, ctx.household.adults
    known = sum((pip_weekly(adult, rates) for adult in adults), ZERO)
    candidates = [adult for adult in adults if could_get_pip(adult, rates)]
    low, high = pip_range_monthly(rates)
    lines = []
    if known:
        lines.append(Line("benefits.line.weekly_rate", monthly_from_weekly(known), {"weekly": known}))
    if candidates:
        lines.append(Line("benefits.line.pip.range", None, {"low": low, "high": high}, kind="note"))
    steps = ("benefits.next.pip_claim",)
    if known:
        return likely("benefits.reason.already_get", monthly=monthly_from_weekly(known), lines=tuple(lines))
    if candidates:
        count = len(candidates)
        return possible("benefits.reason.pip.possible", monthly_range=(low * count, high * count),
                        lines=tuple(lines), next_steps=steps)
    return unlikely("benefits.reason.pip.no_condition")


def dla_care_weekly(child: Child, rates: Rates) -> Decimal:
    """The care part of DLA (or Child Disability Payment) a child already gets, a week."""
    return rates.money(DLA_CARE[child.dla_care]) if child.dla_care in DLA_CARE else ZERO


def dla_weekly(child: Child, rates: Rates) -> Decimal:
    """The DLA (or Child Disability Payment) a child already gets, a week: the care part plus the mobility part
    (SSCBA 1992 ss.72-73; lower and higher mobility rates)."""
    mobility = rates.money(DLA_MOBILITY[child.dla_mobility]) if child.dla_mobility in DLA_MOBILITY else ZERO
    return dla_care_weekly(child, rates) + mobility


def dla_range_weekly(child: Child, rates: Rates) -> tuple[Decimal, Decimal]:
    """The lowest DLA award (lowest care) and the highest (highest care, plus the higher mobility rate from 3)."""
    high = rates.money("dla.care_highest")
    if child.age >= rates["dla.mobility_higher_min_age"]:
        high += rates.money("dla.mobility_higher")
    return rates.money("dla.care_lowest"), high


def decide_dla(ctx: Context) -> Decision:
    """DLA for children (Child Disability Payment in Scotland): the award already had, care and mobility, or the
    range."""
    rates = ctx.rates
    max_age = rates["dla.scotland_max_age" if ctx.scotland else "dla.max_age"]
    children = [child for child in ctx.household.children if child.age < max_age]
    known = sum((dla_weekly(child, rates) for child in children), ZERO)
    candidates = [child for child in children
                  if child.is_disabled and child.dla_care == "NONE" and child.dla_mobility == "NONE"]
    low = sum((dla_range_weekly(child, rates)[0] for child in candidates), ZERO)
    high = sum((dla_range_weekly(child, rates)[1] for child in candidates), ZERO)
    lines = []
    if known:
        lines.append(Line("benefits.line.weekly_rate", monthly_from_weekly(known), {"weekly": known}))
    steps = ("benefits.next.dla_claim",)
    if known:
        return likely("benefits.reason.already_get", monthly=monthly_from_weekly(known), lines=tuple(lines))
    if candidates:
        return possible("benefits.reason.dla.possible",
                        monthly_range=(monthly_from_weekly(low), monthly_from_weekly(high)), next_steps=steps)
    return unlikely("benefits.reason.dla.no_disabled_child")


def decide_access_to_work(ctx: Context) -> Decision:
    """Access to Work: a grant for a disabled person in work (or with a job offer), set by their needs."""
    disabled = [a for a in ctx.household.adults if a.is_disabled or a.health_limits_work or a.has_lcwra]
    if not disabled:
        return unlikely("benefits.reason.atw.no_condition")
    if not any(adult.in_work for adult in disabled):
        return possible("benefits.reason.atw.when_working", next_steps=("benefits.next.atw_apply",))
    return possible("benefits.reason.atw.possible", next_steps=("benefits.next.atw_apply",))


#: This module's rules by the names ``assets/rules/benefits.toml`` uses.
RULES: dict[str, Rule] = {
    "pip_adp": decide_pip,
    "dla_cdp": decide_dla,
    "access_to_work": decide_access_to_work,
}

#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (
    could_get_pip,)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    pip_weekly, pip_range_monthly, dla_care_weekly, dla_weekly, dla_range_weekly)}

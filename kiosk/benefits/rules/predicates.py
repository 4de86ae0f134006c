"""Yes/no tests that several benefit rules share, one concept each, and the table of them by name.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> from kiosk.benefits.rates import rates_on
    >>> rates = rates_on(dt.date(2026, 4, 6))
    >>> under_state_pension_age(Adult(age=65), rates), under_state_pension_age(Adult(age=66), rates)
    (True, False)
    >>> responsible_for_child(Household("ENGLAND", (Adult(age=30),), (Child(age=17, in_education=False),)))
    False

Predicates that only one rule module needs live in that module. Each module lists its own in a ``PREDICATES`` table
(these are ``PREDICATES`` below); ``kiosk.benefits.rules`` merges them, and a test checks each one has its own test.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable

from kiosk.benefits.household import Adult, Child, Household
from kiosk.benefits.rates import Rates
from kiosk.benefits.rules.state_pension_age import pension_age_day, state_pension_age_reached
from kiosk.benefits.rules.statuses import LIKELY, POSSIBLE

if TYPE_CHECKING:  # decisions imports this module (Context.net_monthly asks for State Pension age)
    from kiosk.benefits.rules.decisions import Context


def under_state_pension_age(adult: Adult, rates: Rates) -> bool:
    """The adult is under State Pension age on 6 October of the rates' tax year: from the birth date by the
    schedule (66, rising to 67 for people born from 6 April 1960; Pensions Act 2014 s.26), else from the age (66).
    See ``kiosk.benefits.rules.state_pension_age``."""
    return not state_pension_age_reached(adult, pension_age_day(rates), rates)


def working_age_household(household: Household, rates: Rates) -> bool:
    """At least one adult is under State Pension age, so the household is on working-age benefits."""
    return any(under_state_pension_age(adult, rates) for adult in household.adults)


def cares_35_hours(adult: Adult, rates: Rates) -> bool:
    """The adult cares for someone at least 35 hours a week (``is_carer`` with no hours given counts)."""
    if adult.caring_hours_weekly is None:
        return adult.is_carer
    return adult.caring_hours_weekly >= rates["carers_allowance.min_hours"]


def partners_care_for_same_person(household: Household) -> bool:
    """Both partners care for the same severely disabled person (so only one has the carer element, UC Regulations
    2013 reg. 29(2)-(3), and only one Carer's Allowance, SSCBA 1992 s.70(7)): as the household says
    (``partners_care_for_same_person``), else only when both care for the household's only child."""
    if not household.is_couple:
        return False
    if household.partners_care_for_same_person is not None:
        return household.partners_care_for_same_person
    return len(household.children) == 1 and all(adult.cares_for == "CHILD" for adult in household.adults)


def qualifying_child(child: Child) -> bool:
    """Counts as a child for benefits: under 16, or under 20 in approved education or training."""
    return child.age < 16 or (child.age < 20 and child.in_education)


def uc_qualifying_child(child: Child, on_date: dt.date) -> bool:
    """Counts as a child or qualifying young person for Universal Credit on ``on_date`` (UC Regulations 2013 reg. 5):
    under 16; or in approved non-advanced education or training up to, not including, the 1 September after their
    19th birthday (the course taken to have started before 19). From an age alone, a 19-year-old is taken to be past
    that 1 September (it is, for 11 birthdays in 12, on the 6 October the check uses). Child Benefit's own rule runs
    to 20 (``qualifying_child``)."""
    if child.age < 16:
        return True
    if not child.in_education or child.age >= 20:
        return False
    if child.birth_date is None:
        return child.age < 19
    birthday_19 = _years_before(child.birth_date, -19)
    terminal = dt.date(birthday_19.year if birthday_19 < dt.date(birthday_19.year, 9, 1) else birthday_19.year + 1,
                       9, 1)
    return on_date < terminal


def born_before(child: Child, cutoff: dt.date, on_date: dt.date) -> bool:
    """The child was born before ``cutoff``: from the birth date, the questionnaire's answer, or else the age.

    From an age alone the birth date is taken as the middle of the possible year: a child aged 9 on 6 April 2026
    was born between 7 April 2016 and 6 April 2017, so before 6 April 2017 for all but one day.

    :param child: the child.
    :param cutoff: e.g. 6 April 2017.
    :param on_date: the date the age is on.
    """
    if child.birth_date is not None:
        return child.birth_date < cutoff
    if child.born_before_april_2017 is not None and cutoff == dt.date(2017, 4, 6):
        return child.born_before_april_2017
    latest = _years_before(on_date, child.age)  # born on or before this day
    earliest = _years_before(on_date, child.age + 1) + dt.timedelta(days=1)
    return earliest + (latest - earliest) / 2 < cutoff


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def responsible_for_child(household: Household, on_date: dt.date | None = None) -> bool:
    """The household has at least one child who counts for benefits (for Universal Credit on ``on_date`` when
    given: ``uc_qualifying_child``)."""
    if on_date is not None:
        return any(uc_qualifying_child(child, on_date) for child in household.children)
    return any(qualifying_child(child) for child in household.children)


def meets_uc_minimum_age(adult: Adult, household: Household, rates: Rates, on_date: dt.date | None = None) -> bool:
    """The adult meets Universal Credit's minimum age: 18 or over (Welfare Reform Act 2012 s.4(1)(a)), or 16 or 17
    within an exception of UC Regulations 2013 reg. 8(1) the kiosk can see: limited capability for work and
    work-related activity (a), caring 35 hours a week for a severely disabled person (c, reg. 30), responsible for a
    child or qualifying young person (d, and (e) for a couple)."""
    if adult.age >= rates["universal_credit.minimum_age"]:
        return True
    return adult.age >= 16 and (adult.has_lcwra or cares_35_hours(adult, rates)
                                or responsible_for_child(household, on_date))


def uc_claimants(household: Household, rates: Rates, on_date: dt.date | None = None) -> tuple[Adult, ...]:
    """Who claims Universal Credit: a couple jointly, but where one partner is under 18 and within no exception of
    reg. 8, the other claims as a single person (UC Regulations 2013 reg. 3(3)(a); a joint claim is then taken as
    theirs alone, Claims and Payments Regulations 2013 reg. 9(1)); the single rate of the standard allowance
    (reg. 36(3)), and the shared accommodation rate can apply (Sch. 4 para. 28(2)). The partner's income and capital
    still count (regs. 18(2), 22(3))."""
    meets = tuple(adult for adult in household.adults if meets_uc_minimum_age(adult, household, rates, on_date))
    return meets if household.is_couple and meets else household.adults


def gets_disability_benefit(household: Household) -> bool:
    """Someone gets PIP or Adult Disability Payment or Attendance Allowance, or a child gets DLA or Child Disability
    Payment, either part, mobility alone included (the benefits of UC Regulations 2013 reg. 83(1)(c), (f)-(hb))."""
    return (any(adult.gets_pip or adult.attendance_allowance != "NONE" for adult in household.adults)
            or any(child.dla_care != "NONE" or child.dla_mobility != "NONE" for child in household.children))


def gets_universal_credit(ctx: Context) -> bool:
    """The household already gets Universal Credit or is likely to."""
    return ("universal_credit" in ctx.household.benefits_received
            or ctx.decision("universal_credit").status == LIKELY)


def may_get_universal_credit(ctx: Context) -> bool:
    """The household gets Universal Credit, or is likely or possibly entitled to it."""
    return gets_universal_credit(ctx) or ctx.decision("universal_credit").status == POSSIBLE


def gets_means_tested_benefit(ctx: Context) -> bool:
    """The household gets (or is likely to get) Universal Credit, Pension Credit or Housing Benefit."""
    received = ctx.household.benefits_received
    return gets_universal_credit(ctx) or bool(received & {"pension_credit", "housing_benefit"})


#: The shared predicates by name.
PREDICATES: dict[str, Callable[..., bool]] = {function.__name__: function for function in (
    under_state_pension_age, working_age_household, cares_35_hours, qualifying_child, uc_qualifying_child, born_before,
    responsible_for_child, gets_disability_benefit, gets_universal_credit, may_get_universal_credit,
    gets_means_tested_benefit, meets_uc_minimum_age, partners_care_for_same_person)}

"""When each question of the benefits questionnaire is asked: named conditions on the answers so far.

    >>> sex_changes_bedrooms([12, 7]), sex_changes_bedrooms([7, 4]), sex_changes_bedrooms([12, 3, 2])
    (True, False, False)
    >>> CONDITIONS["you_pension_age"](FlowState("state_pension", {"age": 67}))
    True

``kiosk.benefits.flow`` names these in its routes (``Route(.., when="has_partner")``) and in options offered only
sometimes (``option_when``). Each takes the ``FlowState`` and returns True or False; none looks at anything but the
answers and the date.

The ages we ask about money at, and why:

- State Pension and Attendance Allowance from 66, the State Pension age for everyone born before 6 April 1960
  (Pensions Act 1995 Sch. 4 as amended by the Pensions Act 2011 s.1; it rises to 67 for people born from 6 April
  1960, Pensions Act 2014 s.26). Nobody younger gets either; a 66-year-old not there yet answers 0 or No.
- Other pensions (from a job, or personal) from 55, the normal minimum pension age (Finance Act 2004 s.279; 57
  from 6 April 2028): people take pensions from then, and Universal Credit counts them in full (UC Regulations 2013
  reg. 66(1)(a)).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable

from kiosk.benefits.flow_engine import EMPLOYED, SELF_EMPLOYED, FlowState

#: Age from which we ask about the State Pension and Attendance Allowance (see above).
STATE_PENSION_ASKED_FROM = 66
#: Age from which we ask about other pensions (see above).
OTHER_PENSIONS_ASKED_FROM = 55
#: Most children a household may give (the ``children_count`` question's highest answer).
MOST_CHILDREN = 12


# --- bedrooms -----------------------------------------------------------------------------------------------------


def bedrooms_for_children(children: Iterable[tuple[int, str]]) -> int:
    """The fewest bedrooms the children need under UC Regulations 2013 Sch. 4 para 10: two children of the same sex
    under 16 share, any two children under 10 share, everyone else has a room of their own.

    :param children: (age, "boy" | "girl") for each child.

    Pairing greedily is the best pairing: children of 10 to 15 can share only with their own sex, so they are paired
    among themselves first; one left over shares with a younger child of the same sex if there is one (never worse
    than leaving that child to pair with another under-10); the under-10s left pair with each other.

        >>> bedrooms_for_children([(12, "boy"), (11, "girl"), (3, "girl")])
        2
    """
    rooms, young = 0, {"boy": 0, "girl": 0}
    older = {"boy": 0, "girl": 0}
    for age, sex in children:
        if age >= 16:
            rooms += 1
        elif age >= 10:
            older[sex] += 1
        else:
            young[sex] += 1
    for sex in ("boy", "girl"):
        rooms += older[sex] // 2
        if older[sex] % 2:
            rooms += 1
            if young[sex]:
                young[sex] -= 1
    return rooms + (young["boy"] + young["girl"] + 1) // 2


def sex_changes_bedrooms(children_ages: Iterable[int]) -> bool:
    """Whether the children's sexes can change how many bedrooms they are allowed (Sch. 4 para 10), so that the
    questionnaire must ask them: True only if some choice of sexes gives a different count from another.

    :param children_ages: each child's age in years.

    That needs two children under 16, one of them 10 to 15, but is not always so: with 12, 3 and 2 the two little
    ones share whatever anyone's sex. The four-bedroom limit on Local Housing Allowance is not taken into account
    (at worst a large family is asked a question that changes nothing).
    """
    ages = [age for age in children_ages if age < 16]
    older, young = sum(1 for age in ages if age >= 10), sum(1 for age in ages if age < 10)
    if len(ages) < 2 or not older:
        return False
    # Only how many of each age group are boys matters, so try each split: at most 13 x 13 of them.
    counts = {bedrooms_for_children([(12, "boy")] * boys + [(12, "girl")] * (older - boys)
                                    + [(5, "boy")] * little_boys + [(5, "girl")] * (young - little_boys))
              for boys, little_boys in itertools.product(range(older + 1), range(young + 1))}
    return len(counts) > 1


# --- the conditions -----------------------------------------------------------------------------------------------


def _ages_near_april_2017(state: FlowState) -> bool:
    """Some child's age leaves it unclear whether they were born before 6 April 2017."""
    cutoff = dt.date(2017, 4, 6)
    for age in state.answers.get("children_ages", ()):
        latest = _years_before(state.on_date, age)
        earliest = _years_before(state.on_date, age + 1) + dt.timedelta(days=1)
        if earliest < cutoff <= latest:
            return True
    return False


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _may_pay_childcare(state: FlowState) -> bool:
    """A child under 16, and someone in work (for an employer or for themselves)."""
    young = any(age < 16 for age in state.answers.get("children_ages", ()))
    working = state.answers.get("work", "no") != "no" or state.answers.get("partner_work", "no") != "no"
    return young and working


def _has_partner(state: FlowState) -> bool:
    return state.answers.get("partner") == "yes"


def _has_children(state: FlowState) -> bool:
    return state.answers.get("children_count", 0) > 0


def _aged(key: str, low: int, partner: bool = False) -> Callable[[FlowState], bool]:
    """The person (or their partner, if they have one) is ``low`` or older."""
    return lambda state: (not partner or _has_partner(state)) and state.answers.get(key, 0) >= low


def _asks_child_sex(number: int) -> Callable[[FlowState], bool]:
    """Child ``number`` (from 1, as the ages were typed) is under 16, the family rents from a private landlord (so
    the Local Housing Allowance counts bedrooms) and the children's sexes can change the bedrooms allowed."""
    def condition(state: FlowState) -> bool:
        ages = state.answers.get("children_ages", ())
        return (state.answers.get("housing") == "rent_private" and number <= len(ages) and ages[number - 1] < 16
                and sex_changes_bedrooms(ages))
    return condition


def _disabled_child(number: int) -> Callable[[FlowState], bool]:
    return lambda state: state.answers.get("children_disabled", 0) >= number


CONDITIONS: dict[str, Callable[[FlowState], bool]] = {
    "has_partner": _has_partner,
    "has_children": _has_children,
    "has_disabled_children": lambda state: state.answers.get("children_disabled", 0) > 0,
    "ages_near_april_2017": _ages_near_april_2017,
    "may_pay_childcare": _may_pay_childcare,
    "you_employed": lambda state: state.answers.get("work") in EMPLOYED,
    "you_self_employed": lambda state: state.answers.get("work") in SELF_EMPLOYED,
    "partner_employed": lambda state: state.answers.get("partner_work") in EMPLOYED,
    "partner_self_employed": lambda state: state.answers.get("partner_work") in SELF_EMPLOYED,
    "you_pension_age": _aged("age", STATE_PENSION_ASKED_FROM),
    "you_may_have_pension": _aged("age", OTHER_PENSIONS_ASKED_FROM),
    "partner_pension_age": _aged("partner_age", STATE_PENSION_ASKED_FROM, partner=True),
    "partner_may_have_pension": _aged("partner_age", OTHER_PENSIONS_ASKED_FROM, partner=True),
    # "Who do you care for?" is asked only when there is more than "someone else" to choose from.
    "you_care_for_one_of_several": lambda state: (state.answers.get("caring_hours", 0) > 0
                                                  and (_has_partner(state) or _has_children(state))),
    "partner_cares": lambda state: state.answers.get("partner_caring_hours", 0) > 0,
    "pays_council_tax": lambda state: state.answers.get("housing") not in (None, "no_rent"),
    **{f"asks_child_sex_{n}": _asks_child_sex(n) for n in range(1, MOST_CHILDREN + 1)},
    **{f"disabled_child_{n}": _disabled_child(n) for n in range(1, MOST_CHILDREN + 1)},
}

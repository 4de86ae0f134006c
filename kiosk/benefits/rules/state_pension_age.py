"""State Pension age: the day someone reaches it, from their birth date, and whether they have.

    >>> import datetime as dt
    >>> state_pension_age_date(dt.date(1960, 4, 20))  # 66 years and 1 month
    datetime.date(2026, 5, 20)
    >>> state_pension_age_date(dt.date(1961, 3, 6))  # 67
    datetime.date(2028, 3, 6)

The schedule is the Pensions Act 1995 Sch. 4 as amended by the Pensions Act 2007 Sch. 3, the Pensions Act 2011 s.1
and the Pensions Act 2014 s.26:

- born before 6 December 1953: 65 (a man; a woman born before then reached it earlier, at 60 to 65, under the 1995
  Act: we do not ask sex, and for everything we check (reached by 2025, before 1 April 2021) the answer is the same,
  except savings credit, see ``kiosk.benefits.rules.pension_credit``);
- born 6 December 1953 to 5 October 1954: 6 March 2019 to 6 September 2020, two months later for each month of
  birth (Pensions Act 2011 s.1, Table 3);
- born 6 October 1954 to 5 April 1960: 66;
- born 6 April 1960 to 5 March 1961: 66 and 1 to 11 months, one more month for each month of birth;
- born 6 March 1961 or later: 67 (the rise to 68 for people born from 6 April 1977 is not in: none of them reaches
  State Pension age before 2044).

With no birth date (the questionnaire asks an age) State Pension age is the rates'
``universal_credit.state_pension_age`` (66). The benefit rules judge it on 6 October of the tax year, the day a bare
age is taken to be on (the mid-year convention of ``kiosk.benefits.household``), so that every rule agrees about the
same person.
"""

from __future__ import annotations

import calendar
import datetime as dt

from kiosk.benefits.household import Adult, mid_year
from kiosk.benefits.rates import Rates

SIXTY_SIX_FROM = dt.date(1954, 10, 6)  # Pensions Act 2011 s.1
RISE_TO_67_FROM = dt.date(1960, 4, 6)  # Pensions Act 2014 s.26
SIXTY_SEVEN_FROM = dt.date(1961, 3, 6)
PHASE_TO_66_FROM = dt.date(1953, 12, 6)


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; the last day of a shorter month stands in for a day it lacks."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months_of_birth_since(born: dt.date, start: dt.date) -> int:
    """Which step of a "born 6th of one month to 5th of the next" table ``born`` falls in (0 for the first)."""
    months = (born.year - start.year) * 12 + born.month - start.month
    return months - (born.day < start.day)


def state_pension_age_date(born: dt.date) -> dt.date:
    """The day someone born on ``born`` reaches State Pension age (the schedule above).

    :param born: the birth date.
    """
    if born >= SIXTY_SEVEN_FROM:
        return _add_months(born, 67 * 12)
    if born >= RISE_TO_67_FROM:
        return _add_months(born, 66 * 12 + 1 + _months_of_birth_since(born, RISE_TO_67_FROM))
    if born >= SIXTY_SIX_FROM:
        return _add_months(born, 66 * 12)
    if born >= PHASE_TO_66_FROM:
        return _add_months(dt.date(2019, 3, 6), 2 * _months_of_birth_since(born, PHASE_TO_66_FROM))
    return _add_months(born, 65 * 12)


def estimated_birth_date(adult: Adult, on_date: dt.date) -> dt.date:
    """The birth date, or from the age alone the middle of the year of birth dates it allows (an age on 6 October
    of the tax year means born in the twelve months to that 6 October: the middle is about 6 April).

    :param adult: the adult.
    :param on_date: a date in the tax year the age is for.
    """
    if adult.birth_date is not None:
        return adult.birth_date
    latest = _add_months(mid_year(on_date), -12 * adult.age)
    return latest - dt.timedelta(days=182)


def state_pension_age_reached(adult: Adult, on_date: dt.date, rates: Rates) -> bool:
    """The adult has reached State Pension age on ``on_date``: from the birth date by the schedule, else the age
    against the rates' State Pension age (66).

    :param adult: the adult.
    :param on_date: the day it is judged on.
    :param rates: the rates in force.
    """
    if adult.birth_date is None:
        return adult.age >= rates["universal_credit.state_pension_age"]
    return state_pension_age_date(adult.birth_date) <= on_date


def reached_state_pension_age_before(adult: Adult, day: dt.date, on_date: dt.date) -> bool:
    """The adult reached State Pension age before ``day`` (for savings credit: 6 April 2016; for the higher Housing
    Benefit allowance: 1 April 2021), from the birth date or, with an age only, the estimated one.

    :param adult: the adult.
    :param day: the cut-off.
    :param on_date: the date of the check (for an age alone).
    """
    return state_pension_age_date(estimated_birth_date(adult, on_date)) < day


def pension_age_day(rates: Rates) -> dt.date:
    """The day State Pension age is judged on for a tax year: its 6 October, as a bare age is.

    :param rates: the tax year's rates.
    """
    return mid_year(rates.starts)

"""The CV builder's journey: its steps in order, which of them hold something, and the small edits the steps make.

    >>> from kiosk.cv.model import CV, WorkEntry
    >>> cv = CV()
    >>> cv.contact.name = "Siân"
    >>> [step for step in STEPS if has_content(cv, step)]
    ['contact']
    >>> next_step("work"), previous_step("contact"), next_step("references")
    ('education', None, 'preview')
    >>> jobs = [WorkEntry(title="A"), WorkEntry(title="B")]
    >>> move(jobs, 1, -1); [job.title for job in jobs]
    True
    ['B', 'A']

Every step can be skipped and come back to: nothing here insists on an order. The screens show the steps with
"Done" or "Not started" in words (a tick means "chosen" and nothing else); the words are in the catalogues and
``kiosk.cv.advice``.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import get_month_names

from kiosk.cv.model import CV, FIRST_YEAR
from kiosk.cv.advice import STEPS as ADVICE_STEPS

#: The steps a person goes through, in order; "preview" is where they print, send or find matching jobs.
STEPS: tuple[str, ...] = ("contact", "statement", "work", "education", "qualifications", "skills", "interests",
                          "references")
assert set(STEPS) < set(ADVICE_STEPS), "every step has its advice"

#: Babel locales for month names.
_LOCALES = {"en": "en_GB", "cy": "cy_GB"}


def has_content(cv: CV, step: str) -> bool:
    """True when the step holds something the CV will print ("Done" on the list of steps).

    :param cv: the CV.
    :param step: one of ``STEPS``.
    """
    contact = cv.contact
    return {
        "contact": any(text.strip() for text in (contact.name, contact.phone, contact.email, contact.town)),
        "statement": bool(cv.statement.strip()),
        "work": bool(cv.work),
        "education": bool(cv.education),
        "qualifications": bool(cv.qualifications),
        "skills": bool(cv.skills),
        "interests": bool(cv.interests.strip()),
        "references": bool(cv.references.strip()),
    }[step]


def step_number(step: str) -> int:
    """The step's place in the journey, from 1.

    :param step: one of ``STEPS``.
    """
    return STEPS.index(step) + 1


def next_step(step: str) -> str:
    """The step after ``step``, or "preview" after the last.

    :param step: one of ``STEPS``.
    """
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else "preview"


def previous_step(step: str) -> str | None:
    """The step before ``step``, or None for the first.

    :param step: one of ``STEPS``.
    """
    index = STEPS.index(step)
    return STEPS[index - 1] if index else None


def move(items: list, index: int, delta: int) -> bool:
    """Move one entry up (-1) or down (+1) a list in place; False when it is already at that end.

    :param items: the list (work history, education ...).
    :param index: the entry's position.
    :param delta: -1 or +1.
    """
    target = index + delta
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return False
    items[index], items[target] = items[target], items[index]
    return True


def month_names(language: str) -> list[str]:
    """January to December in the person's language ("Ionawr" ... in Welsh).

    >>> month_names("cy")[0], month_names("en")[11]
    ('Ionawr', 'December')

    :param language: "en" or "cy".
    """
    names = get_month_names("wide", context="stand-alone", locale=_LOCALES.get(language, "en_GB"))
    return [names[number].capitalize() for number in range(1, 13)]


def year_range(today: dt.date | None = None) -> tuple[int, int]:
    """The years the year pickers offer: from ``FIRST_YEAR`` to this year.

    :param today: the date (default: today).
    """
    return FIRST_YEAR, (today or dt.date.today()).year

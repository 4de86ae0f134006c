"""Filter groups for job search: their choices, how each choice is tested, and the counts beside each choice.

    >>> chosen = {"hours": {"16_29"}}
    >>> groups = [(encode(hours=1, contract=0), 3, 5), (encode(hours=2, contract=1), 0, 7)]
    >>> total, counts = tally(groups, chosen)
    >>> total, counts["hours"], counts["contract"]["permanent"]
    (5, {'under_16': 0, '16_29': 5, '30_plus': 7}, 5)

The counts are worked out in one pass over ``groups``: rows of (facet code, posted bucket, vacancies), which the
database groups for the words and place searched (see ``kiosk.jobs.vacancies.facet_code``). The count beside a choice
is how many vacancies there would be with that choice added to the choices of the *other* groups.
"""

from __future__ import annotations

import datetime as dt
import functools

from kiosk.jobs.vacancies import CONTRACTS, HOURS_BANDS, PAY_STEPS, WORKPLACES, unpack_facet_code

POSTED_WITHIN = (1, 7, 14)
GROUPS = ("hours", "contract", "remote", "disability_confident", "posted_within", "min_pay")
CHOICES: dict[str, tuple[str, ...]] = {
    "hours": HOURS_BANDS,
    "contract": CONTRACTS,
    "remote": ("yes",),
    "disability_confident": ("yes",),
    "posted_within": tuple(str(days) for days in POSTED_WITHIN),
    "min_pay": tuple(str(step) for step in PAY_STEPS),
}
_REMOTE = {WORKPLACES.index("hybrid"), WORKPLACES.index("remote")}


def encode(hours=0, contract=0, workplace=0, disability_confident=0, pay_steps=0) -> int:
    """A facet code from its parts (the inverse of ``kiosk.jobs.vacancies.unpack_facet_code``), for tests and docs."""
    return hours + 3 * contract + 12 * workplace + 36 * disability_confident + 72 * pay_steps


def posted_bucket_sql(column: str, today: dt.date) -> tuple[str, list[int]]:
    """SQL for how many of the "posted within" limits a vacancy meets: 3 means within 1 day, 0 older than 14.

    :param column: the posted day column (a Julian day number).
    :param today: the kiosk's date.
    """
    day = _julian(today)
    return " + ".join(f"({column} > ?)" for _ in POSTED_WITHIN), [day - days for days in POSTED_WITHIN]


def _julian(day: dt.date) -> int:
    # SQLite's CAST(julianday('YYYY-MM-DD') AS INTEGER) is the Julian day at the date's noon, rounded down.
    return day.toordinal() + 1721424


def matches(group: str, choices: set[str], code_parts: tuple[int, ...], posted_bucket: int) -> bool:
    """Whether a vacancy with these facet parts meets the choices of one group (any of them).

    :param group: a name from ``GROUPS``.
    :param choices: the choices made in it; none made means every vacancy meets it.
    :param code_parts: from ``unpack_facet_code``.
    :param posted_bucket: from ``posted_bucket_sql``.
    """
    if not choices:
        return True
    hours, contract, workplace, disability_confident, pay_steps = code_parts
    if group == "hours":
        return HOURS_BANDS[hours] in choices
    if group == "contract":
        return CONTRACTS[contract] in choices
    if group == "remote":
        return workplace in _REMOTE
    if group == "disability_confident":
        return disability_confident == 1
    if group == "posted_within":
        return any(posted_bucket >= len(POSTED_WITHIN) - POSTED_WITHIN.index(int(c)) for c in choices)
    if group == "min_pay":
        return any(pay_steps <= len(PAY_STEPS) and pay_steps > PAY_STEPS.index(int(c)) for c in choices)
    raise ValueError(group)


def tally(groups, chosen: dict[str, set[str]]) -> tuple[int, dict[str, dict[str, int]]]:
    """The total under every choice made, and the count beside each choice of each group.

    :param groups: rows of (facet code, posted bucket, number of vacancies).
    :param chosen: the choices made, by group.
    """
    plans = _plans(tuple(sorted((group, tuple(sorted(choices))) for group, choices in chosen.items() if choices)))
    total = 0
    slots = [0] * len(_SLOTS)
    for code, posted_bucket, number in groups:
        plan = plans.get((code, posted_bucket))
        if plan is None:
            plan = plans[code, posted_bucket] = _plan(code, posted_bucket, chosen)
        counted, adds_to = plan
        total += number * counted
        for slot in adds_to:
            slots[slot] += number
    counts = {group: dict.fromkeys(CHOICES[group], 0) for group in GROUPS}
    for (group, choice), number in zip(_SLOTS, slots):
        counts[group][choice] = number
    return total, counts


#: Every (group, choice), in order: the counts are added up in a flat list, one place each.
_SLOTS = tuple((group, choice) for group in GROUPS for choice in CHOICES[group])


@functools.lru_cache(maxsize=16)
def _plans(_chosen_key: tuple) -> dict:
    # What one (facet code, posted bucket) adds to, for one set of choices: worked out once, as a search's counts
    # come from the same few hundred codes again and again (a tenth of the time of testing each row afresh).
    return {}


def _plan(code: int, posted_bucket: int, chosen: dict[str, set[str]]) -> tuple[int, tuple[int, ...]]:
    """(1 if it is counted in the total else 0, the slots of the choices it counts towards)."""
    parts = unpack_facet_code(code)
    failed = [group for group in GROUPS if not matches(group, chosen.get(group, set()), parts, posted_bucket)]
    if len(failed) > 1:
        return 0, ()  # adding one choice cannot make up for two groups it fails
    slots = tuple(n for n, (group, choice) in enumerate(_SLOTS)
                  if (not failed or group == failed[0]) and matches(group, {choice}, parts, posted_bucket))
    return int(not failed), slots


def sql_condition(group: str, choices: set[str], today: dt.date) -> tuple[str, list]:
    """The same test as ``matches``, as SQL on ``vacancy_facets f``, for listing the hits near a place.

    :param group: a name from ``GROUPS``.
    :param choices: the choices made in it (at least one).
    :param today: the kiosk's date.
    """
    if group == "hours":
        return f"f.code % 3 IN ({', '.join(str(HOURS_BANDS.index(c)) for c in sorted(choices))})", []
    if group == "contract":
        return f"f.code / 3 % 4 IN ({', '.join(str(CONTRACTS.index(c)) for c in sorted(choices))})", []
    if group == "remote":
        return f"f.code / 12 % 3 IN ({', '.join(str(i) for i in sorted(_REMOTE))})", []
    if group == "disability_confident":
        return "f.code / 36 % 2 = 1", []
    if group == "posted_within":
        return "f.posted_day > ?", [_julian(today) - max(int(c) for c in choices)]
    if group == "min_pay":
        lowest = min(PAY_STEPS.index(int(c)) for c in choices)
        return f"f.code / 72 BETWEEN {lowest + 1} AND {len(PAY_STEPS)}", []
    raise ValueError(group)

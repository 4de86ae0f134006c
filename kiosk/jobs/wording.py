"""A vacancy in plain words, in the person's language: pay, hours, place, dates and how to apply.

    >>> from kiosk.i18n import load_catalogues
    >>> t = load_catalogues()["en"]
    >>> job = {"salary_min": 12.71, "salary_max": 13.5, "salary_period": "hour", "hours_per_week": 20,
    ...        "working_pattern": "part_time", "town": "Leeds", "postcode_district": "LS1", "distance_miles": 2.3}
    >>> pay_text(t, job), hours_text(t, job), place_text(t, job)
    ('£12.71 to £13.50 an hour', 'Part time: 20 hours a week', 'Leeds, LS1: 2.3 miles away')
    >>> pay_text(load_catalogues()["cy"], job)
    '£12.71 i £13.50 yr awr'

The results list, the job page, the printout and the phone code all use these, so a job reads the same
everywhere. A job is a ``kiosk.jobs.search.JobHit`` or a vacancy dict (``JobSearch.vacancy``); the vacancy's own text
is returned as it is, to be shown as plain text (never as markup).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from babel.dates import format_date

#: Babel's locale for each kiosk language (British English dates: "1 December 2026").
LOCALES = {"en": "en_GB", "cy": "cy"}
#: Longest piece of a description shown as one block of text: a single huge label would outgrow the graphics card.
PARAGRAPH_CHARS = 1200


def field(job: Any, name: str) -> Any:
    """One field of a job, whether it is a ``JobHit`` or a vacancy dict (None when it has no such field).

    :param job: a JobHit or a dict.
    :param name: e.g. "salary_min".
    """
    if isinstance(job, dict):
        return job.get(name)
    return getattr(job, name, None)


def money(amount: float) -> str:
    """Pounds as people write them: "£25,000", "£12.71", "£12.50".

    :param amount: pounds.
    """
    if float(amount).is_integer():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def number(value: float) -> str:
    """A number without a needless ".0": 20, 37.5.

    :param value: the number.
    """
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _count(value: float) -> int:
    # The plural form a number needs: 1 is singular, anything else (2.3 included) is not.
    return int(value) if float(value).is_integer() else 2


def pay_text(t, job: Any) -> str:
    """Pay in words: "£12.71 to £13.50 an hour", "From £20,000 a year", "Pay not given".

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``).
    :param job: a JobHit or vacancy dict.
    """
    low, high, period = field(job, "salary_min"), field(job, "salary_max"), field(job, "salary_period")
    if period is None or (low is None and high is None):
        return t["pay.not_given"]
    per = t[f"pay.per_{period}"]
    if low is not None and high is not None and low != high:
        return t.text("pay.range", low=money(low), high=money(high), per=per)
    if low is not None and high is None:
        return t.text("pay.from", low=money(low), per=per)
    if low is None:
        return t.text("pay.up_to", high=money(high), per=per)
    return t.text("pay.exact", amount=money(low), per=per)


def hours_text(t, job: Any) -> str:
    """Hours in words: "Part time: 20 hours a week", or only "Full time" when the hours are not given.

    :param t: the person's catalogue.
    :param job: a JobHit or vacancy dict.
    """
    pattern = t[f"pattern.{field(job, 'working_pattern')}"]
    hours = field(job, "hours_per_week")
    if hours is None:
        return pattern
    return t.text("hours.pattern_hours", pattern=pattern,
                  hours=t.plural("hours.week", _count(hours), hours=number(hours)))


def contract_text(t, job: Any) -> str:
    """"Permanent", "Temporary", "Contract" or "Apprenticeship".

    :param t: the person's catalogue.
    :param job: a JobHit or vacancy dict.
    """
    return t[f"contract.{field(job, 'contract')}"]


def workplace_text(t, job: Any) -> str:
    """Where the work is done: at the workplace, hybrid, or from home.

    :param t: the person's catalogue.
    :param job: a JobHit or vacancy dict.
    """
    return t[f"workplace.{field(job, 'workplace')}"]


def distance_text(t, miles: float) -> str:
    """"2.3 miles away".

    :param t: the person's catalogue.
    :param miles: the distance.
    """
    return t.plural("place.distance", _count(miles), miles=number(miles))


def place_text(t, job: Any) -> str:
    """Town and postcode district, and how far away when a place was searched: "Leeds, LS1: 2.3 miles away".

    :param t: the person's catalogue.
    :param job: a JobHit or vacancy dict (a dict may carry "distance_miles" too).
    """
    where = ", ".join(part for part in (field(job, "town"), field(job, "postcode_district")) if part)
    where = where or (t["workplace.remote"] if field(job, "workplace") == "remote" else t["place.not_given"])
    miles = field(job, "distance_miles")
    return where if miles is None else t.text("place.with_distance", place=where, distance=distance_text(t, miles))


def long_date(t, iso: str) -> str:
    """A date as people say it: "1 December 2026", "1 Rhagfyr 2026".

    :param t: the person's catalogue (its language picks the month names).
    :param iso: "YYYY-MM-DD".
    """
    return format_date(dt.date.fromisoformat(iso), "d MMMM y", locale=LOCALES.get(t.language, "en_GB"))


def closes_text(t, job: Any) -> str:
    """"Closes on 1 December 2026".

    :param t: the person's catalogue.
    :param job: a JobHit or vacancy dict.
    """
    return t.text("job.closes", date=long_date(t, field(job, "closes")))


def posted_text(t, job: Any) -> str:
    """"Added on 20 November 2026".

    :param t: the person's catalogue.
    :param job: a JobHit or vacancy dict.
    """
    return t.text("job.posted", date=long_date(t, field(job, "posted")))


def apply_lines(t, vacancy: dict) -> list[str]:
    """How to apply, one line per way: web address, phone, email (shown as text, never as a live link).

    :param t: the person's catalogue.
    :param vacancy: a vacancy dict.
    """
    lines = []
    if vacancy.get("apply_url"):
        lines.append(t.text("apply.online", url=vacancy["apply_url"]))
    if vacancy.get("apply_phone"):
        lines.append(t.text("apply.phone", phone=vacancy["apply_phone"]))
    if vacancy.get("apply_email"):
        lines.append(t.text("apply.email", email=vacancy["apply_email"]))
    return lines


def fact_lines(t, job: Any) -> list[str]:
    """The short facts of a job, in the order the job page, the printout and read-aloud give them: where first,
    then pay and hours (what a person decides on first), then the rest.

    :param t: the person's catalogue.
    :param job: a JobHit or vacancy dict.
    """
    lines = [place_text(t, job), pay_text(t, job), hours_text(t, job), contract_text(t, job),
             workplace_text(t, job), closes_text(t, job)]
    if field(job, "disability_confident"):
        lines.append(t["job.disability_confident"])
    return lines


def paragraphs(text: str, limit: int = PARAGRAPH_CHARS) -> list[str]:
    """A description as paragraphs of at most ``limit`` characters, split at blank lines, then sentences, then
    spaces; nothing is lost or changed but the breaks.

    >>> paragraphs("One. Two.\\n\\nThree.", limit=6)
    ['One.', 'Two.', 'Three.']

    :param text: plain text.
    :param limit: the longest piece.
    """
    pieces: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        while len(block) > limit:
            cut = max(block.rfind(". ", 0, limit) + 1, block.rfind("\n", 0, limit))
            if cut <= limit // 4:
                cut = block.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
            pieces.append(block[:cut].strip())
            block = block[cut:].strip()
        if block:
            pieces.append(block)
    return pieces


def as_lines(lines: list[str]) -> str:
    """Lines as one block of text, one to a line.

    :param lines: e.g. from ``fact_lines``.
    """
    return "\n".join(lines)

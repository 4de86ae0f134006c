"""How many vacancies for a career the kiosk's cache holds now, near a place, and their advertised pay range.

The count goes through ``vacancy_fts`` (title column only, every word of the career's search, each quoted so that
nothing in it is read as FTS5 syntax) and the ``vacancies_closes`` index, so it stays quick on 300,000 vacancies.
A career's count (``career_stats``) takes any of its job titles ("care assistant" OR "carer" ...) in one query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from kiosk.cv.suggestions import Family
from kiosk.jobs.query import quoted, search_words


@dataclass(frozen=True)
class VacancyStats:
    """Open vacancies for a career: how many, and the lowest and highest yearly pay advertised (None if none)."""

    count: int
    pay_low: int | None
    pay_high: int | None


def vacancy_stats(db: sqlite_utils.Database, title: str, today: dt.date, *,
                  near: tuple[int, int] | None = None, radius_m: float = 16_000) -> VacancyStats:
    """Count open vacancies whose title has every word of ``title``, within ``radius_m`` of ``near``.

    >>> from kiosk.jobs.cache import open_cache
    >>> vacancy_stats(open_cache(":memory:"), 'care" OR *', dt.date(2026, 1, 1))
    VacancyStats(count=0, pay_low=None, pay_high=None)

    :param db: the vacancy cache (``kiosk.jobs.cache.open_cache``).
    :param title: a job title or search words, as anyone might type them.
    :param today: vacancies closing before this day are not counted.
    :param near: British National Grid (easting, northing), or None for anywhere.
    :param radius_m: how far from ``near``, in metres.
    """
    return _stats(db, [title], today, near, radius_m)


def career_stats(db: sqlite_utils.Database, family: Family, today: dt.date, *,
                 near: tuple[int, int] | None = None, radius_m: float = 16_000) -> VacancyStats:
    """Count open vacancies for one kind of work: titles holding any of its job titles (its ``keywords``), each
    vacancy once however many of them it holds.

    :param db: the vacancy cache.
    :param family: a job family (``kiosk.cv.suggestions.Family``); one without keywords has no vacancies.
    :param today: vacancies closing before this day are not counted.
    :param near: British National Grid (easting, northing), or None for anywhere.
    :param radius_m: how far from ``near``, in metres.
    """
    return _stats(db, list(family.keywords), today, near, radius_m)


def titles_stats(db: sqlite_utils.Database, titles: list[str], today: dt.date, *,
                 near: tuple[int, int] | None = None, radius_m: float = 16_000) -> VacancyStats:
    """Count open vacancies whose title holds any of these job titles (an ONS unit group's, say), each once.

    :param db: the vacancy cache.
    :param titles: job titles; a vacancy's title must hold every word of one of them.
    :param today: vacancies closing before this day are not counted.
    :param near: British National Grid (easting, northing), or None for anywhere.
    :param radius_m: how far from ``near``, in metres.
    """
    return _stats(db, titles, today, near, radius_m)


def _stats(db, titles: list[str], today: dt.date, near, radius_m: float) -> VacancyStats:
    # One MATCH of (all words of one title) OR (all words of the next) ..., so a vacancy is counted once.
    groups = ["(" + " AND ".join(quoted(w) for w in words) + ")" for words in map(search_words, titles) if words]
    if not groups:
        return VacancyStats(0, None, None)
    match = "{title} : (" + " OR ".join(groups) + ")"
    sql = ("SELECT count(*), min(v.pay_annual), max(v.pay_annual) FROM vacancy_fts f "
           "JOIN vacancies v ON v.rowid = f.rowid WHERE vacancy_fts MATCH ? AND v.closes >= ?")
    params: list = [match, today.isoformat()]
    if near is not None:
        east, north = near
        # A square first (cheap on the numbers), then the circle, so the corners are not counted.
        sql += (" AND v.easting BETWEEN ? AND ? AND v.northing BETWEEN ? AND ?"
                " AND (v.easting - ?) * (v.easting - ?) + (v.northing - ?) * (v.northing - ?) <= ?")
        params += [east - radius_m, east + radius_m, north - radius_m, north + radius_m,
                   east, east, north, north, radius_m * radius_m]
    count, low, high = db.execute(sql, params).fetchone()
    return VacancyStats(count, low, high)

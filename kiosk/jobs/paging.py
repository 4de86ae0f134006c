"""Moving through results: pages, when a search counts as new, and how much further "Look further" looks.

    >>> page_count(total=25, page_size=10), page_count(total=0, page_size=10)
    (3, 1)
    >>> earlier = JobQuery(text="cleaner", page=2)
    >>> same_search(earlier, JobQuery(text="cleaner", page=3)), same_search(earlier, JobQuery(text="chef", page=2))
    (True, False)
    >>> query_to_run(earlier, JobQuery(text="chef", page=2)).page   # a different search starts on its first page
    0
    >>> wider_radius(JobQuery(place="Leeds", radius_miles=5), place_found=True)
    10

These are the rules of the results page (``screens.jobs.results``), without a window.
"""

from __future__ import annotations

import math
from dataclasses import replace

from kiosk.jobs.query import RADII, JobQuery


def page_count(total: int, page_size: int) -> int:
    """How many pages ``total`` results fill; at least one, so an empty result still has a page to show.

    :param total: how many vacancies were found.
    :param page_size: vacancies on one page.
    """
    return max(1, math.ceil(total / page_size))


def same_search(earlier: JobQuery | None, query: JobQuery) -> bool:
    """True when ``query`` is another page of ``earlier`` (or exactly it): the same words, place and filters.

    A new search is counted in the usage figures; another page of the same one is not.

    :param earlier: the search shown before, or None when there was none.
    :param query: the search about to run.
    """
    return earlier is not None and replace(earlier, page=0) == replace(query, page=0)


def query_to_run(earlier: JobQuery | None, query: JobQuery) -> JobQuery:
    """The search to run for the page asked for: a search that differs from the last one starts on its first page.

    :param earlier: the search shown before, or None when there was none.
    :param query: the search as built, on the page the person was on.
    """
    if earlier is not None and not same_search(earlier, query):
        return replace(query, page=0)
    return query


def wider_radius(query: JobQuery, place_found: bool) -> int:
    """The distance "Look further" offers: the first choice at least twice as far, or the furthest there is.

    >>> wider_radius(JobQuery(place="Leeds", radius_miles=30), place_found=True)
    50
    >>> wider_radius(JobQuery(place="Leeds", radius_miles=50), place_found=True)
    0

    :param query: the search shown.
    :param place_found: whether the search was around a known place (with no place, distance means nothing).
    :returns: miles, one of ``RADII``; 0 when there is nothing further to offer.
    """
    if not place_found or query.radius_miles >= RADII[-1]:
        return 0
    return next((r for r in RADII if r >= 2 * query.radius_miles), RADII[-1])

"""What a person asked for (``JobQuery``), built from their choices, and the pieces of FTS5 and SQL it becomes.

    >>> from kiosk.session import Session
    >>> session = Session()
    >>> session.search_text, session.search_filters = "care", {"hours": {"16_29"}, "radius_miles": 5}
    >>> query = query_from_session(session, page=2)
    >>> query.text, sorted(query.hours), query.radius_miles, query.page, filters_on(session)
    ('care', ['16_29'], 5, 2, 1)
    >>> all_of('"care"', tag_match(["zh1"]))
    '("care") AND ({tags}: (zh1))'

Whatever a person types is searched as plain words: ``search_words`` reduces every FTS5 operator (quotes, ``*``,
``-``, ``NEAR``, ``AND``/``OR``, brackets) to plain text, and each word is quoted before it reaches FTS5. Filters
are tag words stored with each vacancy (see ``kiosk.jobs.vacancies.search_tags``): ``tag_expressions`` names them.
Nothing here reads the cache; ``kiosk.jobs.search.JobSearch`` runs the query.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kiosk.jobs.facets import POSTED_WITHIN
from kiosk.jobs.vacancies import (CONTRACTS, GRID_COLUMNS, GRID_METRES, GRID_ROWS, HOURS_BANDS, PAY_STEPS,
                                  TOP_PAY_BAND, WORKPLACES)

METRES_PER_MILE = 1609.344
SORTS = ("best", "newest", "nearest", "pay")
RADII = (1, 3, 5, 10, 15, 20, 30, 50)
#: Filter groups that narrow the results (distance and sort order are not counted as filters).
FILTER_FIELDS = ("hours", "contracts", "min_pay", "posted_within_days", "remote", "disability_confident")
#: Words beyond this are ignored: nobody types more, and a pasted essay must not slow the kiosk.
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: The shape of the tag words in the index (zc0, zd20261122 ...); nobody searches for these.
_TAG_LIKE = re.compile(r"^z[a-z]{0,2}\d")


@dataclass(frozen=True)
class JobQuery:
    """What a person asked for. Every field has a default, so ``JobQuery()`` is "all jobs, newest first"."""

    text: str = ""
    place: str = ""
    radius_miles: float = 15
    hours: frozenset[str] = frozenset()        # from HOURS_BANDS
    contracts: frozenset[str] = frozenset()    # from CONTRACTS
    min_pay: int | None = None                 # a yearly amount from PAY_STEPS
    posted_within_days: int | None = None      # from POSTED_WITHIN
    remote: bool = False                       # remote or hybrid working only
    disability_confident: bool = False
    sort: str = "best"                         # from SORTS
    page: int = 0
    page_size: int = 20
    as_typed: bool = False                     # search the words exactly as typed, never a correction of them

    def __post_init__(self) -> None:
        object.__setattr__(self, "hours", frozenset(self.hours))
        object.__setattr__(self, "contracts", frozenset(self.contracts))
        unknown = (self.hours - set(HOURS_BANDS)) | (self.contracts - set(CONTRACTS))
        if unknown or self.sort not in SORTS or (self.min_pay is not None and self.min_pay not in PAY_STEPS):
            raise ValueError(f"unknown filter value in {self!r}")
        if self.posted_within_days is not None and self.posted_within_days not in POSTED_WITHIN:
            raise ValueError(f"posted_within_days must be one of {POSTED_WITHIN}")
        # Bounds the search's work whoever builds a query: a NaN or infinite radius, or a page a billion deep,
        # would otherwise reach SQLite as an unbounded scan or an overflow.
        if not (isinstance(self.radius_miles, (int, float)) and 0 < self.radius_miles <= 2 * RADII[-1]):
            raise ValueError(f"radius_miles must be more than 0 and at most {2 * RADII[-1]}")
        if not (0 <= self.page <= 1_000_000 and 1 <= self.page_size <= 1000):
            raise ValueError("page must be 0 to 1,000,000 and page_size 1 to 1,000")


# --- from a person's choices -------------------------------------------------------------------------------------


def query_from_session(session, **changes) -> JobQuery:
    """The search a person has built: their words, their place, their filters and sort order.

    :param session: the ``kiosk.session.Session`` (its ``search_text``, ``search_place`` and ``search_filters``).
    :param changes: fields to set on top, e.g. ``page=2``.
    """
    filters = dict(session.search_filters)
    filters.update(changes)
    return JobQuery(text=session.search_text, place=session.search_place, **filters)


def filters_on(session) -> int:
    """How many filter groups have a choice made (distance and sort order are not filters).

    :param session: the ``kiosk.session.Session``.
    """
    return sum(1 for name in FILTER_FIELDS if session.search_filters.get(name))


def clear_filters(filters: dict) -> None:
    """Turn off every filter in a session's ``search_filters``, in place; distance and sort order stay.

    >>> filters = {"hours": {"16_29"}, "remote": True, "radius_miles": 5, "sort": "pay"}
    >>> clear_filters(filters)
    >>> filters
    {'radius_miles': 5, 'sort': 'pay'}

    :param filters: ``session.search_filters``.
    """
    for name in FILTER_FIELDS:
        filters.pop(name, None)


def search_words(text: str) -> list[str]:
    """The words of what a person typed, lower case, with every FTS5 operator reduced to plain text.

    >>> search_words('"care" OR assistant* NEAR(-night) {title}:x')
    ['care', 'or', 'assistant', 'near', 'night', 'title', 'x']

    :param text: anything at all.
    """
    words = (w[:MAX_WORD_LENGTH] for w in _WORD.findall(text.lower()))
    return [w for w in words if not _TAG_LIKE.match(w)][:MAX_WORDS]


def chosen_filters(query: JobQuery) -> dict[str, set[str]]:
    """The choices made in each filter group (see ``kiosk.jobs.facets.GROUPS``).

    >>> chosen_filters(JobQuery(hours={"16_29"}, remote=True, min_pay=20000))["min_pay"]
    {'20000'}

    :param query: the search.
    """
    return {
        "hours": set(query.hours),
        "contract": set(query.contracts),
        "remote": {"yes"} if query.remote else set(),
        "disability_confident": {"yes"} if query.disability_confident else set(),
        "posted_within": {str(query.posted_within_days)} if query.posted_within_days else set(),
        "min_pay": {str(query.min_pay)} if query.min_pay else set(),
    }


# --- into FTS5 and SQL -------------------------------------------------------------------------------------------


def quoted(word: str) -> str:
    """A word FTS5 reads only as a word, whatever it contains (from ``search_words``, so it holds no quote).

    :param word: one word.
    """
    return f'"{word}"'


def all_of(*parts: str) -> str:
    """FTS5 expressions joined with AND, each in brackets; empty ones left out.

    >>> all_of('"cleaner"', "", "{tags}: zdc")
    '("cleaner") AND ({tags}: zdc)'

    :param parts: FTS5 expressions, or "".
    """
    return " AND ".join(f"({p})" for p in parts if p)


#: What every facet tag is: a "z", then letters and digits (``kiosk.jobs.vacancies.search_tags``); a filter choice
#: may stand for several, joined by OR.
TAG_WORD = re.compile(r"z[a-z0-9]+(?: OR z[a-z0-9]+)*")


def tag_match(column_tags: list[str]) -> str:
    """An FTS5 expression for any of these tag words in the ``tags`` column.

    >>> tag_match(["zc0", "zc1"])
    '{tags}: (zc0 OR zc1)'

    :param column_tags: tag words (``kiosk.jobs.vacancies.search_tags``).
    """
    bad = [tag for tag in column_tags if not TAG_WORD.fullmatch(tag)]
    if bad:  # tags are made by this package; one that is not a plain word is a bug, never to reach FTS5 as syntax
        raise ValueError(f"not a tag word: {bad[0]!r}")
    return "{tags}: (" + " OR ".join(column_tags) + ")"


def days_back(today: dt.date, days: int) -> list[str]:
    """The "posted on" tag words of ``days`` days, today first.

    >>> days_back(dt.date(2026, 11, 22), 2)
    ['zd20261122', 'zd20261121']

    :param today: the kiosk's date.
    :param days: how many days.
    """
    return ["zd" + (today - dt.timedelta(days=n)).strftime("%Y%m%d") for n in range(days)]


def grid_cells(easting: int, northing: int, radius_m: float) -> list[str]:
    """The tag words of every 10 km grid square that a circle touches.

    >>> grid_cells(435000, 435000, 3000)
    ['zg43x43']
    >>> len(grid_cells(430000, 430000, 1000))
    4

    Only squares of the grid itself: a vacancy's easting and northing are checked to lie in it (0 to 700 km east,
    0 to 1,300 km north), so a square west or south of its origin (a circle round Penzance or the Isles of Scilly
    reaches past it) can hold none. Leaving them out also keeps every tag a plain word: a minus sign in a tag once
    reached FTS5 as syntax and crashed the search.

    >>> grid_cells(85000, 12000, 20000)[:3]  # the Isles of Scilly, 20 miles: no square below 0
    ['zg6x0', 'zg6x1', 'zg6x2']

    :param easting: the centre, in metres (British National Grid).
    :param northing: the centre, in metres.
    :param radius_m: the radius, in metres.
    """
    cells = []
    first_x, last_x = max(0, int(easting - radius_m) // GRID_METRES), min(GRID_COLUMNS - 1,
                                                                           int(easting + radius_m) // GRID_METRES)
    first_y, last_y = max(0, int(northing - radius_m) // GRID_METRES), min(GRID_ROWS - 1,
                                                                            int(northing + radius_m) // GRID_METRES)
    for gx in range(first_x, last_x + 1):
        for gy in range(first_y, last_y + 1):
            # The nearest point of the square to the centre must be inside the circle.
            nx = min(max(easting, gx * GRID_METRES), (gx + 1) * GRID_METRES)
            ny = min(max(northing, gy * GRID_METRES), (gy + 1) * GRID_METRES)
            if (nx - easting) ** 2 + (ny - northing) ** 2 <= radius_m ** 2:
                cells.append(f"zg{gx}x{gy}")
    return cells


def tag_expressions(today: dt.date) -> dict[str, dict[str, str]]:
    """For each filter choice, the tag words that stand for it in the full-text index.

    >>> tag_expressions(dt.date(2026, 11, 22))["posted_within"]["1"]
    'zd20261122'

    :param today: the kiosk's date ("posted within" counts back from it).
    """
    return {
        "hours": {band: f"zh{i}" for i, band in enumerate(HOURS_BANDS)},
        "contract": {name: f"zc{i}" for i, name in enumerate(CONTRACTS)},
        "remote": {"yes": f"zw{WORKPLACES.index('hybrid')} OR zw{WORKPLACES.index('remote')}"},
        "disability_confident": {"yes": "zdc"},
        "posted_within": {str(days): " OR ".join(days_back(today, days)) for days in POSTED_WITHIN},
        "min_pay": {str(step): f"zp{step // 1000}" for step in PAY_STEPS},
    }


def filter_expressions(chosen: dict[str, set[str]], today: dt.date) -> list[str]:
    """One FTS5 expression per filter group with a choice made: any of its choices.

    >>> filter_expressions({"hours": {"16_29", "under_16"}, "remote": set()}, dt.date(2026, 11, 22))
    ['{tags}: (zh1 OR zh0)']

    :param chosen: from ``chosen_filters``.
    :param today: the kiosk's date.
    """
    tags = tag_expressions(today)
    return [tag_match([tags[group][choice] for choice in sorted(choices)])
            for group, choices in chosen.items() if choices]


#: The squared distance from a point, over ``vacancy_facets f``; parameters: easting twice, northing twice.
DISTANCE_SQL = "((f.easting - ?) * (f.easting - ?) + (f.northing - ?) * (f.northing - ?))"
#: Vacancies that give any pay.
ANY_PAY = tag_match([f"zb{band}" for band in range(TOP_PAY_BAND + 1)])
#: Every vacancy has one contract tag, so this matches them all.
ALL_VACANCIES = tag_match([f"zc{i}" for i in range(len(CONTRACTS))])

"""Job search over the offline vacancy cache: words, place and radius, filters, sorting, counts, typo help.

    search = JobSearch(open_cache(path), places=load_places())
    result = search.search(JobQuery(text="cleaning", place="LS1", radius_miles=10, hours={"16_29"}))
    result.total, [hit.title for hit in result.hits], result.facets["contract"]["permanent"]

Whatever a person types is searched as plain words: every word is quoted before it reaches FTS5, so quotes,
``*``, ``-``, ``NEAR``, ``AND``/``OR`` and brackets are only text. Words are stemmed ("cleaned" finds
"cleaning") and widened to the job-title words that start like them ("cleaning" also finds "cleaner",
"driving" finds "driver"). Title matches come before matches in the rest of the advert.

Filters and the counts beside each filter choice run inside FTS5 on tag words stored with each vacancy
(see ``kiosk.jobs.vacancies.search_tags``), which keeps the worst cases (a word in half of all adverts) fast.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import sqlite3
from array import array
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable

import sqlite_utils

from kiosk.jobs import facets
from kiosk.jobs.cache import TOKENIZE, closed_removed_on, remove_closed
from kiosk.jobs.facets import POSTED_WITHIN
from kiosk.jobs.vacancies import CONTRACTS, GRID_METRES, HOURS_BANDS, PAY_STEPS, TOP_PAY_BAND, WORKPLACES

METRES_PER_MILE = 1609.344
SORTS = ("best", "newest", "nearest", "pay")
RADII = (1, 3, 5, 10, 15, 20, 30, 50)
#: Words beyond this are ignored: nobody types more, and a pasted essay must not slow the kiosk.
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: The shape of the tag words in the index (zc0, zd20261122 ...); nobody searches for these.
_TAG_LIKE = re.compile(r"^z[a-z]{0,2}\d")

log = logging.getLogger("jobpoint.jobs")


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "hours", frozenset(self.hours))
        object.__setattr__(self, "contracts", frozenset(self.contracts))
        unknown = (self.hours - set(HOURS_BANDS)) | (self.contracts - set(CONTRACTS))
        if unknown or self.sort not in SORTS or (self.min_pay is not None and self.min_pay not in PAY_STEPS):
            raise ValueError(f"unknown filter value in {self!r}")
        if self.posted_within_days is not None and self.posted_within_days not in POSTED_WITHIN:
            raise ValueError(f"posted_within_days must be one of {POSTED_WITHIN}")


@dataclass(frozen=True)
class JobHit:
    """One row of results: what a results list shows."""

    id: str
    title: str
    employer: str
    town: str
    postcode_district: str
    distance_miles: float | None
    salary_min: float | None
    salary_max: float | None
    salary_period: str | None
    working_pattern: str
    hours_per_week: float | None
    contract: str
    workplace: str
    posted: str
    closes: str
    disability_confident: bool


@dataclass
class SearchResult:
    """A page of results with the total, the counts for each filter choice, and help when nothing was found."""

    query: JobQuery
    total: int
    hits: list[JobHit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    place: object | None = None          # the kiosk.jobs.places.Place searched around
    place_unknown: bool = False          # the person typed a place we do not know
    did_you_mean: str | None = None      # a corrected search text, when a word looks misspelt


def search_words(text: str) -> list[str]:
    """The words of what a person typed, lower case, with every FTS5 operator reduced to plain text.

    >>> search_words('"care" OR assistant* NEAR(-night) {title}:x')
    ['care', 'or', 'assistant', 'near', 'night', 'title', 'x']

    :param text: anything at all.
    """
    words = (w[:MAX_WORD_LENGTH] for w in _WORD.findall(text.lower()))
    return [w for w in words if not _TAG_LIKE.match(w)][:MAX_WORDS]


def _quoted(word: str) -> str:
    # Quoted, so FTS5 reads it only as a word, whatever it contains.
    return f'"{word}"'


def _tags(column_tags: list[str]) -> str:
    return "{tags}: (" + " OR ".join(column_tags) + ")"


def _days_back(today: dt.date, days: int) -> list[str]:
    return ["zd" + (today - dt.timedelta(days=n)).strftime("%Y%m%d") for n in range(days)]


def _grid_cells(easting: int, northing: int, radius_m: float) -> list[str]:
    """Every 10 km grid square that the circle touches."""
    cells = []
    for gx in range((int(easting - radius_m)) // GRID_METRES, int(easting + radius_m) // GRID_METRES + 1):
        for gy in range((int(northing - radius_m)) // GRID_METRES, int(northing + radius_m) // GRID_METRES + 1):
            # The nearest point of the square to the centre must be inside the circle.
            nx = min(max(easting, gx * GRID_METRES), (gx + 1) * GRID_METRES)
            ny = min(max(northing, gy * GRID_METRES), (gy + 1) * GRID_METRES)
            if (nx - easting) ** 2 + (ny - northing) ** 2 <= radius_m ** 2:
                cells.append(f"zg{gx}x{gy}")
    return cells


def _tag_expressions(today: dt.date) -> dict[str, dict[str, str]]:
    """For each filter choice, the tag words that stand for it in the full-text index."""
    return {
        "hours": {band: f"zh{i}" for i, band in enumerate(HOURS_BANDS)},
        "contract": {name: f"zc{i}" for i, name in enumerate(CONTRACTS)},
        "remote": {"yes": f"zw{WORKPLACES.index('hybrid')} OR zw{WORKPLACES.index('remote')}"},
        "disability_confident": {"yes": "zdc"},
        "posted_within": {str(days): " OR ".join(_days_back(today, days)) for days in POSTED_WITHIN},
        "min_pay": {str(step): f"zp{step // 1000}" for step in PAY_STEPS},
    }


def chosen_filters(query: JobQuery) -> dict[str, set[str]]:
    """The choices made in each filter group (see ``kiosk.jobs.facets.GROUPS``).

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


class Stemmer:
    """The porter stemmer of SQLite's FTS5, on its own in-memory database so it never touches the cache."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(f"CREATE VIRTUAL TABLE words USING fts5(word, tokenize='{TOKENIZE}')")
        self._db.execute("CREATE VIRTUAL TABLE stems USING fts5vocab(words, 'instance')")

    def stem(self, word: str) -> str:
        """The stem FTS5 indexes ``word`` under ("cleaning" -> "clean").

        :param word: one word, as from ``search_words``.
        """
        with self._db:
            self._db.execute("DELETE FROM words")
            self._db.execute("INSERT INTO words (word) VALUES (?)", [word])
            row = self._db.execute("SELECT term FROM stems LIMIT 1").fetchone()
        return row[0] if row else word


def _and(*parts: str) -> str:
    return " AND ".join(f"({p})" for p in parts if p)


class JobSearch:
    """Searches one vacancy cache.

    :param db: the cache (``kiosk.jobs.cache.open_cache``).
    :param places: ``kiosk.jobs.places.Places`` for place names and postcodes, or None for no place search.
    :param today: returns the kiosk's date; injected so tests can fix it.
    """

    def __init__(self, db: sqlite_utils.Database, places=None, today: Callable[[], dt.date] = dt.date.today):
        self.db = db
        self.places = places
        self.today = today
        self._combo_cache: tuple[tuple, array] | None = None
        self._stemmer = Stemmer()

    # --- the search -----------------------------------------------------------------------------------------

    def search(self, query: JobQuery) -> SearchResult:
        """Find vacancies: one page of hits, the total, counts per filter choice, and typo help.

        :param query: what the person asked for.
        """
        today = self.today()
        self._remove_closed_once_a_day(today)
        words = search_words(query.text)
        place = self.places.resolve(query.place) if (self.places and query.place.strip()) else None
        result = SearchResult(query=query, total=0, hits=[], place=place,
                              place_unknown=bool(query.place.strip()) and place is None)
        if result.place_unknown:
            return result
        # No column filter on the words: it makes FTS5 read column lists and doubles the cost of every count.
        # Tag words cannot be typed (search_words drops them), so the words only ever match the text.
        text = self.words_expression(words) if words else ""
        chosen = chosen_filters(query)
        near = None
        if place is not None:
            radius_m = query.radius_miles * METRES_PER_MILE
            near = (place, radius_m, _tags(_grid_cells(place.easting, place.northing, radius_m)))
        result.total, result.facets = facets.tally(self._facet_groups(text, near, today), chosen)
        if near is not None:
            result.hits = self._hits_near(query, text, near, chosen, today)
        else:
            result.hits = self._hits_everywhere(query, text, chosen, today, result.total)
        # Offered even when something was found: "portr" finds portrait painters, but the person meant porter.
        if words:
            result.did_you_mean = self.correct(words)
        return result

    def _facet_groups(self, text: str, near, today: dt.date) -> list[tuple[int, int, int]]:
        """(facet code, posted bucket, vacancies) for every vacancy matching the words and place."""
        if near is None:
            # Words only: read the matching rowids and count their facets from a small in-memory array. For a
            # word in most adverts this is three times quicker than a GROUP BY over a join inside SQLite.
            combos = self._combos(today)
            if text:
                rows = self.db.execute("SELECT rowid FROM vacancy_fts WHERE vacancy_fts MATCH ?", [text])
                counted = Counter(combos[r] for (r,) in rows)
            else:
                counted = Counter(combos)
            counted.pop(_NO_VACANCY, None)
            return [(combo >> 2, combo & 3, number) for combo, number in counted.items()]
        bucket, params = facets.posted_bucket_sql("f.posted_day", today)
        place, radius_m, cells = near
        sql = (f"SELECT f.code, {bucket}, count(*) FROM vacancy_fts "
               "JOIN vacancy_facets f ON f.rowid = vacancy_fts.rowid WHERE vacancy_fts MATCH ? "
               f"AND {_DISTANCE} <= ? GROUP BY 1, 2")
        params += [_and(text, cells), place.easting, place.easting, place.northing, place.northing, radius_m ** 2]
        return self.db.execute(sql, params).fetchall()

    def _combos(self, today: dt.date) -> array:
        """facet code × 4 + posted bucket for every rowid (``_NO_VACANCY`` where there is none); 2 bytes each.

        Read again when the cache changes (another connection's sync, or this one's writes) or the day does.
        """
        key = (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes, today)
        if self._combo_cache is None or self._combo_cache[0] != key:
            bucket, params = facets.posted_bucket_sql("posted_day", today)
            top = self.db.execute("SELECT coalesce(max(rowid), 0) FROM vacancy_facets").fetchone()[0]
            combos = array("H", [_NO_VACANCY]) * (top + 1)
            for rowid, combo in self.db.execute(f"SELECT rowid, code * 4 + {bucket} FROM vacancy_facets", params):
                combos[rowid] = combo
            self._combo_cache = (key, combos)
        return self._combo_cache[1]

    def _count(self, expression: str) -> int:
        return self.db.execute("SELECT count(*) FROM vacancy_fts WHERE vacancy_fts MATCH ?",
                               [expression]).fetchone()[0]

    def _hits_everywhere(self, query, text, chosen, today, total) -> list[JobHit]:
        tags = _tag_expressions(today)
        filters = [_tags([tags[group][choice] for choice in sorted(choices)])
                   for group, choices in chosen.items() if choices]
        everything = _and(text, *filters)
        start, size = query.page * query.page_size, query.page_size
        if query.sort == "pay":
            base = everything or _ALL
            bands = [f"{{tags}}: zb{band}" for band in range(TOP_PAY_BAND, -1, -1)]
            rowids = self._by_buckets(base, bands, start, size, None, order_by_pay=True)
            if len(rowids) < size:  # then the vacancies that give no pay
                paid = self._count(f"({base}) AND {_ANY_PAY}")
                rowids += self._rowids(f"({base}) NOT {_ANY_PAY}", "rowid DESC", size - len(rowids),
                                       max(0, start - paid))
        elif query.sort == "newest" or not text:
            rowids = self._by_buckets(everything, [f"{{tags}}: {day}" for day in _days_back(today, 400)],
                                      start, size, total)
        else:
            # Best match: vacancies with the words in their title first, newest added first; then the rest.
            in_title_query = _and(f"{{title}}: {text}", *filters)
            in_title = self._count(in_title_query)
            rowids = self._rowids(in_title_query, "rowid DESC", size, start) if start < in_title else []
            if len(rowids) < size:
                rest = f"{everything} NOT ({{title}}: {text})"
                rowids += self._rowids(rest, "rowid DESC", size - len(rowids), max(0, start - in_title))
        return self._hits(rowids, None)

    def _by_buckets(self, expression: str, buckets: list[str], start: int, size: int, total: int | None,
                    order_by_pay: bool = False) -> list[int]:
        """One page of rowids, taking the buckets (days, pay bands) in order: a count per bucket, then only the
        buckets the page falls in are read. This avoids sorting every match."""
        rowids: list[int] = []
        seen = 0
        for bucket in buckets:
            if total is not None and seen >= total:
                break
            part = _and(expression, bucket)
            in_bucket = self._count(part)
            if seen + in_bucket > start and in_bucket:
                skip = max(0, start - seen)
                if order_by_pay:
                    sql = ("SELECT f.rowid FROM vacancy_facets f WHERE f.rowid IN (SELECT rowid FROM vacancy_fts "
                           "WHERE vacancy_fts MATCH ?) ORDER BY f.pay_annual DESC, f.rowid DESC LIMIT ? OFFSET ?")
                    rowids += [r[0] for r in self.db.execute(sql, [part, size - len(rowids), skip])]
                else:
                    rowids += self._rowids(part, "rowid DESC", size - len(rowids), skip)
            seen += in_bucket
            if len(rowids) >= size:
                break
        return rowids

    def _rowids(self, expression: str, order: str, limit: int, offset: int) -> list[int]:
        if limit <= 0:
            return []
        sql = f"SELECT rowid FROM vacancy_fts WHERE vacancy_fts MATCH ? ORDER BY {order} LIMIT ? OFFSET ?"
        return [row[0] for row in self.db.execute(sql, [expression, limit, offset])]

    def _hits_near(self, query, text, near, chosen, today) -> list[JobHit]:
        place, radius_m, cells = near
        conditions, params = [], []
        for group, choices in chosen.items():
            if choices:
                sql, extra = facets.sql_condition(group, choices, today)
                conditions.append(sql)
                params += extra
        order = {"best": "in_title DESC, distance, f.rowid DESC", "nearest": "distance, f.rowid DESC",
                 "newest": "f.posted_day DESC, distance", "pay": "f.pay_annual IS NULL, f.pay_annual DESC, distance"}
        in_title = ("f.rowid IN (SELECT rowid FROM vacancy_fts WHERE vacancy_fts MATCH ?)" if text else "0")
        sql = (f"SELECT f.rowid, {_DISTANCE} AS distance, {in_title} AS in_title FROM vacancy_fts "
               "JOIN vacancy_facets f ON f.rowid = vacancy_fts.rowid WHERE vacancy_fts MATCH ? "
               f"AND distance <= ? {''.join(' AND ' + c for c in conditions)} "
               f"ORDER BY {order[query.sort]} LIMIT ? OFFSET ?")
        args = [place.easting, place.easting, place.northing, place.northing]
        if text:
            args.append(_and(f"{{title}}: {text}", cells))
        args += [_and(text, cells), radius_m ** 2, *params, query.page_size, query.page * query.page_size]
        return self._hits([row[0] for row in self.db.execute(sql, args)], place)

    # --- rows -------------------------------------------------------------------------------------------------

    def _hits(self, rowids: list[int], place) -> list[JobHit]:
        if not rowids:
            return []
        rows = {row[0]: row[1:] for row in self.db.execute(
            f"SELECT v.rowid, {_HIT_COLUMNS} FROM vacancies v WHERE v.rowid IN ({', '.join('?' * len(rowids))}) "
            "AND v.closes >= ?", [*rowids, self.today().isoformat()])}
        return [self._hit(rows[r], place) for r in rowids if r in rows]

    @staticmethod
    def _hit(row, place) -> JobHit:
        hit = JobHit(*row[:4], row[6], None, *row[7:16], bool(row[16]))
        if place is not None and row[4] is not None:
            miles = math.hypot(row[4] - place.easting, row[5] - place.northing) / METRES_PER_MILE
            hit = replace(hit, distance_miles=round(miles, 1))
        return hit

    # --- words ------------------------------------------------------------------------------------------------

    def words_expression(self, words: list[str]) -> str:
        """All the words joined with AND; each word OR the title words that start like it (at most 6).

        :param words: from ``search_words``.
        """
        return " AND ".join(self._widened(word) for word in words)

    def _widened(self, word: str) -> str:
        if len(word) < 5:
            return _quoted(word)
        # Widen from the word's stem: "cleaning" -> clean -> cleaner, "driving" -> drive -> driver.
        start = self._stemmer.stem(word)
        # One word for each stem: FTS5 stems the words again, so "cleaners" adds nothing to "cleaner".
        rows = self.db.execute("SELECT min(word) FROM title_terms WHERE word >= ? AND word < ? GROUP BY stem "
                               "ORDER BY max(docs) DESC LIMIT 6", [start, start + "\uffff"]).fetchall()
        variants = dict.fromkeys([word, *(row[0] for row in rows)])
        return "(" + " OR ".join(_quoted(w) for w in variants) + ")" if len(variants) > 1 else _quoted(word)

    # --- single vacancies, suggestions, corrections ----------------------------------------------------------

    def vacancy(self, vacancy_id: str) -> dict | None:
        """Everything about one open vacancy, or None if it is unknown or closed.

        :param vacancy_id: the vacancy's id.
        """
        row = self.db.execute("SELECT * FROM vacancies WHERE id = ? AND closes >= ?",
                              [vacancy_id, self.today().isoformat()]).fetchone()
        if row is None:
            return None
        names = [d[0] for d in self.db.execute("SELECT * FROM vacancies LIMIT 0").description]
        return dict(zip(names, row))

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Job titles for type-ahead, most advertised first, from the second letter typed.

        :param prefix: what has been typed so far.
        :param limit: how many at most.
        """
        words = search_words(prefix)
        if not words or sum(len(w) for w in words) < 2:
            return []
        expression = " AND ".join(f'"{w}"*' for w in words)
        sql = ("SELECT t.title FROM title_fts JOIN titles t ON t.rowid = title_fts.rowid "
               "WHERE title_fts MATCH ? ORDER BY t.vacancies DESC LIMIT ?")
        return [row[0] for row in self.db.execute(sql, [expression, limit])]

    def correct(self, words: list[str]) -> str | None:
        """A corrected search text when a word of 5 or more letters is one letter away from a job-title word.

        :param words: the search words; returns None when there is nothing better to offer.
        """
        changed, corrected = False, []
        for word in words:
            better = self._closest_word(word) if len(word) >= 5 and not self._known(word) else None
            corrected.append(better or word)
            changed |= better is not None
        return " ".join(corrected) if changed else None

    def _known(self, word: str) -> bool:
        return self.db.execute("SELECT 1 FROM title_words WHERE term = ?", [word]).fetchone() is not None

    def _closest_word(self, word: str) -> str | None:
        candidates = _one_edit_away(word)
        placeholders = ", ".join("?" * len(candidates))
        row = self.db.execute(f"SELECT term FROM title_words WHERE term IN ({placeholders}) ORDER BY doc DESC "
                              "LIMIT 1", list(candidates)).fetchone()
        return row[0] if row else None

    def _remove_closed_once_a_day(self, today: dt.date) -> None:
        if closed_removed_on(self.db) != today.isoformat():
            try:
                remove_closed(self.db, today)
            except sqlite3.OperationalError as error:
                # The background sync holds the write lock while it applies (and removes closed ones itself):
                # the search goes on, and the next one tries again.
                log.info("closed vacancies not removed this time: %s", type(error).__name__)


#: Marks a rowid with no vacancy in the facet array (facet codes stay below 504 × 4).
_NO_VACANCY = 0xFFFF
_DISTANCE = "((f.easting - ?) * (f.easting - ?) + (f.northing - ?) * (f.northing - ?))"
_ANY_PAY = "{tags}: (" + " OR ".join(f"zb{band}" for band in range(TOP_PAY_BAND + 1)) + ")"
#: Every vacancy has one contract tag, so this matches them all.
_ALL = "{tags}: (" + " OR ".join(f"zc{i}" for i in range(len(CONTRACTS))) + ")"

_HIT_COLUMNS = ("v.id, v.title, v.employer, v.town, v.easting, v.northing, v.postcode_district, v.salary_min, "
                "v.salary_max, v.salary_period, v.working_pattern, v.hours_per_week, v.contract, v.workplace, "
                "v.posted, v.closes, v.disability_confident")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit_away(word: str) -> set[str]:
    """Every string one deletion, swap, change or insertion away (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | swaps | changes | inserts) - {word}

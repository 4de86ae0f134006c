"""Job search over the offline vacancy cache: words, place and radius, filters, sorting, counts, typo help.

    search = JobSearch(open_cache(path), places=load_places())
    result = search.search(JobQuery(text="cleaning", place="LS1", radius_miles=10, hours={"16_29"}))
    result.total, [hit.title for hit in result.hits], result.facets["contract"]["permanent"]

Whatever a person types is searched as plain words (``kiosk.jobs.query`` builds the FTS5 expressions, every word
quoted). Words are stemmed ("cleaned" finds "cleaning") and widened to the job-title words that start like them
("cleaning" also finds "cleaner", "driving" finds "driver"). Words in the Welsh <-> English glossary
(``kiosk.jobs.glossary``) also find their other-language terms, in any mutated form typed: "glanhawr" and "lanhawr"
find "Cleaner" and "cleaner" finds "Glanhawr". Title matches come before matches in the rest of the advert.

Misspelt words are answered with jobs: when a word is in no job title and hardly any advert, and its correction
(``kiosk.jobs.spelling``) finds jobs where the words as typed found none, or far fewer, the result is the corrected
search's, with ``corrected_from`` and ``corrected_to`` saying so ("Showing jobs for butcher"). A query with
``as_typed`` is never corrected ("Search for butchr instead"), and neither is a word of the glossary ("gyrrwr" is
Welsh for driver, not a misspelt English word).

Filters and the counts beside each filter choice run inside FTS5 on tag words stored with each vacancy
(see ``kiosk.jobs.vacancies.search_tags``), which keeps the worst cases (a word in half of all adverts) fast.

A search only reads the cache. Closed vacancies are deleted at start-up and after each sync
(``kiosk.jobs.cache.remove_closed_vacancies``); one that closed since is never shown, though it is still counted
until then.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from dataclasses import dataclass, field, replace
from typing import Callable

import sqlite_utils

from kiosk.jobs import facets
from kiosk.jobs.cache import TOKENIZE
from kiosk.jobs.counting import FacetCounter
from kiosk.jobs.glossary import Glossary, default_glossary
from kiosk.jobs.query import (ALL_VACANCIES, ANY_PAY, DISTANCE_SQL, METRES_PER_MILE, JobQuery, all_of, chosen_filters,
                              days_back, filter_expressions, grid_cells, quoted, search_words, tag_match)
from kiosk.jobs.title_suggestions import suggest_titles
from kiosk.jobs.vocabulary import CacheWords
from kiosk.jobs.vacancies import TOP_PAY_BAND


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
    also_searched: list[str] = field(default_factory=list)  # the words' other-language terms, also looked for
    corrected_from: str | None = None    # the words as typed, when these are the jobs for a correction of them
    corrected_to: str | None = None      # the corrected words these jobs were found for


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


class JobSearch:
    """Searches one vacancy cache.

    :param db: the cache (``kiosk.jobs.cache.open_cache``).
    :param places: ``kiosk.jobs.places.Places`` for place names and postcodes, or None for no place search.
    :param today: returns the kiosk's date; injected so tests can fix it.
    :param glossary: the Welsh <-> English glossary; the one in assets/jobs unless given.
    """

    def __init__(self, db: sqlite_utils.Database, places=None, today: Callable[[], dt.date] = dt.date.today,
                 glossary: Glossary | None = None):
        self.db = db
        self.places = places
        self.today = today
        self.glossary = glossary if glossary is not None else default_glossary()
        self._counter = FacetCounter(db)
        self._stemmer = Stemmer()
        self.words = CacheWords(db, self._stemmer.stem)

    # --- the search -----------------------------------------------------------------------------------------

    def search(self, query: JobQuery) -> SearchResult:
        """Find vacancies: one page of hits, the total, counts per filter choice; for misspelt words, the jobs
        for their correction.

        :param query: what the person asked for.
        """
        result = self._search(query)
        words = search_words(query.text)
        if not words or query.as_typed or result.place_unknown:
            return result
        fixed = self.words.speller().correct(words, unknown=self._misspelt)
        if fixed is None:
            return result
        text = " ".join(fixed)
        if result.total >= PLENTY:  # the words as typed find plenty: show those, and only offer the correction
            result.did_you_mean = text
            return result
        other = self._search(replace(query, text=text, as_typed=True))
        if other.total and (result.total == 0 or other.total >= FAR_MORE * result.total):
            return replace(other, query=query, corrected_from=query.text.strip(), corrected_to=text)
        result.did_you_mean = text if other.total > result.total else None
        return result

    def _misspelt(self, word: str) -> bool:
        # A glossary word is never "corrected": "gyrrwr" is Welsh for driver, not a misspelt English title word.
        return not self.glossary.knows(word) and self.words.rare_in_adverts(word)

    def _search(self, query: JobQuery) -> SearchResult:
        today = self.today()
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
        if place is None:
            result.total, result.facets = self._counter.tally(text, chosen, today)
            result.hits = self._hits_everywhere(query, text, chosen, today, result.total)
        else:
            radius_m = query.radius_miles * METRES_PER_MILE
            near = (place, radius_m, tag_match(grid_cells(place.easting, place.northing, radius_m)))
            # Remembered too, by place and radius: a kiosk's searches are mostly round its own town.
            key = (all_of(text, near[2]), place.easting, place.northing, radius_m)
            result.total, result.facets = self._counter.tally(key, chosen, today,
                                                              lambda: self._facet_groups(text, near, today))
            if query.page * query.page_size < result.total:
                result.hits = self._hits_near(query, text, near, chosen, today)
        if words:
            result.also_searched = [other for span in self.glossary.expand(words)
                                    for other in self.glossary.translations(span)][:3]
        return result

    def _facet_groups(self, text: str, near, today: dt.date) -> list[tuple[int, int, int]]:
        """(facet code, posted bucket, vacancies) for every vacancy matching the words near the place.

        (Words only are counted by ``kiosk.jobs.counting``, in Python, and remembered.)
        """
        bucket, params = facets.posted_bucket_sql("f.posted_day", today)
        place, radius_m, cells = near
        sql = (f"SELECT f.code, {bucket}, count(*) FROM vacancy_fts "
               "JOIN vacancy_facets f ON f.rowid = vacancy_fts.rowid WHERE vacancy_fts MATCH ? "
               f"AND {DISTANCE_SQL} <= ? GROUP BY 1, 2")
        params += [all_of(text, cells), place.easting, place.easting, place.northing, place.northing, radius_m ** 2]
        return self.db.execute(sql, params).fetchall()

    def forget_counts(self, facet_array: bool = False) -> None:
        """Forget the counts remembered for earlier searches, as a change to the cache does (for benchmarks).

        :param facet_array: forget each vacancy's filter choices too, which the first search reads again.
        """
        self._counter.forget(facet_array)

    def _count(self, expression: str) -> int:
        return self._counter.count(expression, self.today())

    def _hits_everywhere(self, query, text, chosen, today, total) -> list[JobHit]:
        filters = filter_expressions(chosen, today)
        everything = all_of(text, *filters)
        start, size = query.page * query.page_size, query.page_size
        if start >= total:
            # Nothing to list: looking would read every matching vacancy's entry to find none.
            return []
        if query.sort == "pay":
            base = everything or ALL_VACANCIES
            bands = [f"{{tags}}: zb{band}" for band in range(TOP_PAY_BAND, -1, -1)]
            rowids = self._by_buckets(base, bands, start, size, None, order_by_pay=True)
            if len(rowids) < size:  # then the vacancies that give no pay
                paid = self._count(f"({base}) AND {ANY_PAY}")
                rowids += self._rowids(f"({base}) NOT {ANY_PAY}", "rowid DESC", size - len(rowids),
                                       max(0, start - paid))
        elif query.sort == "newest" or not text:
            rowids = self._by_buckets(everything, [f"{{tags}}: {day}" for day in days_back(today, 400)],
                                      start, size, total)
        else:
            # Best match: vacancies with the words in their title first, newest added first; then the rest.
            in_title_query = all_of(f"{{title}}: {text}", *filters)
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
            part = all_of(expression, bucket)
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
        sql = (f"SELECT f.rowid, {DISTANCE_SQL} AS distance, {in_title} AS in_title FROM vacancy_fts "
               "JOIN vacancy_facets f ON f.rowid = vacancy_fts.rowid WHERE vacancy_fts MATCH ? "
               f"AND distance <= ? {''.join(' AND ' + c for c in conditions)} "
               f"ORDER BY {order[query.sort]} LIMIT ? OFFSET ?")
        args = [place.easting, place.easting, place.northing, place.northing]
        if text:
            args.append(all_of(f"{{title}}: {text}", cells))
        args += [all_of(text, cells), radius_m ** 2, *params, query.page_size, query.page * query.page_size]
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
        """All the words joined with AND; each word OR the title words that start like it (at most 6); words the
        glossary knows OR their terms in the other language (each term's words joined with AND).

        >>> from kiosk.jobs.cache import open_cache
        >>> search = JobSearch(open_cache(":memory:"))
        >>> search.words_expression(["lanhawr"])
        '("lanhawr" OR "cleaner" OR "glanhawr" OR "glanhawyr" OR "glanhawraig")'

        :param words: from ``search_words``.
        """
        parts = []
        for span in self.glossary.expand(words):
            typed = " AND ".join(self._widened(word) for word in span.words)
            if not span.others:
                parts.append(typed)
                continue
            # Every word quoted: glossary words are plain letters, but nothing reaches FTS5 as syntax.
            others = [" AND ".join(quoted(word) for word in other) for other in span.others]
            parts.append("(" + " OR ".join(f"({o})" if " " in o else o
                                           for o in [typed, *others]) + ")")
        return " AND ".join(parts)

    def _widened(self, word: str) -> str:
        if len(word) < 5:
            return quoted(word)
        # Widen from the word's stem: "cleaning" -> clean -> cleaner, "driving" -> drive -> driver.
        start = self._stemmer.stem(word)
        # One word for each stem: FTS5 stems the words again, so "cleaners" adds nothing to "cleaner".
        rows = self.db.execute("SELECT min(word) FROM title_terms WHERE word >= ? AND word < ? GROUP BY stem "
                               "ORDER BY max(docs) DESC LIMIT 6", [start, start + "\uffff"]).fetchall()
        variants = dict.fromkeys([word, *(row[0] for row in rows)])
        return "(" + " OR ".join(quoted(w) for w in variants) + ")" if len(variants) > 1 else quoted(word)

    # --- single vacancies and suggestions ----------------------------------------------------------

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

    def suggest(self, prefix: str, limit: int = 8, language: str = "en") -> list[str]:
        """Job titles for type-ahead (``kiosk.jobs.title_suggestions.suggest_titles``): most advertised first, from
        the second letter typed, typos tolerated, Welsh titles first in Welsh.

        :param prefix: what has been typed so far.
        :param limit: how many at most.
        :param language: the kiosk's language, "en" or "cy".
        """
        return suggest_titles(self.db, self.glossary, self.words.speller, prefix, limit, language)


#: The words as typed find this many jobs or more: their jobs are shown, never a correction's.
PLENTY = 100
#: A correction's jobs are shown when the words as typed find none, or this many times fewer.
FAR_MORE = 5

_HIT_COLUMNS = ("v.id, v.title, v.employer, v.town, v.easting, v.northing, v.postcode_district, v.salary_min, "
                "v.salary_max, v.salary_period, v.working_pattern, v.hours_per_week, v.contract, v.workplace, "
                "v.posted, v.closes, v.disability_confident")

"""The filter counts for a search's words, fast for the words found in most adverts.

    counter = FacetCounter(open_cache(path))
    groups = counter.groups('"team"', today)          # [(facet code, posted bucket, vacancies), ...]
    total, counts = kiosk.jobs.facets.tally(groups, chosen)

Counting every filter choice for a word in most adverts ("team" is in 8 of 10) means looking at each matching
vacancy's facet code: about 0.2 microseconds each, so some 50 ms at 300,000 vacancies. The words people type most
are those words, so each search's counts are kept until the cache changes (a sync, the closed vacancies removed) or
the day does, so they are always those of the cache as it is. A count of the adverts with a word in their title is
kept too: FTS5 reads the word's whole list of adverts to find the few with it in the title.
"""

from __future__ import annotations

import datetime as dt
import operator
from array import array
from collections import Counter, OrderedDict
from typing import Any, Callable

import sqlite_utils

from kiosk.jobs import facets
from kiosk.jobs.facet_array import NO_VACANCY, content_token, facet_array

#: How many searches' counts are kept at most (at most 8 KB each), the least recently used going first.
REMEMBERED = 256
#: How many single numbers (``count``) are kept at most.
REMEMBERED_NUMBERS = 4096


class FacetCounter:
    """Counts per facet code and posted bucket for an FTS5 expression, remembered until the cache changes.

    :param db: the cache (``kiosk.jobs.cache.open_cache``).
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._version: tuple | None = None  # (data_version, total_changes) when the token was last read
        self._token: int | None = None
        self._today: dt.date | None = None
        self._combos: array | None = None
        self._groups: OrderedDict[Any, tuple[array, array]] = OrderedDict()
        self._numbers: OrderedDict[str, int] = OrderedDict()
        self._tallies: OrderedDict[tuple, tuple[int, dict]] = OrderedDict()

    def groups(self, key, today: dt.date, count: Callable[[], list] | None = None) -> list[tuple[int, int, int]]:
        """(facet code, posted bucket, vacancies) for every vacancy matching an FTS5 expression ("" for all).

        :param key: the FTS5 expression, made by ``kiosk.jobs.query`` (never a person's text as it is); or, with
            ``count``, anything that names the search (its expression, place and radius).
        :param today: the kiosk's date (the posted buckets count back from it).
        :param count: works the rows out some other way (a search near a place, in SQL); default: the expression's.
        """
        self._check(today)
        kept = self._groups.get(key)
        if kept is None:
            if count is not None:
                kept = _packed(count())
            else:
                try:
                    kept = self._count_groups(key, today)
                except IndexError:  # another connection added vacancies since the facet array was read
                    self._version = self._token = None
                    self._check(today)
                    kept = self._count_groups(key, today)
            self._keep(self._groups, key, kept, REMEMBERED)
        else:
            self._groups.move_to_end(key)
        combos, numbers = kept
        return [(combo >> 2, combo & 3, number) for combo, number in zip(combos, numbers)]

    def tally(self, key, chosen: dict[str, set[str]], today: dt.date, count: Callable[[], list] | None = None):
        """``kiosk.jobs.facets.tally`` of ``groups(key)``: the total and the count beside every choice,
        remembered for each set of choices (a copy, so the caller may change it).

        :param key: as for ``groups``.
        :param chosen: the choices made, by group (``kiosk.jobs.query.chosen_filters``).
        :param today: the kiosk's date.
        :param count: as for ``groups``.
        """
        groups = self.groups(key, today, count)  # first: it forgets everything when the cache has changed
        key = (key, tuple(sorted((group, tuple(sorted(made))) for group, made in chosen.items() if made)))
        tallied = self._tallies.get(key)
        if tallied is None:
            tallied = facets.tally(groups, chosen)
            self._keep(self._tallies, key, tallied, REMEMBERED)
        else:
            self._tallies.move_to_end(key)
        total, counts = tallied
        return total, {group: dict(choices) for group, choices in counts.items()}

    def count(self, expression: str, today: dt.date) -> int:
        """How many vacancies match ``expression``; remembered like the groups.

        :param expression: an FTS5 expression made by ``kiosk.jobs.query``.
        :param today: the kiosk's date.
        """
        self._check(today)
        number = self._numbers.get(expression)
        if number is None:
            number = self.db.execute("SELECT count(*) FROM vacancy_fts WHERE vacancy_fts MATCH ?",
                                     [expression]).fetchone()[0]
            self._keep(self._numbers, expression, number, REMEMBERED_NUMBERS)
        else:
            self._numbers.move_to_end(expression)
        return number

    def forget(self, facet_array: bool = False) -> None:
        """Forget the remembered counts, as if no search had run since the cache changed (for measuring).

        :param facet_array: forget the facet array too, as a change to the cache does.
        """
        if facet_array:
            self._combos = None
        self._groups.clear()
        self._numbers.clear()
        self._tallies.clear()

    def _check(self, today: dt.date) -> None:
        # data_version changes when another connection (the sync) commits anything, a staged page included;
        # total_changes when this one writes. Only then is the content token read: it changes only when the
        # vacancies or titles do (cache.m007), so a page staged by a sync keeps what is remembered.
        version = (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes)
        if version == self._version and today == self._today:
            return
        token = content_token(self.db)
        self._version = version
        if (token, today) != (self._token, self._today):
            self._token, self._today, self._combos = token, today, None
            self.forget()

    def _count_groups(self, expression: str, today: dt.date) -> tuple[array, array]:
        combos = self._combo_array(today)
        if not expression:
            counted = Counter(combos)
        else:
            # One string of rowids made inside SQLite: stepping a cursor row by row costs three times as much.
            joined = self.db.execute("SELECT group_concat(rowid) FROM vacancy_fts WHERE vacancy_fts MATCH ?",
                                     [expression]).fetchone()[0]
            rowids = [int(r) for r in joined.split(",")] if joined else []
            if len(rowids) > 1:
                counted = Counter(operator.itemgetter(*rowids)(combos))
            else:
                counted = Counter(combos[r] for r in rowids)
        counted.pop(NO_VACANCY, None)
        return array("H", counted.keys()), array("I", counted.values())

    def _combo_array(self, today: dt.date) -> array:
        """facet code × 4 + posted bucket for every rowid (``NO_VACANCY`` where there is none); 2 bytes each."""
        if self._combos is None:
            self._combos = facet_array(self.db, today)  # the one the writer stored, if still the cache's
        return self._combos

    @staticmethod
    def _keep(store: OrderedDict, key: str, value, most: int) -> None:
        store[key] = value
        if len(store) > most:
            store.popitem(last=False)


def _packed(rows: list) -> tuple[array, array]:
    """Rows of (facet code, posted bucket, vacancies) as two arrays: code × 4 + bucket, and vacancies."""
    return array("H", [code * 4 + bucket for code, bucket, _n in rows]), array("I", [n for _c, _b, n in rows])

"""The words of one vacancy cache, for correcting misspelt searches: a ``Speller`` over its job titles, and how
many adverts use a word.

    words = CacheWords(db, stem=Stemmer().stem)
    words.speller().correct(["butchr"], unknown=words.rare_in_adverts)     # ["butcher"]

The speller is made again only when the cache has changed (a sync on another connection, or this one's writes).
Only the cache's vocabulary is read; the one table made is a temporary one of this connection, so the cache file
is never written.
"""

from __future__ import annotations

from typing import Callable

import sqlite_utils

from kiosk.jobs.facet_array import content_token
from kiosk.jobs.spelling import Speller, occupation_words

#: A word in this share of adverts or fewer may still be a misspelling (real adverts have typos too).
RARE_SHARE = 1 / 1000
#: Adverts per stem remembered at most: words typed over months must not grow the kiosk's memory.
MOST_REMEMBERED = 10_000


class CacheWords:
    """The speller and advert counts for one cache.

    :param db: the cache (``kiosk.jobs.cache.open_cache``).
    :param stem: the stemmer of the cache's full-text index (``kiosk.jobs.search.Stemmer.stem``).
    :param extra: more known words; by default the occupation index's (``occupation_words``).
    """

    def __init__(self, db: sqlite_utils.Database, stem: Callable[[str], str],
                 extra: Callable[[], frozenset[str]] | None = None) -> None:
        self.db = db
        self.stem = stem
        self.extra = extra
        self._speller: tuple[int, Speller] | None = None
        self._docs: dict[str, int] = {}

    def speller(self) -> Speller:
        """The speller for the cache as it is now: the words of its job titles weighted by their vacancies, and
        the extra words. About 60 ms to make at 300,000 vacancies (once; the occupation index is read once more
        per process)."""
        # The content token changes only when the vacancies or titles do (cache.m007), not for a staged page.
        key = content_token(self.db)
        if self._speller is None or self._speller[0] != key:
            titles = self.db.execute("SELECT title, vacancies FROM titles").fetchall()
            self._speller = (key, Speller.from_titles(titles, (self.extra or occupation_words)()))
            self._docs = {}
        return self._speller[1]

    def rare_in_adverts(self, word: str) -> bool:
        """True when few adverts have the word (a tenth of one per cent of them at most, and at least 2), so it may
        be a misspelling: one advert with "recepionist" does not make it right.

        :param word: one search word.
        """
        return self.advert_docs(self.stem(word)) <= max(2, int(self.advert_docs("") * RARE_SHARE))

    def advert_docs(self, stem: str) -> int:
        """How many adverts have this stem ("" for how many adverts there are), remembered until the cache changes.

        :param stem: a stem as the index holds it ("warehous").
        """
        self.speller()  # made again, and the counts forgotten, when the cache has changed
        if stem not in self._docs:
            if len(self._docs) >= MOST_REMEMBERED:
                self._docs.clear()
            if not stem:
                row = self.db.execute("SELECT count(*) FROM vacancy_facets").fetchone()
            else:
                self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vacancy_terms "
                                "USING fts5vocab(main, vacancy_fts, 'row')")
                row = self.db.execute("SELECT doc FROM temp.vacancy_terms WHERE term = ?", [stem]).fetchone()
            self._docs[stem] = row[0] if row else 0
        return self._docs[stem]

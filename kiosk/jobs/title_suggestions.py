"""Type-ahead for job titles: the titles of adverts in the cache that start with what is typed, most advertised
first; when nothing starts with it, the titles for its correction ("butchr", "recepsh", "lorrydriv"); and in Welsh,
the glossary's Welsh titles first, whichever mutated form is typed ("yrr" -> Gyrrwr).
"""

from __future__ import annotations

from typing import Callable

import sqlite_utils

from kiosk.jobs.glossary import Glossary
from kiosk.jobs.job_titles import plain_title
from kiosk.jobs.query import quoted, search_words
from kiosk.jobs.spelling import Speller


def suggest_titles(db: sqlite_utils.Database, glossary: Glossary, speller: Callable[[], Speller], prefix: str,
                   limit: int = 8, language: str = "en") -> list[str]:
    """Job titles for type-ahead, most advertised first, from the second letter typed.

    :param db: the vacancy cache.
    :param glossary: the Welsh <-> English glossary.
    :param speller: returns the cache's ``Speller`` (built once per version of the cache).
    :param prefix: what has been typed so far.
    :param limit: how many at most.
    :param language: the kiosk's language, "en" or "cy".
    """
    welsh = welsh_titles(db, glossary, prefix, limit) if language == "cy" else []
    seen = {title.casefold() for title in welsh}
    return [*welsh, *(t for t in advert_titles(db, speller, prefix, limit) if t.casefold() not in seen)][:limit]


def welsh_titles(db: sqlite_utils.Database, glossary: Glossary, prefix: str, limit: int) -> list[str]:
    """The glossary's Welsh titles for what is typed, most advertised first in either language."""
    terms = glossary.suggest(prefix)[:4 * limit]
    if not terms:
        return []

    def advertised(term) -> int:
        titles = [term.title, *(plain_title(english) or english for english in term.english)]
        sql = f"SELECT coalesce(sum(vacancies), 0) FROM titles WHERE title IN ({', '.join('?' * len(titles))})"
        return db.execute(sql, titles).fetchone()[0]

    ranked = sorted(enumerate(terms), key=lambda pair: (-advertised(pair[1]), pair[0]))
    return [term.title for _, term in ranked[:limit]]


def advert_titles(db: sqlite_utils.Database, speller: Callable[[], Speller], prefix: str, limit: int) -> list[str]:
    """Titles of adverts starting with what is typed, or else with its correction."""
    words = search_words(prefix)
    if not words or sum(len(w) for w in words) < 2:
        return []
    titles = titles_starting(db, words, limit)
    if not titles and sum(len(w) for w in words) >= 3:
        fixed = speller().correct_prefix(words)
        if fixed:
            titles = titles_starting(db, fixed, limit)
    return titles


def titles_starting(db: sqlite_utils.Database, words: list[str], limit: int) -> list[str]:
    """Titles whose words start with these, most advertised first (every word quoted: never FTS5 syntax)."""
    expression = " AND ".join(f"{quoted(w)}*" for w in words)
    sql = ("SELECT t.title FROM title_fts JOIN titles t ON t.rowid = title_fts.rowid "
           "WHERE title_fts MATCH ? ORDER BY t.vacancies DESC LIMIT ?")
    return [row[0] for row in db.execute(sql, [expression, limit])]

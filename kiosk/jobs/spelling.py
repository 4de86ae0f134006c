"""Help with typing mistakes: "Did you mean ...?" from the words of the job titles in the cache.

    did_you_mean(open_cache(path), ["kitchen", "portr"])    # "kitchen porter", when a title has "porter"

A word of 5 or more letters that no job title uses is replaced by the most used title word one letter away (one
letter more, less, changed, or two letters swapped). Shorter words are left alone. The cache is only read.
"""

from __future__ import annotations

import sqlite_utils

#: Shorter words are never corrected.
MIN_LENGTH = 5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def did_you_mean(db: sqlite_utils.Database, words: list[str]) -> str | None:
    """A corrected search text when a word of 5 or more letters is one letter away from a job-title word.

    :param db: the vacancy cache (its ``title_words``).
    :param words: the search words (``kiosk.jobs.query.search_words``).
    :returns: the words with the corrections, space-separated; None when there is nothing better to offer.
    """
    changed, corrected = False, []
    for word in words:
        better = _closest_word(db, word) if len(word) >= MIN_LENGTH and not _known(db, word) else None
        corrected.append(better or word)
        changed |= better is not None
    return " ".join(corrected) if changed else None


def _known(db: sqlite_utils.Database, word: str) -> bool:
    return db.execute("SELECT 1 FROM title_words WHERE term = ?", [word]).fetchone() is not None


def _closest_word(db: sqlite_utils.Database, word: str) -> str | None:
    candidates = one_edit_away(word)
    placeholders = ", ".join("?" * len(candidates))
    row = db.execute(f"SELECT term FROM title_words WHERE term IN ({placeholders}) ORDER BY doc DESC LIMIT 1",
                     list(candidates)).fetchone()
    return row[0] if row else None


def one_edit_away(word: str) -> set[str]:
    """Every string one deletion, swap, change or insertion away (Norvig's edits1), the word itself left out.

    >>> sorted(w for w in one_edit_away("cok") if w.startswith("coo"))
    ['coo', 'cook']
    >>> "porter" in one_edit_away("portr"), "porter" in one_edit_away("protre")
    (True, False)

    :param word: one word, lower case.
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | swaps | changes | inserts) - {word}

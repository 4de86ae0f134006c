"""The facet array (every vacancy's facet code and posted bucket, by rowid) and the content token it belongs to.

    save_facet_array(db, today)          # in the writer's transaction, after its last change (cache.rebuild_titles)
    combos = facet_array(db, today)      # kiosk.jobs.counting: read back in a millisecond, or made here if stale

Counting a search's filters (``kiosk.jobs.counting``) needs, for every rowid, the vacancy's facet code × 4 + its
posted bucket (``NO_VACANCY`` where there is none): 2 bytes a vacancy. Making it reads every row of
``vacancy_facets`` in Python, 110-150 ms at 300,000 vacancies, and a search made it again after every change to
the cache: during a sync, the first search after the sync's commit took 200-290 ms (issue #20, point 2). So the
writer, which has just changed the vacancies (a sync, in its own process; the start-up's removal of closed ones),
makes it once and stores it beside the content token it belongs to (``content_token`` below) and the day
its buckets count from. A search uses the stored one when both still match, and otherwise makes its own as before.
"""

from __future__ import annotations

import datetime as dt
import sys
from array import array

import sqlite_utils

from kiosk.jobs import facets

#: Marks a rowid with no vacancy in the facet array (facet codes × 4 + bucket stay far below it).
NO_VACANCY = 0xFFFF


def content_token(db: sqlite_utils.Database) -> int:
    """A value that changes whenever the vacancies or the title suggestions change, and only then
    (``kiosk.jobs.cache_schema.m007_content_token``).

    :param db: the cache.
    """
    return db.execute("SELECT token FROM content_token").fetchone()[0]


def new_content_token(db: sqlite_utils.Database) -> None:
    """Give the cache a new content token, for changes made without the per-row triggers (a bulk fill) and for the
    title suggestions, in the caller's transaction.

    :param db: the cache.
    """
    db.execute("UPDATE content_token SET token = random()")


def make_facet_array(db: sqlite_utils.Database, today: dt.date) -> array:
    """Facet code × 4 + posted bucket for every rowid (``NO_VACANCY`` where there is none), from the table.

    :param db: the cache.
    :param today: the kiosk's date (the posted buckets count back from it).
    """
    bucket, params = facets.posted_bucket_sql("posted_day", today)
    top = db.execute("SELECT coalesce(max(rowid), 0) FROM vacancy_facets").fetchone()[0]
    combos = array("H", [NO_VACANCY]) * (top + 1)
    for rowid, combo in db.execute(f"SELECT rowid, code * 4 + {bucket} FROM vacancy_facets", params):
        combos[rowid] = combo
    return combos


def save_facet_array(db: sqlite_utils.Database, today: dt.date) -> None:
    """Make the facet array and store it with the content token it belongs to, in the caller's transaction.

    :param db: the cache, after the transaction's last change to the vacancies.
    :param today: the date its posted buckets count back from.
    """
    combos = make_facet_array(db, today)
    if sys.byteorder == "big":  # stored little-endian, as every kiosk so far is
        combos.byteswap()
    db.execute("INSERT OR REPLACE INTO facet_array (id, token, day, combos) "
               "SELECT 1, token, ?, ? FROM content_token", [today.isoformat(), combos.tobytes()])


def stored_day(db: sqlite_utils.Database) -> str | None:
    """The day the stored facet array's buckets count from (YYYY-MM-DD), or None if there is none.

    :param db: the cache.
    """
    row = db.execute("SELECT day FROM facet_array").fetchone()
    return row[0] if row else None


def facet_array(db: sqlite_utils.Database, today: dt.date) -> array:
    """The facet array for the cache as it is now: the stored one if it belongs to the vacancies as they are and
    to ``today``, else made here.

    :param db: the cache.
    :param today: the kiosk's date.
    """
    # One statement, so the token and the stored array are read from the same moment.
    row = db.execute("SELECT f.combos FROM content_token t JOIN facet_array f ON f.token = t.token AND f.day = ?",
                     [today.isoformat()]).fetchone()
    if row is None:
        return make_facet_array(db, today)
    combos = array("H")
    combos.frombytes(row[0])
    if sys.byteorder == "big":
        combos.byteswap()
    return combos

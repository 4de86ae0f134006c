"""The offline vacancy cache: one SQLite file, opened in WAL mode, its schema built by named run-once migrations.

    db = open_cache(Path("~/.local/share/jobpoint/vacancies.db").expanduser())
    stored, refused = store_vacancies(db, records)      # records: dicts as in kiosk.jobs.vacancies.FIELDS

Searches read while a sync writes (WAL); every batch is written in one transaction, so a search never sees half a
batch. Nothing personal is ever stored here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from pathlib import Path
from typing import Iterable, Iterator

import sqlite_utils

from kiosk.jobs.cache_schema import TOKENIZE, VACANCY_COLUMNS, migrations
from kiosk.jobs.facet_array import new_content_token, save_facet_array, stored_day
from kiosk.jobs.vacancies import BadVacancy, check_vacancy

log = logging.getLogger(__name__)

CACHE_FILE = "vacancies.db"
#: Tokenizer for vacancy text: English stemming, case and accent folding (so "cafe" finds "café").
def _after_the_vacancies_changed(db: sqlite_utils.Database) -> None:
    # Every writer ends with rebuild_titles: a new token, and the facet array searches would otherwise each make.
    new_content_token(db)
    save_facet_array(db, dt.date.today())

def open_cache(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if need be) the vacancy cache and bring its schema up to date.

    :param path: the SQLite file, or ":memory:" for tests.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(str(path))
    if db.execute("PRAGMA page_count").fetchone()[0] == 0:
        # Only possible before the first table: lets ``reclaim_free_space`` give a full sync's staging space back.
        db.conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    db.conn.execute("PRAGMA journal_mode = WAL")
    db.conn.execute("PRAGMA synchronous = NORMAL")
    # A modest page cache: the kiosk's memory budget matters more than the last millisecond.
    db.conn.execute("PRAGMA cache_size = -4000")
    db.conn.execute("PRAGMA temp_store = MEMORY")
    migrations.apply(db)
    return db


def store_vacancies(db: sqlite_utils.Database, records: Iterable[dict], batch: int = 5000) -> tuple[int, int]:
    """Check and store vacancies (insert, or replace an older version), then refresh the title suggestions.

    A bad record is refused with its reason logged (its id, never its text); the rest are stored. Into an empty
    cache (``kiosk demo-data`` on a new kiosk) everything is written in one transaction and indexed once at the end
    (``indexing_afterwards``); otherwise each batch is its own transaction.

    :param db: the cache.
    :param records: dicts with the keys in ``kiosk.jobs.vacancies.FIELDS``.
    :param batch: records per transaction (per ``executemany`` into an empty cache).
    :returns: (stored, refused).
    """
    counts = [0, 0]
    # Checked for emptiness inside the write lock, so no other writer can fill the cache in between.
    db.execute("BEGIN IMMEDIATE")
    try:
        empty = cache_is_empty(db)
        if empty:
            with indexing_afterwards(db):
                for pending in _checked_batches(records, batch, counts):
                    db.conn.executemany(_UPSERT, pending)
            rebuild_titles(db)
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()
    if not empty:
        for pending in _checked_batches(records, batch, counts):
            with db.conn:
                db.conn.executemany(_UPSERT, pending)
        refresh_titles(db)
    return counts[0], counts[1]


def _checked_batches(records: Iterable[dict], batch: int, counts: list[int]) -> Iterator[list[dict]]:
    """Lists of up to ``batch`` checked records; bad ones are logged (id only) and counted in counts[1]."""
    pending: list[dict] = []
    for raw in records:
        try:
            pending.append(check_vacancy(raw))
        except BadVacancy as reason:
            counts[1] += 1
            record_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else "?"
            log.warning("refused vacancy %s: %s", record_id[:64], reason)
            continue
        counts[0] += 1
        if len(pending) >= batch:
            yield pending
            pending = []
    if pending:
        yield pending


_UPSERT = (f"INSERT INTO vacancies ({', '.join(VACANCY_COLUMNS)}) "
           f"VALUES ({', '.join(':' + c for c in VACANCY_COLUMNS)}) "
           f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in VACANCY_COLUMNS if c != 'id')} "
           "WHERE excluded.version > vacancies.version")


def apply_staged(db: sqlite_utils.Database, full: bool) -> tuple[int, int]:
    """Apply every change in ``sync_staging`` to the vacancies, inside the caller's transaction.

    Upserts replace a stored vacancy only when their version is newer (a replayed page changes nothing); deletes
    remove the vacancy. With ``full``, the staging area holds the whole feed: the server's version wins even if
    older, and every vacancy not staged as an upsert is removed in the same transaction (mark and sweep), so a
    search sees either the old cache or the new one, never an empty one. The title suggestions are not rebuilt
    here: call ``rebuild_titles`` in the same transaction.

    :param db: the cache, with a transaction open (the caller commits or rolls back).
    :param full: True when the staged changes are a full resync from cursor 0.
    :returns: (vacancies inserted or updated, vacancies removed).
    """
    names = ", ".join(VACANCY_COLUMNS)
    if cache_is_empty(db):
        # Nothing to update or remove: insert the upserts (staged once per id) and index them in one go.
        with indexing_afterwards(db):
            changed = db.execute(f"INSERT INTO vacancies ({names}) SELECT {names} FROM sync_staging "
                                 "WHERE op = 'upsert'").rowcount
        return changed, 0
    newer = "excluded.version != vacancies.version" if full else "excluded.version > vacancies.version"
    changed = db.execute(
        f"INSERT INTO vacancies ({names}) SELECT {names} FROM sync_staging WHERE op = 'upsert' "
        f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in VACANCY_COLUMNS if c != 'id')} "
        f"WHERE {newer}").rowcount
    removed = db.execute("DELETE FROM vacancies WHERE id IN (SELECT id FROM sync_staging WHERE op = 'delete')"
                         ).rowcount
    if full:
        removed += db.execute("DELETE FROM vacancies WHERE id NOT IN "
                              "(SELECT id FROM sync_staging WHERE op = 'upsert')").rowcount
    return changed, removed


def cache_is_empty(db: sqlite_utils.Database) -> bool:
    """True when the cache holds no vacancy (a new kiosk, or one whose every vacancy has closed)."""
    return db.execute("SELECT 1 FROM vacancies LIMIT 1").fetchone() is None


#: The same values as the insert trigger writes to ``vacancy_facets`` (m001), over the whole table at once.
_FACETS_FROM_VACANCIES = ("INSERT INTO vacancy_facets SELECT rowid, facet_code, CAST(julianday(posted) AS INTEGER), "
                          "easting, northing, pay_annual FROM vacancies")


@contextlib.contextmanager
def indexing_afterwards(db: sqlite_utils.Database) -> Iterator[None]:
    """Fill an EMPTY cache without the per-row index triggers, then index everything in one go, inside the
    caller's transaction.

    Writing a vacancy fires triggers that add it to ``vacancy_fts`` and ``vacancy_facets`` one row at a time; for a
    whole feed it is faster to drop them, insert, and build both from the table once (FTS5's 'rebuild'). The
    triggers are put back as they were stored. Everything, the DROP and CREATE included, is in the caller's
    transaction: a crash or rollback leaves the cache exactly as it was, triggers and all.

    :param db: the cache, empty, with a transaction open (the caller commits or rolls back).
    """
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'vacancies' "
                          "ORDER BY name").fetchall()
    for name, _sql in triggers:
        db.execute(f"DROP TRIGGER {name}")
    yield
    index_all_vacancies(db)
    for _name, sql in triggers:
        db.execute(sql)
    new_content_token(db)


def index_all_vacancies(db: sqlite_utils.Database) -> None:
    """Build the full-text index and the facets table from the whole vacancies table, inside the caller's
    transaction (for a table filled without its triggers).

    :param db: the cache, with a transaction open.
    """
    # 'rebuild' reads the whole external-content table: about twice as fast as the per-row trigger inserts.
    db.execute("INSERT INTO vacancy_fts(vacancy_fts) VALUES ('rebuild')")
    # 'rebuild' leaves the index in several segments that every search reads and merges; one segment makes the
    # words in most adverts 1.3 to 1.8 times quicker to count (7 s at 300,000 vacancies).
    db.execute("INSERT INTO vacancy_fts(vacancy_fts) VALUES ('optimize')")
    db.execute("DELETE FROM vacancy_facets")
    db.execute(_FACETS_FROM_VACANCIES)


def reclaim_free_space(db: sqlite_utils.Database, share: float = 0.25) -> int:
    """Give free pages back to the disk when they are more than ``share`` of the file (a full sync's staging area,
    about as big as the vacancies themselves, is left free once applied).

    Only caches made with ``auto_vacuum = INCREMENTAL`` (every cache this version creates) can shrink; an older
    one keeps its free pages for the next sync's staging. Call it outside any transaction: it takes the write lock
    for a few seconds, while searches go on reading.

    :returns: how many pages were given back.
    """
    if db.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:
        return 0
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    if free <= share * db.execute("PRAGMA page_count").fetchone()[0]:
        return 0
    # executescript steps the pragma to the end; a plain execute() frees only one page per step.
    db.conn.executescript("PRAGMA incremental_vacuum;")
    return free - db.execute("PRAGMA freelist_count").fetchone()[0]


def refresh_titles(db: sqlite_utils.Database) -> None:
    """Rebuild the title suggestions, and the title words with their stems, from the vacancies that are open."""
    with db.conn:
        rebuild_titles(db)


def rebuild_titles(db: sqlite_utils.Database) -> None:
    """``refresh_titles`` without a transaction of its own, for use inside a caller's transaction; every writer of
    vacancies ends with it, so it also gives the cache a new content token and stores the facet array.

    :param db: the cache, with a transaction open (the caller commits).
    """
    db.execute("DELETE FROM titles")
    db.execute("INSERT INTO titles (title, vacancies) SELECT title, count(*) FROM vacancies "
               "GROUP BY title")
    db.execute("INSERT INTO title_fts(title_fts) VALUES ('rebuild')")
    db.execute("DELETE FROM title_terms")
    # The porter tokenizer itself stems each word: index every word in a scratch table, read the stems back.
    db.execute(f"CREATE VIRTUAL TABLE temp.stems_scratch USING fts5(word, tokenize='{TOKENIZE}')")
    db.execute("CREATE VIRTUAL TABLE temp.stems_vocab_scratch USING fts5vocab(temp, stems_scratch, 'instance')")
    words = db.execute("SELECT term, doc FROM title_words").fetchall()
    db.conn.executemany("INSERT INTO stems_scratch(rowid, word) VALUES (?, ?)",
                        [(n + 1, word) for n, (word, _docs) in enumerate(words)])
    stems = dict(db.execute("SELECT doc, term FROM stems_vocab_scratch").fetchall())
    db.conn.executemany("INSERT OR IGNORE INTO title_terms (word, stem, docs) VALUES (?, ?, ?)",
                        [(word, stems.get(n + 1, word), docs) for n, (word, docs) in enumerate(words)])
    db.execute("DROP TABLE temp.stems_vocab_scratch")
    db.execute("DROP TABLE temp.stems_scratch")
    _after_the_vacancies_changed(db)


def remove_closed_vacancies(db: sqlite_utils.Database, today: dt.date, *, refresh_titles: bool = True) -> int:
    """Delete the vacancies whose closing date is before ``today``, so no search counts them, and note the day.

    Searches never write, so this is called where the cache is written anyway: at start-up (``kiosk.cli``'s services,
    before the first search) and by each sync after applying its changes (``sync.vacancy_sync``). It works inside the
    caller's transaction when one is open (the sync's apply), and in one of its own otherwise.

    :param db: the cache.
    :param today: the kiosk's date (the sync passes an earlier one, never later than the server's snapshot).
    :param refresh_titles: rebuild the title suggestions when any were removed; the sync rebuilds them itself.
    :returns: how many were removed.
    """
    # A savepoint is a transaction of its own when none is open, and a part of the caller's when one is.
    db.execute("SAVEPOINT remove_closed")
    try:
        removed = db.execute("DELETE FROM vacancies WHERE closes < ?", [today.isoformat()]).rowcount
        db.execute("INSERT OR REPLACE INTO cache_state (key, value) VALUES ('closed_removed_on', ?)",
                   [today.isoformat()])
        if removed and refresh_titles:
            rebuild_titles(db)
        elif refresh_titles and stored_day(db) != today.isoformat():
            save_facet_array(db, today)  # a new day: the posted buckets count from it
    except BaseException:
        db.execute("ROLLBACK TO remove_closed")
        db.execute("RELEASE remove_closed")
        raise
    db.execute("RELEASE remove_closed")
    if removed:
        log.info("removed %d closed vacancies", removed)
    return removed


def closed_removed_on(db: sqlite_utils.Database) -> str | None:
    """The date closed vacancies were last removed, as YYYY-MM-DD."""
    row = db.execute("SELECT value FROM cache_state WHERE key = 'closed_removed_on'").fetchone()
    return row[0] if row else None


def vacancy_count(db: sqlite_utils.Database) -> int:
    """How many vacancies the cache holds."""
    return db.execute("SELECT count(*) FROM vacancies").fetchone()[0]

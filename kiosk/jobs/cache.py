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
from sqlite_utils.migrations import Migrations

from kiosk.jobs.vacancies import FIELDS, BadVacancy, check_vacancy, facet_code, search_tags

log = logging.getLogger(__name__)

CACHE_FILE = "vacancies.db"
#: Tokenizer for vacancy text: English stemming, case and accent folding (so "cafe" finds "café").
TOKENIZE = "porter unicode61 remove_diacritics 2"

migrations = Migrations("jobpoint-cache")


@migrations()
def m001_vacancies(db: sqlite_utils.Database) -> None:
    """The vacancies table, its full-text index (title, employer, description and facet tags) and triggers."""
    db.execute("""
        CREATE TABLE vacancies (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL,
            title TEXT NOT NULL, employer TEXT NOT NULL, description TEXT NOT NULL,
            town TEXT, postcode_district TEXT, easting INTEGER, northing INTEGER,
            salary_min REAL, salary_max REAL, salary_period TEXT, pay_annual INTEGER,
            working_pattern TEXT NOT NULL, hours_per_week REAL, hours_band INTEGER NOT NULL,
            contract TEXT NOT NULL, workplace TEXT NOT NULL,
            posted TEXT NOT NULL, closes TEXT NOT NULL, disability_confident INTEGER NOT NULL,
            apply_url TEXT, apply_phone TEXT, apply_email TEXT, occupation_code TEXT,
            tags TEXT NOT NULL, facet_code INTEGER NOT NULL
        )""")
    db.execute("CREATE INDEX vacancies_closes ON vacancies(closes)")
    db.execute("CREATE INDEX vacancies_place ON vacancies(easting, northing)")
    # detail=column: which column a word is in, not where. A tenth of the size of the full index, and counts over
    # half the cache take a few milliseconds. No phrase queries are needed: a search is all the words, anywhere.
    db.execute(f"""
        CREATE VIRTUAL TABLE vacancy_fts USING fts5(
            title, employer, description, tags,
            content='vacancies', content_rowid='rowid', tokenize='{TOKENIZE}', detail=column)""")
    # A narrow copy of what filters and counts need, a few bytes a vacancy, so that counting the choices of every
    # filter for a word found in half the cache reads megabytes, not the adverts' gigabyte.
    db.execute("""
        CREATE TABLE vacancy_facets (
            rowid INTEGER PRIMARY KEY, code INTEGER NOT NULL, posted_day INTEGER NOT NULL,
            easting INTEGER, northing INTEGER, pay_annual INTEGER)""")
    facets = ("new.rowid, new.facet_code, CAST(julianday(new.posted) AS INTEGER), new.easting, new.northing, "
              "new.pay_annual")
    db.execute(f"""
        CREATE TRIGGER vacancies_ai AFTER INSERT ON vacancies BEGIN
            INSERT INTO vacancy_fts(rowid, title, employer, description, tags)
            VALUES (new.rowid, new.title, new.employer, new.description, new.tags);
            INSERT INTO vacancy_facets VALUES ({facets});
        END""")
    db.execute("""
        CREATE TRIGGER vacancies_ad AFTER DELETE ON vacancies BEGIN
            INSERT INTO vacancy_fts(vacancy_fts, rowid, title, employer, description, tags)
            VALUES ('delete', old.rowid, old.title, old.employer, old.description, old.tags);
            DELETE FROM vacancy_facets WHERE rowid = old.rowid;
        END""")
    db.execute(f"""
        CREATE TRIGGER vacancies_au AFTER UPDATE ON vacancies BEGIN
            INSERT INTO vacancy_fts(vacancy_fts, rowid, title, employer, description, tags)
            VALUES ('delete', old.rowid, old.title, old.employer, old.description, old.tags);
            INSERT INTO vacancy_fts(rowid, title, employer, description, tags)
            VALUES (new.rowid, new.title, new.employer, new.description, new.tags);
            -- DELETE then INSERT: an upsert's conflict policy overrides any OR REPLACE inside a trigger.
            DELETE FROM vacancy_facets WHERE rowid = old.rowid;
            INSERT INTO vacancy_facets VALUES ({facets});
        END""")


@migrations()
def m002_title_suggestions(db: sqlite_utils.Database) -> None:
    """Distinct job titles with how many open vacancies have each, for type-ahead and "Did you mean"."""
    db.execute("CREATE TABLE titles (title TEXT PRIMARY KEY, vacancies INTEGER NOT NULL)")
    # No stemming here: suggestions and corrections must be real words people recognise.
    db.execute("""
        CREATE VIRTUAL TABLE title_fts USING fts5(
            title, content='titles', tokenize='unicode61 remove_diacritics 2', prefix='2 3')""")
    db.execute("CREATE VIRTUAL TABLE title_words USING fts5vocab(title_fts, 'row')")
    # Each title word with its stem, so a search word can be widened to the title words that share its stem's
    # start ("cleaning" -> cleaner, cleaners) without slow prefix queries over the whole index.
    db.execute("CREATE TABLE title_terms (word TEXT PRIMARY KEY, stem TEXT NOT NULL, docs INTEGER NOT NULL)")


@migrations()
def m003_cache_state(db: sqlite_utils.Database) -> None:
    """Small facts about the cache, such as when closed vacancies were last removed."""
    db.execute("CREATE TABLE cache_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m004_sync_staging(db: sqlite_utils.Database) -> None:
    """Pages of the central changes feed waiting to be applied together, and the sync's own state.

    ``sync_staging`` holds one row per vacancy id (a later change to the same vacancy replaces the earlier one), with
    the checked record in the same columns as ``vacancies`` so that applying is one ``INSERT ... SELECT``.
    ``sync_state`` holds the applied cursor, the staged cursor and the time of the last good sync.
    """
    columns = ", ".join(_STAGED_COLUMNS)
    db.execute(f"CREATE TABLE sync_staging (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, op TEXT NOT NULL, {columns})")
    db.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m005_hourly_pay_without_hours(db: sqlite_utils.Database) -> None:
    """Hourly pay with no hours given no longer counts as a yearly amount (it was counted over 37.5 hours).

    Re-tags only those vacancies, and those staged by a sync in progress, from their stored columns: their
    yearly pay becomes NULL, so their pay tags (``zp``, ``zb``) and the pay part of their facet code go. The
    update trigger re-indexes each one.
    """
    affected = ("salary_period = 'hour' AND (hours_per_week IS NULL OR hours_per_week = 0) "
                "AND pay_annual IS NOT NULL")
    for table in ("vacancies", "sync_staging"):
        rows = db.execute(f"SELECT rowid, contract, hours_band, workplace, posted, disability_confident, easting, "
                          f"northing FROM {table} WHERE {affected}").fetchall()
        changes = []
        for rowid, *values in rows:
            record = dict(zip(("contract", "hours_band", "workplace", "posted", "disability_confident", "easting",
                               "northing"), values), pay_annual=None)
            changes.append((search_tags(record), facet_code(record), rowid))
        db.conn.executemany(f"UPDATE {table} SET pay_annual = NULL, tags = ?, facet_code = ? WHERE rowid = ?",
                            changes)


@migrations()
def m006_full_text_index_in_one_segment(db: sqlite_utils.Database) -> None:
    """Merge the full-text index into one segment, as a full build now leaves it (see ``index_all_vacancies``)."""
    db.execute("INSERT INTO vacancy_fts(vacancy_fts) VALUES ('optimize')")

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


_COLUMNS = (*FIELDS, "pay_annual", "hours_band", "tags", "facet_code")
#: Every stored column of a vacancy: the feed's fields plus those ``check_vacancy`` works out.
VACANCY_COLUMNS = _COLUMNS
_UPSERT = (f"INSERT INTO vacancies ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)}) "
           f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _COLUMNS if c != 'id')} "
           "WHERE excluded.version > vacancies.version")


#: The staged copy of each column, declared without a type so SQLite keeps each value exactly as given (a declared
#: type would turn an occupation code "0123" into the number 123); any may be empty, as a delete has only its id.
_STAGED_COLUMNS = tuple(name for name in _COLUMNS if name != "id")


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
    names = ", ".join(_COLUMNS)
    if cache_is_empty(db):
        # Nothing to update or remove: insert the upserts (staged once per id) and index them in one go.
        with indexing_afterwards(db):
            changed = db.execute(f"INSERT INTO vacancies ({names}) SELECT {names} FROM sync_staging "
                                 "WHERE op = 'upsert'").rowcount
        return changed, 0
    newer = "excluded.version != vacancies.version" if full else "excluded.version > vacancies.version"
    changed = db.execute(
        f"INSERT INTO vacancies ({names}) SELECT {names} FROM sync_staging WHERE op = 'upsert' "
        f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _COLUMNS if c != 'id')} "
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
    """``refresh_titles`` without a transaction of its own, for use inside a caller's transaction.

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

"""The vacancy cache's schema, as named run-once migrations (``kiosk.jobs.cache.open_cache`` applies them).

Each migration runs once in a cache's life, in order; a released one is never changed, only followed by another.
The snapshot a new kiosk downloads lists the migrations it has had (``sync.snapshot``).
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from kiosk.jobs.vacancies import FIELDS, facet_code, search_tags

#: Every stored column of a vacancy: the feed's fields plus those ``check_vacancy`` works out.
VACANCY_COLUMNS = (*FIELDS, "pay_annual", "hours_band", "tags", "facet_code")

#: The staged copy of each column, declared without a type so SQLite keeps each value exactly as given (a declared
#: type would turn an occupation code "0123" into the number 123); any may be empty, as a delete has only its id.
STAGED_COLUMNS = tuple(name for name in VACANCY_COLUMNS if name != "id")
#: The full-text index's tokenizer: English stems (porter), any case, accents ignored.
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
    columns = ", ".join(STAGED_COLUMNS)
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


@migrations()
def m007_content_token(db: sqlite_utils.Database) -> None:
    """A token that changes whenever the vacancies or the title suggestions change, and only then.

    Searches keep their counts and speller until the cache changes. ``PRAGMA data_version`` says only that some
    other connection committed something, and a sync commits every page it stages: searches during a delta made
    their counts again (about 250 ms at 300,000 vacancies) after each page, not only after the one transaction that
    changes the vacancies. A random token, not a counter, so a snapshot copied over the cache (SQLite's backup)
    never brings back the same value by chance of counting.
    """
    db.execute("CREATE TABLE content_token (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL)")
    db.execute("INSERT INTO content_token VALUES (1, random())")
    # The facet array made by the last writer, for that token and day (kiosk.jobs.facet_array).
    db.execute("CREATE TABLE facet_array (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL, "
               "day TEXT NOT NULL, combos BLOB NOT NULL)")
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER vacancies_token_{event.lower()} AFTER {event} ON vacancies BEGIN "
                   "UPDATE content_token SET token = random(); END")

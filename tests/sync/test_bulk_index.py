"""Filling an EMPTY cache in one go: a first sync staged straight into ``sync_fill`` and swapped in
(``kiosk.jobs.cache_fill``), and staged changes inserted without the per-row triggers
(``kiosk.jobs.cache.indexing_afterwards``).
Both must index exactly as row by row, keep every trigger and index, and do it all in one transaction; and a full
resync's staging space is given back (``reclaim_free_space``)."""

import datetime as dt
import sqlite3

import pytest

from kiosk.jobs.cache import (VACANCY_COLUMNS, apply_staged, open_cache, rebuild_titles, reclaim_free_space,
                              remove_closed_vacancies, store_vacancies)
from sync.staging import apply_staging, read_state, stage_changes, start_staging, write_transaction
from tests.sync.records import delete, upsert, vacancy

SCHEMA = ("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'vacancies' AND type IN ('index', 'trigger') "
          "ORDER BY name")
TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"


def staged(db, numbers, fill=True):
    """Stage a feed from cursor 0: straight into the fill (a first sync) or, with ``fill=False``, into
    ``sync_staging`` (as a delta would be)."""
    with write_transaction(db):
        start_staging(db, 0, full=fill)
        assert read_state(db).fill == fill
        stage_changes(db, [upsert(n + 1, vacancy(n)) for n in numbers])


def apply_all(db, fill):
    """Apply what ``staged`` staged: the fill swapped in, or the staging inserted with the triggers dropped."""
    return apply_staging(db) if fill else apply_staged(db, full=True)


def indexed(db):
    """What searches read: the facets and the full-text matches of each word, by vacancy id."""
    facets = db.execute("SELECT v.id, f.code, f.posted_day, f.easting, f.northing, f.pay_annual FROM vacancy_facets f "
                        "JOIN vacancies v USING (rowid) ORDER BY v.id").fetchall()
    words = {word: db.execute("SELECT v.id FROM vacancy_fts JOIN vacancies v ON v.rowid = vacancy_fts.rowid "
                              "WHERE vacancy_fts MATCH ? ORDER BY v.id", [word]).fetchall()
             for word in ("cleaner", "employer", "job", "version", "leeds", "number", "baker")}
    db.execute("INSERT INTO vacancy_fts(vacancy_fts, rank) VALUES ('integrity-check', 1)")
    return facets, words


def stored(db):
    """Every stored column of every vacancy (not the rowid, which depends on the order of writing)."""
    return db.execute(f"SELECT {', '.join(VACANCY_COLUMNS)} FROM vacancies ORDER BY id").fetchall()


def columns(db):
    return db.execute("SELECT name, type, \"notnull\", pk FROM pragma_table_info('vacancies')").fetchall()


@pytest.mark.parametrize("fill", [True, False], ids=["first-sync-fill", "staged-insert"])
def test_an_empty_cache_is_indexed_exactly_as_row_by_row_and_later_writes_too(tmp_path, fill):
    bulk = open_cache(tmp_path / "bulk.db")
    fresh_columns, fresh_schema = columns(bulk), bulk.execute(SCHEMA).fetchall()
    fresh_triggers = bulk.execute(TRIGGERS).fetchall()
    staged(bulk, range(300), fill)
    with write_transaction(bulk):
        assert apply_all(bulk, fill) == (300, 0)
    by_row = open_cache(tmp_path / "rows.db")
    store_vacancies(by_row, [vacancy(299)])  # not empty: every later row goes through the triggers
    staged(by_row, range(299), fill=False)
    with write_transaction(by_row):
        apply_staged(by_row, full=False)
    assert indexed(bulk) == indexed(by_row)
    assert stored(bulk) == stored(by_row)
    assert ("0123", str) in {(row[-5], type(row[-5])) for row in stored(bulk)}  # occupation code kept as text
    assert columns(bulk) == fresh_columns
    assert bulk.execute(SCHEMA).fetchall() == fresh_schema == by_row.execute(SCHEMA).fetchall()
    # The index's three, and the content token's three (cache_schema.m007), put back as they were.
    assert bulk.execute(TRIGGERS).fetchall() == fresh_triggers and len(fresh_triggers) == 6
    assert bulk.execute("SELECT name FROM sqlite_master WHERE name = 'sync_fill'").fetchall() == []
    # Later writes go through the triggers put back: a changed title, a new vacancy and a removed one.
    for db in (bulk, by_row):
        store_vacancies(db, [vacancy(5, version=2, title="Baker"), vacancy(400, title="Baker")])
        with db.conn:
            db.execute("DELETE FROM vacancies WHERE id = 'v000007'")
    assert indexed(bulk) == indexed(by_row)
    assert len(indexed(bulk)[1]["baker"]) == 2


def test_in_a_first_sync_the_later_change_to_a_vacancy_wins_and_a_tombstone_removes(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    with write_transaction(db):
        start_staging(db, 0, full=True)
        stage_changes(db, [upsert(1, vacancy(1, title="Cleaner")), upsert(2, vacancy(2)), upsert(3, vacancy(3))])
    with write_transaction(db):
        # Out of order inside the page on purpose: seq order decides, not list order.
        stage_changes(db, [delete(6, "v000003"), upsert(4, vacancy(1, version=2, title="Baker")),
                           delete(5, "v000002"), upsert(7, vacancy(2, version=3, title="Chef"))])
    with write_transaction(db):
        assert apply_staging(db) == (2, 0)
    assert db.execute("SELECT id, version, title FROM vacancies ORDER BY id").fetchall() == [
        ("v000001", 2, "Baker"), ("v000002", 3, "Chef")]
    assert indexed(db)[1]["baker"] == [("v000001",)]


@pytest.mark.parametrize("fill", [True, False], ids=["first-sync-fill", "staged-insert"])
def test_a_rolled_back_bulk_apply_leaves_the_empty_cache_its_triggers_and_what_was_staged(tmp_path, fill):
    db = open_cache(tmp_path / "vacancies.db")
    schema = db.execute(SCHEMA).fetchall()
    staged(db, range(50), fill)
    with pytest.raises(RuntimeError), write_transaction(db):
        apply_all(db, fill)
        raise RuntimeError("power cut")
    assert db.execute("SELECT count(*) FROM vacancies").fetchone()[0] == 0
    assert db.execute(SCHEMA).fetchall() == schema
    # What was staged is still there: the apply can be tried again.
    with write_transaction(db):
        assert apply_all(db, fill) == (50, 0)
    indexed(db)
    # The triggers work again: a later single write is indexed.
    store_vacancies(db, [vacancy(2, version=2, title="Baker")])
    assert db.execute("SELECT count(*) FROM vacancy_fts WHERE vacancy_fts MATCH 'baker'").fetchone()[0] == 1


def test_a_cache_emptied_again_can_be_filled_again_from_the_renamed_tables_definition(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    staged(db, range(20))
    with write_transaction(db):
        apply_staging(db)
    with db.conn:  # every vacancy closed: the cache is empty again, and the next full sync fills it
        db.execute("UPDATE vacancies SET closes = '2000-01-01', posted = '2000-01-01'")
    remove_closed_vacancies(db, dt.date.today())
    staged(db, range(30, 40))
    with write_transaction(db):
        assert apply_staging(db) == (10, 0)
    assert [row[0] for row in db.execute("SELECT id FROM vacancies ORDER BY id")] == [
        f"v{n:06d}" for n in range(30, 40)]
    indexed(db)


def test_store_vacancies_into_an_empty_cache_keeps_the_newest_version_and_indexes_it(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    stored, refused = store_vacancies(db, [vacancy(1, version=2, title="Baker"), vacancy(1, version=1),
                                           {"id": "bad"}, vacancy(2)])
    assert (stored, refused) == (3, 1)
    assert db.execute("SELECT title, version FROM vacancies WHERE id = 'v000001'").fetchone() == ("Baker", 2)
    assert db.execute("SELECT count(*) FROM vacancy_fts WHERE vacancy_fts MATCH 'baker'").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM vacancy_facets").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM titles").fetchone()[0] == 2
    indexed(db)  # integrity-check


def free_share(db):
    return db.execute("PRAGMA freelist_count").fetchone()[0] / db.execute("PRAGMA page_count").fetchone()[0]


def test_a_first_sync_leaves_almost_no_free_space(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    staged(db, range(2000))
    with write_transaction(db):
        apply_staging(db)
        rebuild_titles(db)
    assert free_share(db) < 0.05


def test_a_full_resyncs_staging_space_is_given_back(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    staged(db, range(2000), fill=False)
    with write_transaction(db):
        apply_staged(db, full=True)
        rebuild_titles(db)
        db.execute("DELETE FROM sync_staging")
    before = db.execute("PRAGMA page_count").fetchone()[0]
    assert free_share(db) > 0.25
    assert reclaim_free_space(db) > 0
    assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert db.execute("PRAGMA page_count").fetchone()[0] < before
    indexed(db)


def test_an_old_cache_without_auto_vacuum_keeps_its_free_pages(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE made_by_an_older_version (x)").connection.close()
    db = open_cache(path)
    staged(db, range(500), fill=False)
    with write_transaction(db):
        db.execute("DELETE FROM sync_staging")
    assert db.execute("PRAGMA freelist_count").fetchone()[0] > 0
    assert reclaim_free_space(db) == 0

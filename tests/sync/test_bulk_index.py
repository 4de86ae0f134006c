"""Filling an EMPTY cache without the per-row triggers (``kiosk.cache.indexing_afterwards``), and giving a full
sync's staging space back (``reclaim_free_space``): same index as row by row, all in one transaction."""

import sqlite3

import pytest

from kiosk.cache import apply_staged, open_cache, rebuild_titles, reclaim_free_space, store_vacancies
from sync.staging import stage_changes, start_staging, write_transaction
from tests.sync.records import upsert, vacancy

TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"


def staged(db, numbers):
    with write_transaction(db):
        start_staging(db, 0, True)
        stage_changes(db, [upsert(n + 1, vacancy(n)) for n in numbers])


def indexed(db):
    """What searches read: the facets and the full-text matches of each word, by vacancy id."""
    facets = db.execute("SELECT v.id, f.code, f.posted_day, f.easting, f.northing, f.pay_annual FROM vacancy_facets f "
                        "JOIN vacancies v USING (rowid) ORDER BY v.id").fetchall()
    words = {word: db.execute("SELECT v.id FROM vacancy_fts JOIN vacancies v ON v.rowid = vacancy_fts.rowid "
                              "WHERE vacancy_fts MATCH ? ORDER BY v.id", [word]).fetchall()
             for word in ("cleaner", "employer", "job", "version", "leeds", "number")}
    db.execute("INSERT INTO vacancy_fts(vacancy_fts, rank) VALUES ('integrity-check', 1)")
    return facets, words


def test_an_empty_cache_is_indexed_exactly_as_row_by_row(tmp_path):
    bulk = open_cache(tmp_path / "bulk.db")
    staged(bulk, range(300))
    with write_transaction(bulk):
        assert apply_staged(bulk, full=True) == (300, 0)
    by_row = open_cache(tmp_path / "rows.db")
    store_vacancies(by_row, [vacancy(299)])  # not empty: every later row goes through the triggers
    staged(by_row, range(299))
    with write_transaction(by_row):
        apply_staged(by_row, full=False)
    assert indexed(bulk) == indexed(by_row)
    assert bulk.execute(TRIGGERS).fetchall() == by_row.execute(TRIGGERS).fetchall()
    assert len(bulk.execute(TRIGGERS).fetchall()) == 3


def test_a_rolled_back_bulk_apply_leaves_the_empty_cache_and_its_triggers(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    triggers = db.execute(TRIGGERS).fetchall()
    staged(db, range(50))
    with pytest.raises(RuntimeError):
        with write_transaction(db):
            apply_staged(db, full=True)
            raise RuntimeError("power cut")
    assert db.execute("SELECT count(*) FROM vacancies").fetchone()[0] == 0
    assert db.execute(TRIGGERS).fetchall() == triggers
    # The triggers work again: a later single write is indexed.
    store_vacancies(db, [vacancy(1)])
    store_vacancies(db, [vacancy(2, title="Baker")])
    assert db.execute("SELECT count(*) FROM vacancy_fts WHERE vacancy_fts MATCH 'baker'").fetchone()[0] == 1


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


def test_a_full_syncs_staging_space_is_given_back_on_a_new_cache(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    staged(db, range(2000))
    with write_transaction(db):
        apply_staged(db, full=True)
        rebuild_titles(db)
        db.execute("DELETE FROM sync_staging")
    before = db.execute("PRAGMA page_count").fetchone()[0]
    assert reclaim_free_space(db) > 0
    assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert db.execute("PRAGMA page_count").fetchone()[0] < before
    indexed(db)


def test_an_old_cache_without_auto_vacuum_keeps_its_free_pages(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE made_by_an_older_version (x)").connection.close()
    db = open_cache(path)
    staged(db, range(500))
    with write_transaction(db):
        db.execute("DELETE FROM sync_staging")
    assert db.execute("PRAGMA freelist_count").fetchone()[0] > 0
    assert reclaim_free_space(db) == 0

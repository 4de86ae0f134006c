"""Staging and applying changes on a real SQLite cache (WAL), and the checksum, without a server."""

import datetime as dt
import logging

import pytest

from kiosk.jobs.cache import apply_staged, open_cache, rebuild_titles, store_vacancies, vacancy_count
from kiosk.jobs.query import JobQuery
from kiosk.jobs.search import JobSearch
from sync.checksum import cache_snapshot, records_snapshot
from sync.staging import apply_staging, read_state, set_state, stage_changes, start_staging, write_transaction
from tests.sync.records import delete, upsert, vacancy

TODAY = dt.date.today().isoformat()


@pytest.fixture
def cache(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    yield db
    db.close()


def stage(db, changes, full=False, since=0):
    with write_transaction(db):
        if read_state(db).staged_cursor is None:
            start_staging(db, since, full)
        result = stage_changes(db, changes)
    return result


def apply(db, full=False):
    with write_transaction(db):
        result = apply_staged(db, full=full)
        rebuild_titles(db)
        db.execute("DELETE FROM sync_staging")
    return result


def test_staged_changes_are_invisible_until_applied(cache):
    stage(cache, [upsert(1, vacancy(1)), upsert(2, vacancy(2))])
    assert vacancy_count(cache) == 0
    assert apply(cache) == (2, 0)
    assert vacancy_count(cache) == 2


def test_a_later_change_to_a_vacancy_replaces_the_staged_one_and_an_earlier_one_does_not(cache):
    stage(cache, [upsert(5, vacancy(1, version=2, title="Baker"))])
    stage(cache, [upsert(3, vacancy(1, version=1, title="Cleaner"))])  # out of order: older seq
    stage(cache, [upsert(5, vacancy(1, version=2, title="Baker"))])  # the same page again
    apply(cache)
    assert cache.execute("SELECT title, version FROM vacancies").fetchall() == [("Baker", 2)]


def test_replaying_an_older_version_after_applying_changes_nothing(cache):
    stage(cache, [upsert(1, vacancy(1, version=3, title="Baker"))])
    apply(cache)
    stage(cache, [upsert(1, vacancy(1, version=2, title="Cleaner"))])
    apply(cache)
    assert cache.execute("SELECT title, version FROM vacancies").fetchall() == [("Baker", 3)]


def test_a_tombstone_removes_the_vacancy_and_an_unknown_id_is_ignored(cache):
    stage(cache, [upsert(1, vacancy(1)), upsert(2, vacancy(2))])
    apply(cache)
    stage(cache, [delete(3, "v000001"), delete(4, "never-seen")])
    assert apply(cache) == (0, 1)
    assert [r[0] for r in cache.execute("SELECT id FROM vacancies")] == ["v000002"]


def test_a_full_resync_sweeps_vacancies_not_in_the_feed_and_takes_the_servers_version(cache):
    store_vacancies(cache, [vacancy(1, version=9), vacancy(2), vacancy(3)])
    stage(cache, [upsert(10, vacancy(1, version=4)), upsert(11, vacancy(3))], full=True)
    apply(cache, full=True)
    assert cache.execute("SELECT id, version FROM vacancies ORDER BY id").fetchall() == [("v000001", 4),
                                                                                         ("v000003", 1)]


def test_bad_records_are_refused_with_their_id_logged_and_the_rest_staged(cache, caplog):
    bad = vacancy(2)
    bad["closes"] = "soon"
    changes = [upsert(1, vacancy(1)), upsert(2, bad), {"seq": 3, "op": "rename", "id": "v3"}, "junk",
               upsert(4, vacancy(4))]
    with caplog.at_level(logging.WARNING, logger="sync.staging"):
        assert stage(cache, changes) == (2, 3)
    assert "refused change v000002: closes must be a date" in caplog.text
    assert "Job number 2" not in caplog.text  # never the record's text
    apply(cache)
    assert vacancy_count(cache) == 2


def test_staged_text_keeps_its_exact_value(cache):
    stage(cache, [upsert(1, vacancy(1))])
    apply(cache)
    assert cache.execute("SELECT occupation_code FROM vacancies").fetchone()[0] == "0123"


def test_title_suggestions_follow_the_applied_vacancies(cache):
    stage(cache, [upsert(1, vacancy(1, title="Lighthouse keeper"))])
    apply(cache)
    assert JobSearch(cache).suggest("lig") == ["Lighthouse keeper"]


def test_checksum_matches_the_protocols_definition(cache):
    records = [vacancy(n, version=n % 3 + 1) for n in range(1, 50)]
    # Closed the day before TODAY (the day the snapshot is for, fixed when the module loaded: a run that goes past
    # midnight must not make "yesterday" the same day as TODAY).
    records.append(vacancy(99, closes=dt.date.fromisoformat(TODAY) - dt.timedelta(days=1)))  # closed: not counted
    store_vacancies(cache, records)
    count, checksum = cache_snapshot(cache, TODAY)
    assert (count, checksum) == records_snapshot(records, TODAY)
    assert count == 49


def test_state_is_stored_with_the_data_it_describes(cache):
    with pytest.raises(RuntimeError), write_transaction(cache):
        stage_changes(cache, [upsert(1, vacancy(1))])
        set_state(cache, staged_cursor=1)
        raise RuntimeError("crash")
    assert read_state(cache).staged_cursor is None
    assert cache.execute("SELECT count(*) FROM sync_staging").fetchone()[0] == 0


def test_a_search_during_an_apply_sees_the_old_cache_then_the_new_one(tmp_path):
    path = tmp_path / "vacancies.db"
    writer = open_cache(path)
    store_vacancies(writer, [vacancy(n, title="Cleaner") for n in range(200)])
    stage(writer, [upsert(1000 + n, vacancy(n, version=2, title="Chef")) for n in range(200)])
    reader = JobSearch(open_cache(path))  # another connection, as the app's searches are
    reader.search(JobQuery())  # the day's removal of closed vacancies (a write) is done before the sync
    writer.execute("BEGIN IMMEDIATE")
    apply_staged(writer, full=False)
    rebuild_titles(writer)
    during = reader.search(JobQuery(text="cleaner")).total, reader.search(JobQuery(text="chef")).total
    writer.conn.commit()
    after = reader.search(JobQuery(text="cleaner")).total, reader.search(JobQuery(text="chef")).total
    assert during == (200, 0)
    assert after == (0, 200)


def test_a_search_during_a_first_syncs_apply_sees_no_vacancies_then_all_of_them(tmp_path):
    path = tmp_path / "vacancies.db"
    writer = open_cache(path)
    reader = JobSearch(open_cache(path))
    assert reader.search(JobQuery(text="chef")).total == 0
    stage(writer, [upsert(n + 1, vacancy(n, title="Chef")) for n in range(200)], full=True)
    assert read_state(writer).fill  # staged straight into the table that becomes the vacancies
    assert reader.search(JobQuery(text="chef")).total == 0
    writer.execute("BEGIN IMMEDIATE")
    apply_staging(writer)
    rebuild_titles(writer)
    during = reader.search(JobQuery(text="chef")).total, reader.search(JobQuery()).total
    writer.conn.commit()
    after = reader.search(JobQuery(text="chef")).total, reader.search(JobQuery()).total
    assert during == (0, 0)
    assert after == (200, 200)

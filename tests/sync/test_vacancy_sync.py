"""Vacancy sync over real HTTP against the real central service: deltas, deletions, resyncs, verification."""

import datetime as dt

import pytest

from kiosk.jobs.cache import store_vacancies
from sync.checksum import cache_snapshot
from sync.client import BadData
from sync.staging import read_state
from sync.vacancy_sync import VacancySync, last_synced_at
from tests.sync.records import vacancy

TODAY = dt.date.today().isoformat()


def ids(db):
    return [row[0] for row in db.execute("SELECT id FROM vacancies ORDER BY id")]


def test_first_sync_fetches_every_page_and_matches_the_server(central, kiosk):
    central.ingest([vacancy(n) for n in range(25)])
    db = kiosk.cache()
    report = VacancySync(db, kiosk.client(), page_size=10).run()
    assert (report.pages, report.changes, report.full, report.verified) == (3, 25, True, True)
    assert len(ids(db)) == 25
    assert last_synced_at(db) == report.last_synced_at


def test_a_delta_brings_changes_and_deletions(central, kiosk):
    central.ingest([vacancy(n) for n in range(10)])
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()
    central.ingest([vacancy(n, title="Baker") for n in range(1, 10)] + [vacancy(50)], full=True)  # 0 withdrawn
    report = VacancySync(db, kiosk.client()).run()
    assert not report.full and report.verified
    assert report.changes == 11  # 9 changed, 1 new, 1 tombstone
    assert ids(db) == [f"v{n:06d}" for n in range(1, 10)] + ["v000050"]
    assert db.execute("SELECT DISTINCT title FROM vacancies WHERE id != 'v000050'").fetchall() == [("Baker",)]


def test_nothing_new_is_one_empty_page_and_still_verified(central, kiosk):
    central.ingest([vacancy(n) for n in range(5)])
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()
    report = VacancySync(db, kiosk.client()).run()
    assert (report.pages, report.changes, report.verified) == (1, 0, True)


def test_a_cache_that_drifted_from_the_server_is_put_right_by_a_full_resync(central, kiosk):
    central.ingest([vacancy(n) for n in range(10)])
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()
    with db.conn:  # something outside the sync damaged the cache
        db.execute("DELETE FROM vacancies WHERE id = 'v000003'")
        db.execute("UPDATE vacancies SET version = 7 WHERE id = 'v000004'")
    report = VacancySync(db, kiosk.client()).run()
    assert report.full and report.verified
    assert len(ids(db)) == 10


def test_a_forgotten_cursor_means_a_full_resync_that_removes_what_the_server_no_longer_has(central, kiosk):
    central.ingest([vacancy(n) for n in range(10)])
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()
    with db.conn:  # a kiosk that was off for months: its cursor is far behind, and it holds a stray vacancy
        db.execute("UPDATE sync_state SET value = '99999' WHERE key = 'applied_cursor'")
        db.execute("INSERT INTO vacancies SELECT NULL, 'stray', version, title, employer, description, town, "
                   "postcode_district, easting, northing, salary_min, salary_max, salary_period, pay_annual, "
                   "working_pattern, hours_per_week, hours_band, contract, workplace, posted, closes, "
                   "disability_confident, apply_url, apply_phone, apply_email, occupation_code, tags, facet_code "
                   "FROM vacancies LIMIT 1")
    report = VacancySync(db, kiosk.client()).run()
    assert report.full and report.verified
    assert "stray" not in ids(db) and len(ids(db)) == 10


@pytest.mark.parametrize("fault", ["duplicate", "out_of_order"])
def test_a_repeated_or_out_of_order_page_is_refused_and_the_next_run_completes(central, proxy, kiosk, fault):
    central.ingest([vacancy(n) for n in range(30)])
    db = kiosk.cache()
    proxy.inject("pass", fault)  # page 1 passes; page 2 is answered with page 1's reply
    with pytest.raises(BadData, match="out of order or repeated"):
        VacancySync(db, kiosk.client(), page_size=10).run()
    assert ids(db) == []  # nothing applied
    report = VacancySync(db, kiosk.client(), page_size=10).run()
    assert report.verified and len(ids(db)) == 30


def test_checksum_after_sync_equals_the_servers_snapshot(central, kiosk):
    central.ingest([vacancy(n, title=f"Title {n}") for n in range(40)])
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()
    page = kiosk.client().get_json("/v1/vacancies/changes", params={"since": 0, "limit": 5000})
    assert cache_snapshot(db, TODAY) == (page["snapshot"]["count"], page["snapshot"]["checksum"])


def test_a_cache_filled_by_something_else_during_its_first_sync_is_staged_again_and_matches(central, kiosk, caplog):
    central.ingest([vacancy(n) for n in range(30)])
    db = kiosk.cache()

    def meanwhile(stage, report):
        if stage == "page" and report.pages == 1:  # e.g. `kiosk demo-data` run by hand while the kiosk syncs
            store_vacancies(kiosk.cache(), [vacancy(900, title="Stray")])

    report = VacancySync(db, kiosk.client(), page_size=10, progress=meanwhile).run()
    assert report.full and report.verified
    assert ids(db) == [f"v{n:06d}" for n in range(30)]
    assert "filled during its first sync" in caplog.text
    assert not read_state(db).fill


def test_every_sync_removes_closed_vacancies_even_with_nothing_new(central, kiosk):
    # Searches never write, so the sync (and the kiosk's start-up) must remove what has closed.
    central.ingest([vacancy(n) for n in range(5)])
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    with db.conn:  # one that closed yesterday, e.g. withdrawn from the feed while this kiosk was off
        db.execute("INSERT INTO vacancies SELECT NULL, 'closed', version, title, employer, description, town, "
                   "postcode_district, easting, northing, salary_min, salary_max, salary_period, pay_annual, "
                   "working_pattern, hours_per_week, hours_band, contract, workplace, posted, ?, "
                   "disability_confident, apply_url, apply_phone, apply_email, occupation_code, tags, facet_code "
                   "FROM vacancies LIMIT 1", [yesterday.isoformat()])
    report = VacancySync(db, kiosk.client()).run()
    assert (report.changes, report.removed, report.verified) == (0, 1, True)
    assert "closed" not in ids(db) and len(ids(db)) == 5

"""The vacancy sync against a hostile central service (tests/sync/hostile_server.py): whatever it sends, the cache
ends exactly as it was or exactly as the service's new data, memory stays bounded, and every run ends.

Each run is given limits small enough for a test (``LIMITS``, a 3 s deadline per request), and the server stops
any answer it streams or drips by itself, so a client without limits fails these tests rather than hanging them.
Memory is what Python allocates during the run (``tracemalloc``'s peak above its start), the server's own threads
included, so it overstates the kiosk's share.
"""

import datetime as dt
import email.utils
import time
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.jobs.cache import open_cache
from kiosk.jobs.vacancies import check_vacancy
from sync.client import (MAX_BYTES, MAX_VALUES, MOST_RETRY_AFTER_S, Busy, CentralClient, ServerError, SyncFailed,
                         retry_after_seconds)
from sync.pages import SyncLimits
from sync.staging import read_state
from sync.vacancy_sync import VacancySync
from tests.sync.hostile_server import MODES, HostileServer
from tests.sync.records import vacancy

MEMORY_LIMIT = 100 * 1024 * 1024
LIMITS = SyncLimits(max_pages=40, max_changes=5000, deadline_s=30.0)
OLD = [vacancy(n) for n in range(30)]
# 10 unchanged, 10 changed, 10 withdrawn, 10 new.
NEW = OLD[:10] + [vacancy(n, version=2, title="Baker") for n in range(10, 20)] + [vacancy(n) for n in range(40, 50)]

#: mode -> what the sync must end with: "new" (the new data, verified), or the failure it raises with the cache
#: exactly as it was.
OUTCOMES = {
    "ok": "new", "unknown_vacancy": "new", "emoji_padding": "new", "many_values": "new",
    "truncated_json": "BadData", "wrong_checksum": "Mismatch", "wrong_count": "Mismatch",
    "error500_mid": "ServerError", "endless_pages": "Refused", "huge_page": "TooLarge", "huge_declared": "TooLarge",
    "gzip_bomb": "TooLarge", "drip_body": "Offline", "drip_headers": "Offline", "missing_seq": "BadData",
    "repeated_seq": "BadData", "reordered": "BadData", "stale_page": "BadData", "stuck_cursor": "BadData",
    "more_than_asked": "BadData", "all_refused": "Refused", "some_refused": "Mismatch", "captive_portal": "BadData",
    "redirect": "ServerError", "wrong_content_type": "BadData", "deep_nesting": "BadData", "value_bomb": "TooLarge",
    "nan": "BadData", "resync_wrong_count": "Mismatch", "busy_mid": "Busy", "busy_for_ever": "Busy",
    "busy_date": "Busy", "busy_garbage": "ServerError",
}


def rows(db):
    """Everything the kiosk shows of its vacancies (not the rowids the apply may renumber)."""
    return db.execute("SELECT id, version, title, employer, description, closes FROM vacancies ORDER BY id").fetchall()


def expected_rows(records):
    checked = sorted((check_vacancy(r) for r in records), key=lambda r: r["id"])
    return [(r["id"], r["version"], r["title"], r["employer"], r["description"], r["closes"]) for r in checked]


@pytest.fixture
def server():
    hostile = HostileServer()
    yield hostile
    hostile.close()


def client(server, **kwargs):
    return CentralClient(server.url, credential="hostile", timeout=2.0, deadline=3.0, **kwargs)


def synced_cache(tmp_path, server):
    """A cache holding OLD, synced from the server while it behaved."""
    server.publish(OLD)
    db = open_cache(tmp_path / "vacancies.db")
    assert VacancySync(db, client(server), page_size=10).run().verified
    assert rows(db) == expected_rows(OLD)
    return db


def hostile_run(db, server, mode, **kwargs):
    """Publish NEW, switch the server to ``mode`` and sync: (outcome, peak bytes, seconds)."""
    server.publish(NEW)
    server.mode = mode
    # As much as the kiosk accepts, less room for the page's own bytes and values (about 7 KB, 700). "{}," counts
    # twice (a brace and a comma could each start a value).
    server.prepare_padding(MAX_BYTES - 20_000 if mode == "emoji_padding" else MAX_VALUES // 2 - 2_000)
    tracemalloc.start()
    started = time.monotonic()
    try:
        VacancySync(db, client(server, **kwargs), page_size=10, limits=LIMITS).run()
        outcome = "new"
    except SyncFailed as error:
        outcome = type(error).__name__
        assert str(error) and "Traceback" not in str(error)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return outcome, peak, time.monotonic() - started


@pytest.mark.parametrize("mode, least, most", [("busy_mid", 45, 45), ("busy_for_ever", 3600, 3600),
                                                ("busy_date", 100, 120), ("busy_garbage", None, None)])
def test_a_busy_service_says_when_to_come_back_within_an_hour(tmp_path, server, mode, least, most):
    # The kiosk obeys a Retry-After (sync.background waits at least that long), but never more than an hour, and
    # one it cannot read is an ordinary server error (its own backoff applies).
    db = synced_cache(tmp_path, server)
    server.publish(NEW)
    server.mode = mode
    with pytest.raises(SyncFailed) as failure:
        VacancySync(db, client(server), page_size=10, limits=LIMITS).run()
    assert failure.value.status in (429, 503) and failure.value.code == "busy"
    if least is None:
        assert type(failure.value) is ServerError and failure.value.retry_after is None
    else:
        assert type(failure.value) is Busy and least <= failure.value.retry_after <= most
        assert f"{failure.value.retry_after:.0f} seconds" in str(failure.value)
    assert rows(db) == expected_rows(OLD)


@given(st.one_of(st.text(max_size=200), st.integers(-10**30, 10**30).map(str),
                 st.datetimes(timezones=st.just(dt.UTC)).map(lambda moment: email.utils.format_datetime(
                     moment, usegmt=True))))
def test_any_retry_after_is_read_as_one_second_to_an_hour_or_not_at_all(value):
    seconds = retry_after_seconds(value)
    assert seconds is None or 1 <= seconds <= MOST_RETRY_AFTER_S


def test_the_fixture_has_at_least_fifteen_hostile_modes():
    assert len(MODES) >= 15 and set(OUTCOMES) == set(MODES)


@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_hostile_service_leaves_the_cache_as_it_was_or_exactly_new(tmp_path, server, mode):
    db = synced_cache(tmp_path, server)
    outcome, peak, seconds = hostile_run(db, server, mode)
    print(f"{mode}: {outcome}, peak {peak / 2**20:.1f} MiB, {seconds:.1f} s, {server.mode_requests} requests")
    assert outcome == OUTCOMES[mode]
    assert rows(db) == expected_rows(NEW if outcome == "new" else OLD)
    assert peak < MEMORY_LIMIT
    # Every run asked for a bounded number of pages (no loop on the same page).
    assert server.mode_requests <= LIMITS.max_pages + 8


@pytest.mark.parametrize("mode", ["all_refused", "endless_pages", "some_refused", "resync_wrong_count"])
def test_after_a_refused_sync_the_service_mended_brings_the_new_data(tmp_path, server, mode):
    # Nothing the refused run staged lingers: the next run, against a mended service, ends exactly at NEW.
    db = synced_cache(tmp_path, server)
    hostile_run(db, server, mode)
    assert read_state(db).staged_cursor is None
    server.mode = "ok"
    assert VacancySync(db, client(server), page_size=10, limits=LIMITS).run().verified
    assert rows(db) == expected_rows(NEW)


def test_a_first_sync_from_a_hostile_service_leaves_the_cache_empty(tmp_path, server):
    server.publish(NEW)
    server.mode = "all_refused"
    db = open_cache(tmp_path / "vacancies.db")
    with pytest.raises(SyncFailed, match="refused every one"):
        VacancySync(db, client(server), page_size=10, limits=LIMITS).run()
    assert rows(db) == []


def test_a_page_too_large_for_the_kiosk_is_asked_for_again_in_smaller_pages(tmp_path, server):
    # A real feed with long adverts: 10 of them are more than the 6,000 bytes this client accepts, 2 are not.
    long = [{**vacancy(n), "description": f"Advert {n}. " + "Long words about the job. " * 40} for n in range(30)]
    server.publish(long)
    db = open_cache(tmp_path / "vacancies.db")
    limits = SyncLimits(min_page_size=2)
    report = VacancySync(db, client(server, max_bytes=6000), page_size=10, limits=limits).run()
    assert report.verified and rows(db) == expected_rows(long)

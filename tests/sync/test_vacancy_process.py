"""The vacancy sync in a process of its own (sync/vacancy_process.py): its report or its error comes back across
the process boundary, stopping the app stops it, and anything it prints is read or refused plainly."""

import threading
import time

from hypothesis import given
from hypothesis import strategies as st

from kiosk.jobs.cache import vacancy_count
from sync.client import BadData, Offline, SyncFailed, Unauthorised
from sync.central.enrolment import revoke_kiosk
from sync.vacancy_process import ERRORS, read_report, report_line, sync_in_child
from sync.vacancy_sync import SyncReport
from tests.sync.records import vacancy


def test_a_sync_in_a_child_fills_the_cache_and_reports_what_it_did(central, kiosk):
    central.ingest([vacancy(n) for n in range(12)])
    report = sync_in_child(kiosk.cache_path, kiosk.credential_path, 10.0)
    assert (report.vacancies, report.verified) == (12, True) and report.last_synced_at
    db = kiosk.cache()
    assert vacancy_count(db) == 12  # in the file the app's own connection reads
    db.close()


def test_the_childs_error_comes_back_as_the_same_kind(central, proxy, kiosk):
    proxy.down()
    try:
        sync_in_child(kiosk.cache_path, kiosk.credential_path, 5.0)
        raise AssertionError("no error came back")
    except Offline as error:
        assert error.message_key == "sync.offline"
    proxy.up()
    # The service no longer knows this kiosk.
    revoke_kiosk(central.storage, kiosk.credential.kiosk_id, central.now())
    try:
        sync_in_child(kiosk.cache_path, kiosk.credential_path, 5.0)
        raise AssertionError("no error came back")
    except Unauthorised as error:
        assert error.message_key == "sync.unauthorised"


def test_stopping_the_app_stops_the_child_and_the_cache_stays_as_it_was(central, proxy, kiosk):
    central.ingest([vacancy(n) for n in range(5)])
    sync_in_child(kiosk.cache_path, kiosk.credential_path, 10.0)
    central.ingest([vacancy(n) for n in range(9)])
    proxy.slow_s = 60.0
    proxy.inject("slow", "slow", "slow", "slow")
    stopping = threading.Event()
    threading.Timer(1.0, stopping.set).start()
    started = time.monotonic()
    try:
        sync_in_child(kiosk.cache_path, kiosk.credential_path, 120.0, stopping)
        raise AssertionError("the sync finished though the service was stalled")
    except SyncFailed as error:
        assert "stopped" in str(error)
    assert time.monotonic() - started < 30  # a guard against hanging: a stall of 60 s per request was cut short
    db = kiosk.cache()
    assert vacancy_count(db) == 5
    db.close()


def test_a_report_and_each_error_survive_the_line_between_the_processes():
    report = SyncReport(pages=3, changes=40, applied=38, removed=2, verified=True, vacancies=100, cursor=7,
                        last_synced_at="2026-12-05T10:00:00Z")
    assert read_report(report_line(report), 0) == report
    for name, kind in ERRORS.items():
        try:
            read_report("some log\n" + report_line(error=kind("It went wrong.", 503, "busy", 45.0)), 1)
        except SyncFailed as error:
            assert type(error) is kind and (str(error), error.status, error.code, error.retry_after) == \
                ("It went wrong.", 503, "busy", 45.0)
        else:
            raise AssertionError(name)


@given(st.text(max_size=400), st.integers(-9, 255))
def test_anything_a_child_prints_is_a_report_or_a_plain_sync_error(stdout, returncode):
    try:
        assert isinstance(read_report(stdout, returncode), SyncReport)
    except SyncFailed as error:
        assert str(error)


def test_bad_data_from_the_service_is_reported_as_bad_data_by_the_child(central, proxy, kiosk):
    central.ingest([vacancy(n) for n in range(3)])
    proxy.inject(*["corrupt_json"] * 8)
    try:
        sync_in_child(kiosk.cache_path, kiosk.credential_path, 5.0)
    except BadData as error:
        assert error.message_key.startswith("sync.")
    else:
        raise AssertionError("corrupt JSON was taken")

"""The background worker: syncs on its own, reports offline and recovery, never blocks the caller."""

import time

from sync.background import SyncWorker, backoff_seconds
from sync.usage import UsageCounter
from tests.sync.records import vacancy


def wait_for(condition, seconds=30.0):
    """Poll ``condition`` until true; the deadline is a guard against hanging, not a timing assertion."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def make_worker(kiosk, statuses, **kwargs):
    usage = UsageCounter(kiosk.data_dir / "usage.db")
    # Offline here means a refused connection, which fails at once: the timeout only has to let a busy machine answer.
    return SyncWorker(kiosk.cache_path, kiosk.data_dir, kiosk.credential_path, usage, on_status=statuses.append,
                      sync_every_s=3600, timeout_s=10.0, **kwargs), usage


def test_the_worker_syncs_goes_offline_and_recovers(central, proxy, kiosk):
    central.ingest([vacancy(n) for n in range(10)])
    statuses = []
    worker, _usage = make_worker(kiosk, statuses)
    worker.start()
    try:
        assert wait_for(lambda: worker.status.state == "ok")
        assert worker.status.vacancies == 10 and worker.status.updated_at()
        proxy.down()
        central.ingest([vacancy(n) for n in range(15)])
        worker.sync_now()
        assert wait_for(lambda: worker.status.error_key == "sync.offline")
        assert worker.status.state == "failed" and worker.status.vacancies == 10
        assert worker.status.next_attempt_at is not None
        proxy.up()
        worker.sync_now()
        assert wait_for(lambda: worker.status.state == "ok" and worker.status.vacancies == 15)
        assert worker.status.error_key is None
    finally:
        worker.stop()
    assert not worker.is_alive()
    assert {"syncing", "ok", "failed"} <= {s.state for s in statuses}  # every change reached the callback


def test_stop_keeps_this_hours_counts_in_the_outbox(central, kiosk):
    statuses = []
    worker, usage = make_worker(kiosk, statuses)
    worker.start()
    usage.count("search", 2)
    worker.stop()
    assert [b["counts"][0]["n"] for b in usage.batches()] == [2]


def test_a_busy_service_is_asked_again_no_sooner_than_it_said(central, proxy, kiosk):
    # Its own backoff after one failure would be 15 to 30 s; the service's Retry-After (600 s) wins.
    central.ingest([vacancy(n) for n in range(3)])
    statuses = []
    worker, _usage = make_worker(kiosk, statuses)
    worker.start()
    try:
        assert wait_for(lambda: worker.status.state == "ok")
        # For the sync only: the first heartbeat goes out just after the first sync, and would take it instead.
        proxy.inject("busy", path="/v1/vacancies")
        asked_at = time.time()
        worker.sync_now()
        assert wait_for(lambda: worker.status.state == "failed")
        assert worker.status.error_key == "sync.server_error" and "busy" in worker.status.error
        assert worker.status.next_attempt_at >= asked_at + 600
    finally:
        worker.stop()


def test_a_kiosk_not_enrolled_says_so(tmp_path, central, proxy, kiosk):
    kiosk.credential_path.unlink()
    statuses = []
    worker, _ = make_worker(kiosk, statuses)
    worker.start()
    try:
        assert wait_for(lambda: worker.status.state == "not_enrolled")
        assert worker.status.error_key == "sync.not_enrolled"
    finally:
        worker.stop()


def test_backoff_doubles_up_to_the_ceiling_with_jitter():
    assert [backoff_seconds(n, 600, rng=lambda: 1.0) for n in range(1, 7)] == [30, 60, 120, 240, 480, 600]
    assert backoff_seconds(2, 600, rng=lambda: 0.0) == 30

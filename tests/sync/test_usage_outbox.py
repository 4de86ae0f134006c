"""Usage counts in memory and in the outbox file, before anything is sent."""

import datetime as dt
import json
import sqlite3

import pytest

from sync.usage import EVENTS, UnknownEvent, UsageCounter


class HourClock:
    """An aware UTC clock the test moves on."""

    def __init__(self):
        self.now = dt.datetime(2026, 11, 22, 10, 15, tzinfo=dt.UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return HourClock()


def test_only_the_protocols_events_can_be_counted(tmp_path, clock):
    counter = UsageCounter(tmp_path / "outbox.db", now=clock)
    for bad in ("searched for nurse jobs in LS1", "SEARCH", "", "search "):
        with pytest.raises(UnknownEvent):
            counter.count(bad)
    with pytest.raises(UnknownEvent):
        counter.count("search", n=0)
    counter.count("search")
    assert counter.pending() == {("2026-11-22T10:00Z", "search"): 1}


def test_flush_moves_only_finished_hours_into_one_batch(tmp_path, clock):
    counter = UsageCounter(tmp_path / "outbox.db", now=clock)
    counter.count("search", 2)
    counter.count("job_viewed")
    clock.now += dt.timedelta(hours=1)
    counter.count("search")
    batch_id = counter.flush()
    assert counter.batches() == [{"batch_id": batch_id, "counts": [
        {"hour": "2026-11-22T10:00Z", "event": "job_viewed", "n": 1},
        {"hour": "2026-11-22T10:00Z", "event": "search", "n": 2}]}]
    assert counter.pending() == {("2026-11-22T11:00Z", "search"): 1}
    assert counter.flush() is None  # nothing finished since


def test_at_shutdown_the_current_hour_is_kept_as_its_own_batch(tmp_path, clock):
    counter = UsageCounter(tmp_path / "outbox.db", now=clock)
    counter.count("session_started")
    counter.flush(include_current=True)
    reopened = UsageCounter(tmp_path / "outbox.db", now=clock)  # the next start of the app
    assert [b["counts"] for b in reopened.batches()] == [[{"hour": "2026-11-22T10:00Z", "event": "session_started",
                                                           "n": 1}]]
    assert counter.pending() == {}


def test_the_outbox_holds_counts_only(tmp_path, clock):
    counter = UsageCounter(tmp_path / "outbox.db", now=clock)
    for event in sorted(EVENTS):
        counter.count(event)
    counter.flush(include_current=True)
    db = sqlite3.connect(tmp_path / "outbox.db")
    assert [r[1] for r in db.execute("PRAGMA table_info(outbox)")] == ["batch_id", "made_at", "counts"]
    (counts,) = db.execute("SELECT counts FROM outbox").fetchone()
    assert {tuple(sorted(item)) for item in json.loads(counts)} == {("event", "hour", "n")}


def test_hours_are_utc_on_the_hour(tmp_path, clock):
    clock.now = dt.datetime(2026, 6, 1, 0, 59, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # 23:59 UTC
    counter = UsageCounter(tmp_path / "outbox.db", now=clock)
    counter.count("search")
    assert list(counter.pending()) == [("2026-05-31T23:00Z", "search")]

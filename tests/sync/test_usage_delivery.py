"""Usage counts reach the real service exactly once, through hundreds of injected faults."""

import collections
import datetime as dt
import random

from sync.client import SyncFailed
from sync.usage import EVENTS, UsageCounter
from tests.sync.fault_proxy import FAULTS
from tests.sync.test_usage_outbox import HourClock

TIMEOUT_S = 0.25


def test_a_sent_batch_leaves_the_outbox_and_is_counted(central, kiosk):
    clock = HourClock()
    counter = UsageCounter(kiosk.data_dir / "usage.db", now=clock)
    counter.count("search", 3)
    counter.flush(include_current=True)
    assert counter.send(kiosk.client(), kiosk.credential.kiosk_id) == 1
    assert counter.batches() == []
    assert central.usage_totals(kiosk.credential.kiosk_id) == {("2026-11-22T10:00Z", "search"): 3}


def test_no_count_is_lost_or_doubled_across_200_faults(central, proxy, kiosk):
    rng = random.Random(20261122)
    clock = HourClock()
    proxy.slow_s = TIMEOUT_S * 1.5
    path = kiosk.data_dir / "usage.db"
    counter = UsageCounter(path, now=clock)
    counted = collections.Counter()
    faults = [f for f in FAULTS if f != "pass"] + ["down"]
    # Count the faults that met a request: on a busy machine an answer can miss the short timeout before the fault
    # is reached, so a fixed number of rounds would exercise fewer faults.
    met = 0
    while met < 200:
        for _ in range(rng.randrange(1, 4)):
            event, n = rng.choice(sorted(EVENTS)), rng.randrange(1, 5)
            counter.count(event, n)
            counted[(clock.now.strftime("%Y-%m-%dT%H:00Z"), event)] += n
        if rng.random() < 0.3:
            clock.now += dt.timedelta(hours=1)
        counter.flush(include_current=rng.random() < 0.2)
        if rng.random() < 0.1:  # the app stopped (keeping this hour's counts as a batch) and started again
            counter.flush(include_current=True)
            counter = UsageCounter(path, now=clock)
        fault = rng.choice(faults)
        reached = len(proxy.applied)
        if fault == "down":
            proxy.down()
        else:
            proxy.inject(*["pass"] * rng.randrange(2), fault)
        try:
            counter.send(kiosk.client(timeout=TIMEOUT_S), kiosk.credential.kiosk_id)
        except SyncFailed:
            met += fault == "down"  # a refused connection (with no batch to send, nothing was tried)
        met += fault in proxy.applied[reached:]
        if fault == "down":
            proxy.up()
        with proxy.lock:
            proxy.faults.clear()  # a fault not reached this time is not carried over
    counter.flush(include_current=True)
    counter.send(kiosk.client(timeout=5), kiosk.credential.kiosk_id)
    assert counter.batches() == []
    assert central.usage_totals(kiosk.credential.kiosk_id) == dict(counted)

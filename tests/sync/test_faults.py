"""Network faults between kiosk and service: after each, the cache is the old or the new state, never a mix, and
the next sync completes."""

import random

import pytest

from sync.checksum import cache_snapshot
from sync.client import BadData, Busy, Offline, ServerError, SyncFailed
from sync.vacancy_sync import VacancySync
from tests.sync.fault_proxy import FAULTS
from tests.sync.records import vacancy

#: The kiosk's timeout in these tests, which the "slow" fault outlasts (it waits twice as long). Every other answer
#: must come within it even while other jobs load the machine, so it is not tight; each slow fault costs this long.
TIMEOUT_S = 2.0


def state(db):
    return cache_snapshot(db, "0000-00-00"), db.execute("SELECT value FROM sync_state WHERE key = 'applied_cursor'"
                                                        ).fetchone()


@pytest.mark.parametrize("fault, expected", [
    ("drop", Offline), ("busy", Busy), ("error500", ServerError), ("error500_after", ServerError), ("slow", Offline),
    ("cut", Offline), ("truncate_gzip", BadData), ("corrupt_gzip", BadData), ("corrupt_json", BadData),
])
def test_each_fault_is_reported_as_a_plain_failure(central, proxy, kiosk, fault, expected):
    central.ingest([vacancy(n) for n in range(300)])  # pages big enough to be gzipped
    proxy.slow_s = TIMEOUT_S * 2
    proxy.inject(fault)
    with pytest.raises(expected) as raised:
        VacancySync(kiosk.cache(), kiosk.client(timeout=TIMEOUT_S), page_size=100).run()
    assert "central service" in str(raised.value)


def test_a_refused_connection_is_offline_then_the_sync_completes(central, proxy, kiosk):
    central.ingest([vacancy(n) for n in range(20)])
    db = kiosk.cache()
    proxy.down()
    with pytest.raises(Offline, match="cannot be reached"):
        VacancySync(db, kiosk.client()).run()
    proxy.up()
    assert VacancySync(db, kiosk.client()).run().verified


def test_after_every_fault_the_cache_is_old_or_new_and_the_next_sync_completes(central, proxy, kiosk):
    rng = random.Random(7)
    proxy.slow_s = TIMEOUT_S * 2
    central.ingest([vacancy(n) for n in range(120)])
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()
    number = 1000
    for round_number, fault in enumerate([f for f in FAULTS if f != "pass"] * 2):
        # A new state on the server: some changed, some new, some withdrawn.
        keep = [vacancy(n, version=1, title=f"Round {round_number}") for n in rng.sample(range(number), 100)]
        keep += [vacancy(number + n) for n in range(20)]
        number += 20
        central.ingest(keep, full=True)
        old = state(db)
        proxy.inject(*["pass"] * rng.randrange(4), fault)
        try:
            VacancySync(db, kiosk.client(timeout=TIMEOUT_S), page_size=30).run()
        except SyncFailed:
            pass
        during = state(db)
        report = VacancySync(db, kiosk.client(timeout=TIMEOUT_S), page_size=30).run()
        new = state(db)
        assert report.verified, fault
        assert during in (old, new), fault
    assert set(proxy.applied) >= set(FAULTS) - {"pass"}

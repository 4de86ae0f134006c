"""The dashboard at national size: a summary, then offices and kiosks a page at a time, filtered, and the fleet's
state kept for a few seconds (sync.central.dashboard_paging, sync.central.fleet_cache)."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.fleet_dashboard import seed_fleet
from sync.central.dashboard_paging import (KIOSKS_PER_PAGE, OFFICES_PER_PAGE, STATES, KioskFilter, fleet_summary,
                                           kiosk_page, kiosk_state, pages_for)
from sync.central.fleet import fleet_overview
from sync.central.fleet_cache import OverviewCache
from sync.central.passwords import add_user
from tests.central.conftest import START
from tests.central.helpers import PASSWORD, signed_in

KIOSK = st.fixed_dictionaries({
    "online": st.booleans(), "seconds_since_beat": st.none() | st.integers(0, 10**6),
    "app_version": st.none() | st.sampled_from(["0.2.0", "0.3.0"]),
    "device_problems": st.lists(st.just({"device": "printer"}), max_size=1)})
OVERVIEW = st.lists(st.lists(KIOSK, max_size=12), max_size=9).map(lambda offices: {
    "offices": [{"office_id": f"o{i}", "name": f"Office {i}", "online": 0, "offline": 0, "config_version": "1",
                 "kiosks": [{**kiosk, "kiosk_id": f"o{i}-k{k}", "name": f"k{k}"} for k, kiosk in enumerate(kiosks)]}
                for i, kiosks in enumerate(offices)]})
FILTER = st.builds(KioskFilter, st.sampled_from(["", *STATES]), st.sampled_from(["", "0.2.0", "not reported"]),
                   st.booleans(), st.booleans())


@settings(max_examples=200)
@given(OVERVIEW, FILTER, st.integers(1, 7), st.data())
def test_the_pages_hold_every_kiosk_the_filter_lets_through_once_in_order(overview, chosen, per_page, data):
    alerted = {kiosk["kiosk_id"] for office in overview["offices"] for kiosk in office["kiosks"]
               if data.draw(st.booleans())}
    overview["alerts"] = [{"kiosk_id": ident, "office_id": ident.split("-")[0]} for ident in sorted(alerted)]
    expected = [kiosk["kiosk_id"] for office in overview["offices"] for kiosk in office["kiosks"]
                if (not chosen.state or (not kiosk["online"] if chosen.state == "offline"
                                         else kiosk_state(kiosk) == chosen.state))
                and (not chosen.version or (kiosk["app_version"] or "not reported") == chosen.version)
                and (not chosen.alerts or kiosk["kiosk_id"] in alerted)
                and (not chosen.devices or kiosk["device_problems"])]
    seen = []
    pages = pages_for(len(expected), per_page)
    for page in range(1, pages + 1):
        offices, shown, total = kiosk_page(overview, chosen, page, per_page)
        ids = [kiosk["kiosk_id"] for office in offices for kiosk in office["kiosks"]]
        assert total == len(expected) and shown == len(ids) <= per_page
        assert all(office["kiosks_total"] >= len(office["kiosks"]) for office in offices)
        seen += ids
    assert seen == expected
    # A page past the end is the last page, not an empty one.
    assert kiosk_page(overview, chosen, pages + 5, per_page)[0] == kiosk_page(overview, chosen, pages, per_page)[0]
    summary = fleet_summary(overview)
    assert summary["kiosks"] == sum(summary["states"].values()) == sum(summary["versions"].values())
    assert summary["with_alerts"] == len(alerted)


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr data-kiosk="([^"]+)">', page)


@pytest.fixture
def fleet(make_server, sqlite_storage):
    """The real service over 250 kiosks in 60 offices, and a signed-in session."""
    server = make_server(sqlite_storage)
    seed_fleet(sqlite_storage, 250, 60, server.clock())
    add_user(sqlite_storage, "alex", PASSWORD, server.clock())
    return server, signed_in(server.url)


def test_the_kiosks_are_paged_in_hundreds_and_every_one_is_on_exactly_one_page(fleet):
    server, http = fleet
    seen, address = [], "/dashboard?refresh=off"
    for _ in range(10):  # bounded: 3 pages are expected
        page = http.get(server.url + address, headers={"Accept": "text/html"}, timeout=30).text
        assert len(page.encode()) < 200 * 1024
        seen += _rows(page)
        kiosk_pager = re.search(r'<nav class="pager" aria-label="Kiosk pages">.*?</nav>', page)
        following = kiosk_pager and re.search(r'rel="next" href="([^"]+)"', kiosk_pager.group())
        if not following:
            break
        address = following.group(1).replace("&amp;", "&")
    assert len(seen) == len(set(seen)) == 250 and pages_for(250, KIOSKS_PER_PAGE) == 3
    assert "Showing kiosks 201 to 250 of 250." in page and "Page 3 of 3" in page


def test_the_offices_are_paged_with_their_counts_and_each_links_to_its_own_page(fleet):
    server, http = fleet
    first = http.get(server.url + "/dashboard?refresh=off", headers={"Accept": "text/html"}, timeout=30).text
    second = http.get(server.url + "/dashboard?refresh=off&offices_page=2", headers={"Accept": "text/html"},
                      timeout=30).text
    listed = re.findall(r'<tr><th scope="row"><a href="/dashboard\?office=(office-\d+)&amp;refresh=off">', first)
    later = re.findall(r'<tr><th scope="row"><a href="/dashboard\?office=(office-\d+)&amp;refresh=off">', second)
    assert len(listed) == OFFICES_PER_PAGE and len(later) == 60 - OFFICES_PER_PAGE
    assert set(listed).isdisjoint(later) and "Offices (60)" in first
    office = http.get(server.url + f"/dashboard?refresh=off&office={listed[0]}", headers={"Accept": "text/html"},
                      timeout=30).text
    kiosks = fleet_overview(server.storage, server.clock(), listed[0])["offices"][0]["kiosks"]
    assert sorted(_rows(office)) == sorted(kiosk["kiosk_id"] for kiosk in kiosks) and kiosks


@pytest.mark.parametrize("query, keep", [
    ("state=offline", lambda k: not k["online"]),  # as the headline "offline" count, never-seen kiosks too
    ("state=never", lambda k: kiosk_state(k) == "never"),
    ("version=0.2.0", lambda k: k["app_version"] == "0.2.0"),
    ("devices=problem", lambda k: bool(k["device_problems"])),
])
def test_a_filter_lists_exactly_the_kiosks_it_names(fleet, query, keep):
    server, http = fleet
    page = http.get(server.url + f"/dashboard?refresh=off&{query}", headers={"Accept": "text/html"}, timeout=30).text
    overview = fleet_overview(server.storage, server.clock())
    expected = [k["kiosk_id"] for office in overview["offices"] for k in office["kiosks"] if keep(k)]
    assert 0 < len(expected) <= KIOSKS_PER_PAGE, "the seeded fleet should have some of these on one page"
    assert sorted(_rows(page)) == sorted(expected)
    assert "Show every kiosk" in page
    if query == "state=offline":  # the headline count links here and says how many there are
        assert f'<strong>{overview["totals"]["offline"]}</strong> offline' in page
        assert f"of {len(expected)}." in page


@pytest.mark.parametrize("query, keep", [
    ("", lambda k: True),
    ("state=offline", lambda k: not k["online"]),
    ("version=0.2.0", lambda k: k["app_version"] == "0.2.0"),
])
def test_the_json_overview_is_paged_and_filtered_as_the_page_is(fleet, query, keep):
    server, http = fleet
    overview = fleet_overview(server.storage, server.clock())
    expected = [k["kiosk_id"] for office in overview["offices"] for k in office["kiosks"] if keep(k)]
    seen, alerts, page = [], [], 1
    for page in range(1, 10):  # bounded: at most 3 pages are expected
        reply = http.get(f"{server.url}/dashboard?{query}&page={page}", timeout=30)
        assert reply.headers["content-type"].startswith("application/json") and len(reply.content) < 200 * 1024
        body = reply.json()
        on_page = [kiosk["kiosk_id"] for office in body["offices"] for kiosk in office["kiosks"]]
        assert body["page"] == page and body["kiosks_matching"] == len(expected) and len(on_page) <= 100
        assert {alert["kiosk_id"] for alert in body["alerts"]} <= set(on_page), "only this page's kiosks' alerts"
        assert body["summary"]["kiosks"] == 250 and body["alerts_total"] == len(overview["alerts"])
        seen += on_page
        alerts += body["alerts"]
        if page == body["pages"]:
            break
    assert seen == expected and page == pages_for(len(expected), KIOSKS_PER_PAGE)
    if not query:
        assert sorted(map(str, alerts)) == sorted(map(str, overview["alerts"])), "every alert is on some page"


def test_the_page_keeps_the_fleet_for_a_few_seconds_and_says_when_it_was_worked_out(make_server, sqlite_storage):
    # The fleet is there before the service starts: the service works the fleet out as it starts (warm).
    seed_fleet(sqlite_storage, 20, 2, START)
    add_user(sqlite_storage, "alex", PASSWORD, START)
    server = make_server(sqlite_storage, dashboard_cache_s=300)
    assert server.clock() == START
    cache = server.app.state.fleet_cache
    deadline = time.monotonic() + 60
    while cache._kept.get(None) is None and time.monotonic() < deadline:  # worked out as the service started
        time.sleep(0.02)
    assert cache._kept[None][2]["totals"]["kiosks"] == 20 and cache._refresher is not None
    http = signed_in(server.url)
    before = http.get(server.url + "/dashboard?refresh=off", headers={"Accept": "text/html"}, timeout=30).text
    server.clock.advance(hours=2)  # every kiosk is now offline
    kept = http.get(server.url + "/dashboard?refresh=off", headers={"Accept": "text/html"}, timeout=30).text
    updated = re.compile(r"Updated at [^<]+")
    assert updated.search(kept).group() == updated.search(before).group()  # the page does not claim to be newer
    assert _rows(kept) == _rows(before)
    # A script asking for JSON gets the fleet as it is now.
    now = http.get(server.url + "/dashboard", timeout=30).json()
    online_shown = int(re.search(r"<strong>([\d,]+)</strong> online", kept).group(1).replace(",", ""))
    assert now["totals"]["online"] == 0 < online_shown


def test_a_kept_overview_is_worked_out_again_after_its_seconds(sqlite_storage):
    first_time = dt.datetime(2026, 11, 22, 10, 0)
    seed_fleet(sqlite_storage, 5, 1, first_time)
    ticks = [0.0]
    cache = OverviewCache(10, clock=lambda: ticks[0])
    later = first_time.replace(hour=12)
    overview, as_of = cache.overview(sqlite_storage, first_time)
    ticks[0] = 9.5
    assert cache.overview(sqlite_storage, later) == (overview, first_time)
    ticks[0] = 10.5
    again, as_of = cache.overview(sqlite_storage, later)
    assert as_of == later and again["totals"]["online"] == 0 < overview["totals"]["online"]
    assert OverviewCache(0).overview(sqlite_storage, later)[1] == later


def test_once_the_fleet_is_looked_at_it_is_worked_out_before_anyone_asks(sqlite_storage, monkeypatch):
    # At 10,000 kiosks working the fleet out takes 300-400 ms: the page after the kept state expired waited for it.
    # A background thread now works it out before it expires, so the pages find it kept.
    from sync.central import fleet_cache
    first_time = dt.datetime(2026, 11, 22, 10, 0)
    seed_fleet(sqlite_storage, 5, 1, first_time)
    times = iter([first_time + dt.timedelta(hours=n) for n in range(1000)])
    worked_out_in = []
    real = fleet_cache.fleet_overview

    def spied(storage, now, office_id=None):
        worked_out_in.append(threading.current_thread().name)
        return real(storage, now, office_id)

    monkeypatch.setattr(fleet_cache, "fleet_overview", spied)
    monkeypatch.setattr(fleet_cache, "REFRESH_AT", 0.1)
    cache = OverviewCache(1, now=lambda: next(times))
    first, as_of = cache.overview(sqlite_storage, first_time)
    assert worked_out_in == ["MainThread"] and as_of == first_time
    deadline = time.monotonic() + 60
    while cache.overview(sqlite_storage, first_time)[1] == first_time and time.monotonic() < deadline:
        time.sleep(0.02)
    refreshed, as_of = cache.overview(sqlite_storage, first_time)
    assert as_of > first_time and refreshed["totals"]["offline"] == 5 > first["totals"]["offline"]
    assert set(worked_out_in[1:]) == {"fleet-overview"}  # never again in the page's own thread
    cache.close()
    deadline = time.monotonic() + 60
    while cache._refresher is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert cache._refresher is None
    # Nobody looking: the refresh stops by itself, and a page starts it again.
    monkeypatch.setattr(fleet_cache, "IDLE_AFTER_S", 0)
    idle = OverviewCache(1, now=lambda: next(times))
    idle.overview(sqlite_storage, first_time)
    deadline = time.monotonic() + 60
    while idle._refresher is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert idle._refresher is None
    # Without a clock to work it out by, nothing runs in the background (as in the tests above).
    assert OverviewCache(1)._now is None


def test_a_serving_worker_shares_its_interpreter_in_short_turns(make_server, sqlite_storage):
    # The fleet-overview thread is pure Python for a few hundred milliseconds; a request coming back from the
    # database waits up to the switch interval for its turn each time (measured in ADR 58).
    import sys

    from sync.central.app import SWITCH_INTERVAL_S
    default = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        make_server(sqlite_storage, dashboard_cache_s=300)
        assert SWITCH_INTERVAL_S < 0.005 and sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    finally:
        sys.setswitchinterval(default)


def test_the_refresh_sets_what_is_alive_aside_from_the_collectors_full_rounds(sqlite_storage, monkeypatch):
    # At 7,283 kiosks each refresh left enough new objects for a full round of the collector after almost every
    # one, 110-140 ms with the interpreter held: the pages' slowest moments. What is alive after a refresh is now
    # frozen, with a full collection (unfreeze, collect, freeze) at most every FULL_COLLECTION_EVERY_S.
    import gc

    from sync.central import fleet_cache
    first_time = dt.datetime(2026, 11, 22, 10, 0)
    seed_fleet(sqlite_storage, 5, 1, first_time)
    times = iter([first_time + dt.timedelta(hours=n) for n in range(1000)])
    full_collections = []
    monkeypatch.setattr(fleet_cache, "release_free_memory", lambda: full_collections.append(1) or gc.freeze())
    monkeypatch.setattr(fleet_cache, "REFRESH_AT", 0.1)
    gc.unfreeze()
    cache = OverviewCache(1, now=lambda: next(times))
    try:
        cache.overview(sqlite_storage, first_time)
        deadline = time.monotonic() + 60
        while cache.overview(sqlite_storage, first_time)[1] == first_time and time.monotonic() < deadline:
            time.sleep(0.02)
        while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert gc.get_freeze_count() > 0 and not full_collections, "frozen, without a full collection"
        monkeypatch.setattr(fleet_cache, "FULL_COLLECTION_EVERY_S", 0)
        while not full_collections and time.monotonic() < deadline:
            time.sleep(0.02)
        assert full_collections, "a full collection once its time has come"
    finally:
        cache.close()
    deadline = time.monotonic() + 60
    while cache._refresher is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert gc.get_freeze_count() == 0, "closing gives everything back to the collector"


def test_each_overview_keeps_its_own_answers_with_others_asked_for_between(sqlite_storage, monkeypatch):
    # Office pages come between the whole fleet's pages: keeping only the last overview's answers threw the whole
    # fleet's away at every office page.
    from sync.central import dashboard_paging
    seed_fleet(sqlite_storage, 30, 3, START)
    whole = fleet_overview(sqlite_storage, START)
    office = fleet_overview(sqlite_storage, START, whole["offices"][0]["office_id"])
    worked_out = []
    real = dashboard_paging._summary
    monkeypatch.setattr(dashboard_paging, "_summary", lambda overview: worked_out.append(overview) or real(overview))
    for _ in range(3):
        assert fleet_summary(whole)["kiosks"] == 30 and fleet_summary(office)["kiosks"] == 10
    assert len(worked_out) == 2, "each overview's summary worked out once"
    for _ in range(dashboard_paging._PerOverview.MOST_OVERVIEWS):  # as many newer ones push the first out
        fleet_summary(fleet_overview(sqlite_storage, START))
    fleet_summary(whole)
    assert worked_out[-1] is whole and len(worked_out) == 2 + dashboard_paging._PerOverview.MOST_OVERVIEWS + 1


def test_the_refresh_works_out_the_first_pages_answers_before_any_page_asks(sqlite_storage, monkeypatch):
    # The first whole-fleet page after each refresh worked out the fleet's summary and its unfiltered kiosk list
    # itself (11 ms of a 29 ms page at 7,283 kiosks); the refresh thread now does, before the overview is seen.
    from sync.central import dashboard_paging, fleet_cache
    first_time = dt.datetime(2026, 11, 22, 10, 0)
    seed_fleet(sqlite_storage, 12, 2, first_time)
    times = iter([first_time + dt.timedelta(hours=n) for n in range(1000)])
    worked_in: list[tuple[str, str]] = []
    real_summary, real_matching = dashboard_paging._summary, dashboard_paging._matching
    monkeypatch.setattr(dashboard_paging, "_summary", lambda overview: worked_in.append(
        ("summary", threading.current_thread().name)) or real_summary(overview))
    monkeypatch.setattr(dashboard_paging, "_matching", lambda overview, chosen: worked_in.append(
        ("kiosks" if not chosen.active() else "filtered", threading.current_thread().name))
        or real_matching(overview, chosen))
    monkeypatch.setattr(fleet_cache, "REFRESH_AT", 0.1)
    cache = OverviewCache(1, now=lambda: next(times), prepare=dashboard_paging.prepare)
    try:
        cache.overview(sqlite_storage, first_time)
        deadline = time.monotonic() + 60
        while cache.overview(sqlite_storage, first_time)[1] == first_time and time.monotonic() < deadline:
            time.sleep(0.02)
        refreshed, _as_of = cache.overview(sqlite_storage, first_time)
        before = list(worked_in)
        assert ("summary", "fleet-overview") in before and ("kiosks", "fleet-overview") in before
        assert fleet_summary(refreshed)["kiosks"] == 12
        assert kiosk_page(refreshed, KioskFilter(), 1)[2] == 12
        assert worked_in == before, "the page found both worked out"
        kiosk_page(refreshed, KioskFilter(state="online"), 1)
        assert worked_in[-1] == ("filtered", "MainThread"), "a filter is worked out when someone asks for it"
    finally:
        cache.close()


def test_the_service_gives_its_overview_cache_the_pages_preparation(make_server, sqlite_storage):
    from sync.central import dashboard_paging
    server = make_server(sqlite_storage, dashboard_cache_s=300)
    assert server.app.state.fleet_cache._prepare is dashboard_paging.prepare


def test_an_office_cut_from_the_whole_fleet_is_what_the_database_gives_for_that_office(sqlite_storage):
    from sync.central.fleet_cache import office_of
    seed_fleet(sqlite_storage, 90, 7, START)
    later = START + dt.timedelta(minutes=20)  # some kiosks offline by now, with their alerts
    whole = fleet_overview(sqlite_storage, later)
    assert whole["alerts"], "alerts to share out, or this proves little"
    for office in whole["all_offices"]:
        assert office_of(whole, office["office_id"]) == fleet_overview(sqlite_storage, later, office["office_id"])
    assert office_of(whole, "no-such-office") is None


def spy_on_overviews(monkeypatch) -> list[str | None]:
    """The office (None: the whole fleet) of each overview the cache asks the database for, in order."""
    from sync.central import fleet_cache
    asked: list[str | None] = []
    real = fleet_cache.fleet_overview
    monkeypatch.setattr(fleet_cache, "fleet_overview",
                        lambda storage, now, office_id=None: asked.append(office_id) or real(storage, now, office_id))
    return asked


def test_an_office_page_is_cut_from_the_kept_fleet_without_asking_the_database(sqlite_storage, monkeypatch):
    seed_fleet(sqlite_storage, 30, 3, START)
    asked = spy_on_overviews(monkeypatch)
    ticks = [0.0]
    cache = OverviewCache(15, clock=lambda: ticks[0])
    office_id = fleet_overview(sqlite_storage, START)["all_offices"][1]["office_id"]
    alone, _as_of = cache.overview(sqlite_storage, START, office_id)
    assert asked == [office_id] and [o["office_id"] for o in alone["offices"]] == [office_id], \
        "no fleet kept yet: the office is worked out on its own"
    cache.overview(sqlite_storage, START)
    other = fleet_overview(sqlite_storage, START)["all_offices"][2]["office_id"]
    cut, as_of = cache.overview(sqlite_storage, START + dt.timedelta(seconds=5), other)
    assert asked == [office_id, None] and as_of == START, "cut from the fleet, and as old as it"
    assert cut == fleet_overview(sqlite_storage, START, other)
    ticks[0] = 16.0  # the fleet's seconds are up: the office is asked for on its own again
    cache.overview(sqlite_storage, START, other)
    assert asked[-1] == other


def test_many_offices_looked_at_never_push_the_whole_fleet_out(sqlite_storage, monkeypatch):
    # Past MOST_KEPT overviews the cache forgot them all, the whole fleet's included: the next department page
    # worked the fleet out while its viewer waited (242 ms in bench/fleet.py).
    from sync.central import fleet_cache
    seed_fleet(sqlite_storage, 12, 2, START)
    asked = spy_on_overviews(monkeypatch)
    cache = OverviewCache(15, clock=lambda: 0.0)
    cache.overview(sqlite_storage, START)
    for number in range(fleet_cache.MOST_KEPT * 2):  # offices not in the kept fleet (made since): asked for each
        cache.overview(sqlite_storage, START, f"new-office-{number}")
    assert len(cache._kept) <= fleet_cache.MOST_KEPT
    cache.overview(sqlite_storage, START)
    assert asked.count(None) == 1, "the whole fleet is still kept"


def test_office_pages_never_push_the_whole_fleets_answers_out(sqlite_storage, monkeypatch):
    # Office pages come hundreds of times as often as the department's, each with a new overview cut from the
    # fleet's: forgetting the oldest answers first threw the whole fleet's away, those the refresh prepared too.
    from sync.central import dashboard_paging
    from sync.central.fleet_cache import office_of
    seed_fleet(sqlite_storage, 40, 4, START)
    whole = fleet_overview(sqlite_storage, START)
    dashboard_paging.prepare(whole)
    worked_out = []
    real = dashboard_paging._summary
    monkeypatch.setattr(dashboard_paging, "_summary", lambda overview: worked_out.append(overview) or real(overview))
    for _ in range(dashboard_paging._PerOverview.MOST_OVERVIEWS * 3):
        for office in whole["all_offices"]:
            fleet_summary(office_of(whole, office["office_id"]))
    assert fleet_summary(whole)["kiosks"] == 40
    assert all(overview is not whole for overview in worked_out), "the fleet's summary, prepared once, still kept"

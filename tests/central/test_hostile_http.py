"""The real service against hostile callers: a body limit, strict bounded fields, and no page broken by stored data."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from bench.central_limits import serve_central
from sync.central.heartbeats import record_heartbeat
from sync.central.schema import kiosks
from tests.central.test_http import enrolled, logged_in

pytestmark = pytest.mark.thorough  # over a second a test, or many: `make check` leaves it to `make test`

MB = 1024 * 1024


@pytest.fixture
def service(tmp_path):
    """``kiosk-central serve`` as its own process, so a test can see that it is still alive."""
    process, url = serve_central(tmp_path)
    yield process, url
    process.terminate()
    process.wait(10)


def test_bodies_over_the_limit_are_413_and_the_service_lives_on(service):
    """Four 100 MB bodies once took the service to 842 MB; now each is refused before it is read."""
    process, url = service

    def chunks(total: int):  # no Content-Length: counted as it arrives
        for _ in range(total // 65536):
            yield b"x" * 65536

    replies = [requests.post(url + "/v1/enrol", data=b"{" + b" " * (100 * MB), timeout=60,
                             headers={"Content-Type": "application/json"}),
               requests.post(url + "/v1/kiosks/k-1/heartbeat", data=chunks(8 * MB), timeout=60,
                             headers={"Content-Type": "application/json"}),
               requests.post(url + "/v1/enrol", data=chunks(100 * MB), timeout=60,
                             headers={"Content-Type": "application/json"}),
               requests.post(url + "/login", data=b"name=" + b"x" * (100 * MB), timeout=60,
                             headers={"Content-Type": "application/x-www-form-urlencoded"})]
    assert [(r.status_code, r.json()["error"]) for r in replies] == [(413, "too_large")] * 4
    assert "2,097,152 bytes" in replies[0].json()["message"]
    assert requests.get(url + "/v1/rates", timeout=10).status_code == 401 and process.poll() is None


def test_a_body_under_the_limit_is_read_as_before(server):
    reply = server.post("/v1/enrol", json={"token": "x" * 50, "kiosk_name": "leeds-1", "pad": " " * MB})
    assert reply.status_code == 422 and reply.json()["message"].startswith("pad:")


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
                                    "1970-01-01T00:00:00Z", "2101-01-01T00:00:00Z"])
@pytest.mark.parametrize("field", ["last_sync_at", "last_crash_at", "last_rollback_at"])
def test_heartbeat_times_outside_2020_to_2100_are_422(server, field, moment):
    kiosk = enrolled(server)
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat", kiosk["credential"],
                        json={"app_version": "0.1.0", "uptime_s": 5, field: moment})
    assert reply.status_code == 422 and reply.json()["message"].startswith(f"{field}: must be a UTC time")


@pytest.mark.parametrize("change", [{"uptime_s": "3"}, {"uptime_s": True}, {"uptime_s": 2.5}, {"uptime_s": 2**60},
                                    {"cache_bytes": 10**400}, {"app_version": 5}, {"app_version": "1\x00"},
                                    {"app_version": "\ud800"}, {"devices": [{"device": 1, "provider": "x",
                                                                             "health": "ok"}]}])
def test_heartbeat_fields_are_strict_and_bounded(server, change):
    kiosk = enrolled(server)
    body = json.dumps({"app_version": "0.1.0", "uptime_s": 5, **change})  # \ud800 stays a lone surrogate escape
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat", kiosk["credential"], data=body,
                        headers={"Content-Type": "application/json"})
    assert reply.status_code == 422, reply.text


def test_an_odd_device_detail_is_tidied_not_refused(server):
    kiosk = enrolled(server)
    body = json.dumps({"app_version": "0.1.0", "uptime_s": 5, "devices": [
        {"device": "printer", "provider": "cups", "health": "error", "detail": "/media/\udcff\r"}]})
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat", kiosk["credential"], data=body,
                        headers={"Content-Type": "application/json"})
    assert reply.status_code == 200
    status = logged_in(server).get(f"{server.url}/dashboard", timeout=30).json()["offices"][0]["kiosks"][0]
    assert status["device_problems"][0]["detail"] == "/media/\ufffd\ufffd"


@pytest.mark.parametrize("count, words", [
    ({"hour": "2026-11-22T10:00Z", "event": "search", "n": "3"}, "n: input should be a valid integer"),
    ({"hour": "2026-11-22T10:00Z", "event": "search", "n": True}, "n: input should be a valid integer"),
    ({"hour": "0001-01-01T00:00Z", "event": "search", "n": 1}, "in the years 2020 to 2100"),
    ({"hour": "9999-12-31T23:00Z", "event": "search", "n": 1}, "in the years 2020 to 2100"),
    ({"hour": "2026-11-22T10:00Z", "event": "search", "n": 10**30}, "n must be a whole number"),
])
def test_usage_counts_are_strict_whole_numbers_in_sane_years(server, count, words):
    kiosk = enrolled(server)
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/usage", kiosk["credential"],
                        json={"batch_id": str(uuid.uuid4()), "counts": [count]})
    assert reply.status_code == 422 and words in reply.json()["message"], reply.text


@pytest.mark.parametrize("first, last", [("9999-12-30", "9999-12-31"), ("0001-01-01", "0001-01-02"),
                                         ("2101-01-01", "2101-01-02")])
def test_stats_for_absurd_years_are_422(server, first, last):
    reply = logged_in(server).get(f"{server.url}/v1/stats?from={first}&to={last}", timeout=30)
    assert reply.status_code == 422 and "years 2020 to 2100" in reply.json()["message"]


STORED_BEATS = {
    "year 1 sync (the issue's case)": {"app_version": "0.1.0", "uptime_s": 5, "last_sync_at": "0001-01-01T00:00:00Z"},
    "year 1 with an offset": {"app_version": "0.1.0", "uptime_s": 5, "last_crash_at": "0001-01-01T00:00:00+14:00",
                              "last_sync_at": "9999-12-31T23:59:59-14:00"},
    "wrong types": {"app_version": ["x"], "uptime_s": "5", "cache_age_s": {"a": 1}, "devices": "none",
                    "next_beat_s": "90", "last_sync_at": 5},
    "huge numbers": {"app_version": "0.1.0", "uptime_s": 10**30, "disk_free_bytes": 10**30, "cache_age_s": 10**30,
                     "cache_vacancies": 10**30},
}


@pytest.mark.parametrize("kind", [*STORED_BEATS, "not JSON", "a 5,000-digit number"])
def test_nothing_a_kiosk_stored_breaks_the_dashboard(server, kind):
    """A beat stored by an older, less strict service (or written by hand) must not break the page for everyone."""
    odd, good = enrolled(server, name="odd-1"), enrolled(server, name="good-1")
    now = server.clock()
    record_heartbeat(server.storage, good["kiosk_id"], {"app_version": "0.1.0", "uptime_s": 5}, 90, now)
    if kind in STORED_BEATS:
        record_heartbeat(server.storage, odd["kiosk_id"], STORED_BEATS[kind], 90, now)
    else:
        text = "{not json" if kind == "not JSON" else '{"app_version": "1", "uptime_s": 1' + "0" * 5000 + "}"
        with server.storage.write() as conn:
            conn.execute(update(kiosks).where(kiosks.c.kiosk_id == odd["kiosk_id"]).values(last_beat_at=now,
                                                                                            last_beat=text))
    session = logged_in(server)
    page = session.get(f"{server.url}/dashboard", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "good-1" in page.text and "odd-1" in page.text
    overview = session.get(f"{server.url}/dashboard", timeout=30)
    assert overview.status_code == 200 and overview.json()["totals"]["kiosks"] == 2


@pytest.mark.parametrize("days", ["²", "٣", "1e3", "-7"])
def test_odd_dashboard_choices_fall_back_not_fail(server, days):
    page = logged_in(server).get(f"{server.url}/dashboard?days={days}", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "Showing the last 28 days" in page.text


# --- fuzzing: 0 server errors, and the dashboard still works after whatever was accepted

_ANY = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=10)
_TIMES = st.one_of(st.datetimes().map(lambda d: d.isoformat() + "Z"), st.text(max_size=30),
                   st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-11-22T10:00Z"]))
_NUMBERS = st.one_of(st.integers(min_value=-2**70, max_value=2**70), st.floats(), st.text(max_size=5), st.booleans())
_BEAT_FIELDS = {"app_version": st.text(max_size=50), "config_version": st.text(max_size=50) | st.none(),
                "uptime_s": _NUMBERS, "cache_vacancies": _NUMBERS, "cache_bytes": _NUMBERS, "cache_age_s": _NUMBERS,
                "disk_free_bytes": _NUMBERS, "last_sync_at": _TIMES, "last_crash_at": _TIMES,
                "last_rollback_at": _TIMES, "last_crash_kind": st.text(max_size=120),
                "last_rollback_from": st.text(max_size=50),
                "devices": st.lists(st.fixed_dictionaries({}, optional={
                    "device": st.text(max_size=50), "provider": st.text(max_size=50), "health": st.text(max_size=50),
                    "detail": st.text(max_size=400) | _ANY}), max_size=3) | _ANY}
_FUZZ = settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _post(server, path: str, credential: str, body) -> requests.Response:
    data = json.dumps(body, ensure_ascii=True)  # NaN and Infinity go out as Python writes them: not JSON
    return server.post(path, credential, data=data, headers={"Content-Type": "application/json"})


@_FUZZ
@given(beat=st.fixed_dictionaries({}, optional=_BEAT_FIELDS) | _ANY)
def test_fuzzed_heartbeats_never_give_a_server_error_or_break_the_dashboard(server, beat):
    if not hasattr(server, "fuzz_kiosk"):
        server.fuzz_kiosk, server.fuzz_session = enrolled(server), logged_in(server)
    kiosk = server.fuzz_kiosk
    reply = _post(server, f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat", kiosk["credential"], beat)
    assert reply.status_code in (200, 422), reply.text
    if reply.status_code == 200:
        for accept in ("text/html", "application/json"):
            page = server.fuzz_session.get(f"{server.url}/dashboard", headers={"Accept": accept}, timeout=30)
            assert page.status_code == 200


_COUNT = st.fixed_dictionaries({}, optional={
    "hour": _TIMES | st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:00Z")),
    "event": st.sampled_from(["search", "cv_made", "nope"]) | st.text(max_size=10), "n": _NUMBERS})


@_FUZZ
@given(body=st.fixed_dictionaries({}, optional={"batch_id": st.uuids().map(str) | st.text(max_size=50) | _ANY,
                                                "counts": st.lists(_COUNT | _ANY, max_size=4) | _ANY}) | _ANY)
def test_fuzzed_usage_batches_never_give_a_server_error(server, body):
    if not hasattr(server, "fuzz_kiosk"):
        server.fuzz_kiosk = enrolled(server)
    kiosk = server.fuzz_kiosk
    reply = _post(server, f"/v1/kiosks/{kiosk['kiosk_id']}/usage", kiosk["credential"], body)
    assert reply.status_code in (200, 422), reply.text

"""Help requests over real HTTP: a kiosk asks, the office's dashboard lists it with its wait, staff mark it done
from the dashboard or with a card at the kiosk, and nobody else can see or close it (issue #19, point 1)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.central.help_requests import help_stats
from tests.central.test_http import enrolled, logged_in


def ask(server, kiosk: dict, area: str = "benefits"):
    """A kiosk's "Ask a member of staff for help"."""
    return server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/help-requests", kiosk["credential"], json={"area": area})


def csrf_of(server, session) -> str:
    """The signed-in session's anti-forgery token, from the dashboard page as a browser gets it."""
    page = session.get(f"{server.url}/dashboard", headers={"Accept": "text/html"}, timeout=30)
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def test_a_request_is_listed_for_its_office_with_its_wait_until_staff_mark_it_done(server):
    kiosk, other = enrolled(server, "leeds", "leeds-1"), enrolled(server, "york", "york-1")
    first = ask(server, kiosk)
    assert first.status_code == 201 and first.json()["status"] == "open" and first.json()["area"] == "benefits"
    again = ask(server, kiosk, "cv")  # touched twice, or a retry after a lost reply: the same request
    assert again.status_code == 200 and again.json()["request_id"] == first.json()["request_id"]
    assert ask(server, other, "jobs").status_code == 201
    server.clock.advance(minutes=3)

    staff = logged_in(server)
    listed = staff.get(f"{server.url}/v1/help-requests", params={"office": "leeds"}, timeout=30).json()["requests"]
    assert [(r["kiosk_name"], r["area"], r["waited_s"]) for r in listed] == [("leeds-1", "benefits", 180)]
    assert len(staff.get(f"{server.url}/v1/help-requests", timeout=30).json()["requests"]) == 2

    request_id = first.json()["request_id"]
    done = staff.post(f"{server.url}/dashboard/help-requests/{request_id}/done",
                      data={"csrf": csrf_of(server, staff), "back": "/dashboard?office=leeds"},
                      allow_redirects=False, timeout=30)
    assert done.status_code == 303 and done.headers["Location"] == "/dashboard?office=leeds#help"
    seen = server.get(f"/v1/kiosks/{kiosk['kiosk_id']}/help-requests/{request_id}", kiosk["credential"]).json()
    assert (seen["status"], seen["done_by"], seen["waited_s"]) == ("done", "dashboard", 180)
    assert staff.get(f"{server.url}/v1/help-requests", params={"office": "leeds"}, timeout=30).json()["requests"] == []
    assert ask(server, kiosk).json()["request_id"] != request_id, "a new request once the last was answered"


def test_a_staff_card_at_the_kiosk_closes_its_request_and_a_closed_request_stays_closed(server):
    kiosk = enrolled(server)
    request_id = ask(server, kiosk).json()["request_id"]
    server.clock.advance(seconds=95)
    path = f"/v1/kiosks/{kiosk['kiosk_id']}/help-requests/{request_id}/done"
    closed = server.post(path, kiosk["credential"], json={"by": "staff_card"}).json()
    assert (closed["status"], closed["done_by"], closed["waited_s"]) == ("done", "staff_card", 95)
    server.clock.advance(minutes=5)
    assert server.post(path, kiosk["credential"], json={"by": "cancelled"}).json() == closed
    day = server.clock().date()
    assert help_stats(server.storage, "leeds", day, day) == [
        {"office_id": "leeds", "day": day.isoformat(), "requests": 1, "answered": 1, "median_wait_s": 95}]


def test_no_kiosk_sees_or_closes_another_kiosks_request_and_the_list_needs_a_login(server):
    kiosk, other = enrolled(server, "leeds", "leeds-1"), enrolled(server, "leeds", "leeds-2")
    request_id = ask(server, kiosk).json()["request_id"]
    mine, theirs = f"/v1/kiosks/{kiosk['kiosk_id']}", f"/v1/kiosks/{other['kiosk_id']}"
    assert server.get(f"{mine}/help-requests/{request_id}", other["credential"]).status_code == 403
    assert server.get(f"{theirs}/help-requests/{request_id}", other["credential"]).status_code == 404
    assert server.post(f"{theirs}/help-requests/{request_id}/done", other["credential"],
                       json={"by": "staff_card"}).status_code == 404
    assert server.post(f"{mine}/help-requests", None, json={"area": "cv"}).status_code == 401
    assert server.get("/v1/help-requests").status_code == 401
    assert server.get(f"{mine}/help-requests/{request_id}", kiosk["credential"]).json()["status"] == "open"


def test_the_dashboards_done_button_needs_the_sessions_token_and_this_site(server):
    kiosk = enrolled(server)
    request_id = ask(server, kiosk).json()["request_id"]
    staff = logged_in(server)
    url = f"{server.url}/dashboard/help-requests/{request_id}/done"
    assert staff.post(url, data={"csrf": "forged"}, allow_redirects=False, timeout=30).status_code == 403
    token = csrf_of(server, staff)
    assert staff.post(url, data={"csrf": token}, headers={"Origin": "https://evil.example"},
                      allow_redirects=False, timeout=30).status_code == 403
    away = staff.post(url, data={"csrf": token, "back": "//evil.example/dashboard"}, allow_redirects=False,
                      timeout=30)
    assert away.status_code == 303 and away.headers["Location"] == "/dashboard#help", "never an open redirect"
    assert server.post(f"/dashboard/help-requests/{request_id}/done", data={"csrf": token}).status_code in (401, 303)


def test_a_request_nobody_answers_closes_itself_after_two_hours(server):
    kiosk = enrolled(server)
    request_id = ask(server, kiosk).json()["request_id"]
    staff = logged_in(server)
    server.clock.advance(hours=1, minutes=59)
    assert len(staff.get(f"{server.url}/v1/help-requests", timeout=30).json()["requests"]) == 1
    server.clock.advance(minutes=2)
    assert staff.get(f"{server.url}/v1/help-requests", timeout=30).json()["requests"] == []
    seen = server.get(f"/v1/kiosks/{kiosk['kiosk_id']}/help-requests/{request_id}", kiosk["credential"]).json()
    assert (seen["status"], seen["done_by"]) == ("done", "expired")
    day = server.clock().date()
    assert help_stats(server.storage, None, day - dt.timedelta(days=1), day)[0]["answered"] == 0


@pytest.mark.parametrize("body", [{"area": "kitchen"}, {"area": "cv", "name": "Sam"}, {}, {"area": 3}, []])
def test_a_request_holds_only_an_area_from_the_list(server, body):
    kiosk = enrolled(server)
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/help-requests", kiosk["credential"], json=body)
    assert reply.status_code == 422 and reply.json()["error"] == "invalid"


@pytest.mark.thorough
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                   max_size=4), max_leaves=10),
       request_id=st.text(max_size=80).filter(lambda text: "/" not in text and "?" not in text and "#" not in text))
def test_any_body_or_id_from_a_kiosk_is_answered_without_a_server_error(server, body, request_id):
    kiosk = enrolled(server, "leeds", "fuzz") if not hasattr(server, "fuzz_kiosk") else server.fuzz_kiosk
    server.fuzz_kiosk = kiosk
    base = f"/v1/kiosks/{kiosk['kiosk_id']}/help-requests"
    assert server.post(base, kiosk["credential"], json=body).status_code in (200, 201, 422)
    assert server.post(f"{base}/{request_id}/done", kiosk["credential"], json=body).status_code in (404, 405, 422)
    assert server.get(f"{base}/{request_id}", kiosk["credential"]).status_code in (200, 404, 405)


# --- the same rules on each database (PostgreSQL too), without HTTP


def test_on_each_database_one_open_request_a_kiosk_oldest_first_and_the_days_figures(storage):
    from sync.central.enrolment import KioskIdentity
    from sync.central.help_requests import ask_for_help, mark_done, open_requests
    from tests.central.helpers import NOW, add_kiosk
    first, second = add_kiosk(storage, "leeds", "leeds-1"), add_kiosk(storage, "leeds", "leeds-2")
    one, two = (KioskIdentity(kiosk.kiosk_id, "leeds") for kiosk in (first, second))
    asked, new = ask_for_help(storage, one, "jobs", NOW)
    assert new and ask_for_help(storage, one, "cv", NOW + dt.timedelta(minutes=1)) == (
        {**asked, "waited_s": 60}, False)
    ask_for_help(storage, two, "home", NOW + dt.timedelta(minutes=2))
    later = NOW + dt.timedelta(minutes=10)
    assert [(r["kiosk_name"], r["waited_s"]) for r in open_requests(storage, "leeds", later)] == [
        ("leeds-1", 600), ("leeds-2", 480)]
    assert open_requests(storage, "york", later) == []
    mark_done(storage, asked["request_id"], "dashboard", later)
    assert [r["kiosk_name"] for r in open_requests(storage, None, later)] == ["leeds-2"]
    assert help_stats(storage, "leeds", NOW.date(), NOW.date()) == [
        {"office_id": "leeds", "day": NOW.date().isoformat(), "requests": 2, "answered": 1, "median_wait_s": 600}]


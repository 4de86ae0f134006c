"""The dashboard page without a browser: what the service sends (real HTTP), the usage figures it draws from, and
the HTML it builds. These run everywhere; tests/central/test_dashboard_browser.py drives the page in Chromium."""

from __future__ import annotations

import datetime as dt
import uuid
from html.parser import HTMLParser

import pytest
import requests

from device import open_devices
from kiosk.config import defaults
from sync.central.dashboard_chart import daily_series
from sync.central.dashboard_page import View, dashboard_page, read_view
from sync.central.dashboard_words import device_words, uk_time
from sync.central.enrolment import make_token
from sync.central.fleet import fleet_overview
from sync.central.heartbeats import record_heartbeat
from sync.central.passwords import add_user
from sync.heartbeat import device_rows
from tests.central.helpers import NOW, add_kiosk, add_office, signed_in


class _Page(HTMLParser):
    """The tags, attributes and text of a page, as a browser's parser would see them."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags, self.text, self.marks = [], [], {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "rect" and "data-day" in attrs:
            self.marks[attrs["data-day"]] = attrs["data-n"]

    def handle_data(self, data):
        self.text.append(data)


def _signed_in(server) -> requests.Session:
    add_user(server.storage, "alex", "correct horse battery", server.clock())
    return signed_in(server.url)


def _enrolled(server, office: str, name: str) -> dict:
    token = make_token(server.storage, office, 3600, server.clock())
    return server.post("/v1/enrol", json={"token": token, "kiosk_name": name}).json()


def _html(session, server, query: str = "") -> requests.Response:
    return session.get(f"{server.url}/dashboard{query}", headers={"Accept": "text/html"}, timeout=30)


# --- over HTTP


def test_browser_gets_the_page_and_other_clients_get_json(server):
    session = _signed_in(server)
    page = _html(session, server)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "<h1>Kiosk fleet</h1>" in page.text
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self';" in policy and "unsafe" not in policy
    data = session.get(f"{server.url}/dashboard", timeout=30).json()
    assert data["user"] == "alex" and set(data) >= {"offices", "alerts", "totals"}


def test_stylesheet_is_served_by_the_service_itself(server):
    reply = server.get("/dashboard.css")
    assert reply.status_code == 200 and reply.headers["Content-Type"].startswith("text/css")
    assert ".status.bad" in reply.text and "http" not in reply.text


def test_dashboard_draws_the_same_figures_as_v1_stats(server):
    raw = {"leeds": [3, 9, 10, 12, 13, 17, 18], "york": [1, 27, 8, 100, 0, 11, 44]}
    days = [(NOW.date() - dt.timedelta(days=i)).isoformat() for i in range(7)]
    for office, counts in raw.items():
        add_office(server.storage, office, f"{office.capitalize()} Jobcentre")
        kiosk = _enrolled(server, office, f"{office}-1")
        body = {"batch_id": str(uuid.uuid4()), "counts": [
            {"hour": f"{day}T09:00Z", "event": "search", "n": n} for day, n in zip(days, counts)]}
        assert server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/usage", kiosk["credential"], json=body).ok
    session = _signed_in(server)
    stats = session.get(f"{server.url}/v1/stats?from={days[-1]}&to={days[0]}", timeout=30).json()["rows"]
    html = _html(session, server, "?event=search&days=7").text
    expected = {"leeds": ["hidden", "hidden", "10", "10", "15", "15", "20"],
                "york": ["hidden", "25", "hidden", "100", "hidden", "10", "45"]}
    for office in ("leeds", "york"):
        chart = html.split(f'-usage-h">{office.capitalize()} Jobcentre</h3>', 1)[1].split("</figure>", 1)[0]
        drawn = _Page(chart).marks
        published = {row["day"]: row["n"] for row in stats if row["office_id"] == office}
        assert drawn == {day: "hidden" if published.get(day) is None else str(published[day]) for day in days}
        assert drawn == dict(zip(days, expected[office]))


def test_unknown_choices_fall_back_with_a_plain_message_not_an_error(server):
    session = _signed_in(server)
    page = _html(session, server, "?days=1000&event=passwords")
    assert page.status_code == 200
    assert ("Showing sessions started: that kind of use is not one the kiosks count. Showing the last 28 days: "
            "choose 7, 28 or 90.") in page.text


def test_one_office_can_be_chosen_and_an_unknown_one_shows_every_office(server):
    for office in ("leeds", "york"):
        add_office(server.storage, office, f"{office.capitalize()} Jobcentre")
        _enrolled(server, office, f"{office}-kiosk-1")
    session = _signed_in(server)
    whole = _html(session, server).text
    assert "leeds-kiosk-1" in whole and "york-kiosk-1" in whole
    assert '<option value="york">York Jobcentre</option>' in whole, "the choice lists every office"
    york = _html(session, server, "?office=york&days=7").text
    assert "york-kiosk-1" in york and "leeds-kiosk-1" not in york
    assert '-usage-h">York Jobcentre</h3>' in york and '-usage-h">Leeds Jobcentre</h3>' not in york
    assert '<option value="york" selected>York Jobcentre</option>' in york
    assert '<input type="hidden" name="office" value="york">' in york, "the usage choices keep the office"
    data = session.get(f"{server.url}/dashboard?office=york", timeout=30).json()
    assert [o["office_id"] for o in data["offices"]] == ["york"] and data["totals"]["kiosks"] == 1
    unknown = _html(session, server, "?office=%3Cscript%3E")
    assert unknown.status_code == 200 and "No office has that id: showing every office." in unknown.text
    assert "leeds-kiosk-1" in unknown.text and "york-kiosk-1" in unknown.text and "<script>" not in unknown.text


def test_heartbeat_can_report_a_rollback_and_a_bad_time_is_refused(server):
    add_office(server.storage)
    kiosk = _enrolled(server, "leeds", "leeds-1")
    beat = {"app_version": "0.1.0", "config_version": "1", "uptime_s": 5, "last_rollback_at": "2026-11-22T09:00:00Z",
            "last_rollback_from": "0.2.0"}
    path = f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat"
    assert server.post(path, kiosk["credential"], json=beat).status_code == 200
    alerts = fleet_overview(server.storage, server.clock())["alerts"]
    assert [(a["kind"], a["message"]) for a in alerts] == [
        ("rollback", "leeds-1 went back from app version 0.2.0 to 0.1.0 1 hour ago.")]
    bad = server.post(path, kiosk["credential"], json={**beat, "last_rollback_at": "yesterday"})
    assert bad.status_code == 422 and bad.json()["message"].startswith("last_rollback_at: ")


def test_a_kiosk_on_fallback_devices_shows_degraded_on_the_dashboard(server, tmp_path):
    # Issue #17, point 7: a printer writing PDF files said "ready", so the dashboard showed "All working".
    add_office(server.storage)
    kiosk = _enrolled(server, "leeds", "leeds-1")
    devices = open_devices(defaults() | {"kiosk.data_dir": tmp_path}, environ={
        "KIOSK_CARD": "simulated", "KIOSK_PRINTER": "pdf_file", "KIOSK_SPEECH": "silent"})
    try:
        rows = device_rows(devices.describe)  # what the kiosk's heartbeat carries
    finally:
        devices.close()
    beat = {"app_version": "0.1.0", "config_version": "1", "uptime_s": 5, "devices": rows}
    assert server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat", kiosk["credential"], json=beat).status_code == 200
    overview = fleet_overview(server.storage, server.clock())
    alerts = [(a["kind"], a["severity"], a["message"]) for a in overview["alerts"]]
    assert ("degraded_device", "warning", "leeds-1: no real printer: nothing is printed on paper.") in alerts
    assert {kind for kind, _severity, _message in alerts} == {"degraded_device"} and len(alerts) == 3
    text = " ".join(_Page(_html(_signed_in(server), server).text).text)
    assert "All working" not in text and text.count("Degraded") == 3
    assert "No real printer: nothing is printed on paper" in text
    assert "printouts are only saved as PDF files, nothing comes out on paper (KIOSK_PRINTER=pdf_file)" in text


def test_an_older_kiosk_with_a_pdf_file_printer_that_says_ready_is_still_flagged(sqlite_storage):
    kiosk = add_kiosk(sqlite_storage)
    record_heartbeat(sqlite_storage, kiosk.kiosk_id, {"app_version": "0.0.9", "config_version": "1", "devices": [
        {"device": "printer", "provider": "pdf_file", "health": "ready", "detail": "writes PDF files to /x"}]}, 90, NOW)
    overview = fleet_overview(sqlite_storage, NOW)
    assert [d["device"] for d in overview["offices"][0]["kiosks"][0]["device_problems"]] == ["printer"]
    assert [(a["kind"], a["message"]) for a in overview["alerts"]] == [
        ("simulated_device", "leeds-1 is using a simulated printer.")]


# --- the fleet's words


def test_busy_printer_and_working_read_aloud_are_not_problems(sqlite_storage):
    kiosk = add_kiosk(sqlite_storage)
    record_heartbeat(sqlite_storage, kiosk.kiosk_id, {"app_version": "0.1.0", "config_version": "1", "devices": [
        {"device": "card", "provider": "pcsc", "health": "present", "detail": ""},
        {"device": "printer", "provider": "cups", "health": "busy", "detail": ""},
        {"device": "speech", "provider": "espeak", "health": "available", "detail": ""}]}, 90, NOW)
    overview = fleet_overview(sqlite_storage, NOW)
    assert overview["offices"][0]["kiosks"][0]["device_problems"] == [] and overview["alerts"] == []


@pytest.mark.parametrize("device, health, words", [
    ("printer", "paper_out", "printer out of paper"),
    ("card", "absent", "card reader missing"),
    ("card", "error", "card reader error"),
    ("speech", "unavailable", "read-aloud not working"),
    ("printer", "degraded", "no real printer: nothing is printed on paper"),
    ("printer", "on_fire", "printer on fire"),
])
def test_device_problems_are_said_in_plain_english(device, health, words):
    assert device_words(device, health) == words


def test_times_are_shown_in_uk_time_in_summer():
    assert uk_time(dt.datetime(2026, 7, 1, 9, 5), now=dt.datetime(2026, 7, 2, 12, 0)) == "1 Jul 10:05"


@pytest.mark.parametrize("query, view", [
    ({}, View("session_started", 28, True)),
    ({"event": "cv_made", "days": "90", "refresh": "off"}, View("cv_made", 90, False)),
])
def test_read_view_takes_the_users_choices(query, view):
    assert read_view(query) == view


def test_days_with_no_counts_look_the_same_as_hidden_ones():
    rows = [{"office_id": "leeds", "day": "2026-11-21", "event": "search", "n": None},
            {"office_id": "leeds", "day": "2026-11-22", "event": "search", "n": 15}]
    series = daily_series(rows, "leeds", "search", dt.date(2026, 11, 20), dt.date(2026, 11, 22))
    assert [n for _day, n in series] == [None, None, 15]


def test_markup_in_kiosk_text_becomes_text_not_tags(sqlite_storage):
    kiosk = add_kiosk(sqlite_storage, name="leeds-1")
    record_heartbeat(sqlite_storage, kiosk.kiosk_id, {
        "app_version": "<script>alert(1)</script>", "config_version": "1", "last_crash_at": "2026-11-22T09:00:00Z",
        "last_crash_kind": '"><img src=x>',
        "devices": [{"device": "<b>card</b>", "provider": "pcsc", "health": "<i>x</i>", "detail": "<u>y</u>"}]},
        90, NOW)
    page = _Page(dashboard_page(fleet_overview(sqlite_storage, NOW), [], View(), "alex", NOW))
    text = "".join(page.text)
    assert not {"script", "img", "b", "i", "u"} & set(page.tags)
    assert "<script>alert(1)</script>" in text and "<u>y</u>" in text and '"><img src=x>' in text

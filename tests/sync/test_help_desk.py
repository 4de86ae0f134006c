""""Ask a member of staff for help", end to end over real HTTP: the kiosk's sync/help_desk.py against the real
central service (uvicorn on loopback, SQLite file), and the office's dashboard in headless Chromium, where the
request appears without the page reloading and is marked done (issue #19, point 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from kiosk.config import load_config
from sync.central.dashboard_help import POLL_S
from sync.central.enrolment import make_token, revoke_kiosk
from sync.central.passwords import add_user
from sync.credentials import enrol
from sync.help_desk import HelpUnavailable, ask_for_help, close_help_request, help_status
from tests.browser import chromium as open_chromium
from tests.browser import wait_for
from tests.central.conftest import loopback_service
from tests.central.helpers import sign_in

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
USER, PASSWORD = "alex", "correct horse battery"


@pytest.fixture
def service(tmp_path):
    """The real central service on a loopback port, its public address its own, with one dashboard user."""
    with loopback_service(tmp_path) as server:
        add_user(server.storage, USER, PASSWORD, server.clock())
        yield server


def kiosk_config(tmp_path, url: str, credential_file: Path):
    """A kiosk's settings from a real config file."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n[central]\nurl = "{url}"\n'
                      f'credential_file = "{credential_file}"\n[sync]\ntimeout_seconds = 5\n')
    return load_config(config)


@pytest.fixture
def kiosk_settings(tmp_path, service):
    """A kiosk enrolled with a one-time token."""
    credential_file = tmp_path / "kiosk" / "credential.json"
    enrol(service.url, make_token(service.storage, "leeds", 3600, service.clock()), "leeds-1", credential_file)
    return kiosk_config(tmp_path, service.url, credential_file)


def staff(service) -> requests.Session:
    """A signed-in dashboard user."""
    reply = sign_in(service.url, USER, PASSWORD)
    session = requests.Session()
    session.cookies.set("jobpoint_session", reply.cookies["jobpoint_session"])
    return session


def listed(service) -> list[dict]:
    return staff(service).get(f"{service.url}/v1/help-requests", timeout=10).json()["requests"]


def test_a_request_from_the_kiosk_is_listed_then_answered_and_the_kiosk_hears_so(service, kiosk_settings):
    request_id = ask_for_help(kiosk_settings, "benefits")
    assert ask_for_help(kiosk_settings, "benefits") == request_id, "asking twice is one request"
    assert [(r["kiosk_name"], r["area"]) for r in listed(service)] == [("leeds-1", "benefits")]
    assert help_status(kiosk_settings, request_id) == "open"
    close_help_request(kiosk_settings, request_id, "staff_card")
    assert help_status(kiosk_settings, request_id) == "done" and listed(service) == []


def test_an_area_the_service_does_not_know_is_sent_as_other(service, kiosk_settings):
    ask_for_help(kiosk_settings, "settings-screen")
    assert [r["area"] for r in listed(service)] == ["other"]


def test_not_enrolled_revoked_or_offline_each_say_why(tmp_path, service, kiosk_settings):
    unenrolled = kiosk_config(tmp_path / "new", service.url, tmp_path / "new" / "none.json")
    with pytest.raises(HelpUnavailable) as caught:
        ask_for_help(unenrolled, "cv")
    assert caught.value.reason == "not_enrolled"
    request_id = ask_for_help(kiosk_settings, "cv")
    with service.storage.read() as conn:
        kiosk_id = conn.exec_driver_sql("SELECT kiosk_id FROM kiosks").scalar_one()
    revoke_kiosk(service.storage, kiosk_id, service.clock())
    with pytest.raises(HelpUnavailable) as caught:
        help_status(kiosk_settings, request_id)
    assert caught.value.reason == "not_enrolled"
    service.stop()
    with pytest.raises(HelpUnavailable) as caught:
        ask_for_help(kiosk_settings, "cv")
    assert caught.value.reason == "offline"


# --- the office's dashboard in a real browser


@pytest.fixture
def chromium():
    """Headless Chromium; skips when it cannot run here."""
    with open_chromium() as driver:
        yield driver



@pytest.mark.browser
def test_the_request_appears_on_the_open_dashboard_without_a_reload_and_is_marked_done_there(
        service, kiosk_settings, chromium):
    from selenium.webdriver.common.by import By
    chromium.get(service.url + "/login")
    chromium.find_element(By.ID, "name").send_keys(USER)
    chromium.find_element(By.ID, "password").send_keys(PASSWORD)
    chromium.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(lambda: chromium.current_url == service.url + "/dashboard", 20)
    assert chromium.find_element(By.ID, "help-list").text == "Nobody is waiting for help."
    chromium.execute_script("window.samePage = true")  # gone if the page reloads

    request_id = ask_for_help(kiosk_settings, "cv")
    service.clock.advance(minutes=4)
    # The page asks every POLL_S seconds (5): the row comes within 10 s on a quiet machine; the deadline here is
    # longer so that a busy machine cannot fail the test, and the poll interval is checked on its own.
    assert POLL_S * 1000 <= 10_000
    rows = wait_for(lambda: chromium.find_elements(By.CSS_SELECTOR, "#help-list table.help tbody tr"), 60)
    assert chromium.execute_script("return window.samePage === true"), "the list changed without a reload"
    assert [cell.text for cell in rows[0].find_elements(By.TAG_NAME, "td")][:3] == ["leeds-1", "CV builder",
                                                                                   "4 minutes"]
    assert "1 person is waiting for help." in chromium.find_element(By.ID, "help-list").text

    rows[0].find_element(By.TAG_NAME, "button").click()
    wait_for(lambda: chromium.execute_script("return window.samePage !== true && document.readyState === "
                                             "'complete'"), 20)
    assert chromium.find_element(By.ID, "help-list").text == "Nobody is waiting for help."
    assert "Today: 1 request, 1 answered by staff, typical wait 4 minutes." in chromium.page_source
    assert help_status(kiosk_settings, request_id) == "done"

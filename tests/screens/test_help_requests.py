""""Ask a member of staff for help" on the real kiosk, by touch, against the real central service over HTTP
(uvicorn on loopback): the request reaches the office's list, the panel says help is on the way, an answer on the
dashboard reaches the screen, and offline or with no answer in time the person is sent to the front desk
(issue #19, point 1). English and Welsh.
"""

from __future__ import annotations

import time

import pytest

from sync.central.enrolment import make_token
from sync.central.help_requests import mark_done, open_requests
from sync.credentials import enrol
from tests.central.conftest import loopback_service
from tests.screens.helpers import touch
from tests.screens.staff.test_modes import insert, type_pin


@pytest.fixture
def service(tmp_path):
    """The real central service with the Leeds office."""
    with loopback_service(tmp_path) as server:
        yield server


@pytest.fixture
def settings(settings, tmp_path, service):
    """The kiosk enrolled with the service."""
    credential_file = tmp_path / "credential.json"
    enrol(service.url, make_token(service.storage, "leeds", 3600, service.clock()), "leeds-1", credential_file)
    settings["central.url"] = service.url
    settings["central.credential_file"] = str(credential_file)
    settings["sync.timeout_seconds"] = 5
    return settings


def until(driver, predicate, seconds: float = 60.0):
    """Pump frames until ``predicate()`` holds: a deadline for the network, not a speed test."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        driver.pump(1)
        time.sleep(0.02)
    raise AssertionError("gave up waiting")


def waiting(service) -> list[tuple[str, str]]:
    return [(r["kiosk_name"], r["area"]) for r in open_requests(service.storage, "leeds", service.clock())]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_touch_tells_the_office_and_the_answer_on_the_dashboard_reaches_the_screen(make_app, driver, service,
                                                                                     language):
    app = make_app(start_screen="home")
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    app.nav.go("benefits")
    driver.pump(2)
    touch(driver, app.shell.ids.help)
    panel, t = app.panels["help"], app.t
    until(driver, lambda: app.help_desk.state == "on_the_way")
    assert app.shell.overlay is panel and panel.ids.heading.text == t["help.heading.on_the_way"]
    assert panel.ids.body.text == t["help.body.on_the_way"] and panel.ids.second.text == t["help.cancel"]
    assert waiting(service) == [("leeds-1", "benefits")], "only the kiosk and the part in use are sent"

    mark_done(service.storage, app.help_desk.request_id, "dashboard", service.clock())
    until(driver, lambda: app.help_desk.state == "answered")  # the kiosk asks every 5 s
    assert panel.ids.heading.text == t["help.heading.answered"] and panel.ids.second.text == t["help.ask_again"]

    touch(driver, panel.ids.second)  # "Ask again"
    until(driver, lambda: app.help_desk.state == "on_the_way")
    assert waiting(service) == [("leeds-1", "benefits")]
    touch(driver, panel.ids.second)  # "I do not need help now"
    assert app.shell.overlay is None
    until(driver, lambda: waiting(service) == [])


def test_a_staff_card_at_the_kiosk_answers_the_request_and_the_wipe_closes_one_left_open(make_app, driver, service):
    app = make_app(start_screen="home")
    touch(driver, app.shell.ids.help)
    until(driver, lambda: app.help_desk.state == "on_the_way")
    request_id = app.help_desk.request_id
    # A digital champion puts their card in this kiosk's (simulated) reader and types its PIN by touch.
    insert(driver, app, pin="5937")
    type_pin(driver, app, "5937")
    assert app.staff_mode == "assisted" and app.help_desk.state == "answered"

    def closed_by():
        with service.storage.read() as conn:
            return conn.exec_driver_sql("SELECT done_by FROM help_requests WHERE request_id = ?",
                                        (request_id,)).scalar_one()
    until(driver, lambda: closed_by() == "staff_card")

    app.services.devices.card.remove_card()
    driver.pump(3)
    app.nav.close_overlay()
    touch(driver, app.shell.ids.help)
    until(driver, lambda: app.help_desk.state == "on_the_way")
    assert waiting(service) == [("leeds-1", "home")]
    app.nav.finish()  # the person finishes: nobody waits at this kiosk any more
    until(driver, lambda: waiting(service) == [])
    assert app.help_desk.state == "" and app.help_desk.request_id == ""


def test_with_the_service_down_the_person_is_sent_to_the_front_desk_at_once(make_app, driver, service):
    service.stop()
    app = make_app(start_screen="home")
    touch(driver, app.shell.ids.help)
    until(driver, lambda: app.help_desk.state == "front_desk")
    panel, t = app.panels["help"], app.t
    assert panel.ids.heading.text == t["help.heading.front_desk"]
    assert panel.ids.body.text == t["help.body.front_desk.offline"] and panel.ids.second.text == t["help.ask_again"]


def test_with_no_answer_in_time_the_person_is_sent_to_the_front_desk_and_staff_still_see_it(make_app, driver,
                                                                                          service, settings):
    settings["help.front_desk_seconds"] = 1  # the config's least is 30 s; a test need not wait that long
    app = make_app(start_screen="home")
    touch(driver, app.shell.ids.help)
    until(driver, lambda: app.help_desk.state == "front_desk")
    panel, t = app.panels["help"], app.t
    assert app.help_desk.front_desk_reason == "no_answer" and panel.ids.body.text == t["help.body.front_desk.no_answer"]
    assert waiting(service) == [("leeds-1", "home")] and panel.ids.second.text == t["help.cancel"]

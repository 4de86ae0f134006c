"""What the kiosk counts as people use it (anonymous events, each at the moment it happens), the "Jobs updated at"
line on the job screens, and the office's own figures from the central service reaching the benefits results."""

import datetime as dt
import json

import pytest

from sync.background import SyncStatus
from sync.office import OFFICE_FILE
from sync.usage import EVENTS, UsageCounter
from kivy.uix.label import Label

from tests.screens.helpers import touch
from tests.screens.benefits.test_flow import ANSWERS, answer_by_touch, start_check


def texts(screen):
    """Every label's text on a screen."""
    return [w.text for w in screen.walk(restrict=True) if isinstance(w, Label)]


def counted(usage):
    """Events counted so far, whatever the hour."""
    totals = {}
    for (_hour, event), n in usage.pending().items():
        totals[event] = totals.get(event, 0) + n
    return totals


@pytest.fixture
def usage(tmp_path):
    return UsageCounter(tmp_path / "usage.sqlite")


def test_searching_viewing_saving_sending_and_printing_a_job_are_each_counted_once(make_app, driver, usage):
    app = make_app(start_screen="home", usage=usage)
    driver.tap(app.sm.get_screen("home").ids.find_job)
    screen = app.screen
    touch(driver, screen.ids.what)
    driver.type_text("cleaner")
    driver.pump(2)  # the suggestions show, and the page keeps them in view, before a person can touch Search
    touch(driver, screen.ids.search)
    assert app.sm.current == "jobs_results" and app.screen.total > 0
    if app.screen.pages > 1:
        touch(driver, app.screen.ids.next)  # another page of the same search is not another search
    rows = list(reversed(app.screen.ids.rows.children))
    touch(driver, rows[0])
    assert app.sm.current == "job_detail"
    detail = app.screen
    touch(driver, detail.ids.save)
    touch(driver, detail.ids.save)  # un-saving is not counted
    touch(driver, detail.ids.phone)
    app.shell.close_overlay()
    touch(driver, detail.ids.print_job)
    # The tests' printer writes PDF files: the panel must not send anyone to the printer (issue #17, point 7).
    panel = app.panels["print"]
    assert panel.ok and (panel.heading_key, panel.message_key) == ("print.no_paper_heading", "print.no_paper_body")
    assert "Send to my phone" in app.t[panel.message_key]
    app.shell.close_overlay()

    # Nothing came out on paper, so no "job_printed" (a count of printouts must not count PDF files).
    assert counted(usage) == {"session_started": 1, "search": 1, "job_viewed": 1, "job_saved": 1,
                              "job_sent_to_phone": 1}
    assert set(counted(usage)) <= EVENTS


def test_a_finished_benefits_check_is_counted_once_and_shows_the_offices_local_help(make_app, driver, usage,
                                                                                      settings):
    help_entry = {"name": "Leeds Citizens Advice", "phone": "0113 000 0000", "url": "https://example.org/advice",
                  "about_en": "Free help with money and benefits.", "about_cy": "Help am ddim gydag arian."}
    office = {"office_id": "leeds", "name": "Leeds City", "config_version": "7",
              "lha": {"shared_monthly": 400, "one_bedroom_monthly": 0, "two_bedrooms_monthly": 0,
                      "three_bedrooms_monthly": 0, "four_bedrooms_monthly": 0},
              "local_help": [help_entry]}
    data_dir = settings["kiosk.data_dir"]
    (data_dir / OFFICE_FILE).write_text(json.dumps(office), encoding="utf-8")
    app = make_app(start_screen="home", usage=usage)
    start_check(app, driver)
    for question_key, answer in ANSWERS:
        answer_by_touch(app, driver, question_key, answer)
    touch(driver, app.screen.ids.see_results)
    assert app.sm.current == "benefits_results"
    assert "Help near you" in texts(app.screen) and "Leeds Citizens Advice" in texts(app.screen)
    assert ("Free help with money and benefits.\nPhone: 0113 000 0000\nWebsite: https://example.org/advice"
            in texts(app.screen))
    app.access.set_language("cy")
    driver.pump(2)
    assert "Help am ddim gydag arian.\nFfôn: 0113 000 0000\nGwefan: https://example.org/advice" in texts(app.screen)
    app.nav.back()
    touch(driver, app.screen.ids.see_results)  # back to the results: still one check
    assert counted(usage).get("benefit_check_completed") == 1


def test_without_an_office_config_the_results_have_no_local_help_heading(make_app, driver):
    app = make_app(start_screen="home")
    start_check(app, driver)
    for question_key, answer in ANSWERS:
        answer_by_touch(app, driver, question_key, answer)
    touch(driver, app.screen.ids.see_results)
    assert app.screen.ids.local_help_title.parent is None


class StatusOnly:
    """Stands in for the background sync thread, whose status is all the screens read."""

    def __init__(self, last_sync_at):
        self.status = SyncStatus(state="ok", last_sync_at=last_sync_at)


def test_the_job_screens_say_when_the_jobs_were_updated_in_either_language(make_app, driver):
    synced = dt.datetime.now(dt.UTC).replace(microsecond=0)
    local = synced.astimezone().strftime("%H:%M")
    app = make_app(start_screen="home", sync_worker=StatusOnly(synced.isoformat().replace("+00:00", "Z")))
    driver.tap(app.sm.get_screen("home").ids.find_job)
    assert app.screen.ids.updated.text == f"Jobs updated at {local}"
    assert app.screen.ids.updated.parent is not None, "shown on the search page"
    app.session.search_text = "cleaner"
    touch(driver, app.screen.ids.search)
    assert app.screen.ids.updated.text == f"Jobs updated at {local}"
    app.access.set_language("cy")
    driver.pump(2)
    assert app.screen.ids.updated.text == f"Swyddi wedi'u diweddaru am {local}"


def test_a_kiosk_that_never_synced_says_nothing_about_updates(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    assert app.screen.ids.updated.text == ""
    assert app.screen.ids.updated.height == 0

"""Walking away: the idle warning, "I need more time", and the wipe that leaves nothing behind."""

import logging

from kivy.cache import Cache
from kivy.uix.scrollview import ScrollView

from kiosk.idle import IdleState
from screens.overlays import IdleWarning
from tests.screens.helpers import finish_by_touch, pass_idle_time, widgets_holding

CANARY = "Canary7Xq"


def start_typing(app, driver, text=CANARY):
    """Home → Find a job → type into the field, as a person would."""
    driver.tap(app.sm.get_screen("home").ids.find_job)
    field = app.sm.get_screen("jobs").ids.what
    driver.tap(field)
    driver.type_text(text)
    return field


def test_idle_shows_the_warning_with_a_countdown(make_app, driver, clock):
    app = make_app(start_screen="home")
    pass_idle_time(app, driver, clock, 89)
    assert app.shell.overlay is None
    pass_idle_time(app, driver, clock, 1)
    warning = app.shell.overlay
    assert isinstance(warning, IdleWarning)
    assert warning.ids.countdown.text == "Your details will be cleared in 30 seconds."
    pass_idle_time(app, driver, clock, 29)
    assert warning.ids.countdown.text == "Your details will be cleared in 1 second."


def test_i_need_more_time_keeps_everything_as_often_as_asked(make_app, driver, clock):
    app = make_app(start_screen="home")
    field = start_typing(app, driver)
    for _ in range(12):  # WCAG 2.2.1 asks for at least 10 extensions
        pass_idle_time(app, driver, clock, 95)
        warning = app.shell.overlay
        assert isinstance(warning, IdleWarning)
        pass_idle_time(app, driver, clock, 20)
        driver.tap(warning.ids.more_time)
        assert app.shell.overlay is None
        assert app.idle.monitor.state is IdleState.ACTIVE
    assert app.sm.current == "jobs" and field.text == CANARY and app.session.search_text == CANARY


def test_a_touch_anywhere_on_the_warning_also_means_more_time(make_app, driver, clock):
    app = make_app(start_screen="home")
    pass_idle_time(app, driver, clock, 91)
    assert isinstance(app.shell.overlay, IdleWarning)
    driver.tap_at(20, app.shell.height - 20)
    assert app.shell.overlay is None and app.sm.current == "home"


def test_no_answer_wipes_everything_and_says_so(make_app, driver, clock, caplog):
    caplog.set_level(logging.DEBUG)
    app = make_app(start_screen="home")
    driver.tap(app.shell.ids.lang_cy)
    app.access.set_text_scale(2.0)
    app.access.set_high_contrast(True)
    field = start_typing(app, driver)
    app.session.answers["postcode"] = CANARY
    app.session.cv.contact.name = CANARY
    app.session.cv.skills.append(CANARY)
    app.session.saved_jobs.append(CANARY)
    assert widgets_holding(app, CANARY), "the canary is on screen before the wipe (or this test proves nothing)"
    assert any(CANARY in repr(key) for key in Cache._objects["textinput.label"]), "Kivy caches rendered text"

    pass_idle_time(app, driver, clock, 270)  # accessibility options on: three times 90 s
    assert isinstance(app.shell.overlay, IdleWarning)
    pass_idle_time(app, driver, clock, 30)

    assert app.sm.current == "attract"
    attract = app.sm.get_screen("attract")
    assert attract.cleared
    assert attract.ids.start.text == "Touch the screen to start", "back in the default language"
    assert widgets_holding(app, CANARY) == []
    assert field.text == "" and field._undo == [] and field._redo == []
    assert CANARY not in repr(vars(app.session))
    assert app.session.language == "en" and not app.session.accessibility.any_on()
    assert app.look.palette_name == "standard" and app.look.text_scale == 1.0
    for category in ("textinput.label", "textinput.width"):
        assert not any(CANARY in repr(key) for key in (Cache._objects.get(category) or {}))
    assert CANARY not in caplog.text


def test_the_wipe_puts_every_page_back_at_its_top(make_app, driver, clock):
    app = make_app(start_screen="home")
    app.nav.go("about")
    driver.pump(3)
    pages = [w for w in app.sm.get_screen("about").walk(restrict=True) if isinstance(w, ScrollView)]
    assert pages, "the page scrolls (or this test proves nothing)"
    for page in pages:
        page.scroll_y = 0
    driver.pump(2)
    pass_idle_time(app, driver, clock, 90)
    pass_idle_time(app, driver, clock, 30)
    assert app.sm.current == "attract"
    assert [page.scroll_y for page in pages] == [1] * len(pages)


def test_accessibility_options_make_the_idle_time_three_times_longer(make_app, driver, clock):
    app = make_app(start_screen="home")
    app.access.set_read_aloud(True)
    pass_idle_time(app, driver, clock, 269)
    assert app.shell.overlay is None
    pass_idle_time(app, driver, clock, 1)
    assert isinstance(app.shell.overlay, IdleWarning)


def test_staff_hold_suspends_the_wipe_until_released(make_app, driver, clock):
    app = make_app(start_screen="home")
    app.idle.suspend("staff card")
    pass_idle_time(app, driver, clock, 3600)
    assert app.shell.overlay is None and app.session.in_use
    app.idle.resume("staff card")
    pass_idle_time(app, driver, clock, 89)
    assert app.shell.overlay is None
    pass_idle_time(app, driver, clock, 1)
    assert isinstance(app.shell.overlay, IdleWarning)


def test_attract_screen_never_warns(app, driver, clock):
    pass_idle_time(app, driver, clock, 10_000)
    assert app.shell.overlay is None and app.sm.current == "attract"


def test_read_aloud_speaks_each_screen_and_stops_at_wipe(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_read_aloud(True)
    driver.tap(app.sm.get_screen("home").ids.benefits)
    assert app.services.speech.last_said == ("Check what benefits you could get", "en")
    app.access.set_language("cy")
    driver.tap(app.shell.ids.back)
    assert app.services.speech.last_said == ("Beth hoffech chi ei wneud?", "cy")
    finish_by_touch(driver, app)
    assert app.services.speech.last_said is None

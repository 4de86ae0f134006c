"""Getting around: attract, home, each section, the back link, Start again at journey ends, Finish (asked first)."""

import pytest
from kivy.uix.behaviors import ButtonBehavior

from screens.base import KioskScreen
from screens.tools.tour_views import show_benefits, show_sample_cv
from tests.screens.reading import Recorder
from tests.screens.helpers import finish_by_touch, touch, touch_targets, window_box
from tests.sizes import LANDSCAPE, PORTRAIT


def test_touching_the_attract_screen_opens_home(app, driver):
    assert app.sm.current == "attract"
    assert not app.session.in_use
    driver.tap_at(app.shell.width / 2, app.shell.height / 3)
    assert app.sm.current == "home"
    assert app.session.in_use


@pytest.mark.parametrize("button, section", [("find_job", "jobs"), ("benefits", "benefits"), ("cv", "cv")])
def test_home_opens_each_section_and_back_returns(make_app, driver, button, section):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids[button])
    assert app.sm.current == section
    back = app.shell.ids.back
    assert back.get_parent_window() is not None, "Back is shown on inner screens"
    driver.tap(back)
    assert app.sm.current == "home"
    assert app.shell.ids.back.parent is None, "no Back on the home screen"


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["text100", "text200"])
def test_back_is_a_link_at_the_top_of_the_page_and_pages_add_no_back_of_their_own(make_app, driver, size, scale):
    app = make_app(size=size, start_screen="home")
    app.access.set_text_scale(scale)
    ids = app.shell.ids
    for name in ("jobs_results", "benefits_question", "cv_work_edit", "cv_matches", "privacy"):
        app.nav.go(name)
        driver.pump(2)
        back = ids.back
        _, back_bottom, _, back_top = window_box(back)
        _, header_bottom, _, _ = window_box(ids.header)
        _, _, _, page_top = window_box(ids.sm)
        # Under the header, above the page (and so above the heading), at the left.
        assert back_top <= header_bottom + 1 and back_bottom >= page_top - 1, name
        assert window_box(back)[0] < app.shell.width / 4, name
        assert back.text == app.t["shell.back"]
        words = [app.t["shell.back"].lower(), "cancel", app.t["shell.back"].lower() + " "]
        others = [w.text for w in app.screen.walk(restrict=True) if isinstance(w, ButtonBehavior)
                  and getattr(w, "text", "") and any(w.text.lower().startswith(word) for word in words)]
        assert not others, (name, others)


def test_back_goes_through_the_pages_in_reverse(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    driver.tap(app.sm.get_screen("jobs").ids.search)
    assert app.sm.current == "jobs_results"
    driver.tap(app.shell.ids.back)
    assert app.sm.current == "jobs"
    driver.tap(app.shell.ids.back)
    assert app.sm.current == "home"


def test_start_again_is_only_where_a_journey_ends_and_asks_first(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_text_scale(1.5)
    words = app.t["shell.start_again"]
    found = set()
    for name in app.sm.names:
        if name == "attract":
            continue
        if name.startswith("benefits"):
            show_benefits(app, name)
        elif name.startswith("cv"):
            show_sample_cv(app, name)
        else:
            app.nav.go(name)
        driver.pump(2)
        if any(isinstance(w, ButtonBehavior) and getattr(w, "text", "") == words for w in touch_targets(app.shell)):
            found.add(name)
    assert found == {"benefits_results", "cv_preview"}

    cv = app.session.cv
    assert cv.contact.name, "the sample CV is in the session"
    app.nav.go("cv_preview")
    driver.pump(2)
    touch(driver, app.screen.ids.start_again)
    confirm = app.panels["confirm"]
    assert app.shell.overlay is confirm and confirm.ids.warning.text == app.t["confirm.start_again.warning_cv"]
    driver.tap(confirm.ids.yes)
    assert app.sm.current == "cv" and not app.session.cv.contact.name
    assert app.session.accessibility.text_scale == 1.5, "Start again keeps accessibility choices"
    assert app.session.in_use


def test_finish_asks_first_and_no_keeps_everything(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    driver.tap(app.sm.get_screen("jobs").ids.what)
    driver.type_text("forklift")
    finish = app.shell.ids.finish
    assert finish.text == app.t["shell.finish"] and finish.kind != "primary", "Finish is not the page's green button"
    driver.tap(finish)
    confirm = app.panels["confirm"]
    assert app.shell.overlay is confirm
    assert confirm.ids.heading.text == app.t["confirm.finish.heading"]
    assert confirm.ids.warning.text == app.t["confirm.finish.warning"]
    assert confirm.ids.yes.kind == "warning", "the button that clears is the GOV.UK warning button"
    driver.tap(confirm.ids.no)
    assert app.shell.overlay is None and app.sm.current == "jobs"
    assert app.sm.get_screen("jobs").ids.what.text == "forklift" and app.session.in_use


def test_finish_then_yes_clears_everything(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    driver.tap(app.sm.get_screen("jobs").ids.what)
    driver.type_text("forklift")
    finish_by_touch(driver, app)
    assert app.sm.current == "attract" and app.shell.overlay is None
    assert app.sm.get_screen("attract").cleared
    assert app.session.search_text == "" and not app.session.in_use


def test_every_screen_has_header_controls_in_the_same_place(make_app, driver):
    app = make_app(start_screen="home")
    places = {}
    for name in app.sm.names:
        app.sm.current = name
        driver.pump(2)
        for name in ("lang_en", "lang_cy", "accessibility", "help"):
            widget = app.shell.ids[name]
            assert widget.get_parent_window() is not None
            places.setdefault(name, set()).add(tuple(round(v) for v in widget.to_window(*widget.pos)))
    assert all(len(spots) == 1 for spots in places.values()), places


def test_every_screen_is_a_kiosk_screen_with_a_heading(app):
    for screen in map(app.sm.get_screen, app.sm.names):
        assert isinstance(screen, KioskScreen)
        assert screen.heading_key in app.catalogues["en"].keys, screen.name


def test_the_finish_question_is_read_aloud_with_its_warning_not_the_mark(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_read_aloud(True)
    app.nav.go("jobs")
    heard = Recorder(app)
    driver.tap(app.shell.ids.finish)
    heard.finish_all(driver)
    said = heard.texts()
    assert said[-4:] == [app.t["confirm.finish.heading"], "Warning: " + app.t["confirm.finish.warning"],
                    app.t["confirm.finish.yes"], app.t["confirm.no"]]

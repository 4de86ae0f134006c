"""Getting around: attract, home, each section, Back, Start again, Finish."""

import pytest

from screens.base import KioskScreen


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


def test_back_goes_through_the_pages_in_reverse(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    driver.tap(app.sm.get_screen("jobs").ids.search)
    assert app.sm.current == "jobs_results"
    driver.tap(app.shell.ids.back)
    assert app.sm.current == "jobs"
    driver.tap(app.shell.ids.back)
    assert app.sm.current == "home"


def test_start_again_clears_the_section_and_returns_to_its_first_page(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_text_scale(1.5)
    driver.tap(app.sm.get_screen("home").ids.find_job)
    field = app.sm.get_screen("jobs").ids.what
    driver.tap(field)
    driver.type_text("warehouse")
    driver.tap(app.sm.get_screen("jobs").ids.search)
    driver.tap(app.shell.ids.start_again)
    assert app.sm.current == "jobs"
    assert field.text == "" and app.session.search_text == ""
    assert app.session.accessibility.text_scale == 1.5, "Start again keeps accessibility choices"
    assert app.session.in_use


def test_finish_clears_everything_with_one_touch(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    driver.tap(app.sm.get_screen("jobs").ids.what)
    driver.type_text("forklift")
    driver.tap(app.shell.ids.finish)
    assert app.sm.current == "attract"
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

"""English and Welsh: switching redraws at once and the person stays where they were."""

import pytest

from tests.screens.helpers import all_widgets


def visible_texts(app):
    from kivy.uix.label import Label
    return {w.text for w in all_widgets(app) if isinstance(w, Label) and w.text and w.get_parent_window()}


def test_switching_to_welsh_mid_flow_keeps_the_place_and_the_typing(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    jobs = app.sm.get_screen("jobs")
    driver.tap(jobs.ids.what)
    driver.type_text("glanhawr")
    english = visible_texts(app)
    driver.tap(app.shell.ids.lang_cy)
    assert app.sm.current == "jobs"
    assert jobs.ids.what.text == "glanhawr"
    welsh = visible_texts(app)
    assert "Pa swydd ydych chi'n chwilio amdani?" in welsh
    assert {"Yn ôl", "Gorffen", "Hygyrchedd"} <= welsh
    assert "What job are you looking for?" not in welsh and "What job are you looking for?" in english
    assert app.shell.ids.lang_cy.selected and not app.shell.ids.lang_en.selected
    driver.tap(app.shell.ids.back)
    assert app.sm.current == "home", "history survives the switch"
    driver.tap(app.shell.ids.lang_en)
    assert "What would you like to do?" in visible_texts(app)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_default_language_comes_from_config(make_app, settings, language):
    settings["ui.default_language"] = language
    app = make_app()
    assert app.lang == language
    assert app.sm.get_screen("attract").ids.start.text == app.catalogues[language]["attract.touch"]


def test_choosing_a_language_on_the_attract_screen_starts_a_session_that_will_be_wiped(app, driver, clock):
    driver.tap(app.shell.ids.lang_cy)
    assert app.session.in_use and app.sm.current == "home" and app.lang == "cy"
    clock.advance(121)
    driver.pump(3)
    clock.advance(31)
    driver.pump(3)
    assert app.sm.current == "attract" and app.lang == "en", "the next person is not greeted in the last one's language"

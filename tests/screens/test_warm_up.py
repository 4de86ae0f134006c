"""The warm-up: the journeys' first screens are made while the attract screen waits, one step a frame, and never
while someone is using the kiosk."""

import pytest

from screens import warm_up
from tests.screens.helpers import finish_by_touch


@pytest.fixture(autouse=True)
def drawn_frames(driver):
    """The warm-up takes one step a drawn frame (after each flip), so these tests draw every frame."""
    before, driver.draws = driver.draws, True
    yield
    driver.draws = before


def made(app):
    return {screen.name for screen in app.sm.screens}


def test_the_attract_screen_makes_the_journeys_screens_one_a_frame(make_app, driver, settings, monkeypatch):
    import kiosk.pdf_fonts
    font_maps_read = []
    monkeypatch.setattr(kiosk.pdf_fonts, "unprintable", lambda text: font_maps_read.append(text) or [])
    from kiosk.benefits import messages
    messages.plural_keys.cache_clear()  # the first results' total needs it: read from the .po files, 44 ms
    settings["display.warm_up"] = True
    app = make_app()
    assert app.sm.current == "attract"
    assert not set(warm_up.SCREENS) & made(app), "nothing made before the warm-up starts"
    app.warm_up.start()  # the app also starts it a second after its first frame, which on a slow machine is now
    before = len(app.warm_up.steps)
    driver.pump(3)
    assert before - 3 <= len(app.warm_up.steps) < before, "one step a frame, not all at once"
    assert not font_maps_read, "the printouts are made ready after the screens"
    driver.pump(len(warm_up.SCREENS) + len(warm_up.LAST_STEPS) + 2)
    assert app.warm_up.done and set(warm_up.SCREENS) <= made(app)
    assert font_maps_read == [""], "the fonts' character maps are read once, with nobody's text"
    assert messages.plural_keys.cache_info().currsize == 1, "the plural messages are known before any results"
    assert app.sm.current == "attract"


def test_a_visit_stops_the_warm_up_and_the_attract_screen_goes_on_with_it(make_app, driver, settings):
    settings["display.warm_up"] = True
    app = make_app()
    app.warm_up.start()
    driver.pump(2)
    driver.tap(app.sm.get_screen("attract").ids.start)
    assert app.sm.current == "home"
    left = list(app.warm_up.steps)
    assert left, "the visit began before the warm-up ended (or this test proves nothing)"
    driver.pump(len(left) + 5)
    assert app.warm_up.steps == left, "nothing is made while someone is using the kiosk"
    finish_by_touch(driver, app)
    if app.shell.overlay is not None and "yes" in app.shell.overlay.ids:  # Finish asks first
        driver.tap(app.shell.overlay.ids.yes)
    assert app.sm.current == "attract"
    driver.pump(len(left) + 5)
    assert app.warm_up.done


def test_after_a_visit_the_attract_screen_tidies_once_it_is_drawn(make_app, driver, settings):
    settings["display.warm_up"] = True
    app = make_app()
    app.warm_up.steps.clear()  # only the tidy after a visit is at stake here
    tidied, flips = [], []
    app.warm_up._on_done = lambda: tidied.append((app.sm.current, len(flips)))
    watch = driver.window.fbind("on_flip", lambda *_args: flips.append(True))
    try:
        app.warm_up.start()
        driver.pump(3)
        assert tidied == [] and app.warm_up.done, "nothing to tidy before anyone has come"
        driver.tap(app.sm.get_screen("attract").ids.start)
        driver.pump(3)
        assert tidied == [], "nothing is tidied while someone is using the kiosk"
        driver.tap(app.shell.ids.finish)
        flips.clear()
        driver.tap(app.panels["confirm"].ids.yes)
        driver.pump(3)
    finally:
        driver.window.unbind_uid("on_flip", watch)
    assert len(tidied) == 1 and tidied[0][0] == "attract", tidied
    assert tidied[0][1] >= 1, "the attract screen was drawn before the tidy, not after it"
    assert app.warm_up.done


def test_a_stopped_warm_up_makes_nothing_more(make_app, driver, settings):
    settings["display.warm_up"] = True  # the app stops it in on_stop, which a test cannot run before its teardown
    app = make_app()
    app.warm_up.start()
    driver.pump(2)
    left = list(app.warm_up.steps)
    app.warm_up.stop()
    driver.pump(3)
    app.sm.current = "home"
    app.sm.current = "attract"
    driver.pump(3)
    assert app.warm_up.steps == left


def test_the_kiosk_warms_up_by_default():
    from kiosk.config import defaults
    assert defaults()["display.warm_up"] is True

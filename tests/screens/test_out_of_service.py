"""A failing screen never drops to the desktop: out-of-service, a log without personal data, recovery."""

import logging

from kivy.core.window import Window

from screens.overlays import OutOfService
from tests.screens.helpers import pass_idle_time

SECRET = "AB123456C"


def test_an_error_in_a_screen_shows_out_of_service_then_recovers(make_app, driver, clock, settings, caplog):
    caplog.set_level(logging.INFO)
    settings["ui.recover_seconds"] = 15
    app = make_app(start_screen="home")
    app.session.search_text = SECRET

    def broken(*_args):
        raise ValueError(f"bad national insurance number {SECRET}")

    button = app.sm.get_screen("home").ids.cv
    button.bind(on_release=broken)
    try:
        driver.tap(button)
        assert app.recovery.out_of_service
        assert any(isinstance(w, OutOfService) for w in Window.children)
        assert app.session.search_text == "", "the session is wiped at once"
        assert "ValueError (message withheld)" in caplog.text
        assert "test_out_of_service.py" in caplog.text, "the log says where it failed"
        assert SECRET not in caplog.text
        pass_idle_time(app, driver, clock, 14)
        assert app.recovery.out_of_service
        pass_idle_time(app, driver, clock, 2)
        assert not app.recovery.out_of_service
        assert not any(isinstance(w, OutOfService) for w in Window.children)
        assert app.sm.current == "attract"
    finally:
        button.unbind(on_release=broken)
    driver.tap(app.sm.get_screen("attract").ids.start)
    assert app.sm.current == "home", "the kiosk works again after recovering"


def test_errors_too_fast_to_recover_from_end_the_process(app):
    """A crash loop is left to the service manager: the handler says RAISE after a burst."""
    from screens.recovery import ERROR_BURST
    results = [app.recovery.recover_from(RuntimeError("x")) for _ in range(ERROR_BURST)]
    assert results[:-1] == [True] * (ERROR_BURST - 1) and results[-1] is False
    app.recovery.end_out_of_service()

"""Lockdown keys and close requests, sent to the real window (the whole-process checks are in tests/e2e)."""

import pytest
from kivy.uix.settings import Settings

from screens import lockdown


@pytest.fixture
def locked(app, driver):
    undo = lockdown.install(app)
    yield app
    undo()


@pytest.mark.parametrize("keycode, modifiers", [
    (27, []),            # Escape: Kivy's exit key
    (282, []),           # F1: Kivy's settings panel
    (285, ["alt"]),      # Alt+F4
    (101, ["ctrl"]),     # Ctrl+E: the inspector (no modules are loaded at all)
])
def test_lockdown_keys_do_nothing(locked, driver, keycode, modifiers):
    from kivy.app import App
    from kivy.core.window import Window
    before = locked.sm.current
    driver.press_key(keycode, modifiers)
    assert App.get_running_app() is locked
    assert not locked._stopped
    assert locked.sm.current == before
    assert not any(isinstance(w, Settings) for w in Window.children)


def test_unlocked_app_would_open_settings_on_f1(app, driver):
    """The control for the test above: without lockdown, F1 does open Kivy's settings panel."""
    from kivy.core.window import Window
    driver.press_key(282)
    assert any(isinstance(w, Settings) for w in Window.children)
    app.close_settings()


def test_window_close_requests_are_refused(locked):
    from kivy.core.window import Window
    assert Window.dispatch("on_request_close", source="keyboard") is True
    assert not locked._stopped

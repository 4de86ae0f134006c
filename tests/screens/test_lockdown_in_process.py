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


def test_the_kiosk_window_has_no_multisampling():
    """Kivy's default 2-sample anti-aliasing costs about 70 MB with software GL (docs/adr/012); the kiosk's own
    configuration turns it off, checked in a fresh process since this one's window already exists."""
    import subprocess
    import sys
    code = ("from screens.lockdown import configure_kivy; configure_kivy(kiosk=True, size=(800, 600)); "
            "from kivy.config import Config; print(Config.get('graphics', 'multisamples'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={"KIVY_NO_ARGS": "1", "KIVY_NO_CONFIG": "1", "KIVY_NO_CONSOLELOG": "1",
                              "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip().splitlines()[-1:] == ["0"], out.stderr[-2000:]

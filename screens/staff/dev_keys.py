"""Keys for developers and demos to put a simulated staff card in and take it out (never in kiosk mode).

    F6  put in a digital champion's card (PIN 1234)
    F7  put in an IT maintenance card (PIN 1234)
    F8  take the card out

Only installed when the kiosk runs in a window (no ``--kiosk``) on the simulated card reader, so a locked kiosk
never has a way to make a staff card from the keyboard.
"""

from __future__ import annotations

import logging

log = logging.getLogger("jobpoint.dev")

#: Kivy keycodes of F6, F7 and F8.
KEYS = {287: "champion", 288: "maintenance", 289: None}


def install(app):
    """Bind the keys if the app's card reader is the simulated one.

    :param app: the KioskApp.
    :returns: a function that unbinds the keys (tests share one window between apps), or None when the reader is
        not the simulated one.
    """
    reader = getattr(app.services.devices, "card", None)
    if not hasattr(reader, "insert_demo_card"):
        return None
    from kivy.core.window import Window

    def on_key_down(_window, keycode, *_args):
        if keycode not in KEYS:
            return False
        role = KEYS[keycode]
        if role is None:
            reader.remove_card()
            log.warning("simulated card taken out (F8)")
        else:
            reader.insert_demo_card(role)
            log.warning("simulated %s card put in (PIN %s)", role, "1234")
        return True

    Window.bind(on_key_down=on_key_down)
    log.warning("simulated staff cards: F6 digital champion, F7 IT maintenance, F8 take out (PIN 1234)")
    return lambda: Window.unbind(on_key_down=on_key_down)

"""Kiosk lockdown: a borderless window over the whole screen, no cursor, and no way out by keyboard or window
manager. SIGTERM (systemd stop) still ends the app cleanly.

    configure_kivy(kiosk=True, size=(1920, 1080))   # before kivy.core.window is imported
    ...
    install(app)                                    # once the window exists (App.on_start)
    install_stop_signals(app)

Kivy's own fullscreen is clipped when no window manager runs (research/kivy-testing.md 3), so the kiosk opens a
borderless window at 0,0 exactly the size of the X screen instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import signal

log = logging.getLogger("jobpoint.lockdown")

KEY_ESCAPE, KEY_F1, KEY_F4, KEY_F12 = 27, 282, 285, 293
#: Escape (Kivy's exit key), F1 (settings panel) to F12; Alt+F4 is caught separately.
BLOCKED_KEYS = frozenset({KEY_ESCAPE, *range(KEY_F1, KEY_F12 + 1)})


def x_screen_size() -> tuple[int, int] | None:
    """The size of the X screen in pixels, or None when there is no X display to ask."""
    name = ctypes.util.find_library("X11")
    if not name:
        return None
    xlib = ctypes.CDLL(name)
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultScreen.argtypes = [ctypes.c_void_p]
    xlib.XDisplayWidth.argtypes = xlib.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = xlib.XOpenDisplay(None)
    if not display:
        return None
    try:
        screen = xlib.XDefaultScreen(display)
        return xlib.XDisplayWidth(display, screen), xlib.XDisplayHeight(display, screen)
    finally:
        xlib.XCloseDisplay(display)


def configure_kivy(kiosk: bool, size: tuple[int, int]) -> None:
    """Set Kivy's config for the kiosk; call before ``kivy.core.window`` is imported.

    :param kiosk: True for the locked fullscreen kiosk, False for a normal window.
    :param size: the window size in pixels (the whole screen when ``kiosk``).
    """
    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0")
    # Kivy's own keyboard never shows: the kiosk draws its own (screens/keyboard); a physical keyboard (staff,
    # developers) works as well.
    Config.set("kivy", "keyboard_mode", "system")
    Config.set("graphics", "width", str(size[0]))
    Config.set("graphics", "height", str(size[1]))
    Config.set("graphics", "resizable", "0" if kiosk else "1")
    # No multisample anti-aliasing (Kivy's default is 2 samples): with software GL the multisampled framebuffers
    # cost about 70 MB of memory, and the flat GOV.UK look has almost nothing but straight edges (docs/adr/012).
    Config.set("graphics", "multisamples", "0")
    # Right-click would otherwise leave red multitouch-emulation dots on the screen.
    Config.set("input", "mouse", "mouse,disable_multitouch")
    for module in list(Config.options("modules")):  # inspector, monitor, keybinding, ...
        Config.remove_option("modules", module)
    if kiosk:
        Config.set("graphics", "fullscreen", "0")
        Config.set("graphics", "borderless", "1")
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", "0")
        Config.set("graphics", "top", "0")
        Config.set("graphics", "show_cursor", "0")
        Config.set("graphics", "allow_screensaver", "0")


def install(app):
    """Ignore every way out by keyboard or window manager; call from ``App.on_start``.

    :param app: the running App.
    :returns: a function that undoes it (for tests, which share one window between apps).
    """
    from kivy.core.window import Window

    def refuse_close(_window, *_args, **kwargs):
        log.info("refused a request to close the window (source: %s)", kwargs.get("source", "window manager"))
        return True

    def swallow_keys(_window, key, _scancode, _codepoint, modifiers):
        if key in BLOCKED_KEYS or (key == KEY_F4 and "alt" in modifiers):
            return True
        return None

    Window.bind(on_request_close=refuse_close, on_keyboard=swallow_keys)
    app.use_kivy_settings = False
    app.open_settings = lambda *args, **kwargs: False

    def uninstall():
        Window.unbind(on_request_close=refuse_close, on_keyboard=swallow_keys)

    return uninstall


def install_stop_signals(app) -> None:
    """Make SIGTERM and SIGINT stop the app cleanly.

    SDL turns them into a window-close request, which the kiosk refuses, so systemd would have to SIGKILL it.

    :param app: the running App.
    """
    from kivy.clock import Clock

    def stop(signum, _frame):
        log.info("received signal %d; stopping", signum)
        Clock.schedule_once(lambda _dt: app.stop(), 0)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)

"""Small helpers for UI tests: where text is, which widgets can be touched, what the clock does."""

from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.textinput import TextInput


def all_widgets(app):
    """Every widget the app owns: every screen (shown or not), every panel, and whatever is on the window."""
    from kivy.core.window import Window
    roots = [app.shell, *app.sm.screens, *app.panels.values(), *app.staff.panels, *Window.children]
    seen = set()
    for root in roots:
        for widget in root.walk(restrict=True):
            if id(widget) not in seen:
                seen.add(id(widget))
                yield widget


def widgets_holding(app, needle: str):
    """Widgets with ``needle`` anywhere in their properties or attributes (text, undo history, line cache ...)."""
    found = []
    for widget in all_widgets(app):
        values = [getattr(widget, name, None) for name in widget.properties()]
        values += list(vars(widget).values())
        if any(needle in repr(value) for value in values):
            found.append(widget)
    return found


def touch_targets(root):
    """Every button and text field under ``root`` that is showing and can be touched."""
    for widget in root.walk(restrict=True):
        if isinstance(widget, (ButtonBehavior, TextInput)) and not widget.disabled and widget.opacity > 0 \
                and widget.get_parent_window() is not None:
            yield widget


def window_box(widget):
    """(left, bottom, right, top) of a widget in window coordinates."""
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, x + widget.width, y + widget.height


def pass_idle_time(app, driver, clock, seconds: float) -> None:
    """Let ``seconds`` go by with nobody touching the screen, then draw a couple of frames."""
    clock.advance(seconds)
    driver.pump(3)


def touch(driver, widget):
    """Touch a widget as a person would: scroll its page until it is in view first, then tap it."""
    from kivy.uix.scrollview import ScrollView
    page = widget.parent
    # The window is its own parent, so stop there: a widget outside any scrolling page is tapped as it is.
    while page is not None and not isinstance(page, ScrollView) and page.parent is not page:
        page = page.parent
    if isinstance(page, ScrollView):
        page.scroll_to(widget, padding=10, animate=False)
        driver.pump(2)
    driver.tap(widget)


def finish_by_touch(driver, app) -> None:
    """Touch Finish in the bar at the top, then "Yes, finish" on the question it asks."""
    driver.tap(app.shell.ids.finish)
    assert app.shell.overlay is app.panels["confirm"], "Finish asks first"
    driver.tap(app.panels["confirm"].ids.yes)


def on_screen_keyboard(app):
    """The kiosk's on-screen keyboard (``screens.keyboard.board.OnScreenKeyboard``)."""
    return app.shell.ids.keyboard


def key_button(app, label: str):
    """The key showing ``label`` ("a", "Ł", "@"), or of a kind ("delete", "shift", "enter", "space"), accents
    popup included; AssertionError when no key on the keyboard has it."""
    keys = on_screen_keyboard(app).key_buttons()
    found = [k for k in keys if k.text == label] or [k for k in keys if k.key.kind == label]
    assert found, f"no key {label!r} among {[k.text for k in keys]}"
    return found[-1]  # the accents popup's, when it shows the letter too


def tap_key(driver, app, label: str) -> None:
    """Touch and let go of one key of the on-screen keyboard."""
    driver.tap(key_button(app, label))


def hold_key(driver, app, label: str) -> None:
    """Hold a key down until its accents show, then let go (as a person does, who then touches one)."""
    from kivy.tests.common import UnitTestTouch
    keyboard = on_screen_keyboard(app)
    touch = UnitTestTouch(*key_button(app, label).to_window(*key_button(app, label).center))
    driver._as_main_loop(touch.touch_down)
    driver.wait_until(lambda: keyboard.variant_buttons())
    driver._as_main_loop(touch.touch_up)
    driver.pump(2)


def type_on_keyboard(driver, app, text: str) -> None:
    """Type text key by key on the on-screen keyboard: Shift before a capital, a hold for an accented letter."""
    from screens.keyboard.accents import VARIANTS
    bases = {variant: base for base, variants in VARIANTS.items() for variant in variants}
    for char in text:
        lower = char.lower() if char != "İ" else "ı"
        if char != lower and not on_screen_keyboard(app).shift:
            tap_key(driver, app, "shift")
        if lower in bases:
            hold_key(driver, app, bases[lower].upper() if char != lower else bases[lower])
            tap_key(driver, app, char)
        else:
            tap_key(driver, app, "space" if char == " " else char)


def every_view(app, driver):
    """Set up each tour view in turn from a fresh session, as the tour does, and yield its name once it is drawn.

    :param app: a running KioskApp (``make_app(start_screen="home")``).
    """
    from screens.tools.tour import _fresh as fresh
    from screens.tools.tour_views import views
    job_search = app.services.job_search  # a view of the search being unavailable takes it away
    for name, set_up in views(app):
        fresh(app, driver, None, job_search)
        set_up()
        driver.pump(2)
        yield name


def in_view(app, widget) -> bool:
    """True when the whole widget is on the page's part of the screen, where a touch reaches it."""
    left, bottom, right, top = window_box(widget)
    o_left, o_bottom, o_right, o_top = window_box(app.shell.ids.sm)
    return widget.get_parent_window() is not None and o_left - 1 <= left and right <= o_right + 1 \
        and o_bottom - 1 <= bottom and top <= o_top + 1

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

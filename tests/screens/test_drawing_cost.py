"""What each frame draws: no wide Line in a colour that is not fully opaque (docs/adr/017-outlines-are-rectangles.md).

Kivy draws a Line wider than one pixel in a translucent colour with a stencil pushed and popped around it, every
frame; with software GL that cost about 2 ms a Line and made half of a question page's frame time. Borders are
``Outline`` rectangles instead; this walks every screen and panel in the tour's list and fails on any Line that
would take the stencil path, naming the widget, so a new .kv rule cannot bring the cost back unnoticed.
"""

import pytest
from kivy.graphics import Color, Line
from kivy.graphics.instructions import InstructionGroup

from tests.screens.test_look import VIEWS, show


def wide_translucent_lines(root):
    """(widget, line width, alpha) for each Line wider than 1 px drawn with alpha below 1, opacity included."""
    found = []
    widgets = list(root.walk(restrict=True))
    # A widget's canvas holds its children's canvases: each is walked for its own widget only.
    canvases = {id(c) for w in widgets for c in (w.canvas.before, w.canvas, w.canvas.after) if c is not None}
    for widget in widgets:
        opacity, ancestor = 1.0, widget
        while ancestor is not None and ancestor is not ancestor.parent:
            opacity *= getattr(ancestor, "opacity", 1.0)
            ancestor = ancestor.parent
        for canvas in (widget.canvas.before, widget.canvas, widget.canvas.after):
            found += _lines_in(canvas, widget, opacity, canvases)
    return found


def _lines_in(group, widget, opacity, canvases, alpha=1.0):
    found = []
    for instruction in group.children:
        if isinstance(instruction, Color):
            alpha = instruction.a
        elif isinstance(instruction, Line):
            if instruction.width > 1 and alpha * opacity < 1:
                found.append((type(widget).__name__, instruction.width, alpha * opacity))
        elif isinstance(instruction, InstructionGroup) and id(instruction) not in canvases:
            found += _lines_in(instruction, widget, opacity, canvases, alpha)
    return found


@pytest.mark.parametrize("contrast", [False, True], ids=["standard", "high_contrast"])
def test_no_screen_draws_a_wide_line_in_a_translucent_colour(make_app, driver, contrast):
    app = make_app()
    app.access.set_high_contrast(contrast)
    walked = 0
    for view in VIEWS:
        show(app, driver, view)
        assert wide_translucent_lines(app.shell) == [], view
        walked += 1
        app.nav.close_overlay()
    assert walked == len(VIEWS)


def test_the_check_finds_a_wide_translucent_line(make_app, driver):
    from kivy.uix.widget import Widget
    app = make_app(start_screen="home")
    probe = Widget()
    with probe.canvas:
        Color(0, 0, 0, 0)
        Line(rectangle=(0, 0, 10, 10), width=3)
    app.screen.add_widget(probe)
    assert wide_translucent_lines(app.shell) == [("Widget", 3, 0)]

"""GOV.UK buttons: at most one green (primary) button a page, and on a page of options that scroll ("Choose all
that apply", the job filters) that button stays in view at any text size, either way round."""

import pytest

from screens.tools.tour_views import show_benefits_question, views
from screens.widgets import KButton
from tests.screens.helpers import every_view, touch, window_box
from tests.sizes import LANDSCAPE, PORTRAIT

def green_buttons(app):
    """The primary buttons showing on the screen or the panel over it."""
    root = app.shell.overlay or app.shell
    return [w.text for w in root.walk(restrict=True) if isinstance(w, KButton) and w.kind == "primary" and w.text
            and w.get_parent_window() is not None and w.opacity > 0 and not w.disabled]


@pytest.mark.timeout(900)  # every view in turn: about 40 s on an idle 2-core machine
def test_no_view_has_more_than_one_green_button(make_app, driver):
    app = make_app(start_screen="home")
    crowded = {}
    for name in every_view(app, driver):
        if len(green_buttons(app)) > 1:
            crowded[name] = green_buttons(app)
    assert not crowded


def inside(inner, outer) -> bool:
    left, bottom, right, top = window_box(inner)
    o_left, o_bottom, o_right, o_top = window_box(outer)
    return o_left - 1 <= left and right <= o_right + 1 and o_bottom - 1 <= bottom and top <= o_top + 1


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["text100", "text200"])
def test_continue_stays_in_view_under_options_that_scroll(make_app, driver, size, scale):
    app = make_app(size=size, start_screen="home")
    app.access.set_text_scale(scale)
    show_benefits_question(app, "benefits_received")
    driver.pump(3)
    screen = app.screen
    page, options = screen.ids.page, screen.ids.options
    assert screen.ids.hint.text == app.t["benefits.choices_hint"]
    for scroll_y in (1, 0):  # the top of the options, then the last of them
        page.scroll_y = scroll_y
        driver.pump(2)
        assert inside(screen.continue_button, app.shell.ids.sm), scroll_y
        assert window_box(screen.continue_button)[3] <= window_box(page)[1] + 1, "under the options, not over them"
    # The last option can be reached and chosen, and Continue then goes on.
    last = options.children[0]
    touch(driver, last)
    assert last.selected
    touch(driver, screen.continue_button)
    assert app.sm.current == "benefits_answers", "Check your answers comes next"

    dict(views(app))["jobs_filters"]()
    driver.pump(3)
    filters = app.screen
    for scroll_y in (1, 0):
        filters.ids.page.scroll_y = scroll_y
        driver.pump(2)
        assert inside(filters.ids.show, app.shell.ids.sm), scroll_y
    shows = [w for w in filters.walk(restrict=True) if isinstance(w, KButton) and w.text == filters.ids.show.text
             and w.get_parent_window() is not None]
    assert len(shows) == 1, "one Show N jobs"


def test_other_questions_have_no_bar_under_the_page(make_app, driver):
    app = make_app(start_screen="home")
    show_benefits_question(app, "partner")
    driver.pump(2)
    assert app.screen.ids.pinned.parent is None
    assert window_box(app.screen.ids.page)[1] == pytest.approx(window_box(app.shell.ids.sm)[1], abs=1)


def ticked(root):
    """The buttons showing a tick (``selected``) under ``root``."""
    return [w for w in root.walk(restrict=True) if getattr(w, "selected", False) and w.get_parent_window()]


def test_a_tick_means_chosen_not_done_not_saved_not_typing_here(make_app, driver):
    app = make_app(start_screen="home")
    # CV steps say "Done" or "Not started", in words, and show no tick.
    app.session.cv.statement = "I am a hard worker."
    app.nav.go("cv")
    driver.pump(2)
    steps = list(reversed(app.screen.ids.steps.children))
    assert [link.ids.step_status.text for link in steps[:2]] == ["Not started", "Done"]
    assert not ticked(app.screen)
    touch(driver, steps[1])
    assert app.sm.current == "cv_statement"

    # The child whose age is typed is "typing now", drawn like a field in use; touching another moves it.
    show_benefits_question(app, "children_ages")
    driver.pump(2)
    screen = app.screen
    first, second = reversed(screen.answer_box.children)
    assert first.typing and not second.typing and first.text.endswith("(typing now)")
    assert not ticked(screen)
    touch(driver, second)
    assert second.typing and not first.typing and not ticked(screen)

    # A saved job says so in words; its button is not ticked.
    dict(views(app))["job_detail"]()
    driver.pump(2)
    detail = app.screen
    touch(driver, detail.ids.save)
    assert detail.saved and detail.ids.saved_note.text and not ticked(detail)

    # A chosen answer is ticked, and only while chosen.
    show_benefits_question(app, "benefits_received")
    driver.pump(2)
    option = next(reversed(app.screen.ids.options.children))
    for _ in range(2):
        chosen_before = option.selected
        touch(driver, option)
        assert option.selected != chosen_before and (option in ticked(app.screen)) == option.selected


def outline_colours(widget):
    """The colours an Outline (a border) is drawn in, in the widget's canvas."""
    from kivy.graphics import Color
    from screens.outline import Outline
    colours, colour = [], None
    for instruction in widget.canvas.before.children:
        if isinstance(instruction, Color):
            colour = tuple(round(c, 3) for c in instruction.rgba)
        elif isinstance(instruction, Outline):
            colours.append(colour)
    return colours


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high_contrast"])
def test_cards_and_header_items_look_touchable(make_app, driver, high_contrast):
    app = make_app(start_screen="home")
    app.access.set_high_contrast(high_contrast)
    driver.pump(2)
    look = app.look
    # Header items are boxes in the header's text colour, not bare words on black.
    for name in ("help", "accessibility", "lang_en", "lang_cy"):
        assert tuple(round(c, 3) for c in look.header_text) in outline_colours(app.shell.ids[name]), name
    # Home's services are cards with a chevron, grey: the page has no green button competing with them.
    home = app.screen
    for name in ("find_job", "benefits", "cv"):
        card = home.ids[name]
        assert card.kind == "secondary" and card.end_space > 0 and card.halign == "left", name
    assert not green_buttons(app)
    # A job card ends with "View job" (bold, underlined) and has room for its chevron; touching it opens the job.
    dict(views(app))["jobs_results"]()
    driver.pump(2)
    row = next(reversed(app.screen.ids.rows.children))
    view = [w for w in row.children if w.text == app.t["results.view_job"]]
    assert len(view) == 1 and view[0].underline and view[0].bold
    assert row.padding[2] > row.padding[0], "room at the right for the chevron"
    job_id = row.job.id
    touch(driver, view[0])
    assert app.sm.current == "job_detail" and app.screen.vacancy["id"] == job_id

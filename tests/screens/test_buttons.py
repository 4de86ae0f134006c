"""GOV.UK buttons: at most one green (primary) button a page, and on a page of options that scroll ("Choose all
that apply", the job filters) that button stays in view at any text size, either way round."""

import pytest

from screens.tools.tour import _fresh as fresh
from screens.tools.tour_views import show_benefits_question, views
from screens.widgets import KButton
from tests.screens.helpers import touch, window_box
from tests.sizes import LANDSCAPE, PORTRAIT

#: Home's three services are one green button each until they become cards (issue #18 point 3, cards); the out of
#: service panel shows over home.
MENU_VIEWS = {"home", "out_of_service"}


def green_buttons(app):
    """The primary buttons showing on the screen or the panel over it."""
    root = app.shell.overlay or app.shell
    return [w.text for w in root.walk(restrict=True) if isinstance(w, KButton) and w.kind == "primary" and w.text
            and w.get_parent_window() is not None and w.opacity > 0 and not w.disabled]


def test_no_view_has_more_than_one_green_button(make_app, driver):
    app = make_app(start_screen="home")
    crowded = {}
    job_search = app.services.job_search  # a view of the search being unavailable takes it away
    for name, set_up in views(app):
        if name in MENU_VIEWS or name.startswith("staff_maintenance"):
            continue
        fresh(app, driver, "en", job_search)
        set_up()
        driver.pump(2)
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

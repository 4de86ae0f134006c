"""Layouts that hold at every size (issue #18, point 2): each layout the issue found broken, opened as the tour opens
it at the setting that broke it, measured, and checked by the layout check (screens/tools/layout_check.py)."""

import pytest

from screens.tools.layout_check import check
from screens.tools.tour_views import views
from tests.screens.helpers import touch_targets, window_box
from tests.sizes import LANDSCAPE, PORTRAIT


def open_view(app, driver, view, language="en", text_scale=1.0, reach=False):
    """Open a tour view (screens/tools/tour_views.py) in this language and look, laid out."""
    app.access.set_language(language)
    app.access.set_text_scale(text_scale)
    app.access.set_reach(reach)
    dict(views(app))[view]()
    driver.pump(4, draw=False)


def test_home_with_reach_in_landscape_shows_all_three_services_and_about_without_scrolling(make_app, driver):
    app = make_app(size=LANDSCAPE)
    open_view(app, driver, "home", "cy", reach=True)
    home = app.sm.get_screen("home")
    page_bottom, page_top = window_box(home.ids.page)[1], window_box(home.ids.page)[3]
    for name in ("find_job", "benefits", "cv", "about"):
        bottom, top = window_box(home.ids[name])[1], window_box(home.ids[name])[3]
        assert page_bottom - 1 <= bottom and top <= page_top + 1, name
        assert home.ids[name].height >= app.look.target - 0.5
    assert check(app, "home-cy-landscape-reach") == []


def test_home_keeps_its_big_service_buttons_where_there_is_room(make_app, driver):
    app = make_app(size=PORTRAIT)
    open_view(app, driver, "home")
    assert app.sm.get_screen("home").ids.cv.height == app.look.mm(28)


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_accessibility_panel_shows_done_at_every_text_size(make_app, driver, size):
    app = make_app(size=size)
    for scale in (1.0, 2.0):
        open_view(app, driver, "accessibility", "cy", text_scale=scale)
        done = app.shell.overlay.ids.done
        left, bottom, right, top = window_box(done)
        assert bottom >= 0 and top <= size[1] and left >= 0 and right <= size[0], scale
        assert done in list(touch_targets(app.shell.overlay))
        assert check(app, f"accessibility-cy-{scale}") == []
        app.nav.close_overlay()


@pytest.mark.parametrize("view", ["cv_education_edit_sample", "cv_work_edit_sample"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_year_buttons_stay_in_their_row_clear_of_the_hint_and_no_date_on_the_screen(make_app, driver, view, size):
    app = make_app(size=size)
    for language in ("en", "cy"):
        for scale in (1.0, 2.0):
            open_view(app, driver, view, language, text_scale=scale)
            stepper = next(w for w in app.screen.walk(restrict=True) if type(w).__name__ == "YearStepper")
            row_bottom, row_top = window_box(stepper)[1], window_box(stepper)[3]
            for button in (stepper.ids.minus, stepper.ids.plus, stepper.ids.shown):
                assert row_bottom - 1 <= window_box(button)[1] and window_box(button)[3] <= row_top + 1
            problems = check(app, f"{view}-{language}-{scale}")
            assert problems == [], "\n".join(map(str, problems))

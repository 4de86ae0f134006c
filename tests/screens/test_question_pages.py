"""GOV.UK question pages (issue #18 point 3): one way back, the back link at the top, and no "Previous step" or
Cancel beside it; the page's Continue in view without scrolling, in portrait, in Welsh, at 200 % text, on every
CV step (and its add-a-job and add-a-course pages), every benefits question and the job filters; and a tick only
ever on a chosen answer, never a tick mark in words."""

import re

import pytest
from kivy.uix.label import Label

from kiosk.cv.steps import STEPS
from screens.benefits.widgets import flow_state
from screens.patterns import BackLink
from screens.tools.tour_views import benefits_questions, show_benefits_question, views
from screens.widgets import KButton
from tests.screens.helpers import every_view, in_view, tap_key, touch, touch_targets
from tests.sizes import PORTRAIT

#: Words that take a person back the way they came, in English and Welsh: a second one beside the back link is a
#: second way back ("Previous step", "Cancel", "Go back"). "Previous page" of the job results is paging, not back.
BACK_WORDS = re.compile(r"^(back|previous step|cancel|go back|yn ôl|cam blaenorol|canslo|ewch yn ôl)\b",
                        re.IGNORECASE)
#: Tick marks as characters: a tick is drawn only beside a chosen answer (KButton.selected), never written.
TICK_MARKS = re.compile("[\u2713\u2714\u2611\u2705\u221a]")


def ways_back(app) -> list[str]:
    """The words of every way back a person can touch on the page (or the panel over it)."""
    root = app.shell.overlay or app.shell
    found = []
    for widget in touch_targets(root):
        text = getattr(widget, "text", "")
        if isinstance(widget, BackLink) or (isinstance(widget, (KButton, Label)) and BACK_WORDS.match(text.strip())):
            found.append(text)
    return found


@pytest.mark.timeout(900)  # every view in turn: about 40 s on an idle 2-core machine
def test_no_view_has_two_ways_back_or_a_tick_written_as_a_character(make_app, driver):
    app = make_app(start_screen="home")
    doubled, ticks = {}, {}
    for name in every_view(app, driver):
        if len(ways_back(app)) > 1:
            doubled[name] = ways_back(app)
        root = app.shell.overlay or app.shell
        written = [w.text for w in root.walk(restrict=True) if isinstance(w, Label) and TICK_MARKS.search(w.text)
                   and w.get_parent_window() is not None]
        if written:
            ticks[name] = written
    assert not doubled
    assert not ticks


@pytest.fixture
def welsh_portrait_large(make_app, driver):
    """The kiosk in portrait, in Welsh (chosen by touch) and at 200 % text, at home."""
    app = make_app(size=PORTRAIT, start_screen="home")
    touch(driver, app.shell.ids.lang_cy)
    app.access.set_text_scale(2.0)
    driver.pump(2)
    assert app.lang == "cy"
    return app


def check_edit_page(app, driver, add_id: str, editor: str, lister: str) -> None:
    """Open an add page from its list, see its Save in view and one way back, and go back by the back link."""
    touch(driver, app.screen.ids[add_id])
    assert app.sm.current == editor
    assert ways_back(app) == ["Yn ôl"], editor
    assert in_view(app, app.screen.ids.buttons.ids.save), editor
    driver.tap(app.shell.ids.back)
    assert app.sm.current == lister


def test_every_cv_step_has_one_way_back_and_its_continue_in_view(welsh_portrait_large, driver):
    app = welsh_portrait_large
    driver.tap(app.sm.get_screen("home").ids.cv)
    touch(driver, app.screen.ids.begin)
    for step in STEPS:
        assert app.sm.current == f"cv_{step}"
        page = app.screen.ids.page
        assert page.ids.scroller.scroll_y == 1, "the step opens at its top"
        assert ways_back(app) == ["Yn ôl"], step
        assert "previous" not in page.ids, "no 'Previous step' beside the back link"
        if step == "work":
            check_edit_page(app, driver, "add", "cv_work_edit", "cv_work")
        elif step == "education":
            check_edit_page(app, driver, "add", "cv_education_edit", "cv_education")
        elif step == "contact":
            # Typing: the keyboard takes the foot of the screen and Continue stays in view above it.
            touch(driver, app.screen.ids.name.ids.input)
            assert app.shell.ids.keyboard.shown and in_view(app, page.ids.next)
        # Touched where it is, without scrolling: it is on the screen under the page, however long the step.
        assert in_view(app, page.ids.next), step
        assert page.ids.next.text in ("Hepgor y cam hwn", "Cam nesaf"), step
        driver.tap(page.ids.next)
    assert app.sm.current == "cv_preview"
    # Back goes the way the person came: the last step.
    driver.tap(app.shell.ids.back)
    assert app.sm.current == f"cv_{STEPS[-1]}"


def test_every_benefits_question_and_the_job_filters_have_continue_in_view(welsh_portrait_large, driver):
    app = welsh_portrait_large
    one_touch = []
    for key in benefits_questions():
        show_benefits_question(app, key)
        driver.pump(2)
        screen = app.screen
        assert screen.question.key == key
        assert screen.ids.page.scroll_y == 1
        assert ways_back(app) == ["Yn ôl"], key
        if screen.kind == "choice":
            # One touch on an answer answers: no Continue to find.
            assert screen.ids.pinned.parent is None, key
            one_touch.append(key)
            continue
        assert in_view(app, screen.continue_button), key
        before = flow_state(app).node
        driver.tap(screen.continue_button)
        # The touch landed: the next question, or a message saying what to do (nothing chosen or typed yet).
        assert flow_state(app).node != before or screen.error is not None, key
    assert "benefits_received" not in one_touch and "children_ages" not in one_touch

    dict(views(app))["jobs_filters"]()
    driver.pump(3)
    show = app.screen.ids.show
    assert app.screen.ids.page.scroll_y == 1 and in_view(app, show)
    driver.tap(show)
    assert app.sm.current == "jobs_results"


def test_continue_steps_aside_while_the_keyboard_leaves_no_room_and_comes_back_with_done(make_app, driver):
    app = make_app(start_screen="home")  # landscape: the keyboard takes most of the page at 200 % text
    app.access.set_text_scale(2.0)
    driver.pump(2)  # laid out at the new size, as the person sees it before touching
    touch(driver, app.sm.get_screen("home").ids.cv)
    touch(driver, app.screen.ids.begin)
    page = app.screen.ids.page
    assert page.ids.pinned.room and in_view(app, page.ids.next)
    touch(driver, app.screen.ids.name.ids.input)
    assert app.shell.ids.keyboard.shown
    assert not page.ids.pinned.room and page.ids.next not in touch_targets(app.shell), "the field keeps its room"
    tap_key(driver, app, "enter")  # Done
    assert not app.shell.ids.keyboard.shown and page.ids.pinned.room and in_view(app, page.ids.next)

"""Physical sizes, text size, contrast, "Move everything lower" and the docked keyboard, measured on screen."""

import math

import pytest

from kiosk.display import MIN_TARGET_MM
from tests.sizes import LANDSCAPE, PORTRAIT
from tests.screens.helpers import on_screen_keyboard, tap_key, touch_targets, window_box

VIEWS = ["attract", "home", "jobs", "jobs_results", "jobs_filters", "job_detail", "shortlist", "benefits",
         "benefits_question", "benefits_keypad", "benefits_money", "benefits_answers", "benefits_results", "cv",
         "about", "privacy", "accessibility_statement", "phone", "print", "accessibility", "help", "idle",
         "confirm"]


def show(app, driver, view):
    """Open a screen or panel as a person would see it."""
    if view == "attract":
        return
    app.nav.begin()
    if view == "accessibility":
        app.nav.open_accessibility()
    elif view == "help":
        app.nav.open_help()
    elif view == "idle":
        app.idle._on_warn()
    elif view == "confirm":
        app.nav.ask_to_finish()
    elif view in ("job_detail", "phone", "print"):
        from screens.jobs.detail import open_job
        open_job(app, "sample-1", distance=2.5)
        if view == "phone":
            app.screen.send_to_phone()
        elif view == "print":
            app.screen.print_job()
    elif view.startswith("benefits_"):
        from screens.tools.tour_views import show_benefits
        answered = {"benefits_question": 2, "benefits_keypad": 1, "benefits_money": 10}
        show_benefits(app, "benefits_question" if view in answered else view, answered.get(view, 19))
    elif view == "shortlist":
        app.session.saved_jobs[:] = ["sample-1", "sample-2"]
        app.nav.go(view)
    else:
        app.nav.go(view)
    driver.pump(3)


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["text100", "text200"])
def test_every_touch_target_is_at_least_15_mm(make_app, driver, size, scale):
    app = make_app(size=size)
    app.access.set_text_scale(scale)
    minimum = MIN_TARGET_MM * app.look.px_per_mm - 0.5
    checked = 0
    for view in VIEWS:
        show(app, driver, view)
        for target in touch_targets(app.shell.overlay or app.shell):
            assert target.width >= minimum and target.height >= minimum, (view, getattr(target, "text", target))
            checked += 1
        app.nav.close_overlay()
    assert checked > 40


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_nothing_runs_off_the_screen_at_the_largest_text(make_app, driver, size):
    app = make_app(size=size, start_screen="home")
    app.access.set_text_scale(2.0)
    driver.pump(3)
    for name in ("header", "nav"):
        left, bottom, right, top = window_box(app.shell.ids[name])
        for target in touch_targets(app.shell.ids[name]):
            t_left, t_bottom, t_right, t_top = window_box(target)
            assert left - 1 <= t_left and t_right <= right + 1 and bottom - 1 <= t_bottom and t_top <= top + 1, \
                (name, target.text)


def test_text_sizes_are_millimetres_scaled_by_the_choice(make_app, driver):
    app = make_app(start_screen="home")
    heading = app.sm.get_screen("home").ids.heading
    standard = heading.font_size
    assert standard == pytest.approx(10 * app.look.px_per_mm, abs=1)
    app.access.set_text_scale(2.0)
    driver.pump(2)
    assert heading.font_size == pytest.approx(2 * standard, abs=1)


def test_sizes_follow_the_configured_screen_diagonal(make_app, settings):
    settings["display.diagonal_inches"] = 43.0  # a big floor-standing panel at the same resolution
    app = make_app()
    px_per_mm = math.hypot(*LANDSCAPE) / (43.0 * 25.4)
    assert app.look.target == math.ceil(15 * px_per_mm) == 31  # 61 px on the default 21.5-inch panel


def test_high_contrast_is_yellow_on_black(make_app, driver, tmp_path):
    from PIL import Image
    app = make_app(start_screen="home")
    standard = Image.open(driver.screenshot(tmp_path / "standard.png")).convert("RGB")
    page = standard.getpixel((standard.width // 2, standard.height - 150))
    assert page == tuple(round(c * 255) for c in app.look.page[:3]) != (0x0b, 0x0c, 0x0c)
    app.access.set_high_contrast(True)  # the page colour is the window's clear colour: it must follow
    path = driver.screenshot(tmp_path / "hc.png")
    image = Image.open(path).convert("RGB")
    page = image.getpixel((image.width // 2, image.height - 150))  # empty page area under the buttons
    assert page == (0x0b, 0x0c, 0x0c)
    heading = app.sm.get_screen("home").ids.heading
    assert tuple(round(c * 255) for c in heading.color[:3]) == (0xff, 0xdd, 0x00)


def test_move_everything_lower_keeps_every_target_in_the_lower_part(make_app, driver, settings):
    app = make_app(size=PORTRAIT, start_screen="home")
    app.access.set_reach(True)
    driver.pump(3)
    limit = app.reach_fraction * PORTRAIT[1] + 1
    targets = list(touch_targets(app.shell))
    assert len(targets) >= 7
    assert all(window_box(t)[3] <= limit for t in targets)
    app.access.set_reach(False)
    driver.pump(3)
    assert max(window_box(t)[3] for t in touch_targets(app.shell)) > limit, "control: without it, targets are higher"


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_docked_keyboard_never_covers_the_field(make_app, driver, size):
    app = make_app(size=size, start_screen="home")
    app.access.set_text_scale(2.0)  # the worst case: the field is pushed furthest down
    driver.tap(app.sm.get_screen("home").ids.find_job)
    field = app.sm.get_screen("jobs").ids.what
    driver.tap(field)
    driver.pump(3)
    keyboard_top = window_box(on_screen_keyboard(app))[3]
    assert keyboard_top > 0
    assert window_box(field)[1] >= keyboard_top - 1
    assert window_box(field)[3] <= size[1]
    assert all(key.height >= MIN_TARGET_MM * app.look.px_per_mm - 0.5 for key in on_screen_keyboard(app).key_buttons())


def test_typing_on_the_on_screen_keyboard_including_welsh_letters(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    field = app.sm.get_screen("jobs").ids.what
    driver.tap(field)
    driver.pump(2)
    tap_key(driver, app, "g")
    tap_key(driver, app, "à é ŵ")
    tap_key(driver, app, "ŵ")
    tap_key(driver, app, "ABC")
    for label in ["y", "l", "delete"]:
        tap_key(driver, app, label)
    assert field.text == "gŵy"

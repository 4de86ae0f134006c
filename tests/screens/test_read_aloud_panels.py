"""Every panel and the other pages read aloud by touch (issue #18, point 6): help, accessibility, the out-of-time
warning, out of service, the phone and print panels, the CV's phone panel, the privacy notice, the accessibility
statement, About this kiosk and the job results list. Each has the same "Read this page aloud", which reads it
part by part in the person's language, each part highlighted while it is said, and stops.

The views are opened as the tour opens them (``screens/tools/tour_views.py``), and the speech device holds each part
until the test finishes it (``tests/screens/reading.py``).
"""

import pytest

from kiosk.spoken import spoken
from screens.overlays import IdleWarning
from screens.tools.tour_views import views
from screens.widgets import ReadPageButton
from tests.screens.helpers import pass_idle_time, touch
from tests.screens.reading import Recorder


def expected_in_order(app, view, root) -> list[str]:
    """Words the reading must say, in this order (others may come between)."""
    t = app.t
    chosen = t["read.selected"]
    if view == "help":
        desk = app.help_desk  # the tour's kiosk is not enrolled: the person is sent to the front desk
        return [t["help.heading." + desk.state], t[root.body_key(desk.state, desk.front_desk_reason)], t["help.close"],
                t[root.second_key(desk.state, desk.request_id)]]
    if view == "accessibility":
        # The panel's choices are read too, the chosen one said as chosen.
        return [t["a11y.heading"], t["a11y.text_size"], f'{t["a11y.text_standard"]}, {chosen}', t["a11y.text_large"],
                t["a11y.text_largest"], t["a11y.colours"], f'{t["a11y.colours_standard"]}, {chosen}',
                t["a11y.colours_high"], t["a11y.read_aloud"], f'{t["a11y.off"]}, {chosen}', t["a11y.done"]]
    if view == "idle_warning":
        return [t["idle.title"], t["idle.touch_anywhere"], t["idle.more_time"], t["idle.finish"]]
    if view == "confirm_finish":
        return [t["confirm.finish.heading"], t.text("patterns.warning_spoken", text=t["confirm.finish.warning"]),
                t["confirm.finish.yes"], t["confirm.no"]]
    if view == "out_of_service":
        return [t["oos.heading"], t["oos.body"]]
    if view == "phone":
        return [t["phone.heading"], t["phone.body"], root.payload, t["help.close"]]
    if view == "print":
        return [t[root.heading_key], t[root.message_key], t["help.close"]]
    if view == "cv_preview_phone_failed":
        return [t["cvout.phone_failed"], t["cvphone.offline"], t["cvout.print_instead"], t["help.close"]]
    if view == "privacy":
        return [t[key] for key in ("privacy.heading", "privacy.kept_heading", "privacy.kept_body",
                                   "privacy.questions_heading", "privacy.questions_body")]
    if view == "accessibility_statement":
        return [t[key] for key in ("a11y_statement.heading", "a11y_statement.intro", "a11y_statement.limits_heading",
                                   "a11y_statement.limits_body", "a11y_statement.standard_body")]
    if view == "about":
        return [t["about.heading"], t["about.body"]]
    raise AssertionError(view)


def open_view(make_app, driver, view, language="en"):
    """A kiosk showing one view, set up as the tour does it, in ``language``."""
    app = make_app(start_screen="home")
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    dict(views(app))[view]()
    driver.pump(3)
    return app


def read_whole(app, driver, root):
    """Touch "Read this page aloud" on ``root`` and hear it to the end, checking the highlight at each part."""
    recorder = Recorder(app)
    button = root.ids.read_page
    assert isinstance(button, ReadPageButton) and button.text == app.t["read.start"]
    touch(driver, button)
    assert button.text == app.t["read.stop"] and app.reader.reading
    assert len(recorder.said) == 1, "one part at a time"
    first = app.reader.current
    assert app.reader._highlight in first.canvas.before.children
    recorder.finish_all(driver)
    assert not app.reader.reading and app.reader.current is None and button.text == app.t["read.start"]
    return recorder


PANELS = ["help", "accessibility", "confirm_finish", "idle_warning", "out_of_service", "phone", "print",
          "cv_preview_phone_failed"]
PAGES = ["privacy", "accessibility_statement", "about"]


@pytest.fixture
def out_of_service_ended():
    """Out of service is on the window itself, above any app: take it away after the test."""
    apps = []
    yield apps.append
    for app in apps:
        app.recovery.end_out_of_service()


@pytest.mark.parametrize("view", PANELS + PAGES)
def test_each_panel_and_page_is_read_part_by_part_with_each_part_highlighted(make_app, driver, view,
                                                                             out_of_service_ended):
    app = open_view(make_app, driver, view)
    out_of_service_ended(app)
    root = app.panels["out_of_service"] if view == "out_of_service" else \
        app.shell.overlay if view in PANELS else app.screen
    assert root is not None
    expected = expected_in_order(app, view, root)
    recorder = read_whole(app, driver, root)
    said = recorder.texts()
    assert said[0] == spoken(expected[0], "en"), "the heading first"
    position = -1
    for text in expected:  # each in turn, after the one before
        position = said.index(spoken(text, "en"), position + 1)
    assert app.t["read.start"] not in said and app.t["read.stop"] not in said, "the control is not read"
    # Each part was highlighted while it was said: the label said, one after another, never the same twice (a
    # warning's words after "Warning:", which the "!" shows).
    for widget, text in zip(recorder.highlighted, said):
        assert text.startswith(spoken(widget.text, "en")) or text == spoken(
            app.t.text("patterns.warning_spoken", text=widget.text), "en")
    assert len({id(widget) for widget in recorder.highlighted}) == len(said)
    if view == "about":  # the licence statements are English on a Welsh page too: the English voice
        assert recorder.said[-1][1] == "en"


@pytest.mark.parametrize("view", ["help", "accessibility_statement", "accessibility"])
def test_a_welsh_panel_is_read_in_welsh_in_the_welsh_voice(make_app, driver, view):
    app = open_view(make_app, driver, view, language="cy")
    root = app.shell.overlay or app.screen
    assert root.ids.read_page.text == "Darllen y dudalen hon yn uchel"
    recorder = read_whole(app, driver, root)
    assert {language for _text, language in recorder.said} == {"cy"}
    assert recorder.texts()[0] == expected_in_order(app, view, root)[0]
    if view == "accessibility":
        assert f'{app.t["a11y.text_standard"]}, wedi\'i ddewis' in recorder.texts()


def test_the_job_results_are_read_title_employer_place_and_pay_for_each_job(make_app, driver):
    app = open_view(make_app, driver, "jobs_results")
    screen = app.screen
    recorder = read_whole(app, driver, screen)
    rows = list(reversed(screen.ids.rows.children))
    assert rows, "the sample search finds jobs"
    expected = [screen.ids.heading.text, screen.ids.summary_text.text]
    for row in rows:
        title, employer, place, pay, hours, view_job = list(reversed(row.children))
        assert view_job.text == app.t["results.view_job"]  # what touching the card does: not read as content
        assert pay.text.startswith("£") and hours.text
        expected += [title.text, employer.text, place.text, pay.text]
    expected.append(screen.ids.page_label.text)
    assert recorder.texts() == [spoken(text, "en") for text in expected]
    assert [widget.text for widget in recorder.highlighted] == expected
    assert "pounds" in recorder.texts()[5], "pay said in words"


def test_closing_a_panel_or_touching_stop_stops_its_reading(make_app, driver):
    app = open_view(make_app, driver, "accessibility")
    panel = app.shell.overlay
    recorder = Recorder(app)
    touch(driver, panel.ids.read_page)
    app.services.speech.finish()
    driver.pump(2)
    assert app.shell.ids.stop_reading.parent is None, "a panel covers the navigation bar: its own Stop is used"
    touch(driver, panel.ids.read_page)  # now "Stop reading"
    assert not app.reader.reading and not app.services.speech.speaking and app.reader._highlight is None
    touch(driver, panel.ids.read_page)
    assert app.reader.reading
    touch(driver, panel.ids.done)
    assert app.shell.overlay is None
    assert not app.reader.reading and not app.services.speech.speaking
    count = len(recorder.said)
    driver.pump(3)
    assert len(recorder.said) == count


def test_reading_the_out_of_time_warning_is_not_taken_as_i_need_more_time(make_app, driver, clock):
    app = make_app(start_screen="home")
    pass_idle_time(app, driver, clock, app.idle.limit() + 1)
    warning = app.shell.overlay
    assert isinstance(warning, IdleWarning)
    recorder = Recorder(app)
    touch(driver, warning.ids.read_page)
    for _ in range(3):
        app.services.speech.finish()
        driver.pump(2)
    # Neither the touch on its read button nor the parts heard dismissed the warning: it is still counting down.
    assert app.shell.overlay is warning and app.reader.reading
    assert len(recorder.said) == 4
    touch(driver, warning.ids.more_time)
    assert app.shell.overlay is None and not app.reader.reading


def test_with_read_aloud_on_help_is_read_in_full_as_it_opens(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_read_aloud(True)
    recorder = Recorder(app)
    touch(driver, app.shell.ids.help)
    driver.pump(2)
    assert app.reader.source is app.shell.overlay
    recorder.finish_all(driver)
    # The test's kiosk is not enrolled: the request is not sent, and the panel (read again as it changes) sends
    # the person to the front desk.
    t = app.t
    assert app.help_desk.state == "front_desk"
    assert recorder.texts()[-4:] == [t["help.heading.front_desk"], t["help.body.front_desk.offline"], t["help.close"],
                                     t["help.ask_again"]]


def test_every_read_this_page_aloud_looks_the_same(make_app, driver):
    app = make_app(start_screen="home")
    set_ups, looks = dict(views(app)), set()
    for view in ("help", "print", "privacy", "jobs_results"):
        app.nav.close_overlay()
        set_ups[view]()
        driver.pump(3)
        button = (app.shell.overlay or app.screen).ids.read_page
        assert button.get_parent_window() is not None and button.height >= app.look.target
        looks.add((button.kind, button.fit, button.font_size, button.height, tuple(button.color)))
    assert len(looks) == 1


def test_every_customer_panel_has_read_this_page_aloud(make_app, driver):
    # The accessibility statement says every box that opens over a page can be read aloud: a new panel must too.
    app = make_app(start_screen="home")
    panels = {**app.panels, "cv_phone": app.sm.get_screen("cv_preview").phone_panel}
    missing = [name for name, panel in panels.items() if not isinstance(panel.ids.get("read_page"), ReadPageButton)]
    assert not missing


def test_every_screen_and_panel_has_read_this_page_aloud(make_app, driver):
    # The accessibility statement says every page and every box that opens over a page can be read aloud, the first
    # screen and the staff screens too: a new screen must have it as well.
    app = make_app(start_screen="home")
    screens = {name: app.sm.get_screen(name) for name in app.sm.names}
    staff = {name: getattr(app.staff, name) for name in ("pin_panel", "tools_panel", "maintenance_panel")}
    missing = [name for name, root in {**screens, **staff}.items()
               if not any(isinstance(widget, ReadPageButton) for widget in root.walk(restrict=True))]
    assert not missing

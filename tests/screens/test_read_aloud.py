"""Reading a page aloud by touch (issue #18, point 6): "Read this page aloud" reads the page's content part by part,
in order, with the part being read highlighted; it becomes "Stop reading", and reading stops on Stop, on leaving
the page, on a language change and on the wipe. Welsh pages use the Welsh voice.

The speech device is the simulated one with ``hold`` on: each part stays "being said" until the test finishes it,
as a person would hear the end of a sentence, so the page can be seen in the middle of being read.
"""

import pytest

from kiosk.spoken import spoken
from kiosk.jobs.wording import hours_text, paragraphs, pay_text, place_text
from screens.jobs.detail import open_job
from tests.screens.helpers import touch
from tests.screens.reading import Recorder

JOB = "sample-1"  # Care Worker, Sunrise Home Care, LS6, £12.71 to £13.50 an hour, part time 24 hours


def open_sample_job(make_app, driver, language="en"):
    app = make_app(start_screen="home")
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    open_job(app, JOB)
    driver.pump(3)
    return app


def test_the_job_advert_is_read_in_order_with_the_part_being_read_highlighted(make_app, driver):
    app = open_sample_job(make_app, driver)
    screen, t = app.screen, app.t
    vacancy = screen.vacancy
    button = screen.ids.read_page
    assert button.text == "Read this page aloud"
    recorder = Recorder(app)
    touch(driver, button)
    driver.pump(1)
    assert button.text == "Stop reading"
    assert app.reader.current is screen.ids.title
    assert recorder.texts() == ["Care Worker"], "one part at a time: the next waits until this one is said"
    recorder.finish_all(driver)

    said = recorder.texts()
    description = paragraphs(vacancy["description"])
    # Amounts are said as words a voice says well; the screen keeps its figures.
    assert said[:5] == ["Care Worker", "Sunrise Home Care", place_text(t, vacancy),
                        "12 pounds 71 to 13 pounds 50 an hour", hours_text(t, vacancy)]
    assert pay_text(t, vacancy) == "£12.71 to £13.50 an hour"
    first_paragraph = said.index(description[0])
    assert said[first_paragraph:first_paragraph + len(description)] == description
    # Then the way to this kind of work's careers page (a care worker's has one), then how to apply.
    assert screen.career_key
    career = spoken(t.text("careers.from_job", career=screen.career_name), "en")
    assert said[first_paragraph + len(description)] == career
    assert said[first_paragraph + len(description) + 1] == spoken(screen.ids.apply_heading.text, "en")
    assert all(language == "en" for _text, language in recorder.said)
    # Each part was highlighted while it was said, and the highlight moved on with the voice.
    texts_highlighted = [widget.text for widget in recorder.highlighted]
    assert [spoken(text, "en") for text in texts_highlighted] == said
    assert "Phone: 0 1 1 3, 4 9 6, 0 1 2 3" in said, "the employer's number digit by digit"
    assert len(set(map(id, recorder.highlighted))) == len(said)
    # At the end: no highlight, and the button offers to read again.
    assert app.reader.current is None and not app.reader.reading
    assert button.text == "Read this page aloud"


def test_the_highlight_is_the_focus_colour_behind_the_label_and_goes_when_it_moves_on(make_app, driver):
    app = open_sample_job(make_app, driver)
    screen = app.screen
    Recorder(app)
    app.access.set_high_contrast(True)  # yellow text on black: the highlight turns it to black on white
    driver.pump(2)
    title, employer = screen.ids.title, screen.ids.employer
    normal_colour = list(title.color)
    touch(driver, screen.ids.read_page)
    assert list(title.color) == list(app.look.focus_text)
    assert app.reader._highlight in title.canvas.before.children
    app.services.speech.finish()
    driver.pump(2)
    assert app.reader.current is employer
    assert list(title.color) == normal_colour
    assert app.reader._highlight in employer.canvas.before.children


def test_stop_stops_at_once(make_app, driver):
    app = open_sample_job(make_app, driver)
    recorder = Recorder(app)
    button = app.screen.ids.read_page
    touch(driver, button)
    app.services.speech.finish()
    driver.pump(2)
    assert len(recorder.said) == 2
    highlight = app.reader._highlight
    assert highlight in app.screen.ids.employer.canvas.before.children
    touch(driver, button)
    assert button.text == "Read this page aloud"
    assert not app.services.speech.speaking and app.reader.current is None
    assert highlight not in app.screen.ids.employer.canvas.before.children
    driver.pump(3)
    assert len(recorder.said) == 2, "nothing more is said"


@pytest.mark.parametrize("how", ["leave", "language", "finish"])
def test_leaving_the_page_changing_language_or_the_wipe_stops_the_reading(make_app, driver, how):
    app = open_sample_job(make_app, driver)
    recorder = Recorder(app)
    touch(driver, app.screen.ids.read_page)
    assert app.reader.reading
    if how == "leave":
        touch(driver, app.shell.ids.back)
        assert app.sm.current != "job_detail"
    elif how == "language":
        touch(driver, app.shell.ids.lang_cy)
    else:
        app.nav.finish()
    driver.pump(2)
    assert not app.reader.reading and app.reader.current is None
    assert not app.services.speech.speaking
    count = len(recorder.said)
    driver.pump(3)
    assert len(recorder.said) == count


def test_a_welsh_page_is_read_with_the_welsh_voice(make_app, driver):
    app = open_sample_job(make_app, driver, language="cy")
    recorder = Recorder(app)
    button = app.screen.ids.read_page
    assert button.text == "Darllen y dudalen hon yn uchel"
    touch(driver, button)
    assert button.text == "Stopio darllen"
    recorder.finish_all(driver)
    assert {language for _text, language in recorder.said} == {"cy"}
    assert "12 punt 71 i 13 punt 50 yr awr" in recorder.texts()

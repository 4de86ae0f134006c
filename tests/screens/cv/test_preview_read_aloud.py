"""The CV preview read aloud by touch (issue #18, point 6): "Read this page aloud" reads the heading and the CV line
by line in the order it prints, each line highlighted while it is said and scrolled into view, in the voice of the
language the CV prints in; "Stop reading" in the navigation bar stays on the screen while the page scrolls, and
stops at once."""

from kiosk.spoken import spoken
from tests.screens.cv.test_output import open_preview, sample_cv
from tests.screens.helpers import touch, window_box
from tests.screens.reading import Recorder
from tests.sizes import PORTRAIT


def cv_line_texts(screen) -> list[str]:
    """The CV's lines as the preview shows them, top to bottom."""
    return [line.text for line in reversed(screen.ids.cv_box.children)]


def test_the_cv_is_read_line_by_line_in_print_order_with_each_line_highlighted(make_app, driver):
    app = open_preview(make_app, driver, sample_cv(), size=PORTRAIT)
    screen = app.screen
    recorder = Recorder(app)
    button = screen.ids.read_page
    assert button.text == "Read this page aloud"
    touch(driver, button)
    driver.pump(1)
    assert button.text == "Stop reading"
    assert app.reader.current is screen.ids.heading
    assert recorder.texts() == ["Your CV"], "one part at a time: the next waits until this one is said"

    # Part by part: the highlight moves to the next line only when the voice has finished the one before, and the
    # line being read is on the screen however far down the CV it is.
    page = screen.ids.page
    lines = list(reversed(screen.ids.cv_box.children))
    for line in lines:
        for _ in range(10):
            if app.reader.current is line:
                break
            app.services.speech.finish()
            driver.pump(2)
        assert app.reader.current is line, line.text
        assert app.reader._highlight in line.canvas.before.children
        assert list(line.color) == list(app.look.focus_text)
        bottom, top = window_box(line)[1], window_box(line)[3]
        assert window_box(page)[1] <= bottom and top <= window_box(page)[3], line.text
    assert page.scroll_y < 1, "the page scrolled down with the voice"
    recorder.finish_all(driver)

    said = recorder.texts()
    shown = cv_line_texts(screen)
    assert said[:2] == ["Your CV", app.t["cvout.intro"]]
    assert said[2:2 + len(shown)] == [spoken(text, "en") for text in shown]
    assert said[2 + len(shown)] == spoken(app.t["useful.question"], "en")  # then "Was this useful?"
    assert "Leeds  |  0 7 7 0 0, 9 0 0 1 2 3  |  sian@example.org" in said  # a phone number digit by digit
    assert said.index("Work history") < said.index("Cleaner") < said.index("Skills")
    # Each line was highlighted while it was said, one after another, then the highlight went.
    assert [widget.text for widget in recorder.highlighted[2:2 + len(shown)]] == shown
    assert len({id(widget) for widget in recorder.highlighted}) == len(said)
    assert app.reader.current is None and button.text == "Read this page aloud"
    assert all(app.reader._highlight not in line.canvas.before.children for line in lines)


def test_a_cv_printed_in_welsh_is_read_in_the_welsh_voice_from_an_english_screen(make_app, driver):
    app = open_preview(make_app, driver, sample_cv())
    touch(driver, app.screen.ids.language_cy)
    recorder = Recorder(app)
    touch(driver, app.screen.ids.read_page)
    recorder.finish_all(driver)
    voices = dict(recorder.said)
    assert voices["Your CV"] == "en", "the screen's own words in the screen's language"
    assert voices["Hanes gwaith"] == "cy" and voices["Sgiliau"] == "cy"
    assert voices["Tŷ Glân Cyf, Mawrth 2020 hyd heddiw"] == "cy"


def test_stop_reading_stays_on_the_screen_and_stops_at_once(make_app, driver):
    app = open_preview(make_app, driver, sample_cv(), size=PORTRAIT)
    screen, shell = app.screen, app.shell
    recorder = Recorder(app)
    assert shell.ids.stop_reading.parent is None, "no Stop in the navigation bar until a page is read"
    touch(driver, screen.ids.read_page)
    for _ in range(12):  # well into the CV, its own button scrolled away
        app.services.speech.finish()
        driver.pump(2)
    stop = shell.ids.stop_reading
    assert stop.parent is shell.ids.nav_buttons.__self__ and stop.text == "Stop reading"
    assert stop.get_parent_window() is not None and stop.height >= app.look.target
    reading = app.reader.current
    count = len(recorder.said)
    touch(driver, stop)
    assert not app.reader.reading and not app.services.speech.speaking
    assert app.reader._highlight is None and list(reading.color) != list(app.look.focus_text)
    assert shell.ids.stop_reading.parent is None
    assert screen.ids.read_page.text == "Read this page aloud"
    driver.pump(3)
    assert len(recorder.said) == count, "nothing more is said"

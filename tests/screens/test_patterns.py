"""GOV.UK patterns every form shares, driven by touch: the error summary at the top of the page with a link to each
field, the message by the field in the error colour, and the field's border in the error colour."""

from PIL import Image

from tests.screens.benefits.test_flow import answer_by_touch, question_screen, start_check, type_on_keypad
from tests.screens.cv.test_steps import open_cv, type_into
from tests.screens.helpers import touch


def rgb(colour):
    return tuple(round(c * 255) for c in colour[:3])


def pixel_at(driver, path, x, y):
    """The colour drawn at window point (x, y) in the last frame."""
    image = Image.open(driver.screenshot(path)).convert("RGB")
    return image.getpixel((int(x), image.height - 1 - int(y)))


def in_view(widget):
    """The widget is wholly inside the window's visible part of its scrolling page."""
    from kivy.uix.scrollview import ScrollView
    page = widget.parent
    while not isinstance(page, ScrollView):
        page = page.parent
    _x, bottom = widget.to_window(widget.x, widget.y)
    _x, top = widget.to_window(widget.x, widget.top)
    _x, page_bottom = page.to_window(page.x, page.y)
    return bottom >= page_bottom - 1 and top <= page_bottom + page.height + 1


def search_with_place(app, driver, place):
    app.nav.begin()
    app.nav.go("jobs")
    jobs = app.screen
    touch(driver, jobs.ids.what)
    driver.type_text("cleaner")
    touch(driver, jobs.ids.where)
    driver.type_text(place)
    driver.pump(2)
    touch(driver, jobs.ids.search)
    return jobs


def test_an_unknown_place_is_summarised_at_the_top_and_its_link_puts_the_cursor_in_the_place(make_app, driver,
                                                                                            tmp_path):
    app = make_app(start_screen="home")
    jobs = search_with_place(app, driver, "nowhereville")
    assert app.sm.current == "jobs", "a place the kiosk does not know is put right on the search page"
    summary = jobs.ids.summary
    assert summary.ids.title.text == "There is a problem"
    [link] = summary.ids.links.children
    message = jobs.ids.where_message
    assert link.text == message.text and "“nowhereville”" in message.text
    assert rgb(message.color) == (0xd4, 0x35, 0x1c), "the message by the field is in the error colour"
    assert in_view(summary) and summary.y > jobs.ids.question.y, "the summary is at the top of the page"
    where = jobs.ids.where
    assert not where.focus
    # The field may be below the fold (the summary and "Read this page aloud" come first): bring it into view.
    jobs.ids.page.scroll_to(where, padding=10, animate=False)
    driver.pump(3)
    x, y = where.to_window(where.x + 2, where.center_y)
    assert pixel_at(driver, tmp_path / "border.png", x, y) == (0xd4, 0x35, 0x1c), "the field's border is red"
    touch(driver, link)
    assert where.focus, "the link puts the cursor in the field"
    assert in_view(where)
    where.text = "Leeds"
    touch(driver, jobs.ids.search)
    assert app.sm.current == "jobs_results"
    driver.tap(app.shell.ids.back)
    assert not summary.problems and message.text == "", "a fresh visit to the page has no problem left on it"


def test_a_wrong_phone_number_is_summarised_and_its_link_goes_to_the_phone_field(make_app, driver):
    app = make_app(start_screen="home")
    open_cv(app, driver)
    screen = app.screen
    type_into(driver, screen.ids.phone, "07700 9001")
    type_into(driver, screen.ids.email, "sian@")
    touch(driver, screen.ids.page.ids.next)
    assert app.sm.current == "cv_contact"
    summary = screen.ids.page.ids.summary
    links = list(reversed(summary.ids.links.children))
    assert [link.text for link in links] == [app.t[screen.ids.phone.message_key],
                                             app.t[screen.ids.email.message_key]], "one link a problem, in order"
    assert in_view(summary)
    assert screen.ids.phone.ids.input.error and screen.ids.email.ids.input.error
    touch(driver, links[1])
    assert screen.ids.email.ids.input.focus
    touch(driver, links[0])
    assert screen.ids.phone.ids.input.focus and in_view(screen.ids.phone.ids.input)


def test_a_benefits_answer_out_of_range_is_summarised_in_welsh_too(make_app, driver):
    app = make_app(start_screen="home")
    start_check(app, driver)
    answer_by_touch(app, driver, "nation", "wales")
    screen = question_screen(app)
    type_on_keypad(driver, screen, "7")
    touch(driver, screen.continue_button)
    assert screen.question.key == "age"
    [link] = screen.ids.summary.ids.links.children
    assert link.text == screen.ids.error.text == "Enter a whole number from 16 to 120."
    assert screen.ids.display.error
    app.access.choose_language("cy")
    driver.pump(2)
    assert screen.ids.summary.ids.title.text == "Mae problem"
    touch(driver, link)
    assert in_view(screen.ids.display)
    type_on_keypad(driver, screen, "0")
    touch(driver, screen.continue_button)
    assert screen.question.key == "partner" and not screen.ids.summary.problems

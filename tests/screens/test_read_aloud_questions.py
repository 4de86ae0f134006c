"""Reading question pages aloud (issue #18 point 6): "Read this page aloud" on a benefits question and on a CV step
reads the heading and question, the hint, "What this means" when it is open, any error message (after "Error:"),
and each answer, a chosen one said as chosen; not the keypad's keys, the error summary a second time, or the
buttons that move on. English and Welsh, each in its own voice.

The speech device holds each part until the test lets it finish (``tests/screens/reading.py``).
"""

import pytest

from kiosk.spoken import spoken

from screens.tools.tour_views import show_benefits_question
from tests.screens.helpers import touch
from tests.screens.reading import heard, open_app_in, read_whole_page

LANGUAGES = pytest.mark.parametrize("language", ["en", "cy"])


def key(screen, name):
    """A key of the benefits keypad: "1", "." (money), "delete"."""
    return next(k for k in screen.ids.keypad.children if k.key == name)


def periods_heard(app):
    """How "a week" and "a month" are read: the chosen one said as chosen."""
    ids, chosen = app.screen.ids, app.t["read.selected"]
    return heard(app, *(f"{o.text}, {chosen}" if o.selected else o.text for o in (ids.per_week, ids.per_month)))


@LANGUAGES
def test_a_benefits_question_is_read_with_its_meaning_error_and_answers(make_app, driver, language):
    app = open_app_in(make_app, driver, language)
    show_benefits_question(app, "childcare_costs")
    driver.pump(2)
    screen, ids, t = app.screen, app.screen.ids, app.t
    touch(driver, ids.means.ids.summary)  # "What this means" opened
    while ids.display.text != app.t.text("benefits.keypad.pounds", amount=""):
        touch(driver, key(screen, "delete"))
    touch(driver, ids.per_month)  # "a month" chosen
    touch(driver, screen.continue_button)  # no amount: a message
    assert screen.question.key == "childcare_costs"
    assert screen.error is not None and ids.error.text and ids.summary.problems

    said = read_whole_page(app, driver, ids.read_page)
    assert said == heard(app, ids.progress.text, ids.title.text, ids.hint.text, ids.means.ids.summary.text,
                         ids.means.ids.text.text, t.text("patterns.error_spoken", message=ids.error.text),
                         ) + periods_heard(app)
    assert periods_heard(app)[1].endswith(spoken(t["read.selected"], language))
    # Closed, "What this means" is said but not its text; what is typed is said as the box shows it, and the
    # keypad's keys never.
    touch(driver, ids.means.ids.summary)
    touch(driver, key(screen, "5"))  # the message goes
    said = read_whole_page(app, driver, ids.read_page)
    assert spoken(ids.means.ids.summary.text, language) in said and ids.means.ids.text.text == ""
    assert screen.error is None and not any(part.startswith(("Error", "Gwall")) for part in said)
    assert said[-3:] == heard(app, ids.display.text) + periods_heard(app)


@LANGUAGES
def test_choose_all_that_apply_is_read_with_each_answer_and_which_are_chosen(make_app, driver, language):
    app = open_app_in(make_app, driver, language)
    show_benefits_question(app, "benefits_received")
    driver.pump(2)
    ids, t = app.screen.ids, app.t
    options = list(reversed(ids.options.children))
    for option in options:  # as the person left it: nothing chosen
        if option.selected:
            touch(driver, option)
    touch(driver, options[1])
    said = read_whole_page(app, driver, ids.read_page)
    answers = [f"{o.text}, {t['read.selected']}" if o is options[1] else o.text for o in options]
    assert said == heard(app, ids.progress.text, ids.title.text, ids.hint.text, *answers)
    assert t["benefits.continue"] not in said


def open_cv_step(app, driver, step):
    driver.tap(app.sm.get_screen("home").ids.cv)
    touch(driver, app.screen.ids.begin)
    app.nav.go(f"cv_{step}")
    driver.pump(2)
    return app.screen


@LANGUAGES
def test_a_cv_step_is_read_with_its_error_at_its_field(make_app, driver, language):
    app = open_app_in(make_app, driver, language)
    screen = open_cv_step(app, driver, "contact")
    page, t = screen.ids.page, app.t
    phone = screen.ids.phone
    touch(driver, phone.ids.input)
    driver.type_text("07700 9001")
    touch(driver, page.ids.next)
    assert app.sm.current == "cv_contact" and phone.message_key

    said = read_whole_page(app, driver, page.ids.read_page)
    message = t[phone.message_key]
    error = spoken(t.text("patterns.error_spoken", message=message), language)
    assert said[:2] == heard(app, t.text("cvui.progress", number=1, count=8), t["cvui.step.contact"])
    # The message once, where it shows: after the phone's label and hint, not again from the summary at the top.
    label, hint = heard(app, t[phone.label_key], t[phone.hint_key])
    assert said[said.index(label):said.index(label) + 3] == [label, hint, error]
    assert spoken(t["patterns.there_is_a_problem"], language) not in said
    assert spoken(message, language) not in said
    assert spoken(t["cvui.see_cv"], language) not in said and spoken(t["cvui.next_step"], language) not in said


@LANGUAGES
def test_a_cv_pick_page_is_read_with_each_choice_and_which_are_on_the_cv(make_app, driver, language):
    app = open_app_in(make_app, driver, language)
    screen = open_cv_step(app, driver, "skills")
    t = app.t
    offered = list(reversed(screen.ids.suggested.children))
    picked = offered[0].text
    touch(driver, offered[0])
    said = read_whole_page(app, driver, screen.ids.page.ids.read_page)
    assert said[1] == spoken(t["cvui.step.skills"], language)
    yours = spoken(t["cvui.skills.yours"], language)
    assert said[said.index(yours) + 1] == spoken(f"{picked}, {t['read.selected']}", language)
    others = [chip.text for chip in reversed(screen.ids.suggested.children)]
    start = said.index(spoken(t["cvui.skills.suggested_hint"], language)) + 1
    assert said[start:start + len(others)] == heard(app, *others), "offers said plainly, not as chosen"

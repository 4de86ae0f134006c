"""Reading aloud the pages that had no "Read this page aloud" (issue #18 point 6): the job search form, "Check your
answers", and "Was this useful?" at the end of a job advert, benefits results and the CV preview. English and
Welsh, each in its own voice.

The speech device holds each part until the test lets it finish (``tests/screens/reading.py``).
"""

import pytest

from kiosk.spoken import spoken

from screens.jobs.detail import open_job
from screens.tools.tour_views import show_benefits
from tests.screens.helpers import touch
from tests.screens.reading import heard, open_app_in, read_whole_page

LANGUAGES = pytest.mark.parametrize("language", ["en", "cy"])


@LANGUAGES
def test_the_job_search_form_is_read_with_its_questions_and_the_error_by_its_field(make_app, driver, language):
    app = open_app_in(make_app, driver, language)
    app.nav.go("jobs")
    driver.pump(3)
    screen, ids, t = app.screen, app.screen.ids, app.t
    said = read_whole_page(app, driver, ids.read_page)
    assert said[:2] == heard(app, ids.question.text, ids.hint.text)
    assert heard(app, ids.where_label.text, ids.where_hint.text)[0] in said
    assert spoken(ids.read_page.text, language) not in said, "the reading button is not content"

    # A place the kiosk does not know: its message is read once, by the field, after "Error:".
    ids.where.text = "Qqqqzzz"
    screen.search()
    driver.pump(2)
    assert screen.where_message
    said = read_whole_page(app, driver, ids.read_page)
    error = spoken(t.text("patterns.error_spoken", message=screen.where_message), language)
    assert said.count(error) == 1
    assert said.index(error) > said.index(spoken(ids.where_label.text, language))
    assert not any(spoken(screen.where_message, language) == part for part in said), "not again in the summary"


@LANGUAGES
def test_check_your_answers_is_read_question_then_answer_without_the_change_buttons(make_app, driver, language):
    app = open_app_in(make_app, driver, language)
    show_benefits(app, "benefits_answers")
    driver.pump(3)
    screen, t = app.screen, app.t
    rows = list(reversed(screen.ids.rows.children))
    assert len(rows) > 5
    said = read_whole_page(app, driver, screen.ids.read_page)
    assert said[0] == spoken(t["benefits.check_answers.title"], language)
    for row in rows:
        question, answer = (label.text for label in row.children[::-1][1:3])
        position = said.index(spoken(question, language))
        assert said[position + 1] == spoken(answer, language)
    assert spoken(t["benefits.check_answers.change"], language) not in said
    assert spoken(t["benefits.check_answers.see_results"], language) not in said


@LANGUAGES
def test_was_this_useful_is_read_at_the_end_of_a_job_advert_with_its_answers_then_its_reasons(make_app, driver,
                                                                                          language):
    app = open_app_in(make_app, driver, language)
    open_job(app, "sample-1")
    driver.pump(3)
    ids, t = app.screen.ids, app.t
    said = read_whole_page(app, driver, ids.read_page)
    assert said[-3:] == heard(app, t["useful.question"], t["useful.yes"], t["useful.no"])

    touch(driver, ids.useful.ids.no)
    driver.pump(1)
    said = read_whole_page(app, driver, ids.read_page)
    reasons = [t[f"useful.reason.{reason}"] for reason in ("hard_to_use", "not_found", "hard_words", "too_slow")]
    assert said[-6:] == heard(app, t["useful.question"], t["useful.ask_no"], *reasons)
    assert spoken(t["useful.yes"], language) not in said, "an answer no longer offered is not read"


@pytest.mark.parametrize("view", ["benefits_results", "cv_preview"])
def test_was_this_useful_is_read_on_the_benefits_results_and_the_cv_preview(make_app, driver, view):
    from screens.tools.tour_views import show_sample_cv
    app = open_app_in(make_app, driver, "en")
    if view == "benefits_results":
        show_benefits(app, "benefits_results")
    else:
        show_sample_cv(app, "cv_preview")
    driver.pump(3)
    ids, t = app.screen.ids, app.t
    said = read_whole_page(app, driver, ids.read_page)
    assert said[-3:] == heard(app, t["useful.question"], t["useful.yes"], t["useful.no"])


@LANGUAGES
def test_the_home_page_is_read_with_everything_it_offers_in_the_order_shown(make_app, driver, language):
    app = open_app_in(make_app, driver, language)
    ids, t = app.screen.ids, app.t
    said = read_whole_page(app, driver, ids.read_page)
    offers = [ids.find_job, ids.benefits, ids.cv, *(reversed(ids.more.children)), ids.about]
    assert said == heard(app, t["home.heading"], *(button.text for button in offers))
    assert spoken(t["home.find_job"], language) in said and spoken(t["home.about"], language) in said
    assert spoken(ids.read_page.text, language) not in said, "the reading button is not content"


@LANGUAGES
def test_saved_jobs_are_read_as_the_jobs_found_are_without_their_remove_buttons(make_app, driver, language):
    app = open_app_in(make_app, driver, language)
    app.session.saved_jobs[:] = ["sample-1", "sample-2"]
    app.nav.go("shortlist")
    driver.pump(3)
    screen, ids, t = app.screen, app.screen.ids, app.t
    assert screen.count == 2
    said = read_whole_page(app, driver, ids.read_page)
    assert said[:2] == heard(app, t["shortlist.heading"], t["shortlist.note"])
    for saved in reversed(ids.rows.children):
        row = saved.ids.row
        title, employer, place, pay = list(reversed(row.children))[:4]
        assert said[said.index(spoken(title.text, language)):][:4] == heard(app, title.text, employer.text,
                                                                            place.text, pay.text)
    assert spoken(t["shortlist.remove"], language) not in said
    assert spoken(t["shortlist.print_all"], language) not in said

    # Nothing saved: the page as shown, which says how to save a job.
    touch(driver, ids.rows.children[0].ids.remove_job)
    touch(driver, ids.rows.children[0].ids.remove_job)
    driver.pump(2)
    assert screen.count == 0
    assert read_whole_page(app, driver, ids.read_page) == heard(app, t["shortlist.heading"], t["shortlist.empty"])


def test_the_filters_are_read_with_each_choice_and_whether_it_is_chosen(make_app, driver):
    app = open_app_in(make_app, driver, "en")
    app.nav.go("jobs_filters")
    driver.pump(3)
    ids, t = app.screen.ids, app.t
    chip = next(chip for chip in ids.hours_chips.children if chip.text)
    touch(driver, chip)
    driver.pump(2)
    assert chip.selected
    said = read_whole_page(app, driver, ids.read_page)
    assert said[0] == spoken(t["filters.heading"], "en")
    hours = said.index(spoken(t["filters.hours"], "en"))
    assert spoken(f"{chip.text}, {t['read.selected']}", "en") in said[hours:]
    assert said.index(spoken(t["filters.contract"], "en")) > hours


@LANGUAGES
def test_the_first_screen_is_read_with_what_to_do_and_reading_it_starts_no_visit(make_app, driver, language):
    app = make_app(start_screen="attract")
    app.access.set_language(language)
    driver.pump(3)
    ids, t = app.screen.ids, app.t
    said = read_whole_page(app, driver, ids.read_page)
    assert said == heard(app, t["attract.title"], t["attract.touch"], t["attract.privacy"],
                         t["statements.privacy_link"], t["statements.accessibility_link"])
    assert app.sm.current == "attract", "touching the reading button is not a touch to start"
    touch(driver, ids.start)
    driver.pump(2)
    assert app.sm.current == "home"


@LANGUAGES
def test_the_staff_keypad_is_read_without_its_digit_keys_and_never_says_a_digit_typed(make_app, driver, language):
    from tests.screens.test_layouts_hold import open_staff
    app = open_app_in(make_app, driver, language)
    open_staff(app, driver, "champion", "37", False)
    app.access.set_language(language)  # the card's panel opens in the kiosk's language
    driver.pump(2)
    panel, t = app.staff.pin_panel, app.t
    assert app.shell.overlay is panel
    said = read_whole_page(app, driver, panel.ids.read_page)
    assert said == heard(app, t["staff.pin_heading"], t["staff.pin_body"], t.plural("staff.pin_typed", 2),
                         t["staff.cancel"])
    assert not any(digit in part for part in said for digit in "37"), "never a digit typed"
    assert not any(part.strip() in "0123456789" for part in said), "nor the digit keys"


@LANGUAGES
@pytest.mark.parametrize("panel_name", ["tools_panel", "maintenance_panel"])
def test_the_staff_tools_and_maintenance_are_read_with_their_choices(make_app, driver, language, panel_name):
    from tests.screens.test_layouts_hold import open_staff
    app = open_app_in(make_app, driver, language)
    role = "champion" if panel_name == "tools_panel" else "maintenance"
    open_staff(app, driver, role, "1234", True)
    if panel_name == "tools_panel":
        app.staff.open_tools()
    app.access.set_language(language)
    driver.pump(3)
    panel, t = getattr(app.staff, panel_name), app.t
    assert app.shell.overlay is panel
    said = read_whole_page(app, driver, panel.ids.read_page)
    if panel_name == "tools_panel":
        expected = [t["staff.tools"], t["staff.tools_body"], t["staff.print_for_customer"], t["staff.end_session"],
                    t["staff.status"], panel.ids.status.text, t["staff.close"]]
    else:
        expected = [t["maint.heading"], t["maint.back"], t["maint.restart"], t["maint.leave"], t["maint.devices"],
                    panel.ids.devices.text, t["maint.sync"], panel.ids.sync.text, t["maint.default_language"]]
    position = -1
    for text in heard(app, *expected):  # each in turn, after the one before
        position = said.index(text, position + 1)
    assert said[0] == spoken(expected[0], language)

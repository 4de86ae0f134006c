"""The CV's jobs and its school, college and training, built with touches: the month chips and year steppers,
title suggestions from the vacancies, duty ideas and typed duties, reordering, Change then Back, Take off, the
plain message for an end before the start, Welsh month names, and no trace of a half-typed job after the wipe."""

import copy

from kiosk.cv.model import EducationEntry, WorkEntry, YearMonth
from kiosk.cv.steps import month_names
from kiosk.display import MIN_TARGET_MM
from screens.cv.work import duty_ideas
from tests.sizes import PORTRAIT
from tests.screens.helpers import touch, touch_targets, widgets_holding, window_box


def open_step(app, driver, step):
    driver.tap(app.sm.get_screen("home").ids.cv)
    assert app.sm.current == "cv"
    link = next(b for b in app.screen.ids.steps.walk(restrict=True) if getattr(b, "step", "") == step)
    touch(driver, link)
    assert app.sm.current == f"cv_{step}"
    return app.screen


def type_into(driver, field, text):
    touch(driver, field.ids.input)
    driver.type_text(text)
    driver.press_key(13)  # Enter, as on the on-screen keyboard: it closes, uncovering what is under it
    assert not field.ids.input.focus


def button(row, text):
    matches = [child for child in row.children if child.text == text]
    assert len(matches) == 1, f"{text!r} not in {[c.text for c in row.children]}"
    return matches[0]


def set_year(driver, stepper, year):
    for _ in range(120):
        if stepper.year == year:
            return
        touch(driver, stepper.ids.minus if not stepper.year or stepper.year > year else stepper.ids.plus)
    raise AssertionError(f"the stepper never showed {year}")


def pick_date(driver, picker, month, year):
    touch(driver, next(chip for chip in picker.ids.months.children if chip.month == month))
    set_year(driver, picker.ids.year, year)


def cards(screen):
    return list(reversed(screen.ids.cards.children))


def card_texts(screen):
    return [(card.ids.heading.text, card.ids.details.text) for card in cards(screen)]


def add_job(app, driver, work, title, employer="", start=None, end=None, current=False, ideas=(), typed=()):
    touch(driver, work.ids.add)
    assert app.sm.current == "cv_work_edit"
    edit = app.screen
    type_into(driver, edit.ids.title, title)
    type_into(driver, edit.ids.employer, employer)
    if start:
        pick_date(driver, edit.ids.started, *start)
    if current:
        touch(driver, edit.ids.current)
    if end:
        pick_date(driver, edit.ids.ended, *end)
    for idea in ideas:
        touch(driver, button(edit.ids.duty_ideas, idea))
    for duty in typed:
        type_into(driver, edit.ids.duty, duty)
        touch(driver, edit.ids.add_duty)
    touch(driver, edit.ids.buttons.ids.save)
    return edit


def test_two_jobs_added_reordered_changed_then_cancelled_and_one_taken_off_leave_exactly_that(make_app, driver):
    app = make_app(start_screen="home")
    work = open_step(app, driver, "work")
    assert work.ids.none_yet.text == app.t["cvwork.none_yet"] and not cards(work)

    # The first job: a title from the suggestions, an idea for the job and a duty of the person's own.
    touch(driver, work.ids.add)
    edit = app.screen
    type_into(driver, edit.ids.title, "care")
    suggested = [chip.text for chip in reversed(edit.ids.title_ideas.children)]
    assert "Care Worker" in suggested and len(suggested) <= 5
    touch(driver, button(edit.ids.title_ideas, "Care Worker"))
    assert edit.ids.title.ids.input.text == "Care Worker" and not edit.ids.title_ideas.children
    idea = duty_ideas("Care Worker", "en")[0]
    assert idea != duty_ideas("Office Cleaner", "en")[0], "the ideas follow the title"
    type_into(driver, edit.ids.employer, "Bryn Care Home")
    pick_date(driver, edit.ids.started, 3, 2019)
    pick_date(driver, edit.ids.ended, 5, 2021)
    touch(driver, button(edit.ids.duty_ideas, idea))
    assert [line.text for line in edit.ids.duties.children] == [idea]
    assert idea not in [line.text for line in edit.ids.duty_ideas.children], "an idea on the job is not offered"
    type_into(driver, edit.ids.duty, "Ran the tea trolley")
    touch(driver, edit.ids.add_duty)
    touch(driver, edit.ids.buttons.ids.save)
    assert app.sm.current == "cv_work"
    assert card_texts(work) == [("Care Worker", "Bryn Care Home\nMarch 2019 to May 2021")]
    assert work.ids.cards.children[0].ids.up.parent is None, "one job: nothing to move"

    add_job(app, driver, work, "Office Cleaner", start=(6, 2021), current=True, typed=["Cleaned the offices"])
    assert card_texts(work) == [("Care Worker", "Bryn Care Home\nMarch 2019 to May 2021"),
                                ("Office Cleaner", "June 2021 to now")]

    touch(driver, cards(work)[1].ids.up)
    assert [job.title for job in app.session.cv.work] == ["Office Cleaner", "Care Worker"]
    assert cards(work)[0].ids.up.parent is None and cards(work)[1].ids.down.parent is None

    # Change the care job, then Back: the CV is as it was.
    before = copy.deepcopy(app.session.cv.work)
    touch(driver, cards(work)[1].ids.change)
    assert app.sm.current == "cv_work_edit" and edit.ids.title.ids.input.text == "Care Worker"
    type_into(driver, edit.ids.title, " manager")
    touch(driver, button(edit.ids.duties, idea))
    touch(driver, edit.ids.current)
    touch(driver, app.shell.ids.back)
    assert app.sm.current == "cv_work" and app.session.cv.work == before

    # Take the cleaning job off (it asks first).
    touch(driver, cards(work)[0].ids.take_off)
    assert len(app.session.cv.work) == 2 and cards(work)[0].ids.ask.text == app.t["cvwork.confirm_take_off"]
    touch(driver, cards(work)[0].ids.really)
    assert app.session.cv.work == [WorkEntry(title="Care Worker", employer="Bryn Care Home",
                                             start=YearMonth(2019, 3), end=YearMonth(2021, 5), current=False,
                                             duties=[idea, "Ran the tea trolley"])]
    assert [title for title, _ in card_texts(work)] == ["Care Worker"]


def test_an_end_before_the_start_is_said_plainly_and_nothing_typed_is_lost(make_app, driver):
    app = make_app(start_screen="home")
    work = open_step(app, driver, "work")
    edit = add_job(app, driver, work, "Kitchen Porter", employer="Y Llew Coch", start=(3, 2022), end=(1, 2020),
                   typed=["Washed up"])
    assert app.sm.current == "cv_work_edit"
    assert edit.ids.end_message.text == app.t["cvdoc.check.end_before_start"]
    assert edit.ids.title.ids.input.text == "Kitchen Porter" and edit.ids.employer.ids.input.text == "Y Llew Coch"
    assert (edit.ids.started.value, edit.ids.ended.value) == (YearMonth(2022, 3), YearMonth(2020, 1))
    assert [line.text for line in edit.ids.duties.children] == ["Washed up"]
    assert app.session.cv.work == []

    set_year(driver, edit.ids.ended.ids.year, 2023)
    touch(driver, edit.ids.buttons.ids.save)
    assert app.sm.current == "cv_work"
    assert app.session.cv.work == [WorkEntry(title="Kitchen Porter", employer="Y Llew Coch", start=YearMonth(2022, 3),
                                             end=YearMonth(2023, 1), duties=["Washed up"])]


def test_a_title_is_needed_and_a_year_needs_its_month(make_app, driver):
    app = make_app(start_screen="home")
    work = open_step(app, driver, "work")
    touch(driver, work.ids.add)
    edit = app.screen
    set_year(driver, edit.ids.started.ids.year, 2018)
    touch(driver, edit.ids.buttons.ids.save)
    assert app.sm.current == "cv_work_edit" and app.session.cv.work == []
    assert edit.ids.start_message.text == app.t["cvwork.month_needed"]
    assert edit.ids.title.ids.message.text == app.t["cvdoc.check.title_missing"]
    type_into(driver, edit.ids.title, "Driver")
    touch(driver, edit.ids.started.ids.no_date)
    touch(driver, edit.ids.buttons.ids.save)
    assert app.session.cv.work == [WorkEntry(title="Driver")]


def test_the_months_and_the_dates_on_the_cards_are_in_welsh_after_switching(make_app, driver):
    app = make_app(start_screen="home")
    work = open_step(app, driver, "work")
    touch(driver, work.ids.add)
    edit = app.screen
    english = [chip.text for chip in reversed(edit.ids.started.ids.months.children)]
    driver.tap(app.shell.ids.lang_cy)
    welsh = [chip.text for chip in reversed(edit.ids.started.ids.months.children)]
    assert english[0] == "January" and welsh == month_names("cy") and welsh[0] == "Ionawr"
    type_into(driver, edit.ids.title, "Glanhawr")
    ideas = [line.text for line in edit.ids.duty_ideas.children]
    assert set(ideas) == set(duty_ideas("Glanhawr", "cy")), "the duty ideas are in Welsh too"
    pick_date(driver, edit.ids.started, 3, 2019)
    pick_date(driver, edit.ids.ended, 5, 2021)
    touch(driver, edit.ids.buttons.ids.save)
    assert card_texts(work) == [("Glanhawr", "Mawrth 2019 i Fai 2021")]
    assert cards(work)[0].ids.change.text == "Newid"


def test_school_college_and_training_added_changed_and_cancelled(make_app, driver):
    app = make_app(start_screen="home")
    education = open_step(app, driver, "education")
    assert education.ids.none_yet.text == app.t["cvwork.edu.none_yet"]
    for what, where, start, end in (("GCSEs", "Ysgol Tryfan", 2008, 2013), ("Food hygiene", "", 2024, None)):
        touch(driver, education.ids.add)
        edit = app.screen
        assert app.sm.current == "cv_education_edit"
        type_into(driver, edit.ids.what, what)
        type_into(driver, edit.ids.where, where)
        set_year(driver, edit.ids.start_year, start)
        if end:
            set_year(driver, edit.ids.end_year, end)
        touch(driver, edit.ids.buttons.ids.save)
    assert card_texts(education) == [("GCSEs", "Ysgol Tryfan\n2008 to 2013"), ("Food hygiene", "From 2024")]

    touch(driver, cards(education)[0].ids.change)
    edit = app.screen
    assert edit.ids.what.ids.input.text == "GCSEs" and edit.ids.end_year.year == 2013
    type_into(driver, edit.ids.what, " in 9 subjects")
    set_year(driver, edit.ids.end_year, 2007)
    touch(driver, edit.ids.buttons.ids.save)
    assert edit.years_message_key == "cvdoc.check.end_before_start" and app.sm.current == "cv_education_edit"
    set_year(driver, edit.ids.end_year, 2013)
    touch(driver, edit.ids.buttons.ids.save)
    touch(driver, cards(education)[1].ids.up)
    touch(driver, cards(education)[0].ids.change)
    type_into(driver, edit.ids.what, " level 2")
    touch(driver, app.shell.ids.back)
    assert app.session.cv.education == [EducationEntry(what="Food hygiene", where="", start_year=2024),
                                        EducationEntry(what="GCSEs in 9 subjects", where="Ysgol Tryfan",
                                                       start_year=2008, end_year=2013)]


def test_the_wipe_leaves_no_trace_of_a_half_typed_job(make_app, driver):
    app = make_app(start_screen="home")
    work = open_step(app, driver, "work")
    touch(driver, work.ids.add)
    edit = app.screen
    type_into(driver, edit.ids.title, "Zebra keeper")
    type_into(driver, edit.ids.duty, "Fed the zebras quietly")
    assert widgets_holding(app, "Fed the zebras")
    app.nav.wipe("finished")
    driver.pump(2)
    assert edit.draft is None and app.session.cv.work == []
    assert not widgets_holding(app, "Zebra keeper") and not widgets_holding(app, "Fed the zebras")


def test_every_button_on_the_job_and_course_pages_is_big_enough_and_on_the_screen(make_app, driver):
    app = make_app(start_screen="home", size=PORTRAIT)
    app.access.set_text_scale(2.0)
    app.nav.begin()
    cv = app.session.cv
    cv.work[:] = [WorkEntry(title="Warehouse team leader", employer="Menai Distribution Ltd", start=YearMonth(2021, 4),
                            current=True, duties=duty_ideas("Warehouse team leader", "en")[:3]),
                  WorkEntry(title="Cleaner", start=YearMonth(2017, 9), end=YearMonth(2021, 3))]
    cv.education[:] = [EducationEntry(what="GCSEs", where="Ysgol Tryfan", start_year=2008, end_year=2013)]
    minimum = MIN_TARGET_MM * app.look.px_per_mm - 0.5
    width = PORTRAIT[0]
    checked = 0
    for name, index in (("cv_work", None), ("cv_work_edit", 0), ("cv_education", None), ("cv_education_edit", 0)):
        if index is not None:
            app.sm.get_screen(name).index = index
        app.nav.go(name)
        driver.pump(3)
        for target in touch_targets(app.screen):
            assert target.width >= minimum and target.height >= minimum, (name, getattr(target, "text", target))
            left, _bottom, right, _top = window_box(target)
            assert left >= -1 and right <= width + 1, (name, getattr(target, "text", target))
            checked += 1
    assert checked > 30

"""Looking for a job as a person would: typing on the on-screen keyboard, suggestions, results, a job, saving it,
the saved jobs, and the wipe that leaves none of it behind."""

import pytest
from screens.base import KioskScreen
from tests.sizes import LANDSCAPE, PORTRAIT
from tests.screens.helpers import (finish_by_touch, on_screen_keyboard, pass_idle_time, touch, type_on_keyboard,
                                   widgets_holding, window_box)


def suggestion(box, text):
    """The suggestion button with this text under a field."""
    return next(button for button in box.children if button.text == text)


def search_for(app, driver, text="", place=""):
    """Home → Find a job → type what and where (with a physical keyboard, for speed) → Search."""
    app.nav.begin()
    app.nav.go("jobs")
    jobs = app.screen
    touch(driver, jobs.ids.what)
    driver.type_text(text)
    touch(driver, jobs.ids.where)
    driver.type_text(place)
    driver.pump(2)
    touch(driver, jobs.ids.search)
    assert app.sm.current == "jobs_results"
    return app.screen


@pytest.mark.parametrize("how", ["finish", "idle"])
def test_search_typed_on_the_on_screen_keyboard_saved_and_wiped(make_app, driver, clock, how):
    app = make_app(start_screen="home")
    touch(driver, app.sm.get_screen("home").ids.find_job)
    jobs = app.sm.get_screen("jobs")

    touch(driver, jobs.ids.what)
    type_on_keyboard(driver, app, "clean")
    assert jobs.ids.what.text == "clean" and app.session.search_text == "clean"
    touch(driver, suggestion(jobs.ids.what_suggestions, "Office Cleaner"))
    assert jobs.ids.what.text == "Office Cleaner"
    driver.pump(2)
    assert jobs.ids.where.focus, "after a job title, the place is next"
    type_on_keyboard(driver, app, "le")
    touch(driver, suggestion(jobs.ids.where_suggestions, "Leeds"))
    assert app.session.search_place == "Leeds"
    touch(driver, jobs.ids.search)

    results = app.sm.get_screen("jobs_results")
    assert app.sm.current == "jobs_results"
    assert results.ids.heading.text == "1 job found"
    row = results.ids.rows.children[0]
    texts = [label.text for label in row.children]
    assert {"Office Cleaner", "Bright Office Cleaning Ltd", "Leeds, LS1: 0.2 miles away", "£12.21 an hour",
            "Part time: 15 hours a week"} <= set(texts)
    touch(driver, row)

    detail = app.sm.get_screen("job_detail")
    assert app.sm.current == "job_detail" and detail.ids.title.text == "Office Cleaner"
    touch(driver, detail.ids.save)
    assert app.session.saved_jobs == ["sample-2"]
    assert detail.ids.save.text == "Remove from saved jobs" and detail.ids.saved_note.text, "saved, said in words"
    touch(driver, detail.ids.shortlist)

    shortlist = app.sm.get_screen("shortlist")
    assert app.sm.current == "shortlist"
    saved_rows = shortlist.ids.rows.children
    assert [saved.job["title"] for saved in saved_rows] == ["Office Cleaner"]
    assert saved_rows[0].ids.row.get_parent_window() is not None

    if how == "finish":
        finish_by_touch(driver, app)
    else:
        pass_idle_time(app, driver, clock, 90)
        pass_idle_time(app, driver, clock, 30)
    assert app.sm.current == "attract"
    assert app.session.saved_jobs == [] and app.session.search_text == "" and app.session.search_place == ""
    # (Not "clean" or "Leeds": the hints on the search page say "cleaner" and "Leeds" to everyone.)
    for needle in ("Office Cleaner", "Bright Office Cleaning", "£12.21", "miles away", "Part time: 15"):
        assert widgets_holding(app, needle) == [], needle

    # The next person finds everything empty.
    app.nav.begin()
    app.nav.go("jobs")
    assert jobs.ids.what.text == "" and jobs.ids.where.text == ""
    app.nav.go("shortlist")
    assert shortlist.ids.rows.children == [] and shortlist.ids.empty.get_parent_window() is not None


def test_a_job_can_be_removed_from_the_saved_jobs(make_app, driver):
    app = make_app(start_screen="home")
    app.session.saved_jobs.extend(["sample-1", "sample-2"])
    app.nav.go("shortlist")
    shortlist = app.screen
    assert len(shortlist.ids.rows.children) == 2
    first = shortlist.ids.rows.children[-1]
    assert first.job["id"] == "sample-1"
    touch(driver, first.ids.remove_job)
    assert app.session.saved_jobs == ["sample-2"]
    assert [saved.job["id"] for saved in shortlist.ids.rows.children] == ["sample-2"]


def test_saving_again_takes_the_job_off_the_saved_jobs(make_app, driver):
    app = make_app(start_screen="home")
    results = search_for(app, driver, "care worker", "Leeds")
    touch(driver, results.ids.rows.children[-1])
    detail = app.screen
    touch(driver, detail.ids.save)
    assert detail.ids.saved_note.text == "You saved this job."
    touch(driver, detail.ids.save)
    assert app.session.saved_jobs == [] and detail.ids.save.text == "Save this job"


def test_a_misspelling_shows_the_jobs_for_its_correction_and_can_be_searched_as_typed(make_app, driver):
    app = make_app(start_screen="home")
    results = search_for(app, driver, "clenaer")
    assert results.state == "results" and results.ids.heading.text == "1 job found"
    assert [row.job.title for row in results.ids.rows.children] == ["Office Cleaner"]
    assert results.ids.summary_text.text.startswith("Showing jobs for “cleaner”\n")
    assert results.ids.as_typed.get_parent_window() is not None
    assert results.ids.as_typed.text == "Search for “clenaer” instead"
    driver.tap(app.shell.ids.lang_cy)
    assert results.ids.summary_text.text.startswith("Dangos swyddi ar gyfer “cleaner”\n")
    assert results.ids.as_typed.text == "Chwilio am “clenaer” yn lle hynny"
    driver.tap(app.shell.ids.lang_en)
    touch(driver, results.ids.as_typed)
    assert results.state == "empty" and results.ids.heading.text == "We did not find any jobs"
    assert results.ids.as_typed.get_parent_window() is None
    assert "Job: clenaer" in results.summary(app.t) and "check the spelling" in results.advice(app.t)
    assert app.session.search_text == "clenaer"
    driver.tap(app.shell.ids.back)
    touch(driver, app.screen.ids.search)
    assert results.state == "empty", "the words are still searched as typed"


def test_type_ahead_suggests_titles_for_a_misspelt_word(make_app, driver):
    app = make_app(start_screen="home")
    app.nav.go("jobs")
    jobs = app.screen
    touch(driver, jobs.ids.what)
    driver.type_text("clenr")
    driver.pump(2)
    touch(driver, suggestion(jobs.ids.what_suggestions, "Office Cleaner"))
    assert jobs.ids.what.text == "Office Cleaner"


def test_nothing_nearby_offers_to_look_further_away(make_app, driver):
    app = make_app(start_screen="home")
    app.session.search_filters["radius_miles"] = 5
    results = search_for(app, driver, "driver", "LS6")  # the driving job is in Bradford, 7.6 miles away
    assert results.state == "empty"
    assert results.ids.wider.text == "Look up to 10 miles away"
    touch(driver, results.ids.wider)
    assert results.state == "results" and results.total == 1
    assert app.session.search_filters["radius_miles"] == 10


def test_results_come_a_page_at_a_time(make_app, driver):
    app = make_app(start_screen="home")
    results = search_for(app, driver)
    assert results.total == 12 and len(results.ids.rows.children) == 10
    assert results.ids.page_label.text == "Page 1 of 2"
    assert results.ids.previous.get_parent_window() is None
    first_page = {row.job.id for row in results.ids.rows.children}
    touch(driver, results.ids.next)
    assert results.ids.page_label.text == "Page 2 of 2" and len(results.ids.rows.children) == 2
    assert not first_page & {row.job.id for row in results.ids.rows.children}
    assert results.ids.next.get_parent_window() is None
    touch(driver, results.ids.rows.children[-1])
    driver.tap(app.shell.ids.back)
    assert results.ids.page_label.text == "Page 2 of 2", "back from a job keeps the page"
    touch(driver, results.ids.previous)
    assert results.ids.page_label.text == "Page 1 of 2"
    assert {row.job.id for row in results.ids.rows.children} == first_page


def test_rows_are_reused_and_show_each_new_job_in_full(make_app, driver):
    app = make_app(start_screen="home")
    results = search_for(app, driver)
    rows = set(map(id, results.ids.rows.children))
    touch(driver, results.ids.next)
    touch(driver, results.ids.previous)
    assert set(map(id, results.ids.rows.children)) == rows, "the same ten rows, given each page's jobs"
    for row in results.ids.rows.children:
        shown = [w.text for w in row.walk() if isinstance(getattr(w, "text", None), str)]
        assert row.job.title in shown, "each row shows its own job's title"
    touch(driver, results.ids.rows.children[-1])
    assert app.sm.current == "job_detail" and app.screen.ids.title.text == results.ids.rows.children[-1].job.title


def test_filter_chips_show_counts_and_change_the_results(make_app, driver):
    app = make_app(start_screen="home")
    results = search_for(app, driver, "", "Leeds")
    assert results.total == 8
    touch(driver, results.ids.filters)
    filters = app.sm.get_screen("jobs_filters")
    chip = next(c for c in filters._chips if c.group == "hours" and c.value == "30_plus")
    assert chip.text == "30 hours or more\n5 jobs" and not chip.selected
    touch(driver, chip)
    assert chip.selected and app.session.search_filters["hours"] == {"30_plus"}
    assert filters.ids.show.text == "Show 5 jobs"
    nearest = next(c for c in filters._chips if c.group == "sort" and c.value == "nearest")
    assert nearest.get_parent_window() is not None, "a place was searched, so Nearest is offered"
    touch(driver, filters.ids.show)
    assert app.sm.current == "jobs_results" and results.total == 5
    assert "1 filter is on" in results.summary(app.t)
    driver.tap(app.shell.ids.back)
    assert app.sm.current == "jobs", "Show N jobs went back to the results rather than adding a page"


def test_switching_language_redraws_the_results_at_once(make_app, driver):
    app = make_app(start_screen="home")
    results = search_for(app, driver, "", "Leeds")
    driver.tap(app.shell.ids.lang_cy)
    assert results.ids.heading.text == "Wedi dod o hyd i 8 swydd"
    assert results.ids.saved.text == "Eich swyddi wedi'u cadw (0)"
    assert any("milltir i ffwrdd" in label.text for label in results.ids.rows.children[-1].children)


def test_without_a_vacancy_cache_job_search_says_it_is_not_available(make_app, driver, settings, tmp_path):
    settings["kiosk.data_dir"] = tmp_path / "new-kiosk"
    app = make_app(start_screen="home")
    assert app.services.job_search is None
    touch(driver, app.sm.get_screen("home").ids.find_job)
    jobs = app.screen
    assert jobs.ids.unavailable.get_parent_window() is not None
    assert jobs.ids.what.get_parent_window() is None
    assert not (tmp_path / "new-kiosk").exists(), "no empty cache is made"


def test_every_job_screen_has_a_heading_and_belongs_to_job_search(app):
    for name in ("jobs", "jobs_results", "jobs_filters", "job_detail", "shortlist"):
        screen = app.sm.get_screen(name)
        assert isinstance(screen, KioskScreen) and screen.section == "jobs" and screen.heading_key
    assert app.sm.get_screen("job_detail").long_reading


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_place_its_suggestions_and_search_stay_above_the_keyboard(make_app, driver, size):
    app = make_app(size=size, start_screen="home")
    touch(driver, app.sm.get_screen("home").ids.find_job)
    jobs = app.screen
    touch(driver, jobs.ids.what)
    driver.type_text("cleaner")
    touch(driver, jobs.ids.where)
    driver.type_text("le")
    driver.pump(3)
    keyboard = on_screen_keyboard(app)
    keyboard_top = window_box(keyboard)[3]
    _, page_bottom, _, page_top = window_box(jobs.ids.page)
    assert page_bottom >= keyboard_top - 1
    for widget in (jobs.ids.where, suggestion(jobs.ids.where_suggestions, "Leeds"), jobs.ids.search):
        _, bottom, _, top = window_box(widget)
        assert page_bottom - 1 <= bottom and top <= page_top + 1, widget
    driver.tap(suggestion(jobs.ids.where_suggestions, "Leeds"))  # "le" alone is not a place
    assert jobs.ids.where.text == "Leeds"
    driver.tap(jobs.ids.search)  # no scrolling needed
    assert app.sm.current == "jobs_results"


def test_about_this_kiosk_shows_what_the_data_licences_ask_for(make_app, driver):
    from kiosk.jobs.places import ATTRIBUTIONS
    app = make_app(start_screen="home")
    touch(driver, app.sm.get_screen("home").ids.about)
    assert app.sm.current == "about"
    shown = app.screen.ids.statements.text
    assert ATTRIBUTIONS and all(statement in shown for statement in ATTRIBUTIONS)
    assert "Contains OS data © Crown copyright" in shown

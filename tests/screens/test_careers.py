"""Explore careers (issue #19 point 5), by touch: from the home screen to a career's page (duties, skills, ways in,
the vacancies near the office now and their pay), careers like it, "Look for these jobs", the young people's page
with its careers service's code, from a job advert, from the CV's skills; in Welsh, read aloud, and counted."""

import datetime as dt
import math

import pytest
from kivy.uix.label import Label

from kiosk.careers.related import careers_for_skills, careers_like
from kiosk.careers.soc2020 import load_unit_groups
from kiosk.cv.suggestions import occupations, title_words
from kiosk.jobs.cache import CACHE_FILE, open_cache
from kiosk.jobs.wording import money
from screens.jobs.detail import open_job
from screens.tools.sample_jobs import sample_vacancies
from screens.widgets import ReadPageButton
from sync.usage import EVENTS, UsageCounter
from tests.screens.helpers import finish_by_touch, in_view, touch, type_on_keyboard
from tests.screens.reading import Recorder

LEEDS = (429921, 433632)   # the sample places' Leeds
RADIUS_M = 15 * 1609.344    # the job search's own distance


def texts(widget):
    """Every label's text under a widget, top to bottom, but "Read this page aloud"."""
    return [w.text for w in widget.walk(restrict=True)
            if isinstance(w, Label) and not isinstance(w, ReadPageButton) and w.text.strip()]


def counted(usage):
    totals = {}
    for (_hour, event), n in usage.pending().items():
        totals[event] = totals.get(event, 0) + n
    return totals


def expected_near_leeds(settings, family_key):
    """The open vacancies of a career within the search distance of Leeds, found here the long way: every vacancy
    in the cache, its title's words against each of the career's job titles."""
    family = occupations().families[family_key]
    db = open_cache(settings["kiosk.data_dir"] / CACHE_FILE)
    rows = db.execute("SELECT title, pay_annual, easting, northing FROM vacancies").fetchall()
    db.close()
    found = []
    for title, pay, east, north in rows:
        words = title_words(title)
        if any(all(w in words for w in title_words(k)) for k in family.keywords) \
                and math.dist((east, north), LEEDS) <= RADIUS_M:
            found.append(pay)
    return found


@pytest.fixture
def extra_vacancies():
    """A job of a kind of work the kiosk has no career for."""
    job = dict(sample_vacancies(dt.date.today())[0])
    job.update(id="careers-unknown", title="Astronaut", description="Space.")
    return [job]


@pytest.fixture
def settings(settings):
    settings["kiosk.place"] = "Leeds"
    return settings


@pytest.fixture
def usage(tmp_path):
    return UsageCounter(tmp_path / "usage.sqlite")


def open_careers(make_app, driver, **parts):
    app = make_app(start_screen="home", **parts)
    button = app.sm.get_screen("home").ids.careers
    assert button.height >= app.look.target
    touch(driver, button)
    assert app.sm.current == "careers"
    return app


def career_button(app, name):
    return next(b for b in app.screen.ids.careers.children if b.text == name)


def test_home_to_a_career_shows_what_it_involves_its_skills_ways_in_and_the_jobs_near_the_office(
        make_app, driver, settings):
    app = open_careers(make_app, driver)
    names = [b.text for b in reversed(app.screen.ids.careers.children)]
    assert names == sorted(names, key=str.casefold) and "Care work" in names and "Any job" not in names
    touch(driver, career_button(app, "Care work"))
    assert app.sm.current == "career"
    page = app.screen
    shown = texts(page.ids.column)
    care = occupations().families["care"]
    assert shown[0] == "Care work"
    assert "\u2022 " + care.duties[0][0] in shown and "\u2022 " + care.skills[0].en in shown
    assert any("apprenticeship" in text for text in shown)
    pays = expected_near_leeds(settings, "care")
    assert pays, "the sample cache has care work near Leeds"
    assert app.t.plural("careers.vacancies_near", len(pays), place="Leeds") in shown
    low, high = min(pays), max(pays)
    pay_line = app.t.text("careers.pay_one", pay=money(low)) if low == high else \
        app.t.text("careers.pay_range", low=money(low), high=money(high))
    assert pay_line in shown
    assert page.ids.useful.journey == "careers" and page.ids.useful.parent is not None


def test_a_licence_is_a_way_in_with_its_source(make_app, driver):
    app = open_careers(make_app, driver)
    touch(driver, career_button(app, "Security"))
    shown = texts(app.screen.ids.routes)
    assert any("SIA" in text for text in shown) and any("www.gov.uk/guidance/apply-for-an-sia-licence" in text
                                                       for text in shown)


def test_what_the_ons_says_the_work_involves_and_how_people_get_in(make_app, driver):
    care = load_unit_groups()["6135"]  # Care workers and home carers, from the ONS's workbook as built
    app = open_careers(make_app, driver)
    touch(driver, career_button(app, "Care work"))
    ids = app.screen.ids
    shown = texts(ids.column)
    intro = app.t.text("careers.ons_tasks_intro", group="Care workers and home carers")
    first_task = "\u2022 " + care.tasks[0][:1].upper() + care.tasks[0][1:]
    assert intro in shown and first_task in shown and len(ids.ons_tasks.children) == 5
    assert care.entry_routes in shown and "DBS check" in care.entry_routes
    # Ours first, then the ONS's, each under its own heading: the tasks before "Main skills", the ways in after ours.
    order = [shown.index(text) for text in ("What the job involves", intro, first_task, "Main skills",
                                            "How to get in", care.entry_routes, "Jobs near here now")]
    assert order == sorted(order)
    recorder = Recorder(app)
    touch(driver, ids.read_page)
    recorder.finish_all(driver)
    said = recorder.texts()
    assert said.index(intro) < said.index(first_task) < said.index("Main skills") < said.index(care.entry_routes)


def test_in_welsh_the_ons_words_are_said_to_be_in_english(make_app, driver):
    app = make_app(start_screen="home")
    touch(driver, app.shell.ids.lang_cy)
    touch(driver, app.sm.get_screen("home").ids.careers)
    touch(driver, career_button(app, "Gyrru lorïau (HGV)"))
    ids = app.screen.ids
    assert "(yn Saesneg)" in ids.ons_intro.text and "Heavy and large goods vehicle drivers" in ids.ons_intro.text
    assert "(yn Saesneg)" in ids.ons_entry.children[-1].text and "Driver CPC" in ids.ons_entry.children[0].text


def test_initialisms_in_the_job_titles_are_in_capitals(make_app, driver):
    app = open_careers(make_app, driver)
    touch(driver, career_button(app, "Lorry (HGV) driving"))
    assert [b.text for b in reversed(app.screen.ids.job_titles.children)] == ["HGV", "LGV", "Lorry"]
    touch(driver, app.screen.ids.job_titles.children[-1])
    assert app.sm.current == "jobs_results" and app.session.search_text == "HGV"


def test_find_any_job_typed_on_the_keyboard_opens_the_onss_page_for_it(make_app, driver, usage):
    nurses = load_unit_groups()["2237"]  # Other registered nursing professionals: "Nurse" is one of its titles
    app = open_careers(make_app, driver, usage=usage)
    ids = app.screen.ids
    touch(driver, ids.find)
    type_on_keyboard(driver, app, "nurse")
    touch(driver, ids.find_button)
    assert ids.found_message.text == "Touch a job to see more:"
    results = list(reversed(ids.found.children))
    assert results[0].text == nurses.title and all(b.height >= app.look.target for b in results)
    touch(driver, results[0])
    assert app.sm.current == "career_ons"
    page = app.screen
    shown = texts(page.ids.column)
    assert shown[0] == nurses.title and nurses.description in shown and nurses.entry_routes in shown
    assert "\u2022 " + nurses.tasks[0][:1].upper() + nurses.tasks[0][1:] in shown
    assert page.ids.useful.journey == "careers" and page.ids.young.parent is not None
    recorder = Recorder(app)
    touch(driver, page.ids.read_page)
    recorder.finish_all(driver)
    said = recorder.texts()
    assert said.index(nurses.title) < said.index(nurses.description) < said.index(nurses.entry_routes)
    touch(driver, app.shell.ids.back)   # back to what was found, still there
    assert app.sm.current == "careers" and ids.find.text == "nurse" and ids.found.children
    events = counted(usage)
    assert events.get("careers_searched") == 1 and events.get("career_ons_viewed") == 1
    assert set(events) <= EVENTS and not any("nurse" in event for event in events)
    finish_by_touch(driver, app)
    app.nav.go("careers")
    assert app.screen.ids.find.text == "" and not app.screen.ids.found.children


def test_find_any_job_offers_the_kiosks_own_career_for_a_welsh_job_name(make_app, driver):
    app = make_app(start_screen="home")
    touch(driver, app.shell.ids.lang_cy)
    touch(driver, app.sm.get_screen("home").ids.careers)
    ids = app.screen.ids
    ids.find.text = "glanhawr"
    touch(driver, ids.find_button)
    first = ids.found.children[-1]
    assert first.text == "Glanhau" and "Saesneg" in ids.found_message.text  # the ONS's names under it are English
    touch(driver, first)
    assert app.sm.current == "career" and texts(app.screen.ids.column)[0] == "Glanhau"


def test_at_large_text_what_was_found_is_brought_into_view_under_the_field(make_app, driver):
    app = open_careers(make_app, driver)
    app.access.set_text_scale(2.0)
    driver.pump(2)
    ids = app.screen.ids
    ids.find.text = "nurse"
    touch(driver, ids.find_button)
    driver.pump(3)
    assert ids.found.children and in_view(app, ids.find) and in_view(app, ids.found_message)
    assert in_view(app, ids.found.children[-1])


def test_find_any_job_says_so_when_nothing_is_found_or_nothing_typed(make_app, driver):
    app = open_careers(make_app, driver)
    ids = app.screen.ids
    touch(driver, ids.find_button)
    assert ids.found_message.text == app.t["careers.find_empty"] and not ids.found.children
    ids.find.text = "[b]zzzz[/b]"
    touch(driver, ids.find_button)
    assert ids.found_message.text == app.t["careers.found_none"] and not ids.found.children


def test_an_ons_page_in_welsh_says_its_words_are_in_english(make_app, driver):
    from screens.careers.ons_career import open_unit_group
    app = make_app(start_screen="home")
    touch(driver, app.shell.ids.lang_cy)
    open_unit_group(app, "2134")
    ids = app.screen.ids
    assert "Saesneg" in ids.source.text and ids.heading.text == "Programmers and software development professionals"
    assert [b.text for b in reversed(ids.job_titles.children)] == ["Analyst-programmer", "Database developer",
                                                                  "Games designer"]


def test_look_for_these_jobs_runs_the_job_search_and_back_returns_to_the_career(make_app, driver):
    app = open_careers(make_app, driver)
    touch(driver, career_button(app, "Care work"))
    first = app.screen.ids.job_titles.children[-1]
    assert first.text == "Care assistant"
    touch(driver, first)
    assert app.sm.current == "jobs_results"
    assert app.session.search_text == "Care assistant" and app.session.search_place == "Leeds"
    touch(driver, app.shell.ids.back)
    assert app.sm.current == "career" and texts(app.screen.ids.column)[0] == "Care work"


def test_careers_like_this_open_on_the_same_page_and_back_goes_through_them(make_app, driver):
    app = open_careers(make_app, driver)
    touch(driver, career_button(app, "Care work"))
    links = list(reversed(app.screen.ids.like.children))
    assert [link.text for link in links] == [f.en for f in careers_like("care")]
    touch(driver, links[0])
    assert app.sm.current == "career" and texts(app.screen.ids.column)[0] == links[0].text
    touch(driver, app.shell.ids.back)
    assert app.sm.current == "career" and texts(app.screen.ids.column)[0] == "Care work"
    touch(driver, app.shell.ids.back)
    assert app.sm.current == "careers"


@pytest.mark.parametrize(("nation", "address"), [("ENGLAND", "nationalcareers.service.gov.uk"),
                                                 ("WALES", "careerswales.gov.wales"),
                                                 ("SCOTLAND", "www.myworldofwork.co.uk")])
def test_the_young_peoples_page_points_to_the_nations_careers_service_with_a_code(make_app, driver, settings,
                                                                                nation, address):
    settings["ui.nation"] = nation
    app = open_careers(make_app, driver)
    touch(driver, app.screen.ids.young)
    assert app.sm.current == "careers_young"
    page = app.screen
    assert page.ids.code.texture is not None and page.ids.code.width >= app.look.mm(30)
    assert address in page.ids.adviser.text
    assert any(nation.title() in text or "Wales" in text or "England" in text for text in texts(page.ids.column))


def test_from_a_job_advert_to_its_career(make_app, driver):
    app = make_app(start_screen="home")
    app.nav.go("jobs")
    app.session.search_text, app.session.search_place = "care worker", "Leeds"
    touch(driver, app.screen.ids.search)
    row = app.screen.ids.rows.children[-1]
    touch(driver, row)
    assert app.sm.current == "job_detail"
    link = app.screen.ids.career
    assert link.text == app.t.text("careers.from_job", career="Care work")
    touch(driver, link)
    assert app.sm.current == "career" and texts(app.screen.ids.column)[0] == "Care work"
    touch(driver, app.shell.ids.back)
    assert app.sm.current == "job_detail"


def test_a_job_whose_kind_of_work_is_not_known_has_no_career_link(make_app, driver):
    app = make_app(start_screen="home")
    open_job(app, "careers-unknown")
    assert app.screen.vacancy["title"] == "Astronaut" and app.screen.ids.career.parent is None


def test_the_cv_skills_lead_to_careers_that_use_them(make_app, driver):
    from screens.tools.tour_views import show_sample_cv
    app = make_app(start_screen="home")
    show_sample_cv(app, "cv_matches")
    box = app.screen.ids.careers
    links = list(reversed(box.children))
    assert links, "the sample CV has skills"
    from kiosk.cv.matching import skill_finder
    keys = [k for s in app.session.cv.skills for k in skill_finder().find(s)]
    assert [link.text for link in links] == [f.en for f in careers_for_skills(keys)]
    touch(driver, links[0])
    assert app.sm.current == "career" and texts(app.screen.ids.column)[0] == links[0].text


def test_in_welsh_every_word_is_welsh(make_app, driver):
    app = make_app(start_screen="home")
    touch(driver, app.shell.ids.lang_cy)
    assert app.sm.get_screen("home").ids.careers.text == "Dod i wybod am yrfaoedd"
    touch(driver, app.sm.get_screen("home").ids.careers)
    touch(driver, career_button(app, "Gwaith gofal"))
    shown = texts(app.screen.ids.column)
    care = occupations().families["care"]
    assert shown[0] == "Gwaith gofal" and "\u2022 " + care.duties[0][1] in shown
    assert "\u2022 " + care.skills[0].cy in shown
    assert app.t["careers.routes_heading"] == "Sut i ddechrau" and "Sut i ddechrau" in shown


def test_read_aloud_reads_the_career_page_in_order(make_app, driver):
    app = open_careers(make_app, driver)
    touch(driver, career_button(app, "Care work"))
    recorder = Recorder(app)
    touch(driver, app.screen.ids.read_page)
    recorder.finish_all(driver)
    said = recorder.texts()
    assert said[0] == "Care work"
    care = occupations().families["care"]
    order = [said.index(text) for text in ("What the job involves", "Main skills", "How to get in",
                                           "Jobs near here now", "Careers like this", "Was this useful?")]
    assert order == sorted(order)
    assert any(care.duties[0][0] in text for text in said)


def test_careers_are_counted_by_career_without_anything_typed(make_app, driver, usage):
    app = open_careers(make_app, driver, usage=usage)
    touch(driver, career_button(app, "Care work"))
    touch(driver, app.shell.ids.back)
    touch(driver, career_button(app, "Care work"))   # the same career again in one visit counts once
    touch(driver, app.screen.ids.young)
    touch(driver, app.shell.ids.back)
    touch(driver, app.screen.ids.job_titles.children[-1])
    events = counted(usage)
    assert {e: n for e, n in events.items() if "career" in e} == {
        "careers_opened": 1, "career_viewed.care": 1, "careers_young_viewed": 1, "career_jobs_searched": 1}
    assert set(events) <= EVENTS

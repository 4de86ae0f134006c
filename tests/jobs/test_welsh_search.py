"""Searching in Welsh, and finding adverts written in Welsh, over the demo vacancies ``kiosk demo-data`` makes."""

import datetime as dt
import re

import pytest

from kiosk.assets import ASSETS
from kiosk.jobs.cache import open_cache, remove_closed_vacancies, store_vacancies
from kiosk.jobs.demo_data import generate_vacancies
from kiosk.jobs.demo_welsh import generate_welsh_vacancies
from kiosk.jobs.glossary import load_glossary
from kiosk.jobs.job_titles import load_job_titles
from kiosk.jobs.query import JobQuery, search_words
from kiosk.jobs.search import JobSearch
from kiosk.jobs.vacancies import check_vacancy

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def welsh_adverts(places):
    return list(generate_welsh_vacancies(60, seed=4, places=places, today=TODAY))


@pytest.fixture(scope="module")
def search(places, assets_dir, welsh_adverts):
    db = open_cache(":memory:")
    english = generate_vacancies(3000, seed=4, places=places, titles=load_job_titles(assets_dir / "job_titles.json.gz"),
                                 today=TODAY)
    store_vacancies(db, [*welsh_adverts, *english])
    remove_closed_vacancies(db, TODAY)
    return JobSearch(db, places=places, today=lambda: TODAY)


def titles(search, text, pages=3):
    found = []
    for page in range(pages):
        found += [hit.title.lower() for hit in search.search(JobQuery(text=text, page=page)).hits]
    return found


@pytest.mark.parametrize("typed, english", [
    ("glanhawr", "cleaner"), ("glanhawyr", "cleaner"), ("lanhawr", "cleaner"), ("gyrrwr", "driver"),
    ("yrrwr", "driver"), ("gweithiwr gofal", "care worker"), ("cogydd", "cook"), ("nghogydd", "chef"),
])
def test_welsh_words_in_any_form_find_english_adverts(search, typed, english):
    english_titles = [title for title in titles(search, typed) if not re.search(r"glanhawr|gyrrwr|gweithiwr|cogydd",
                                                                                title)]
    assert any(english in title for title in english_titles)


@pytest.mark.parametrize("english, welsh", [("cleaner", "glanhawr"), ("care worker", "gweithiwr gofal"),
                                            ("van driver", "gyrrwr fan"), ("cook", "cogydd")])
def test_english_words_find_adverts_written_in_welsh(search, english, welsh):
    result = search.search(JobQuery(text=english, page_size=1000))
    assert any(hit.title.lower().endswith(welsh) for hit in result.hits)


def test_the_welsh_search_pages_own_examples_find_jobs(search):
    # The examples the Welsh search page gives, taken from its message file, as a person would type them.
    catalogue = (ASSETS / "locale" / "cy" / "LC_MESSAGES" / "jobpoint.po").read_text(encoding="utf-8")
    hint = re.search(r'msgid "jobs.hint"\nmsgstr "(.*)"', catalogue)[1]
    examples = re.split(r",\s*|\s+neu\s+", hint.removeprefix("Er enghraifft, ").rstrip("."))
    assert examples == ["glanhawr", "gyrrwr", "weithiwr gofal"]
    for example in [*examples, "gweithiwr gofal"]:
        assert search.search(JobQuery(text=example)).total > 0, example


def test_a_welsh_search_says_what_it_also_looked_for(search):
    assert search.search(JobQuery(text="lanhawr")).also_searched == ["cleaner"]
    assert search.search(JobQuery(text="cleaner")).also_searched == ["glanhawr"]
    assert search.search(JobQuery(text="kitchen")).also_searched == ["cegin"]


def test_a_welsh_word_is_never_offered_as_a_misspelling(search):
    assert search.search(JobQuery(text="gyrrwr")).did_you_mean is None
    assert search.search(JobQuery(text="glanhawr")).did_you_mean is None


def test_welsh_and_english_find_the_same_jobs_for_the_same_word(search):
    assert search.search(JobQuery(text="glanhawr")).total == search.search(JobQuery(text="cleaner")).total


def test_every_glossary_form_searches_safely(search):
    # Each form, mutated ones too, goes into the FTS5 expression quoted: none may raise or read as syntax.
    glossary = load_glossary()
    for form in sorted({*glossary._welsh, *glossary._english}):
        search._count(search.words_expression(search_words(form)))


def test_welsh_type_ahead_suggests_welsh_titles_in_welsh_only(search):
    assert search.suggest("glan", language="cy")[0] == "Glanhawr"
    assert "Gyrrwr" in search.suggest("yrr", language="cy")
    assert "Gweithiwr gofal" in search.suggest("gweithiwr g", language="cy")
    assert "Glanhawr" not in search.suggest("cle", language="cy")
    english = search.suggest("clea")
    assert english and all("glanhawr" not in title.lower() for title in english)


def test_welsh_demo_adverts_are_valid_in_wales_and_always_the_same(welsh_adverts, places):
    towns_in_wales = {town.name for town in places.towns() if town.region == "WLS"}
    assert all(check_vacancy(job) and job["town"] in towns_in_wales for job in welsh_adverts)
    assert all(job["id"].startswith("demo-cy-") and "Sut i wneud cais" in job["description"]
               for job in welsh_adverts)
    assert welsh_adverts == list(generate_welsh_vacancies(60, seed=4, places=places, today=TODAY))

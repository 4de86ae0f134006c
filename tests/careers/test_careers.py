"""Careers: related careers by shared skills, and the vacancy count and pay range from the cache.

A real in-memory cache filled through ``store_vacancies`` (its triggers build the FTS index), no mocks.
"""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.careers.related import careers_for_skills, careers_like
from kiosk.careers.vacancy_stats import VacancyStats, vacancy_stats
from kiosk.cv.suggestions import occupations
from kiosk.jobs.cache import open_cache, store_vacancies

TODAY = dt.date(2026, 11, 22)
LEEDS = (430000, 433500)


def record(n, **changes):
    """A valid open vacancy in Leeds paying £13 an hour for 20 hours; ``changes`` override fields."""
    base = {
        "id": f"c{n}", "version": 1, "title": "Care assistant", "employer": "Acme", "description": "Caring.",
        "town": "Leeds", "postcode_district": "LS1", "easting": LEEDS[0], "northing": LEEDS[1], "salary_min": 13,
        "salary_max": 13, "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20,
        "contract": "permanent", "workplace": "on_site", "posted": "2026-11-20", "closes": "2026-12-20",
        "disability_confident": False, "apply_url": f"https://example.org/jobs/{n}", "apply_phone": None,
        "apply_email": None, "occupation_code": "6145",
    }
    base.update(changes)
    return base


def cache():
    """A cache with care jobs near Leeds, one far away, one closed and a cleaner."""
    db = open_cache(":memory:")
    store_vacancies(db, [
        record(1),
        record(2, title="Senior care assistant", salary_min=30000, salary_max=30000, salary_period="year",
               hours_per_week=37.5),
        record(3, easting=LEEDS[0] + 100_000),                       # far from Leeds
        record(4, closes="2026-11-01"),                              # closed
        record(5, title="Office cleaner", description="Care for the office."),  # "care" only in the description
    ])
    return db


def test_counts_open_vacancies_with_every_word_in_the_title_near_the_place():
    stats = vacancy_stats(cache(), "care assistant", TODAY, near=LEEDS)
    assert stats.count == 2
    assert stats.pay_low == 13 * 20 * 52 and stats.pay_high == 30000


def test_anywhere_counts_the_far_vacancy_too_but_never_the_closed_one():
    assert vacancy_stats(cache(), "Care", TODAY).count == 3


def test_no_words_no_vacancies():
    assert vacancy_stats(cache(), " ?! ", TODAY) == VacancyStats(0, None, None)


@pytest.mark.thorough
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_searched_as_words_never_as_fts_syntax(text):
    stats = vacancy_stats(cache(), text, TODAY, near=LEEDS)
    assert 0 <= stats.count <= 3


def test_careers_like_care_share_its_rarer_skills_and_leave_out_care_itself():
    known = occupations()
    like = careers_like("care", known=known)
    assert like and all(f.key != "care" for f in like)
    care_skills = {s.key for s in known.families["care"].skills}
    assert all(care_skills & {s.key for s in f.skills} for f in like)


def test_careers_for_a_forklift_drivers_skills_start_with_forklift_or_warehouse_work():
    known = occupations()
    skills = [s.key for s in known.families["forklift"].skills]
    assert careers_for_skills(skills, known=known)[0].key in {"forklift", "warehouse"}


def test_unknown_career_and_unknown_skills_give_nothing():
    assert careers_like("no-such-career") == []
    assert careers_for_skills(["no-such-skill"]) == []

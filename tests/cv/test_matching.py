"""Jobs that match a CV, through the real job search on real SQLite caches: which jobs, in what order, why, and the
skills each asks for that the CV does not mention."""

import datetime as dt

import pytest

from kiosk.jobs.cache import open_cache, remove_closed_vacancies, store_vacancies
from kiosk.cv.matching import SkillFinder, match_jobs, skill_finder
from kiosk.cv.suggestions import family_for_title, occupations
from kiosk.jobs.demo_data import generate_vacancies
from kiosk.jobs.search import JobSearch
from kiosk.jobs.job_titles import load_job_titles

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(assets_dir, places):
    """3,000 demo vacancies from the project's generator, in a real cache."""
    db = open_cache(":memory:")
    titles = load_job_titles(assets_dir / "job_titles.json.gz")
    store_vacancies(db, generate_vacancies(3000, seed=5, places=places, titles=titles, today=TODAY))
    remove_closed_vacancies(db, TODAY)  # as the kiosk does at start-up (a search never writes)
    return JobSearch(db, places=places, today=lambda: TODAY)


def record(n, title, description, **changes):
    """A valid open vacancy in Leeds."""
    base = {
        "id": f"v{n}", "version": 1, "title": title, "employer": "Acme Ltd", "description": description,
        "town": "Leeds", "postcode_district": "LS1", "easting": 430000, "northing": 433500, "salary_min": 12.71,
        "salary_max": 13.0, "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20,
        "contract": "permanent", "workplace": "on_site", "posted": "2026-11-20", "closes": "2026-12-20",
        "disability_confident": False, "apply_url": f"https://example.org/jobs/{n}", "apply_phone": None,
        "apply_email": None, "occupation_code": "9233",
    }
    base.update(changes)
    return base


def cache_of(*records):
    db = open_cache(":memory:")
    assert store_vacancies(db, records)[1] == 0
    return JobSearch(db, today=lambda: TODAY)


OFFICE_CLEANER = record(1, "Office cleaner", "Clean desks and washrooms. You will store and use cleaning CHEMICALS "
                        "safely. Good customer service matters. A forklift licence is useful. We sell tillers.")


# --- which jobs, in what order, why --------------------------------------------------------------------------------


def test_a_cleaner_cv_finds_cleaning_jobs_with_reasons(demo):
    matches = match_jobs(demo, ["Cleaner"], ["Customer service"])
    assert len(matches) == 20
    assert all(family_for_title(m.title).key == "cleaning" for m in matches)
    assert ("title", "Cleaner") in matches[0].reasons
    assert all(m.reasons for m in matches)
    assert len({m.id for m in matches}) == len(matches)


def test_title_matches_come_before_other_jobs_in_the_same_kind_of_work(demo):
    matches = match_jobs(demo, ["Office cleaner"], [], limit=40)
    kinds = [m.reasons[0][0] for m in matches]
    assert "title" in kinds and "similar" in kinds
    assert kinds == sorted(kinds, key=["title", "similar", "mentions", "skill"].index)
    assert all("office" in m.title.lower() for m in matches if m.reasons[0] == ("title", "Office cleaner"))


def test_jobs_asking_for_more_of_the_cvs_skills_come_first_among_title_matches():
    search = cache_of(
        record(1, "Cleaner", "Cleaning offices."),
        record(2, "Cleaner", "Cleaning offices. Customer service and first aid wanted."),
        record(3, "Cleaner", "Cleaning offices. Customer service wanted."),
    )
    matches = match_jobs(search, ["Cleaner"], ["Customer service", "First aid"])
    assert [m.id for m in matches] == ["v2", "v3", "v1"]
    assert matches[0].reasons == (("title", "Cleaner"), ("skill", "Customer service"), ("skill", "First aid"))


def test_two_jobs_on_a_cv_find_both_kinds_of_work(demo):
    matches = match_jobs(demo, ["Warehouse operative", "Care assistant"], ["Teamwork"], limit=40)
    families = {family_for_title(m.title).key for m in matches}
    assert {"warehouse", "care"} <= families


def test_a_cv_with_only_skills_finds_jobs_asking_for_them(demo):
    matches = match_jobs(demo, [], ["Customer service"])
    assert matches
    assert all(("skill", "Customer service") in m.reasons for m in matches)


def test_a_welsh_skill_counts_as_the_same_skill():
    matches = match_jobs(cache_of(OFFICE_CLEANER), ["Cleaner"], ["Gwasanaeth cwsmeriaid"])
    assert ("skill", "Gwasanaeth cwsmeriaid") in matches[0].reasons
    assert "customer_service" not in [s.key for s in matches[0].gap]


def test_the_limit_and_an_empty_cv():
    search = cache_of(*(record(n, "Cleaner", "Cleaning.") for n in range(30)))
    assert len(match_jobs(search, ["Cleaner"], [], limit=7)) == 7
    assert match_jobs(search, [], []) == []
    assert match_jobs(search, ["", "   "], ["!!"]) == []


def test_jobs_near_a_place_only_when_a_place_is_given(demo, places):
    leeds = places.resolve("Leeds")
    near = match_jobs(demo, ["Care assistant"], [], place="Leeds", radius_miles=20)
    assert near and all(m.distance_miles is not None and m.distance_miles <= 20 for m in near)
    assert leeds is not None


# --- the skills gap --------------------------------------------------------------------------------------------------


def test_the_gap_lists_skills_the_advert_asks_for_and_the_cv_lacks():
    match = match_jobs(cache_of(OFFICE_CLEANER), ["Cleaner"], ["Customer service"])[0]
    gap = [skill.key for skill in match.gap]
    assert "chemicals" in gap          # "cleaning CHEMICALS": any case
    assert "forklift" in gap
    assert "clean_toilets" in gap      # "washrooms"
    assert "customer_service" not in gap
    assert "till" not in gap           # "tillers" is not "till": whole words only
    assert ("skill", "Customer service") in match.reasons


def test_the_gap_follows_the_order_of_the_advert():
    match = match_jobs(cache_of(OFFICE_CLEANER), ["Cleaner"], [])[0]
    gap = [skill.key for skill in match.gap]
    assert gap.index("clean_toilets") < gap.index("chemicals") < gap.index("forklift")


def test_a_skill_the_cv_names_another_way_is_not_in_the_gap():
    match = match_jobs(cache_of(OFFICE_CLEANER), ["Cleaner"], ["COSHH", "Fork lift trucks"])[0]
    gap = [skill.key for skill in match.gap]
    assert "chemicals" not in gap and "forklift" not in gap


def test_skill_finder_reads_whole_words_in_any_case_plural_or_not():
    finder = skill_finder()
    assert finder.find("PALLET TRUCKS and a Fork-Lift") == ["pallets", "forklift"]
    assert finder.find("forklifts") == ["forklift"]
    assert finder.find("refuelling, tillage, palletisation") == []
    assert finder.find("") == []


def test_skill_finder_can_look_for_chosen_skills_only():
    only = SkillFinder([occupations().skills["first_aid"]])
    assert only.find("First aid and customer service") == ["first_aid"]


# --- bad input -------------------------------------------------------------------------------------------------------


HOSTILE = ['"care" OR (nurse* NEAR -', 'NEAR(a b)', "*", '"', "AND OR NOT", "{title}: x", "zc0 zd20261122",
           "x" * 10_000, "café ŵŷ 😀", "\x00\n\t"]


def test_search_syntax_and_junk_in_a_cv_never_break_the_search(demo):
    matches = match_jobs(demo, HOSTILE, HOSTILE)
    assert isinstance(matches, list)
    assert all(m.reasons for m in matches)
    assert match_jobs(demo, ['"care" OR (nurse* NEAR -'], [])  # its words still find care jobs


def test_a_huge_cv_is_cut_to_size(demo):
    matches = match_jobs(demo, ["Cleaner"] + [f"Job {n}" for n in range(500)], ["Cleaning"] * 5000, limit=5)
    assert len(matches) == 5


# --- wording --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language, reason, text", [
    ("en", ("title", "Cleaner"), "You have worked as: Cleaner"),
    ("cy", ("title", "Glanhawr"), "Rydych chi wedi gweithio fel: Glanhawr"),
    ("en", ("similar", "warehouse"), "The same kind of work: Warehouse work"),
    ("cy", ("similar", "warehouse"), "Yr un math o waith: Gwaith warws"),
    ("en", ("mentions", "Cleaner"), "The advert talks about: Cleaner"),
    ("cy", ("skill", "Customer service"), "Mae'n gofyn am sgil sydd gennych chi: Customer service"),
])
def test_reasons_are_worded_in_the_persons_language(language, reason, text):
    from kiosk.cv.matching import reason_text
    from kiosk.i18n import load_catalogues
    assert reason_text(load_catalogues()[language], reason) == text


def test_no_matches_are_asked_for():
    assert match_jobs(cache_of(OFFICE_CLEANER), ["Cleaner"], [], limit=0) == []

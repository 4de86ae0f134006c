"""Pay compared as advertised: hourly pay over the vacancy's own hours, never over hours it does not give.

A £13 an hour job with no hours given must not pass "at least £25,000 a year" (it used to be counted over 37.5
hours, £25,350); each result shows its pay as the advert gives it, with its period.
"""

import datetime as dt

import pytest

from kiosk.i18n import load_catalogues
from kiosk.jobs.cache import open_cache, store_vacancies
from kiosk.jobs.query import JobQuery
from kiosk.jobs.search import JobSearch
from kiosk.jobs.vacancies import check_vacancy, facet_code, search_tags, yearly_pay
from kiosk.jobs.wording import pay_text

TODAY = dt.date(2026, 11, 22)
CATALOGUES = load_catalogues()


def record(n, **changes):
    """A valid vacancy record paying £13 an hour for 20 hours a week; ``changes`` override fields."""
    base = {
        "id": f"p{n}", "version": 1, "title": "Office cleaner", "employer": "Acme", "description": "Cleaning.",
        "town": "Leeds", "postcode_district": "LS1", "easting": 430000, "northing": 433500, "salary_min": 13,
        "salary_max": 13, "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20,
        "contract": "permanent", "workplace": "on_site", "posted": "2026-11-20", "closes": "2026-12-20",
        "disability_confident": False, "apply_url": f"https://example.org/jobs/{n}", "apply_phone": None,
        "apply_email": None, "occupation_code": "9233",
    }
    base.update(changes)
    return base


def pay(amount, period, hours):
    """The pay fields of an advert giving one figure."""
    return {"salary_min": amount, "salary_max": amount, "salary_period": period, "hours_per_week": hours}


#: (pay as advertised, yearly pay, pay tags, what a result says in English and in Welsh)
PERIODS = [
    (pay(13, "hour", 40), 27040, "zp15 zp20 zp25 zb10", "£13 an hour", "£13 yr awr"),
    (pay(13, "hour", 20), 13520, "zb5", "£13 an hour", "£13 yr awr"),
    (pay(13, "hour", None), None, "", "£13 an hour", "£13 yr awr"),
    (pay(13, "hour", 0), None, "", "£13 an hour", "£13 yr awr"),
    (pay(500, "week", None), 26000, "zp15 zp20 zp25 zb10", "£500 a week", "£500 yr wythnos"),
    (pay(2000, "month", None), 24000, "zp15 zp20 zb9", "£2,000 a month", "£2,000 y mis"),
    (pay(24000, "year", None), 24000, "zp15 zp20 zb9", "£24,000 a year", "£24,000 y flwyddyn"),
    (pay(None, None, 20), None, "", "Pay not given", "Cyflog heb ei nodi"),
]
IDS = ["hour-40h", "hour-20h", "hour-no-hours", "hour-zero-hours", "week", "month", "year", "no-pay"]


def pay_tags(tags: str) -> str:
    return " ".join(tag for tag in tags.split() if tag.startswith(("zp", "zb")))


@pytest.mark.parametrize("pay, yearly, tags, _english, _welsh", PERIODS, ids=IDS)
def test_yearly_pay_and_its_tags_follow_the_advert(pay, yearly, tags, _english, _welsh):
    vacancy = check_vacancy(record(1, **pay))
    assert vacancy["pay_annual"] == yearly
    assert pay_tags(vacancy["tags"]) == tags


def test_hourly_pay_without_hours_has_no_yearly_amount():
    assert yearly_pay(13, "hour", None) is None
    assert yearly_pay(13, "hour", 37.5) == 25350  # the figure it used to be given, which passed £25,000


@pytest.fixture(scope="module")
def every_period():
    db = open_cache(":memory:")
    store_vacancies(db, [record(n, **pay) for n, (pay, *_rest) in enumerate(PERIODS)])
    return JobSearch(db, today=lambda: TODAY)


@pytest.mark.parametrize("min_pay, expected", [
    (15000, {"hour-40h", "week", "month", "year"}),
    (25000, {"hour-40h", "week"}),
    (30000, set()),
])
def test_a_yearly_minimum_counts_hourly_pay_only_over_the_jobs_own_hours(every_period, min_pay, expected):
    result = every_period.search(JobQuery(min_pay=min_pay, page_size=50))
    assert {IDS[int(hit.id[1:])] for hit in result.hits} == expected
    assert result.total == len(expected)
    # The count beside each choice says the same when no pay filter is on.
    assert every_period.search(JobQuery()).facets["min_pay"][str(min_pay)] == len(expected)


def test_a_part_time_13_pound_job_with_no_hours_does_not_pass_25000():
    search = JobSearch(store(record(1, hours_per_week=None)), today=lambda: TODAY)
    assert search.search(JobQuery(text="cleaner")).total == 1
    assert search.search(JobQuery(text="cleaner", min_pay=25000)).total == 0
    assert search.search(JobQuery(text="cleaner", min_pay=15000)).total == 0


@pytest.mark.parametrize("pay, _yearly, _tags, english, welsh", PERIODS, ids=IDS)
def test_each_result_shows_pay_as_advertised_with_its_period(every_period, pay, _yearly, _tags, english, welsh):
    hits = {hit.id: hit for hit in every_period.search(JobQuery(page_size=50)).hits}
    hit = hits[f"p{[p for p, *_ in PERIODS].index(pay)}"]
    assert pay_text(CATALOGUES["en"], hit) == english
    assert pay_text(CATALOGUES["cy"], hit) == welsh


def test_sorting_by_pay_puts_hourly_pay_without_hours_with_the_unknown_pay(every_period):
    ids = [IDS[int(hit.id[1:])] for hit in every_period.search(JobQuery(sort="pay", page_size=50)).hits]
    assert ids[:5] == ["hour-40h", "week", "year", "month", "hour-20h"]  # a tie goes to the newer vacancy
    assert set(ids[5:]) == {"hour-no-hours", "hour-zero-hours", "no-pay"}


def store(*records):
    db = open_cache(":memory:")
    assert store_vacancies(db, records) == (len(records), 0)
    return db


def test_the_migration_retags_a_cache_that_counted_hourly_pay_over_37_5_hours(tmp_path):
    path = tmp_path / "vacancies.db"
    db = open_cache(path)
    store_vacancies(db, [record(1, hours_per_week=None), record(2, hours_per_week=40)])
    staged = check_vacancy(record(3, hours_per_week=None))
    # What the cache held before: £13 an hour counted over 37.5 hours, £25,350 a year, in the vacancies and in a
    # sync's staging area.
    old = dict(staged, pay_annual=25350)
    old["tags"], old["facet_code"] = search_tags(old), facet_code(old)
    with db.conn:
        db.execute("UPDATE vacancies SET pay_annual = ?, tags = ?, facet_code = ? WHERE id = 'p1'",
                   [old["pay_annual"], old["tags"], old["facet_code"]])
        columns = [c for c in old if c != "id"]
        db.execute(f"INSERT INTO sync_staging (id, seq, op, {', '.join(columns)}) VALUES (?, 1, 'upsert', "
                   f"{', '.join('?' * len(columns))})", [old["id"], *(old[c] for c in columns)])
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_hourly_pay_without_hours'")
    search = JobSearch(db, today=lambda: TODAY)
    assert search.search(JobQuery(min_pay=25000)).total == 2  # the old, inflated answer
    db.conn.close()

    db = open_cache(path)
    search = JobSearch(db, today=lambda: TODAY)
    assert [hit.id for hit in search.search(JobQuery(min_pay=25000)).hits] == ["p2"]
    assert search.search(JobQuery()).facets["min_pay"]["25000"] == 1
    retagged = db.execute("SELECT pay_annual, tags, facet_code FROM vacancies WHERE id = 'p1'").fetchone()
    fresh = check_vacancy(record(1, hours_per_week=None))
    assert retagged == (None, fresh["tags"], fresh["facet_code"])
    assert db.execute("SELECT pay_annual, tags, facet_code FROM sync_staging WHERE id = 'p3'").fetchone() == (
        None, staged["tags"], staged["facet_code"])
    # The vacancy paying over 40 hours a week is left as it was.
    assert db.execute("SELECT pay_annual FROM vacancies WHERE id = 'p2'").fetchone() == (27040,)

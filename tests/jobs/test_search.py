"""Job search over the cache: words, filters, counts, sorts, places, closing dates, typos, bad input.

Most checks compare the search with a plain-Python reference that reads the same records one by one, over a
few hundred varied vacancies, so every filter, count and sort is checked against the obvious answer.
"""

import datetime as dt
import itertools
import logging
import math
import random
import time
from dataclasses import dataclass

import pytest

from kiosk.jobs.cache import closed_removed_on, open_cache, remove_closed_vacancies, store_vacancies, vacancy_count
from kiosk.jobs.query import JobQuery, search_words
from kiosk.jobs.search import JobSearch
from kiosk.jobs.vacancies import CONTRACTS, HOURS_BANDS, PAY_STEPS, WORKPLACES, check_vacancy

TODAY = dt.date(2026, 11, 22)
TITLES = ["Office cleaner", "Cleaning supervisor", "Delivery driver", "Care assistant", "Warehouse operative",
          "Kitchen porter", "Retail assistant", "Store manager", "Administrator", "Forklift truck driver"]
FILLER = ["Join a friendly team.", "Training is given.", "You will help customers.", "Free parking on site.",
          "Report to the duty manager.", "Uniform provided."]


@dataclass(frozen=True)
class Spot:
    """A place for the tests: what kiosk.jobs.places.Places.resolve returns."""

    name: str
    kind: str
    easting: int
    northing: int
    district: str


LEEDS = Spot("Leeds", "town", 430000, 433500, "LS1")
YORK = Spot("York", "town", 460000, 451700, "YO1")


class TwoTowns:
    """Knows two places; the real place data is tested in test_places.py."""

    def resolve(self, text):
        return {"leeds": LEEDS, "york": YORK}.get(text.strip().lower())


def record(n, **changes):
    """A valid vacancy record; ``changes`` override fields."""
    base = {
        "id": f"t{n}", "version": 1, "title": "Office cleaner", "employer": "Acme Cleaning",
        "description": "Cleaning offices in the evening.", "town": "Leeds", "postcode_district": "LS1",
        "easting": LEEDS.easting, "northing": LEEDS.northing, "salary_min": 12.71, "salary_max": 13.0,
        "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20, "contract": "permanent",
        "workplace": "on_site", "posted": "2026-11-20", "closes": "2026-12-20", "disability_confident": False,
        "apply_url": f"https://example.org/jobs/{n}", "apply_phone": None, "apply_email": None,
        "occupation_code": "9233",
    }
    base.update(changes)
    return base


def varied_records(count=400, seed=7):
    """Vacancies covering every filter choice, with some closed, some without pay or place."""
    rng = random.Random(seed)
    for n in range(count):
        title = rng.choice(TITLES)
        pattern = rng.choice(["full_time", "part_time"])
        hours = rng.choice([None, 8, 15, 16, 22, 29, 30, 37.5]) if pattern == "part_time" else rng.choice([None, 37.5])
        period = rng.choice(["hour", "year", "month", "week", None])
        low = {"hour": 12.71, "year": 18000, "month": 1600, "week": 400, None: None}[period]
        high = None if low is None else round(low * rng.uniform(1, 3), 2)
        posted = TODAY - dt.timedelta(days=rng.randrange(30))
        closes = TODAY + dt.timedelta(days=rng.randrange(-5, 40))
        closes = max(closes, posted)
        spot = rng.choice([LEEDS, YORK, None])
        offset = rng.randrange(0, 40000)
        yield record(
            n, title=title, description=f"{rng.choice(FILLER)} {rng.choice(FILLER)} We need a {title.lower()}.",
            salary_min=low, salary_max=high, salary_period=period, working_pattern=pattern, hours_per_week=hours,
            contract=rng.choice(CONTRACTS), workplace=rng.choice(WORKPLACES), posted=posted.isoformat(),
            closes=closes.isoformat(), disability_confident=rng.random() < 0.3,
            easting=None if spot is None else spot.easting + offset,
            northing=None if spot is None else spot.northing, town=spot.name if spot else "",
            postcode_district=spot.district if spot else "")


@pytest.fixture(scope="module")
def varied():
    db = open_cache(":memory:")
    records = [check_vacancy(r) for r in varied_records()]
    store_vacancies(db, varied_records())
    remove_closed_vacancies(db, TODAY)  # as the kiosk does at start-up
    return JobSearch(db, places=TwoTowns(), today=lambda: TODAY), records


def fresh(*records):
    db = open_cache(":memory:")
    _stored, refused = store_vacancies(db, records)
    assert refused == 0
    return JobSearch(db, places=TwoTowns(), today=lambda: TODAY)


# --- a plain-Python reference ------------------------------------------------------------------------------


def meets(r, query, leave_out=None):
    """Does a checked record meet the query's filters (all groups but ``leave_out``)?"""
    if r["closes"] < TODAY.isoformat():
        return False
    words = search_words(query.text)
    text = f"{r['title']} {r['employer']} {r['description']}".lower()
    if words and not all(w[:4] in text for w in words):
        return False
    if query.place:
        spot = TwoTowns().resolve(query.place)
        if r["easting"] is None or math.hypot(r["easting"] - spot.easting, r["northing"] - spot.northing) > \
                query.radius_miles * 1609.344:
            return False
    tests = {
        "hours": lambda: not query.hours or HOURS_BANDS[r["hours_band"]] in query.hours,
        "contract": lambda: not query.contracts or r["contract"] in query.contracts,
        "remote": lambda: not query.remote or r["workplace"] in ("hybrid", "remote"),
        "disability_confident": lambda: not query.disability_confident or r["disability_confident"],
        "posted_within": lambda: not query.posted_within_days or
        r["posted"] > (TODAY - dt.timedelta(days=query.posted_within_days)).isoformat(),
        "min_pay": lambda: not query.min_pay or (r["pay_annual"] is not None and r["pay_annual"] >= query.min_pay),
    }
    return all(test() for group, test in tests.items() if group != leave_out)


QUERIES = [
    JobQuery(),
    JobQuery(text="forklift"),
    JobQuery(hours={"under_16"}),
    JobQuery(hours={"16_29", "30_plus"}, contracts={"temporary"}),
    JobQuery(contracts={"apprenticeship", "contract"}, remote=True),
    JobQuery(min_pay=25000, disability_confident=True),
    JobQuery(text="driver", posted_within_days=7),
    JobQuery(text="assistant", place="Leeds", radius_miles=10),
    JobQuery(place="York", radius_miles=20, hours={"30_plus"}, min_pay=20000),
    JobQuery(text="manager", posted_within_days=1),
]


def _query_id(query: JobQuery) -> str:
    """A test id that is the same in every process: sets are sorted, since pytest-xdist workers each hash
    strings with their own seed and refuse to run when their collected ids differ."""
    defaults = vars(JobQuery())
    fields = []
    for name, value in vars(query).items():
        if value == defaults[name]:
            continue
        if isinstance(value, (set, frozenset)):
            value = "+".join(sorted(value))
        fields.append(f"{name}={value}")
    return ",".join(fields)[:80] or "everything"


@pytest.mark.parametrize("query", QUERIES, ids=_query_id)
def test_total_and_every_filter_count_match_the_reference(varied, query):
    search, records = varied
    result = search.search(query)
    assert result.total == sum(meets(r, query) for r in records)
    assert len(result.hits) == min(20, result.total)
    assert all(meets(records_by_id(records)[hit.id], query) for hit in result.hits)
    for group, counts in result.facets.items():
        for choice, count in counts.items():
            with_choice = add_choice(query, group, choice)
            expected = sum(meets(r, with_choice, leave_out=None) for r in records if meets(r, query, group))
            assert count == expected, (group, choice)


def records_by_id(records):
    return {r["id"]: r for r in records}


def add_choice(query, group, choice):
    """The query with one choice of a group in place of that group's choices."""
    from dataclasses import replace
    changes = {
        "hours": lambda: {"hours": {choice}}, "contract": lambda: {"contracts": {choice}},
        "remote": lambda: {"remote": True}, "disability_confident": lambda: {"disability_confident": True},
        "posted_within": lambda: {"posted_within_days": int(choice)}, "min_pay": lambda: {"min_pay": int(choice)},
    }[group]()
    return replace(query, **changes)


def test_every_choice_is_counted(varied):
    result = varied[0].search(JobQuery())
    assert set(result.facets) == {"hours", "contract", "remote", "disability_confident", "posted_within", "min_pay"}
    assert set(result.facets["min_pay"]) == {str(p) for p in PAY_STEPS}
    assert all(count > 0 for counts in result.facets.values() for count in counts.values())


def test_pages_follow_each_other_without_gaps_or_repeats(varied):
    search, _records = varied
    query = JobQuery(text="assistant")
    seen = []
    for page in itertools.count():
        hits = search.search(JobQuery(text="assistant", page=page, page_size=7)).hits
        if not hits:
            break
        seen += [h.id for h in hits]
    assert len(seen) == len(set(seen)) == search.search(query).total


# --- sorting ---------------------------------------------------------------------------------------------


def test_newest_first(varied):
    hits = varied[0].search(JobQuery(sort="newest", page_size=50)).hits
    assert [h.posted for h in hits] == sorted((h.posted for h in hits), reverse=True)
    assert hits[0].posted == max(r["posted"] for r in varied[1] if r["closes"] >= TODAY.isoformat())


def test_highest_pay_first_with_unknown_pay_last(varied):
    search, records = varied
    open_records = [r for r in records if r["closes"] >= TODAY.isoformat()]
    hits = []
    for page in range(100):
        page_hits = search.search(JobQuery(sort="pay", page=page, page_size=40)).hits
        if not page_hits:
            break
        hits += page_hits
    pay = {r["id"]: r["pay_annual"] for r in records}
    paid = [pay[h.id] for h in hits if pay[h.id] is not None]
    assert paid == sorted(paid, reverse=True)
    assert [pay[h.id] is None for h in hits] == sorted(pay[h.id] is None for h in hits)
    assert len(hits) == len(open_records)


def test_nearest_first_with_distances(varied):
    hits = varied[0].search(JobQuery(place="Leeds", radius_miles=30, sort="nearest", page_size=100)).hits
    distances = [h.distance_miles for h in hits]
    assert distances == sorted(distances) and distances[-1] <= 30
    assert distances[0] < 2 and distances[-1] > 15


def test_radius_includes_exactly_the_places_within_it():
    near = dict(easting=LEEDS.easting + 16093, northing=LEEDS.northing)   # 10.0 miles east
    far = dict(easting=LEEDS.easting + 16094 + 300, northing=LEEDS.northing)
    search = fresh(record(1, **near), record(2, **far), record(3, easting=None, northing=None))
    result = search.search(JobQuery(place="Leeds", radius_miles=10))
    assert [h.id for h in result.hits] == ["t1"] and result.total == 1
    assert result.hits[0].distance_miles == 10.0
    assert search.search(JobQuery()).total == 3


def test_an_unknown_place_is_said_plainly_not_searched_everywhere(varied):
    result = varied[0].search(JobQuery(text="cleaner", place="Atlantis"))
    assert result.place_unknown and result.total == 0 and result.hits == []


# --- words -----------------------------------------------------------------------------------------------


def test_title_matches_come_before_description_matches():
    search = fresh(record(1, title="Kitchen porter", description="Help the cleaner each evening."),
                   record(2, title="Office cleaner", description="Evening work."),
                   record(3, title="Receptionist", description="Greet visitors; we also need a cleaner."))
    assert search.search(JobQuery(text="cleaner")).hits[0].id == "t2"


@pytest.mark.parametrize("typed, finds", [
    ("cleaning", "Office cleaner"), ("cleaners", "Office cleaner"), ("driving", "Delivery driver"),
    ("CARE assistants", "Care assistant"), ("warehouses", "Warehouse operative"), ("café", "Cafe assistant"),
])
def test_word_forms_find_each_other(typed, finds):
    search = fresh(record(1, title="Office cleaner"), record(2, title="Delivery driver"),
                   record(3, title="Care assistant"), record(4, title="Warehouse operative"),
                   record(5, title="Cafe assistant"),
                   record(6, title="Plumber", description="Pipes.", employer="Pipes Ltd"))
    titles = [h.title for h in search.search(JobQuery(text=typed)).hits]
    assert finds in titles and "Plumber" not in titles


@pytest.mark.parametrize("typed", [
    '"care', "care*", "-care", "care NEAR assistant", "(care", "care)", "{title}: care", "care AND", "OR",
    "NOT care", "care^", "^", "'", "care:assistant", "zc0 zp20", "   ", "🙂 care", "\u202ecare",
])
def test_fts_syntax_typed_by_a_person_is_only_text(varied, typed):
    result = varied[0].search(JobQuery(text=typed))  # never raises
    assert result.total >= 0


def test_very_long_input_is_cut_and_quick(varied):
    started = time.process_time()  # CPU time: other jobs on a busy machine do not count
    result = varied[0].search(JobQuery(text="care " * 5000, place=""))
    assert result.total >= 0 and time.process_time() - started < 2
    assert len(search_words("x" * 500 + " y")) == 2 and len(search_words("x" * 500)[0]) == 40


@pytest.mark.parametrize("typo, intended", [
    ("warehose", "warehouse"), ("cleanr", "cleaner"), ("asistant", "assistant"), ("forklfit", "forklift"),
    ("porterr", "porter"), ("drivre", "driver"), ("receptionst", "receptionist"),
])
def test_a_one_letter_mistake_finds_the_jobs_or_suggests_the_word(typo, intended):
    search = fresh(*(record(n, title=t) for n, t in enumerate(
        ["Warehouse operative", "Office cleaner", "Care assistant", "Forklift driver", "Kitchen porter",
         "Delivery driver", "Receptionist"])))
    result = search.search(JobQuery(text=typo))
    found = any(intended in h.title.lower() for h in result.hits)
    assert found or result.did_you_mean == intended


def test_type_ahead_starts_at_the_second_letter():
    search = fresh(record(1, title="Care assistant"), record(2, title="Care assistant"),
                   record(3, title="Carer"), record(4, title="Cashier"), record(5, title="Home care worker"))
    assert search.suggest("c") == []
    assert search.suggest("ca")[:2] == ["Care assistant", "Carer"] or search.suggest("ca")[0] == "Care assistant"
    assert "Home care worker" in search.suggest("car")
    assert search.suggest("care as") == ["Care assistant"]
    assert search.suggest('"*(') == []


# --- closing dates and bad records ------------------------------------------------------------------------


CLOSING = (record(1, closes="2026-11-21", posted="2026-11-01"), record(2, closes="2026-11-22"), record(3))


def test_closed_vacancies_are_never_shown_and_not_counted_once_removed():
    search = fresh(*CLOSING)
    assert sorted(h.id for h in search.search(JobQuery(text="cleaner")).hits) == ["t2", "t3"]
    assert search.vacancy("t1") is None and search.vacancy("t2")["title"] == "Office cleaner"
    assert remove_closed_vacancies(search.db, TODAY) == 1
    result = search.search(JobQuery(text="cleaner"))
    assert sorted(h.id for h in result.hits) == ["t2", "t3"] and result.total == 2
    assert sum(result.facets["contract"].values()) == 2
    search.today = lambda: TODAY + dt.timedelta(days=1)
    assert [h.id for h in search.search(JobQuery(text="cleaner")).hits] == ["t3"]


def test_a_search_never_writes_to_the_cache_even_with_closed_vacancies_in_it(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    store_vacancies(db, [*CLOSING, record(4, title="Kitchen porter")])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = [tmp_path / "vacancies.db", tmp_path / "vacancies.db-wal"]  # not -shm: readers mark it
    before, changes = [path.read_bytes() for path in files], db.conn.total_changes
    search = JobSearch(db, places=TwoTowns(), today=lambda: TODAY)
    for query in (JobQuery(), JobQuery(text="cleaner"), JobQuery(text="portr"), JobQuery(place="Leeds", sort="pay"),
                  JobQuery(text="cleaner", place="York", hours={"16_29"}, sort="newest")):
        search.search(query)
    search.suggest("cl"), search.vacancy("t1")
    assert db.conn.total_changes == changes and [path.read_bytes() for path in files] == before
    assert vacancy_count(db) == 4 and closed_removed_on(db) is None


def test_removing_closed_vacancies_also_takes_their_titles_from_the_suggestions():
    search = fresh(record(1, title="Lighthouse keeper", closes="2026-11-21", posted="2026-11-01"), record(2))
    assert search.suggest("lig") == ["Lighthouse keeper"]
    assert remove_closed_vacancies(search.db, TODAY) == 1
    assert search.suggest("lig") == [] and vacancy_count(search.db) == 1
    assert closed_removed_on(search.db) == TODAY.isoformat()
    assert remove_closed_vacancies(search.db, TODAY) == 0


def test_removing_closed_vacancies_inside_a_transaction_is_undone_with_it():
    db = fresh(*CLOSING).db
    db.execute("BEGIN IMMEDIATE")
    assert remove_closed_vacancies(db, TODAY, refresh_titles=False) == 1
    assert db.conn.in_transaction  # the caller's transaction is still open: nothing was committed
    db.conn.rollback()
    assert vacancy_count(db) == 3 and closed_removed_on(db) is None


@pytest.mark.parametrize("changes, reason", [
    ({"title": ""}, "title is missing"),
    ({"employer": None}, "employer is missing"),
    ({"contract": "zero hours"}, "contract must be one of"),
    ({"closes": "soon"}, "closes must be a date"),
    ({"closes": "2026-10-01"}, "closes is before posted"),
    ({"salary_min": 20, "salary_max": 10}, "salary_min is more than salary_max"),
    ({"salary_min": float("nan")}, "salary_min must be a number"),
    ({"apply_url": "javascript:alert(1)"}, "apply_url is not a web address"),
    ({"apply_url": None}, "there is no way to apply"),
    ({"postcode_district": "<b>"}, "postcode_district is not a postcode district"),
    ({"title": "x" * 201}, "title is longer than 200 characters"),
])
def test_bad_records_are_refused_with_a_logged_reason(changes, reason, caplog):
    db = open_cache(":memory:")
    stored, refused = store_vacancies(db, [record(1, **changes), record(2)])
    assert (stored, refused) == (1, 1) and vacancy_count(db) == 1
    assert f"refused vacancy t1: {reason}" in caplog.text
    assert "Cleaning offices" not in caplog.text, "the record's text is never logged"


def test_awkward_but_valid_text_is_kept_exactly_as_text():
    odd = "[b]Bold[/b] [color=ff0000]red[/color] <script>x</script> 🙂 مرحبا ‮reversed"
    search = fresh(record(1, title="Chef [i]de partie[/i] 🍳", description=odd * 3, employer="שלום Ltd"))
    vacancy = search.vacancy("t1")
    assert vacancy["title"] == "Chef [i]de partie[/i] 🍳" and vacancy["employer"] == "שלום Ltd"
    assert "[color=ff0000]red[/color]" in vacancy["description"]
    assert "\u202e" not in vacancy["description"], "direction overrides are removed; the words stay"
    assert search.search(JobQuery(text="partie")).hits[0].id == "t1"


def test_a_huge_description_is_cut_at_a_paragraph_not_refused():
    huge = "\n\n".join(f"Paragraph {n}. " + "word " * 200 for n in range(100))
    vacancy = fresh(record(1, description=huge)).vacancy("t1")
    assert 10_000 < len(vacancy["description"]) <= 20_010 and vacancy["description"].endswith("[…]")


def test_a_newer_version_replaces_an_older_one_and_an_older_one_is_ignored():
    db = open_cache(":memory:")
    store_vacancies(db, [record(1, version=2, title="Night cleaner")])
    store_vacancies(db, [record(1, version=1, title="Old title")])
    search = JobSearch(db, today=lambda: TODAY)
    assert search.vacancy("t1")["title"] == "Night cleaner"
    store_vacancies(db, [record(1, version=3, title="Day cleaner")])
    assert search.vacancy("t1")["title"] == "Day cleaner" and vacancy_count(db) == 1
    assert [h.title for h in search.search(JobQuery(text="night")).hits] == []


def test_the_cache_file_uses_wal_and_records_its_migrations(tmp_path):
    db = open_cache(tmp_path / "v.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    applied = {row[0] for row in db.execute("SELECT name FROM _sqlite_migrations")}
    assert {"m001_vacancies", "m002_title_suggestions", "m003_cache_state"} <= applied
    open_cache(tmp_path / "v.db")  # run-once: opening again changes nothing
    assert len(list(db.execute("SELECT name FROM _sqlite_migrations"))) == len(applied)
    logging.getLogger().info("ok")

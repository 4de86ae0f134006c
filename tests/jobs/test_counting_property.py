"""A search that remembers its counts (and takes the writer's stored facet array) always answers exactly as a
search that works everything out afresh, whatever sequence of writes, on whichever connection, and days came
between: hypothesis draws the sequences.

The fresh search runs on a copy of the cache with the stored facet array removed, so it shares nothing the
remembering search could have got wrong: not its memory, not the writer's array."""

import datetime as dt
import sqlite3
from contextlib import closing
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.jobs.cache import open_cache, remove_closed_vacancies, store_vacancies
from kiosk.jobs.query import JobQuery
from kiosk.jobs.search import JobSearch
from tests.jobs.test_search import TODAY, record

TITLES = ("Office cleaner", "Care assistant", "Cleaner and porter")
CONTRACTS = ("permanent", "temporary", "contract", "apprenticeship")

vacancy = st.builds(lambda n, title, contract, posted, closes, pattern: record(
    n, title=TITLES[title], contract=CONTRACTS[contract], posted=(TODAY - dt.timedelta(days=posted)).isoformat(),
    closes=(TODAY + dt.timedelta(days=closes)).isoformat(), working_pattern=pattern,
    hours_per_week=20 if pattern == "part_time" else 37.5),
    st.integers(0, 40), st.integers(0, 2), st.integers(0, 3), st.integers(0, 20), st.integers(-3, 20),
    st.sampled_from(["full_time", "part_time"]))
write = st.one_of(
    st.tuples(st.just("store_here"), st.lists(vacancy, min_size=1, max_size=6)),
    st.tuples(st.just("store_there"), st.lists(vacancy, min_size=1, max_size=6)),
    st.tuples(st.just("delete_there"), st.integers(0, 40)),          # raw SQL on another connection
    st.tuples(st.just("contract_there"), st.integers(0, 40)),        # a raw UPDATE that changes a count
    st.tuples(st.just("next_day"), st.just(0)),
    st.tuples(st.just("remove_closed_there"), st.just(0)),
    st.tuples(st.just("commit_nothing_there"), st.just(0)),          # a commit that changes no vacancy
)
pytestmark = pytest.mark.thorough  # a few seconds: make test, not make check

query = st.builds(lambda text, contracts, within: JobQuery(text=text, contracts=frozenset(contracts),
                                                           posted_within_days=within, page_size=50),
                  st.sampled_from(["", "cleaner", "care"]), st.sets(st.sampled_from(CONTRACTS), max_size=2),
                  st.sampled_from([None, 1, 7, 14]))


def _answer(search, asked):
    result = search.search(asked)
    return result.total, result.facets, sorted(hit.id for hit in result.hits)


def _fresh(path: Path, asked, today):
    """The same search on a copy of the cache with no stored facet array, in a new process's state."""
    copy = sqlite3.connect(":memory:")
    with closing(sqlite3.connect(path)) as source:
        source.backup(copy)
    copy.execute("DELETE FROM facet_array")
    copy.commit()
    copied = path.with_name("fresh.db")
    copied.unlink(missing_ok=True)
    with closing(sqlite3.connect(copied)) as target:
        copy.backup(target)
    copy.close()
    fresh = open_cache(copied)
    try:
        return _answer(JobSearch(fresh, today=lambda: today), asked)
    finally:
        fresh.close()


@settings(max_examples=40, deadline=None)
@given(st.lists(vacancy, min_size=1, max_size=10), st.lists(st.tuples(write, query), min_size=1, max_size=8))
def test_remembered_counts_equal_fresh_counts_after_any_writes(start, steps):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vacancies.db"
        here = open_cache(path)
        store_vacancies(here, start)
        day = [TODAY]
        search = JobSearch(here, today=lambda: day[0])
        _answer(search, JobQuery(text="cleaner"))  # something remembered before the first write
        there = open_cache(path)
        for (kind, value), asked in steps:
            if kind == "store_here":
                store_vacancies(here, value)
            elif kind == "store_there":
                store_vacancies(there, value)
            elif kind == "delete_there":
                with there.conn:
                    there.execute("DELETE FROM vacancies WHERE id = ?", [f"t{value}"])
            elif kind == "contract_there":
                with there.conn:
                    there.execute("UPDATE vacancies SET contract = 'temporary' WHERE id = ?", [f"t{value}"])
            elif kind == "next_day":
                day[0] += dt.timedelta(days=1)
            elif kind == "remove_closed_there":
                remove_closed_vacancies(there, day[0])
            else:
                with there.conn:
                    there.execute("CREATE TABLE IF NOT EXISTS unrelated (x)")
                    there.execute("INSERT INTO unrelated VALUES (1)")
            assert _answer(search, asked) == _fresh(path, asked, day[0]), (kind, value, asked)
        here.close()
        there.close()

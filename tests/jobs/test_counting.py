"""Remembered filter counts are always those of the cache as it is: after a write on the same connection, after a
sync on another connection, and on another day."""

import datetime as dt

from kiosk.jobs.cache import open_cache, store_vacancies
from kiosk.jobs.query import JobQuery
from kiosk.jobs.search import JobSearch
from tests.jobs.test_search import TODAY, TwoTowns, record


def searched(search, **fields):
    result = search.search(JobQuery(**fields))
    return result.total, result.facets, [hit.id for hit in result.hits]


def test_counts_remembered_are_the_same_as_counts_worked_out_afresh(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    store_vacancies(db, [record(n, contract=("permanent", "temporary")[n % 2]) for n in range(30)])
    search = JobSearch(db, today=lambda: TODAY)
    first = searched(search, text="cleaner", contracts={"temporary"})
    assert first[0] == 15 and first[1]["contract"]["permanent"] == 15
    assert searched(search, text="cleaner", contracts={"temporary"}) == first
    search.forget_counts()
    assert searched(search, text="cleaner", contracts={"temporary"}) == first
    assert searched(JobSearch(db, today=lambda: TODAY), text="cleaner", contracts={"temporary"}) == first


def test_a_write_on_the_same_connection_is_counted_at_once(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    store_vacancies(db, [record(n) for n in range(3)])
    search = JobSearch(db, today=lambda: TODAY)
    assert search.search(JobQuery(text="cleaner")).total == 3
    store_vacancies(db, [record(3)])
    result = search.search(JobQuery(text="cleaner"))
    assert result.total == 4 and result.facets["contract"]["permanent"] == 4


def test_a_sync_on_another_connection_is_counted_at_once(tmp_path):
    path = tmp_path / "vacancies.db"
    store_vacancies(open_cache(path), [record(n) for n in range(3)])
    search = JobSearch(open_cache(path), today=lambda: TODAY)
    assert search.search(JobQuery(text="cleaner")).total == 3
    other = open_cache(path)
    store_vacancies(other, [record(n, title="Cleaner", contract="temporary") for n in range(3, 8)])
    with other.conn:
        other.execute("DELETE FROM vacancies WHERE id = 't0'")
    result = search.search(JobQuery(text="cleaner"))
    assert result.total == 7
    assert result.facets["contract"] == {"permanent": 2, "temporary": 5, "contract": 0, "apprenticeship": 0}
    assert "t7" in [hit.id for hit in result.hits]  # the newest, in a rowid the first search never saw


def test_posted_within_counts_move_with_the_day(tmp_path):
    db = open_cache(tmp_path / "vacancies.db")
    store_vacancies(db, [record(1, posted=TODAY.isoformat())])
    day = [TODAY]
    search = JobSearch(db, today=lambda: day[0])
    assert search.search(JobQuery(text="cleaner")).facets["posted_within"]["1"] == 1
    day[0] = TODAY + dt.timedelta(days=2)
    assert search.search(JobQuery(text="cleaner")).facets["posted_within"] == {"1": 0, "7": 1, "14": 1}


def test_counts_round_a_place_follow_the_cache_too(tmp_path):
    path = tmp_path / "vacancies.db"
    store_vacancies(open_cache(path), [record(n) for n in range(3)])
    search = JobSearch(open_cache(path), places=TwoTowns(), today=lambda: TODAY)
    query = JobQuery(text="cleaner", place="Leeds", radius_miles=5)
    assert search.search(query).total == 3
    store_vacancies(open_cache(path), [record(3, contract="temporary")])
    result = search.search(query)
    assert result.total == 4 and result.facets["contract"]["temporary"] == 1
    assert search.search(JobQuery(text="cleaner", place="York", radius_miles=5)).total == 0


def test_a_full_build_leaves_the_full_text_index_in_one_segment():
    db = open_cache(":memory:")
    store_vacancies(db, [record(n) for n in range(50)])
    assert db.execute("SELECT count(DISTINCT segid) FROM vacancy_fts_idx").fetchone()[0] == 1


def _count_made(monkeypatch) -> list:
    """Calls to make the facet array from the table, wherever they come from."""
    from kiosk.jobs import facet_array
    made = []
    real = facet_array.make_facet_array

    def counted(db, today):
        made.append(today)
        return real(db, today)

    monkeypatch.setattr(facet_array, "make_facet_array", counted)
    return made


def test_a_commit_that_changes_no_vacancy_keeps_what_the_search_remembers(tmp_path, monkeypatch):
    # A sync commits every page it stages; only the commit that changes the vacancies may cost a search its counts
    # (issue #20, point 2: the first search after each staged page took 200-290 ms at 300,000 vacancies).
    path = tmp_path / "vacancies.db"
    store_vacancies(open_cache(path), [record(n) for n in range(6)])
    search = JobSearch(open_cache(path), today=lambda: TODAY)
    first = searched(search, text="cleaner")
    made = _count_made(monkeypatch)
    other = open_cache(path)
    with other.conn:
        other.execute("INSERT INTO sync_state (key, value) VALUES ('staged_cursor', '40')")
        other.execute("INSERT OR REPLACE INTO cache_state (key, value) VALUES ('anything', 'x')")
    assert searched(search, text="cleaner") == first and made == []
    with other.conn:  # a vacancy gone without the writers' own path: the triggers still see it
        other.execute("DELETE FROM vacancies WHERE id = 't1'")
    total, counts, hits = searched(search, text="cleaner")
    assert total == 5 and counts["contract"]["permanent"] == 5 and "t1" not in hits and made == [TODAY]


def test_a_search_takes_the_facet_array_the_writer_left(tmp_path, monkeypatch):
    path = tmp_path / "vacancies.db"
    today = dt.date.today()  # the writer makes it for the kiosk's own date
    store_vacancies(open_cache(path), [record(n, posted=today.isoformat()) for n in range(4)])
    search = JobSearch(open_cache(path), today=lambda: today)
    assert search.search(JobQuery(text="cleaner")).total == 4
    made = _count_made(monkeypatch)
    store_vacancies(open_cache(path), [record(n, title="Cleaner", contract="temporary", posted=today.isoformat())
                                          for n in range(4, 9)])
    assert len(made) == 1  # by the writer, once
    result = search.search(JobQuery(text="cleaner", contracts={"temporary"}))
    assert len(made) == 1  # not again by the search
    assert result.total == 5 and result.facets["contract"] == {"permanent": 4, "temporary": 5, "contract": 0,
                                                               "apprenticeship": 0}
    # The next day the posted buckets count from another day: the stored array is not used.
    tomorrow = JobSearch(open_cache(path), today=lambda: today + dt.timedelta(days=2))
    assert tomorrow.search(JobQuery(text="cleaner")).facets["posted_within"] == {"1": 0, "7": 9, "14": 9}
    assert len(made) == 2

"""Searches for bench/sync.py: the committed query set run back to back, in a thread or in a process of its own.

    times_ms, errors = run_searches(search, search_queries(), keep_going=lambda: ...)
    searcher = SearchProcess(cache_path, quiet_seconds=10)   # searches alone first, then until stopped
    searcher.wait_ready(); ...run the sync...; quiet, busy, errors = searcher.stop()

A thread shares the interpreter (and its lock) with the sync, as the app's screens share it with the sync worker; a
process of its own shares only the cache file and the CPUs, so the two show what SQLite's locking costs apart from
Python's.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def search_queries():
    """The committed search set, each plain and with the place and filters (as bench/search.py runs them)."""
    from kiosk.jobs.query import JobQuery
    spec = tomllib.loads((ROOT / "bench" / "search_queries.toml").read_text())
    extra = spec["with_place_and_filters"]
    queries = []
    for item in spec["query"]:
        queries.append(JobQuery(text=item["text"]))
        queries.append(JobQuery(text=item["text"], place=extra["place"], radius_miles=extra["radius_miles"],
                                contracts=frozenset(extra["contracts"]), min_pay=extra["min_pay"]))
    return queries


def open_search(cache: Path):
    """A ``JobSearch`` on its own connection to the cache, warmed up (page cache) after removing closed vacancies,
    as the kiosk does at start-up."""
    from kiosk.jobs.cache import open_cache, remove_closed_vacancies
    from kiosk.jobs.search import JobSearch
    from kiosk.jobs.places import load_places
    today = dt.date.today()
    db = open_cache(cache)
    remove_closed_vacancies(db, today)
    search = JobSearch(db, places=load_places(), today=lambda: today)
    for query in search_queries():
        search.search(query)
    return search


def run_searches(search, queries, keep_going) -> tuple[list[float], list[str]]:
    """Search back to back, round the query set, while ``keep_going()``; returns (ms per search, errors).

    :param search: a ``JobSearch``.
    :param queries: ``JobQuery`` objects.
    :param keep_going: called before each search.
    """
    times, errors = [], []
    number = 0
    while keep_going():
        query = queries[number % len(queries)]
        number += 1
        started = time.perf_counter()
        try:
            search.search(query)
        except Exception as error:  # noqa: BLE001 -- a failed search is a result to report
            errors.append(type(error).__name__)
        times.append((time.perf_counter() - started) * 1000)
    return times, errors


def _process_main(cache: str, quiet_seconds: float, ready, stop, results) -> None:
    sys.path[:0] = [str(ROOT)]
    search = open_search(Path(cache))
    queries = search_queries()
    until = time.perf_counter() + quiet_seconds
    quiet, quiet_errors = run_searches(search, queries, lambda: time.perf_counter() < until)
    ready.set()
    busy, busy_errors = run_searches(search, queries, lambda: not stop.is_set())
    results.put((quiet, busy, quiet_errors + busy_errors))


class SearchProcess:
    """Searches in a process of its own: alone for ``quiet_seconds``, then until ``stop()``.

    :param cache: the cache file.
    :param quiet_seconds: how long to search before ``wait_ready`` returns (the baseline).
    """

    def __init__(self, cache: Path, quiet_seconds: float) -> None:
        context = multiprocessing.get_context("spawn")  # no forked copies of the parent's threads and sockets
        self.ready, self.halt, self.results = context.Event(), context.Event(), context.Queue()
        self.process = context.Process(target=_process_main, args=(str(cache), quiet_seconds, self.ready,
                                                                   self.halt, self.results), daemon=True)
        self.process.start()

    def wait_ready(self, timeout: float = 300) -> None:
        """Wait until the baseline searches are done and searching goes on."""
        if not self.ready.wait(timeout):
            raise RuntimeError("the search process did not start")

    def stop(self) -> tuple[list[float], list[float], list[str]]:
        """Stop searching; returns (baseline ms, ms since ready, errors)."""
        self.halt.set()
        quiet, busy, errors = self.results.get(timeout=120)
        self.process.join(30)
        return quiet, busy, errors

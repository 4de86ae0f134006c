"""CV-to-jobs matching benchmark at 300,000 vacancies: ``kiosk.cv.matching.match_jobs`` against one plain search.

    .venv/bin/python bench/cv_match.py [--vacancies 300000] [--seed 1] [--runs 10] [--cache FILE]

1. Builds the demo cache with ``kiosk demo-data`` (deterministic), or reuses the one ``bench/search.py`` made.
2. For each sample CV below, times ``match_jobs`` (every search it makes, reading each candidate advert, finding
   its skills and the gap) and, interleaved on the same connection, one plain ``JobSearch.search`` of the CV's first
   job title (or first skill): the page the person would get by typing that title into the job search. It prints
   p50/p95/max per CV, the number of searches ``match_jobs`` made, and the match/search ratio.
3. Times the suggestions (``kiosk.cv.suggestions``) for a few hundred job titles.

The last line printed is a one-line summary against the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search import build_cache, percentile

from kiosk.jobs.cache import CACHE_FILE, open_cache, remove_closed_vacancies, vacancy_count
from kiosk.cv.matching import match_jobs
from kiosk.cv.suggestions import duties_for, skills_for, statements_for
from kiosk.jobs.query import JobQuery
from kiosk.jobs.search import JobSearch

#: A match may cost this many plain searches (it makes several, and reads each candidate advert) and still feel
#: instant; the p95 is what a person waits after "Show me jobs that match my CV".
TARGETS = {"ratio": 8.0, "p95": 400.0, "suggest_p95": 2.0}

SAMPLE_CVS = [
    ("cleaner", ["Cleaner"], ["Customer service", "Reliable", "Using cleaning chemicals safely"], ""),
    ("warehouse, care", ["Warehouse operative", "Care assistant"], ["Forklift", "Teamwork", "First aid"], ""),
    ("HGV driver", ["HGV driver"], ["Driving lorries (HGV)", "Tachograph"], ""),
    ("retail, bar", ["Sales assistant", "Bar staff"], ["Using a till", "Customer service"], ""),
    ("admin, Welsh", ["Gweinyddwr"], ["Taenlenni", "Siarad Cymraeg"], ""),
    ("skills only", [], ["Customer service", "Cleaning", "Reliable"], ""),
    ("three jobs", ["Kitchen porter", "Delivery driver", "Security officer"], ["Food hygiene", "Driving"], ""),
    ("hostile text", ['"care" OR (nurse* NEAR -', "x" * 500], ['NEAR(a b)', "*", '"'], ""),
    ("cleaner near Leeds", ["Cleaner"], ["Customer service"], "Leeds"),
    ("care near Cardiff", ["Care assistant"], ["Helping with medication"], "Cardiff"),
]


class CountingSearch(JobSearch):
    """The app's search, counting how many searches a match makes."""

    calls = 0

    def search(self, query):  # as JobSearch.search
        self.calls += 1
        return super().search(query)


def time_cv(search: CountingSearch, titles, skills, place, runs: int):
    """match_jobs times, plain-search times (ms), matches found, searches per match."""
    baseline = JobQuery(text=(titles or skills)[0][:80], place=place)
    for _ in range(2):  # warm-up, not counted
        match_jobs(search, titles, skills, place=place)
        search.search(baseline)
    match_ms, plain_ms, found, calls = [], [], 0, 0
    for _ in range(runs):
        before = search.calls
        started = time.perf_counter()
        found = len(match_jobs(search, titles, skills, place=place))
        match_ms.append((time.perf_counter() - started) * 1000)
        calls = search.calls - before
        started = time.perf_counter()
        search.search(baseline)
        plain_ms.append((time.perf_counter() - started) * 1000)
    return match_ms, plain_ms, found, calls


def time_suggestions(titles: list[str]) -> list[float]:
    """Milliseconds for duties, skills and statements for each title (after the first call loads the file)."""
    duties_for("Cleaner", "en")
    times = []
    for title in titles:
        started = time.perf_counter()
        duties_for(title, "cy")
        skills_for([title, "Cleaner"], "en")
        statements_for([title], "en")
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cache", type=Path, help="cache file (default: ~/.cache/jobpoint/bench/N-seed/...)")
    args = parser.parse_args(argv)
    cache = args.cache or (Path.home() / ".cache" / "jobpoint" / "bench" / f"{args.vacancies}-seed{args.seed}"
                           / CACHE_FILE)
    print(f"# reproduce: .venv/bin/python bench/cv_match.py --vacancies {args.vacancies} --seed {args.seed} "
          f"--runs {args.runs}")
    if not cache.exists():
        build_cache(cache, args.vacancies, args.seed)
    from kiosk.jobs.places import load_places
    db = open_cache(cache)
    today = dt.date.today()
    search = CountingSearch(db, places=load_places(), today=lambda: today)
    remove_closed_vacancies(db, today)  # as the kiosk does at start-up, so "open vacancies" below is right
    search.search(JobQuery(text="warm"))
    print(f"# {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
          f"{vacancy_count(db):,} open vacancies, warm page cache, {args.runs} timed runs per CV after 2 warm-up "
          "runs, match and plain search interleaved")

    print(f"\n{'CV':<22} {'found':>5} {'searches':>8} {'p50':>7} {'p95':>7} {'max':>7} {'plain p50':>9} {'ratio':>6}")
    all_match, ratios = [], []
    for label, titles, skills, place in SAMPLE_CVS:
        match_ms, plain_ms, found, calls = time_cv(search, titles, skills, place, args.runs)
        ratio = statistics.median(match_ms) / max(statistics.median(plain_ms), 1e-6)
        ratios.append(ratio)
        all_match += match_ms
        print(f"{label:<22} {found:>5} {calls:>8} {statistics.median(match_ms):>7.1f} "
              f"{percentile(match_ms, .95):>7.1f} {max(match_ms):>7.1f} {statistics.median(plain_ms):>9.1f} "
              f"{ratio:>6.2f}")
    p50, p95, worst, ratio = (statistics.median(all_match), percentile(all_match, .95), max(all_match),
                              statistics.median(ratios))
    print(f"\nmatch_jobs, all {len(all_match)} timed calls (ms): p50 {p50:.1f}, p95 {p95:.1f}, max {worst:.1f}; "
          f"match/plain-search median ratio {ratio:.2f} (worst CV {max(ratios):.2f})")

    titles = [row[0] for row in db.execute("SELECT title FROM titles ORDER BY vacancies DESC LIMIT 300")]
    suggest_ms = time_suggestions(titles)
    suggest_p95 = percentile(suggest_ms, .95)
    print(f"suggestions (duties, skills, statements) for {len(titles)} advertised titles, ms: "
          f"p50 {statistics.median(suggest_ms):.3f}, p95 {suggest_p95:.3f}, max {max(suggest_ms):.3f}")

    verdict = lambda ok: "ok" if ok else "MISSED"
    print(f"SUMMARY {vacancy_count(db):,} vacancies: match p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"({verdict(p95 <= TARGETS['p95'])}), max {worst:.1f} ms, match/plain search {ratio:.2f} "
          f"({verdict(ratio <= TARGETS['ratio'])}), suggestions p95 {suggest_p95:.3f} ms "
          f"({verdict(suggest_p95 <= TARGETS['suggest_p95'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

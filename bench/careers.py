"""Careers benchmark: the vacancy count and pay range for every career, against a plain full-text count.

    .venv/bin/python bench/careers.py [--vacancies 300000] [--seed 1] [--runs 20] [--cache FILE]

Builds the demo cache with ``kiosk demo-data`` (or reuses the file), then for every job family in
``assets/cv/occupations.toml`` times ``kiosk.careers.vacancy_stats.vacancy_stats`` near Leeds and, interleaved on
the same connection, the baseline: ``SELECT count(*) FROM vacancy_fts WHERE vacancy_fts MATCH ?`` for the same
words (what the job search already does for a results page's total). It prints p50/p95/max of each and the
stats/baseline ratio of the medians, not a pass or fail: the machine's speed cancels out of the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search import build_cache, percentile  # the same demo cache and percentile as the search benchmark
from kiosk.careers.vacancy_stats import vacancy_stats
from kiosk.cv.suggestions import GENERAL, occupations
from kiosk.jobs.cache import open_cache
from kiosk.jobs.query import quoted, search_words

LEEDS = (430000, 433500)


def timed(call) -> float:
    """Milliseconds one call takes."""
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args()
    path = args.cache or ROOT / "bench" / ".cache" / f"careers-{args.vacancies}-{args.seed}.sqlite"
    if not path.exists():
        build_cache(path, args.vacancies, args.seed)
    db = open_cache(path)
    today = dt.date.today()
    titles = [f.en for f in occupations().families.values() if f.key != GENERAL]
    stats_ms, base_ms = [], []
    for run in range(args.runs + 1):
        for title in titles:
            match = " AND ".join(quoted(w) for w in search_words(title)) or '""'
            s = timed(lambda t=title: vacancy_stats(db, t, today, near=LEEDS))
            b = timed(lambda m=match: db.execute("SELECT count(*) FROM vacancy_fts WHERE vacancy_fts MATCH ?",
                                                  [m]).fetchone())
            if run:    # the first round warms the page cache
                stats_ms.append(s)
                base_ms.append(b)
    for name, values in (("careers stats", stats_ms), ("baseline count", base_ms)):
        print(f"{name}, ms: p50 {statistics.median(values):.2f}, p95 {percentile(values, .95):.2f}, "
              f"max {max(values):.2f}")
    print(f"stats / baseline (p50): {statistics.median(stats_ms) / max(statistics.median(base_ms), 1e-9):.1f}x "
          f"over {len(titles)} careers, {args.vacancies} vacancies")


if __name__ == "__main__":
    main()

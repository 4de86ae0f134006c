"""The daily feed at national size: ingest, diff into the changes feed, and a new snapshot (issue #20, point 6).

    .venv/bin/python bench/ingest.py                       # 300,000 vacancies, 20,000 changed (several minutes)
    .venv/bin/python bench/ingest.py --vacancies 20000 --changes 2000

Yesterday's feed (``--vacancies`` demo JobPostings, JSON Lines, as ``kiosk-central demo-feed`` writes them) is
ingested into a fresh SQLite central database with ``--full`` (not timed). Today's feed is the same file with
``--changes`` postings changed (half a new title, a quarter withdrawn, a quarter new). Timed, as the daily job
runs them: ``ingest_file(full=True)`` (read, map, check, diff against the feed, write the changes), then
``build_snapshot``. Target: both in 120 s at 300,000 on 2 cores. Baseline: reading the same file and mapping
and checking each posting in one process without writing anything (what the ingest did before it used every core,
ADR 055, less its writing); the ratio is ingest / baseline.
The load average is printed, as others may be using the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from kiosk.jobs.demo_data import generate_vacancies
from kiosk.jobs.job_titles import load_job_titles
from kiosk.jobs.places import load_places
from kiosk.jobs.vacancies import check_vacancy
from sync.central.ingest import ingest_file
from sync.central.jobposting import from_job_posting, to_job_posting
from sync.central.snapshots import build_snapshot
from sync.central.storage import open_storage

TARGET_S = 120.0


def load() -> str:
    """The machine's load average, as printed."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def write_feeds(folder: Path, vacancies: int, changes: int, seed: int, today: dt.date) -> tuple[Path, Path]:
    """Yesterday's and today's JSON Lines files."""
    places, titles = load_places(), load_job_titles()
    postings = [to_job_posting(v) for v in generate_vacancies(vacancies, seed, places, titles, today)]
    yesterday, today_file = folder / "yesterday.jsonl", folder / "today.jsonl"
    yesterday.write_text("".join(json.dumps(p) + "\n" for p in postings))
    rng = random.Random(seed)
    picked = rng.sample(range(len(postings)), changes * 3 // 4)
    renamed, withdrawn = set(picked[: changes // 2]), set(picked[changes // 2:])
    new = [to_job_posting(v) for v in generate_vacancies(changes - len(picked), seed + 1, places, titles, today)]
    for posting in new:
        posting["identifier"]["value"] = "new-" + posting["identifier"]["value"]
    with today_file.open("w") as out:
        for number, posting in enumerate(postings):
            if number in withdrawn:
                continue
            if number in renamed:
                posting = {**posting, "title": posting["title"] + " (changed)"}
            out.write(json.dumps(posting) + "\n")
        for posting in new:
            out.write(json.dumps(posting) + "\n")
    return yesterday, today_file


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=300_000)
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.vacancies < 4 or not 1 <= args.changes <= args.vacancies // 2:
        parser.error("--vacancies at least 4, --changes from 1 to half the vacancies")
    print(f"# reproduce: .venv/bin/python bench/ingest.py --vacancies {args.vacancies} --changes {args.changes} "
          f"--seed {args.seed}")
    print(f"# {os.cpu_count()} CPUs; {load()}", flush=True)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    places = load_places()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        work = Path(folder)
        yesterday, today = write_feeds(work, args.vacancies, args.changes, args.seed, now.date())
        storage = open_storage(f"sqlite:///{work / 'central.db'}")
        started = time.perf_counter()
        first = ingest_file(storage, yesterday, now, full=True, places=places)
        print(f"# yesterday's feed: {first.applied.added:,} new in {time.perf_counter() - started:.0f} s "
              f"(not timed); {load()}", flush=True)

        started = time.perf_counter()
        result = ingest_file(storage, today, now, full=True, places=places)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        manifest = build_snapshot(storage, work / "snapshots", now)
        snapshot_s = time.perf_counter() - started

        started = time.perf_counter()
        checked = 0
        with today.open() as handle:
            for line in handle:
                check_vacancy(from_job_posting(json.loads(line), places))
                checked += 1
        baseline_s = time.perf_counter() - started
    a = result.applied
    total = ingest_s + snapshot_s
    print(f"\n{'daily feed':<46} {'postings':>9} {'seconds':>8} {'ratio':>6}")
    print(f"{'ingest --full (read, check, diff, write)':<46} {result.lines:>9,} {ingest_s:>8.1f} "
          f"{ingest_s / baseline_s:>6.2f}")
    print(f"{'  changes: new, changed, withdrawn':<46} {a.added:>9,} {a.updated:>8,} {a.withdrawn:>6,}")
    print(f"{'build_snapshot (' + str(manifest.count) + ' open)':<46} {manifest.count:>9,} {snapshot_s:>8.1f}")
    print(f"{'baseline: read, map and check, one process':<46} {checked:>9,} {baseline_s:>8.1f} {1.0:>6.2f}")
    print(f"SUMMARY daily feed of {result.lines:,} with {args.changes:,} changes: ingest {ingest_s:.1f} s + snapshot "
          f"{snapshot_s:.1f} s = {total:.1f} s ({'ok' if total <= TARGET_S else 'over'} the {TARGET_S:.0f} s target; "
          f"ingest {ingest_s / baseline_s:.2f}x reading and checking alone); {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``kiosk sync --once`` killed with SIGKILL at random points, many times: the cache is always the old or the new
state, and the next run completes."""

import random
import subprocess
import sys
import time

from sync.checksum import cache_snapshot, records_snapshot
from sync.staging import read_state
from tests.sync.records import vacancy

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
KILLS = 14
FIRST_SYNC_KILLS = 8
FIRST_SYNC_SIZE = 6000


def snapshot(kiosk):
    db = kiosk.cache()
    try:
        return cache_snapshot(db, "0000-00-00")
    finally:
        db.close()


def sync_command(kiosk):
    return [sys.executable, "-m", "kiosk", "sync", "--once", "--config", str(kiosk.config())]


def test_sigkill_at_random_points_leaves_old_or_new_and_the_next_run_completes(central, kiosk):
    rng = random.Random(41)
    central.ingest([vacancy(n) for n in range(3000)])
    assert subprocess.run(sync_command(kiosk), cwd=ROOT, capture_output=True, timeout=120).returncode == 0
    next_number, while_applying = 3000, 0
    for kill in range(KILLS):
        # A delta: half the vacancies changed, some new, some withdrawn.
        changed = [vacancy(n, title=f"Kill {kill}") for n in rng.sample(range(next_number), 1500)]
        central.ingest(changed + [vacancy(next_number + n) for n in range(200)], full=kill % 3 == 0)
        next_number += 200
        old = snapshot(kiosk)
        process = subprocess.Popen(sync_command(kiosk), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True)
        if kill % 2:  # somewhere while it fetches and stages, or applies
            time.sleep(rng.uniform(0.3, 2.5))
        else:  # while it applies
            line = process.stderr.readline()
            while line and not line.startswith("Applying"):
                line = process.stderr.readline()
            time.sleep(rng.uniform(0, 0.4))
            while_applying += process.poll() is None
        process.kill()
        process.wait(30)
        after_kill = snapshot(kiosk)
        finished = subprocess.run(sync_command(kiosk), cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert finished.returncode == 0, finished.stderr
        new = snapshot(kiosk)
        assert after_kill in (old, new), f"kill {kill}"
    # At least one kill really landed inside the apply (how many depends on the machine's load).
    assert while_applying >= 1




def timed_first_sync(kiosk) -> tuple[float, float, float]:
    """Run a whole first sync into a new cache: (seconds in all, seconds from "Applying" to the end, seconds from
    the cache being opened to "Applying": fetching and staging)."""
    new_kiosk(kiosk)
    started = time.perf_counter()
    process = subprocess.Popen(sync_command(kiosk), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    opened = started + wait_until_opened(kiosk, process)
    applying = started
    for line in process.stderr:
        if line.startswith("Applying"):
            applying = time.perf_counter()
    assert process.wait(120) == 0
    return time.perf_counter() - started, time.perf_counter() - applying, max(0.05, applying - opened)


def wait_until_opened(kiosk, process) -> float:
    """Wait until the sync process has opened the cache (its write-ahead log exists): how long it took to start.
    A loaded machine can take seconds to start Python; what the kill must land in comes after."""
    started = time.perf_counter()
    wal = kiosk.cache_path.with_name(kiosk.cache_path.name + "-wal")
    while not wal.exists() and process.poll() is None and time.perf_counter() - started < 60:
        time.sleep(0.005)
    return time.perf_counter() - started


def new_kiosk(kiosk) -> None:
    for path in kiosk.cache_path.parent.glob(kiosk.cache_path.name + "*"):
        path.unlink()


def test_a_first_sync_killed_at_random_points_leaves_an_empty_or_full_cache_and_the_next_run_completes(central,
                                                                                                     kiosk):
    """A new kiosk stages its first sync straight into the table that becomes its vacancies (kiosk.jobs.cache_fill);
    killed while staging or while swapping it in, and every other time again while resuming, it is empty or
    full, never part-filled."""
    rng = random.Random(43)
    records = [vacancy(n) for n in range(FIRST_SYNC_SIZE)]
    central.ingest(records)
    empty, full = records_snapshot([], "0000-00-00"), records_snapshot(records, "0000-00-00")
    _whole, apply, staging = timed_first_sync(kiosk)
    landed = {"staging": 0, "applying": 0}
    for kill in range(FIRST_SYNC_KILLS):
        new_kiosk(kiosk)
        for attempt in range(1 + kill % 2):
            process = subprocess.Popen(sync_command(kiosk), cwd=ROOT, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, text=True)
            if (kill + attempt) % 2:  # while it fetches and stages, counted from when it opened the cache
                wait_until_opened(kiosk, process)
                time.sleep(rng.uniform(0.1, 0.9) * staging)
            else:  # while it applies
                line = process.stderr.readline()
                while line and not line.startswith("Applying"):
                    line = process.stderr.readline()
                time.sleep(rng.uniform(0, 0.8) * apply)
            process.kill()
            process.wait(30)
            after_kill = snapshot(kiosk)
            assert after_kill in (empty, full), f"kill {kill}, attempt {attempt}"
            state = read_cache_state(kiosk)
            if state.staged_cursor is not None:
                landed["applying" if (kill + attempt) % 2 == 0 else "staging"] += 1
        finished = subprocess.run(sync_command(kiosk), cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert finished.returncode == 0, finished.stderr
        assert snapshot(kiosk) == full
    # Kills really landed before the apply committed, both while staging and while applying (how many depends
    # on the machine's load).
    assert landed["staging"] >= 1 and landed["applying"] >= 1, landed


def read_cache_state(kiosk):
    db = kiosk.cache()
    try:
        return read_state(db)
    finally:
        db.close()

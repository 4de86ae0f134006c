"""``kiosk sync --once`` killed with SIGKILL at random points, many times: the cache is always the old or the new
state, and the next run completes."""

import random
import subprocess
import sys
import time

from sync.checksum import cache_snapshot
from tests.sync.records import vacancy

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
KILLS = 14


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

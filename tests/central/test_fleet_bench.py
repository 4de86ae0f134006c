"""bench/fleet.py at a tiny size: the fleet simulation runs against `kiosk-central serve --workers 2` on PostgreSQL
and every endpoint it used is printed with 0 errors (the full-size figures are the bench's, not this test's)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.postgres, pytest.mark.thorough]


def test_fleet_bench_runs_a_tiny_fleet_with_no_errors(postgres):
    # The postgres fixture is asked for only so the test skips where PostgreSQL cannot run; the bench makes its own.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "fleet.py"), "--kiosks", "30", "--offices", "3",
                           "--dashboards", "3", "--vacancies", "200", "--burst-seconds", "5", "--minutes", "0.3",
                           "--threads", "8"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr
    # phase, endpoint, served, busy (503 with Retry-After), errors
    rows = re.findall(r"^(burst|day)\s+(\S+ \S+(?: \(\w+\))?)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s", done.stdout,
                      re.MULTILINE)
    endpoints = {endpoint for _, endpoint, _, _, _ in rows}
    assert {"POST /v1/kiosks/{id}/heartbeat", "GET /v1/vacancies/changes", "GET /v1/offices/{id}/config",
            "GET /v1/rates", "GET /v1/vacancies/snapshot", "GET /v1/vacancies/snapshot/files/{name}"} <= endpoints
    assert all(errors == "0" for _, _, _, _, errors in rows), done.stdout
    assert "kiosks started 30 of 30" in done.stdout and "gave up: 0" in done.stdout

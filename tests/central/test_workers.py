"""The central service as in production: `kiosk-central serve --workers 3` on PostgreSQL. Three worker processes
start on one fresh database at once (the tables made once), and kiosks enrolling, sending usage counts (some
batches sent again, by other connections) and heartbeats through the shared port are each counted exactly once."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from sync.central.enrolment import make_token
from sync.central.schema import kiosks, usage_counts
from sync.central.storage import open_storage
from tests.central.conftest import free_port
from tests.central.helpers import add_office
from tests.sync.central_server import wait_for_port

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
KIOSKS = 12

pytestmark = [pytest.mark.postgres, pytest.mark.thorough]


@pytest.fixture
def workers(postgres, tmp_path):
    """`kiosk-central serve --workers 3` on a new PostgreSQL database: (url, storage, server process)."""
    database_url = postgres.new_database()
    port = free_port()
    env = {**os.environ, "JOBPOINT_CENTRAL_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    env.pop("JOBPOINT_CENTRAL_CONFIG", None)
    process = subprocess.Popen([sys.executable, "-m", "sync.central.cli", "serve", "--workers", str(WORKERS),
                                "--port", str(port)], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_port(port, seconds=60, process=process)
        storage = open_storage(database_url, create=False)
        yield f"http://127.0.0.1:{port}", storage, process
        storage.close()
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
        assert "Traceback" not in output, output


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def test_several_workers_count_enrolment_usage_and_heartbeats_exactly_once(workers):
    url, storage, process = workers
    assert len(_children(process.pid)) >= WORKERS
    add_office(storage, "leeds")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    tokens = [make_token(storage, "leeds", 600, now) for _ in range(KIOSKS)]

    def enrol(number: int) -> dict:
        # A new connection each time (Connection: close), so the kernel hands requests to any worker.
        reply = requests.post(f"{url}/v1/enrol", json={"token": tokens[number], "kiosk_name": f"leeds-{number}"},
                              headers={"Connection": "close"}, timeout=30)
        assert reply.status_code == 201, reply.text
        return reply.json()

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        enrolled = list(pool.map(enrol, range(KIOSKS)))
    hour = now.strftime("%Y-%m-%dT%H:00Z")
    batches = {kiosk["kiosk_id"]: {"batch_id": str(uuid.uuid4()),
                                   "counts": [{"hour": hour, "event": "search", "n": 3}]} for kiosk in enrolled}

    def send(kiosk: dict, what: str) -> int:
        headers = {"Authorization": f"Bearer {kiosk['credential']}", "Connection": "close"}
        body = batches[kiosk["kiosk_id"]] if what == "usage" else {"app_version": "0.1.0", "uptime_s": 60}
        return requests.post(f"{url}/v1/kiosks/{kiosk['kiosk_id']}/{what}", json=body, headers=headers,
                             timeout=30).status_code

    # Each batch three times (a kiosk that never heard back sends it again), and a heartbeat, all at once.
    jobs = [(kiosk, what) for kiosk in enrolled for what in ("usage", "usage", "heartbeat", "usage")]
    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(lambda job: send(*job), jobs))
    assert set(statuses) == {200}, statuses
    with storage.read() as conn:
        assert conn.scalar(select(func.count()).select_from(kiosks)) == KIOSKS
        assert conn.scalar(select(func.sum(usage_counts.c.n)).where(usage_counts.c.event == "search")) == \
            3 * KIOSKS
        assert conn.scalar(select(func.count()).select_from(kiosks).where(kiosks.c.last_beat_at.is_not(None))) \
            == KIOSKS


def test_a_job_started_by_several_servers_at_once_runs_in_one(postgres):
    first, second = open_storage(postgres.new_database()), None
    try:
        second = open_storage(first.engine.url.render_as_string(hide_password=False), create=False)
        with first.only_one("snapshot") as mine, second.only_one("snapshot") as theirs:
            assert (mine, theirs) == (True, False)
            with second.only_one("expire") as other_job:
                assert other_job  # another job's lock is its own
        with second.only_one("snapshot") as now_theirs:
            assert now_theirs  # released when the first finished
    finally:
        first.close()
        if second is not None:
            second.close()

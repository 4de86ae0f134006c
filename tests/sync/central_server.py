"""The real central service for the sync tests: uvicorn in its own process on a free loopback port.

    server = CentralServer(tmp_path)          # starts it; server.url is http://127.0.0.1:PORT
    server.ingest([vacancy(1), vacancy(2)])   # writes to its database, as ``kiosk-central ingest`` does
    token = server.token()
    server.stop()

Seeding goes straight to the service's database through its own functions (it is SQLite in WAL mode, shared by
both processes), so tests do not depend on the central service's command-line wording.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from kiosk.jobs.vacancies import check_vacancy
from sync.central.enrolment import make_token
from sync.central.feed import apply_vacancies
from sync.central.offices import set_office
from sync.central.schema import usage_counts
from sync.central.storage import open_storage

ROOT = Path(__file__).resolve().parents[2]
OFFICE = "leeds"
OFFICE_CONFIG = {"lha": {"shared_monthly": 400.0, "one_bedroom_monthly": 550.0, "two_bedrooms_monthly": 650.0,
                         "three_bedrooms_monthly": 750.0, "four_bedrooms_monthly": 950.0},
                 "local_help": [{"name": "Leeds Credit Union", "phone": "0113 000 0000",
                                 "url": "https://example.org/cu", "about_en": "Loans", "about_cy": "Benthyciadau"}],
                 "council_tax": {"band_d_annual": 2280.0, "max_support_share": 0.75}}

_SERVE = """
import sys, uvicorn
from sync.central.app import create_app
from sync.central.settings import CentralSettings
# dashboard_cache_s 0: tests look at the dashboard straight after a heartbeat (the service keeps it 15 s by default).
app = create_app(CentralSettings(database_url=sys.argv[1], public_url=sys.argv[2], rates_dir=sys.argv[4],
                                 dashboard_cache_s=0))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[3]), log_level="warning", access_log=False)
"""


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30.0, process: subprocess.Popen | None = None) -> None:
    """Wait until something accepts connections on ``port``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


class CentralServer:
    """A running central service with one office, seeded through its own database."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.database_url = f"sqlite:///{self.folder / 'central.db'}"
        self.storage = open_storage(self.database_url)
        set_office(self.storage, OFFICE, "Leeds Jobcentre", OFFICE_CONFIG, self.now())
        # A copy of the kiosk's own rates files, which a test may change while the service runs.
        self.rates_dir = self.folder / "rates"
        shutil.copytree(ROOT / "assets" / "rules", self.rates_dir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.start()

    @staticmethod
    def now() -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def start(self) -> None:
        """Start (or restart) the service process on the same port."""
        self.process = subprocess.Popen([sys.executable, "-c", _SERVE, self.database_url, self.url, str(self.port),
                                         str(self.rates_dir)],
                                        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        wait_for_port(self.port, process=self.process)

    def stop(self) -> None:
        """Stop the service process."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)

    def close(self) -> None:
        """Stop the service and close the test's own database connection."""
        self.stop()
        self.storage.close()

    def token(self, office: str = OFFICE) -> str:
        """A fresh one-time enrolment token."""
        return make_token(self.storage, office, 600, self.now())

    def ingest(self, records, full: bool = False) -> None:
        """Add or change vacancies in the feed (with ``full``, withdraw every open one not given)."""
        apply_vacancies(self.storage, [check_vacancy(r) for r in records], self.now(), full=full)

    def usage_totals(self, kiosk_id: str) -> dict[tuple[str, str], int]:
        """What the service has counted for a kiosk, by (hour, event)."""
        with self.storage.read() as conn:
            rows = conn.execute(select(usage_counts.c.hour, usage_counts.c.event, usage_counts.c.n)
                                .where(usage_counts.c.kiosk_id == kiosk_id)).all()
        return {(_hour_text(hour), event): n for hour, event, n in rows}


def _hour_text(hour) -> str:
    if isinstance(hour, dt.datetime):
        return hour.strftime("%Y-%m-%dT%H:00Z")
    return str(hour)

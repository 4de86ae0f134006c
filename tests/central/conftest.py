"""Fixtures for the central service: a real database (SQLite file, and PostgreSQL when it can run here) and the
real app served by uvicorn on a free loopback port, with a clock the tests move."""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from sync.central.settings import CentralSettings
from sync.central.storage import open_storage

START = dt.datetime(2026, 11, 22, 10, 0, 0)


class MovableClock:
    """Naive-UTC time that only moves when a test says so."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.current = start

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta) -> dt.datetime:
        self.current += dt.timedelta(**delta)
        return self.current


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Postgres:
    """A throwaway PostgreSQL cluster in a temp folder, run as the postgres user, reached by a Unix socket."""

    def __init__(self) -> None:
        import psycopg  # noqa: F401  (the driver the service uses)
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not binaries or shutil.which("runuser") is None:
            raise RuntimeError("PostgreSQL (apt postgresql) is not installed")
        self.bin = Path(binaries[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="jobpoint-pg-"))
        self.dir.chmod(0o777)
        self.data = self.dir / "data"
        self.port = free_port()
        user = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
        self.user = user
        subprocess.run([*user, str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "jobpoint",
                        "--no-sync"], check=True, capture_output=True)
        subprocess.run([*user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.dir / "log"),
                        "-o", f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off", "start"],
                       check=True, capture_output=True)
        self.count = 0

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://jobpoint@/{database}?host={self.dir}&port={self.port}"

    def new_database(self) -> str:
        import psycopg
        self.count += 1
        name = f"t{self.count}"
        with psycopg.connect(host=str(self.dir), port=self.port, user="jobpoint", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    """The PostgreSQL cluster, or a skip saying why it cannot run here."""
    try:
        cluster = _Postgres()
    except (ImportError, RuntimeError, subprocess.CalledProcessError) as error:
        pytest.skip(f"PostgreSQL cannot run here: {error}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def storage(request, tmp_path):
    """A fresh, real database on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.db'}"
    else:
        url = request.getfixturevalue("postgres").new_database()
    db = open_storage(url)
    yield db
    db.close()


@pytest.fixture
def sqlite_storage(tmp_path):
    """A fresh SQLite database file."""
    db = open_storage(f"sqlite:///{tmp_path / 'central.db'}")
    yield db
    db.close()


class Server:
    """The real app under uvicorn on a loopback port."""

    def __init__(self, storage, settings: CentralSettings, clock: MovableClock) -> None:
        import uvicorn

        from sync.central.app import create_app
        self.storage, self.settings, self.clock = storage, settings, clock
        self.app = create_app(settings, storage=storage, clock=clock)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                                     access_log=False))
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)

    def get(self, path: str, credential: str | None = None, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if credential:
            headers["Authorization"] = f"Bearer {credential}"
        return requests.get(self.url + path, headers=headers, timeout=30, **kwargs)

    def post(self, path: str, credential: str | None = None, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if credential:
            headers["Authorization"] = f"Bearer {credential}"
        return requests.post(self.url + path, headers=headers, timeout=30, **kwargs)


@pytest.fixture
def make_server(tmp_path):
    """Start the real app over a given database; stopped at the end of the test."""
    servers = []

    def start(storage, **settings) -> Server:
        values = {"public_url": "https://kiosks.example.gov.uk", "session_secret": "s" * 40,
                  "rates_dir": Path(__file__).resolve().parents[2] / "assets" / "rules",
                  # Tests look at the dashboard straight after a heartbeat; test_dashboard_paging tests the keeping.
                  "dashboard_cache_s": 0, **settings}
        server = Server(storage, CentralSettings(**values), MovableClock())
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def server(make_server, sqlite_storage):
    """The real app over a fresh SQLite file."""
    return make_server(sqlite_storage)


@contextlib.contextmanager
def loopback_service(folder: Path, office: str = "leeds", name: str = "Leeds Jobcentre"):
    """The real service over a fresh SQLite file with one office, its public address its own (as behind a proxy):
    what a kiosk's tests talk to. Stopped and closed at the end of the block."""
    from dataclasses import replace

    from tests.central.helpers import add_office
    storage = open_storage(f"sqlite:///{folder / 'central.db'}")
    add_office(storage, office, name)
    server = Server(storage, CentralSettings(public_url="http://127.0.0.1", session_secret="s" * 40,
                                             rates_dir=Path(__file__).resolve().parents[2] / "assets" / "rules",
                                             dashboard_cache_s=0), MovableClock())
    server.app.state.settings = replace(server.settings, public_url=server.url)
    try:
        yield server
    finally:
        server.stop()
        storage.close()

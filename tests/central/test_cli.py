"""The ``kiosk-central`` command, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from sync.central.settings import SettingsError, load_settings, settings_table
from tests.central.conftest import free_port

pytestmark = pytest.mark.thorough  # over a second a test, or many: `make check` leaves it to `make test`

ROOT = Path(__file__).resolve().parents[2]


def central(tmp_path, *args, env=None, timeout=120) -> subprocess.CompletedProcess:
    environ = {**os.environ, "JOBPOINT_CENTRAL_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}", **(env or {})}
    environ.pop("JOBPOINT_CENTRAL_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "sync.central.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=environ, timeout=timeout)


def office_file(tmp_path) -> Path:
    path = tmp_path / "leeds.toml"
    path.write_text('name = "Leeds Jobcentre"\n[lha]\none_bedroom_monthly = 550\n[[local_help]]\n'
                    'name = "Citizens Advice"\nurl = "https://example.org"\n')
    return path


def test_office_token_enrol_and_revoke_from_the_command_line(tmp_path):
    assert "no office called leeds" in central(tmp_path, "token", "--office", "leeds").stderr
    done = central(tmp_path, "office-set", "leeds", "--config", str(office_file(tmp_path)))
    assert done.returncode == 0 and "config version 1" in done.stdout
    made = central(tmp_path, "token", "--office", "leeds", "--ttl", "600")
    assert made.returncode == 0 and ("█" in made.stdout or "▀" in made.stdout)  # the QR code, in the terminal
    token = made.stdout.split("Enrolment token for leeds: ")[1].split()[0]
    from sync.central.enrolment import authenticate, enrol
    from sync.central.storage import open_storage
    storage = open_storage(f"sqlite:///{tmp_path / 'c.db'}")
    kiosk = enrol(storage, token, "leeds-1", __import__("sync.central.clock").central.clock.now())
    assert central(tmp_path, "revoke", "--kiosk", kiosk.kiosk_id).returncode == 0
    assert authenticate(storage, kiosk.credential) is None
    assert central(tmp_path, "revoke", "--kiosk", "k-nobody").returncode == 1
    assert central(tmp_path, "token", "--office", "leeds", "--ttl", "7200").returncode == 2


def test_bad_office_file_is_named(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "Leeds"\n[lha]\none_bedroom_monthly = -3\n')
    done = central(tmp_path, "office-set", "leeds", "--config", str(bad))
    assert done.returncode == 2 and "lha.one_bedroom_monthly must be pounds a month" in done.stderr


def test_demo_feed_then_ingest(tmp_path):
    out = tmp_path / "demo.jsonl"
    assert central(tmp_path, "demo-feed", "--vacancies", "40", "--seed", "3", "--out", str(out)).returncode == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 40 and json.loads(lines[0])["@type"] == "JobPosting"
    done = central(tmp_path, "ingest", str(out))
    assert done.returncode == 0, done.stderr
    first = done.stdout.split(" new")[0].split()[-1]
    closed = done.stdout.split(" already closed")[0].split()[-1]
    assert int(first) + int(closed) == 40 and int(first) > 30
    again = central(tmp_path, "ingest", str(out))
    assert ": 0 new, 0 changed" in again.stdout and f"{first} unchanged" in again.stdout


def test_ingest_reports_refused_lines_and_exits_1(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"@type": "JobPosting"}\n')
    done = central(tmp_path, "ingest", str(feed))
    assert done.returncode == 1 and "line 1: description is missing (rule missing-field)" in done.stdout
    assert central(tmp_path, "ingest", str(tmp_path / "missing.jsonl")).returncode == 2


def test_user_add_reads_the_password_from_a_file(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("correct horse battery\n")
    done = central(tmp_path, "user-add", "alex", "--password-file", str(secret))
    assert done.returncode == 0 and "correct horse" not in done.stdout + done.stderr
    from sync.central.passwords import check_login
    from sync.central.storage import open_storage
    assert check_login(open_storage(f"sqlite:///{tmp_path / 'c.db'}"), "alex", "correct horse battery")
    secret.write_text("short\n")
    assert central(tmp_path, "user-add", "sam", "--password-file", str(secret)).returncode == 2


def test_openapi_command_prints_the_committed_spec(tmp_path):
    done = central(tmp_path, "openapi")
    assert json.loads(done.stdout) == json.loads((ROOT / "docs" / "openapi.json").read_text())


def test_serve_answers_on_its_port(tmp_path):
    port = free_port()
    environ = {**os.environ, "JOBPOINT_CENTRAL_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}"}
    process = subprocess.Popen([sys.executable, "-m", "sync.central.cli", "serve", "--port", str(port)], cwd=ROOT,
                               env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                reply = requests.get(f"http://127.0.0.1:{port}/v1/rates", timeout=5)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline and process.poll() is None, "serve did not start"
                time.sleep(0.2)
        assert reply.status_code == 401 and reply.json()["error"] == "unauthorised"
    finally:
        process.terminate()
        process.wait(20)


def test_settings_come_from_the_file_and_environment_wins(tmp_path):
    config = tmp_path / "central.toml"
    config.write_text('next_beat_s = 60\npublic_url = "https://kiosks.example.gov.uk/"\n')
    settings = load_settings(config, environ={"JOBPOINT_CENTRAL_NEXT_BEAT_S": "120"})
    assert (settings.next_beat_s, settings.public_url) == (120, "https://kiosks.example.gov.uk")
    config.write_text("next_beats = 60\n")
    try:
        load_settings(config, environ={})
        raise AssertionError("a misspelt setting was accepted")
    except SettingsError as error:
        assert "Did you mean next_beat_s?" in str(error)


def test_docs_list_every_setting():
    text = (ROOT / "docs" / "central-service.md").read_text(encoding="utf-8")
    assert settings_table(markdown=True) in text, "docs/central-service.md: paste `kiosk-central settings --markdown`"

"""The real service over real HTTP (uvicorn on loopback, requests), as a kiosk, a phone and a dashboard user see it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import update

from sync.central.enrolment import make_token, revoke_kiosk
from sync.central.feed import apply_vacancies
from sync.central.handoffs import MAX_BYTES
from sync.central.offices import BadOfficeConfig, set_office
from sync.central.passwords import add_user
from sync.central.schema import offices
from tests.central.helpers import NOW, add_office, sign_in, vacancy

ROOT = Path(__file__).resolve().parents[2]


def enrolled(server, office: str = "leeds", name: str = "leeds-1") -> dict:
    add_office(server.storage, office)
    token = make_token(server.storage, office, 3600, server.clock())
    reply = server.post("/v1/enrol", json={"token": token, "kiosk_name": name})
    assert reply.status_code == 201, reply.text
    return reply.json()


# --- enrolment and authentication


def test_enrol_gives_a_credential_that_works_once_per_token(server):
    add_office(server.storage)
    token = make_token(server.storage, "leeds", 3600, server.clock())
    first = server.post("/v1/enrol", json={"token": token, "kiosk_name": "leeds-1"})
    assert first.status_code == 201 and set(first.json()) == {"kiosk_id", "office_id", "credential"}
    assert server.get("/v1/rates", first.json()["credential"]).status_code == 200
    again = server.post("/v1/enrol", json={"token": token, "kiosk_name": "leeds-2"})
    assert again.status_code == 401 and again.json()["error"] == "bad_token"


def test_expired_token_cannot_enrol(server):
    add_office(server.storage)
    token = make_token(server.storage, "leeds", 60, server.clock())
    server.clock.advance(seconds=61)
    reply = server.post("/v1/enrol", json={"token": token, "kiosk_name": "leeds-1"})
    assert reply.status_code == 401 and reply.json()["error"] == "bad_token"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-credential"}, {"Authorization": "Basic eDp5"}])
def test_no_or_wrong_credential_is_unauthorised(server, headers):
    reply = server.get("/v1/vacancies/changes", headers=headers)
    assert reply.status_code == 401 and reply.json()["error"] == "unauthorised"
    assert reply.headers["WWW-Authenticate"] == "Bearer" and reply.json()["message"]


def test_revoked_kiosk_is_unauthorised(server):
    kiosk = enrolled(server)
    revoke_kiosk(server.storage, kiosk["kiosk_id"], server.clock())
    assert server.get("/v1/rates", kiosk["credential"]).status_code == 401


def test_kiosk_reads_only_its_own_office_config(server):
    kiosk = enrolled(server, "leeds")
    add_office(server.storage, "york", "York Jobcentre")
    own = server.get("/v1/offices/leeds/config", kiosk["credential"])
    assert own.status_code == 200 and own.json()["name"] == "Leeds Jobcentre"
    other = server.get("/v1/offices/york/config", kiosk["credential"])
    assert other.status_code == 403 and other.json()["error"] == "forbidden"


@pytest.mark.parametrize("stored", ["null", "{}", "[1, 2]", '{"lha": {}}', "not json"])
def test_an_office_row_without_a_usable_config_is_404_not_a_server_error(server, stored):
    kiosk = enrolled(server, "leeds")
    with server.storage.write() as conn:  # as a hand edit or an old version might have left it
        conn.execute(update(offices).where(offices.c.office_id == "leeds").values(config=stored))
    reply = server.get("/v1/offices/leeds/config", kiosk["credential"])
    assert reply.status_code == 404 and reply.json()["error"] == "not_found"


@pytest.mark.parametrize("config", [None, {}, {"lha": {}}, {"local_help": []}, {"lha": [], "local_help": []}])
def test_the_service_will_not_store_a_config_kiosks_could_not_read(server, config):
    with pytest.raises(BadOfficeConfig, match="lha"):
        set_office(server.storage, "leeds", "Leeds Jobcentre", config, NOW)


def test_kiosk_cannot_beat_or_count_for_another_kiosk(server):
    mine = enrolled(server, name="leeds-1")
    theirs = enrolled(server, name="leeds-2")
    beat = {"app_version": "0.1.0", "uptime_s": 5}
    reply = server.post(f"/v1/kiosks/{theirs['kiosk_id']}/heartbeat", mine["credential"], json=beat)
    assert reply.status_code == 403 and reply.json()["error"] == "forbidden"
    reply = server.post(f"/v1/kiosks/{theirs['kiosk_id']}/usage", mine["credential"],
                        json={"batch_id": str(uuid.uuid4()), "counts": []})
    assert reply.status_code == 403


# --- vacancies, config and rates


def test_full_sync_pages_through_the_feed_with_gzip_and_a_matching_snapshot(server):
    kiosk = enrolled(server)
    apply_vacancies(server.storage, [vacancy(f"v{i:03d}") for i in range(120)], NOW)
    apply_vacancies(server.storage, [vacancy(f"v{i:03d}") for i in range(100)], NOW, full=True)  # 20 withdrawn
    cursor, have, pages = 0, {}, 0
    while True:
        reply = server.get(f"/v1/vacancies/changes?since={cursor}&limit=50", kiosk["credential"])
        assert reply.status_code == 200
        body = reply.json()
        if body["has_more"]:  # a full page is well over the 1 KB below which compressing is not worth it
            assert reply.headers["Content-Encoding"] == "gzip"
        pages += 1
        for change in body["changes"]:
            if change["op"] == "upsert":
                have[change["vacancy"]["id"]] = change["vacancy"]["version"]
            else:
                have.pop(change["id"], None)
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert pages == 3 and len(have) == 100
    lines = "".join(f"{i}\t{v}\n" for i, v in sorted(have.items()))
    assert body["snapshot"]["count"] == 100
    assert body["snapshot"]["checksum"] == hashlib.sha256(lines.encode()).hexdigest()


def test_changes_without_gzip_are_plain_json(server):
    kiosk = enrolled(server)
    apply_vacancies(server.storage, [vacancy(f"v{i}") for i in range(20)], NOW)
    reply = requests.get(f"{server.url}/v1/vacancies/changes", headers={
        "Authorization": f"Bearer {kiosk['credential']}", "Accept-Encoding": "identity"}, timeout=30)
    assert "Content-Encoding" not in reply.headers and len(reply.json()["changes"]) == 20


def test_cursor_too_old_is_410(server):
    kiosk = enrolled(server)
    reply = server.get("/v1/vacancies/changes?since=5", kiosk["credential"])
    assert reply.status_code == 410 and reply.json()["error"] == "cursor_too_old"


@pytest.mark.parametrize("query", ["since=-1", "limit=0", "limit=5001", "since=x"])
def test_bad_paging_is_422_in_plain_words(server, query):
    kiosk = enrolled(server)
    reply = server.get(f"/v1/vacancies/changes?{query}", kiosk["credential"])
    assert reply.status_code == 422 and reply.json()["error"] == "invalid"
    assert re.match(r"^(since|limit): ", reply.json()["message"])


def test_rates_are_the_rates_files_with_a_version(server):
    kiosk = enrolled(server)
    body = server.get("/v1/rates", kiosk["credential"]).json()
    names = sorted(p.name for p in (ROOT / "assets" / "rules").glob("rates-*.toml"))
    assert sorted(body["files"]) == names and len(body["version"]) == 64
    assert body["files"][names[0]] == (ROOT / "assets" / "rules" / names[0]).read_text(encoding="utf-8")


# --- usage and statistics


def test_usage_batch_is_accepted_once_and_published_with_small_counts_hidden(server):
    kiosk = enrolled(server)
    batch = {"batch_id": str(uuid.uuid4()), "counts": [{"hour": "2026-11-22T10:00Z", "event": "search", "n": 13},
                                                       {"hour": "2026-11-22T10:00Z", "event": "cv_made", "n": 4}]}
    path = f"/v1/kiosks/{kiosk['kiosk_id']}/usage"
    assert server.post(path, kiosk["credential"], json=batch).json()["status"] == "accepted"
    assert server.post(path, kiosk["credential"], json=batch).json()["status"] == "duplicate"
    session = logged_in(server)
    stats = session.get(f"{server.url}/v1/stats?office=leeds&from=2026-11-22&to=2026-11-22", timeout=30).json()
    assert {row["event"]: row["n"] for row in stats["rows"]} == {"search": 15, "cv_made": None}


@pytest.mark.parametrize("count, words", [
    ({"hour": "2026-11-22T10:30Z", "event": "search", "n": 1}, "on the hour"),
    ({"hour": "2026-11-22T10:00Z", "event": "typed_postcode", "n": 1}, "event must be one of"),
    ({"hour": "2026-11-22T10:00Z", "event": "search", "n": -1}, "n must be a whole number"),
])
def test_bad_usage_is_422_naming_the_problem(server, count, words):
    kiosk = enrolled(server)
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/usage", kiosk["credential"],
                        json={"batch_id": str(uuid.uuid4()), "counts": [count]})
    assert reply.status_code == 422 and words in reply.json()["message"]


def test_stats_need_a_dashboard_login(server):
    reply = server.get("/v1/stats?from=2026-11-01&to=2026-11-30")
    assert reply.status_code == 401 and reply.json()["error"] == "login_required"


# --- heartbeats and the dashboard


def logged_in(server) -> requests.Session:
    add_user(server.storage, "alex", "correct horse battery", server.clock())
    reply = sign_in(server.url)
    assert reply.status_code == 303 and reply.headers["Location"] == "/dashboard"
    cookie = reply.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie
    # public_url is https, so the cookie is Secure; the test talks plain http on loopback, so carry it by hand.
    session = requests.Session()
    session.cookies.set("jobpoint_session", reply.cookies["jobpoint_session"])
    return session


def test_heartbeat_shows_on_the_dashboard_until_three_beats_are_missed(server):
    kiosk = enrolled(server)
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat", kiosk["credential"], json={
        "app_version": "0.1.0", "config_version": "1", "uptime_s": 60, "cache_age_s": 30, "devices": [
            {"device": "card", "provider": "pcsc", "health": "present", "detail": ""}]})
    assert reply.json() == {"server_time": "2026-11-22T10:00:00Z", "next_beat_s": 90}
    session = logged_in(server)
    status = session.get(f"{server.url}/dashboard", timeout=30).json()["offices"][0]["kiosks"][0]
    assert status["online"] is True and status["app_version"] == "0.1.0"
    server.clock.advance(seconds=270)
    overview = session.get(f"{server.url}/dashboard", timeout=30).json()
    assert overview["offices"][0]["kiosks"][0]["online"] is False and overview["alerts"][0]["kind"] == "offline"


def test_bad_heartbeat_is_422(server):
    kiosk = enrolled(server)
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat", kiosk["credential"],
                        json={"app_version": "0.1.0", "uptime_s": -5})
    assert reply.status_code == 422 and reply.json()["message"].startswith("uptime_s: ")


def test_dashboard_sends_a_browser_to_login_and_refuses_a_wrong_password(server):
    reply = server.get("/dashboard", headers={"Accept": "text/html"}, allow_redirects=False)
    assert reply.status_code == 303 and reply.headers["Location"] == "/login"
    assert server.get("/dashboard").status_code == 401
    add_user(server.storage, "alex", "correct horse battery", server.clock())
    wrong = sign_in(server.url, password="wrong horse battery")
    assert wrong.status_code == 401 and "do not match" in wrong.text and "jobpoint_session" not in wrong.cookies


def test_forged_session_cookie_is_refused(server):
    session = logged_in(server)
    assert session.get(f"{server.url}/dashboard", timeout=30).status_code == 200
    token = session.cookies.get("jobpoint_session")
    forged = token.replace(token[3], "A" if token[3] != "A" else "B", 1)
    for value in (forged, token + "x", token[:-1], ""):
        assert requests.get(f"{server.url}/dashboard", cookies={"jobpoint_session": value},
                            timeout=30).status_code == 401


# --- CV hand-off


def encrypt(cv: dict) -> tuple[bytes, str]:
    key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    blob = nonce + AESGCM(key).encrypt(nonce, json.dumps(cv).encode(), None)
    import base64
    return blob, base64.urlsafe_b64encode(key).decode().rstrip("=")


def test_handoff_is_fetched_once_and_the_service_holds_only_ciphertext(server):
    kiosk = enrolled(server)
    cv = {"kind": "cv", "title": "Sam's CV", "text": "Warehouse operative, 5 years."}
    blob, _key = encrypt(cv)
    made = server.post("/v1/handoffs", kiosk["credential"], data=blob,
                       headers={"Content-Type": "application/octet-stream"})
    assert made.status_code == 201
    assert made.json()["url"] == f"https://kiosks.example.gov.uk/h/{made.json()['id']}"
    with server.storage.read() as conn:
        stored = conn.exec_driver_sql("SELECT blob FROM handoffs").scalar_one()
    assert bytes(stored) == blob and b"Warehouse" not in bytes(stored)
    first = server.get(f"/v1/handoffs/{made.json()['id']}")
    assert first.status_code == 200 and first.content == blob
    again = server.get(f"/v1/handoffs/{made.json()['id']}")
    assert again.status_code == 410 and again.json()["error"] == "gone"


def test_handoff_expires_after_24_hours(server):
    kiosk = enrolled(server)
    made = server.post("/v1/handoffs", kiosk["credential"], data=encrypt({"kind": "cv"})[0]).json()
    server.clock.advance(hours=24)
    assert server.get(f"/v1/handoffs/{made['id']}").status_code == 410


def test_handoff_over_one_mebibyte_is_refused(server):
    kiosk = enrolled(server)
    assert server.post("/v1/handoffs", kiosk["credential"], data=b"x" * MAX_BYTES).status_code == 201
    reply = server.post("/v1/handoffs", kiosk["credential"], data=b"x" * (MAX_BYTES + 1))
    assert reply.status_code == 413 and reply.json()["error"] == "too_large"

    def chunks():  # no Content-Length: the limit still holds
        for _ in range(17):
            yield b"x" * 65536
    assert server.post("/v1/handoffs", kiosk["credential"], data=chunks()).status_code == 413


def test_handoff_needs_a_kiosk_credential(server):
    assert server.post("/v1/handoffs", data=b"x" * 100).status_code == 401


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_handoff_page_script_decrypts_the_cv_with_the_key_from_the_fragment(server, tmp_path):
    kiosk = enrolled(server)
    cv = {"kind": "cv", "title": "Sam's CV", "text": "Caf\u00e9 work, 5 years.", "pdf_base64": "JVBERi0xLjQ="}
    blob, key = encrypt(cv)
    made = server.post("/v1/handoffs", kiosk["credential"], data=blob).json()
    page = server.get(f"/h/{made['id']}")
    assert page.status_code == 200 and "script-src 'sha256-" in page.headers["Content-Security-Policy"]
    script = re.search(r"<script>(.*)</script>", page.text, re.S).group(1)
    runner = tmp_path / "run.mjs"
    runner.write_text(script + f"\nfetchAndDecrypt({json.dumps(server.url + '/v1/handoffs/' + made['id'])}, "
                               f"{json.dumps('#' + key)}).then(r => console.log(JSON.stringify(r)));\n")
    out = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=60)
    assert json.loads(out.stdout) == cv, out.stderr
    out = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=60)
    assert json.loads(out.stdout) == {"gone": True}


# --- the spec


def test_committed_openapi_spec_is_the_apps(server):
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(server.app.openapi())), \
        "docs/openapi.json is out of date: run kiosk-central openapi > docs/openapi.json"
    assert server.get("/openapi.json").json() == committed


def test_unknown_address_is_a_plain_404(server):
    reply = server.get("/v2/nothing")
    assert reply.status_code == 404 and reply.json() == {"error": "not_found",
                                                         "message": "There is nothing at this address."}

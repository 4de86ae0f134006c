"""The service's storage and rules, on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from sync.central.enrolment import (BadToken, NoSuchOffice, authenticate, enrol, make_token, revoke_kiosk,
                                    revoke_token)
from sync.central.feed import CursorTooOld, FeedReader, apply_vacancies, expire_and_purge
from sync.central.fleet import fleet_overview
from sync.central.handoffs import store_handoff, take_handoff
from sync.central.heartbeats import record_heartbeat
from sync.central.offices import office_config
from sync.central.passwords import BadUser, add_user, check_login
from sync.central.usage import check_batch, office_stats, record_usage
from tests.central.helpers import NOW, add_kiosk, add_office, vacancy

TODAY = NOW.date()


def page(reader: FeedReader, since: int, limit: int = 2000) -> dict:
    return json.loads(reader.changes_page(since, limit, TODAY))


# --- enrolment


def test_token_enrols_one_kiosk_only(storage):
    add_office(storage)
    token = make_token(storage, "leeds", 3600, NOW)
    kiosk = enrol(storage, token.lower().replace("-", " "), "leeds-1", NOW)  # typed loosely: still the token
    assert authenticate(storage, kiosk.credential).office_id == "leeds"
    with pytest.raises(BadToken):
        enrol(storage, token, "leeds-2", NOW)


def test_expired_token_is_refused(storage):
    add_office(storage)
    token = make_token(storage, "leeds", 60, NOW)
    with pytest.raises(BadToken):
        enrol(storage, token, "leeds-1", NOW + dt.timedelta(seconds=60))


def test_revoked_token_is_refused(storage):
    add_office(storage)
    token = make_token(storage, "leeds", 600, NOW)
    revoke_token(storage, token)
    with pytest.raises(BadToken):
        enrol(storage, token, "leeds-1", NOW)


def test_token_needs_an_existing_office_and_a_short_life(storage):
    with pytest.raises(NoSuchOffice):
        make_token(storage, "nowhere", 600, NOW)
    add_office(storage)
    with pytest.raises(ValueError, match="3600"):
        make_token(storage, "leeds", 3601, NOW)


def test_revoked_kiosk_credential_stops_working(storage):
    kiosk = add_kiosk(storage)
    revoke_kiosk(storage, kiosk.kiosk_id, NOW)
    assert authenticate(storage, kiosk.credential) is None


def test_reenrolling_a_name_replaces_the_old_kiosk(storage):
    first = add_kiosk(storage, name="leeds-1")
    second = add_kiosk(storage, name="leeds-1")
    assert authenticate(storage, first.credential) is None
    assert authenticate(storage, second.credential).kiosk_id == second.kiosk_id


def test_only_hashes_of_tokens_and_credentials_are_stored(storage):
    add_office(storage)
    token = make_token(storage, "leeds", 600, NOW)
    kiosk = enrol(storage, token, "leeds-1", NOW)
    with storage.read() as conn:
        dump = repr([conn.exec_driver_sql(f"SELECT * FROM {t}").all() for t in ("enrolment_tokens", "kiosks")])
    assert token.replace("-", "") not in dump and kiosk.credential not in dump
    assert hashlib.sha256(kiosk.credential.encode()).hexdigest() in dump


def test_office_config_version_rises_only_on_change(storage):
    assert add_office(storage) == 1
    assert add_office(storage) == 1
    assert add_office(storage, one_bedroom_monthly=550) == 2
    config = office_config(storage, "leeds")
    assert config["config_version"] == "2" and config["lha"]["one_bedroom_monthly"] == 550.0


# --- the vacancy feed


def test_changes_come_in_seq_order_in_pages_and_end_with_a_snapshot(storage):
    apply_vacancies(storage, [vacancy(f"v{i}") for i in range(5)], NOW)
    reader = FeedReader(storage)
    first = page(reader, 0, limit=2)
    assert [c["seq"] for c in first["changes"]] == [1, 2] and first["has_more"] and first["snapshot"] is None
    second = page(reader, first["next_cursor"], limit=2)
    last = page(reader, second["next_cursor"], limit=2)
    assert [c["seq"] for c in second["changes"] + last["changes"]] == [3, 4, 5]
    assert last["has_more"] is False and last["next_cursor"] == 5
    lines = "".join(f"v{i}\t1\n" for i in range(5))
    assert last["snapshot"] == {"as_of": "2026-11-22", "count": 5,
                                "checksum": hashlib.sha256(lines.encode()).hexdigest()}
    assert set(first["changes"][0]["vacancy"]) == set(__import__("kiosk.jobs.vacancies").jobs.vacancies.FIELDS)


def test_unchanged_record_adds_no_change_and_a_changed_one_moves_to_the_end(storage):
    apply_vacancies(storage, [vacancy("a"), vacancy("b")], NOW)
    summary = apply_vacancies(storage, [vacancy("a"), vacancy("b", title="Office cleaner")], NOW)
    assert (summary.unchanged, summary.updated) == (1, 1)
    changes = page(FeedReader(storage), 0)["changes"]
    assert [(c["seq"], c["vacancy"]["id"], c["vacancy"]["version"]) for c in changes] == [(1, "a", 1), (3, "b", 2)]


def test_full_ingest_withdraws_missing_vacancies_but_not_refused_ones(storage):
    apply_vacancies(storage, [vacancy("a"), vacancy("b"), vacancy("c")], NOW)
    summary = apply_vacancies(storage, [vacancy("a")], NOW, full=True, still_listed={"c"})
    assert summary.withdrawn == 1
    result = page(FeedReader(storage), 3)
    assert result["changes"] == [{"seq": 4, "op": "delete", "id": "b"}]
    assert result["snapshot"]["count"] == 2


def test_vacancies_already_closed_are_not_sent(storage):
    summary = apply_vacancies(storage, [vacancy("gone", closes="2026-11-21"), vacancy("open")], NOW)
    assert (summary.added, summary.closed) == (1, 1)
    assert [c["vacancy"]["id"] for c in page(FeedReader(storage), 0)["changes"]] == ["open"]


def test_partial_ingest_withdraws_nothing(storage):
    apply_vacancies(storage, [vacancy("a"), vacancy("b")], NOW)
    assert apply_vacancies(storage, [vacancy("c")], NOW).withdrawn == 0


def test_closed_vacancies_become_tombstones_and_old_tombstones_are_forgotten(storage):
    apply_vacancies(storage, [vacancy("old", closes="2026-11-21"), vacancy("open")], NOW - dt.timedelta(days=2))
    assert expire_and_purge(storage, NOW, tombstone_days=30) == (1, 0)
    reader = FeedReader(storage)
    assert page(reader, 2)["changes"] == [{"seq": 3, "op": "delete", "id": "old"}]
    later = NOW + dt.timedelta(days=31)
    assert expire_and_purge(storage, later, tombstone_days=30) == (0, 1)
    with pytest.raises(CursorTooOld):
        reader.changes_page(2, 100, TODAY)  # might have missed the forgotten deletion
    assert page(reader, 3)["changes"] == []  # had seen it: fine
    assert [c["vacancy"]["id"] for c in page(reader, 0)["changes"]] == ["open"]  # a full sync always works


def test_cursor_beyond_the_newest_change_is_too_old(storage):
    apply_vacancies(storage, [vacancy("a")], NOW)
    with pytest.raises(CursorTooOld):
        FeedReader(storage).changes_page(99, 100, TODAY)


def test_snapshot_counts_only_vacancies_open_on_its_date(storage):
    apply_vacancies(storage, [vacancy("a", closes="2026-11-22"), vacancy("b", closes="2026-11-23")], NOW)
    snapshot = json.loads(FeedReader(storage).changes_page(0, 10, dt.date(2026, 11, 23)))["snapshot"]
    assert snapshot["count"] == 1 and snapshot["checksum"] == hashlib.sha256(b"b\t1\n").hexdigest()


def test_last_page_cursor_is_past_forgotten_tombstones(storage):
    apply_vacancies(storage, [vacancy("a", closes="2027-06-30"), vacancy("b")], NOW)
    apply_vacancies(storage, [vacancy("a", closes="2027-06-30")], NOW, full=True)  # seq 3: b withdrawn
    expire_and_purge(storage, NOW + dt.timedelta(days=40), tombstone_days=30)
    reader = FeedReader(storage)
    done = json.loads(reader.changes_page(0, 100, TODAY))
    assert done["next_cursor"] == 3
    assert json.loads(reader.changes_page(done["next_cursor"], 100, TODAY))["changes"] == []


# --- usage


def test_a_batch_is_counted_exactly_once(storage):
    kiosk = add_kiosk(storage)
    ident = authenticate(storage, kiosk.credential)
    batch = check_batch({"batch_id": "0b6c4a1e-3f0e-4b59-9d1a-2f1f8e0c9a11",
                         "counts": [{"hour": "2026-11-22T10:00Z", "event": "search", "n": 7},
                                    {"hour": "2026-11-22T11:00Z", "event": "search", "n": 5}]})
    assert record_usage(storage, ident, batch, NOW) == "accepted"
    assert record_usage(storage, ident, batch, NOW) == "duplicate"
    rows = office_stats(storage, "leeds", TODAY, TODAY)
    assert rows == [{"office_id": "leeds", "day": "2026-11-22", "event": "search", "n": 10}]


@pytest.mark.parametrize("total, published", [(9, None), (10, 10), (12, 10), (13, 15), (101, 100)])
def test_published_counts_hide_small_numbers_and_round_to_five(storage, total, published):
    kiosk = add_kiosk(storage)
    ident = authenticate(storage, kiosk.credential)
    record_usage(storage, ident, check_batch({"batch_id": "6f1c4a1e-3f0e-4b59-9d1a-2f1f8e0c9a11", "counts": [
        {"hour": "2026-11-22T09:00Z", "event": "cv_made", "n": total}]}), NOW)
    assert office_stats(storage, None, TODAY, TODAY)[0]["n"] == published


# --- heartbeats and the fleet


def _beat(**changes) -> dict:
    return {"app_version": "0.1.0", "config_version": "1", "uptime_s": 60, "last_sync_at": "2026-11-22T09:59:00Z",
            "cache_vacancies": 1000, "cache_bytes": 10**7, "cache_age_s": 60, "disk_free_bytes": 5 * 10**9,
            "last_crash_at": None, "last_crash_kind": None,
            "devices": [{"device": "card", "provider": "pcsc", "health": "present", "detail": ""}], **changes}


def test_kiosk_goes_offline_after_three_missed_beats(storage):
    kiosk = add_kiosk(storage)
    record_heartbeat(storage, kiosk.kiosk_id, _beat(), next_beat_s=90, now=NOW)
    line = fleet_overview(storage, NOW + dt.timedelta(seconds=269))["offices"][0]
    assert line["online"] == 1 and line["kiosks"][0]["online"] is True
    overview = fleet_overview(storage, NOW + dt.timedelta(seconds=270))
    assert overview["offices"][0]["kiosks"][0]["online"] is False
    assert [a["kind"] for a in overview["alerts"]] == ["offline"]


def test_fleet_overview_lists_device_problems_and_other_alerts(storage):
    kiosk = add_kiosk(storage)
    beat = _beat(config_version="0", cache_age_s=2 * 86400, disk_free_bytes=10**8,
                 last_crash_at="2026-11-22T09:30:00Z", last_crash_kind="ValueError",
                 devices=[{"device": "card", "provider": "pcsc", "health": "error", "detail": "no reader"},
                          {"device": "printer", "provider": "simulated", "health": "ok", "detail": ""}])
    record_heartbeat(storage, kiosk.kiosk_id, beat, next_beat_s=90, now=NOW)
    overview = fleet_overview(storage, NOW)
    status = overview["offices"][0]["kiosks"][0]
    assert [d["device"] for d in status["device_problems"]] == ["card", "printer"]
    assert status["config_current"] is False and status["cache_age_s"] == 2 * 86400
    assert sorted(a["kind"] for a in overview["alerts"]) == [
        "device", "low_disk", "old_config", "recent_crash", "simulated_device", "stale_vacancies"]
    assert overview["alerts"][0]["severity"] == "error"


def test_fleet_overview_shows_never_seen_and_hides_revoked_kiosks(storage):
    quiet = add_kiosk(storage, name="leeds-1")
    gone = add_kiosk(storage, name="leeds-2")
    revoke_kiosk(storage, gone.kiosk_id, NOW)
    overview = fleet_overview(storage, NOW)
    assert [k["kiosk_id"] for k in overview["offices"][0]["kiosks"]] == [quiet.kiosk_id]
    assert overview["alerts"][0]["kind"] == "never_seen" and overview["totals"] == {
        "kiosks": 1, "online": 0, "offline": 1}


# --- hand-offs and users


def test_handoff_can_be_taken_once(storage):
    handoff_id, expires = store_handoff(storage, "k-1", b"\x01" * 40, NOW)
    assert expires == NOW + dt.timedelta(hours=24)
    assert take_handoff(storage, handoff_id, NOW) == b"\x01" * 40
    assert take_handoff(storage, handoff_id, NOW) is None


def test_handoff_expires_after_24_hours(storage):
    handoff_id, _ = store_handoff(storage, "k-1", b"\x01" * 40, NOW)
    assert take_handoff(storage, handoff_id, NOW + dt.timedelta(hours=24)) is None


def test_user_passwords_are_checked_against_scrypt_hashes(storage):
    assert add_user(storage, "alex", "correct horse battery", NOW) is True
    assert check_login(storage, "alex", "correct horse battery")
    assert not check_login(storage, "alex", "wrong horse battery")
    assert not check_login(storage, "nobody", "correct horse battery")
    with storage.read() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM dashboard_users").scalar_one()
    assert stored.startswith("scrypt$") and "horse" not in stored
    with pytest.raises(BadUser, match="12"):
        add_user(storage, "sam", "short", NOW)

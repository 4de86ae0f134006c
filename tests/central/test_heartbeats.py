"""The heartbeat's one-statement check and write (``sync.central.heartbeats``), over real HTTP and both databases."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sync.central.enrolment import enrol, make_token, revoke_kiosk
from sync.central.heartbeats import record_heartbeat, record_own_heartbeat
from sync.central.schema import kiosks
from sync.central.storage import open_storage
from tests.central.helpers import NOW, add_office

BEAT = {"app_version": "0.1.0", "uptime_s": 5}


def kiosk(storage, name="leeds-1"):
    add_office(storage)
    return enrol(storage, make_token(storage, "leeds", 3600, NOW), name, NOW)


def stored_beat(storage, kiosk_id):
    with storage.read() as conn:
        return conn.execute(select(kiosks.c.last_beat_at, kiosks.c.last_beat).where(kiosks.c.kiosk_id == kiosk_id)
                            ).one()


def test_a_beat_is_stored_exactly_as_the_fleet_writes_it(storage):
    mine, theirs = kiosk(storage, "leeds-1"), kiosk(storage, "leeds-2")
    assert record_own_heartbeat(storage, mine.credential, mine.kiosk_id, BEAT, 90, NOW) is True
    record_heartbeat(storage, theirs.kiosk_id, BEAT, 90, NOW)
    assert stored_beat(storage, mine.kiosk_id) == stored_beat(storage, theirs.kiosk_id)
    assert json.loads(stored_beat(storage, mine.kiosk_id).last_beat)["next_beat_s"] == 90


@pytest.mark.parametrize("whose", ["unknown", "revoked", "another kiosk's"])
def test_a_beat_with_a_bad_credential_writes_nothing(storage, whose):
    mine, theirs = kiosk(storage, "leeds-1"), kiosk(storage, "leeds-2")
    credential = {"unknown": "not-a-credential", "revoked": mine.credential,
                  "another kiosk's": theirs.credential}[whose]
    if whose == "revoked":
        revoke_kiosk(storage, mine.kiosk_id, NOW)
    assert record_own_heartbeat(storage, credential, mine.kiosk_id, BEAT, 90, NOW) is False
    assert tuple(stored_beat(storage, mine.kiosk_id)) == (None, None)


def test_over_http_a_kiosk_revoked_by_another_connection_gets_401_at_its_next_beat(server, tmp_path):
    mine = kiosk(server.storage)
    path = f"/v1/kiosks/{mine.kiosk_id}/heartbeat"
    assert server.post(path, mine.credential, json=BEAT).status_code == 200
    # As `kiosk-central revoke` does: its own process, its own connection to the same file.
    other = open_storage(f"sqlite:///{tmp_path / 'central.db'}")
    revoke_kiosk(other, mine.kiosk_id, NOW)
    other.close()
    reply = server.post(path, mine.credential, json=BEAT)
    assert reply.status_code == 401 and reply.json()["error"] == "unauthorised"


def test_over_http_another_kiosks_path_is_403_and_a_missing_credential_401(server):
    mine, theirs = kiosk(server.storage, "leeds-1"), kiosk(server.storage, "leeds-2")
    path = f"/v1/kiosks/{theirs.kiosk_id}/heartbeat"
    assert server.post(path, mine.credential, json=BEAT).status_code == 403
    assert server.post(path, json=BEAT).status_code == 401
    assert tuple(stored_beat(server.storage, theirs.kiosk_id)) == (None, None)

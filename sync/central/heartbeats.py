"""Kiosk heartbeats written: only each kiosk's last beat is kept, as one UPDATE (a fleet beats every minute).

    if not record_own_heartbeat(storage, credential, "k-1a2b", beat, next_beat_s=90, now=clock.now()):
        ...  # unknown or revoked credential (401), or another kiosk's path (403): ``require_kiosk`` says which
    record_heartbeat(storage, "k-1a2b", beat, next_beat_s=90, now=clock.now())   # already authenticated

``record_own_heartbeat`` is the service's busiest call: its UPDATE only matches the path's kiosk when the
credential is that kiosk's and not revoked, so one write transaction both authenticates and records, instead of a
credential SELECT on a connection of its own first. It reads the database every time (no cache of credentials),
so a kiosk revoked by ``kiosk-central revoke`` in another process is refused at its very next beat. Both write
the same row, which ``sync.central.fleet`` reads back for the dashboard.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading

from sqlalchemy import and_, update

from sync.central.enrolment import digest
from sync.central.schema import kiosks
from sync.central.storage import Storage


def _beat_text(beat: dict, next_beat_s: int) -> str:
    # The dashboard reads this back (sync.central.fleet): both writers must store the same text.
    return json.dumps({**beat, "next_beat_s": next_beat_s}, separators=(",", ":"))


def record_heartbeat(storage: Storage, kiosk_id: str, beat: dict, next_beat_s: int, now: dt.datetime) -> None:
    """Keep a kiosk's latest heartbeat, with the time it arrived and the interval it was told.

    :param storage: the database.
    :param kiosk_id: the kiosk (already authenticated and matched to the path).
    :param beat: the checked heartbeat body.
    :param next_beat_s: the interval the reply tells the kiosk.
    :param now: the current time (UTC).
    """
    text = _beat_text(beat, next_beat_s)
    with storage.write() as conn:
        conn.execute(update(kiosks).where(kiosks.c.kiosk_id == kiosk_id).values(last_beat_at=now, last_beat=text))


def record_own_heartbeat(storage: Storage, credential: str, kiosk_id: str, beat: dict, next_beat_s: int,
                         now: dt.datetime) -> bool:
    """Keep the kiosk's latest heartbeat if ``credential`` is that kiosk's live credential.

    The stored row is the same as ``record_heartbeat`` writes.

    :param storage: the database.
    :param credential: from ``Authorization: Bearer``, not yet checked.
    :param kiosk_id: the kiosk named in the path.
    :param beat: the checked heartbeat body.
    :param next_beat_s: the interval the reply tells the kiosk.
    :param now: the current time (UTC).
    :returns: True if written; False (nothing written) if the credential is unknown, revoked or another kiosk's.
    """
    text = _beat_text(beat, next_beat_s)
    statement = update(kiosks).where(and_(
        kiosks.c.kiosk_id == kiosk_id, kiosks.c.credential_hash == digest(credential),
        kiosks.c.revoked.is_(False))).values(last_beat_at=now, last_beat=text)
    # SQLite has one writer at a time, and a connection that finds the lock taken sleeps 1, 2, 5, 10 ... 100 ms
    # before trying again (its busy handler), however soon the lock is free: at a fleet's rate that sleeping, not
    # the sub-millisecond write, made the slowest beats. Queued on a lock here, the next beat starts the moment
    # the last one commits. (PostgreSQL locks rows, so beats from different kiosks go in parallel there.)
    with _SQLITE_BEATS if storage.dialect == "sqlite" else contextlib.nullcontext(), storage.write() as conn:
        written = conn.execute(statement).rowcount
    return written == 1


_SQLITE_BEATS = threading.Lock()

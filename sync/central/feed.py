"""The vacancy changes feed: one row per vacancy holding its latest change, numbered by a growing ``seq``.

    summary = apply_vacancies(storage, checked_records, now, full=True)     # kiosk-central ingest
    expire_and_purge(storage, now, tombstone_days=30)
    reader = FeedReader(storage)
    body = reader.changes_page(since=0, limit=2000, today=date.today())     # GET /v1/vacancies/changes

A new or changed vacancy gets the next seq and its version goes up by one; a record that is the same as the
stored one adds nothing, so ingesting the same daily file twice sends kiosks nothing. A withdrawn vacancy
becomes a tombstone (``op = "delete"``), and so does one whose closing date has passed. Tombstones are forgotten
after ``tombstone_days``; ``purged_seq`` remembers the newest forgotten one, and a cursor before it gets
``CursorTooOld`` (410), because that kiosk may have missed a deletion.

The stored payload is the vacancy's JSON text, spliced into the response as it is: a page of 5,000 costs one
indexed range read and no JSON parsing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, delete, func, insert, select, update

from kiosk.jobs.vacancies import FIELDS
from sync.central.schema import feed_state, vacancy_feed
from sync.central.storage import Storage, next_seqs

MAX_LIMIT = 5000
DEFAULT_LIMIT = 2000
_BATCH = 2000


class CursorTooOld(LookupError):
    """The cursor is before forgotten tombstones, or beyond the newest change: the kiosk must resync from 0."""


@dataclass
class ApplySummary:
    """What one ingest did to the feed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    closed: int = 0  # already past their closing date: never sent to kiosks


def vacancy_json(record: dict) -> str:
    """The vacancy as the feed sends it: exactly the keys of ``kiosk.jobs.vacancies.FIELDS``, in that order.

    :param record: a checked vacancy (extra keys such as ``tags`` are left out).
    """
    return json.dumps({key: record[key] for key in FIELDS}, ensure_ascii=False, separators=(",", ":"))


def _content_hash(record: dict) -> str:
    content = {key: record[key] for key in FIELDS if key != "version"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def apply_vacancies(storage: Storage, records: Iterable[dict], now: dt.datetime, full: bool = False,
                    still_listed: Iterable[str] = ()) -> ApplySummary:
    """Add new and changed vacancies to the feed, in one transaction; with ``full``, withdraw the rest.

    :param storage: the database.
    :param records: checked vacancies (``kiosk.jobs.vacancies.check_vacancy``); their ``version`` is replaced by the
        feed's own (1 for a new vacancy, one more than before for a changed one).
    :param now: the current time (UTC).
    :param full: the records are the whole current list: open vacancies not among them become tombstones.
    :param still_listed: ids that were in the file but refused; ``full`` does not withdraw them.
    """
    summary = ApplySummary()
    today = now.date().isoformat()
    with storage.write() as conn:
        known = {row.vacancy_id: (row.content_hash, row.version, row.op) for row in conn.execute(
            select(vacancy_feed.c.vacancy_id, vacancy_feed.c.content_hash, vacancy_feed.c.version,
                   vacancy_feed.c.op))}
        seen = set(still_listed)
        rows: list[dict] = []
        for record in records:
            if len(rows) >= _BATCH:  # written as it goes, so a 300,000-vacancy file never sits in memory
                _write_rows(conn, rows, known)
                rows = []
            seen.add(record["id"])
            old = known.get(record["id"])
            if record["closes"] < today and not (old and old[2] == "upsert"):
                # Sending it would only make a tombstone at the next expiry; an open one is expired there.
                summary.closed += 1
                continue
            content = _content_hash(record)
            if old and old[2] == "upsert" and old[0] == content:
                summary.unchanged += 1
                continue
            if old:
                summary.updated += 1
            else:
                summary.added += 1
            record = {**record, "version": old[1] + 1 if old else 1}
            rows.append({"vacancy_id": record["id"], "version": record["version"], "op": "upsert",
                         "payload": vacancy_json(record), "content_hash": content, "closes": record["closes"],
                         "changed_at": now})
        if full:
            for vacancy_id, (_content, version, op) in known.items():
                if op == "upsert" and vacancy_id not in seen:
                    rows.append(_tombstone(vacancy_id, version, now))
                    summary.withdrawn += 1
        _write_rows(conn, rows, known)
    return summary


def _tombstone(vacancy_id: str, version: int, now: dt.datetime) -> dict:
    return {"vacancy_id": vacancy_id, "version": version + 1, "op": "delete", "payload": None,
            "content_hash": None, "closes": None, "changed_at": now}


def _write_rows(conn, rows: list[dict], known) -> None:
    if not rows:
        return
    first = next_seqs(conn, len(rows))
    for offset, row in enumerate(rows):
        row["seq"] = first + offset
    old_ids = [{"old_id": row["vacancy_id"]} for row in rows if row["vacancy_id"] in known]
    for start in range(0, len(old_ids), _BATCH):
        conn.execute(delete(vacancy_feed).where(vacancy_feed.c.vacancy_id == bindparam("old_id")),
                     old_ids[start:start + _BATCH])
    for start in range(0, len(rows), _BATCH):
        conn.execute(insert(vacancy_feed), rows[start:start + _BATCH])


def expire_and_purge(storage: Storage, now: dt.datetime, tombstone_days: int) -> tuple[int, int]:
    """Turn vacancies whose closing date has passed into tombstones, and forget tombstones older than the horizon.

    :param storage: the database.
    :param now: the current time (UTC).
    :param tombstone_days: how long a tombstone is kept.
    :returns: (vacancies expired, tombstones forgotten).
    """
    today = now.date().isoformat()
    with storage.write() as conn:
        closed = conn.execute(select(vacancy_feed.c.vacancy_id, vacancy_feed.c.version).where(and_(
            vacancy_feed.c.op == "upsert", vacancy_feed.c.closes < today))).all()
        _write_rows(conn, [_tombstone(row.vacancy_id, row.version, now) for row in closed],
                    {row.vacancy_id for row in closed})
        horizon = now - dt.timedelta(days=tombstone_days)
        old = and_(vacancy_feed.c.op == "delete", vacancy_feed.c.changed_at < horizon)
        newest = conn.scalar(select(func.max(vacancy_feed.c.seq)).where(old))
        forgotten = 0
        if newest is not None:
            forgotten = conn.execute(delete(vacancy_feed).where(old)).rowcount
            conn.execute(update(feed_state).where(and_(feed_state.c.name == "purged_seq",
                                                       feed_state.c.value < newest)).values(value=newest))
    return len(closed), forgotten


def snapshot_lines(rows: Iterable[tuple[str, int]]) -> tuple[int, str]:
    """(count, SHA-256 hex) of ``f"{id}\\t{version}\\n"`` lines sorted by id in code-point order.

    :param rows: (id, version) pairs, in any order.
    """
    digest = hashlib.sha256()
    count = 0
    for vacancy_id, version in sorted(rows):
        digest.update(f"{vacancy_id}\t{version}\n".encode())
        count += 1
    return count, digest.hexdigest()


class FeedReader:
    """Serves pages of the feed; remembers the last snapshot, which only changes when the feed or the date does."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self._snapshot_key: tuple[int, str] | None = None
        self._snapshot: dict | None = None
        self._lock = threading.Lock()

    def changes_page(self, since: int, limit: int, today: dt.date) -> bytes:
        """One page of ``GET /v1/vacancies/changes`` as JSON bytes.

        :param since: the kiosk's cursor (0 for a full sync).
        :param limit: the most changes to return, 1 to ``MAX_LIMIT``.
        :param today: the snapshot's ``as_of`` date.
        :raises CursorTooOld: the kiosk must start again from 0.
        """
        with self.storage.read() as conn:
            state = dict(conn.execute(select(feed_state.c.name, feed_state.c.value)).all())
            if since != 0 and (since < state["purged_seq"] or since > state["last_seq"]):
                raise CursorTooOld()
            rows = conn.execute(select(vacancy_feed.c.seq, vacancy_feed.c.op, vacancy_feed.c.vacancy_id,
                                       vacancy_feed.c.payload)
                                .where(vacancy_feed.c.seq > since).order_by(vacancy_feed.c.seq)
                                .limit(limit + 1)).all()
            has_more = len(rows) > limit
            rows = rows[:limit]
            snapshot = None if has_more else self._snapshot_at(conn, state["last_seq"], today)
        # The last page ends at the newest seq handed out, which may be past its last row when the rows after it
        # were tombstones since forgotten: a cursor there must not look older than the purge horizon.
        next_cursor = rows[-1].seq if has_more else max(since, state["last_seq"])
        parts = []
        for row in rows:
            if row.op == "upsert":
                parts.append(b'{"seq":%d,"op":"upsert","vacancy":%s}' % (row.seq, row.payload.encode("utf-8")))
            else:
                parts.append(b'{"seq":%d,"op":"delete","id":%s}' % (row.seq, json.dumps(row.vacancy_id).encode()))
        return (b'{"since":%d,"next_cursor":%d,"has_more":%s,"changes":[%s],"snapshot":%s}'
                % (since, next_cursor, b"true" if has_more else b"false", b",".join(parts),
                   json.dumps(snapshot).encode()))

    def _snapshot_at(self, conn, last_seq: int, today: dt.date) -> dict:
        key = (last_seq, today.isoformat())
        with self._lock:
            if self._snapshot_key == key:
                return self._snapshot
            rows = conn.execute(select(vacancy_feed.c.vacancy_id, vacancy_feed.c.version).where(and_(
                vacancy_feed.c.op == "upsert", vacancy_feed.c.closes >= today.isoformat()))).all()
            count, checksum = snapshot_lines((row.vacancy_id, row.version) for row in rows)
            self._snapshot_key, self._snapshot = key, {"as_of": key[1], "count": count, "checksum": checksum}
            return self._snapshot

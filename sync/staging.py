"""Where a vacancy sync stands, kept in the cache file itself: the staging area and the sync's state.

    state = read_state(db)                 # SyncState(applied_cursor=0, staged_cursor=None, full=False, ...)
    with write_transaction(db):
        staged, refused = stage_changes(db, page["changes"])
        set_state(db, staged_cursor=page["next_cursor"])

The applied cursor is stored in the same transaction as the changes it covers, and the staged cursor in the same
transaction as the staged page, so neither can ever run ahead of the data (CouchDB's checkpoint rule).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import dataclass

import sqlite_utils

from kiosk.jobs.cache import VACANCY_COLUMNS as _COLUMNS
from kiosk.jobs.cache import apply_staged, cache_is_empty
from kiosk.jobs.cache_fill import FILL_TABLE, drop_fill, fill_changes, start_fill, swap_in_fill
from kiosk.jobs.vacancies import BadVacancy, check_vacancy, plain_text

log = logging.getLogger(__name__)

_STAGE = (f"INSERT INTO sync_staging (id, seq, op, {', '.join(c for c in _COLUMNS if c != 'id')}) "
          f"VALUES (:id, :seq, :op, {', '.join(':' + c for c in _COLUMNS if c != 'id')}) "
          f"ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, op = excluded.op, "
          f"{', '.join(f'{c} = excluded.{c}' for c in _COLUMNS if c != 'id')} "
          "WHERE excluded.seq > sync_staging.seq")
_EMPTY = dict.fromkeys(_COLUMNS)


@dataclass(frozen=True)
class SyncState:
    """Where the vacancy sync stands.

    :param applied_cursor: the feed position the cache's vacancies are at (0: never synced).
    :param staged_cursor: the feed position staged so far, or None when nothing is being staged.
    :param full: the staging is a full resync from 0 (vacancies not in it will be removed).
    :param fill: the cache was empty when the full resync began, so pages go straight into ``sync_fill``
        (``kiosk.jobs.cache_fill``) rather than ``sync_staging``.
    :param last_synced_at: when the cache last matched the service (UTC, ISO 8601), or None.
    """

    applied_cursor: int = 0
    staged_cursor: int | None = None
    full: bool = False
    fill: bool = False
    last_synced_at: str | None = None


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database):
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception.

    IMMEDIATE takes the write lock at the start, so a transaction never fails half-way for want of it; readers
    (searches) carry on in WAL mode and see the state before the commit.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def read_state(db: sqlite_utils.Database) -> SyncState:
    """The sync state as stored in the cache.

    :param db: the cache.
    """
    values = dict(db.execute("SELECT key, value FROM sync_state").fetchall())
    staged = values.get("staged_cursor")
    return SyncState(applied_cursor=int(values.get("applied_cursor", 0)),
                     staged_cursor=int(staged) if staged is not None else None,
                     full=values.get("staged_full") == "1", fill=values.get("staged_fill") == "1",
                     last_synced_at=values.get("last_synced_at"))


def set_state(db: sqlite_utils.Database, **values) -> None:
    """Store sync state values inside the caller's transaction; a value of None removes the key.

    :param db: the cache, with a transaction open.
    :param values: any of applied_cursor, staged_cursor, staged_full, staged_fill, last_synced_at, snapshot.
    """
    for key, value in values.items():
        if value is None:
            db.execute("DELETE FROM sync_state WHERE key = ?", [key])
        else:
            if isinstance(value, bool):
                value = int(value)
            db.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", [key, str(value)])


def get_value(db: sqlite_utils.Database, key: str) -> str | None:
    """One stored sync state value, or None.

    :param db: the cache.
    :param key: e.g. "snapshot".
    """
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def start_staging(db: sqlite_utils.Database, since: int, full: bool) -> None:
    """Empty the staging area and start staging from ``since``, inside the caller's transaction.

    A full resync into an empty cache (a new kiosk's first sync) is staged straight into the table that will
    become the vacancies (``kiosk.jobs.cache_fill``); any other sync is staged in ``sync_staging``.

    :param db: the cache, with a transaction open.
    :param since: the cursor the feed will be read from.
    :param full: True for a full resync (from 0).
    """
    db.execute("DELETE FROM sync_staging")
    fill = full and since == 0 and cache_is_empty(db)
    if fill:
        start_fill(db)
    else:
        drop_fill(db)
    set_state(db, staged_cursor=since, staged_full=full, staged_fill=fill)


def stage_changes(db: sqlite_utils.Database, changes: list) -> tuple[int, int]:
    """Check and stage one page of changes, inside the caller's transaction.

    A change that cannot be used (a bad vacancy, an unknown op, no id) is refused and its id logged, never its
    text; the rest are staged. A later change to a vacancy replaces an earlier staged one.

    :param db: the cache, with a transaction open.
    :param changes: the page's ``changes`` list.
    :returns: (staged, refused).
    """
    rows, refused = [], 0
    for change in changes:
        try:
            rows.append(_staged_row(change))
        except BadVacancy as reason:
            refused += 1
            log.warning("refused change %s: %s", _change_id(change), reason)
    if read_state(db).fill:
        # In seq order, so that of two changes to one vacancy the later wins.
        fill_changes(db, [(row["op"], row) for row in sorted(rows, key=lambda row: row["seq"])])
    else:
        db.conn.executemany(_STAGE, rows)
    return len(rows), refused


def apply_staging(db: sqlite_utils.Database) -> tuple[int, int]:
    """Apply everything staged to the vacancies, inside the caller's transaction; see ``kiosk.jobs.cache.apply_staged``
    and, for a first sync into an empty cache, ``kiosk.jobs.cache_fill.swap_in_fill``.

    The title suggestions are not rebuilt and the staging state is not cleared: the caller does both in the same
    transaction.

    :param db: the cache, with a transaction open (the caller commits or rolls back).
    :returns: (vacancies inserted or updated, vacancies removed).
    """
    state = read_state(db)
    if state.fill:
        return swap_in_fill(db), 0
    return apply_staged(db, full=state.full)


def _staged_row(change) -> dict:
    if not isinstance(change, dict):
        raise BadVacancy("the change is not an object")
    seq, op = change.get("seq"), change.get("op")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise BadVacancy("seq is not a positive whole number")
    if op == "upsert":
        return {**check_vacancy(change.get("vacancy")), "seq": seq, "op": op}
    if op == "delete":
        # Tidied as check_vacancy tidies a stored id, so the delete finds it.
        return {**_EMPTY, "id": plain_text(change.get("id"), "id", limit=64), "seq": seq, "op": op}
    raise BadVacancy("op must be upsert or delete")


def _change_id(change) -> str:
    if isinstance(change, dict):
        vacancy = change.get("vacancy")
        found = vacancy.get("id") if isinstance(vacancy, dict) else change.get("id")
        if isinstance(found, str):
            return found[:64]
    return "?"


def discard_staging(db: sqlite_utils.Database) -> None:
    """Drop everything staged, in a transaction of its own: the next run starts again from the applied cursor.

    For a sync the kiosk refused: resuming after the refused pages would apply the rest without them.

    :param db: the cache, with no transaction open.
    """
    with write_transaction(db):
        db.execute("DELETE FROM sync_staging")
        drop_fill(db)
        set_state(db, staged_cursor=None, staged_full=None, staged_fill=None)


def staged_rows(db: sqlite_utils.Database) -> int:
    """How many vacancies are staged, in whichever area (``sync_fill`` or ``sync_staging``): the disk it uses.

    :param db: the cache.
    """
    table = FILL_TABLE if read_state(db).fill else "sync_staging"
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def staged_count(db: sqlite_utils.Database) -> int:
    """How many changes are staged.

    :param db: the cache.
    """
    return db.execute("SELECT count(*) FROM sync_staging").fetchone()[0]


def utc_now() -> str:
    """Now in UTC as ISO 8601 with a Z, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

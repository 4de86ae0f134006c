"""Filling an EMPTY cache from a whole feed: the vacancies are staged once, straight into their final table.

    with transaction:  start_fill(db)                        # a first sync into an empty cache begins
    with transaction:  fill_changes(db, rows)                # each page, in feed order
    with transaction:  swap_in_fill(db); rebuild_titles(db)  # the apply: the filled table becomes the vacancies

A first sync used to stage every vacancy in ``sync_staging`` and copy it into ``vacancies`` at the apply, then
delete the staging: each advert was written three times and the file grew to twice its size. Here the pages go
into ``sync_fill``, a table made from the ``vacancies`` table's own definition; the apply drops the empty
``vacancies``, renames ``sync_fill`` in its place and builds the indexes, the full-text index and the facets once.
All of it is in the apply's one transaction: searches see the empty cache, then the full one, never a part.
"""

from __future__ import annotations

import re

import sqlite_utils

from kiosk.jobs.cache import VACANCY_COLUMNS, cache_is_empty, index_all_vacancies

FILL_TABLE = "sync_fill"

_FILL = (f"INSERT INTO {FILL_TABLE} ({', '.join(VACANCY_COLUMNS)}) VALUES ({', '.join('?' * len(VACANCY_COLUMNS))}) "
         f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in VACANCY_COLUMNS if c != 'id')}")
_TABLE_NAME = re.compile(r"^CREATE TABLE\s+(\"vacancies\"|vacancies)\s*\(", re.IGNORECASE)


def start_fill(db: sqlite_utils.Database) -> None:
    """Make an empty ``sync_fill`` shaped exactly like ``vacancies``, inside the caller's transaction.

    The shape is read from the ``vacancies`` table's stored definition, so a later migration that changes the
    table changes the fill with it.

    :param db: the cache, with a transaction open.
    """
    drop_fill(db)
    definition = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'vacancies'").fetchone()[0]
    if not _TABLE_NAME.match(definition):
        raise RuntimeError("the vacancies table's definition is not in the expected form")
    db.execute(_TABLE_NAME.sub(f"CREATE TABLE {FILL_TABLE} (", definition, count=1))


def drop_fill(db: sqlite_utils.Database) -> None:
    """Remove ``sync_fill`` if there is one, inside the caller's transaction."""
    db.execute(f"DROP TABLE IF EXISTS {FILL_TABLE}")


def fill_changes(db: sqlite_utils.Database, changes: list[tuple[str, dict]]) -> None:
    """Write checked changes into ``sync_fill`` in feed order, inside the caller's transaction.

    A later upsert of a vacancy replaces the earlier one, whatever its version (the feed's newest change wins, as
    in a full resync); a delete removes it.

    :param db: the cache, with a transaction open and a fill started.
    :param changes: ("upsert", checked vacancy) or ("delete", {"id": ...}), in the feed's seq order.
    """
    upserts: list[tuple] = []
    for op, record in changes:
        if op == "upsert":
            upserts.append(tuple(record[name] for name in VACANCY_COLUMNS))
            continue
        db.conn.executemany(_FILL, upserts)
        upserts = []
        db.execute(f"DELETE FROM {FILL_TABLE} WHERE id = ?", [record["id"]])
    db.conn.executemany(_FILL, upserts)


def swap_in_fill(db: sqlite_utils.Database) -> int:
    """Make ``sync_fill`` the vacancies table and index it, inside the caller's transaction.

    The ``vacancies`` table must still be empty (nothing else writes to a cache during its first sync; the caller
    checks with ``cache_is_empty``). Its indexes and triggers are made again, from their stored definitions, on the
    renamed table; the full-text index and the facets are built from it in one pass each.

    :param db: the cache, with a transaction open and a fill staged.
    :returns: how many vacancies the cache now holds.
    """
    if not cache_is_empty(db):
        raise RuntimeError("swap_in_fill needs an empty vacancies table")
    dependants = db.execute("SELECT type, sql FROM sqlite_master WHERE tbl_name = 'vacancies' "
                            "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name").fetchall()
    db.execute("DROP TABLE vacancies")
    db.execute(f"ALTER TABLE {FILL_TABLE} RENAME TO vacancies")
    for kind, sql in dependants:
        if kind == "index":
            db.execute(sql)
    # The triggers come back last, so that building the indexes does not also fire them once per row.
    index_all_vacancies(db)
    for kind, sql in dependants:
        if kind == "trigger":
            db.execute(sql)
    return db.execute("SELECT count(*) FROM vacancies").fetchone()[0]

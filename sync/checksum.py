"""The count and checksum of the cache's vacancies, as the central service's snapshot defines them.

    count, checksum = cache_snapshot(db, "2026-11-22")

``checksum`` is the SHA-256 (hex) of ``f"{id}\\t{version}\\n"`` for every vacancy with ``closes >= as_of``, sorted
by id, concatenated (docs/sync-protocol.md). SQLite sorts text by its UTF-8 bytes, which is the same order as
sorting by code point, so ``ORDER BY id`` matches a server that sorts in Python.
"""

from __future__ import annotations

import hashlib

import sqlite_utils


def cache_snapshot(db: sqlite_utils.Database, as_of: str) -> tuple[int, str]:
    """(count, checksum) over the vacancies open on ``as_of``.

    :param db: the cache.
    :param as_of: a date, YYYY-MM-DD.
    """
    # One statement is one read transaction: the figures are of a single committed state.
    return _digest(db.execute("SELECT id, version FROM vacancies WHERE closes >= ? ORDER BY id", [as_of]))


def _digest(rows) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    for vacancy_id, version in rows:
        digest.update(f"{vacancy_id}\t{version}\n".encode())
        count += 1
    return count, digest.hexdigest()


def staged_snapshot(db: sqlite_utils.Database, as_of: str, full: bool, fill: bool) -> tuple[int, str]:
    """(count, checksum) of what applying the staged changes would make the vacancies, before they are applied.

    A full resync makes the vacancies exactly its upserts: those in ``sync_fill`` for a first sync into an empty
    cache (``kiosk.jobs.cache_fill``), else the upserts in ``sync_staging``. A delta keeps each vacancy unless a
    staged delete removes it or a staged upsert of a newer version replaces it, and adds the upserts of vacancies
    it does not have (as ``kiosk.jobs.cache.apply_staged`` does).

    :param db: the cache, with changes staged.
    :param as_of: the server snapshot's date, YYYY-MM-DD.
    :param full: the staging is a full resync.
    :param fill: the full resync is staged in ``sync_fill``.
    """
    if full:
        query = ("SELECT id, version FROM sync_fill WHERE closes >= ? ORDER BY id" if fill else
                 "SELECT id, version FROM sync_staging WHERE op = 'upsert' AND closes >= ? ORDER BY id")
        return _digest(db.execute(query, [as_of]))
    return _digest(db.execute(_DELTA_PREVIEW, [as_of]))


_DELTA_PREVIEW = """
    WITH merged AS (
        SELECT v.id, v.version, v.closes FROM vacancies v
         WHERE NOT EXISTS (SELECT 1 FROM sync_staging s WHERE s.id = v.id
                           AND (s.op = 'delete' OR s.version > v.version))
        UNION ALL
        SELECT s.id, s.version, s.closes FROM sync_staging s
         WHERE s.op = 'upsert' AND NOT EXISTS (SELECT 1 FROM vacancies v WHERE v.id = s.id AND v.version >= s.version)
    )
    SELECT id, version FROM merged WHERE closes >= ? ORDER BY id"""


def records_snapshot(records, as_of: str) -> tuple[int, str]:
    """(count, checksum) over vacancy dicts, computed the same way; for tests and the benchmark.

    :param records: dicts with ``id``, ``version`` and ``closes``.
    :param as_of: a date, YYYY-MM-DD.
    """
    digest, count = hashlib.sha256(), 0
    for record in sorted((r for r in records if r["closes"] >= as_of), key=lambda r: r["id"]):
        digest.update(f"{record['id']}\t{record['version']}\n".encode())
        count += 1
    return count, digest.hexdigest()

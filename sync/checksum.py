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
    digest, count = hashlib.sha256(), 0
    # One statement is one read transaction: the figures are of a single committed state.
    for vacancy_id, version in db.execute("SELECT id, version FROM vacancies WHERE closes >= ? ORDER BY id",
                                          [as_of]):
        digest.update(f"{vacancy_id}\t{version}\n".encode())
        count += 1
    return count, digest.hexdigest()


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

"""Snapshots for a kiosk's first sync: the open vacancies at one ``seq``, as a ready-built kiosk cache file, gzipped.

    manifest = build_snapshot(storage, folder, now)     # kiosk-central snapshot; after a large ingest
    manifest = latest_manifest(folder)                  # GET /v1/vacancies/snapshot

Paging 300,000 vacancies through JSON costs a new kiosk a minute: every page is fetched, parsed, checked and staged,
and the full-text index is built at the end. A snapshot is that work done once, here, by the kiosk's own code
(``kiosk.jobs.cache.store_vacancies``): the file a kiosk would have built, its indexes and title suggestions made,
its sync state at the snapshot's ``seq``. A kiosk downloads it (resuming after a cut), checks it and copies it in
whole (``sync.snapshot``), then takes the changes feed from ``seq`` as any kiosk does (ADR 052).

Each snapshot is an immutable file named by its ``seq`` and the start of its SHA-256, so a name is never reused
for other bytes: it is served with a strong ETag (the SHA-256), ``Cache-Control: immutable`` and HTTP ranges, and
nginx can cache it. ``latest.json`` names the newest; it is replaced atomically, and the older files are kept a
while (``KEEP``) for kiosks part-way through a download.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import sqlite3
import tempfile
import zlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import and_, select

from kiosk.jobs.cache import open_cache, store_vacancies
from sync.central.schema import feed_state, vacancy_feed
from sync.central.storage import Storage
from sync.checksum import cache_snapshot
from sync.staging import set_state, write_transaction

log = logging.getLogger("jobpoint.central")

MANIFEST = "latest.json"
#: Snapshot files kept: the newest and the one before (a kiosk may still be downloading it).
KEEP = 2
#: How the file is compressed: gzip, level 6 (zlib's default), is read by every kiosk with the standard library.
#: Level 1 is twice as quick here but a third bigger, and 1% of the fleet downloads a snapshot each day.
COMPRESS_LEVEL = 6
#: The file is compressed in blocks of this size, each a gzip member of its own: RFC 1952 allows a file of several,
#: and every gzip reader (Python's ``gzip`` included, as kiosks use it) reads them as one stream.
BLOCK_BYTES = 8 * 1024 * 1024
_GZIP_WBITS = 31  # zlib's way of asking for a gzip header and trailer
FILE_NAME = re.compile(r"^vacancies-\d{1,18}-[0-9a-f]{16}\.sqlite\.gz$")
_BATCH = 5000
#: The share of free pages in a new cache that makes it worth compacting (VACUUM) before it is compressed.
VACUUM_FROM_FREE = 0.10


@dataclass(frozen=True)
class Manifest:
    """What a snapshot holds and how to check it.

    :param seq: the changes feed position the snapshot is at.
    :param file: its file name (``FILE_NAME``).
    :param bytes: the compressed file's size.
    :param sha256: the compressed file's SHA-256 (hex): also its ETag.
    :param raw_bytes: the SQLite file's size once uncompressed.
    :param as_of: the date the open vacancies were counted on.
    :param count: open vacancies on ``as_of``, as ``sync.checksum.cache_snapshot`` counts them.
    :param checksum: their checksum, the same way.
    :param migrations: the kiosk cache migrations the file has had, in order.
    :param built_at: when it was built (UTC, ISO 8601).
    """

    seq: int
    file: str
    bytes: int
    sha256: str
    raw_bytes: int
    as_of: str
    count: int
    checksum: str
    migrations: list[str]
    built_at: str


def _build_cache(storage: Storage, path: Path, now: dt.datetime) -> tuple[int, list[str]]:
    # In one read transaction, streamed (300,000 adverts are too many to hold at once): the vacancies exactly as the
    # feed stands at one seq. Returns (seq, migrations applied).
    db = open_cache(path)
    try:
        with storage.read() as conn:
            seq = dict(conn.execute(select(feed_state.c.name, feed_state.c.value)).all())["last_seq"]
            rows = conn.execute(select(vacancy_feed.c.payload).where(and_(
                vacancy_feed.c.op == "upsert", vacancy_feed.c.closes >= now.date().isoformat()))
                .execution_options(yield_per=_BATCH))
            _stored, refused = store_vacancies(db, (json.loads(row.payload) for row in rows), batch=_BATCH)
        if refused:  # the feed holds only records the kiosk's own check passed: a refusal here is a bug
            raise RuntimeError(f"{refused} vacancies in the feed fail the kiosk's check")
        with write_transaction(db):
            set_state(db, applied_cursor=seq, last_synced_at=now.isoformat(timespec="seconds"))
        applied = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        # Built into an empty file in one go, the cache has about 2% free pages (left by building the indexes):
        # not worth VACUUM's 10 s at 300,000 vacancies. Only a file with much more (a build changed to one that
        # deletes) is compacted.
        pages, free = (db.conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_count", "freelist_count"))
        if free > pages * VACUUM_FROM_FREE:
            db.conn.execute("VACUUM")
        return seq, applied
    finally:
        db.conn.close()


def _gzip(source: Path, target: Path) -> str:
    # Each BLOCK_BYTES of the file is compressed as a gzip member of its own, on every core at once (zlib lets go
    # of the interpreter while it works): one core took about 30 s for 300,000 vacancies. Blocks are written in
    # order and at most two per core are held at once. Fixed blocks, and no time in the header: the same cache
    # gives the same bytes, so the same SHA-256.
    digest = hashlib.sha256()
    workers = os.cpu_count() or 1
    with (source.open("rb") as raw, target.open("wb") as out, ThreadPoolExecutor(workers) as pool):
        pending: deque = deque()
        while True:
            block = raw.read(BLOCK_BYTES)
            if block:
                pending.append(pool.submit(zlib.compress, block, COMPRESS_LEVEL, _GZIP_WBITS))
            if pending and (not block or len(pending) >= 2 * workers):
                member = pending.popleft().result()
                digest.update(member)
                out.write(member)
            if not block and not pending:
                return digest.hexdigest()


def build_snapshot(storage: Storage, folder: Path, now: dt.datetime) -> Manifest:
    """Build a snapshot of the open vacancies now, publish it as the latest, and drop old ones.

    :param storage: the central service's database.
    :param folder: where snapshots are kept (served at ``/v1/vacancies/snapshot/files/``).
    :param now: the current time (UTC).
    """
    folder.mkdir(parents=True, exist_ok=True)
    today = now.date()
    with tempfile.TemporaryDirectory(dir=folder, prefix=".building-") as work:
        cache = Path(work) / "vacancies.db"
        seq, applied = _build_cache(storage, cache, now)
        with sqlite3.connect(cache) as conn:
            count, checksum = cache_snapshot(_Rows(conn), today.isoformat())
        zipped = Path(work) / "snapshot.gz"
        sha256 = _gzip(cache, zipped)
        name = f"vacancies-{seq}-{sha256[:16]}.sqlite.gz"
        manifest = Manifest(seq=seq, file=name, bytes=zipped.stat().st_size, sha256=sha256,
                            raw_bytes=cache.stat().st_size, as_of=today.isoformat(), count=count,
                            checksum=checksum, migrations=applied, built_at=now.isoformat(timespec="seconds"))
        os.replace(zipped, folder / name)
    _write_manifest(folder, manifest)
    _drop_old(folder, keep=name)
    log.info("snapshot %s: %d vacancies at seq %d, %d bytes", name, count, seq, manifest.bytes)
    return manifest


class _Rows:
    """Enough of ``sqlite_utils.Database`` for ``cache_snapshot`` over a plain connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql, params)


def _write_manifest(folder: Path, manifest: Manifest) -> None:
    temporary = folder / f".{MANIFEST}.new"
    temporary.write_text(json.dumps(asdict(manifest), indent=1))
    os.replace(temporary, folder / MANIFEST)


def _drop_old(folder: Path, keep: str) -> None:
    files = sorted((p for p in folder.iterdir() if FILE_NAME.match(p.name)), key=lambda p: p.stat().st_mtime)
    for old in [p for p in files if p.name != keep][:-(KEEP - 1) or None]:
        old.unlink(missing_ok=True)


def latest_manifest(folder: Path) -> Manifest | None:
    """The newest snapshot's manifest, or None when none has been built (or its file is gone).

    :param folder: where snapshots are kept.
    """
    try:
        data = json.loads((folder / MANIFEST).read_text())
        manifest = Manifest(**data)
    except (OSError, ValueError, TypeError):
        return None
    return manifest if (folder / manifest.file).is_file() else None

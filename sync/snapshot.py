"""A kiosk's first sync from the central service's snapshot: download (resuming), check, copy in whole.

    taken = take_snapshot(db, client, cache_path)     # the cache is now at the snapshot's seq; or None: use the feed

A new kiosk, or one whose cursor the service has forgotten, would otherwise page every vacancy through JSON. The
snapshot (``sync.central.snapshots``) is the cache file that paging would build, built once on the service.

1. ``GET /v1/vacancies/snapshot`` names the newest; every field is checked and bounded (``SnapshotLimits``), and
   there must be room on the disk for it.
2. The file is downloaded to ``<cache>.snapshot.part``. After a cut the next try asks for the rest
   (``Range: bytes=N-`` with ``If-Range`` = the ETag it was sent, so a part of another file starts again). It must be
   exactly the size the manifest says and hash to its SHA-256, or it is thrown away.
3. It is un-gzipped (bounded by the manifest's ``raw_bytes``) to ``<cache>.snapshot.db`` and opened read-only:
   SQLite's ``quick_check``, migrations the kiosk knows (an older file is brought up to date after the copy, a
   newer one is refused), its count and checksum of open vacancies as the manifest says, and its sync state at
   the manifest's ``seq``.
4. SQLite's backup API copies it over the live cache in one step: searches on other connections go on reading the
   old vacancies (WAL) until the copy commits, then see the new ones, never a mixture. Then the feed from ``seq``.

Anything wrong (a bad checksum, a cut or a file of the wrong size, a damaged database, a disk too full) leaves the
cache exactly as it was and the sync goes on the old way, through the paged feed; the message is logged. The
files it made are removed, except a part-download, which the next try carries on from.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import shutil
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path

import requests
import sqlite_utils
import urllib3

from kiosk.jobs.cache import migrations as cache_migrations
from sync.checksum import cache_snapshot
from sync.client import CentralClient, Gone, SyncFailed

log = logging.getLogger(__name__)

MANIFEST_PATH = "/v1/vacancies/snapshot"
_NAME = re.compile(r"^vacancies-\d{1,18}-[0-9a-f]{16}\.sqlite\.gz$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class SnapshotLimits:
    """The most a snapshot may be; past these the kiosk takes the paged feed instead.

    :param max_bytes: the gzip file (300,000 vacancies are about 300 MB).
    :param max_raw_bytes: the SQLite file un-gzipped (about 1 GB at 300,000).
    :param spare_disk_bytes: free disk to leave after the part, the file and its copy into the cache.
    :param read_timeout_s: seconds to wait for the next bytes of the download.
    """

    max_bytes: int = 2 * 1024 ** 3
    max_raw_bytes: int = 6 * 1024 ** 3
    spare_disk_bytes: int = 256 * 1024 ** 2
    read_timeout_s: float = 30.0


class SnapshotUnusable(Exception):
    """The snapshot cannot be used; the message says why in plain words. The cache is unchanged."""


class SnapshotCut(SnapshotUnusable):
    """The download stopped part-way: what came is kept, and the next try asks for the rest."""


@dataclass(frozen=True)
class Taken:
    """A snapshot copied into the cache."""

    seq: int
    count: int
    downloaded_bytes: int
    resumed_from: int


def _manifest(client: CentralClient, limits: SnapshotLimits) -> dict | None:
    try:
        data = client.get_json(MANIFEST_PATH)
    except Gone:
        return None
    except SyncFailed as error:
        if error.status == 404:
            return None
        raise
    if not isinstance(data, dict):
        raise SnapshotUnusable("the snapshot's manifest is not a JSON object")
    checks = {"seq": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 < v < 2 ** 62,
              "file": lambda v: isinstance(v, str) and _NAME.match(v),
              "url": lambda v: isinstance(v, str) and v == f"{MANIFEST_PATH}/files/{data.get('file')}",
              "bytes": lambda v: isinstance(v, int) and 0 < v <= limits.max_bytes,
              "raw_bytes": lambda v: isinstance(v, int) and 0 < v <= limits.max_raw_bytes,
              "sha256": lambda v: isinstance(v, str) and _HEX64.match(v),
              "checksum": lambda v: isinstance(v, str) and _HEX64.match(v),
              "count": lambda v: isinstance(v, int) and 0 <= v <= 10_000_000,
              "as_of": lambda v: isinstance(v, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", v),
              "migrations": lambda v: isinstance(v, list) and len(v) < 1000 and all(isinstance(m, str) for m in v)}
    for key, good in checks.items():
        if not good(data.get(key)):
            raise SnapshotUnusable(f"the snapshot's manifest has no usable {key}")
    return data


def _download(client: CentralClient, manifest: dict, part: Path, limits: SnapshotLimits) -> int:
    """Fetch the file into ``part``, carrying on from what is there; returns the bytes already there at the start.

    Beside the part, ``<part>.from`` keeps the file's name and the ETag its server sent (the app sends the SHA-256;
    nginx serving the folder sends its own), so a part of another snapshot is never carried on.
    """
    sidecar = part.with_name(part.name + ".from")
    try:
        name, etag = sidecar.read_text().split("\n")[:2]
    except (OSError, ValueError):
        name, etag = "", ""
    have = part.stat().st_size if part.exists() else 0
    if have > manifest["bytes"] or name != manifest["file"] or not etag:
        part.unlink(missing_ok=True)
        have = 0
    headers = {"Accept-Encoding": "identity"}  # the file is gzip already: nothing on the way may zip it again
    if 0 < have < manifest["bytes"]:
        headers.update({"Range": f"bytes={have}-", "If-Range": etag})
    if have >= manifest["bytes"]:
        return have
    try:
        with client.session.get(client.url + manifest["url"], headers=headers, stream=True,
                                timeout=(client.timeout[0], limits.read_timeout_s), allow_redirects=False) as response:
            if response.status_code == 200:
                have, mode = 0, "wb"  # the whole file (the server has no ranges, or the part was of another file)
            elif response.status_code == 206 and response.headers.get("Content-Range", "").startswith(
                    f"bytes {have}-"):
                mode = "ab"
            else:
                raise SnapshotUnusable(f"the snapshot download answered {response.status_code}")
            started = have
            sidecar.write_text(f"{manifest['file']}\n{response.headers.get('ETag', '')[:200]}\n")
            with part.open(mode) as out:
                for chunk in response.raw.stream(_CHUNK, decode_content=False):
                    if have + len(chunk) > manifest["bytes"]:
                        raise SnapshotUnusable("the snapshot is larger than its manifest says")
                    out.write(chunk)
                    have += len(chunk)
            return started
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
        raise SnapshotCut(f"the snapshot download was cut ({type(error).__name__}); the next sync carries on "
                          "from where it stopped") from None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _unzip(part: Path, target: Path, raw_bytes: int) -> None:
    written = 0
    try:
        with gzip.open(part, "rb") as zipped, target.open("wb") as out:
            while chunk := zipped.read(_CHUNK):
                written += len(chunk)
                if written > raw_bytes:
                    raise SnapshotUnusable("the snapshot un-gzips to more than its manifest says")
                out.write(chunk)
    except (OSError, EOFError, zlib.error):
        raise SnapshotUnusable("the snapshot is not a readable gzip file") from None
    if written != raw_bytes:
        raise SnapshotUnusable("the snapshot un-gzips to a different size than its manifest says")


def _check_database(path: Path, manifest: dict) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise SnapshotUnusable("the snapshot's database is damaged")
        applied = [row[0] for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", [cache_migrations.name])]
        known = [m.name for m in cache_migrations._migrations]
        if applied != known[:len(applied)]:
            raise SnapshotUnusable("the snapshot was built by a newer kiosk than this one")
        count, checksum = cache_snapshot(sqlite_utils.Database(conn), manifest["as_of"])
        if (count, checksum) != (manifest["count"], manifest["checksum"]):
            raise SnapshotUnusable("the snapshot's vacancies do not match its manifest")
        state = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
        if state.get("applied_cursor") != str(manifest["seq"]):
            raise SnapshotUnusable("the snapshot's sync state is not at its seq")
    except sqlite3.Error:
        raise SnapshotUnusable("the snapshot is not a kiosk cache database") from None
    return conn


def _room(folder: Path, manifest: dict, have: int, limits: SnapshotLimits) -> None:
    needed = (manifest["bytes"] - have) + 2 * manifest["raw_bytes"] + limits.spare_disk_bytes
    if shutil.disk_usage(folder).free < needed:
        raise SnapshotUnusable(f"there is not enough free disk for the snapshot ({needed / 1e9:.1f} GB needed)")


def take_snapshot(db: sqlite_utils.Database, client: CentralClient, cache_path: Path,
                  limits: SnapshotLimits | None = None) -> Taken | None:
    """Replace the cache with the service's newest snapshot; None when there is none or it cannot be used.

    :param db: the live cache (the sync's own connection).
    :param client: the kiosk's ``CentralClient``.
    :param cache_path: the cache file, beside which the download is kept.
    :param limits: the most a snapshot may be (``SnapshotLimits()``).
    :raises SyncFailed: the service cannot be reached at all (as for the feed).
    """
    limits = limits or SnapshotLimits()
    part = cache_path.with_name(cache_path.name + ".snapshot.part")
    unzipped = cache_path.with_name(cache_path.name + ".snapshot.db")
    try:
        manifest = _manifest(client, limits)
        if manifest is None:
            return None
        _room(cache_path.parent, manifest, part.stat().st_size if part.exists() else 0, limits)
        resumed = _download(client, manifest, part, limits)
        if part.stat().st_size != manifest["bytes"] or _sha256(part) != manifest["sha256"]:
            raise SnapshotUnusable("the snapshot's size or SHA-256 is not what its manifest says")
        _unzip(part, unzipped, manifest["raw_bytes"])
        source = _check_database(unzipped, manifest)
        try:
            source.backup(db.conn)  # one step: the copy commits whole or not at all
        finally:
            source.close()
        cache_migrations.apply(db)  # a snapshot from an older kiosk: brought up to this one's schema
        part.unlink(missing_ok=True)
        part.with_name(part.name + ".from").unlink(missing_ok=True)
        log.info("took snapshot %s: %d vacancies at seq %d", manifest["file"], manifest["count"], manifest["seq"])
        return Taken(manifest["seq"], manifest["count"], manifest["bytes"] - resumed, resumed)
    except SnapshotUnusable as error:
        log.warning("vacancy snapshot not used: %s; taking the changes feed instead", error)
        if not isinstance(error, SnapshotCut):
            part.unlink(missing_ok=True)
            part.with_name(part.name + ".from").unlink(missing_ok=True)
        return None
    finally:
        unzipped.unlink(missing_ok=True)
        for extra in ("-wal", "-shm", "-journal"):
            Path(f"{unzipped}{extra}").unlink(missing_ok=True)

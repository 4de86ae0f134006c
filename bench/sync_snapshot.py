"""Part a2 of bench/sync.py: a first sync from the service's snapshot, timed end to end, and one cut at half way.

    a2 = snapshot_first_sync(server, work, paged)     # prints its table; returns its figures

The snapshot is built on the service (timed, but not part of a kiosk's first sync: it is built once for every
kiosk). Then a new kiosk syncs an empty cache with ``sync.vacancy_sync.VacancySync`` given its cache file, as the
app does: manifest, download, SHA-256, un-gzip, checks, the copy into the cache, then the changes feed from the
snapshot's seq. The bytes on the wire are set beside the paged JSON's: every changes page from 0 gzipped at the
service's own level (what its GZip middleware sends). Last, a third kiosk's download is cut at half way (the first
half fetched with a Range request, as a cut leaves it) and the sync is run: it must ask for the rest only.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import requests

from kiosk.jobs.cache import open_cache
from sync.central.app import GZIP_LEVEL
from sync.central.feed import FeedReader
from sync.central.snapshots import build_snapshot
from sync.credentials import enrol
from sync.vacancy_sync import PAGE_SIZE, VacancySync


def paged_wire_bytes(server, today) -> tuple[int, int]:
    """(pages, bytes) of the changes feed from 0 as the service sends it, gzipped."""
    reader, since, pages, total = FeedReader(server.storage), 0, 0, 0
    while True:
        body = reader.changes_page(since, PAGE_SIZE, today)
        total += len(gzip.compress(body, compresslevel=GZIP_LEVEL))
        pages += 1
        page = json.loads(body)
        if not page["has_more"]:
            return pages, total
        since = page["next_cursor"]


def _sync(server, work: Path, name: str) -> tuple[object, float, Path]:
    credential = enrol(server.url, server.token(), name, work / f"{name}.json")
    cache = work / name / "vacancies.db"
    db = open_cache(cache)
    started = time.perf_counter()
    try:
        report = VacancySync(db, credential.client(timeout=120), cache_path=cache).run()
    finally:
        db.close()
    return report, time.perf_counter() - started, cache


def snapshot_first_sync(server, work: Path, paged: dict, today) -> dict:
    """Build the snapshot, then a timed snapshot first sync and a resumed one; print and return the figures."""
    started = time.perf_counter()
    manifest = build_snapshot(server.storage, server.folder / "snapshots", server.now())
    build_s = time.perf_counter() - started
    pages, json_bytes = paged_wire_bytes(server, today)
    report, seconds, cache = _sync(server, work, "snapshot-1")
    size_mib = cache.stat().st_size / 2 ** 20

    # A download cut at half way: the first half is on disk, as a cut leaves it; the sync asks for the rest.
    half_cache = work / "snapshot-2" / "vacancies.db"
    half_cache.parent.mkdir(parents=True)
    half = manifest.bytes // 2
    with requests.get(f"{server.url}/v1/vacancies/snapshot/files/{manifest.file}", timeout=120,
                      headers={"Range": f"bytes=0-{half - 1}", "Accept-Encoding": "identity"}) as response:
        half_cache.with_name("vacancies.db.snapshot.part").write_bytes(response.content)
        # As the kiosk's own download leaves it: which file, and the ETag its server sent.
        half_cache.with_name("vacancies.db.snapshot.part.from").write_text(
            f"{manifest.file}\n{response.headers['ETag']}\n")
    resumed, resumed_s, _cache = _sync(server, work, "snapshot-2")

    print(f"\n{'a2. first sync from the snapshot':<44} {'vacancies':>10} {'seconds':>8} {'ratio':>6}")
    print(f"{'snapshot sync (download, check, copy, feed)':<44} {report.vacancies:>10,} {seconds:>8.1f} "
          f"{seconds / paged['first_s']:>6.2f}")
    print(f"{'baseline: the paged JSON first sync (a.)':<44} {paged['vacancies']:>10,} {paged['first_s']:>8.1f} "
          f"{1.0:>6.2f}")
    print(f"{'built on the service once (not per kiosk)':<44} {manifest.count:>10,} {build_s:>8.1f}")
    print(f"bytes on the wire: snapshot {manifest.bytes / 2**20:,.1f} MiB (gzip of a {manifest.raw_bytes / 2**20:,.0f}"
          f" MiB cache) vs paged JSON {json_bytes / 2**20:,.1f} MiB gzipped in {pages:,} pages "
          f"({manifest.bytes / json_bytes:.2f}x); the kiosk's cache {size_mib:,.0f} MiB; verified: {report.verified}")
    print(f"cut at half way ({half / 2**20:,.1f} MiB on disk): the resumed sync downloaded "
          f"{resumed.snapshot_bytes / 2**20:,.1f} MiB more in {resumed_s:.1f} s; snapshot taken: {resumed.snapshot}, "
          f"verified: {resumed.verified}")
    ok = report.snapshot and report.verified and resumed.snapshot and resumed.verified and \
        resumed.snapshot_bytes == manifest.bytes - half
    return {"seconds": seconds, "ok": ok, "snapshot_bytes": manifest.bytes, "json_bytes": json_bytes,
            "build_s": build_s}

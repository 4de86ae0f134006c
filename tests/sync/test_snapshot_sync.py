"""A first sync from the central service's snapshot, over real HTTP through the fault proxy: taken whole, then the
feed from its seq; resumed after a cut; a corrupt, truncated or mismatched file leaves the cache as it was."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.central.snapshots import MANIFEST, build_snapshot, latest_manifest
from sync.checksum import cache_snapshot
from sync.snapshot import take_snapshot
from sync.staging import read_state
from sync.vacancy_sync import VacancySync
from tests.sync.records import vacancy
from tests.sync.test_vacancy_sync import TODAY, ids


@pytest.fixture
def snapshots(central):
    """The central service's snapshot folder, with a snapshot of 60 vacancies."""
    central.ingest([vacancy(n) for n in range(60)])
    folder = central.folder / "snapshots"
    build_snapshot(central.storage, folder, central.now())
    return folder


def test_a_new_kiosk_takes_the_snapshot_then_the_changes_after_it(central, kiosk, proxy, snapshots):
    central.ingest([vacancy(n, title="Baker") for n in range(5)] + [vacancy(70)])  # after the snapshot
    db = kiosk.cache()
    report = VacancySync(db, kiosk.client(), page_size=10, cache_path=kiosk.cache_path).run()
    assert report.snapshot and report.verified and report.snapshot_bytes == latest_manifest(snapshots).bytes
    assert report.changes == 6  # only the changes after the snapshot's seq came through the feed
    assert len(ids(db)) == 61 and db.execute("SELECT title FROM vacancies WHERE id = 'v000001'").fetchone() == \
        ("Baker",)
    assert read_state(db).applied_cursor == report.cursor
    # Searchable at once: the full-text index came built in the file.
    assert db.execute("SELECT count(*) FROM vacancy_fts WHERE vacancy_fts MATCH 'baker'").fetchone()[0] == 5
    assert not list(kiosk.cache_path.parent.glob("*.snapshot.*"))
    # Still the kiosk's WAL-mode cache, and a search's own connection sees the new vacancies.
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(ids(kiosk.cache())) == 61


def test_a_file_compressed_in_many_blocks_is_one_stream_to_the_kiosk(central, kiosk, proxy, monkeypatch, tmp_path):
    # At 300,000 vacancies the file is compressed 8 MiB at a time on every core, a gzip member each; here blocks of
    # 16 KiB make a small cache many members, which the kiosk reads back as the one file it was.
    from sync.central import snapshots as built
    central.ingest([vacancy(n) for n in range(60)])
    folder = central.folder / "snapshots"
    monkeypatch.setattr(built, "BLOCK_BYTES", 16 * 1024)
    manifest = build_snapshot(central.storage, folder, central.now())
    zipped = (folder / manifest.file).read_bytes()
    assert manifest.raw_bytes > 4 * built.BLOCK_BYTES and zipped.count(b"\x1f\x8b\x08") >= 4
    raw = tmp_path / "cache.db"
    raw.write_bytes(gzip.decompress(zipped))
    assert raw.stat().st_size == manifest.raw_bytes
    # The same cache gives the same bytes (so the same ETag), whatever order the threads finished in.
    assert built._gzip(raw, tmp_path / "again.gz") == manifest.sha256
    assert (tmp_path / "again.gz").read_bytes() == zipped
    db = kiosk.cache()
    report = VacancySync(db, kiosk.client(), page_size=10, cache_path=kiosk.cache_path).run()
    assert report.snapshot and report.verified and report.changes == 0
    assert len(ids(db)) == 60 and cache_snapshot(db, TODAY)[0] == 60


def test_searches_on_another_connection_see_the_old_cache_or_the_new_never_a_part(central, kiosk, proxy, snapshots):
    db, search = kiosk.cache(), kiosk.cache()
    search.execute("BEGIN")
    assert ids(search) == []  # a read begun before the copy
    assert take_snapshot(db, kiosk.client(), kiosk.cache_path) is not None
    assert ids(search) == []  # still the state it began with
    search.execute("COMMIT")
    assert len(ids(search)) == 60


def test_a_download_cut_half_way_carries_on_from_there(central, kiosk, proxy, snapshots):
    manifest = latest_manifest(snapshots)
    db = kiosk.cache()
    proxy.inject("pass", "cut")  # the manifest, then the file cut at half
    assert take_snapshot(db, kiosk.client(), kiosk.cache_path) is None
    part = kiosk.cache_path.with_name("vacancies.db.snapshot.part")
    assert 0 < part.stat().st_size < manifest.bytes and ids(db) == []
    taken = take_snapshot(db, kiosk.client(), kiosk.cache_path)
    assert taken.resumed_from == part_size_before(proxy, manifest) and taken.downloaded_bytes < manifest.bytes
    file_requests = [head for path, replies in proxy.history.items() if "/files/" in path for head, _ in replies]
    assert file_requests[-1].startswith(b"HTTP/1.1 206")
    assert len(ids(db)) == 60 and cache_snapshot(db, TODAY)[0] == 60


def part_size_before(proxy, manifest) -> int:
    """The bytes the cut reply carried: what the resumed download starts from."""
    cut = next(body for path, replies in proxy.history.items() if "/files/" in path for _head, body in replies)
    return len(cut) // 2


@pytest.mark.parametrize("fault", ["truncate_gzip", "corrupt_gzip"])
def test_a_damaged_or_short_file_leaves_the_cache_as_it_was(central, kiosk, proxy, snapshots, fault):
    db = kiosk.cache()
    VacancySync(db, kiosk.client()).run()  # a cache with 60 vacancies, synced by the feed
    before = cache_snapshot(db, TODAY)
    proxy.inject("pass", fault)
    assert take_snapshot(db, kiosk.client(), kiosk.cache_path) is None
    assert cache_snapshot(db, TODAY) == before
    assert not list(kiosk.cache_path.parent.glob("*.snapshot.*"))  # a wrong file is not kept to resume from


def test_a_file_that_does_not_match_its_manifest_is_refused_and_the_feed_is_used(central, kiosk, proxy, snapshots):
    manifest_path = snapshots / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    # A well-formed file whose vacancies are not the ones the manifest counts.
    manifest["checksum"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    db = kiosk.cache()
    report = VacancySync(db, kiosk.client(), cache_path=kiosk.cache_path).run()
    assert not report.snapshot and report.verified and len(ids(db)) == 60  # by the paged feed instead


def test_a_snapshot_from_a_newer_kiosk_is_not_taken(central, kiosk, proxy, snapshots, tmp_path):
    manifest = latest_manifest(snapshots)
    raw = tmp_path / "raw.db"
    with gzip.open(snapshots / manifest.file) as zipped, raw.open("wb") as out:
        shutil.copyfileobj(zipped, out)
    import sqlite3
    with sqlite3.connect(raw) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('jobpoint-cache', 'm999_from_the_future', '2027-01-01')")
    conn.close()
    data = raw.read_bytes()
    (snapshots / manifest.file).write_bytes(gzip.compress(data, mtime=0))
    import hashlib
    zipped = (snapshots / manifest.file).read_bytes()
    (snapshots / MANIFEST).write_text(json.dumps({**json.loads((snapshots / MANIFEST).read_text()),
                                                  "bytes": len(zipped), "raw_bytes": len(data),
                                                  "sha256": hashlib.sha256(zipped).hexdigest()}))
    assert take_snapshot(kiosk.cache(), kiosk.client(), kiosk.cache_path) is None


def test_with_no_snapshot_built_the_first_sync_pages_the_feed(central, kiosk, proxy):
    central.ingest([vacancy(n) for n in range(15)])
    db = kiosk.cache()
    report = VacancySync(db, kiosk.client(), page_size=10, cache_path=kiosk.cache_path).run()
    assert not report.snapshot and report.full and report.pages == 2 and len(ids(db)) == 15


def test_the_file_is_immutable_with_a_strong_etag_and_ranges(central, snapshots):
    import requests
    manifest = latest_manifest(snapshots)
    url = f"{central.url}/v1/vacancies/snapshot/files/{manifest.file}"
    whole = requests.get(url, headers={"Accept-Encoding": "identity"}, timeout=10)
    assert whole.status_code == 200 and whole.headers["ETag"] == f'"{manifest.sha256}"'
    assert "immutable" in whole.headers["Cache-Control"] and len(whole.content) == manifest.bytes
    part = requests.get(url, headers={"Range": "bytes=100-199", "Accept-Encoding": "identity"}, timeout=10)
    assert part.status_code == 206 and part.content == whole.content[100:200]
    stale = requests.get(url, headers={"Range": "bytes=100-", "If-Range": '"other"', "Accept-Encoding": "identity"},
                         timeout=10)
    assert stale.status_code == 200 and len(stale.content) == manifest.bytes
    assert requests.get(f"{central.url}/v1/vacancies/snapshot/files/../central.db", timeout=10).status_code == 404
    assert requests.get(f"{central.url}/v1/vacancies/snapshot", timeout=10).status_code == 401


class _Answers:
    """A client whose manifest reply is whatever a hostile service sends."""

    url = "http://127.0.0.1:9"
    timeout = (1, 1)

    def __init__(self, reply) -> None:
        self.reply = reply

    def get_json(self, path, params=None, deadline=None):
        return self.reply


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=80),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner,
                                                                                  max_size=4), max_leaves=12)
_GOOD = {"seq": 5, "file": "vacancies-5-0123456789abcdef.sqlite.gz",
         "url": "/v1/vacancies/snapshot/files/vacancies-5-0123456789abcdef.sqlite.gz", "bytes": 10, "raw_bytes": 20,
         "sha256": "a" * 64, "checksum": "b" * 64, "count": 1, "as_of": "2026-12-05", "migrations": []}


@pytest.mark.thorough
@settings(max_examples=300, deadline=None)
@given(st.one_of(_json, st.dictionaries(st.sampled_from(list(_GOOD)), _json).map(lambda d: {**_GOOD, **d})))
def test_any_manifest_a_hostile_service_sends_is_checked_or_refused(reply):
    from sync.snapshot import SnapshotLimits, SnapshotUnusable, _manifest
    try:
        manifest = _manifest(_Answers(reply), SnapshotLimits())
    except SnapshotUnusable:
        return
    # What passes names only a file under the snapshot path, of bounded size.
    assert manifest["url"] == f"/v1/vacancies/snapshot/files/{manifest['file']}" and "/" not in manifest["file"]
    assert 0 < manifest["bytes"] <= SnapshotLimits().max_bytes

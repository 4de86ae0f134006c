"""Releases and rollout rings in the central service: the ring rules, storing bundles (SQLite and PostgreSQL),
refusing bad ones, and what a kiosk is offered and downloads over real HTTP."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile

import pytest

from sync.bundle import BadBundle
from sync.central import releases
from sync.central.releases import (NoSuchRelease, add_release, hash_bucket, list_releases, ring_of, set_kiosk_ring,
                                   set_ring, target_of, update_for)
from tests.central.helpers import NOW, add_kiosk
from tests.central.test_cli import ROOT, central
from tests.sync.bundles import HOSTILE, make_bundle, member, symlink

IDS = [f"k-{n:016x}" for n in range(4000)]


# --- the ring rules


def test_hash_split_is_stable_across_processes_and_near_its_shares():
    here = [hash_bucket(kiosk) for kiosk in IDS[:200]]
    # Another interpreter with another string-hash seed must put every kiosk in the same bucket.
    code = "from sync.central.releases import hash_bucket; print([hash_bucket(f'k-{n:016x}') for n in range(200)])"
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert str(here) == there.strip()
    rings = [ring_of(kiosk) for kiosk in IDS]
    shares = {ring: rings.count(ring) / len(IDS) for ring in ("10%", "50%", "all")}
    assert 0.08 < shares["10%"] < 0.12 and 0.37 < shares["50%"] < 0.43 and 0.47 < shares["all"] < 0.53
    assert "lab" not in rings and "canary" not in rings


def test_bucket_boundaries_pick_the_ring():
    by_bucket = {}
    for kiosk in IDS:
        by_bucket.setdefault(hash_bucket(kiosk), kiosk)
    assert [ring_of(by_bucket[b]) for b in (0, 9, 10, 49, 50, 99)] == ["10%", "10%", "50%", "50%", "all", "all"]


def test_a_manual_ring_wins_over_the_hash_and_only_lab_or_canary_count():
    kiosk = next(k for k in IDS if ring_of(k) == "all")
    assert ring_of(kiosk, "lab") == "lab" and ring_of(kiosk, "canary") == "canary"
    assert ring_of(kiosk, "10%") == "all", "a stored ring other than lab/canary is ignored"


@pytest.mark.parametrize("ring, targets, expected", [
    ("lab", {"lab": "3", "canary": "2", "all": "1"}, "3"),        # its own ring's target
    ("lab", {"canary": "2", "all": "1"}, "2"),                    # not set: the next wider ring's
    ("canary", {"lab": "3", "all": "1"}, "1"),                    # a narrower ring's target never applies
    ("10%", {"50%": "2", "all": "1"}, "2"),
    ("50%", {"lab": "3", "10%": "2", "all": "1"}, "1"),
    ("all", {"lab": "3", "50%": "2"}, None),                      # nothing for "all": those kiosks stay put
    ("10%", {}, None),
])
def test_a_kiosk_takes_its_rings_target_else_the_next_wider_one(ring, targets, expected):
    assert target_of(ring, targets) == expected


# --- storing releases (both databases)


def test_a_release_is_stored_in_chunks_with_its_checksum(storage, tmp_path, monkeypatch):
    monkeypatch.setattr(releases, "CHUNK_BYTES", 64 * 1024)
    path = make_bundle(tmp_path, "0.2.0", extra=[member("jobpoint-0.2.0/blob", os.urandom(300_000))])
    stored = add_release(storage, path, "0.2.0", NOW)
    data = path.read_bytes()
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == len(data)
    chunks = list(releases.bundle_chunks(storage, "0.2.0"))
    assert len(chunks) == -(-len(data) // (64 * 1024)) > 1 and b"".join(chunks) == data
    with pytest.raises(BadBundle, match="exists already"):
        add_release(storage, path, "0.2.0", NOW)


@pytest.mark.parametrize("extra, top, program, message", [
    ([member("jobpoint-0.2.0/../evil.sh", b"x")], None, True, "climbs out"),
    ([member("/etc/cron.d/evil", b"x")], None, True, "absolute path"),
    ([symlink("jobpoint-0.2.0/passwd", "../../../etc/passwd")], None, True, "link pointing outside"),
    ([symlink("jobpoint-0.2.0/etc", "/etc")], None, True, "link pointing outside"),
    ([member("jobpoint-0.2.0/hard", kind=tarfile.LNKTYPE, link="etc/passwd")], None, True, "hard link"),
    ([member("jobpoint-0.2.0/null", kind=tarfile.CHRTYPE)], None, True, "device"),
    ([], "jobpoint-0.3.0", True, "must be inside jobpoint-0.2.0/"),
    ([], None, False, "no jobpoint-0.2.0/kiosk program"),
])
def test_a_bad_bundle_is_refused_and_nothing_is_stored(storage, tmp_path, extra, top, program, message):
    path = make_bundle(tmp_path, "0.2.0", extra=extra, top=top, program=program)
    with pytest.raises(BadBundle, match=message):
        add_release(storage, path, "0.2.0", NOW)
    assert list_releases(storage) == []


@pytest.mark.parametrize("kind", HOSTILE)
def test_release_add_refuses_every_kind_of_hostile_entry(sqlite_storage, tmp_path, kind):
    extra, words = HOSTILE[kind]
    with pytest.raises(BadBundle, match=words):
        add_release(sqlite_storage, make_bundle(tmp_path, "0.2.0", extra=extra), "0.2.0", NOW)
    assert list_releases(sqlite_storage) == []


def test_a_bundle_shaped_like_make_dist_output_is_accepted(sqlite_storage, tmp_path):
    # PyInstaller's one-folder build links libraries in _internal to the copies in Kivy.libs and pillow.libs.
    extra = [member("jobpoint-0.2.0/_internal/Kivy.libs/", kind=tarfile.DIRTYPE, mode=0o755),
             member("jobpoint-0.2.0/_internal/Kivy.libs/libSDL2-2.so.0", b"ELF", mode=0o755),
             symlink("jobpoint-0.2.0/_internal/libSDL2-2.so.0", "Kivy.libs/libSDL2-2.so.0"),
             member("jobpoint-0.2.0/_internal/deep/", kind=tarfile.DIRTYPE, mode=0o755),
             symlink("jobpoint-0.2.0/_internal/deep/data.txt", "../data.txt")]
    assert add_release(sqlite_storage, make_bundle(tmp_path, "0.2.0", extra=extra), "0.2.0", NOW).version == "0.2.0"


def test_a_bundle_with_too_many_entries_is_refused_before_it_is_all_read(sqlite_storage, tmp_path, monkeypatch):
    import sync.bundle
    monkeypatch.setattr(sync.bundle, "MAX_ENTRIES", 10)
    extra = [member(f"jobpoint-0.2.0/f{n}", b"x") for n in range(10)]
    with pytest.raises(BadBundle, match="more than 10 entries"):
        add_release(sqlite_storage, make_bundle(tmp_path, "0.2.0", extra=extra), "0.2.0", NOW)


def test_a_file_that_is_not_a_tarball_or_a_bad_version_is_refused(sqlite_storage, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tarball at all")
    with pytest.raises(BadBundle, match=r"not a readable \.tar\.gz"):
        add_release(sqlite_storage, junk, "0.2.0", NOW)
    with pytest.raises(BadBundle, match="is not a version"):
        add_release(sqlite_storage, make_bundle(tmp_path, "0.2.0"), "../0.2.0", NOW)


def test_each_kiosk_is_offered_its_rings_target(storage, tmp_path):
    for version in ("1.0", "1.1", "1.2"):
        add_release(storage, make_bundle(tmp_path, version), version, NOW)
    lab, canary, plain = (add_kiosk(storage, name=f"leeds-{n}").kiosk_id for n in range(3))
    set_kiosk_ring(storage, lab, "lab")
    set_kiosk_ring(storage, canary, "canary")
    assert update_for(storage, plain, "1.0") is None, "no ring has a target yet"
    set_ring(storage, "all", "1.0", NOW)
    set_ring(storage, "lab", "1.2", NOW)
    set_ring(storage, "canary", "1.1", NOW)
    assert update_for(storage, lab, "1.0").version == "1.2"
    assert update_for(storage, canary, "1.0").version == "1.1"
    assert update_for(storage, plain, "1.0") is None, "it runs its ring's target"
    assert update_for(storage, plain, "0.9").version == "1.0"
    set_ring(storage, "lab", None, NOW)
    assert update_for(storage, lab, "1.0").version == "1.1", "lab without a target follows canary"
    set_kiosk_ring(storage, canary, None)
    assert update_for(storage, canary, "1.0") is None, "back in its hash ring, which follows all's 1.0"
    with pytest.raises(NoSuchRelease):
        set_ring(storage, "all", "9.9", NOW)
    with pytest.raises(ValueError, match="not a ring"):
        set_ring(storage, "25%", "1.0", NOW)
    with pytest.raises(ValueError, match="not a ring"):
        set_kiosk_ring(storage, plain, "10%")
    with pytest.raises(LookupError):
        set_kiosk_ring(storage, "k-nobody", "lab")


# --- over HTTP


def test_update_and_bundle_over_http(server, tmp_path):
    kiosk = add_kiosk(server.storage)
    path = make_bundle(tmp_path, "0.2.0")
    add_release(server.storage, path, "0.2.0", NOW)
    assert server.get("/v1/update", params={"version": "0.1.0"}).status_code == 401
    assert server.get("/v1/update", kiosk.credential, params={"version": "0.1.0"}).status_code == 204
    set_kiosk_ring(server.storage, kiosk.kiosk_id, "canary")
    set_ring(server.storage, "canary", "0.2.0", NOW)
    offer = server.get("/v1/update", kiosk.credential, params={"version": "0.1.0"})
    data = path.read_bytes()
    assert offer.status_code == 200 and offer.json() == {
        "version": "0.2.0", "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
        "url": "/v1/releases/0.2.0/bundle"}
    assert server.get("/v1/update", kiosk.credential, params={"version": "0.2.0"}).status_code == 204
    assert server.get(offer.json()["url"]).status_code == 401
    bundle = server.get(offer.json()["url"], kiosk.credential, headers={"Accept-Encoding": "identity"})
    assert bundle.status_code == 200 and bundle.content == data
    assert bundle.headers["Content-Type"] == "application/gzip" and bundle.headers["Content-Length"] == str(len(data))
    missing = server.get("/v1/releases/9.9/bundle", kiosk.credential)
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_the_dashboard_shows_each_kiosks_ring_and_target(server, tmp_path):
    from sync.central.dashboard_fleet import offices_section
    from sync.central.fleet import fleet_overview
    from sync.central.heartbeats import record_heartbeat
    kiosk = add_kiosk(server.storage)
    add_release(server.storage, make_bundle(tmp_path, "0.2.0"), "0.2.0", NOW)
    set_kiosk_ring(server.storage, kiosk.kiosk_id, "lab")
    record_heartbeat(server.storage, kiosk.kiosk_id, {"app_version": "0.1.0", "uptime_s": 5}, 90, NOW)
    assert "ring lab" not in offices_section(fleet_overview(server.storage, NOW), NOW), "no target: nothing said"
    set_ring(server.storage, "lab", "0.2.0", NOW)
    overview = fleet_overview(server.storage, NOW)
    line = overview["offices"][0]["kiosks"][0]
    assert (line["ring"], line["target_version"], line["version_current"]) == ("lab", "0.2.0", False)
    assert "ring lab: should run 0.2.0" in offices_section(overview, NOW)
    record_heartbeat(server.storage, kiosk.kiosk_id, {"app_version": "0.2.0", "uptime_s": 5}, 90, NOW)
    assert "ring lab: up to date" in offices_section(fleet_overview(server.storage, NOW), NOW)


# --- the command line


@pytest.mark.thorough
def test_release_ring_and_kiosk_ring_commands(tmp_path):
    from sync.central.storage import open_storage
    good, bad = make_bundle(tmp_path, "0.2.0"), make_bundle(tmp_path, "0.3.0", extra=[symlink("jobpoint-0.3.0/x",
                                                                                               "/etc/shadow")])
    refused = central(tmp_path, "release", "add", str(bad), "--version", "0.3.0")
    assert refused.returncode == 1 and "link pointing outside" in refused.stderr
    added = central(tmp_path, "release", "add", str(good), "--version", "0.2.0")
    assert added.returncode == 0 and hashlib.sha256(good.read_bytes()).hexdigest() in added.stdout
    assert central(tmp_path, "release", "add", str(good)).returncode == 2
    unknown = central(tmp_path, "ring", "set", "all", "0.3.0")
    assert unknown.returncode == 1 and "no release 0.3.0" in unknown.stderr
    assert central(tmp_path, "ring", "set", "25%", "0.2.0").returncode == 1
    assert central(tmp_path, "ring", "set", "50%", "0.2.0").returncode == 0
    listed = central(tmp_path, "ring", "list").stdout.splitlines()
    assert listed[0].split()[-1] == "0.2.0" and listed[3].split()[:2] == ["50%", "0.2.0"]
    assert listed[4].split()[-2:] == ["nothing", "yet"]
    storage = open_storage(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        kiosk = add_kiosk(storage)
        moved = central(tmp_path, "kiosk-ring", kiosk.kiosk_id, "canary")
        assert moved.returncode == 0 and "canary ring" in moved.stdout
        assert update_for(storage, kiosk.kiosk_id, "0.1.0").version == "0.2.0", "canary follows 50%"
        assert central(tmp_path, "kiosk-ring", "k-nobody", "lab").returncode == 1
    finally:
        storage.close()

"""App updates against the real central service (real HTTP, through the fault proxy), in the two halves that run
as different users on a kiosk PC: as the kiosk user, the ring's target is offered, downloaded, checked and kept in
the data folder, and a switch is asked for only in the window with nobody at the screen; as root, ``apply`` checks
the request and the bundle again (a changed file, a damaged request, a bundle the service does not offer, a
hostile bundle are all refused with ``current`` untouched), unpacks it and swaps the links; a rollback written by
the guard reaches the heartbeat and the fleet dashboard."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import threading

import pytest

from kiosk.cli.main import main as kiosk_main
from sync import update_apply, updates
from sync.central.releases import add_release, set_kiosk_ring, set_ring
from sync.heartbeat import Heartbeat
from sync.update_apply import apply_request, confirm_with_service, installed_version, switch, unpack
from sync.update_state import STATE_FILE, read_update_state, write_update_state
from sync.updates import REQUEST_FILE, Updater, UpdateRefused, mark_healthy_if_due, ready_to_switch
from tests.sync.bundles import HOSTILE as HOSTILE_KINDS
from tests.sync.bundles import make_bundle, member, symlink

NIGHT = dt.datetime(2026, 11, 23, 3, 0)  # inside the default window, 02:00-05:00
DAY = dt.datetime(2026, 11, 23, 11, 0)


@pytest.fixture
def root(tmp_path):
    """/opt/jobpoint as the installer leaves it: version 0.1.0 unpacked and current."""
    folder = tmp_path / "opt"
    (folder / "versions").mkdir(parents=True)
    unpack(make_bundle(tmp_path, "0.1.0"), folder / "versions", "0.1.0")
    os.symlink("versions/0.1.0", folder / "current")
    return folder


def publish(central, tmp_path, version: str, ring: str = "all", **bundle) -> None:
    """Add a release to the running service and make it a ring's target."""
    add_release(central.storage, make_bundle(tmp_path, version, **bundle), version, central.now())
    set_ring(central.storage, ring, version, central.now())


def updater(kiosk, **kwargs) -> Updater:
    return Updater(kiosk.data_dir, "0.1.0", **kwargs)


def apply(kiosk, root, confirmed: bool = True) -> str | None:
    """Root's half, as ``kiosk update apply`` runs it (confirmed with the service unless told not to)."""
    confirm = confirm_with_service(kiosk.client(), installed_version(root)) if confirmed else None
    return apply_request(root, kiosk.data_dir, confirm, now=dt.datetime(2026, 11, 23, 3, 1, tzinfo=dt.UTC))


def folders(root) -> list[str]:
    return sorted(p.name for p in (root / "versions").iterdir())


def downloads(kiosk) -> list[str]:
    folder = kiosk.data_dir / "updates"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def requested(kiosk, tmp_path, version: str, data: bytes | None = None) -> dict:
    """As if the kiosk user had kept a bundle and asked for the switch (or forged both): write them directly."""
    folder = kiosk.data_dir / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    data = data if data is not None else make_bundle(tmp_path, version).read_bytes()
    (folder / f"{version}.tar.gz").write_bytes(data)
    request = {"version": version, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    (folder / REQUEST_FILE).write_text(json.dumps(request))
    return request


def assert_refused(kiosk, root, why: str) -> None:
    """The running version stays, the request is gone, the reason is in the state file."""
    assert installed_version(root) == "0.1.0" and not (root / "previous").exists()
    assert folders(root) == ["0.1.0"], "nothing unpacked, no copy left over"
    assert REQUEST_FILE not in downloads(kiosk)
    state = read_update_state(kiosk.data_dir / STATE_FILE)
    assert state["state"] != "switched" and why in state["reason"]


# --- the kiosk user: check, download, keep


def test_a_kiosk_downloads_its_rings_target_only_in_its_window(central, kiosk, root, tmp_path):
    publish(central, tmp_path, "0.1.0", "all")
    publish(central, tmp_path, "0.2.0", "canary")
    set_kiosk_ring(central.storage, kiosk.credential.kiosk_id, "canary")
    up = updater(kiosk)
    assert up.run_once(kiosk.client(), DAY) is None and downloads(kiosk) == [], "outside the window: nothing"
    assert updater(kiosk, enabled=False).run_once(kiosk.client(), NIGHT) is None and downloads(kiosk) == []
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0"
    assert downloads(kiosk) == ["0.2.0.tar.gz", "ready.json"], "no download leftovers, no request yet"
    offer = updates.check_update(kiosk.client(), "0.1.0")
    assert json.loads((kiosk.data_dir / "updates" / "ready.json").read_text()) == {
        "version": "0.2.0", "sha256": offer.sha256, "size": offer.size}
    assert folders(root) == ["0.1.0"] and installed_version(root) == "0.1.0", "the kiosk user never touches root"
    assert read_update_state(kiosk.data_dir / STATE_FILE)["state"] == "idle"
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0" and downloads(kiosk) == ["0.2.0.tar.gz", "ready.json"]


def test_a_kiosk_on_its_target_downloads_nothing_and_a_withdrawn_target_is_dropped(central, kiosk, root, tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0"
    publish(central, tmp_path, "0.1.0", "all")  # 0.2.0 withdrawn: the ring set back
    assert up.run_once(kiosk.client(), NIGHT) is None and up.switch_if_ready(NIGHT, in_use=False) is None
    assert downloads(kiosk) == [] and installed_version(root) == "0.1.0"


@pytest.mark.parametrize("fault, message", [("corrupt_gzip", "does not match its SHA-256"),
                                            ("truncate_gzip", "bytes, not the"), ("cut", "cut off")])
def test_a_damaged_download_is_refused_and_nothing_is_asked_for(central, proxy, kiosk, root, tmp_path, caplog,
                                                                fault, message):
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk)
    proxy.inject("pass", fault)  # the offer passes, the bundle is damaged on the way
    assert up.run_once(kiosk.client(), NIGHT) is None
    assert message in caplog.text
    assert downloads(kiosk) == [] and up.switch_if_ready(NIGHT, in_use=False) is None
    assert installed_version(root) == "0.1.0" and not (kiosk.data_dir / STATE_FILE).exists()
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0", "the next try, undamaged, goes ahead"


def test_a_download_is_checked_against_the_offer(kiosk, central, tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    offer = updates.check_update(kiosk.client(), "0.1.0")
    folder = tmp_path / "downloads"
    with pytest.raises(UpdateRefused, match="SHA-256"):
        updates.download(kiosk.client(), updates.Offer(offer.version, "0" * 64, offer.size, offer.url), folder)
    with pytest.raises(UpdateRefused, match="larger than"):
        updates.download(kiosk.client(), updates.Offer(offer.version, offer.sha256, offer.size - 1, offer.url),
                         folder)
    assert list(folder.iterdir()) == []
    assert updates.download(kiosk.client(), offer, folder).stat().st_size == offer.size


HOSTILE = [
    ([member("jobpoint-0.2.0/../../escaped.sh", b"echo owned")], "climbs out"),
    ([member("/tmp/jobpoint-update-test-absolute", b"echo owned")], "absolute path"),
    ([symlink("jobpoint-0.2.0/_internal/shadow", "../../../../escaped-link")], "link pointing outside"),
    ([symlink("jobpoint-0.2.0/etc", "/etc")], "link pointing outside"),
]


@pytest.mark.parametrize("extra, message", HOSTILE)
def test_unpack_refuses_a_hostile_bundle(tmp_path, root, extra, message):
    bundle = make_bundle(tmp_path, "0.2.0", extra=extra)
    with pytest.raises(UpdateRefused, match=message):
        unpack(bundle, root / "versions", "0.2.0")
    assert folders(root) == ["0.1.0"], "nothing unpacked, nothing left over"
    assert not os.path.lexists(root / "escaped.sh") and not os.path.lexists("/tmp/jobpoint-update-test-absolute")


@pytest.mark.parametrize("extra", [HOSTILE[0][0], HOSTILE[2][0], HOSTILE[3][0]])
def test_the_data_filter_still_stops_a_hostile_bundle_the_check_missed(tmp_path, root, monkeypatch, extra):
    monkeypatch.setattr(update_apply, "check_bundle", lambda path, version: f"jobpoint-{version}")
    with pytest.raises(UpdateRefused, match="could not be unpacked"):
        unpack(make_bundle(tmp_path, "0.2.0", extra=extra), root / "versions", "0.2.0")
    assert folders(root) == ["0.1.0"] and not os.path.lexists(root / "escaped.sh")


def test_a_hostile_bundle_slipped_into_the_service_is_refused_by_the_kiosk_and_by_apply(central, kiosk, root,
                                                                                        tmp_path, monkeypatch):
    import sync.central.releases as central_releases
    with monkeypatch.context() as patch:  # as if the service's own check had been bypassed
        patch.setattr(central_releases, "check_bundle", lambda path, version: None)
        publish(central, tmp_path, "0.2.0", "all", extra=[symlink("jobpoint-0.2.0/x", "/etc/shadow")])
    assert updater(kiosk).run_once(kiosk.client(), NIGHT) is None and downloads(kiosk) == []
    # The kiosk user's check bypassed too: root checks the bundle itself before unpacking it.
    offer = updates.check_update(kiosk.client(), "0.1.0")
    client = kiosk.client()
    data = client.session.get(client.url + offer.url, timeout=30).content
    requested(kiosk, tmp_path, "0.2.0", data)
    assert apply(kiosk, root) is None
    assert_refused(kiosk, root, "link pointing outside")


@pytest.mark.parametrize("kind", HOSTILE_KINDS)
def test_the_kiosk_refuses_every_kind_of_hostile_bundle_before_keeping_it(central, kiosk, tmp_path, monkeypatch,
                                                                          caplog, kind):
    import sync.central.releases as central_releases
    extra, words = HOSTILE_KINDS[kind]
    with monkeypatch.context() as patch:  # as if the service's own check had been bypassed
        patch.setattr(central_releases, "check_bundle", lambda path, version: None)
        publish(central, tmp_path, "0.2.0", "all", extra=extra)
    assert updater(kiosk).run_once(kiosk.client(), NIGHT) is None
    assert downloads(kiosk) == [], "nothing kept, nothing asked for"
    assert updater(kiosk).switch_if_ready(NIGHT, in_use=False) is None
    assert words in caplog.text


def test_a_kept_bundle_changed_on_disk_is_not_asked_for(central, kiosk, tmp_path, caplog):
    publish(central, tmp_path, "0.2.0", "all")
    assert updater(kiosk).run_once(kiosk.client(), NIGHT) == "0.2.0"
    kept = kiosk.data_dir / "updates" / "0.2.0.tar.gz"
    hostile = make_bundle(tmp_path, "0.2.0", extra=HOSTILE_KINDS["symlink chain out"][0]).read_bytes()
    kept.write_bytes(hostile[:kept.stat().st_size].ljust(kept.stat().st_size, b"\0"))  # same size, other bytes
    assert updater(kiosk).switch_if_ready(NIGHT, in_use=False) is None
    assert downloads(kiosk) == [], "the changed download is dropped, and no restart is asked for"
    assert "does not match" in caplog.text


# --- the switch: asked for by the app, done by root


@pytest.mark.parametrize("now, in_use, window, ready", [
    (NIGHT, False, "02:00-05:00", True),
    (NIGHT, True, "02:00-05:00", False),                        # someone is using the kiosk
    (DAY, False, "02:00-05:00", False),                         # outside the window
    (dt.datetime(2026, 11, 23, 5, 0), False, "02:00-05:00", False),   # the end is not inside
    (dt.datetime(2026, 11, 23, 0, 30), False, "22:00-01:00", True),   # a window past midnight
    (dt.datetime(2026, 11, 23, 21, 59), False, "22:00-01:00", False),
])
def test_ready_to_switch_needs_the_window_and_an_empty_kiosk(now, in_use, window, ready):
    assert ready_to_switch(now, in_use, window) is ready


@pytest.mark.parametrize("now, in_use", [(NIGHT, True), (DAY, False)])
def test_a_switch_is_not_asked_for_during_a_session_or_outside_the_window(central, kiosk, root, tmp_path,
                                                                          now, in_use):
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0"
    assert up.switch_if_ready(now, in_use) is None and REQUEST_FILE not in downloads(kiosk)
    assert apply(kiosk, root) is None and installed_version(root) == "0.1.0", "no request: apply does nothing"
    assert not (kiosk.data_dir / STATE_FILE).exists()
    assert up.switch_if_ready(NIGHT, in_use=False) == "0.2.0", "it waits, then asks"
    assert installed_version(root) == "0.1.0", "asking is all the kiosk user does"
    offer = updates.check_update(kiosk.client(), "0.1.0")
    assert json.loads((kiosk.data_dir / "updates" / REQUEST_FILE).read_text()) == {
        "version": "0.2.0", "sha256": offer.sha256, "size": offer.size}


def test_apply_unpacks_root_owned_and_switches(central, kiosk, root, tmp_path):
    import tarfile
    # A folder only its owner could read, as a careless build might pack it: the kiosk user must still run it.
    publish(central, tmp_path, "0.2.0", "all", extra=[member("jobpoint-0.2.0/lib/", kind=tarfile.DIRTYPE, mode=0o700),
                                                      member("jobpoint-0.2.0/lib/x.so", b"x", mode=0o666)])
    up = updater(kiosk)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0" and up.switch_if_ready(NIGHT, in_use=False) == "0.2.0"
    umask = os.umask(0o077)  # jobpoint-kiosk.service's UMask=0077 applies to its ExecStartPre lines too
    try:
        assert apply(kiosk, root) == "0.2.0"
    finally:
        os.umask(umask)
    assert os.readlink(root / "current") == "versions/0.2.0" and os.readlink(root / "previous") == "versions/0.1.0"
    assert stat.S_IMODE((kiosk.data_dir / "update-state.lock").stat().st_mode) == 0o644, "the app can lock it"
    assert (root / "current" / "_internal" / "data-link.txt").read_text() == "data of 0.2.0"
    for path in [root / "versions" / "0.2.0", *(root / "versions" / "0.2.0").rglob("*")]:
        info = path.lstat()
        if not stat.S_ISLNK(info.st_mode):
            assert info.st_uid == os.geteuid() and not info.st_mode & 0o022, path  # nobody else may change it
    assert stat.S_IMODE((root / "versions" / "0.2.0").stat().st_mode) == 0o755
    assert stat.S_IMODE((root / "current" / "lib").stat().st_mode) == 0o755
    assert stat.S_IMODE((root / "current" / "lib" / "x.so").stat().st_mode) == 0o644
    assert os.access(root / "current" / "kiosk", os.X_OK)
    state = read_update_state(kiosk.data_dir / STATE_FILE)
    assert (state["state"], state["version"], state["previous"], state["starts"], state["switched_at"]) == (
        "switched", "0.2.0", "0.1.0", 0, "2026-11-23T03:01:00Z")
    assert downloads(kiosk) == [], "request and download deleted"
    assert folders(root) == ["0.1.0", "0.2.0"]
    assert apply(kiosk, root) is None and installed_version(root) == "0.2.0", "a second start: nothing to do"


def test_apply_refuses_a_bundle_changed_after_the_request(central, kiosk, root, tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0" and up.switch_if_ready(NIGHT, in_use=False) == "0.2.0"
    kept = kiosk.data_dir / "updates" / "0.2.0.tar.gz"
    data = bytearray(kept.read_bytes())
    data[-10] ^= 0xFF  # same size, one byte changed
    kept.write_bytes(bytes(data))
    assert apply(kiosk, root) is None
    assert_refused(kiosk, root, "changed after it was checked")
    assert downloads(kiosk) == [], "the changed file is deleted: the next window downloads it again"


def test_apply_refuses_a_bundle_the_service_does_not_offer(central, kiosk, root, tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    # A kiosk user (or anyone who took it over) makes its own build and asks root to install it.
    requested(kiosk, tmp_path, "0.2.0", make_bundle(tmp_path, "0.2.0", marker=b" with a back door").read_bytes())
    assert apply(kiosk, root) is None
    assert_refused(kiosk, root, "does not offer version 0.2.0 with that SHA-256")
    requested(kiosk, tmp_path, "0.9.0")
    assert apply(kiosk, root) is None
    assert_refused(kiosk, root, "does not offer version 0.9.0")


def test_apply_while_the_service_is_unreachable_keeps_the_old_version_and_the_download(central, proxy, kiosk, root,
                                                                                      tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0" and up.switch_if_ready(NIGHT, in_use=False) == "0.2.0"
    proxy.down()
    try:
        assert apply(kiosk, root) is None
    finally:
        proxy.up()
    assert_refused(kiosk, root, "cannot be reached")
    assert downloads(kiosk) == ["0.2.0.tar.gz", "ready.json"], "kept: asked for again in the window"
    assert up.switch_if_ready(NIGHT, in_use=False) == "0.2.0" and apply(kiosk, root) == "0.2.0"


@pytest.mark.parametrize("request_text, why", [("{half a", "damaged"),
                                                ('{"version": "../../etc", "sha256": "00", "size": 1}', "damaged"),
                                                ('{"version": "0.2.0", "sha256": "zz", "size": 1}', "damaged")])
def test_apply_refuses_a_damaged_request(kiosk, root, request_text, why):
    (kiosk.data_dir / "updates").mkdir(parents=True)
    (kiosk.data_dir / "updates" / REQUEST_FILE).write_text(request_text)
    assert apply(kiosk, root, confirmed=False) is None
    assert_refused(kiosk, root, why)


def test_apply_follows_no_links_from_the_kiosk_users_folder(kiosk, root, tmp_path):
    secret = tmp_path / "root-only.tar.gz"
    secret.write_bytes(make_bundle(tmp_path, "0.2.0").read_bytes())
    request = requested(kiosk, tmp_path, "0.2.0", secret.read_bytes())
    (kiosk.data_dir / "updates" / "0.2.0.tar.gz").unlink()
    os.symlink(secret, kiosk.data_dir / "updates" / "0.2.0.tar.gz")
    assert request["size"] == secret.stat().st_size
    assert apply(kiosk, root, confirmed=False) is None
    assert_refused(kiosk, root, "cannot be read (OSError)")
    assert secret.exists(), "the link is deleted, never what it points at"


def test_switch_writes_the_state_then_swaps_current_and_previous(tmp_path, root):
    state_path = tmp_path / "data" / STATE_FILE
    write_update_state(state_path, {"state": "rolled_back", "version": "0.1.0", "rolled_back_from": "0.1.5",
                                    "rolled_back_at": "2026-11-20T02:10:00Z", "reason": "3 starts"})
    unpack(make_bundle(tmp_path, "0.2.0"), root / "versions", "0.2.0")
    switch(state_path, root, "0.2.0", now=dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC))
    assert json.loads(state_path.read_text()) == {
        "state": "switched", "version": "0.2.0", "previous": "0.1.0", "switched_at": "2026-11-23T03:00:00Z",
        "starts": 0, "rolled_back_from": "0.1.5", "rolled_back_at": "2026-11-20T02:10:00Z", "reason": None}
    assert os.readlink(root / "current") == "versions/0.2.0" and os.readlink(root / "previous") == "versions/0.1.0"
    assert (root / "current" / "_internal" / "data.txt").read_text() == "data of 0.2.0"
    assert sorted(p.name for p in root.iterdir()) == ["current", "previous", "versions"], "no temporary links left"
    with pytest.raises(UpdateRefused, match="current already"):
        switch(state_path, root, "0.2.0")
    with pytest.raises(UpdateRefused, match="not unpacked"):
        switch(state_path, root, "0.3.0")


def test_the_current_link_never_disappears_while_switching(tmp_path, root):
    unpack(make_bundle(tmp_path, "0.2.0"), root / "versions", "0.2.0")
    state_path, seen, missing, done = tmp_path / STATE_FILE, set(), [], threading.Event()

    def watch():
        while not done.is_set():
            try:
                seen.add(os.readlink(root / "current"))
            except FileNotFoundError:
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(150):
            switch(state_path, root, "0.2.0" if n % 2 == 0 else "0.1.0")
    finally:
        done.set()
        watcher.join()
    assert missing == [] and seen == {"versions/0.1.0", "versions/0.2.0"}


def test_a_successful_switch_prunes_all_but_current_and_previous(central, kiosk, root, tmp_path):
    for version in ("0.0.9", "0.1.5"):  # an old one, and one the guard rolled back (kept until the next switch)
        unpack(make_bundle(tmp_path, version), root / "versions", version)
    (root / "versions" / ".unpack-leftover").mkdir()
    publish(central, tmp_path, "0.2.0", "all")
    assert apply(kiosk, root) is None and folders(root) == ["0.0.9", "0.1.0", "0.1.5"], "only leftovers go"
    up = updater(kiosk)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0" and up.switch_if_ready(NIGHT, in_use=False) == "0.2.0"
    assert apply(kiosk, root) == "0.2.0" and folders(root) == ["0.1.0", "0.2.0"]


def test_kiosk_update_apply_command(central, kiosk, root, tmp_path, capsys):
    config = kiosk.config()
    config.write_text(config.read_text() + f'[update]\nenabled = true\nroot = "{root}"\n')
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0" and up.switch_if_ready(NIGHT, in_use=False) == "0.2.0"
    assert kiosk_main(["update", "apply", "--config", str(config)]) == 0
    # the command's result is on stdout; logs go to stderr
    assert installed_version(root) == "0.2.0" and "switched to version 0.2.0" in capsys.readouterr().out
    requested(kiosk, tmp_path, "0.3.0")
    assert kiosk_main(["update", "apply", "--config", str(config)]) == 0, "refused, yet the old version starts"
    assert installed_version(root) == "0.2.0"


def test_mark_healthy_only_for_the_version_switched_to(tmp_path, root):
    state_path = tmp_path / STATE_FILE
    assert mark_healthy_if_due(state_path, "0.2.0") is False and not state_path.exists()
    unpack(make_bundle(tmp_path, "0.2.0"), root / "versions", "0.2.0")
    switch(state_path, root, "0.2.0")
    assert mark_healthy_if_due(state_path, "0.1.0") is False, "the old version, started by a rollback"
    assert mark_healthy_if_due(state_path, "0.2.0") is True
    state = read_update_state(state_path)
    assert state["state"] == "healthy" and state["version"] == "0.2.0" and state["previous"] == "0.1.0"
    assert mark_healthy_if_due(state_path, "0.2.0") is False, "once only"
    assert (tmp_path / "update-state.lock").exists(), "the guard's lock was taken"


def test_a_version_that_was_rolled_back_is_not_downloaded_again(central, kiosk, root, tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    write_update_state(kiosk.data_dir / STATE_FILE, {"state": "rolled_back", "version": "0.1.0",
                                                     "rolled_back_from": "0.2.0",
                                                     "rolled_back_at": "2026-11-23T02:20:00Z"})
    assert updater(kiosk).run_once(kiosk.client(), NIGHT) is None and downloads(kiosk) == []
    publish(central, tmp_path, "0.2.1", "all")
    assert updater(kiosk).run_once(kiosk.client(), NIGHT) == "0.2.1", "a fixed release is"


def test_settings_turn_updates_on_and_check_the_window(tmp_path, root):
    from kiosk.config import ConfigError, load_config
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n[update]\nroot = "{root}"\nwindow = "23:00-01:30"\n')
    settings = load_config(config)
    off = Updater.from_settings(settings, "0.1.0")
    assert (off.enabled, off.data_dir, off.window, settings["update.root"]) == (False, tmp_path / "data",
                                                                                "23:00-01:30", root)
    config.write_text(config.read_text() + "enabled = true\n")
    assert Updater.from_settings(load_config(config), "0.1.0").enabled is True
    config.write_text('[update]\nwindow = "2am-5am"\n')
    with pytest.raises(ConfigError, match=r"update\.window must be two different 24-hour times"):
        load_config(config)
    config.write_text('[update]\nenabled = "yes"\n')
    with pytest.raises(ConfigError, match=r"update\.enabled must be true or false"):
        load_config(config)


# --- a rollback, as the guard writes it, in the heartbeat and on the dashboard


def test_a_rollback_reaches_the_heartbeat_and_the_fleet_dashboard(central, kiosk):
    from sync.central.passwords import add_user
    from tests.central.helpers import signed_in
    db = kiosk.cache()
    beat = Heartbeat(kiosk.data_dir, kiosk.cache_path)
    assert beat.body(db)["last_rollback_at"] is None
    when = central.now().replace(microsecond=0).isoformat() + "Z"
    # What the guard writes when the new version never became healthy (docs/updates.md).
    write_update_state(kiosk.data_dir / STATE_FILE, {"state": "rolled_back", "version": "0.1.0", "previous": "0.1.0",
                                                     "rolled_back_from": "0.2.0", "rolled_back_at": when,
                                                     "reason": "3 starts without reaching home"})
    body = beat.body(db)
    assert (body["last_rollback_at"], body["last_rollback_from"]) == (when, "0.2.0")
    beat.send(kiosk.client(), kiosk.credential.kiosk_id, db, config_version="1")

    add_user(central.storage, "alex", "correct horse battery", central.now())
    session = signed_in(central.url)
    page = session.get(f"{central.url}/dashboard", headers={"Accept": "text/html"}, timeout=30).text
    assert 'data-kind="rollback"' in page and "went back from app version 0.2.0" in page
    alerts = session.get(f"{central.url}/dashboard", timeout=30).json()["alerts"]
    assert "rollback" in [a["kind"] for a in alerts if a["kiosk_id"] == kiosk.credential.kiosk_id]


def test_a_damaged_state_file_never_stops_the_heartbeat(kiosk):
    db = kiosk.cache()
    (kiosk.data_dir / STATE_FILE).write_text('{"state": "rolled_back", "rolled_back_from": "0.2.0", '
                                             '"rolled_back_at": "last night"}')
    assert Heartbeat(kiosk.data_dir, kiosk.cache_path).body(db)["last_rollback_at"] is None
    (kiosk.data_dir / STATE_FILE).write_text("{half a fi")
    assert 60 <= Heartbeat(kiosk.data_dir, kiosk.cache_path).send(kiosk.client(), kiosk.credential.kiosk_id, db) <= 120

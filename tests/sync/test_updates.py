"""Staged updates on the kiosk against the real central service (real HTTP, through the fault proxy): the ring's
target is offered, downloaded, checked and unpacked; a damaged or hostile bundle is refused with nothing switched;
the switch waits for the window and an empty kiosk, writes the state and swaps the links; a rollback written by the
guard reaches the heartbeat and the fleet dashboard."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading

import pytest
import requests

from sync import updates
from sync.central.releases import add_release, set_kiosk_ring, set_ring
from sync.heartbeat import Heartbeat
from sync.update_state import STATE_FILE, read_update_state, write_update_state
from sync.updates import (Updater, UpdateRefused, installed_version, mark_healthy_if_due, ready_to_switch, switch,
                          unpack)
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


def updater(kiosk, root, **kwargs) -> Updater:
    return Updater(root, kiosk.data_dir / STATE_FILE, "0.1.0", **kwargs)


def folders(root) -> list[str]:
    return sorted(p.name for p in (root / "versions").iterdir())


# --- check, download, stage


def test_a_kiosk_stages_its_rings_target_only_in_its_window(central, kiosk, root, tmp_path):
    publish(central, tmp_path, "0.1.0", "all")
    publish(central, tmp_path, "0.2.0", "canary")
    set_kiosk_ring(central.storage, kiosk.credential.kiosk_id, "canary")
    up = updater(kiosk, root)
    assert up.run_once(kiosk.client(), DAY) is None and folders(root) == ["0.1.0"], "outside the window: nothing"
    assert updater(kiosk, root, enabled=False).run_once(kiosk.client(), NIGHT) is None
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0"
    new = root / "versions" / "0.2.0"
    assert folders(root) == ["0.1.0", "0.2.0"], "no download or unpack leftovers"
    assert os.access(new / "kiosk", os.X_OK) and (new / "_internal" / "data-link.txt").read_text() == "data of 0.2.0"
    assert installed_version(root) == "0.1.0" and read_update_state(kiosk.data_dir / STATE_FILE)["state"] == "idle"


def test_a_kiosk_on_its_target_downloads_nothing_and_a_withdrawn_target_is_dropped(central, kiosk, root, tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk, root)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0"
    publish(central, tmp_path, "0.1.0", "all")  # 0.2.0 withdrawn: the ring set back
    assert up.run_once(kiosk.client(), NIGHT) is None and up.switch_if_ready(NIGHT, in_use=False) is None
    assert installed_version(root) == "0.1.0"


@pytest.mark.parametrize("fault, message", [("corrupt_gzip", "does not match its SHA-256"),
                                            ("truncate_gzip", "bytes, not the"), ("cut", "cut off")])
def test_a_damaged_download_is_refused_and_nothing_is_switched(central, proxy, kiosk, root, tmp_path, caplog,
                                                               fault, message):
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk, root)
    proxy.inject("pass", fault)  # the offer passes, the bundle is damaged on the way
    assert up.run_once(kiosk.client(), NIGHT) is None
    assert message in caplog.text
    assert folders(root) == ["0.1.0"] and up.switch_if_ready(NIGHT, in_use=False) is None
    assert installed_version(root) == "0.1.0" and not (kiosk.data_dir / STATE_FILE).exists()
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0", "the next try, undamaged, goes ahead"


def test_a_download_is_checked_against_the_offer(kiosk, central, root, tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    offer = updates.check_update(kiosk.client(), "0.1.0")
    with pytest.raises(UpdateRefused, match="SHA-256"):
        updates.download(kiosk.client(), updates.Offer(offer.version, "0" * 64, offer.size, offer.url),
                         root / "versions")
    with pytest.raises(UpdateRefused, match="larger than"):
        updates.download(kiosk.client(), updates.Offer(offer.version, offer.sha256, offer.size - 1, offer.url),
                         root / "versions")
    assert folders(root) == ["0.1.0"]
    assert updates.download(kiosk.client(), offer, root / "versions").stat().st_size == offer.size


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
    monkeypatch.setattr(updates, "check_bundle", lambda path, version: f"jobpoint-{version}")
    with pytest.raises(UpdateRefused, match="could not be unpacked"):
        unpack(make_bundle(tmp_path, "0.2.0", extra=extra), root / "versions", "0.2.0")
    assert folders(root) == ["0.1.0"] and not os.path.lexists(root / "escaped.sh")


def test_a_hostile_bundle_slipped_into_the_service_is_refused_by_the_kiosk(central, kiosk, root, tmp_path,
                                                                           monkeypatch):
    import sync.central.releases as central_releases
    with monkeypatch.context() as patch:  # as if the service's own check had been bypassed
        patch.setattr(central_releases, "check_bundle", lambda path, version: None)
        publish(central, tmp_path, "0.2.0", "all", extra=[symlink("jobpoint-0.2.0/x", "/etc/shadow")])
    assert updater(kiosk, root).run_once(kiosk.client(), NIGHT) is None
    assert folders(root) == ["0.1.0"]


# --- the switch


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
def test_a_staged_version_is_not_switched_during_a_session_or_outside_the_window(central, kiosk, root, tmp_path,
                                                                                  now, in_use):
    publish(central, tmp_path, "0.2.0", "all")
    up = updater(kiosk, root)
    assert up.run_once(kiosk.client(), NIGHT) == "0.2.0"
    assert up.switch_if_ready(now, in_use) is None
    assert installed_version(root) == "0.1.0" and not (kiosk.data_dir / STATE_FILE).exists()
    assert up.switch_if_ready(NIGHT, in_use=False) == "0.2.0", "it waits, then goes ahead"
    assert installed_version(root) == "0.2.0"


def test_switch_writes_the_state_then_swaps_current_and_previous(tmp_path, root):
    state_path = tmp_path / "data" / STATE_FILE
    write_update_state(state_path, {"state": "rolled_back", "version": "0.1.0", "rolled_back_from": "0.1.5",
                                    "rolled_back_at": "2026-11-20T02:10:00Z", "reason": "3 starts"})
    unpack(make_bundle(tmp_path, "0.2.0"), root / "versions", "0.2.0")
    switch(state_path, root, "0.2.0", now=dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.timezone.utc))
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


def test_a_version_that_was_rolled_back_is_not_installed_again(central, kiosk, root, tmp_path):
    publish(central, tmp_path, "0.2.0", "all")
    write_update_state(kiosk.data_dir / STATE_FILE, {"state": "rolled_back", "version": "0.1.0",
                                                     "rolled_back_from": "0.2.0",
                                                     "rolled_back_at": "2026-11-23T02:20:00Z"})
    assert updater(kiosk, root).run_once(kiosk.client(), NIGHT) is None and folders(root) == ["0.1.0"]
    publish(central, tmp_path, "0.2.1", "all")
    assert updater(kiosk, root).run_once(kiosk.client(), NIGHT) == "0.2.1", "a fixed release is"


def test_settings_turn_updates_on_and_check_the_window(tmp_path, root):
    from kiosk.config import ConfigError, load_config
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n[update]\nroot = "{root}"\nwindow = "23:00-01:30"\n')
    off = Updater.from_settings(load_config(config), "0.1.0")
    assert (off.enabled, off.root, off.window) == (False, root, "23:00-01:30"), "off unless turned on"
    config.write_text(config.read_text() + "enabled = true\n")
    assert Updater.from_settings(load_config(config), "0.1.0").enabled is True
    config.write_text('[update]\nwindow = "2am-5am"\n')
    with pytest.raises(ConfigError, match="update.window must be two different 24-hour times"):
        load_config(config)
    config.write_text('[update]\nenabled = "yes"\n')
    with pytest.raises(ConfigError, match="update.enabled must be true or false"):
        load_config(config)


# --- a rollback, as the guard writes it, in the heartbeat and on the dashboard


def test_a_rollback_reaches_the_heartbeat_and_the_fleet_dashboard(central, kiosk):
    from sync.central.passwords import add_user
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
    session = requests.Session()
    login = session.post(f"{central.url}/login", data={"name": "alex", "password": "correct horse battery"},
                         allow_redirects=False, timeout=30)
    assert login.status_code == 303
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

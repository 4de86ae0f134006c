"""An app update end to end, without systemd: the real central service offers a real-format bundle, the kiosk
user's half downloads it and asks for the switch, and a systemd-like start loop runs what jobpoint-kiosk.service
runs (ExecStartPre `kiosk update apply` then the guard, ExecStart the current version, ExecStopPost the guard
after a failure). The new version is broken on purpose: it fails 3 starts, the guard rolls back, and the old
version's heartbeat reports the rollback to the service's fleet dashboard."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from sync.central.passwords import add_user
from sync.central.releases import add_release, set_ring
from sync.credentials import enrol
from sync.update_apply import installed_version
from sync.updates import Updater
from tests.central.helpers import signed_in
from tests.deploy.conftest import guard
from tests.sync.bundles import make_bundle, member
from tests.sync.central_server import CentralServer

REPO = Path(__file__).resolve().parents[2]
NIGHT = dt.datetime(2026, 11, 23, 3, 0)

#: The old, good version: counts its run, then sends one heartbeat the way the app's sync thread does.
OLD_KIOSK = f"""#!/bin/sh
echo "$(readlink -f "$0") $*" >>"$RUNS"
cd {REPO} && exec {sys.executable} -c '
import sys
from pathlib import Path
from kiosk.jobs.cache import open_cache
from sync.credentials import load_credential
from sync.heartbeat import Heartbeat
data, credential = Path(sys.argv[1]), load_credential(Path(sys.argv[2]))
Heartbeat(data, data / "vacancies.db").send(credential.client(), credential.kiosk_id,
                                            open_cache(data / "vacancies.db"), config_version="1")
' "$DATA" "$CREDENTIAL"
"""
#: The new version, broken: it crashes on every start.
BROKEN_KIOSK = b'#!/bin/sh\necho "$(readlink -f "$0") $*" >>"$RUNS"\nexit 1\n'


def test_update_applied_by_root_then_rolled_back_and_reported(kiosk, tmp_path):
    central = CentralServer(tmp_path / "central")
    try:
        run_update_and_rollback(kiosk, central, tmp_path)
    finally:
        central.close()


def run_update_and_rollback(kiosk, central, tmp_path):
    credential_path = kiosk.data / "credential.json"
    credential = enrol(central.url, central.token(), "leeds-1", credential_path)
    # Version 1.0.0 as install.sh leaves it; 2.0.0 published to every kiosk.
    old = kiosk.opt / "versions" / "1.0.0"
    old.mkdir()
    (old / "kiosk").write_text(OLD_KIOSK)
    (old / "kiosk").chmod(0o755)
    kiosk.link("current", "1.0.0")
    kiosk.write_state(state="idle", version="1.0.0")
    bundle = make_bundle(tmp_path, "2.0.0", program=False,
                         extra=[member("jobpoint-2.0.0/kiosk", BROKEN_KIOSK, mode=0o755)])
    add_release(central.storage, bundle, "2.0.0", central.now())
    set_ring(central.storage, "all", "2.0.0", central.now())

    # The kiosk user, inside the app: download, check, keep, and ask for the switch between sessions.
    updater = Updater(kiosk.data, "1.0.0")
    assert updater.run_once(credential.client(), NIGHT) == "2.0.0"
    assert updater.switch_if_ready(NIGHT, in_use=False) == "2.0.0"
    assert installed_version(kiosk.opt) == "1.0.0" and sorted(os.listdir(kiosk.opt / "versions")) == ["1.0.0"]

    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{kiosk.data}"\n[central]\nurl = "{central.url}"\n'
                      f'credential_file = "{credential_path}"\n[update]\nenabled = true\nroot = "{kiosk.opt}"\n')
    env = {**os.environ, "RUNS": str(kiosk.runs), "STATE": str(kiosk.state_file), "DATA": str(kiosk.data),
           "CREDENTIAL": str(credential_path)}

    def start() -> int:
        """One start of jobpoint-kiosk.service, as its ExecStartPre, ExecStart and ExecStopPost lines say."""
        # As root, under the unit's UMask=0077 (it applies to ExecStartPre too).
        applied = subprocess.run(["sh", "-c", 'umask 077; exec "$0" update apply --config "$1"',
                                  str(REPO / ".venv/bin/kiosk"), str(config)], capture_output=True, text=True,
                                 timeout=120)
        assert applied.returncode == 0, applied.stderr
        assert guard(kiosk.root).returncode == 0
        status = subprocess.run([str(kiosk.opt / "current" / "kiosk"), "run", "--kiosk"], env=env,
                                timeout=120).returncode
        after = guard(kiosk.root, "--after-failure", env={"SERVICE_RESULT": "success" if status == 0 else "exit-code"})
        assert after.returncode == 0
        return status

    assert start() == 1, "the first start applied 2.0.0 (as root) and ran it"
    assert kiosk.state()["version"] == "2.0.0" and os.readlink(kiosk.opt / "previous") == "versions/1.0.0"
    new = (kiosk.opt / "versions" / "2.0.0").stat()
    assert (new.st_uid, new.st_mode & 0o777) == (os.geteuid(), 0o755), "root's, and only root may change it"
    assert not (kiosk.data / "updates" / "switch-request.json").exists()
    assert [start(), start()] == [1, 1]
    assert installed_version(kiosk.opt) == "1.0.0", "rolled back after the 3rd failed start"
    assert start() == 0, "the old version runs again and sends its heartbeat"

    assert (kiosk.runs_of("2.0.0"), kiosk.runs_of("1.0.0")) == (3, 1)
    state = kiosk.state()
    assert (state["state"], state["rolled_back_from"]) == ("rolled_back", "2.0.0")
    assert (kiosk.opt / "versions" / "2.0.0").is_dir(), "kept for investigation until the next switch"
    assert updater.run_once(credential.client(), NIGHT) is None, "not downloaded again"

    add_user(central.storage, "alex", "correct horse battery", central.now())
    session = signed_in(central.url)
    alerts = session.get(f"{central.url}/dashboard", timeout=30).json()["alerts"]
    assert "rollback" in [a["kind"] for a in alerts if a["kiosk_id"] == credential.kiosk_id]

"""``kiosk enrol`` and ``kiosk sync --once`` as people run them: messages and exit codes."""

import stat
import subprocess
import sys

from sync.credentials import load_credential
from tests.sync.central_server import free_port
from tests.sync.records import vacancy

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def kiosk_command(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def write_config(tmp_path, url):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n[central]\nurl = "{url}"\n'
                    f'credential_file = "{tmp_path / "cred" / "credential.json"}"\n[sync]\ntimeout_seconds = 3\n')
    return path


def test_enrol_saves_an_owner_only_credential_and_a_used_token_is_refused_plainly(tmp_path, central):
    config = write_config(tmp_path, central.url)
    token = central.token()
    done = kiosk_command("enrol", token, "--name", "leeds-7", "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert "Enrolled as kiosk" in done.stdout
    path = tmp_path / "cred" / "credential.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_credential(path).office_id == "leeds"
    again = kiosk_command("enrol", token, "--config", str(config))
    assert again.returncode == 2
    assert "not accepted" in again.stderr and "Traceback" not in again.stderr


def test_enrol_without_a_network_says_so(tmp_path):
    config = write_config(tmp_path, f"http://127.0.0.1:{free_port()}")
    result = kiosk_command("enrol", "ABCDE-FGHJK", "--config", str(config))
    assert result.returncode == 1
    assert "Cannot reach the central service" in result.stderr and "Traceback" not in result.stderr


def test_sync_before_enrolment_says_how_to_enrol(tmp_path, central):
    result = kiosk_command("sync", "--once", "--config", str(write_config(tmp_path, central.url)))
    assert result.returncode == 2
    assert "kiosk enrol TOKEN" in result.stderr


def test_sync_once_syncs_everything_and_reports_it(central, kiosk):
    central.ingest([vacancy(n) for n in range(12)])
    result = kiosk_command("sync", "--once", "--config", str(kiosk.config()))
    assert result.returncode == 0, result.stderr
    assert "12 open, checked against the service" in result.stdout
    assert (kiosk.data_dir / "office-config.json").is_file() and (kiosk.data_dir / "rates.json").is_file()


def test_sync_once_with_the_service_down_exits_1_with_a_plain_message(central, proxy, kiosk):
    proxy.down()
    result = kiosk_command("sync", "--once", "--config", str(kiosk.config()))
    proxy.up()
    assert result.returncode == 1
    assert "cannot be reached" in result.stderr and "Traceback" not in result.stderr


def test_a_revoked_kiosk_is_told_to_enrol_again(central, kiosk):
    from sync.central.enrolment import revoke_kiosk
    revoke_kiosk(central.storage, kiosk.credential.kiosk_id, now=central.now())
    result = kiosk_command("sync", "--once", "--config", str(kiosk.config()))
    assert result.returncode == 2
    assert "enrol the kiosk again" in result.stderr

"""deploy/install.sh and deploy/uninstall.sh in a real Debian 12 chroot (debootstrap minbase + the packages).

One install is shared by the tests of this module, in order: install version 1.0.0 with enrolment, check the
user, files, links, units, permissions and CUPS; install 2.0.0 over it (a side-by-side switch); uninstall, and
check that the chroot is exactly as it was before. The chroot comes from a cache in ~/.cache/jobpoint/chroot
(about 5 s); the first run on a machine builds it (about 3 minutes). JOBPOINT_DEPLOY_CHROOT=0 skips these tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest

from kiosk.config import load_config
from tests.deploy import chroot
from tests.deploy.conftest import DEPLOY

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),  # the first run builds the chroot
    pytest.mark.skipif(os.environ.get("JOBPOINT_DEPLOY_CHROOT") == "0", reason="JOBPOINT_DEPLOY_CHROOT=0"),
    pytest.mark.skipif(os.geteuid() != 0, reason="chroot needs root"),
    pytest.mark.skipif(not shutil.which("zstd"), reason="needs zstd"),
]

UNITS = ["jobpoint-kiosk.service", "jobpoint-out-of-order.service", "jobpoint-restart.service",
         "jobpoint-restart.timer", "jobpoint-guard.service", "jobpoint-guard.timer"]

#: A stand-in for the PyInstaller build: `kiosk enrol` saves a credential where the config says, as the real one
#: does (mode 0600 through its umask); `kiosk run` does nothing.
FAKE_KIOSK = r"""#!/bin/sh
if [ "$1" = enrol ] && [ "$2" = used-token ]; then
  echo "kiosk: this token has been used already. Ask IT staff for a new one." >&2
  exit 2
elif [ "$1" = enrol ]; then
  file="$(sed -n 's/^credential_file = "\(.*\)"$/\1/p' "$JOBPOINT_CONFIG")"
  umask 077
  printf '{"kiosk_id": "%s", "token_used": "%s", "url": "%s"}\n' "$(id -un)" "$2" "$4" >"$file.tmp"
  mv "$file.tmp" "$file"
  echo "Enrolled; credential saved in $file."
fi
"""

#: Paths that apt, logins and the shell change on their own, not install.sh.
VOLATILE = ("proc", "sys", "dev", "run", "tmp", "var/log", "var/cache", "var/lib/apt", "var/lib/dpkg",
            "var/tmp", "etc/resolv.conf", "usr/sbin/policy-rc.d")


def manifest(root: Path) -> dict[str, tuple]:
    """Every path in the chroot with its kind, mode, owner, and content or link target."""
    entries = {}
    for folder, dirs, files in os.walk(root):
        rel_folder = os.path.relpath(folder, root)
        dirs[:] = [d for d in dirs if os.path.normpath(os.path.join(rel_folder, d)) not in VOLATILE]
        for name in dirs + files:
            rel = os.path.normpath(os.path.join(rel_folder, name))
            if rel in VOLATILE or (rel.startswith("etc/") and name.endswith("-")):  # passwd- etc.: backups
                continue
            path = os.path.join(folder, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                detail = os.readlink(path)
            elif stat.S_ISREG(info.st_mode) and rel.startswith(("etc/", "opt/", "usr/local/", "var/lib/")):
                detail = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            else:
                detail = None
            entries[rel] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid, detail)
    return entries


def make_bundle(folder: Path, version: str) -> Path:
    """A small bundle shaped like make dist's: jobpoint-<version>/kiosk plus a data file, and its .sha256."""
    top = folder / f"jobpoint-{version}"
    (top / "_internal").mkdir(parents=True)
    (top / "kiosk").write_text(FAKE_KIOSK)
    (top / "kiosk").chmod(0o700)  # install.sh must make it runnable by the kiosk user whatever the tarball says
    (top / "_internal" / "version.txt").write_text(version)
    path = folder / f"jobpoint-{version}.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        tar.add(top, arcname=top.name)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    Path(f"{path}.sha256").write_text(f"{digest}  {path.name}\n")
    return path


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs)


def in_root(root: Path, *args) -> subprocess.CompletedProcess:
    return run("chroot", root, *args)


class Chroot:
    """The shared chroot and what was seen in it."""

    def __init__(self, root: Path, bundles: Path) -> None:
        self.root = root
        self.bundles = bundles
        self.before = manifest(root)
        self.install_result: subprocess.CompletedProcess | None = None

    def user(self, name: str) -> list[str] | None:
        """A line of the chroot's /etc/passwd, split."""
        for line in (self.root / "etc" / "passwd").read_text().splitlines():
            if line.split(":")[0] == name:
                return line.split(":")
        return None

    def uid(self, name: str) -> int:
        return int(self.user(name)[2])


@pytest.fixture(scope="module")
def box(tmp_path_factory) -> Chroot:
    """The chroot with version 1.0.0 installed and enrolled."""
    if not chroot.cache_path().exists() and not shutil.which("debootstrap"):
        pytest.skip("no cached chroot, and no debootstrap to build one (apt-get install debootstrap)")
    base = tmp_path_factory.mktemp("chroot")
    root = chroot.unpack_chroot(base / "root")
    bundles = base / "bundles"
    bundles.mkdir()
    # cupsd -t (run by a test below) also puts right the owners of CUPS's folders: let it do so before the
    # "before" picture, so the uninstall test compares only what install.sh and uninstall.sh did.
    assert in_root(root, "cupsd", "-t").returncode == 0
    box = Chroot(root, bundles)
    box.install_result = run(DEPLOY / "install.sh", "--bundle", make_bundle(bundles, "1.0.0"), "--root", root,
                             "--enrol", "one-time-token-123", "--central", "http://127.0.0.1:8470",
                             "--name", "leeds-1", "--office-window", "01:30-04:00")
    yield box
    shutil.rmtree(base, ignore_errors=True)  # about 800 MB: do not leave it to pytest's three kept runs


def test_install_succeeds(box):
    result = box.install_result
    assert result.returncode == 0, result.stderr
    assert "system packages: all present" in result.stdout
    assert "one-time-token-123" not in result.stdout + result.stderr  # the token is not echoed


def test_kiosk_user_is_locked_down(box):
    _name, _, uid, _gid, _, home, shell = box.user("jobpoint")
    assert (home, shell) == ("/var/lib/jobpoint", "/usr/sbin/nologin")
    assert int(uid) < 1000  # a system user
    shadow = {line.split(":")[0]: line.split(":")[1] for line in (box.root / "etc/shadow").read_text().splitlines()}
    assert shadow["jobpoint"].startswith("!")  # no password can be used
    groups = in_root(box.root, "id", "-nG", "jobpoint").stdout.split()
    assert "sudo" not in groups and "adm" not in groups
    assert {"video", "audio"} <= set(groups)
    sudoers = [box.root / "etc/sudoers", *(box.root / "etc/sudoers.d").glob("*")]
    assert not any("jobpoint" in p.read_text() for p in sudoers if p.is_file())
    assert in_root(box.root, "runuser", "-u", "jobpoint", "--", "sudo", "-n", "true").returncode != 0


def test_build_is_unpacked_side_by_side_and_current(box):
    opt = box.root / "opt/jobpoint"
    assert os.readlink(opt / "current") == "versions/1.0.0"
    assert not (opt / "previous").exists()
    for folder in (opt, opt / "versions"):  # the kiosk user can change neither the links nor the builds
        info = folder.stat()
        assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (0, 0o755)
    as_kiosk = in_root(box.root, "runuser", "-u", "jobpoint", "--", "touch", "/opt/jobpoint/versions/x")
    assert as_kiosk.returncode != 0 and "Permission denied" in as_kiosk.stderr
    program = opt / "versions/1.0.0/kiosk"
    info = program.stat()
    assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (0, 0o755)  # the kiosk user cannot change its code
    assert (opt / "versions/1.0.0/_internal/version.txt").read_text() == "1.0.0"
    assert not list((opt / "versions").glob(".unpack.*"))
    state = json.loads((box.root / "var/lib/jobpoint/update-state.json").read_text())
    assert (state["state"], state["version"], state["previous"]) == ("idle", "1.0.0", None)


def test_config_is_valid_for_the_kiosk(box):
    settings = load_config(box.root / "etc/jobpoint/kiosk.toml")
    assert settings["kiosk.id"] == "leeds-1"
    assert str(settings["kiosk.data_dir"]) == "/var/lib/jobpoint"
    assert settings["central.url"] == "http://127.0.0.1:8470"
    assert str(settings["central.credential_file"]) == "/var/lib/jobpoint/credential.json"
    # Updates on, installed into the root-owned /opt/jobpoint by root's `kiosk update apply`, in the office window.
    assert (settings["update.enabled"], str(settings["update.root"]), settings["update.window"]) == (
        True, "/opt/jobpoint", "01:30-04:00")
    assert not (box.root / "etc/jobpoint/office-window").exists(), "nothing reads it: the window is in kiosk.toml"


def test_enrolment_ran_as_the_kiosk_user_and_the_credential_is_private(box):
    data = box.root / "var/lib/jobpoint"
    info = data.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (box.uid("jobpoint"), box.uid("jobpoint"), 0o750)
    lock = (data / "update-state.lock").stat()  # the app takes the guard's lock too, so it must open it
    assert (lock.st_uid, stat.S_IMODE(lock.st_mode)) == (box.uid("jobpoint"), 0o644)
    credential = data / "credential.json"
    info = credential.stat()
    assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (box.uid("jobpoint"), 0o600)
    saved = json.loads(credential.read_text())
    assert saved == {"kiosk_id": "jobpoint", "token_used": "one-time-token-123", "url": "http://127.0.0.1:8470"}


def test_units_pass_systemd_analyze_verify(box):
    result = in_root(box.root, "systemd-analyze", "verify", *(f"/etc/systemd/system/{u}" for u in UNITS))
    assert result.returncode == 0, result.stderr
    assert "jobpoint" not in result.stderr, result.stderr  # no warning about our units either


def test_units_are_enabled_and_tty1_is_the_kiosks(box):
    system = box.root / "etc/systemd/system"
    enabled = {p.name for p in system.glob("*.wants/*")}
    assert {"jobpoint-kiosk.service", "jobpoint-restart.timer", "jobpoint-guard.timer", "pcscd.socket",
            "cups.service"} <= enabled
    assert os.readlink(system / "getty@tty1.service") == "/dev/null"
    assert os.readlink(system / "ctrl-alt-del.target") == "/dev/null"
    kiosk = (system / "jobpoint-kiosk.service").read_text().splitlines()
    for line in ["User=jobpoint", "Restart=on-failure", "WatchdogSec=60", "OnFailure=jobpoint-out-of-order.service",
                 "ExecStartPre=-+/usr/local/lib/jobpoint/guard", "RestartForceExitStatus=75",
                 "ExecStartPre=-+/opt/jobpoint/current/kiosk update apply",
                 "ExecStopPost=-+/usr/local/lib/jobpoint/guard --after-failure",
                 "ExecStart=/usr/bin/cage -- /opt/jobpoint/current/kiosk run --kiosk"]:
        assert line in kiosk
    # root's update apply runs before the guard, so the guard checks the version apply switched to.
    pre = [line for line in kiosk if line.startswith("ExecStartPre=")]
    assert pre == ["ExecStartPre=-+/opt/jobpoint/current/kiosk update apply",
                   "ExecStartPre=-+/usr/local/lib/jobpoint/guard"]
    timer = (system / "jobpoint-restart.timer").read_text().splitlines()
    assert "OnCalendar=*-*-* 01:30:00" in timer and "RandomizedDelaySec=140min" in timer
    for path in ["guard", "out-of-order", "uninstall.sh"]:
        assert os.access(box.root / "usr/local/lib/jobpoint" / path, os.X_OK)


def test_cups_keeps_no_printed_jobs(box):
    conf = (box.root / "etc/cups/cupsd.conf").read_text().splitlines()
    active = [line.split() for line in conf if line.strip() and not line.lstrip().startswith("#")]
    assert ["PreserveJobFiles", "No"] in active and ["PreserveJobHistory", "No"] in active
    assert not [w for w in active if w[0].startswith("PreserveJob") and w[1] != "No"]
    result = in_root(box.root, "cupsd", "-t")
    assert result.returncode == 0 and "cupsd.conf\" is OK" in result.stdout + result.stderr


@pytest.mark.parametrize("nation, first", [("ENGLAND", "This screen is out of order."),
                                           ("WALES", "Mae'r sgrin hon allan o drefn.")])
def test_out_of_order_screen_is_in_english_and_welsh(box, nation, first):
    config = box.root / "tmp/nation.toml"
    config.write_text(f'[ui]\nnation = "{nation}"\n')
    screen = subprocess.Popen(["chroot", str(box.root), "/usr/local/lib/jobpoint/out-of-order", "/tmp/nation.toml"],
                              stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    text = []
    while len(text) < 4:
        line = screen.stdout.readline()
        assert line, "the screen stopped before showing its text"
        line = line.replace("\x1b[2J\x1b[H\x1b[?25l\x1b[9;0]", "").strip()  # clear, hide cursor, no blanking
        if line:
            text.append(line)
    screen.kill()
    screen.wait()
    assert text[0] == first
    assert set(text) == {"This screen is out of order.", "Please ask a member of staff.",
                         "Mae'r sgrin hon allan o drefn.", "Gofynnwch i aelod o'r staff."}


def test_second_install_puts_the_new_version_beside_the_old_and_keeps_the_config(box):
    config_before = (box.root / "etc/jobpoint/kiosk.toml").read_bytes()
    result = run(DEPLOY / "install.sh", "--bundle", make_bundle(box.bundles, "2.0.0"), "--root", box.root)
    assert result.returncode == 0, result.stderr

    opt = box.root / "opt/jobpoint"
    assert os.readlink(opt / "current") == "versions/2.0.0"
    assert os.readlink(opt / "previous") == "versions/1.0.0"
    assert (opt / "versions/1.0.0/kiosk").exists()
    assert (box.root / "etc/jobpoint/kiosk.toml").read_bytes() == config_before
    state = json.loads((box.root / "var/lib/jobpoint/update-state.json").read_text())
    assert (state["state"], state["version"], state["previous"], state["starts"]) == ("switched", "2.0.0", "1.0.0", 0)
    # The installed guard runs inside the target system (its bash, jq, flock) and sees the trial.
    check = in_root(box.root, "/usr/local/lib/jobpoint/guard", "--check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert in_root(box.root, "/usr/local/lib/jobpoint/guard").returncode == 0
    assert json.loads((box.root / "var/lib/jobpoint/update-state.json").read_text())["starts"] == 1


def test_uninstall_with_purge_leaves_the_system_as_it_was(box):
    result = run(box.root / "usr/local/lib/jobpoint/uninstall.sh", "--purge", "--root", box.root,
                 stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr

    after = manifest(box.root)
    added = sorted(set(after) - set(box.before))
    removed = sorted(set(box.before) - set(after))
    changed = sorted(p for p in set(after) & set(box.before) if after[p] != box.before[p])
    assert (added, removed, changed) == ([], [], [])
    assert box.user("jobpoint") is None


def test_failed_enrolment_says_what_to_run_and_uninstall_can_keep_the_data(box):
    result = run(DEPLOY / "install.sh", "--bundle", box.bundles / "jobpoint-1.0.0.tar.gz", "--root", box.root,
                 "--enrol", "used-token", "--central", "http://127.0.0.1:8470")
    assert result.returncode == 2
    assert "this token has been used already" in result.stderr
    assert "installed, but enrolment failed" in result.stderr and "kiosk enrol TOKEN" in result.stderr
    assert os.readlink(box.root / "opt/jobpoint/current") == "versions/1.0.0"

    result = run(box.root / "usr/local/lib/jobpoint/uninstall.sh", "--keep-data", "--root", box.root,
                 stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr

    data = box.root / "var/lib/jobpoint"
    info = data.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (0, 0, 0o700)
    assert all(p.stat().st_uid == 0 for p in data.rglob("*"))
    left = set(manifest(box.root)) - set(box.before)
    assert left == {"var/lib/jobpoint", *(f"var/lib/jobpoint/{p.name}" for p in data.iterdir())}

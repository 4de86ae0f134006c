"""A real CUPS scheduler of the tests' own: cupsd in a folder, with a test printer that writes PDFs to a folder.

    rig = CupsRig(tmp_path / "cups")          # writes cupsd.conf, cups-files.conf and the test backend
    rig.start()                                # cupsd -f, listening only on rig.socket
    rig.add_queue("kiosk")                     # a raw queue: the PDF reaches the backend untouched
    rig.environ                                # {"CUPS_SERVER": rig.socket, ...}: point lp and lpstat at it
    rig.paper_out(True)                        # the next job waits, reporting media-empty-error
    rig.fault("media-jam-error")               # the same with any printer-state-reason
    rig.hold(True)                             # the next job waits as a slow printer would, reporting nothing
    rig.printed()                              # the PDFs the printer has "printed"
    rig.stop()                                 # SIGTERM, then SIGKILL if needed

Nothing here touches the machine's own CUPS: the rig has its own ServerRoot, spool, logs and socket, and a
ServerBin that is the system's with the ``backend`` folder swapped for one holding only the test backend. The
backend is a small shell script run by cupsd as root (mode 0700, which is how CUPS runs a backend as root); it is
steered by marker files in its output folder, as a real printer is steered by its paper tray.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

#: The system's CUPS programs; the rig uses all but their backends.
SYSTEM_SERVER_BIN = Path("/usr/lib/cups")
#: What a test of the CUPS printer needs on this machine: the scheduler and the command-line tools.
NEEDED_PROGRAMS = ("cupsd", "lp", "lpstat", "lpoptions", "lpadmin", "cancel", "cupsenable", "cupsdisable",
                   "cupsaccept", "cupsreject")

#: The test backend. Arguments: job-id user title copies options [file]; with none, it lists its device.
BACKEND = r"""#!/bin/sh
# Jobpoint's test printer: writes each job, byte for byte, to the folder named in DEVICE_URI.
if [ $# -eq 0 ]; then
  echo 'direct jobpoint-test "Jobpoint" "Jobpoint test printer"'
  exit 0
fi
folder="${DEVICE_URI#jobpoint-test:}"
# "hold": a slow printer still busy with the job; nothing is reported.
while [ -e "$folder/hold" ]; do sleep 0.05; done
# "fault" holds a printer-state-reason, e.g. media-empty-error (no paper): the job waits, reporting it, until
# the fault is cleared, as a real printer's job waits for paper.
if [ -e "$folder/fault" ]; then
  reason=$(cat "$folder/fault")
  echo "STATE: +$reason" >&2
  while [ -e "$folder/fault" ]; do sleep 0.05; done
  echo "STATE: -$reason" >&2
fi
part="$folder/.job-$1.part"
if [ -n "$6" ]; then cat "$6" > "$part"; else cat > "$part"; fi
mv "$part" "$folder/job-$1.pdf"
exit 0
"""


def cups_missing() -> str:
    """What is missing for the real-CUPS tests, or "" if everything is here."""
    missing = [name for name in NEEDED_PROGRAMS if not shutil.which(name, path=_path())]
    if missing:
        return ("not installed: " + ", ".join(missing)
                + " (apt-get install cups-daemon cups-client)")
    if os.geteuid() != 0:
        return "the test cupsd must run as root, to run its test backend as root"
    return ""


def _path() -> str:
    # cupsd lives in /usr/sbin, which is not on every user's PATH.
    return os.environ.get("PATH", "") + ":/usr/sbin:/sbin"


class CupsRig:
    """A private cupsd: configuration, start and stop, queues, and the test printer's tray and output.

    :param folder: an empty folder of the test's own (a pytest tmp_path).
    :param keep_jobs: keep finished jobs' history and documents, as CUPS does unless told not to (for a day).
    """

    def __init__(self, folder: Path, *, keep_jobs: bool = False) -> None:
        self.folder = Path(folder)
        self.keep_jobs = keep_jobs
        self.root = self.folder / "etc"
        self.socket = str(self.folder / "cups.sock")
        self.output = self.folder / "printed"
        self.log_file = self.folder / "log" / "error_log"
        self.queues: list[str] = []
        self._process: subprocess.Popen | None = None
        self._write_config()

    # ----- configuration

    def _write_config(self) -> None:
        bin_dir = self.folder / "bin"
        for name in ("etc", "bin/backend", "spool/tmp", "cache", "state", "log", "printed"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        for entry in SYSTEM_SERVER_BIN.iterdir():  # filters, daemons and the rest, as installed
            if entry.name != "backend":
                (bin_dir / entry.name).symlink_to(entry)
        backend = bin_dir / "backend" / "jobpoint-test"
        backend.write_text(BACKEND)
        backend.chmod(0o700)  # owned by root and private: cupsd runs it as root
        # cupsd refuses programs in a folder others can write to; pytest's tmp folders are private already.
        for path in (self.folder, bin_dir, bin_dir / "backend"):
            path.chmod(0o755)
        (self.root / "cups-files.conf").write_text(
            f"ServerRoot {self.root}\n"
            f"ServerBin {bin_dir}\n"
            f"RequestRoot {self.folder / 'spool'}\n"
            f"TempDir {self.folder / 'spool' / 'tmp'}\n"
            f"CacheDir {self.folder / 'cache'}\n"
            f"StateDir {self.folder / 'state'}\n"
            f"ErrorLog {self.log_file}\n"
            f"AccessLog {self.folder / 'log' / 'access_log'}\n"
            f"PageLog {self.folder / 'log' / 'page_log'}\n"
            f"Printcap {self.folder / 'state' / 'printcap'}\n"
            "FileDevice No\n"
            "Sandboxing Relaxed\n")
        # Only the socket: no TCP port to clash with the machine's own CUPS or another test run. Unless asked,
        # jobs are not kept once done, as a kiosk's CUPS should be set up (see the README).
        keep = "" if self.keep_jobs else "PreserveJobHistory No\nPreserveJobFiles No\n"
        (self.root / "cupsd.conf").write_text(
            f"Listen {self.socket}\n"
            "LogLevel debug\n"
            "Browsing No\n"
            "DefaultAuthType None\n"
            f"{keep}"
            "JobRetryInterval 1\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")

    @property
    def environ(self) -> dict[str, str]:
        """The environment that points the CUPS command-line tools at this cupsd (and only this one)."""
        return {"CUPS_SERVER": self.socket, "PATH": _path(), "LC_ALL": "C",
                "HOME": str(self.folder)}  # HOME: so no ~/.cups/lpoptions of the user running the tests applies

    # ----- the scheduler

    def start(self, timeout: float = 15.0) -> None:
        """Start cupsd in the foreground and wait until it answers.

        :raises RuntimeError: if it exits or does not answer, with the end of its log.
        """
        cupsd = shutil.which("cupsd", path=_path())
        self._process = subprocess.Popen(
            [cupsd, "-f", "-c", str(self.root / "cupsd.conf"), "-s", str(self.root / "cups-files.conf")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            env=self.environ, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"cupsd exited with status {self._process.returncode}:\n{self.log_tail()}")
            if self.run("lpstat", "-r", check=False).stdout.strip() == "scheduler is running":
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"cupsd did not answer within {timeout:g} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Stop cupsd (it writes its printers.conf on the way out), so a test can see the scheduler gone."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    @property
    def running(self) -> bool:
        """True while this rig's cupsd is running."""
        return self._process is not None and self._process.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        """The end of cupsd's error log, for failure messages."""
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no error log)"

    # ----- queues and the test printer

    def run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a CUPS command-line tool against this cupsd.

        :param command: e.g. ``("lpstat", "-o")``.
        :param check: raise (with the tool's message) if it fails.
        """
        result = subprocess.run(command, env=self.environ, capture_output=True, text=True, timeout=30)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip() or result.stdout.strip()}")
        return result

    def add_queue(self, name: str, *, default: bool = False) -> None:
        """Add an enabled queue, accepting jobs, that prints to the test printer.

        :param name: the queue's name.
        :param default: make it the server's default destination.
        """
        self.run("lpadmin", "-p", name, "-E", "-v", f"jobpoint-test:{self.output}", "-m", "raw")
        self.queues.append(name)
        if default:
            self.run("lpadmin", "-d", name)

    def disable(self, name: str) -> None:
        """Stop a queue, as staff do with ``cupsdisable`` (jobs wait, nothing prints)."""
        self.run("cupsdisable", name)

    def enable(self, name: str) -> None:
        """Start a stopped queue again."""
        self.run("cupsenable", name)

    def paper_out(self, out: bool) -> None:
        """Empty the paper tray (jobs wait and report media-empty-error) or fill it again."""
        self.fault("media-empty-error" if out else None)

    def fault(self, reason: str | None) -> None:
        """Make the printer report a printer-state-reason while it holds a job, or (None) clear the fault."""
        marker = self.output / "fault"
        if reason:
            marker.write_text(reason)
        else:
            marker.unlink(missing_ok=True)

    def hold(self, held: bool) -> None:
        """Make the printer slow (each job waits, reporting nothing) or let it go on."""
        self._marker("hold", held)

    def reset(self) -> None:
        """Back to a working printer with nothing queued or printed, for the next test."""
        self.fault(None)
        self.hold(False)
        self.run("cancel", "-a", "-x", check=False)
        # Made afresh: CUPS keeps the reasons a cancelled job's backend reported (media-empty-error, say).
        default = self.run("lpstat", "-d", check=False).stdout.rpartition(": ")[2].strip()
        queues, self.queues = self.queues, []
        for name in queues:
            self.run("lpadmin", "-x", name)
            self.add_queue(name, default=name == default)
        for path in self.output.glob("job-*.pdf"):
            path.unlink()

    def _marker(self, name: str, present: bool) -> None:
        marker = self.output / name
        if present:
            marker.touch()
        else:
            marker.unlink(missing_ok=True)

    def spooled_documents(self) -> list[Path]:
        """The documents cupsd holds in its spool (d<job>-<n> files): waiting, printing or kept after."""
        return sorted((self.folder / "spool").glob("d*"))

    def printed(self) -> list[Path]:
        """The jobs the test printer has finished, in job-number order."""
        return sorted(self.output.glob("job-*.pdf"), key=lambda p: int(p.stem.split("-")[1]))

    def queued(self, name: str) -> list[str]:
        """The job ids (e.g. "kiosk-3") waiting or printing on a queue."""
        out = self.run("lpstat", "-W", "not-completed", "-o", name, check=False).stdout
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def submit(self, name: str, data: bytes) -> str:
        """Print to a queue with ``lp`` directly, as another program on the machine would; returns the job id."""
        result = subprocess.run(["lp", "-d", name], input=data, env=self.environ, capture_output=True,
                                timeout=30, check=True)
        return result.stdout.decode().split("request id is ")[1].split()[0]


def wait_for(condition, timeout: float = 20.0, step: float = 0.05) -> bool:
    """Poll ``condition()`` until it is true or ``timeout`` seconds pass; returns whether it became true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def running_cups(tmp_path_factory):
    """For a module-scoped ``cups`` fixture: a running private cupsd with an enabled default queue "kiosk"
    printing to the test printer; skipped, with the reason, where cupsd or the CUPS tools are not installed.

        @pytest.fixture(scope="module")
        def cups(tmp_path_factory):
            yield from running_cups(tmp_path_factory)
    """
    missing = cups_missing()
    if missing:
        pytest.skip(f"no real CUPS here: {missing}")
    rig = CupsRig(tmp_path_factory.mktemp("cups"))
    rig.start()
    try:
        rig.add_queue("kiosk", default=True)
        yield rig
    finally:
        rig.stop()


def unstarted_cups(folder: Path, **options):
    """For a function-scoped fixture: a private cupsd of the test's own, not started and with no queue (for
    tests that stop the scheduler, or need other settings); stopped at the end."""
    missing = cups_missing()
    if missing:
        pytest.skip(f"no real CUPS here: {missing}")
    rig = CupsRig(folder / "cups", **options)
    try:
        yield rig
    finally:
        rig.stop()

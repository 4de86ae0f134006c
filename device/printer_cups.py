"""The real printer: a CUPS print queue, driven with the CUPS command-line tools (lp, lpoptions, lpstat, cancel).

    printer = PrinterCups(queue="")          # "": the default printer set in CUPS; or a queue's name
    job_id = printer.print_pdf(pdf_bytes, "Cleaner")     # "kiosk-12"; the title is never sent (see below)
    printer.status()                          # "ready", "busy", "paper_out", "offline" or "error"
    printer.status_detail()                   # "queue kiosk: out of paper (media-empty-error)"
    printer.cancel_all()                      # the wipe: cancels and purges this session's jobs; never raises

Why the command-line tools and not IPP by hand: they find the scheduler as every other program on the machine
does (``CUPS_SERVER``, ``/etc/cups/client.conf``, the local socket) and authenticate as the kiosk's own user, with
no library to build. Each runs with ``LC_ALL=C`` so their messages are the English ones parsed here, never through
a shell, and with a time limit, so a hung scheduler makes the printer "offline" instead of freezing the kiosk.

The state comes from ``lpoptions -p QUEUE``, which prints the queue's IPP attributes as ``key=value`` words:
``printer-state`` (3 idle, 4 processing, 5 stopped), ``printer-state-reasons`` and
``printer-is-accepting-jobs``. A queue that does not exist and a scheduler that is not running both print nothing;
``lpstat -r`` tells them apart for the detail line.

Privacy: CUPS writes each job's name into its page log and job history, so the job's title (it can say what a
person is looking for) is not sent; every job is called ``Jobpoint``. ``cancel_all`` cancels this session's jobs
that have not printed yet (``cancel -x``, which also deletes their documents from the spool). A job that has
printed cannot be purged by its owner, and CUPS keeps finished jobs' documents for a day unless told not to:
a kiosk's cupsd.conf must say ``PreserveJobFiles No`` and ``PreserveJobHistory No`` (see the README). When
``cancel_all`` finds a finished job still kept, it logs a WARNING and ``status_detail`` says so until restart.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import shutil
import subprocess
import threading

from device.printer import Printer, PrinterError

log = logging.getLogger("jobpoint.printer")

#: The tools this provider runs; without any of them it cannot run (apt package cups-client).
TOOLS = ("lp", "lpoptions", "lpstat", "cancel")
#: The name every job gets in CUPS (see the module's docstring for why it is not the title).
JOB_NAME = "Jobpoint"
#: Longest wait for one CUPS tool; a scheduler that takes longer is treated as down.
TIMEOUT_SECONDS = 5.0

#: printer-state-reasons keywords (their suffix -error/-warning/-report removed) that stop printing.
OFFLINE_REASONS = {"offline", "paused", "shutdown", "stopped", "moving-to-paused", "cups-missing-filter",
                   "cups-insecure-filter", "printer-not-found"}
PAPER_OUT_REASONS = {"media-empty", "media-needed"}
#: Hardware faults that are errors even when the driver gives no "-error" suffix.
FAULT_REASONS = {"media-jam", "door-open", "cover-open", "interlock-open", "toner-empty", "marker-supply-empty",
                 "input-tray-missing", "output-tray-missing", "output-area-full", "fuser-over-temp"}

#: The faults staff are told about by name (``problem``), worst first, each with its printer-state-reasons keywords.
PROBLEM_REASONS = (("jam", {"media-jam"}), ("cover_open", {"door-open", "cover-open", "interlock-open"}),
                   ("no_toner", {"toner-empty", "marker-supply-empty"}))


def classify(state: int, reasons: list[str], accepting: bool) -> str:
    """One of the printer STATES from a queue's IPP attributes.

    :param state: printer-state: 3 idle, 4 processing, 5 stopped.
    :param reasons: printer-state-reasons keywords, e.g. ``["media-empty-error"]``.
    :param accepting: printer-is-accepting-jobs.

    Worst first: a queue that cannot print at all is "offline" even when it is also out of paper. Reasons are
    only believed while the queue is printing: CUPS keeps whatever the last job's backend reported until the
    next job runs, so an idle queue's "media-empty-error" may be from a job the wipe cancelled before staff
    refilled the tray. Refusing to print then would never let a job run to find out; the next job does.
    """
    bases = set()
    errors = set()
    for reason in reasons:
        base, _, suffix = reason.rpartition("-")
        if suffix not in ("error", "warning", "report"):
            base, suffix = reason, ""
        if suffix == "warning" or (suffix == "report" and base != "offline"):
            continue  # "toner-low-warning" and the like: it still prints
        bases.add(base)
        if suffix == "error":
            errors.add(base)
    if state == 5 or not accepting:
        return "offline"
    if state != 4:
        return "ready"
    if bases & OFFLINE_REASONS:
        return "offline"
    if bases & PAPER_OUT_REASONS:
        return "paper_out"
    if errors or bases & FAULT_REASONS:
        return "error"
    return "busy" if state == 4 else "ready"


class CupsUnavailable(Exception):
    """A CUPS tool could not be run or did not answer in time (the message is for the log)."""


class PrinterCups(Printer):
    """Prints to one CUPS queue and keeps the ids of the jobs printed since the last wipe.

    :param queue: the queue's name; "" for the default destination set in CUPS (``lpstat -d``).
    :param server: a scheduler to use instead of the machine's own (``CUPS_SERVER``: a socket path or
        host:port); for tests.
    """

    name = "cups"

    def __init__(self, queue: str = "", *, server: str = "") -> None:
        self.queue = queue
        self._environ = dict(os.environ, LC_ALL="C")
        if server:
            self._environ["CUPS_SERVER"] = server
        self._jobs: list[str] = []
        self._lock = threading.Lock()
        self._detail = "not checked yet"
        self._reasons: list[str] = []
        self.keeps_jobs = False  # set when CUPS was seen keeping a finished job (and so, by default, its document)

    @classmethod
    def from_settings(cls, settings) -> PrinterCups:
        """The printer for ``printer.queue``.

        :param settings: the kiosk settings.
        """
        return cls(settings.get("printer.queue", ""))

    @classmethod
    def can_run(cls) -> tuple[bool, str]:
        """Whether the CUPS command-line tools are installed."""
        missing = [tool for tool in TOOLS if shutil.which(tool) is None]
        if missing:
            return False, f"the CUPS tools are not installed ({', '.join(missing)}; Debian package cups-client)"
        return True, ""

    @property
    def jobs(self) -> list[str]:
        """The ids of the jobs printed since the last ``cancel_all``, e.g. ``["kiosk-12"]``."""
        return list(self._jobs)

    def status_detail(self) -> str:
        """A short English line about the queue, e.g. "queue kiosk: printing" (checks it afresh)."""
        self.status()
        if self.keeps_jobs:
            return f"{self._detail}; CUPS keeps printed jobs: set PreserveJobFiles No and PreserveJobHistory No"
        return self._detail

    def problem(self) -> str:
        """A fault staff can fix from the last state checked: "jam", "cover_open", "no_toner", "keeps_jobs" or ""."""
        bases = {reason.rpartition("-")[0] if reason.rpartition("-")[2] in ("error", "warning", "report")
                 else reason for reason in self._reasons}
        for problem, keywords in PROBLEM_REASONS:
            if bases & keywords:
                return problem
        return "keeps_jobs" if self.keeps_jobs else ""

    # --- the hooks the base calls ---------------------------------------------------------------------------

    def _status(self) -> str:
        try:
            attributes = self._attributes()
        except CupsUnavailable as error:
            self._detail, self._reasons = str(error), []
            return "offline"
        if attributes is None:
            self._detail, self._reasons = self._why_no_queue(), []
            return "offline"
        queue = attributes.get("printer-uri-supported", "").rpartition("/")[2] or self.queue or "default"
        reasons = [r for r in attributes.get("printer-state-reasons", "none").split(",") if r and r != "none"]
        try:
            state = int(attributes.get("printer-state", "0"))
        except ValueError:
            state = 0
        accepting = attributes.get("printer-is-accepting-jobs", "true") == "true"
        result = classify(state, reasons, accepting)
        # Only a fault that stops printing now is named to staff (an idle queue's reasons may be stale: classify).
        self._reasons = reasons if result == "error" else []
        words = {3: "idle", 4: "printing", 5: "stopped"}.get(state, f"state {state}")
        if not accepting:
            words += ", not accepting jobs"
        if reasons:
            words += f" ({'last reported: ' if state == 3 else ''}{', '.join(reasons)})"
        self._detail = f"queue {queue}: {words}"
        return result

    def _submit(self, pdf_bytes: bytes, title: str) -> str:
        # The title is deliberately not passed on: CUPS logs job names (see the module's docstring).
        command = ["lp", "-t", JOB_NAME] + (["-d", self.queue] if self.queue else [])
        try:
            result = self._run(command, input=pdf_bytes)
        except CupsUnavailable as error:
            raise PrinterError("print.error_offline", str(error)) from None
        if result.returncode != 0:
            message = _first_line(result.stderr)
            log.error("printer cups: lp failed: %s", message)
            offline = ("not accepting", "does not exist", "unable to connect", "no default destination",
                       "not found", "unknown")
            key = "print.error_offline" if any(word in message.lower() for word in offline) else "print.error"
            raise PrinterError(key, message)
        found = re.search(r"request id is (\S+)", result.stdout)
        if not found:
            raise PrinterError("print.error", f"lp gave no job id: {_first_line(result.stdout)}")
        with self._lock:
            self._jobs.append(found.group(1))
        return found.group(1)

    def _cancel_all(self) -> int:
        with self._lock:
            jobs, self._jobs = self._jobs, []
        if not jobs:
            return 0
        waiting = self._job_ids("not-completed")
        if waiting is None:
            # The scheduler is down: the jobs wait in its spool and would print for the next person when it is
            # back. Keep them, so the next wipe tries again.
            log.error("printer cups: could not cancel %d job(s): CUPS is not answering", len(jobs))
            self._keep(jobs)
            return 0
        self._notice_kept_jobs(set(jobs) - waiting)
        cancelled, kept = 0, []
        for job in jobs:
            if job not in waiting:
                continue  # printed already: nothing to take back
            try:
                result = self._run(["cancel", "-x", job])  # -x: its document leaves the spool at once
            except CupsUnavailable as error:
                log.error("printer cups: could not cancel job %s: %s", job, error)
                kept.append(job)
                continue
            message = _first_line(result.stderr).lower()
            if result.returncode == 0:
                cancelled += 1
            elif "does not exist" not in message and "already" not in message:  # else it finished meanwhile
                log.error("printer cups: could not cancel job %s: %s", job, message)
                kept.append(job)
        self._keep(kept)
        if cancelled:
            log.info("printer cups: cancelled %d waiting job(s)", cancelled)
        return cancelled

    def _keep(self, jobs: list[str]) -> None:
        with self._lock:
            self._jobs[:0] = jobs

    def _notice_kept_jobs(self, finished: set[str]) -> None:
        """Warn (once) if CUPS still holds printed jobs of this session: its owner cannot purge them."""
        if not finished or self.keeps_jobs:
            return
        if finished & (self._job_ids("completed") or set()):
            self.keeps_jobs = True
            log.warning("printer cups: CUPS keeps printed jobs and, unless told not to, their documents for a "
                        "day; set PreserveJobFiles No and PreserveJobHistory No in cupsd.conf")

    # --- talking to CUPS --------------------------------------------------------------------------------------

    def _run(self, command: list[str], input: bytes | None = None) -> subprocess.CompletedProcess:
        try:
            result = subprocess.run(command, input=input, capture_output=True, env=self._environ,
                                    timeout=TIMEOUT_SECONDS, check=False)
        except FileNotFoundError:
            raise CupsUnavailable(f"{command[0]} is not installed") from None
        except subprocess.TimeoutExpired:
            raise CupsUnavailable(f"{command[0]} got no answer from CUPS within {TIMEOUT_SECONDS:g} s") from None
        except OSError as error:
            raise CupsUnavailable(f"{command[0]} could not run: {type(error).__name__}") from None
        return subprocess.CompletedProcess(command, result.returncode, _text(result.stdout), _text(result.stderr))

    def _attributes(self) -> dict[str, str] | None:
        """The queue's attributes from ``lpoptions``, or None when CUPS knows no such queue (or is not running)."""
        result = self._run(["lpoptions"] + (["-p", self.queue] if self.queue else []))
        try:
            words = shlex.split(result.stdout)
        except ValueError:  # an unbalanced quote in some option: the state words are still plain
            words = result.stdout.split()
        attributes = dict(word.partition("=")[::2] for word in words)
        return attributes if result.returncode == 0 and "printer-state" in attributes else None

    def _why_no_queue(self) -> str:
        try:
            running = self._run(["lpstat", "-r"]).stdout.strip() == "scheduler is running"
        except CupsUnavailable as error:
            return str(error)
        if not running:
            return "the CUPS scheduler (cupsd) is not running"
        if self.queue:
            return f"CUPS has no queue called {self.queue!r} (see lpstat -p)"
        return "CUPS has no default printer (set one with lpadmin -d QUEUE, or set printer.queue)"

    def _job_ids(self, which: str) -> set[str] | None:
        """The ids of the jobs CUPS has "not-completed" (waiting or printing) or "completed"; None if it is down.

        :param which: "not-completed" or "completed" (``lpstat -W``).
        """
        try:
            result = self._run(["lpstat", "-W", which, "-o"])
        except CupsUnavailable:
            return None
        if result.returncode != 0:
            return None
        return {line.split()[0] for line in result.stdout.splitlines() if line.strip()}


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


def _first_line(text: str) -> str:
    """The first line of a tool's message, cut short: enough for a log line."""
    line = text.strip().splitlines()[0] if text.strip() else "(no message)"
    return line[:200]

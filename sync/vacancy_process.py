"""A vacancy sync in a process of its own, so the screens keep Python's interpreter while a delta applies.

    report = sync_in_child(cache_path, credential_path, timeout_s, stopping)   # the app's sync worker thread

In the app's own process a 20,000-change delta shared the interpreter lock with the screens, and searches typed
during it reached p95 139 ms and max 1.6 s (``bench/sync.py``). The worker thread now starts ``kiosk sync
--vacancies-only --json`` (the same program, frozen or not) and only waits for it, which releases the lock. The
child writes its ``SyncReport`` (or the error, by class name) as one JSON line; the cache is shared through SQLite
as before, and a child stopped at any point leaves the old cache or the new (``tests/sync/test_kill.py``).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import threading
from dataclasses import asdict, fields
from pathlib import Path

from sync.client import (MOST_RETRY_AFTER_S, BadData, Busy, Gone, Offline, ServerError, SyncFailed, TooLarge,
                         Unauthorised)
from sync.pages import Refused
from sync.vacancy_sync import Mismatch, SyncReport

#: The errors a child can report, by name; any other name is a plain ``SyncFailed``.
ERRORS: dict[str, type[SyncFailed]] = {kind.__name__: kind for kind in (
    SyncFailed, Offline, Unauthorised, ServerError, Busy, BadData, TooLarge, Gone, Refused, Mismatch)}
#: The longest a vacancy sync may take before it is stopped (a first sync of 300,000 takes minutes).
MOST_SECONDS = 3 * 3600


def child_command(cache_path: Path, credential_path: Path, timeout_s: float) -> list[str]:
    """The command line that runs one vacancy sync and prints its report as JSON.

    :param cache_path: the vacancy cache file.
    :param credential_path: the kiosk's credential file.
    :param timeout_s: seconds to wait for each read from the service.
    """
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "kiosk"]
    return [*program, "sync", "--once", "--vacancies-only", "--json", "--cache", str(cache_path),
            "--credential", str(credential_path), "--timeout", f"{timeout_s:g}"]


def report_line(report: SyncReport | None = None, error: SyncFailed | None = None) -> str:
    """The one JSON line a child prints: its report, or its error.

    :param report: what the sync did.
    :param error: why it failed.

        >>> report_line(error=Offline("The service could not be reached."))
        '{"error": "Offline", "message": "The service could not be reached.", "status": null, "code": null, \
"retry_after": null}'
    """
    if error is not None:
        return json.dumps({"error": type(error).__name__, "message": str(error),
                           "status": getattr(error, "status", None), "code": getattr(error, "code", None),
                           "retry_after": getattr(error, "retry_after", None)})
    return json.dumps({"report": asdict(report or SyncReport())})


def read_report(stdout: str, returncode: int) -> SyncReport:
    """The report in a child's output; raises the ``SyncFailed`` it reported, or one saying it stopped.

    :param stdout: everything the child printed.
    :param returncode: its exit status.
    """
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    try:
        answer = json.loads(lines[-1]) if lines else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise SyncFailed(f"The vacancy sync stopped before it finished (exit status {returncode}).")
    if "error" in answer:
        kind = ERRORS.get(str(answer["error"]), SyncFailed)
        status, code, wait = answer.get("status"), answer.get("code"), answer.get("retry_after")
        raise kind(str(answer.get("message") or "The vacancy sync failed."),
                   status if isinstance(status, int) else None, code if isinstance(code, str) else None,
                   min(MOST_RETRY_AFTER_S, max(1.0, float(wait)))
                   if isinstance(wait, int | float) and not isinstance(wait, bool) and math.isfinite(wait) else None)
    raw = answer.get("report") if isinstance(answer.get("report"), dict) else {}
    known = {field.name for field in fields(SyncReport)}
    return SyncReport(**{key: value for key, value in raw.items() if key in known})


def sync_in_child(cache_path: Path, credential_path: Path, timeout_s: float,
                  stopping: threading.Event | None = None) -> SyncReport:
    """Run one vacancy sync in a child process and wait for it. Its log goes where the app's does (standard error).

    :param cache_path: the vacancy cache file.
    :param credential_path: the kiosk's credential file.
    :param timeout_s: seconds to wait for each read from the service.
    :param stopping: set when the app is stopping: the child is stopped (the cache stays old or new).
    :raises SyncFailed: what the child reported, or that it stopped or took too long.
    """
    child = subprocess.Popen(child_command(cache_path, credential_path, timeout_s), stdout=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, text=True, errors="replace")
    waited = 0.0
    while True:
        try:
            stdout, _ = child.communicate(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            waited += 0.5
            if (stopping is not None and stopping.is_set()) or waited >= MOST_SECONDS:
                child.kill()
                child.communicate()
                raise SyncFailed("The vacancy sync was stopped." if waited < MOST_SECONDS else
                                 "The vacancy sync took too long and was stopped.") from None
    return read_report(stdout, child.returncode)

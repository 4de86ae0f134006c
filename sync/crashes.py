"""The time and kind of the kiosk's last crash, for the heartbeat; never the exception's message.

    record_crash(data_dir, error)             # from the app's exception handler, next to kiosk.logs.crash_report
    last_crash(data_dir)                       # -> ("2026-11-22T10:00:00Z", "builtins.ValueError") or (None, None)

``kiosk.logs.crash_report`` already keeps messages out of the logs, because they can quote what a person typed;
this file keeps only the exception's type and when it happened.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from sync.files import write_atomically

log = logging.getLogger(__name__)

CRASH_FILE = "last-crash.json"


def crash_kind(error: BaseException) -> str:
    """The exception's module and class name, e.g. ``builtins.ValueError``.

    :param error: the exception.
    """
    return f"{type(error).__module__}.{type(error).__qualname__}"[:200]


def record_crash(data_dir: Path, error: BaseException, at: dt.datetime | None = None) -> None:
    """Remember that the kiosk crashed (or showed out-of-service) just now, and with what kind of error.

    Never raises: recording a crash must not cause another.

    :param data_dir: ``kiosk.data_dir``.
    :param error: the exception.
    :param at: when (default now).
    """
    moment = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    try:
        write_atomically(Path(data_dir) / CRASH_FILE, json.dumps(
            {"at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "kind": crash_kind(error)}).encode())
    except OSError as failure:
        log.warning("could not record the crash: %s", type(failure).__name__)


def last_crash(data_dir: Path) -> tuple[str | None, str | None]:
    """(when, kind) of the last recorded crash, or (None, None).

    :param data_dir: ``kiosk.data_dir``.
    """
    try:
        data = json.loads((Path(data_dir) / CRASH_FILE).read_text(encoding="utf-8"))
        return str(data["at"]), str(data["kind"])
    except (OSError, ValueError, KeyError, TypeError):
        return None, None

"""A short summary of the kiosk's own log for the maintenance screen: how many warnings and errors, and the last few.

    summary = install_log_summary()        # once, at start-up; the same one on every later call
    summary.counts()                       # {"WARNING": 3, "ERROR": 1, "CRITICAL": 0}
    summary.recent()                       # ["14:02 WARNING jobpoint.printer: ...", ...] newest last
    summary.recent_entries()               # [LogEntry("14:02", "WARNING", "jobpoint.printer", "..."), ...]

Only what the kiosk already logs is kept, and the kiosk's log lines never hold personal data (search words, answers
and CV text are never logged; tracebacks give only the exception's type, see ``kiosk.logs.crash_report``). The
summary lives in memory and starts afresh with the process.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from typing import NamedTuple

from kiosk.logs import crash_report

#: Levels the summary keeps.
LEVELS = ("WARNING", "ERROR", "CRITICAL")
#: How many recent lines the maintenance screen shows.
RECENT_LINES = 8
#: Longest message kept on one line of the summary.
LINE_LIMIT = 160


class LogEntry(NamedTuple):
    """One kept line: local time (HH:MM), level, logger name and the message's first line."""

    time: str
    level: str
    logger: str
    message: str


class LogSummary(logging.Handler):
    """Counts WARNING and worse, and keeps the last few such lines."""

    def __init__(self, keep: int = RECENT_LINES) -> None:
        super().__init__(level=logging.WARNING)
        self._counts: Counter[str] = Counter()
        self._recent: deque[LogEntry] = deque(maxlen=keep)
        self.started = time.time()

    def emit(self, record: logging.LogRecord) -> None:
        """Count the record and keep its line (called by logging)."""
        try:
            message = record.getMessage().splitlines()[0] if record.getMessage() else ""
            if record.exc_info:
                message += " | " + crash_report(record.exc_info[1]).splitlines()[0].strip()
            stamp = time.strftime("%H:%M", time.localtime(record.created))
            self._counts[record.levelname] += 1
            self._recent.append(LogEntry(stamp, record.levelname, record.name, message[:LINE_LIMIT]))
        except Exception:  # noqa: BLE001 - a log summary must never break logging
            self.handleError(record)

    def counts(self) -> dict[str, int]:
        """How many records of each level since the kiosk started."""
        return {level: self._counts.get(level, 0) for level in LEVELS}

    def recent(self) -> list[str]:
        """The last few WARNING-or-worse lines, oldest first, as the log writes them (English, for IT)."""
        return [f"{entry.time} {entry.level} {entry.logger}: {entry.message}" for entry in self._recent]

    def recent_entries(self) -> list[LogEntry]:
        """The same lines in parts, so a screen can say them in its own language."""
        return list(self._recent)


def install_log_summary() -> LogSummary:
    """Attach the summary to the root logger (once per process) and return it."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, LogSummary):
            return handler
    summary = LogSummary()
    root.addHandler(summary)
    return summary

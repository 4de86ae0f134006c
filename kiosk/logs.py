"""Logging to standard output in a form journald keeps, and crash reports with nothing personal in them.

    setup_logging("INFO")
    logging.getLogger("jobpoint").info("started")     # prints "12:00:00 INFO jobpoint: started"

Under systemd (``$JOURNAL_STREAM`` set) each line starts with the ``<N>`` syslog priority that journald reads,
and no timestamp, since journald adds its own.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback

# journald reads a leading "<N>" as the line's syslog priority (sd-daemon(3)).
_SYSLOG_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3, logging.CRITICAL: 2}


class JournalFormatter(logging.Formatter):
    """``<6>INFO jobpoint.app: message`` under systemd; ``HH:MM:SS INFO ...`` at a terminal."""

    def __init__(self, under_systemd: bool) -> None:
        super().__init__()
        self.under_systemd = under_systemd

    def format(self, record: logging.LogRecord) -> str:
        """One line per record; a traceback, if any, follows on indented lines."""
        text = f"{record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info:
            # Only frames and the exception's type: its message may quote what a person typed.
            text += "\n" + crash_report(record.exc_info[1])
        if self.under_systemd:
            priority = _SYSLOG_PRIORITY.get(record.levelno, 6)
            return "\n".join(f"<{priority}>{line}" for line in text.splitlines())
        return f"{self.formatTime(record, '%H:%M:%S')} {text}"


class _StandardError(logging.StreamHandler):
    """A handler writing to whatever ``sys.stderr`` is when a record comes, not the one it was made with: a
    command run inside a test (or anything that swaps standard error) leaves no handler on a closed stream."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        """Standard error as it is now."""
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def setup_logging(level: str = "INFO") -> None:
    """Send every log record, Kivy's included, to standard error: standard output is each command's result
    alone, so ``kiosk search --json`` is always JSON (systemd sends both to the journal).

    :param level: "DEBUG", "INFO", "WARNING" or "ERROR".
    """
    handler = _StandardError()
    handler.setFormatter(JournalFormatter(under_systemd=bool(os.environ.get("JOURNAL_STREAM"))))
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "jobpoint", False):
            root.removeHandler(old)
    handler.jobpoint = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # fpdf2's font subsetting makes fontTools list, at INFO, every glyph a printout keeps: which letters a person's
    # CV or job printout used. That is a trace of personal data, so it stays out of the journal.
    logging.getLogger("fontTools").setLevel(logging.WARNING)


def crash_report(error: BaseException | None) -> str:
    """A traceback that names the exception's type and where it happened, but never its message or values.

    Exception messages can quote a person's input (``invalid literal for int(): 'SW1A 1AA'``), so they stay out of
    logs and crash reports.

    :param error: the exception.
    """
    if error is None:
        return ""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"  {os.path.basename(f.filename)}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join([f"  {type(error).__module__}.{type(error).__qualname__} (message withheld)", *lines])

"""Logs go to standard output in a form journald keeps, with nothing personal in them."""

import logging

from kiosk.logs import JournalFormatter, crash_report


def record(message, level=logging.INFO, exc_info=None):
    return logging.LogRecord("jobpoint.app", level, __file__, 1, message, None, exc_info)


def test_under_systemd_each_line_carries_its_syslog_priority():
    formatter = JournalFormatter(under_systemd=True)
    assert formatter.format(record("started")) == "<6>INFO jobpoint.app: started"
    assert formatter.format(record("disk full", logging.ERROR)).startswith("<3>ERROR")


def test_at_a_terminal_lines_have_a_time():
    line = JournalFormatter(under_systemd=False).format(record("started"))
    assert line.endswith("INFO jobpoint.app: started") and line[2] == ":"


def test_crash_reports_name_the_error_and_place_but_never_the_message():
    try:
        int("SW1A 1AA")
    except ValueError as error:
        report = crash_report(error)
        formatted = JournalFormatter(under_systemd=True).format(
            record("failed", logging.ERROR, (ValueError, error, error.__traceback__)))
    assert "builtins.ValueError (message withheld)" in report
    assert "test_logs.py" in report and "test_crash_reports_name_the_error_and_place_but_never_the_message" in report
    assert "SW1A" not in report and "SW1A" not in formatted
    assert all(line.startswith("<3>") for line in formatted.splitlines())

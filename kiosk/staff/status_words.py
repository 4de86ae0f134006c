"""What the staff screens say about the kiosk: each device, sync and the log, in sentences a person can act on.

    lines = device_lines(t, devices.describe())     # ["The printer is out of paper. Put more paper in.", ...]
    sync_line(t, services.sync_status())             # "Jobs updated at 10:42."
    log_lines(t, summary)                            # ["Since the kiosk started: 2 warnings, 0 errors.", ...]

Each line is a whole message from the catalogue in the screen's language (English or Welsh), chosen from a
device's health and the problem its provider names (``device.DeviceStatus``). Provider names ("cups",
"pdf_file"), file paths and the providers' own English details never reach the screen: they stay in the log and in
``kiosk devices`` for IT, where they can be searched for.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The message for each device in each health; a device on its fallback provider is "degraded".
HEALTH_KEYS = {
    ("card", "present"): "maint.dev.card_ok",
    ("card", "absent"): "maint.dev.card_absent",
    ("card", "error"): "maint.dev.card_error",
    ("card", "degraded"): "maint.dev.card_simulated",
    ("printer", "ready"): "maint.dev.printer_ready",
    ("printer", "busy"): "maint.dev.printer_busy",
    ("printer", "paper_out"): "maint.dev.printer_paper_out",
    ("printer", "offline"): "maint.dev.printer_offline",
    ("printer", "error"): "maint.dev.printer_error",
    ("printer", "degraded"): "maint.dev.printer_files",
    ("speech", "available"): "maint.dev.speech_ok",
    ("speech", "unavailable"): "maint.dev.speech_unavailable",
    ("speech", "degraded"): "maint.dev.speech_silent",
}
#: A health no message is written for yet still gets a sentence: the device's "not working" one.
UNKNOWN_KEYS = {"card": "maint.dev.card_error", "printer": "maint.dev.printer_error",
                "speech": "maint.dev.speech_unavailable"}
#: A named problem says more than the health alone: it replaces the health's message ...
PROBLEM_KEYS = {
    ("printer", "jam"): "maint.dev.printer_jam",
    ("printer", "cover_open"): "maint.dev.printer_cover_open",
    ("printer", "no_toner"): "maint.dev.printer_no_toner",
    ("speech", "no_engine"): "maint.dev.speech_silent",
    ("speech", "no_audio"): "maint.dev.speech_no_audio",
}
#: ... or, when the device still works, adds a line of its own.
EXTRA_KEYS = {
    ("card", "no_key"): "maint.dev.card_no_key",
    ("printer", "keeps_jobs"): "maint.dev.printer_keeps_jobs",
}
#: Whose log line it is, by the logger's name (first match wins); anything else is the kiosk app's.
LOG_AREAS = (("jobpoint.printer", "printer"), ("jobpoint.print", "printer"), ("device.printer", "printer"),
             ("jobpoint.card", "card"), ("jobpoint.staff", "card"), ("device.card", "card"),
             ("device.staff_card", "card"), ("jobpoint.speech", "speech"), ("device.speech", "speech"),
             ("jobpoint.central", "sync"), ("sync", "sync"), ("jobpoint.device", "devices"), ("device", "devices"))
#: A failed sync's own message names a time the maintenance line already gives; staff get this one instead.
SYNC_KEYS = {"sync.offline": "maint.sync_offline"}


def device_message_keys(rows: Iterable) -> list[str]:
    """The catalogue keys of what to say about each device, in the rows' order.

    :param rows: ``device.DeviceStatus`` rows (``Devices.describe()``).

        >>> from device import DeviceStatus
        >>> device_message_keys([DeviceStatus("printer", "cups", "paper_out", "queue kiosk: ...")])
        ['maint.dev.printer_paper_out']
    """
    keys = []
    for row in rows:
        problem = getattr(row, "problem", "")
        # On its fallback provider the device's own problem matters less than the fallback itself.
        key = PROBLEM_KEYS.get((row.device, problem)) if row.health != "degraded" else None
        unknown = UNKNOWN_KEYS.get(row.device, "device.unavailable")
        keys.append(key or HEALTH_KEYS.get((row.device, row.health), unknown))
        if (row.device, problem) in EXTRA_KEYS:
            keys.append(EXTRA_KEYS[(row.device, problem)])
    return keys


def device_lines(t, rows: Iterable) -> list[str]:
    """Each device's state as a sentence in ``t``'s language.

    :param t: the screen's catalogue.
    :param rows: ``device.DeviceStatus`` rows.
    """
    return [t[key] for key in device_message_keys(rows)]


def sync_line(t, status) -> str:
    """When the jobs were last brought up to date, and why the last try failed, if it did.

    :param t: the screen's catalogue.
    :param status: ``sync.background.SyncStatus``, or None when this kiosk has no sync worker.
    """
    if status is None or status.state == "not_enrolled":
        return t["maint.not_enrolled"]
    updated = status.updated_at()
    line = t.text("maint.jobs_updated", time=updated) if updated else t["maint.jobs_never"]
    if status.error_key:
        line += " " + t[SYNC_KEYS.get(status.error_key, status.error_key)]
    return line


def log_area(logger: str) -> str:
    """Which part of the kiosk a logger belongs to: "printer", "card", "speech", "sync", "devices" or "app".

    :param logger: the logger's name, e.g. "jobpoint.printer" or "sync.client".
    """
    for prefix, area in LOG_AREAS:
        if logger == prefix or logger.startswith(prefix + "."):
            return area
    return "app"


def log_lines(t, summary) -> list[str]:
    """How many warnings and errors since the start, then the last few: when, how bad, and which part.

    The messages themselves are English for IT and stay in the log, which the last line points to.

    :param t: the screen's catalogue.
    :param summary: ``kiosk.log_summary.LogSummary``.
    """
    counts = summary.counts()
    lines = [t.text("maint.log_counts", warnings=counts["WARNING"], errors=counts["ERROR"] + counts["CRITICAL"])]
    entries = summary.recent_entries()
    for entry in entries:
        level = "warning" if entry.level == "WARNING" else "error"
        lines.append(t.text("maint.log_line", time=entry.time, level=t[f"maint.level.{level}"],
                            area=t[f"maint.area.{log_area(entry.logger)}"]))
    lines.append(t["maint.log_where"] if entries else t["maint.log_empty"])
    return lines

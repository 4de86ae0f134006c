"""Plain English for the fleet dashboard: ages, UK times, device problems and usage event names.

    >>> import datetime as dt
    >>> ago(150)
    '2 minutes ago'
    >>> uk_time(dt.datetime(2026, 7, 1, 9, 5), now=dt.datetime(2026, 7, 1, 12, 0))
    '10:05'
    >>> device_words("printer", "paper_out")
    'printer out of paper'

Times are stored in UTC but office staff read UK time, so times are shown in Europe/London (BST in summer).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

#: What each device's health word means, when it is a problem. Unknown pairs fall back to "<device> <health>".
_PROBLEMS = {
    ("card", "absent"): "card reader missing",
    ("card", "error"): "card reader error",
    ("printer", "paper_out"): "printer out of paper",
    ("printer", "offline"): "printer offline",
    ("printer", "error"): "printer error",
    ("speech", "unavailable"): "read-aloud not working",
    # "degraded": the device runs on its fallback provider (devices.simulated_fallback = "warn" on the kiosk).
    ("card", "degraded"): "card reader simulated: staff cards cannot be read",
    ("printer", "degraded"): "no real printer: nothing is printed on paper",
    ("speech", "degraded"): "read-aloud silent: nothing can be heard",
}
_DEVICES = {"card": "card reader", "printer": "printer", "speech": "read-aloud"}

#: Usage events as staff would say them, in ``sync.central.usage.EVENTS`` order.
EVENT_LABELS = {
    "session_started": "Sessions started",
    "search": "Job searches",
    "job_viewed": "Jobs viewed",
    "job_saved": "Jobs saved",
    "job_sent_to_phone": "Jobs sent to a phone",
    "job_printed": "Jobs printed",
    "benefit_check_completed": "Benefit checks finished",
    "benefits_printed": "Benefit results printed",
    "cv_made": "CVs made",
    "cv_printed": "CVs printed",
    "cv_sent_to_phone": "CVs sent to a phone",
    "language_en": "Sessions in English",
    "language_cy": "Sessions in Welsh",
    "text_large": "Larger text turned on",
    "high_contrast": "High contrast turned on",
    "read_aloud": "Read aloud turned on",
    "reach_mode": "Lower layout turned on",
    "timeout_wipe": "Sessions cleared after no one touched the screen",
    "assisted_session": "Sessions helped by staff",
    "local_help_opened": "Help near you opened",
    "local_help_digital": "Help near you: computers and internet",
    "local_help_money": "Help near you: money and debt",
    "local_help_food": "Help near you: food and essentials",
    "local_help_housing": "Help near you: housing",
    "local_help_health": "Help near you: health and wellbeing",
    "local_help_training": "Help near you: training and courses",
    "local_help_childcare": "Help near you: childcare",
    "local_help_other": "Help near you: other help",
    "local_help_printed": "Help near you lists printed",
    "careers_opened": "Explore careers opened",
    "careers_young_viewed": "Young people's careers page read",
    "career_jobs_searched": "Job searches from a careers page",
    "careers_searched": "Searches for any job in Explore careers",
    "career_ons_viewed": "Pages of the ONS list of jobs read",
}
#: "Something has changed" (``sync.life_event_counts``), each life event as staff would say it.
LIFE_EVENT_WORDS = {"lost_job": "lost a job", "ill_or_disabled": "ill or disabled", "baby": "a baby",
                    "someone_died": "someone has died", "caring": "caring for someone", "separated": "split up",
                    "leaving_care": "leaving care", "moving_home": "moving home",
                    "state_pension_age": "State Pension age"}
EVENT_LABELS |= {f"life_event.{event}": f"Life event checklists opened: {words}"
                 for event, words in LIFE_EVENT_WORDS.items()}
EVENT_LABELS |= {f"life_event_check.{event}": f"Benefit checks started from a life event: {words}"
                 for event, words in LIFE_EVENT_WORDS.items()}
EVENT_LABELS |= {f"life_event_printed.{event}": f"Life event checklists printed: {words}"
                 for event, words in LIFE_EVENT_WORDS.items()}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def duration(seconds: int) -> str:
    """A length of time, rounded down to its largest unit.

    :param seconds: how long (0 or more).

        >>> [duration(s) for s in (5, 60, 7200, 200000)]
        ['less than a minute', '1 minute', '2 hours', '2 days']
    """
    if seconds < 60:
        return "less than a minute"
    if seconds < 3600:
        return _plural(seconds // 60, "minute")
    if seconds < 2 * 86400:
        return _plural(seconds // 3600, "hour")
    return _plural(seconds // 86400, "day")


def ago(seconds: int) -> str:
    """How long ago something happened: "just now", "5 minutes ago", "2 days ago".

    :param seconds: seconds since it happened (a clock slightly ahead on the kiosk gives a negative number).
    """
    return "just now" if seconds < 60 else f"{duration(seconds)} ago"


def uk_time(moment: dt.datetime, now: dt.datetime) -> str:
    """A UTC time as office staff read it: "09:59" today, "21 Nov 09:59" this year, else with the year.

    :param moment: naive UTC.
    :param now: naive UTC, to decide how much of the date to show.
    """
    try:
        local = moment.replace(tzinfo=dt.UTC).astimezone(UK)
        today = now.replace(tzinfo=dt.UTC).astimezone(UK)
    except (OverflowError, ValueError):  # the first or last day datetime holds has no UK time: show it as it is
        return f"{moment:%Y-%m-%d %H:%M} UTC"
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if local.year == today.year:
        return f"{local.day} {local:%b %H:%M}"
    return f"{local.day} {local:%b %Y %H:%M}"


def uk_date_time(moment: dt.datetime) -> str:
    """A UTC time in full, in UK time: "10:05 on Sunday 22 November 2026".

    :param moment: naive UTC.
    """
    try:
        local = moment.replace(tzinfo=dt.UTC).astimezone(UK)
    except (OverflowError, ValueError):
        return f"{moment:%H:%M} UTC on {moment:%A} {moment.day} {moment:%B %Y}"
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y}"


def day_label(day: dt.date, with_year: bool = False) -> str:
    """A day as "22 Nov" (or "22 Nov 2026").

    :param day: the day.
    :param with_year: add the year.
    """
    return f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def device_words(device: str, health: str) -> str:
    """A device problem in plain English: ("printer", "paper_out") → "printer out of paper".

    :param device: the heartbeat's device name ("card", "printer", "speech", ...).
    :param health: its health word.
    """
    known = _PROBLEMS.get((device, health))
    if known:
        return known
    return f"{_DEVICES.get(device, device)} {str(health).replace('_', ' ')}"


def device_name(device: str) -> str:
    """A device's name for staff: "card" → "card reader".

    :param device: the heartbeat's device name.
    """
    return _DEVICES.get(device, device)


def gigabytes(n: int) -> str:
    """Bytes as gigabytes with one decimal: 1_500_000_000 → "1.5 GB".

    :param n: bytes.
    """
    n = min(max(n, 0), 10**18)  # nothing stored may make a number too long to print
    tenths = (n + 50_000_000) // 100_000_000  # whole numbers: a float of a huge count would overflow
    return f"{tenths // 10}.{tenths % 10} GB"

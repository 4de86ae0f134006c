"""Usage counts: hourly counters from kiosks, added exactly once, and published only with small numbers hidden.

    status = record_usage(storage, kiosk, batch, now)      # "accepted" or "duplicate"
    office_stats(storage, "leeds", date(2026, 11, 1), date(2026, 11, 30))

A batch is a list of (hour, event, n) counters with a random ``batch_id``. Its id is stored in the same
transaction as its counts, so a kiosk that retries after a lost reply adds nothing twice. The shape holds no
person, no session and no free text: only event names from ``EVENTS``.

Published figures follow the "10-5 rule" statisticians use for small areas: a count below 10 is hidden
(``None``) and every other count is rounded to the nearest 5, so a rare choice at a small office cannot point
to one person.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, insert, select
from sqlalchemy.exc import IntegrityError

from sync.central.clock import day_span, parse_iso
from sync.career_events import CAREER_ACTIVITY, CAREERS, career_event
from sync.feedback_events import FEEDBACK_EVENTS
from sync.life_event_counts import life_event_counts
from sync.local_help import LOCAL_HELP_EVENTS
from sync.central.enrolment import KioskIdentity
from sync.central.schema import usage_batches, usage_counts
from sync.central.storage import Storage

#: What people did (the careers looked at among it: ``sync.career_events``); then the life events opened
#: (``sync.life_event_counts``); then "Was this useful?" answers and reasons (``sync.feedback_events``), in a fixed
#: order.
ACTIVITY_EVENTS = ("session_started", "search", "job_viewed", "job_saved", "job_sent_to_phone", "job_printed",
          "benefit_check_completed", "benefits_printed", "cv_made", "cv_printed", "cv_sent_to_phone", "language_en",
          "language_cy", "text_large", "high_contrast", "read_aloud", "reach_mode", "timeout_wipe",
          "assisted_session", *LOCAL_HELP_EVENTS, *CAREER_ACTIVITY, *(career_event(key) for key in CAREERS))
EVENTS = (*ACTIVITY_EVENTS, *life_event_counts(), *sorted(FEEDBACK_EVENTS))
#: Counts below this are hidden in published figures.
SUPPRESS_BELOW = 10
#: Published counts are rounded to a multiple of this.
ROUND_TO = 5
MAX_COUNTS = 5000
MAX_N = 1_000_000
_HOUR = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:00(:00)?(Z|\+00:00)$")


class BadUsage(ValueError):
    """A batch that cannot be counted; the message says what is wrong in plain English."""


@dataclass(frozen=True)
class UsageBatch:
    """A checked batch: its id and counts summed by (hour, event)."""

    batch_id: str
    counts: dict[tuple[dt.datetime, str], int]


def check_batch(body) -> UsageBatch:
    """Check a usage body ``{"batch_id", "counts": [{"hour", "event", "n"}]}``.

    :param body: the parsed JSON.
    :raises BadUsage: naming the first thing wrong.
    """
    if not isinstance(body, dict) or set(body) != {"batch_id", "counts"}:
        raise BadUsage("The body must have exactly batch_id and counts.")
    try:
        batch_id = str(uuid.UUID(str(body["batch_id"])))
    except ValueError:
        raise BadUsage("batch_id must be a UUID, like 0b6c4a1e-3f0e-4b59-9d1a-2f1f8e0c9a11.") from None
    counts = body["counts"]
    if not isinstance(counts, list) or len(counts) > MAX_COUNTS:
        raise BadUsage(f"counts must be a list of at most {MAX_COUNTS} counters.")
    summed: dict[tuple[dt.datetime, str], int] = defaultdict(int)
    for number, item in enumerate(counts, 1):
        where = f"Counter {number}"
        if not isinstance(item, dict) or set(item) != {"hour", "event", "n"}:
            raise BadUsage(f"{where} must have exactly hour, event and n.")
        if not isinstance(item["hour"], str) or not _HOUR.match(item["hour"]):
            raise BadUsage(f"{where}: hour must be a UTC hour on the hour, like 2026-11-22T10:00Z.")
        try:
            hour = parse_iso(item["hour"])
        except ValueError:
            raise BadUsage(f"{where}: hour must be a UTC hour on the hour in the years 2020 to 2100, like "
                           "2026-11-22T10:00Z.") from None
        if item["event"] not in EVENTS:
            raise BadUsage(f"{where}: event must be one of {', '.join(ACTIVITY_EVENTS)}, a life event "
                           "(life_event.<event>, life_event_check.<event> or life_event_printed.<event>) "
                           "or a feedback event "
                           "(feedback.<journey>.<answer or reason>.<en or cy>).")
        n = item["n"]
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_N:
            raise BadUsage(f"{where}: n must be a whole number from 0 to {MAX_N}.")
        summed[(hour, item["event"])] += n
    return UsageBatch(batch_id, dict(summed))


def record_usage(storage: Storage, kiosk: KioskIdentity, batch: UsageBatch, now: dt.datetime) -> str:
    """Add a batch's counts unless this kiosk sent the same batch before.

    :param storage: the database.
    :param kiosk: who sent it (counts go to its office too).
    :param batch: from ``check_batch``.
    :param now: the current time (UTC).
    :returns: "accepted" or "duplicate".
    """
    try:
        with storage.write() as conn:
            conn.execute(insert(usage_batches).values(kiosk_id=kiosk.kiosk_id, batch_id=batch.batch_id,
                                                      received_at=now))
            for (hour, event), n in batch.counts.items():
                conn.execute(storage.upsert(usage_counts, {"kiosk_id": kiosk.kiosk_id, "office_id": kiosk.office_id,
                                                           "hour": hour, "event": event, "n": n},
                                            keys=["kiosk_id", "hour", "event"], add=["n"]))
    except IntegrityError:
        # The batch id was there already: the whole transaction, counts included, was rolled back.
        return "duplicate"
    return "accepted"


def publishable(n: int) -> int | None:
    """A count as it may be published: None below ``SUPPRESS_BELOW``, else rounded to the nearest ``ROUND_TO``.

        >>> [publishable(n) for n in (0, 9, 10, 12, 13, 17, 18)]
        [None, None, 10, 10, 15, 15, 20]
    """
    if n < SUPPRESS_BELOW:
        return None
    return (n + ROUND_TO // 2) // ROUND_TO * ROUND_TO


def office_stats(storage: Storage, office_id: str | None, first: dt.date, last: dt.date) -> list[dict]:
    """Counts per office, UTC day and event from ``first`` to ``last`` inclusive, safe to publish.

    :param storage: the database.
    :param office_id: one office, or None for every office.
    :param first: the first day.
    :param last: the last day.
    """
    start, end = day_span(first, last)
    where = [usage_counts.c.hour >= start, usage_counts.c.hour < end]
    if office_id is not None:
        where.append(usage_counts.c.office_id == office_id)
    with storage.read() as conn:
        rows = conn.execute(select(usage_counts.c.office_id, usage_counts.c.hour, usage_counts.c.event,
                                   usage_counts.c.n).where(and_(*where))).all()
    # Summed by day here rather than in SQL: date functions differ between SQLite and PostgreSQL.
    days: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in rows:
        days[(row.office_id, row.hour.date().isoformat(), row.event)] += row.n
    return [{"office_id": office, "day": day, "event": event, "n": publishable(n)}
            for (office, day, event), n in sorted(days.items())]

"""Time for the central service: always UTC, stored naive, shown as ISO 8601 with a ``Z``.

    >>> import datetime as dt
    >>> iso(dt.datetime(2026, 11, 22, 10, 0, 5, 123))
    '2026-11-22T10:00:05Z'
    >>> parse_iso("2026-11-22T10:00Z")
    datetime.datetime(2026, 11, 22, 10, 0)

Times from callers must fall between ``EARLIEST`` and ``LATEST``: anything else is a broken clock or a hostile
peer, and such a time once stored would break every page that does arithmetic with it (year 1 in UK time is
before the start of ``datetime``).
"""

from __future__ import annotations

import datetime as dt

#: The earliest and latest times (naive UTC) the service accepts from a kiosk, a feed or a query.
EARLIEST = dt.datetime(2020, 1, 1)
LATEST = dt.datetime(2100, 12, 31, 23, 59, 59)


def now() -> dt.datetime:
    """The current time in UTC, naive (as stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as naive UTC; a naive value is taken to be UTC already.

    :param moment: any datetime.
    """
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def iso(moment: dt.datetime | None) -> str | None:
    """``2026-11-22T10:00:05Z`` (whole seconds), or None.

    :param moment: naive UTC or aware.
    """
    if moment is None:
        return None
    return utc(moment).replace(microsecond=0).isoformat() + "Z"


def in_range(moment: dt.datetime) -> bool:
    """Whether a naive UTC time is between ``EARLIEST`` and ``LATEST``.

    :param moment: naive UTC.
    """
    return EARLIEST <= moment <= LATEST


def parse_iso(text: str) -> dt.datetime:
    """Read an ISO 8601 time with ``Z`` or an offset, as naive UTC, between ``EARLIEST`` and ``LATEST``.

    :param text: e.g. ``2026-11-22T10:00Z`` or ``2026-11-22T10:00:00+00:00``.
    :raises ValueError: not such a time, no time zone given, or outside the years the service accepts.
    """
    if not isinstance(text, str) or len(text) > 40:
        raise ValueError("not a time")
    moment = dt.datetime.fromisoformat(text.strip().replace("z", "Z").replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    try:
        moment = utc(moment)
    except OverflowError:  # 0001-01-01T00:00+01:00 is before the first time datetime can hold
        raise ValueError("out of range") from None
    if not in_range(moment):
        raise ValueError("out of range")
    return moment


def day_span(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The naive-UTC start of ``first`` and of the day after ``last``: the half-open span of those days.

        >>> day_span(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        (datetime.datetime(2026, 11, 1, 0, 0), datetime.datetime(2026, 12, 1, 0, 0))
    """
    return dt.datetime.combine(first, dt.time()), dt.datetime.combine(last + dt.timedelta(days=1), dt.time())

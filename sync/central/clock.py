"""Time for the central service: always UTC, stored naive, shown as ISO 8601 with a ``Z``.

    >>> import datetime as dt
    >>> iso(dt.datetime(2026, 11, 22, 10, 0, 5, 123))
    '2026-11-22T10:00:05Z'
    >>> parse_iso("2026-11-22T10:00Z")
    datetime.datetime(2026, 11, 22, 10, 0)
"""

from __future__ import annotations

import datetime as dt


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


def parse_iso(text: str) -> dt.datetime:
    """Read an ISO 8601 time with ``Z`` or an offset, as naive UTC.

    :param text: e.g. ``2026-11-22T10:00Z`` or ``2026-11-22T10:00:00+00:00``.
    :raises ValueError: not such a time, or no time zone given.
    """
    if not isinstance(text, str):
        raise ValueError("not a time")
    moment = dt.datetime.fromisoformat(text.strip().replace("z", "Z").replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    return utc(moment)

"""Help requests: "Ask a member of staff for help" touched at a kiosk, shown to the office's staff until answered.

    request = ask_for_help(storage, kiosk, "benefits", now)     # {"request_id": ..., "status": "open", ...}
    open_requests(storage, "leeds", now)                         # the office's unanswered requests, oldest first
    mark_done(storage, request["request_id"], "dashboard", now)  # from the dashboard; "staff_card" from the kiosk
    help_stats(storage, "leeds", first_day, last_day)            # requests and waits per office and day

A request holds no person: the kiosk, its office, the part of the kiosk in use (``AREAS``) and the times. A kiosk
has at most one open request: asking again while one is open gives back the same one (the person touched the
button twice, or the kiosk retried after a lost reply), so the staff list never fills with repeats. A request
nobody answers within ``EXPIRE_AFTER`` closes itself as "expired": by then the kiosk has long told the person to go
to the front desk, and the person has gone.
"""

from __future__ import annotations

import datetime as dt
import statistics
import uuid
from collections import defaultdict

from sqlalchemy import and_, insert, select, update

from sync.central.clock import day_span, iso
from sync.central.enrolment import KioskIdentity
from sync.central.schema import help_requests, kiosks
from sync.central.storage import Storage

#: The parts of the kiosk a request can come from.
AREAS = ("home", "jobs", "benefits", "cv", "other")
#: Who or what closed a request: staff on the dashboard, a staff card at the kiosk, the kiosk (the person finished
#: or the screen was wiped), or nobody in time.
DONE_BY = ("dashboard", "staff_card", "cancelled", "expired")
#: An open request older than this closes itself.
EXPIRE_AFTER = dt.timedelta(hours=2)


class UnknownRequest(LookupError):
    """No such request for this kiosk or office."""


def _expire(conn, now: dt.datetime) -> None:
    conn.execute(update(help_requests).where(and_(help_requests.c.done_at.is_(None),
                                                  help_requests.c.asked_at < now - EXPIRE_AFTER))
                 .values(done_at=now, done_by="expired"))


def _as_dict(row, now: dt.datetime) -> dict:
    end = row.done_at or now
    return {"request_id": row.request_id, "kiosk_id": row.kiosk_id, "office_id": row.office_id, "area": row.area,
            "status": "open" if row.done_at is None else "done", "asked_at": iso(row.asked_at),
            "done_at": iso(row.done_at), "done_by": row.done_by,
            "waited_s": max(0, int((end - row.asked_at).total_seconds()))}


def ask_for_help(storage: Storage, kiosk: KioskIdentity, area: str, now: dt.datetime) -> tuple[dict, bool]:
    """Open a help request for ``kiosk``, or give back the one it has open already.

    :param storage: the database.
    :param kiosk: the authenticated kiosk.
    :param area: one of ``AREAS`` (checked by the caller's model).
    :param now: the current time (UTC).
    :returns: the request, and True if it is new.
    """
    with storage.write() as conn:
        _expire(conn, now)
        row = conn.execute(select(help_requests).where(and_(help_requests.c.kiosk_id == kiosk.kiosk_id,
                                                            help_requests.c.done_at.is_(None)))).first()
        if row is not None:
            return _as_dict(row, now), False
        request_id = str(uuid.uuid4())
        conn.execute(insert(help_requests).values(request_id=request_id, kiosk_id=kiosk.kiosk_id,
                                                  office_id=kiosk.office_id, area=area, asked_at=now))
        row = conn.execute(select(help_requests).where(help_requests.c.request_id == request_id)).one()
        return _as_dict(row, now), True


def kiosk_request(storage: Storage, kiosk_id: str, request_id: str, now: dt.datetime) -> dict:
    """One of a kiosk's own requests, as it is now.

    :raises UnknownRequest: not this kiosk's, or no such request.
    """
    with storage.write() as conn:
        _expire(conn, now)
        row = conn.execute(select(help_requests).where(and_(help_requests.c.request_id == request_id,
                                                            help_requests.c.kiosk_id == kiosk_id))).first()
    if row is None:
        raise UnknownRequest(request_id)
    return _as_dict(row, now)


def mark_done(storage: Storage, request_id: str, by: str, now: dt.datetime, *, kiosk_id: str | None = None) -> dict:
    """Close a request (closing one already closed changes nothing, so a retry or two staff at once are fine).

    :param storage: the database.
    :param request_id: the request.
    :param by: one of ``DONE_BY``.
    :param now: the current time (UTC).
    :param kiosk_id: when a kiosk asks, its id: it may only close its own requests.
    :raises UnknownRequest: no such request (or not this kiosk's).
    """
    where = help_requests.c.request_id == request_id
    if kiosk_id is not None:
        where = and_(where, help_requests.c.kiosk_id == kiosk_id)
    with storage.write() as conn:
        conn.execute(update(help_requests).where(and_(where, help_requests.c.done_at.is_(None)))
                     .values(done_at=now, done_by=by))
        row = conn.execute(select(help_requests).where(where)).first()
    if row is None:
        raise UnknownRequest(request_id)
    return _as_dict(row, now)


def open_requests(storage: Storage, office_id: str | None, now: dt.datetime, limit: int = 200) -> list[dict]:
    """The unanswered requests, oldest first, each with its kiosk's name and how long it has waited.

    :param storage: the database.
    :param office_id: one office, or None for every office.
    :param now: the current time (UTC).
    :param limit: at most this many (a page cannot usefully show more).
    """
    query = (select(help_requests, kiosks.c.name.label("kiosk_name"))
             .join(kiosks, kiosks.c.kiosk_id == help_requests.c.kiosk_id)
             .where(help_requests.c.done_at.is_(None), help_requests.c.asked_at >= now - EXPIRE_AFTER)
             .order_by(help_requests.c.asked_at, help_requests.c.request_id).limit(limit))
    if office_id:
        query = query.where(help_requests.c.office_id == office_id)
    with storage.read() as conn:
        rows = conn.execute(query).all()
    return [{**_as_dict(row, now), "kiosk_name": row.kiosk_name} for row in rows]


def help_stats(storage: Storage, office_id: str | None, first: dt.date, last: dt.date) -> list[dict]:
    """Requests per office and UTC day: how many, how many staff answered, and the median wait of those answered.

    For the office's own staff on the dashboard (not published: these are counts of their own work).

    :param storage: the database.
    :param office_id: one office, or None for every office.
    :param first: the first day.
    :param last: the last day.
    """
    start, end = day_span(first, last)
    query = select(help_requests).where(help_requests.c.asked_at >= start, help_requests.c.asked_at < end)
    if office_id:
        query = query.where(help_requests.c.office_id == office_id)
    days: dict[tuple[str, dt.date], dict] = defaultdict(lambda: {"requests": 0, "answered": 0, "waits": []})
    with storage.read() as conn:
        for row in conn.execute(query):
            day = days[(row.office_id, row.asked_at.date())]
            day["requests"] += 1
            if row.done_by in ("dashboard", "staff_card"):
                day["answered"] += 1
                day["waits"].append((row.done_at - row.asked_at).total_seconds())
    return [{"office_id": office, "day": day.isoformat(), "requests": figures["requests"],
             "answered": figures["answered"],
             "median_wait_s": int(statistics.median(figures["waits"])) if figures["waits"] else None}
            for (office, day), figures in sorted(days.items())]

"""Open data: the service's anonymised statistics by office and month, as CSV and JSON, under the Open Government
Licence.

    publish_due_months(storage, now)              # freezes every month that ended at least GRACE ago
    rows = published_rows(storage, "usage")       # every frozen month's rows, oldest first
    write_export(storage, folder, now)            # usage.csv/.json, help_requests.csv/.json, datapackage.json

Three datasets: ``usage`` (office, month, usage event, count), ``feedback`` ("Was this useful?": office, month,
journey, language, answer, reason, count) and ``help_requests`` (office, month, requests, how
many staff answered, the median wait of those answered). Every count goes through the same "10-5 rule" as the
dashboard (``sync.central.usage.publishable``: under 10 hidden, the rest rounded to 5), and a median wait is given
only when at least 10 requests were answered.

Hidden counts must stay hidden across exports too. Were a month's figures worked out afresh at each export, a
kiosk's late counts (sent after weeks offline) could move a cell from hidden to 10, and the difference between two
exports would give the hidden count away. So a month is published once, ``GRACE`` after it ends (time for
offline kiosks to send what they kept), stored as it was published, and never worked out again: every later
export repeats it exactly. No totals across offices or events are published, so no cell can be found by
subtracting others from a total.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import statistics
from collections import defaultdict
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from sync.central.schema import help_requests, offices, open_data_months, usage_counts
from sync.central.storage import Storage
from sync.central.usage import ROUND_TO, SUPPRESS_BELOW, publishable
from sync.feedback_events import FEEDBACK_EVENTS, parse_feedback

#: How long after a month ends its figures are published: kiosks that were offline send their counts late.
GRACE = dt.timedelta(days=14)
LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
#: Each dataset's columns, with what each means (the datapackage.json schema and the documentation).
FIELDS = {
    "usage": [
        ("office_id", "string", "The office's id on the central service."),
        ("office_name", "string", "The office's name."),
        ("month", "string", "The calendar month (UTC), YYYY-MM."),
        ("event", "string", "What people did: one of the kiosk's usage events (sessions started, job searches ...)."),
        ("count", "integer", f"How many times, rounded to the nearest {ROUND_TO}; empty when fewer than "
                             f"{SUPPRESS_BELOW}."),
    ],
    "feedback": [
        ("office_id", "string", "The office's id on the central service."),
        ("office_name", "string", "The office's name."),
        ("month", "string", "The calendar month (UTC), YYYY-MM."),
        ("journey", "string", "Where \"Was this useful?\" was asked: jobs, benefits, cv, life_event or careers."),
        ("language", "string", "The kiosk's language then: en (English) or cy (Welsh)."),
        ("answer", "string", "yes or no."),
        ("reason", "string", "Empty for the answer itself; else the reason touched after it (easy, found_it, "
                             "saved_time, hard_to_use, not_found, hard_words, too_slow)."),
        ("count", "integer", f"How many, rounded to the nearest {ROUND_TO}; empty when fewer than {SUPPRESS_BELOW}."),
    ],
    "help_requests": [
        ("office_id", "string", "The office's id on the central service."),
        ("office_name", "string", "The office's name."),
        ("month", "string", "The calendar month (UTC), YYYY-MM."),
        ("requests", "integer", f"Requests for help from a member of staff, rounded to the nearest {ROUND_TO}; "
                                f"empty when fewer than {SUPPRESS_BELOW}."),
        ("answered", "integer", "Of those, answered by staff (on the dashboard or with a staff card at the kiosk), "
                                "rounded and hidden the same way."),
        ("median_wait_minutes", "integer", f"The median wait of the answered requests in whole minutes; empty when "
                                           f"fewer than {SUPPRESS_BELOW} were answered."),
    ],
}
DATASETS = tuple(FIELDS)


def _month_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, 1)


def _next_month(start: dt.datetime) -> dt.datetime:
    return dt.datetime(start.year + start.month // 12, start.month % 12 + 1, 1)


def _usage_rows(conn, start: dt.datetime, end: dt.datetime, names: dict[str, str]) -> list[dict]:
    sums: dict[tuple[str, str], int] = defaultdict(int)
    query = select(usage_counts.c.office_id, usage_counts.c.event, usage_counts.c.n).where(
        usage_counts.c.hour >= start, usage_counts.c.hour < end)
    for row in conn.execute(query):
        if row.event not in FEEDBACK_EVENTS:  # feedback has a dataset of its own
            sums[(row.office_id, row.event)] += row.n
    month = start.strftime("%Y-%m")
    return [{"office_id": office, "office_name": names.get(office, office), "month": month, "event": event,
             "count": publishable(n)} for (office, event), n in sorted(sums.items()) if n > 0]


def _feedback_rows(conn, start: dt.datetime, end: dt.datetime, names: dict[str, str]) -> list[dict]:
    sums: dict[tuple, int] = defaultdict(int)
    query = select(usage_counts.c.office_id, usage_counts.c.event, usage_counts.c.n).where(
        usage_counts.c.hour >= start, usage_counts.c.hour < end, usage_counts.c.event.in_(FEEDBACK_EVENTS))
    for row in conn.execute(query):
        parts = parse_feedback(row.event)
        if parts is not None:
            sums[(row.office_id, parts["journey"], parts["language"], parts["answer"], parts["reason"])] += row.n
    month = start.strftime("%Y-%m")
    return [{"office_id": office, "office_name": names.get(office, office), "month": month, "journey": journey,
             "language": language, "answer": answer, "reason": reason, "count": publishable(n)}
            for (office, journey, language, answer, reason), n in sorted(sums.items()) if n > 0]


def _help_rows(conn, start: dt.datetime, end: dt.datetime, names: dict[str, str]) -> list[dict]:
    asked: dict[str, int] = defaultdict(int)
    waits: dict[str, list[float]] = defaultdict(list)
    query = select(help_requests).where(help_requests.c.asked_at >= start, help_requests.c.asked_at < end)
    for row in conn.execute(query):
        asked[row.office_id] += 1
        if row.done_by in ("dashboard", "staff_card"):
            waits[row.office_id].append((row.done_at - row.asked_at).total_seconds())
    month = start.strftime("%Y-%m")
    rows = []
    for office in sorted(asked):
        answered = waits[office]
        median = int(statistics.median(answered) // 60) if len(answered) >= SUPPRESS_BELOW else None
        rows.append({"office_id": office, "office_name": names.get(office, office), "month": month,
                     "requests": publishable(asked[office]), "answered": publishable(len(answered)),
                     "median_wait_minutes": median})
    return rows


_BUILDERS = {"usage": _usage_rows, "feedback": _feedback_rows, "help_requests": _help_rows}


def publish_due_months(storage: Storage, now: dt.datetime) -> list[tuple[str, str]]:
    """Freeze the figures of every month that ended at least ``GRACE`` ago and is not published yet.

    :param storage: the database.
    :param now: the current time (UTC).
    :returns: the (dataset, month) pairs published now.
    """
    done: list[tuple[str, str]] = []
    try:
        with storage.write() as conn:
            _publish(conn, now, done)
    except IntegrityError:  # another server process published the same month first: its figures stand
        return []
    return done


def _publish(conn, now: dt.datetime, done: list[tuple[str, str]]) -> None:
    first_times = [conn.execute(select(usage_counts.c.hour).order_by(usage_counts.c.hour).limit(1)).scalar(),
                   conn.execute(select(help_requests.c.asked_at).order_by(help_requests.c.asked_at)
                                .limit(1)).scalar()]
    firsts = [moment for moment in first_times if moment is not None]
    if not firsts:
        return
    published = {(row.dataset, row.month) for row in conn.execute(
        select(open_data_months.c.dataset, open_data_months.c.month))}
    names = dict(conn.execute(select(offices.c.office_id, offices.c.name)).all())
    start = _month_start(min(firsts).date())
    while _next_month(start) + GRACE <= now:
        end, month = _next_month(start), start.strftime("%Y-%m")
        for dataset in DATASETS:
            if (dataset, month) not in published:
                rows = _BUILDERS[dataset](conn, start, end, names)
                conn.execute(insert(open_data_months).values(dataset=dataset, month=month, published_at=now,
                                                             rows=json.dumps(rows, separators=(",", ":"))))
                done.append((dataset, month))
        start = end


def published_rows(storage: Storage, dataset: str) -> list[dict]:
    """Every published month's rows of a dataset, oldest month first, exactly as first published.

    :param storage: the database.
    :param dataset: one of ``DATASETS``.
    """
    if dataset not in FIELDS:
        raise ValueError(f"no open dataset called {dataset!r}")
    with storage.read() as conn:
        months = conn.execute(select(open_data_months.c.rows).where(open_data_months.c.dataset == dataset)
                              .order_by(open_data_months.c.month)).scalars().all()
    return [row for text in months for row in json.loads(text)]


def as_csv(dataset: str, rows: list[dict]) -> str:
    """Rows as CSV with a header line; a hidden count is an empty cell.

    :param dataset: one of ``DATASETS`` (its columns, in order).
    :param rows: from ``published_rows``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = [name for name, _kind, _about in FIELDS[dataset]]
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[column] is None else row[column] for column in columns])
    return out.getvalue()


def as_json(dataset: str, rows: list[dict]) -> str:
    """Rows as a JSON document with the licence and the rule hiding small counts.

    :param dataset: one of ``DATASETS``.
    :param rows: from ``published_rows``.
    """
    return json.dumps({"dataset": dataset, "licence": LICENCE, "suppressed_below": SUPPRESS_BELOW,
                       "rounded_to": ROUND_TO, "rows": rows}, ensure_ascii=False, indent=1)


def datapackage(base_url: str = "") -> dict:
    """The datasets described as a Frictionless Data Package: each file, its columns and the licence.

    :param base_url: where the files are published ("" for files side by side).
    """
    prefix = base_url.rstrip("/") + "/" if base_url else ""
    return {"name": "jobpoint-kiosk-statistics", "title": "Jobpoint kiosk statistics by office and month",
            "licenses": [LICENCE],
            "description": f"Anonymised counts from Jobcentre self-service kiosks. Counts under {SUPPRESS_BELOW} "
                           f"are left empty and the rest rounded to the nearest {ROUND_TO}. A month is published "
                           f"{GRACE.days} days after it ends and never changed afterwards.",
            "resources": [{"name": dataset, "path": f"{prefix}{dataset}.csv", "format": "csv",
                           "mediatype": "text/csv", "encoding": "utf-8",
                           "schema": {"fields": [{"name": name, "type": kind, "description": about}
                                                 for name, kind, about in FIELDS[dataset]],
                                      "missingValues": [""]}}
                          for dataset in DATASETS]}


def write_export(storage: Storage, folder: Path, now: dt.datetime) -> list[Path]:
    """Publish the months now due, then write every dataset as CSV and JSON, and datapackage.json, to ``folder``.

    :param storage: the database.
    :param folder: where to write (made if missing).
    :param now: the current time (UTC).
    :returns: the files written.
    """
    publish_due_months(storage, now)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for dataset in DATASETS:
        rows = published_rows(storage, dataset)
        for suffix, text in (("csv", as_csv(dataset, rows)), ("json", as_json(dataset, rows))):
            path = folder / f"{dataset}.{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    path = folder / "datapackage.json"
    path.write_text(json.dumps(datapackage(), indent=1), encoding="utf-8")
    return [*written, path]

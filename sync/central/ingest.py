"""``kiosk-central ingest FILE.jsonl``: read a JSON Lines file of schema.org JobPostings into the vacancy feed.

    result = ingest_file(storage, Path("vacancies.jsonl"), now, full=False, places=load_places())
    print(result.report())

Each line is mapped (``sync.central.jobposting``) and then checked by the kiosk's own
``kiosk.jobs.vacancies.check_vacancy``, so nothing reaches a kiosk that the kiosk would refuse. A bad line is refused
with its line number and the reason, and the rest are kept. Without ``full`` a vacancy missing from the file is
left as it is (the file may hold only today's new and changed jobs); with ``full`` the file is the complete list,
and vacancies missing from it are withdrawn (tombstones). Everything is applied in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.jobs.vacancies import BadVacancy, check_vacancy
from sync.central.feed import ApplySummary, apply_vacancies, expire_and_purge
from sync.central.jobposting import BadPosting, from_job_posting, posting_id
from sync.central.storage import Storage

#: Refused lines listed in full in the report; the rest are only counted.
SHOWN_REFUSALS = 50


@dataclass
class IngestResult:
    """What an ingest read, kept, refused and changed."""

    lines: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)
    applied: ApplySummary = field(default_factory=ApplySummary)
    expired: int = 0

    def report(self) -> str:
        """A plain-English summary, refused lines first."""
        out = [f"line {number}: {reason}" for number, reason in self.refused[:SHOWN_REFUSALS]]
        if len(self.refused) > SHOWN_REFUSALS:
            out.append(f"... and {len(self.refused) - SHOWN_REFUSALS:,} more refused lines.")
        a = self.applied
        out.append(f"Read {self.lines:,} lines: {a.added:,} new, {a.updated:,} changed, {a.unchanged:,} unchanged, "
                   f"{a.withdrawn:,} withdrawn, {a.closed:,} already closed, {len(self.refused):,} refused; "
                   f"{self.expired:,} reached their closing date.")
        return "\n".join(out)


def read_postings(path: Path, result: IngestResult, listed: set[str], places=None) -> Iterator[dict]:
    """Yield each good line as a checked vacancy; note refused lines in ``result``.

    :param path: the JSON Lines file.
    :param result: collects the line count and refusals.
    :param listed: collects every identifier seen, refused or not.
    :param places: ``kiosk.jobs.places.Places`` for positions from postcode districts, or None.
    """
    first_line: dict[str, int] = {}
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            result.lines += 1
            try:
                posting = json.loads(line)
            except ValueError:
                result.refused.append((number, "not valid JSON"))
                continue
            ident = posting_id(posting)
            if ident is not None:
                listed.add(ident)
                if ident in first_line:
                    result.refused.append((number, f"the same identifier as line {first_line[ident]}"))
                    continue
                first_line[ident] = number
            try:
                record = check_vacancy(from_job_posting(posting, places))
            except (BadPosting, BadVacancy) as error:
                result.refused.append((number, str(error)))
                continue
            yield record


def ingest_file(storage: Storage, path: Path, now: dt.datetime, full: bool = False, places=None,
                tombstone_days: int = 30) -> IngestResult:
    """Read a JSON Lines file of JobPostings into the feed; then expire closed vacancies and old tombstones.

    :param storage: the database.
    :param path: the file.
    :param now: the current time (UTC).
    :param full: the file is the complete list: withdraw vacancies missing from it.
    :param places: ``kiosk.jobs.places.Places``, or None.
    :param tombstone_days: how long tombstones are kept.
    :raises OSError: the file cannot be read.
    """
    result = IngestResult()
    listed: set[str] = set()
    records = read_postings(path, result, listed, places)
    if full:
        # A full ingest must know every listed id (refused ones included) before it withdraws anything.
        records = list(records)
    result.applied = apply_vacancies(storage, records, now, full=full, still_listed=listed)
    result.expired, _forgotten = expire_and_purge(storage, now, tombstone_days)
    return result

"""``kiosk-central ingest FILE.jsonl``: read a JSON Lines file of schema.org JobPostings into the vacancy feed.

    result = ingest_file(storage, Path("vacancies.jsonl"), now, full=False, places=load_places())
    print(result.report())

Each line is mapped (``sync.central.jobposting``) and then checked by the kiosk's own
``kiosk.jobs.vacancies.check_vacancy``, so nothing reaches a kiosk that the kiosk would refuse. A bad line is refused
with its line number and the reason, and the rest are kept; the report counts the refusals by reason. Lines over
``MAX_LINE_CHARS`` are refused unread, and descriptions are cut before their HTML is parsed (``jobposting``).
Without ``full`` a vacancy missing from the file is left as it is (the file may hold only today's new and changed
jobs); with ``full`` the file is the complete list, and vacancies missing from it are withdrawn (tombstones).
Everything is applied in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.jobs.vacancies import BadVacancy, check_vacancy
from kiosk.logs import crash_report
from sync.central.feed import ApplySummary, apply_vacancies, expire_and_purge, vacancy_json
from sync.central.jobposting import BadPosting, from_job_posting, posting_id
from sync.central.storage import Storage

#: Refused lines listed in full in the report; the rest are only counted.
SHOWN_REFUSALS = 50
#: Refused lines remembered with their reasons (a file of a million bad lines must not fill memory).
KEPT_REFUSALS = 1000
#: The longest line read; a longer one is refused unread (the largest real JobPosting is a few tens of KB).
MAX_LINE_CHARS = 2_000_000
#: Reasons listed, most common first, in the report.
SHOWN_REASONS = 10

log = logging.getLogger("jobpoint.central")


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


@dataclass
class IngestResult:
    """What an ingest read, kept, refused (each line with its reason, and a count of each reason) and changed."""

    lines: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)
    refused_count: int = 0
    reasons: Counter = field(default_factory=Counter)
    applied: ApplySummary = field(default_factory=ApplySummary)
    expired: int = 0

    def refuse(self, number: int, reason: str, kind: str | None = None) -> None:
        """Note a refused line.

        :param number: its line number.
        :param reason: why, in plain words.
        :param kind: the reason without the line's own values, for counting (default: ``reason`` up to ", not").
        """
        self.refused_count += 1
        self.reasons[kind or reason.split(", not ")[0]] += 1
        if len(self.refused) < KEPT_REFUSALS:
            self.refused.append((number, reason))

    def report(self) -> str:
        """A plain-English summary, refused lines first."""
        out = [f"line {number}: {reason}" for number, reason in self.refused[:SHOWN_REFUSALS]]
        if self.refused_count > SHOWN_REFUSALS:
            out.append(f"... and {self.refused_count - SHOWN_REFUSALS:,} more refused lines.")
        if self.reasons:
            common = self.reasons.most_common(SHOWN_REASONS)
            out.append("Refused, by reason: " + "; ".join(f"{n:,} {kind}" for kind, n in common)
                       + ("; and others." if len(self.reasons) > SHOWN_REASONS else "."))
        a = self.applied
        out.append(f"Read {self.lines:,} lines: {a.added:,} new, {a.updated:,} changed, {a.unchanged:,} unchanged, "
                   f"{a.withdrawn:,} withdrawn, {a.closed:,} already closed, {self.refused_count:,} refused; "
                   f"{self.expired:,} reached their closing date.")
        return "\n".join(out)


def _lines(handle) -> Iterator[tuple[int, str | None]]:
    # (number, line), or (number, None) for a line longer than MAX_LINE_CHARS, whose rest is skipped unkept.
    number = 0
    while True:
        line = handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while (rest := handle.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
                pass
            yield number, None
            continue
        yield number, line


def _parse(line: str) -> Any:
    try:
        # NaN and Infinity are Python's extension, not JSON: a number no vacancy field can use.
        return json.loads(line, parse_constant=_no_constant)
    except RecursionError:
        raise BadPosting("the line is nested too deeply to be a JobPosting") from None
    except ValueError:
        raise BadPosting("not valid JSON") from None


def _vacancy(posting: Any, places) -> dict:
    record = check_vacancy(from_job_posting(posting, places))
    try:
        vacancy_json(record).encode("utf-8")
    except UnicodeEncodeError:  # "\ud800" is valid JSON but no valid text: it cannot be stored or sent on
        raise BadPosting("the text holds a lone surrogate (\\ud800 to \\udfff), which is not valid Unicode") from None
    return record


def read_postings(path: Path, result: IngestResult, listed: set[str], places=None) -> Iterator[dict]:
    """Yield each good line as a checked vacancy; note refused lines, each with its reason, in ``result``.

    Each line is accepted or refused on its own: nothing in one line (bad JSON, NaN, deep nesting, a lone
    surrogate, a value no check foresaw) stops the lines after it.

    :param path: the JSON Lines file.
    :param result: collects the line count and refusals.
    :param listed: collects every identifier seen, refused or not.
    :param places: ``kiosk.jobs.places.Places`` for positions from postcode districts, or None.
    """
    first_line: dict[str, int] = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in _lines(handle):
            if line is not None and not line.strip():
                continue
            result.lines += 1
            if line is None:
                result.refuse(number, f"the line is longer than {MAX_LINE_CHARS:,} characters")
                continue
            try:
                posting = _parse(line)
                ident = posting_id(posting)
                if ident is not None:
                    listed.add(ident)
                    if ident in first_line:
                        result.refuse(number, f"the same identifier as line {first_line[ident]}",
                                      "the same identifier as an earlier line")
                        continue
                    first_line[ident] = number
                record = _vacancy(posting, places)
            except (BadPosting, BadVacancy) as error:
                result.refuse(number, str(error))
                continue
            except Exception as error:  # noqa: BLE001  (a check missed something: refuse this line, keep going)
                log.error("ingest line %d failed:\n%s", number, crash_report(error))
                result.refuse(number, f"the line could not be read ({type(error).__name__})",
                              "the line could not be read")
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

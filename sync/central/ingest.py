"""``kiosk-central ingest``: read schema.org JobPostings into the vacancy feed, as employers publish them.

    result = ingest_file(storage, Path("vacancies.jsonl"), now, full=False, places=load_places())
    result = ingest_file(storage, Path("job.html"), now, page_url="https://jobs.example.org/1")
    result = ingest_sitemap(storage, "https://jobs.example.org/sitemap.xml", now, reader=PageReader())
    print(result.report())

Three sources: a JSON Lines file (one JobPosting a line), a web page saved as a file, and an employer's sitemap of
job pages, each page fetched and its JSON-LD read (``sync.central.jsonld``, ``sync.central.sitemap``).

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
import itertools
import json
import logging
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.jobs.vacancies import BadVacancy, check_vacancy
from kiosk.logs import crash_report
from sync.central.feed import ApplySummary, apply_vacancies, expire_and_purge, vacancy_json
from sync.central.ingest_workers import map_postings
from sync.central.jobposting import BadPosting, from_job_posting, posting_id
from sync.central.jsonld import MAX_PAGE_CHARS, postings_in_html
from sync.central.sitemap import PageError, PageReader, sitemap_pages
from sync.central.storage import Storage

#: Refused lines listed in full in the report; the rest are only counted.
SHOWN_REFUSALS = 50
#: Refused lines remembered with their reasons (a file of a million bad lines must not fill memory).
KEPT_REFUSALS = 1000
#: The longest line read; a longer one is refused unread (the largest real JobPosting is a few tens of KB).
MAX_LINE_CHARS = 2_000_000
#: Reasons listed, most common first, in the report.
SHOWN_REASONS = 10
#: A JSON Lines file this big or bigger (about 2,000 postings) is mapped in one worker process per core.
PARALLEL_FROM_BYTES = 4_000_000

log = logging.getLogger("jobpoint.central")


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


@dataclass
class IngestResult:
    """What an ingest read, kept, refused (each line with its reason, and a count of each reason) and changed."""

    lines: int = 0
    #: (where, reason): a line number, or a page's address (with which posting on it).
    refused: list[tuple[int | str, str]] = field(default_factory=list)
    refused_count: int = 0
    reasons: Counter = field(default_factory=Counter)
    #: Refusals by rule (``sync.central.jobposting.RULES``).
    rules: Counter = field(default_factory=Counter)
    applied: ApplySummary = field(default_factory=ApplySummary)
    expired: int = 0
    #: Sitemaps skipped and other things the report should say.
    problems: list[str] = field(default_factory=list)

    def refuse(self, where: int | str, reason: str, kind: str | None = None, rule: str = "bad-value") -> None:
        """Note a refused line or posting.

        :param where: its line number, or its page.
        :param reason: why, in plain words.
        :param kind: the reason without the line's own values, for counting (default: ``reason`` up to ", not").
        :param rule: the rule it broke.
        """
        self.refused_count += 1
        self.reasons[kind or reason.split(", not ")[0]] += 1
        self.rules[rule] += 1
        if len(self.refused) < KEPT_REFUSALS:
            self.refused.append((where, f"{reason} (rule {rule})"))

    def report(self) -> str:
        """A plain-English summary, refused lines first."""
        out = [f"{f'line {where}' if isinstance(where, int) else where}: {reason}"
               for where, reason in self.refused[:SHOWN_REFUSALS]]
        if self.refused_count > SHOWN_REFUSALS:
            out.append(f"... and {self.refused_count - SHOWN_REFUSALS:,} more refused.")
        out += self.problems[:SHOWN_REFUSALS]
        if self.reasons:
            common = self.reasons.most_common(SHOWN_REASONS)
            out.append("Refused, by reason: " + "; ".join(f"{n:,} {kind}" for kind, n in common)
                       + ("; and others." if len(self.reasons) > SHOWN_REASONS else "."))
            out.append("Refused, by rule: " + "; ".join(f"{n:,} {rule}" for rule, n in self.rules.most_common())
                       + ".")
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
        raise BadPosting("the line is nested too deeply to be a JobPosting", "unreadable") from None
    except ValueError:
        raise BadPosting("not valid JSON", "unreadable") from None


def _rule_of(error: BadVacancy) -> str:
    # The kiosk's own check speaks of its fields; name the rule as the ingest's refusals do.
    text = str(error)
    if text.startswith("there is no way to apply"):
        return "no-way-to-apply"
    if text.endswith(" is missing"):
        return "missing-field"
    return "bad-value"


def _vacancy(posting: Any, places, page_url: str | None = None) -> dict:
    record = check_vacancy(from_job_posting(posting, places, page_url))
    try:
        vacancy_json(record).encode("utf-8")
    except UnicodeEncodeError:  # "\ud800" is valid JSON but no valid text: it cannot be stored or sent on
        raise BadPosting("the text holds a lone surrogate (\\ud800 to \\udfff), which is not valid Unicode",
                         "unreadable") from None
    return record


@dataclass(frozen=True)
class Unparsed:
    """A line of a JSON Lines file not parsed yet: parsed where it is mapped (in a worker process, for a big file)."""

    text: str


#: One posting to read: where it is (a line number, or a page and which posting on it), the posting (parsed, as an
#: ``Unparsed`` line, or why it could not be read), and the page it came from (None for a JSON Lines file).
Item = tuple[int | str, Any, str | None]


@dataclass(frozen=True)
class Mapped:
    """One posting read: where it was, its identifier if one can be read, and its vacancy or why it was refused.

    :param crash: for a posting no check foresaw, the crash report to log.
    """

    where: int | str
    ident: str | None
    record: dict | None = None
    reason: str = ""
    kind: str | None = None
    rule: str = ""
    crash: str | None = None


def map_posting(item: Item, places=None) -> Mapped:
    """Parse (if need be), map and check one posting; never raises for anything the posting holds.

    :param item: the posting, as ``Item``.
    :param places: ``kiosk.jobs.places.Places``, or None.
    """
    where, posting, page_url = item
    ident = None
    try:
        if isinstance(posting, Unparsed):
            posting = _parse(posting.text)
        if isinstance(posting, BadPosting):
            raise posting
        ident = posting_id(posting, page_url)
        return Mapped(where, ident, _vacancy(posting, places, page_url))
    except BadPosting as error:
        return Mapped(where, ident, reason=str(error), rule=error.rule)
    except BadVacancy as error:
        return Mapped(where, ident, reason=str(error), rule=_rule_of(error))
    except Exception as error:  # noqa: BLE001  (a check missed something: refuse this one, keep going)
        return Mapped(where, ident, reason=f"the posting could not be read ({type(error).__name__})",
                      kind="the posting could not be read", rule="unreadable", crash=crash_report(error))


def checked_vacancies(items: Iterator[Item], result: IngestResult, listed: set[str], places=None,
                      workers: int = 1) -> Iterator[dict]:
    """Yield each good posting as a checked vacancy; note the refused ones, each with its reason, in ``result``.

    Each posting is accepted or refused on its own: nothing in one (bad JSON, NaN, deep nesting, a lone surrogate, a
    value no check foresaw) stops the ones after it. The same identifier twice keeps the first (and refuses the
    second whatever else is wrong with it).

    :param items: the postings, as ``Item``.
    :param result: collects the count and refusals.
    :param listed: collects every identifier seen, refused or not.
    :param places: ``kiosk.jobs.places.Places`` for positions from postcode districts and towns, or None.
    :param workers: processes to map postings in (``sync.central.ingest_workers``); 1 maps them here.
    """
    first_seen: dict[str, int | str] = {}
    for mapped in map_postings(items, places, workers, map_posting):
        result.lines += 1
        where = mapped.where
        if mapped.ident is not None:
            listed.add(mapped.ident)
            if mapped.ident in first_seen:
                earlier = first_seen[mapped.ident]
                result.refuse(where, f"the same identifier as {'line ' if isinstance(earlier, int) else ''}"
                                     f"{earlier}", "the same identifier as an earlier line", "duplicate")
                continue
            first_seen[mapped.ident] = where
        if mapped.record is None:
            if mapped.crash:
                log.error("ingest of %s failed:\n%s", where if isinstance(where, int) else "a page", mapped.crash)
            result.refuse(where, mapped.reason, mapped.kind, mapped.rule)
            continue
        yield mapped.record


def _json_lines(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in _lines(handle):
            if line is not None and not line.strip():
                continue
            if line is None:
                yield number, BadPosting(f"the line is longer than {MAX_LINE_CHARS:,} characters", "unreadable"), None
                continue
            yield number, Unparsed(line), None


def _page_items(text: str, page_url: str | None, label: str) -> Iterator[Item]:
    found = 0
    for number, posting in enumerate(postings_in_html(text), 1):
        found += 1
        yield f"{label} (posting {number})", posting, page_url
    if not found:
        yield label, BadPosting("the page has no JobPosting in its JSON-LD", "not-a-job-posting"), page_url


def _sitemap_items(where: str, reader: PageReader, problems: list[str]) -> Iterator[Item]:
    for url in sitemap_pages(where, reader, problems):
        try:
            text = reader.text(url)
        except PageError as error:
            yield url, BadPosting(str(error), "unreadable"), url
            continue
        yield from _page_items(text, url, url)


def _apply(storage: Storage, items: Iterator[Item], result: IngestResult, now: dt.datetime, full: bool, places,
           tombstone_days: int, workers: int = 1) -> IngestResult:
    listed: set[str] = set()
    records = checked_vacancies(items, result, listed, places, workers)
    if full:
        # A full ingest must know every listed id (refused ones included) before it withdraws anything.
        records = list(records)
    result.applied = apply_vacancies(storage, records, now, full=full, still_listed=listed)
    result.expired, _forgotten = expire_and_purge(storage, now, tombstone_days)
    return result


def ingest_sitemap(storage: Storage, where: str, now: dt.datetime, full: bool = False, places=None,
                   tombstone_days: int = 30, reader: PageReader | None = None) -> IngestResult:
    """Fetch every job page a sitemap lists and read the JobPostings in their JSON-LD into the feed.

    :param storage: the database.
    :param where: the sitemap's web address (or a file holding it).
    :param now: the current time (UTC).
    :param full: the sitemap lists every job: withdraw vacancies missing from it.
    :param places: ``kiosk.jobs.places.Places``, or None.
    :param tombstone_days: how long tombstones are kept.
    :param reader: fetches the sitemap and pages (a new one by default).
    :raises PageError: the sitemap itself cannot be fetched or read (nothing is changed).
    """
    reader = reader or PageReader()
    result = IngestResult()
    items = _sitemap_items(where, reader, result.problems)
    first = next(items, None)  # the sitemap itself is read here: a sitemap that cannot be read changes nothing
    if first is None:
        raise PageError(f"{where} lists no pages")
    return _apply(storage, itertools.chain([first], items), result, now, full, places, tombstone_days)


def ingest_file(storage: Storage, path: Path, now: dt.datetime, full: bool = False, places=None,
                tombstone_days: int = 30, page_url: str | None = None, workers: int | None = None) -> IngestResult:
    """Read a file of JobPostings into the feed; then expire closed vacancies and old tombstones.

    :param storage: the database.
    :param path: a JSON Lines file, or a web page saved as ``.html`` / ``.htm`` (its JSON-LD is read).
    :param now: the current time (UTC).
    :param full: the file is the complete list: withdraw vacancies missing from it.
    :param places: ``kiosk.jobs.places.Places``, or None.
    :param tombstone_days: how long tombstones are kept.
    :param page_url: the web address of a saved page: the way to apply when a posting on it gives none.
    :param workers: processes to map postings in; by default one per core for a file of ``PARALLEL_FROM_BYTES`` or
        more, else this one.
    :raises OSError: the file cannot be read.
    """
    result = IngestResult()
    if path.suffix.lower() in (".html", ".htm"):
        with path.open(encoding="utf-8", errors="replace") as handle:
            text = handle.read(MAX_PAGE_CHARS)
        items = _page_items(text, page_url, path.name)
        workers = 1
    else:
        items = _json_lines(path)
    if workers is None:
        workers = (os.cpu_count() or 1) if path.stat().st_size >= PARALLEL_FROM_BYTES else 1
    return _apply(storage, items, result, now, full, places, tombstone_days, workers)

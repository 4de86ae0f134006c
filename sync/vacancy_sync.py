"""Bring the vacancy cache up to date from the central service's changes feed.

    report = VacancySync(open_cache(path), credential.client()).run()
    report.changes, report.applied, report.removed, report.verified

How it stays consistent whatever happens (docs/sync-protocol.md):

1. Each page is checked whole (``sync.pages.check_page``: its ``since`` must be the staged cursor, so a duplicate
   or out-of-order page is refused; every change needs a growing ``seq``) and staged, with the cursor it reached,
   in one transaction.
2. When the last page is in, every staged change, the new applied cursor and the rebuilt title suggestions are
   written in ONE transaction. Searches (other connections, WAL) see the old cache until it commits, then the new.
3. The cache's count and checksum are compared with the server's snapshot; a mismatch means a full resync.
4. A cursor the server has forgotten (410 ``cursor_too_old``) means a full resync from 0: the whole feed is
   staged beside the live vacancies, and applied only if its count and checksum match the server's snapshot;
   vacancies not in it are then removed inside the same apply transaction, never leaving an empty cache.

Nothing the server sends can make a run unbounded (``sync.pages.SyncLimits``): pages, changes and time per run
are capped, as is each reply (``sync.client``). A page whose every vacancy the kiosk refuses, or more refused than
``max_refused_share``, or a run past its page or change limit, stops the sync with ``Refused``: what was staged is
dropped and the cache stays exactly as it was, and the message reaches the staff screens through the sync status.

A crash (even SIGKILL) at any point leaves the cache as it was before the apply, or after it; the next run carries
on from the staged cursor.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import sqlite_utils

from kiosk.jobs.cache import cache_is_empty, rebuild_titles, reclaim_free_space, remove_closed_vacancies
from sync.checksum import cache_snapshot, staged_snapshot
from sync.client import CentralClient, Gone, Offline, SyncFailed, TooLarge
from sync.pages import Refused, SyncLimits, check_page
from sync.snapshot import take_snapshot
from sync.staging import (apply_staging, discard_staging, get_value, read_state, set_state, stage_changes,
                          staged_count, staged_rows, start_staging, utc_now, write_transaction)

log = logging.getLogger(__name__)

CHANGES_PATH = "/v1/vacancies/changes"
PAGE_SIZE = 2000


class Mismatch(SyncFailed):
    """Even a full resync does not match the server's count and checksum (it is not applied)."""

    message_key = "sync.mismatch"


@dataclass
class SyncReport:
    """What one sync did."""

    pages: int = 0
    changes: int = 0
    refused: int = 0
    applied: int = 0
    removed: int = 0
    full: bool = False
    verified: bool = False
    vacancies: int = 0
    cursor: int = 0
    last_synced_at: str | None = None
    snapshot: bool = False
    snapshot_bytes: int = 0


class VacancySync:
    """One run of the vacancy sync over one cache connection.

    :param db: the cache (its own connection: the sync writes while searches read).
    :param client: a ``CentralClient`` with the kiosk's credential.
    :param page_size: changes asked for per page (1 to 5000).
    :param progress: called as ``progress(stage, report)`` with stage "page", "applying", "verifying" or "done".
    :param limits: the most one run takes from the service (``SyncLimits()`` by default).
    :param cache_path: the cache's file; given, an empty cache (or one too far behind the feed) is first replaced
        by the service's snapshot, then brought up to date by the feed from the snapshot's ``seq``.
    """

    def __init__(self, db: sqlite_utils.Database, client: CentralClient, page_size: int = PAGE_SIZE,
                 progress: Callable[[str, SyncReport], None] | None = None, limits: SyncLimits | None = None,
                 cache_path: Path | None = None) -> None:
        self.db = db
        #: The cache file: given, a first sync (or a resync) takes the service's snapshot first (``sync.snapshot``).
        self.cache_path = cache_path
        self.client = client
        self.page_size = page_size
        self.progress = progress or (lambda stage, report: None)
        self.limits = limits or SyncLimits()
        self._ends = float("inf")
        self._staged_figures = 0

    def run(self, full: bool = False) -> SyncReport:
        """Fetch, stage, apply and verify until the cache matches the server.

        :param full: start a full resync even if the cursor is still good.
        :raises SyncFailed: the service could not be reached, sent bad data or the run took too long (the cache is
            unchanged, and what was staged is kept for the next run); ``Refused`` if the kiosk refused what was
            sent, and ``Mismatch`` if even a full resync does not match (the cache is unchanged and the staging
            dropped).
        """
        self._ends = time.monotonic() + self.limits.deadline_s
        # One fetching thread: the next page downloads (the service builds it, the network carries it) while this
        # one is checked and staged. At most one request is in flight, so the client is never used by two threads.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-fetch") as fetcher:
            self._fetcher, self._ahead = fetcher, None
            try:
                return self._run(full)
            finally:
                self._ahead = None

    def _snapshot(self, report: SyncReport) -> bool:
        """Take the service's snapshot if there is one and it can be used; True when it was."""
        if self.cache_path is None:
            return False
        self.progress("snapshot", report)
        taken = take_snapshot(self.db, self.client, self.cache_path)
        if taken is None:
            return False
        report.full = report.snapshot = True
        report.snapshot_bytes = taken.downloaded_bytes
        return True

    def _run(self, full: bool) -> SyncReport:
        report = SyncReport()
        state = read_state(self.db)
        if state.applied_cursor == 0 and cache_is_empty(self.db) and self._snapshot(report):
            full = False  # the snapshot was the full sync; the feed from its seq does the rest
        if full:
            self._start(0, full=True)
        resynced = full
        while True:
            state = read_state(self.db)
            if state.staged_cursor is None:
                self._start(state.applied_cursor, full=state.applied_cursor == 0)
                continue
            report.full = state.full
            self._check_run_limits(report)
            try:
                page = self._page(state.staged_cursor)
            except Gone as error:
                if error.code != "cursor_too_old" or state.staged_cursor == 0:
                    raise
                log.info("the server no longer has changes since %d: full resync", state.staged_cursor)
                if not resynced and self._snapshot(report):
                    resynced = True
                    continue
                self._start(0, full=True)
                resynced = True
                continue
            if page["has_more"]:
                self._ahead = (page["next_cursor"], self._fetcher.submit(self._fetch, page["next_cursor"]))
            if not self._stage(page, report) or page["has_more"]:
                continue
            if not self._staged_matches(page["snapshot"], report):
                if state.full or resynced:
                    self._mismatch(page["snapshot"])
                log.warning("the changes would not make the cache match the server's snapshot: full resync")
                self._start(0, full=True)
                resynced = True
                continue
            if not self._apply(page, report):
                continue
            if self._verify(page["snapshot"], report):
                # After a full resync of a filled cache, about half the file is the emptied staging area: give it
                # back to the disk (a first sync into an empty cache leaves almost nothing free).
                reclaim_free_space(self.db)
                self.progress("done", report)
                return report
            if resynced or state.full:  # the staged resync matched, so only a fault of the apply gets here
                raise Mismatch("The vacancies do not match the central service even after a full resync "
                               f"({report.vacancies:,} here, {page['snapshot']['count']:,} there).")
            log.warning("the cache does not match the server's snapshot: full resync")
            self._start(0, full=True)
            resynced = True

    def _start(self, since: int, full: bool) -> None:
        with write_transaction(self.db):
            start_staging(self.db, since, full)

    def _page(self, since: int) -> dict:
        """The checked page after ``since``: the one fetched ahead if it is for that cursor, else a new fetch.

        A fetch's failure (offline, bad data, 410) is raised here, in the order the pages are used.
        """
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[0] == since:
            return ahead[1].result()
        # Not the page wanted (the staging moved on another way): its result, even a failure, is not needed.
        return self._fetcher.submit(self._fetch, since).result()

    def _fetch(self, since: int) -> dict:
        """The page after ``since``, checked; a page too large to accept is asked for again with half as many."""
        while True:
            try:
                page = self.client.get_json(CHANGES_PATH, params={"since": since, "limit": self.page_size},
                                            deadline=self._request_deadline())
            except TooLarge:
                if self.page_size <= self.limits.min_page_size:
                    raise
                self.page_size = max(self.limits.min_page_size, self.page_size // 2)
                log.info("a changes page was too large: asking for %d changes a page", self.page_size)
                continue
            check_page(page, since, self.page_size)
            # Only what the protocol defines is kept: the page is held while the next one is fetched.
            return {key: page[key] for key in ("since", "next_cursor", "has_more", "changes", "snapshot")
                    if key in page}

    def _request_deadline(self) -> float:
        left = self._ends - time.monotonic()
        if left <= 0:
            raise Offline(f"The vacancy sync did not finish within {self.limits.deadline_s:.0f} seconds; what was "
                          "fetched is kept and the next sync carries on from it.")
        return min(self.client.deadline, left)

    def _check_run_limits(self, report: SyncReport) -> None:
        """Stop a run that has taken more pages or time than any real feed needs."""
        self._request_deadline()
        if report.pages >= self.limits.max_pages:
            self._refuse(f"The central service sent more than {self.limits.max_pages:,} pages of changes in one "
                         "sync, more than any real feed needs.")

    def _staged_matches(self, snapshot: dict, report: SyncReport) -> bool:
        """Before anything is applied: would the staged changes make the cache match the server's snapshot?"""
        self.progress("verifying", report)
        state = read_state(self.db)
        count, checksum = staged_snapshot(self.db, snapshot["as_of"], full=state.full, fill=state.fill)
        self._staged_figures = count
        if count == snapshot["count"] and checksum == snapshot["checksum"]:
            return True
        log.warning("the staged changes make %d vacancies open on %s, the server %d; checksums %s: not applied",
                    count, snapshot["as_of"], snapshot["count"],
                    "differ" if checksum != snapshot["checksum"] else "agree")
        return False

    def _mismatch(self, snapshot: dict) -> NoReturn:
        discard_staging(self.db)
        raise Mismatch(f"The vacancies from a full resync do not match the central service ({self._staged_figures:,} "
                       f"received, {snapshot['count']:,} there); the vacancies already here are kept.")

    def _refuse(self, message: str) -> NoReturn:
        discard_staging(self.db)
        log.warning("vacancy sync stopped: %s", message)
        raise Refused(message + " The sync stopped and the vacancies already here are kept.")

    def _stage(self, page: dict, report: SyncReport) -> bool:
        with write_transaction(self.db):
            # Re-read inside the transaction: only the page that follows the staged cursor may be staged.
            if read_state(self.db).staged_cursor != page["since"]:
                return False
            staged, refused = stage_changes(self.db, page["changes"])
            set_state(self.db, staged_cursor=page["next_cursor"])
        report.pages += 1
        report.changes += staged
        report.refused += refused
        if refused and not staged:
            self._refuse(f"The kiosk refused every one of the {refused:,} vacancies in a page from the central "
                         "service.")
        if self.limits.too_many_refused(report.refused, report.changes + report.refused):
            self._refuse(f"The kiosk refused {report.refused:,} of the {report.changes + report.refused:,} "
                         "vacancies from the central service, too many to trust the rest.")
        if report.changes + report.refused > self.limits.max_changes or staged_rows(self.db) > self.limits.max_changes:
            self._refuse(f"The central service sent more than {self.limits.max_changes:,} changes in one sync, more "
                         "than any real feed holds.")
        self.progress("page", report)
        return True

    def _apply(self, page: dict, report: SyncReport) -> bool:
        self.progress("applying", report)
        with write_transaction(self.db):
            state = read_state(self.db)
            if state.staged_cursor != page["next_cursor"]:
                return False
            if state.fill and not cache_is_empty(self.db):
                # Something wrote vacancies while this first sync was staged: stage the feed again the usual way.
                log.warning("the cache was filled during its first sync: full resync")
                start_staging(self.db, 0, full=True)
                return False
            changed = staged_count(self.db) > 0 or state.full
            if changed:
                report.applied, report.removed = apply_staging(self.db)
            # Every sync, changes or not: searches never remove closed vacancies themselves. Never past the
            # snapshot's date, or the cache would hold fewer than the server counts.
            closed_before = min(dt.date.today(), dt.date.fromisoformat(page["snapshot"]["as_of"]))
            closed = remove_closed_vacancies(self.db, closed_before, refresh_titles=False)
            report.removed += closed
            if changed or closed:
                rebuild_titles(self.db)
                self.db.execute("DELETE FROM sync_staging")
            report.last_synced_at = utc_now()
            set_state(self.db, applied_cursor=page["next_cursor"], staged_cursor=None, staged_full=None,
                      staged_fill=None, last_synced_at=report.last_synced_at, snapshot=json.dumps(page["snapshot"]))
        report.cursor = page["next_cursor"]
        return True

    def _verify(self, snapshot: dict, report: SyncReport) -> bool:
        self.progress("verifying", report)
        count, checksum = cache_snapshot(self.db, snapshot["as_of"])
        report.vacancies = count
        report.verified = count == snapshot["count"] and checksum == snapshot["checksum"]
        if not report.verified:
            log.warning("cache has %d vacancies open on %s, the server %d; checksums %s", count,
                        snapshot["as_of"], snapshot["count"], "differ" if checksum != snapshot["checksum"] else "agree")
        return report.verified


def last_synced_at(db: sqlite_utils.Database) -> str | None:
    """When the vacancies were last brought up to date (UTC, ISO 8601 with Z), for "Jobs updated at HH:MM".

    :param db: the cache.
    """
    return read_state(db).last_synced_at


def last_snapshot(db: sqlite_utils.Database) -> dict | None:
    """The server's snapshot from the last applied sync (as_of, count, checksum), or None.

    :param db: the cache.
    """
    text = get_value(db, "snapshot")
    return json.loads(text) if text else None

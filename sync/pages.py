"""What the kiosk accepts from the changes feed: a page's shape, and the limits of one sync run.

    check_page(page, since=4000, limit=2000)      # raises BadData naming what is wrong
    limits = SyncLimits(max_pages=5000)           # the defaults suit a national feed of ~300,000 vacancies

A page is checked whole before anything in it is staged (docs/sync-protocol.md): it must be the page asked for,
hold no more changes than asked for, and every change must have a ``seq`` (a whole number, each greater than the
last, all after ``since`` and none past ``next_cursor``) and a known ``op`` with its vacancy or id. A page that
says more follow must move the cursor on, so no server can keep a kiosk asking for the same page. Whether each
vacancy itself can be shown is checked when it is staged (``kiosk.jobs.vacancies.check_vacancy``): a vacancy the
kiosk refuses is counted, and too many refused stops the sync (``Refused``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sync.client import BadData, SyncFailed

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_OPS = {"upsert": "vacancy", "delete": "id"}


class Refused(SyncFailed):
    """The kiosk refused what the service sent (a page whose every vacancy fails the kiosk's checks, too many
    refused, or far more than any real feed holds): the sync stopped and the cache is as it was."""

    message_key = "sync.refused"


@dataclass(frozen=True)
class SyncLimits:
    """The most one vacancy sync run will take from the service, whatever it sends.

    :param max_pages: pages in one run (a full resync of 300,000 vacancies is 150 pages of 2,000).
    :param max_changes: changes in one run, and rows staged at once (the disk the staging area may use).
    :param deadline_s: seconds for the whole run; past it the run stops and the next one carries on from what
        was staged.
    :param max_refused_share: the share of changes the kiosk may refuse (once ``min_refused`` are refused).
    :param min_refused: refusals always tolerated, so one bad vacancy in a small delta does not stop a sync.
    :param min_page_size: a page too large to accept is asked for again with half as many changes, down to this.
    """

    max_pages: int = 5000
    max_changes: int = 1_000_000
    deadline_s: float = 1800.0
    max_refused_share: float = 0.01
    min_refused: int = 10
    min_page_size: int = 50

    def too_many_refused(self, refused: int, seen: int) -> bool:
        """True when ``refused`` of ``seen`` changes is more than the kiosk accepts.

        >>> SyncLimits().too_many_refused(10, 100_000), SyncLimits().too_many_refused(11, 1000)
        (False, True)

        :param refused: changes refused so far this run.
        :param seen: changes received so far this run (refused ones included).
        """
        return refused > self.min_refused and refused > self.max_refused_share * seen


def check_page(page, since: int, limit: int) -> None:
    """Refuse a page that is not the one asked for or not in the protocol's shape.

    :param page: the decoded reply.
    :param since: the cursor asked for.
    :param limit: the most changes asked for.
    :raises BadData: naming what is wrong.
    """
    if not isinstance(page, dict):
        raise BadData("The changes page is not a JSON object.")
    cursor, more, changes = page.get("next_cursor"), page.get("has_more"), page.get("changes")
    if page.get("since") != since or not _whole(since):
        raise BadData(f"The changes page is for cursor {page.get('since')!r:.20}, not {since} "
                      "(out of order or repeated).")
    if not _whole(cursor) or cursor < since or not isinstance(more, bool) or not isinstance(changes, list):
        raise BadData("The changes page lacks next_cursor, has_more or changes.")
    if len(changes) > limit:
        raise BadData(f"The changes page holds {len(changes):,} changes; {limit:,} were asked for.")
    if more and (not changes or cursor <= since):
        raise BadData("The changes page says more follow but does not move the cursor on.")
    last = since
    for number, change in enumerate(changes, 1):
        _check_change(change, number, last, cursor)
        last = change["seq"]
    if not more:
        _check_snapshot(page.get("snapshot"))


def _check_change(change, number: int, last: int, cursor: int) -> None:
    if not isinstance(change, dict):
        raise BadData(f"Change {number} of the changes page is not an object.")
    seq, op = change.get("seq"), change.get("op")
    if not _whole(seq):
        raise BadData(f"Change {number} of the changes page has no seq.")
    if not last < seq <= cursor:
        raise BadData(f"Change {number} of the changes page has seq {seq}, which is not after {last} and up to "
                      f"{cursor} (seqs must only grow).")
    if not isinstance(op, str) or op not in _OPS:  # a list or object is unhashable: a TypeError, not BadData
        raise BadData(f"Change {number} of the changes page has an op that is neither upsert nor delete.")
    if not isinstance(change.get(_OPS[op]), dict if op == "upsert" else str):
        raise BadData(f"Change {number} of the changes page ({op}) has no {_OPS[op]}.")


def _check_snapshot(snapshot) -> None:
    if not (isinstance(snapshot, dict) and isinstance(snapshot.get("as_of"), str)
            and _DATE.match(snapshot["as_of"]) and _whole(snapshot.get("count"))
            and isinstance(snapshot.get("checksum"), str) and _HEX64.match(snapshot["checksum"])):
        raise BadData("The last changes page has no usable snapshot (as_of, count, checksum).")
    try:
        dt.date.fromisoformat(snapshot["as_of"])
    except ValueError:
        raise BadData("The last changes page's snapshot has an as_of that is not a date.") from None


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0

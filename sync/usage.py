"""Anonymous usage counts: counted per hour in memory, kept in an outbox file, sent exactly once.

    counter = UsageCounter(data_dir / USAGE_FILE)
    counter.count("search")                  # from the UI thread: cheap, never touches the disk
    counter.flush()                          # closed hours -> the outbox, as batches with a uuid4 batch_id
    counter.send(client, kiosk_id)           # each batch deleted only after the server's 200

Only counts exist here: an event name from ``EVENTS``, an hour, a number. No person or session identifier, no
text typed, no answers. A batch keeps its ``batch_id`` until the server has answered 200 ("accepted" or
"duplicate"), so a batch resent after a lost reply or a crash is never counted twice, and a batch is only deleted
after the server has it, so none is lost.

At shutdown the app calls ``flush(include_current=True)``: the current hour's counts go into the outbox as a batch
of their own (the server adds batches for the same hour together). Counts of the current hour are only lost if the
process is killed without a shutdown (power cut, SIGKILL): at most an hour of counts, never a double count.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sqlite3
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sync.career_events import CAREER_EVENTS
from sync.feedback_events import FEEDBACK_EVENTS
from sync.life_event_counts import LIFE_EVENT_COUNTS
from sync.local_help import LOCAL_HELP_EVENTS

if TYPE_CHECKING:
    from sync.client import CentralClient

log = logging.getLogger(__name__)

USAGE_FILE = "usage-outbox.db"
#: The only events that can be counted (docs/sync-protocol.md): what people did, "Was this useful?"
#: (``sync.feedback_events``), "Help near you" (``sync.local_help``), the careers looked at
#: (``sync.career_events``) and the life events opened (``sync.life_event_counts``).
EVENTS = FEEDBACK_EVENTS | frozenset(LOCAL_HELP_EVENTS) | CAREER_EVENTS | LIFE_EVENT_COUNTS | frozenset({
    "session_started", "search", "job_viewed", "job_saved", "job_sent_to_phone", "job_printed",
    "benefit_check_completed", "benefits_printed", "cv_made", "cv_printed", "cv_sent_to_phone", "language_en",
    "language_cy", "text_large", "high_contrast", "read_aloud", "reach_mode", "timeout_wipe", "assisted_session",
})


class UnknownEvent(ValueError):
    """An event name that is not in ``EVENTS``: refused, so no free text can ever be counted."""


def hour_of(moment: dt.datetime) -> str:
    """The UTC hour a moment falls in, as the protocol writes it: ``2026-11-22T10:00Z``.

    :param moment: an aware datetime.
    """
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:00Z")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UsageCounter:
    """Per-hour counts in memory, and an outbox of batches on disk.

    Thread-safe: the UI thread counts, the sync worker flushes and sends.

    :param path: the outbox file (SQLite), e.g. ``kiosk.data_dir / USAGE_FILE``.
    :param now: returns the current time (aware); injected so tests can move the hour on.
    """

    def __init__(self, path: Path | str, now: Callable[[], dt.datetime] = _utc_now) -> None:
        self.path = Path(path)
        self.now = now
        self._counts: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._outbox() as db:
            db.execute("CREATE TABLE IF NOT EXISTS outbox (batch_id TEXT PRIMARY KEY, made_at TEXT NOT NULL, "
                       "counts TEXT NOT NULL)")

    @contextlib.contextmanager
    def _outbox(self):
        # A connection per use, closed after: flush and send run on the worker thread, the last flush on the UI's.
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA synchronous = FULL")  # counts are few and small: make each batch durable
            with db:
                yield db
        finally:
            db.close()

    def count(self, event: str, n: int = 1) -> None:
        """Add ``n`` to this hour's count of ``event``.

        :param event: one of ``EVENTS``.
        :param n: how many (1 or more).
        :raises UnknownEvent: the event is not one of ``EVENTS`` (or n is not a positive whole number).
        """
        if event not in EVENTS:
            raise UnknownEvent(f"{event!r} is not a usage event; the events are: "
                               f"{', '.join(sorted(EVENTS - FEEDBACK_EVENTS))} and the feedback events")
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise UnknownEvent("a usage count must be a whole number of 1 or more")
        with self._lock:
            self._counts[(hour_of(self.now()), event)] += n

    def pending(self) -> dict[tuple[str, str], int]:
        """The counts not yet in the outbox, by (hour, event)."""
        with self._lock:
            return dict(self._counts)

    def flush(self, include_current: bool = False) -> str | None:
        """Move finished hours (and, at shutdown, the current one) into the outbox as one batch.

        :param include_current: True at shutdown: the current hour goes too.
        :returns: the new batch's id, or None when there was nothing to move.
        """
        current = hour_of(self.now())
        # Taken out under the lock, written without it: counting from the UI thread never waits for the disk.
        with self._lock:
            moving = {key: n for key, n in self._counts.items() if include_current or key[0] < current}
            for key in moving:
                del self._counts[key]
        if not moving:
            return None
        batch_id = str(uuid.uuid4())
        counts = [{"hour": hour, "event": event, "n": n} for (hour, event), n in sorted(moving.items())]
        try:
            with self._outbox() as db:
                db.execute("INSERT INTO outbox (batch_id, made_at, counts) VALUES (?, ?, ?)",
                           [batch_id, self.now().isoformat(), json.dumps(counts)])
        except BaseException:
            with self._lock:  # not written: put them back, to be flushed later
                self._counts.update(moving)
            raise
        return batch_id

    def batches(self) -> list[dict]:
        """Every batch waiting in the outbox, oldest first, in the shape the server takes."""
        with self._outbox() as db:
            rows = db.execute("SELECT batch_id, counts FROM outbox ORDER BY made_at, batch_id").fetchall()
        return [{"batch_id": batch_id, "counts": json.loads(counts)} for batch_id, counts in rows]

    def send(self, client: CentralClient, kiosk_id: str) -> int:
        """Send every waiting batch; each is deleted only after the server's 200 (accepted or duplicate).

        :param client: a client with the kiosk's credential.
        :param kiosk_id: this kiosk's id from enrolment.
        :returns: how many batches the server now has.
        :raises SyncFailed: the first failure; batches not confirmed stay in the outbox for the next try.
        """
        # Here, not at the top: the kiosk counts from its first screen, and the network client (requests) loads
        # only with the background sync, after the first frame.
        from sync.client import SyncFailed
        sent = 0
        for batch in self.batches():
            try:
                reply = client.post_json(f"/v1/kiosks/{kiosk_id}/usage", batch, expect=(200,))
            except SyncFailed as error:
                if error.status == 422:
                    # The server refuses this batch's shape: keep it (it holds real counts), try the others.
                    log.warning("usage batch %s refused by the server: %s", batch["batch_id"], error)
                    continue
                raise
            if not (isinstance(reply, dict) and reply.get("batch_id") == batch["batch_id"]
                    and reply.get("status") in ("accepted", "duplicate")):
                log.warning("usage batch %s: unexpected reply; kept to send again", batch["batch_id"])
                continue
            with self._outbox() as db:
                db.execute("DELETE FROM outbox WHERE batch_id = ?", [batch["batch_id"]])
            sent += 1
        return sent

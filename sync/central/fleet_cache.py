"""The fleet overview kept for a few seconds, so the dashboard's pages stay quick at national size.

    cache = OverviewCache(seconds=15)
    overview, as_of = cache.overview(storage, now, office_id=None)

Working out 10,000 kiosks' states from their last beats takes a few hundred milliseconds of one core, and a
dashboard user paging through kiosks or offices asks for the same fleet again and again. Each worker process keeps
the overview it worked out for ``seconds`` (``dashboard_cache_s``) and gives it with the time it was worked out,
which the page shows as "Updated at", so nothing claims to be newer than it is. 0 works it out every time.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

from sync.central.fleet import fleet_overview
from sync.central.storage import Storage

#: The most overviews kept (the whole fleet and one per office asked for); past it they are all forgotten.
MOST_KEPT = 64


class OverviewCache:
    """``fleet_overview`` results, each kept for ``seconds`` of ``clock`` (monotonic seconds)."""

    def __init__(self, seconds: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self._clock = seconds, clock
        self._kept: dict[str | None, tuple[float, dt.datetime, dict]] = {}
        self._lock = threading.Lock()

    def overview(self, storage: Storage, now: dt.datetime, office_id: str | None = None) -> tuple[dict, dt.datetime]:
        """The overview of the fleet (or one office), and the time it was worked out.

        :param storage: the database.
        :param now: the current time (UTC), used when the overview is worked out again.
        :param office_id: one office, or None for the whole fleet.
        """
        if self.seconds <= 0:
            return fleet_overview(storage, now, office_id), now
        with self._lock:
            kept = self._kept.get(office_id)
            if kept is not None and 0 <= self._clock() - kept[0] < self.seconds:
                return kept[2], kept[1]
        overview = fleet_overview(storage, now, office_id)  # outside the lock: other requests need not wait
        with self._lock:
            if len(self._kept) >= MOST_KEPT:
                self._kept.clear()
            self._kept[office_id] = (self._clock(), now, overview)
        return overview, now

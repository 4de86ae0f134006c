"""The fleet overview kept for a few seconds, so the dashboard's pages stay quick at national size.

    cache = OverviewCache(seconds=15)
    overview, as_of = cache.overview(storage, now, office_id=None)

Working out 10,000 kiosks' states from their last beats takes a few hundred milliseconds of one core, and a
dashboard user paging through kiosks or offices asks for the same fleet again and again. Each worker process keeps
the overview it worked out for ``seconds`` (``dashboard_cache_s``) and gives it with the time it was worked out,
which the page shows as "Updated at", so nothing claims to be newer than it is. 0 works it out every time.

Kept that way, the first page after the state expired still waited for it: 300-400 ms at 10,000 kiosks, against
200 ms (issue #20, point 5). So once someone has looked at the whole fleet, a thread of the worker works it out
again every ``seconds`` x ``REFRESH_AT`` before anyone asks, for as long as someone keeps looking (``IDLE_AFTER_S``);
the service starts it as it starts (``warm``). Every page then finds it kept. About 0.3 s of one core every 12 s
while in use, nothing after. After each refresh what is alive is set aside from the garbage collector's full rounds
(``gc.freeze``), which otherwise walked every object after almost every refresh (110-140 ms).

While the whole fleet is kept, an office's page is cut from it (``office_of``) instead of read from the database:
as old as the fleet's, and without its round trips.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import threading
import time
from collections.abc import Callable

from kiosk.memory import release_free_memory
from sync.central.fleet import fleet_overview
from sync.central.storage import Storage

#: The most overviews kept (the whole fleet and one per office asked for); past it the offices' are forgotten.
MOST_KEPT = 64
#: The whole fleet's state is worked out again in the background when this share of ``seconds`` has passed.
REFRESH_AT = 0.8
#: With no page of the whole fleet asked for in this long, the background refresh stops (a page starts it again).
IDLE_AFTER_S = 3600
#: How often, at most, the refresh lets the garbage collector look at everything the worker holds (see
#: ``_set_aside``).
FULL_COLLECTION_EVERY_S = 600

log = logging.getLogger("jobpoint.central")


def office_of(overview: dict, office_id: str) -> dict | None:
    """One office's overview cut from the whole fleet's, as ``fleet_overview(storage, now, office_id)`` gives it at
    the same moment; None if the office has no entry in it (made since, or no such office).

    Why: with the whole fleet kept fresh in the background, an office's page was still asking the database for
    every office, every kiosk's ring and its own kiosks, and working their states out again: at national size most
    office pages are of an office nobody opened in the last few seconds. Cutting it from the fleet's costs no
    database round trip, and is exactly as old as the fleet's, which the page says ("Updated at").

    :param overview: the whole fleet's, from ``fleet_overview(storage, now)``.
    :param office_id: the office.
    """
    office = next((item for item in overview["offices"] if item["office_id"] == office_id), None)
    if office is None:
        return None
    return {"generated_at": overview["generated_at"], "offices": [office],
            "alerts": [alert for alert in overview["alerts"] if alert["office_id"] == office_id],
            "all_offices": overview["all_offices"],
            "totals": {"kiosks": len(office["kiosks"]), "online": office["online"], "offline": office["offline"]}}


class OverviewCache:
    """``fleet_overview`` results, each kept for ``seconds`` of ``clock`` (monotonic seconds).

    :param now: the current time (UTC) for the background refresh; None: no background refresh.
    :param prepare: given each overview of the whole fleet the background refresh works out, before any page can
        see it: what the pages work out from it (the fleet summary, the unfiltered kiosk list) is worked out there,
        off the pages' time.
    """

    def __init__(self, seconds: int, clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], dt.datetime] | None = None,
                 prepare: Callable[[dict], object] | None = None) -> None:
        self.seconds, self._clock, self._now, self._prepare = seconds, clock, now, prepare
        self._kept: dict[str | None, tuple[float, dt.datetime, dict]] = {}
        self._lock = threading.Lock()
        self._refresher: threading.Thread | None = None
        self._last_asked = 0.0
        self._last_full_collection = time.monotonic()
        self._closed = threading.Event()

    def close(self) -> None:
        """Stop the background refresh (the app is shutting down) and give what it set aside back to the garbage
        collector."""
        self._closed.set()
        gc.unfreeze()

    def warm(self, storage: Storage) -> None:
        """Work the whole fleet out now, in the background, and keep it fresh for ``IDLE_AFTER_S`` (the service
        has started: its first page need not wait either).

        :param storage: the database.
        """
        with self._lock:
            self._asked_for_the_fleet(storage, at_once=True)

    def _keep_fresh(self, storage: Storage, at_once: bool) -> None:
        # Started by the service or the first page of the whole fleet; ends when nobody has asked for one in
        # IDLE_AFTER_S, when the app closes, or when the database cannot be read (the next page works it out
        # itself, and starts it again).
        assert self._now is not None
        while not self._closed.wait(0 if at_once else self.seconds * REFRESH_AT):
            at_once = False
            if time.monotonic() - self._last_asked > IDLE_AFTER_S:
                break
            try:
                now = self._now()
                overview = fleet_overview(storage, now, None)
                if self._prepare is not None:
                    self._prepare(overview)
            except Exception as error:  # noqa: BLE001  (a page will work it out and report it)
                log.warning("the fleet overview could not be refreshed in the background: %s",
                            type(error).__name__)
                break
            with self._lock:
                self._kept[None] = (self._clock(), now, overview)
            self._set_aside()
        if self._closed.is_set():
            gc.unfreeze()  # again: a refresh may have frozen after close() had thawed
        with self._lock:
            self._refresher = None

    def _set_aside(self) -> None:
        # Each overview is hundreds of thousands of new objects that live for a refresh or two, so the collector's
        # full round, which walks every object the worker holds, came after almost every refresh: 110-140 ms with
        # the interpreter held at 7,283 kiosks, the pages' slowest moments (gc callbacks, bench/fleet.py).
        # Freezing sets what is alive aside from those rounds; the overview it replaced is freed by reference
        # counting all the same (it holds no cycles). What is frozen is never collected, so a full collection
        # (unfreeze, collect, freeze: one such pause) runs every FULL_COLLECTION_EVERY_S to free any cycles frozen
        # meanwhile, which keeps the memory bounded.
        if self._closed.is_set():
            return
        if time.monotonic() - self._last_full_collection >= FULL_COLLECTION_EVERY_S:
            self._last_full_collection = time.monotonic()
            release_free_memory()
        else:
            gc.freeze()

    def _asked_for_the_fleet(self, storage: Storage, at_once: bool = False) -> None:
        # Called with the lock held.
        self._last_asked = time.monotonic()
        if self.seconds > 0 and self._now is not None and self._refresher is None and not self._closed.is_set():
            self._refresher = threading.Thread(target=self._keep_fresh, args=(storage, at_once), daemon=True,
                                               name="fleet-overview")
            self._refresher.start()

    def overview(self, storage: Storage, now: dt.datetime, office_id: str | None = None) -> tuple[dict, dt.datetime]:
        """The overview of the fleet (or one office), and the time it was worked out.

        :param storage: the database.
        :param now: the current time (UTC), used when the overview is worked out again.
        :param office_id: one office, or None for the whole fleet.
        """
        if self.seconds <= 0:
            return fleet_overview(storage, now, office_id), now
        with self._lock:
            if office_id is None:
                self._asked_for_the_fleet(storage)
            kept = self._kept.get(office_id)
            if kept is not None and 0 <= self._clock() - kept[0] < self.seconds:
                return kept[2], kept[1]
            whole = self._kept.get(None) if office_id is not None else None
            if whole is not None and 0 <= self._clock() - whole[0] < self.seconds:
                office = office_of(whole[2], office_id)
                if office is not None:
                    return office, whole[1]
        overview = fleet_overview(storage, now, office_id)  # outside the lock: other requests need not wait
        with self._lock:
            if len(self._kept) >= MOST_KEPT:
                # Offices' only: the whole fleet's took a few hundred milliseconds to work out, and a department
                # page that found it gone waited for all of them (242 ms in bench/fleet.py, once 64 offices had
                # been looked at).
                self._kept = {key: value for key, value in self._kept.items() if key is None}
            self._kept[office_id] = (self._clock(), now, overview)
        return overview, now

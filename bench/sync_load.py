"""Load helpers for bench/sync.py: a fleet of kiosks made straight in the central database, and paced HTTP load.

    fleet = enrol_fleet(storage, 10_000, now, config)             # [(kiosk_id, credential)], one transaction
    timings = paced_requests(send, count=10_000, per_second=166.7, concurrency=24)
    timings.latencies_ms, timings.errors, timings.worst_lag_ms

``paced_requests`` is open-loop: request ``i`` is due at ``start + i / per_second`` whatever happened to earlier
ones (up to ``concurrency`` in flight), as independent kiosks would send, so a slow reply cannot hide the next
request's wait (no coordinated omission). Each request opens its own connection, as a kiosk beating every 90 s
would: the service's keep-alive has long expired by the next beat.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import insert

from sync.central.enrolment import digest
from sync.central.offices import set_office
from sync.central.schema import kiosks


@dataclass
class Timings:
    """What a paced run measured."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    worst_lag_ms: float = 0.0  # how late the most delayed request was sent, against its schedule
    seconds: float = 0.0


def enrol_fleet(storage, count: int, now: dt.datetime, office_config: dict, offices: int = 20) -> list[tuple[str, str]]:
    """Enrol ``count`` kiosks across ``offices`` offices in one transaction, as ``enrol`` would row by row.

    The rows are exactly those ``sync.central.enrolment.enrol`` writes (a SHA-256 of each credential, never the
    credential), without making and using a token for each: that would time the enrolment, not the heartbeats.

    :param storage: the central service's database.
    :param count: how many kiosks.
    :param now: the enrolment time (UTC, naive).
    :param offices: how many offices to spread them over (made if missing).
    :param office_config: each office's config (``{"lha": ..., "local_help": ...}``).
    :returns: (kiosk_id, credential) pairs.
    """
    for number in range(offices):
        set_office(storage, f"bench-{number:02d}", f"Bench office {number}", office_config, now)
    fleet = [(f"k-bench{number:06d}", secrets.token_urlsafe(32)) for number in range(count)]
    rows = [{"kiosk_id": kiosk_id, "office_id": f"bench-{number % offices:02d}", "name": f"bench-{number}",
             "credential_hash": digest(credential), "enrolled_at": now, "revoked": False}
            for number, (kiosk_id, credential) in enumerate(fleet)]
    with storage.write() as conn:
        for start in range(0, len(rows), 2000):
            conn.execute(insert(kiosks), rows[start:start + 2000])
    return fleet


def paced_requests(send: Callable[[int], int], count: int, per_second: float, concurrency: int) -> Timings:
    """Call ``send(i)`` for i in 0..count-1, each at its due time, from ``concurrency`` threads.

    :param send: makes request ``i`` and returns its HTTP status (raises on a network error).
    :param count: how many requests.
    :param per_second: the rate.
    :param concurrency: the most requests in flight at once.
    """
    timings = Timings()
    lock = threading.Lock()
    next_index = iter(range(count))
    start = time.perf_counter() + 0.2

    def worker() -> None:
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                return
            due = start + index / per_second
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            sent = time.perf_counter()
            try:
                status = send(index)
                problem = None if 200 <= status < 300 else f"HTTP {status}"
            except Exception as error:  # noqa: BLE001 -- a failed request is a measured result, not a crash
                problem = type(error).__name__
            done = time.perf_counter()
            with lock:
                timings.latencies_ms.append((done - sent) * 1000)
                timings.worst_lag_ms = max(timings.worst_lag_ms, (sent - due) * 1000)
                if problem:
                    timings.errors.append(problem)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.seconds = time.perf_counter() - start
    return timings


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values fall (nearest rank); NaN for no values.

    :param values: the measurements.
    :param share: 0.5 for the median, 0.99 for p99.
    """
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]

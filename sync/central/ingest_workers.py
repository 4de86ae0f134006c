"""Postings mapped and checked in worker processes, in order: a national feed's work shared by every core.

    for mapped in map_postings(items, places, workers=2, mapper=map_posting):
        ...

Reading a posting (parsing its JSON, mapping it, reducing its HTML, the kiosk's check) is pure Python and takes
about a third of a millisecond: 300,000 postings a day kept one core busy for most of the ingest's two minutes
while the other sat idle (issue #20, point 6). The threads of one process cannot share that work (the interpreter
runs one at a time), so big files are mapped in a pool of forked processes, ``CHUNK`` postings to a task. The
results come back in the file's order, so the ingest's refusals, duplicates and report are exactly what one
process gives (tests/central/test_ingest_workers.py compares them). At most ``IN_FLIGHT_PER_WORKER`` tasks per
worker are queued at once, so a file of any size never sits in memory (``multiprocessing.Pool.imap`` would read
the whole file ahead). Workers are forked: they start at once with the place data already loaded, and never touch
the database.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: Postings sent to a worker at a time: enough that sending them costs little beside mapping them.
CHUNK = 250
#: Tasks queued per worker: one being mapped, one ready for when it is done.
IN_FLIGHT_PER_WORKER = 2

_worker_mapper: Callable[[Any, Any], Any] | None = None
_worker_places: Any = None


def _remember(mapper: Callable[[Any, Any], Any], places: Any) -> None:
    global _worker_mapper, _worker_places
    _worker_mapper, _worker_places = mapper, places


def _map_chunk(chunk: list) -> list:
    assert _worker_mapper is not None
    return [_worker_mapper(item, _worker_places) for item in chunk]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def map_postings(items: Iterable, places: Any, workers: int, mapper: Callable[[Any, Any], Any]) -> Iterator[Any]:
    """``mapper(item, places)`` for each item, in order: here if ``workers`` is 1, else in that many processes.

    :param items: what to map (each must pickle: a line, a parsed posting, a ``BadPosting``).
    :param places: passed to every call (inherited by the forked workers, not sent).
    :param workers: processes to use.
    :param mapper: a module-level function that never raises for anything an item holds.
    """
    if workers <= 1:
        for item in items:
            yield mapper(item, places)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_remember, initargs=(mapper, places)) as pool:
        pending: deque = deque()
        for chunk in _chunks(items, CHUNK):
            pending.append(pool.apply_async(_map_chunk, (chunk,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

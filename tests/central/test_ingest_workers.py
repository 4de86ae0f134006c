"""A big feed mapped in worker processes gives exactly what one process gives: the same feed, refusals and report."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import select

from kiosk.jobs.places import load_places
from sync.central import ingest_workers
from sync.central.ingest import ingest_file
from sync.central.schema import vacancy_feed
from sync.central.storage import open_storage
from tests.central.helpers import NOW
from tests.central.test_ingest import GOOD


def _feed_lines() -> list[str]:
    # Good postings with bad ones among them, of every kind a worker must send back rather than raise: bad JSON,
    # NaN, a lone surrogate, a missing field, a job abroad, nesting too deep, not an object; and duplicates, of a
    # good line and of a refused one, far enough apart to land in other tasks.
    lines = []
    for number in range(60):
        lines.append(json.dumps({**GOOD, "identifier": f"J-{number}", "title": f"Care assistant {number}"}))
    lines[5] = "{not json"
    lines[9] = json.dumps({**GOOD, "identifier": "J-9"}).replace("12.71", "NaN")
    lines[13] = json.dumps({**GOOD, "identifier": "J-13", "title": "\ud800 care"})
    lines[17] = json.dumps({**GOOD, "identifier": "J-17", "datePosted": None})
    lines[21] = json.dumps({**GOOD, "identifier": "J-21", "jobLocation": {"address": {"addressCountry": "FR"}}})
    lines[25] = "[" * 100_000 + "]" * 100_000
    lines[29] = json.dumps(["a list", "not a posting"])
    lines[40] = json.dumps({**GOOD, "identifier": "J-3", "title": "A second J-3"})
    lines[47] = json.dumps({**GOOD, "identifier": "J-17"})
    lines[52] = ""
    return lines


def _ingest(tmp_path, name: str, workers: int):
    feed = tmp_path / f"{name}.jsonl"
    feed.write_text("\n".join(_feed_lines()) + "\n", encoding="utf-8")
    storage = open_storage(f"sqlite:///{tmp_path / (name + '.db')}")
    try:
        result = ingest_file(storage, feed, NOW, full=True, places=load_places(), workers=workers)
        with storage.read() as conn:
            rows = conn.execute(select(vacancy_feed.c.vacancy_id, vacancy_feed.c.payload)
                                .order_by(vacancy_feed.c.seq)).all()
    finally:
        storage.close()
    return result, [tuple(row) for row in rows]


def test_two_workers_give_what_one_process_gives(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_workers, "CHUNK", 4)  # many tasks, so order and duplicates cross them
    alone, alone_rows = _ingest(tmp_path, "alone", workers=1)
    shared, shared_rows = _ingest(tmp_path, "shared", workers=2)
    assert shared.report() == alone.report()
    assert shared.refused == alone.refused and shared.rules == alone.rules
    assert shared_rows == alone_rows
    # And the file was what it was meant to be: 9 refusals by 4 rules, 50 vacancies in order.
    assert alone.refused_count == 9 and len(alone_rows) == 50
    assert [where for where, _reason in alone.refused] == [6, 10, 14, 18, 22, 26, 30, 41, 48]
    assert alone.rules == {"unreadable": 5, "duplicate": 2, "missing-field": 1, "outside-great-britain": 1}


def test_a_file_big_enough_is_shared_between_processes_by_default(tmp_path, monkeypatch):
    from sync.central import ingest
    seen = []
    real = ingest_workers.map_postings

    def spy(items, places, workers, mapper):
        seen.append(workers)
        return real(items, places, workers, mapper)

    monkeypatch.setattr(ingest, "map_postings", spy)
    monkeypatch.setattr(ingest, "PARALLEL_FROM_BYTES", 5_000)
    _ingest(tmp_path, "big", workers=None)
    monkeypatch.setattr(ingest, "PARALLEL_FROM_BYTES", 500_000_000)
    _ingest(tmp_path, "small", workers=None)
    assert seen == [os.cpu_count() or 1, 1]


@pytest.mark.parametrize("workers", [1, 3])
def test_the_order_of_the_file_is_kept_whatever_the_workers(workers, monkeypatch):
    monkeypatch.setattr(ingest_workers, "CHUNK", 7)
    items = list(range(200))
    assert list(ingest_workers.map_postings(iter(items), 10, workers, _add)) == [i + 10 for i in items]


def _add(item, places):
    return item + places

"""Open data (issue #19, point 6): the statistics by office and month, as CSV and JSON under the Open Government
Licence, with counts under 10 hidden and the rest rounded to 5; and no hidden count can be worked out by
differencing two exports, because a month is published once and never changed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import uuid
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.central.enrolment import KioskIdentity
from sync.central.help_requests import ask_for_help, mark_done
from sync.central.open_data import DATASETS, GRACE, publish_due_months, published_rows, write_export
from sync.central.storage import open_storage
from sync.central.usage import check_batch, publishable, record_usage
from tests.central.helpers import add_kiosk

NOVEMBER = dt.datetime(2026, 11, 1)


def count(storage, kiosk, hour: dt.datetime, event: str, n: int, now: dt.datetime | None = None) -> None:
    """One usage batch from a kiosk, as it arrives over HTTP."""
    batch = check_batch({"batch_id": str(uuid.uuid4()),
                         "counts": [{"hour": hour.strftime("%Y-%m-%dT%H:00Z"), "event": event, "n": n}]})
    record_usage(storage, KioskIdentity(kiosk.kiosk_id, kiosk.office_id), batch, now or hour)


def test_a_month_is_published_two_weeks_after_it_ends_with_small_counts_hidden_and_never_changes(storage):
    leeds, york = add_kiosk(storage, "leeds", "leeds-1"), add_kiosk(storage, "york", "york-1")
    count(storage, leeds, NOVEMBER + dt.timedelta(days=3, hours=9), "search", 23)
    count(storage, leeds, NOVEMBER + dt.timedelta(days=4, hours=9), "search", 4)  # Leeds: 27 searches
    count(storage, leeds, NOVEMBER + dt.timedelta(days=4, hours=9), "language_cy", 7)
    count(storage, york, NOVEMBER + dt.timedelta(days=9, hours=14), "search", 10)
    end = dt.datetime(2026, 12, 1)
    assert publish_due_months(storage, end + GRACE - dt.timedelta(seconds=1)) == []
    assert publish_due_months(storage, end + GRACE) == [(dataset, "2026-11") for dataset in DATASETS]
    rows = published_rows(storage, "usage")
    assert [(r["office_id"], r["event"], r["count"]) for r in rows] == [
        ("leeds", "language_cy", None), ("leeds", "search", 25), ("york", "search", 10)]
    # A kiosk that was offline sends November's counts late: the published month stays as it was.
    count(storage, leeds, NOVEMBER + dt.timedelta(days=20, hours=9), "language_cy", 5, now=end + GRACE * 2)
    assert publish_due_months(storage, end + GRACE * 2) == []
    assert published_rows(storage, "usage") == rows


def test_help_requests_by_month_hide_small_counts_and_give_a_median_wait_only_over_ten_answered(storage):
    kiosk = add_kiosk(storage, "leeds", "leeds-1")
    who = KioskIdentity(kiosk.kiosk_id, "leeds")
    for n in range(12):
        asked = NOVEMBER + dt.timedelta(days=n, hours=10)
        request, _new = ask_for_help(storage, who, "jobs", asked)
        if n < 10:
            mark_done(storage, request["request_id"], "dashboard", asked + dt.timedelta(minutes=2 + n))
        else:
            mark_done(storage, request["request_id"], "cancelled", asked + dt.timedelta(minutes=1))
    publish_due_months(storage, dt.datetime(2026, 12, 15))
    assert published_rows(storage, "help_requests") == [
        {"office_id": "leeds", "office_name": "Leeds Jobcentre", "month": "2026-11", "requests": 10, "answered": 10,
         "median_wait_minutes": 6}]  # waits of 2 to 11 minutes: the median is 6.5, given in whole minutes


def test_the_files_are_csv_json_and_a_data_package_with_the_open_government_licence(sqlite_storage, tmp_path):
    kiosk = add_kiosk(sqlite_storage, "leeds", "leeds-1")
    count(sqlite_storage, kiosk, NOVEMBER + dt.timedelta(hours=9), "session_started", 42)
    count(sqlite_storage, kiosk, NOVEMBER + dt.timedelta(hours=9), "job_printed", 3)
    written = write_export(sqlite_storage, tmp_path / "open", dt.datetime(2027, 1, 1))
    assert sorted(path.name for path in written) == ["datapackage.json", "feedback.csv", "feedback.json",
                                                     "help_requests.csv", "help_requests.json", "usage.csv",
                                                     "usage.json"]
    table = list(csv.DictReader(io.StringIO((tmp_path / "open" / "usage.csv").read_text())))
    assert table == [{"office_id": "leeds", "office_name": "Leeds Jobcentre", "month": "2026-11",
                      "event": "job_printed", "count": ""},
                     {"office_id": "leeds", "office_name": "Leeds Jobcentre", "month": "2026-11",
                      "event": "session_started", "count": "40"}]
    document = json.loads((tmp_path / "open" / "usage.json").read_text())
    assert document["licence"]["name"] == "OGL-UK-3.0" and document["suppressed_below"] == 10
    package = json.loads((tmp_path / "open" / "datapackage.json").read_text())
    assert package["licenses"][0]["title"] == "Open Government Licence v3.0"
    for resource in package["resources"]:
        header = (tmp_path / "open" / resource["path"]).read_text().splitlines()[0]
        assert header.split(",") == [field["name"] for field in resource["schema"]["fields"]]


def test_the_files_are_at_stable_addresses_for_anyone(server):
    kiosk = add_kiosk(server.storage, "leeds", "leeds-1")
    count(server.storage, kiosk, server.clock() - dt.timedelta(days=90), "search", 31)
    server.clock.advance(days=0)
    package = server.get("/open-data")
    assert package.status_code == 200
    assert [r["path"] for r in package.json()["resources"]] == [
        f"https://kiosks.example.gov.uk/open-data/{dataset}.csv" for dataset in DATASETS]
    usage = server.get("/open-data/usage.csv")  # no sign-in
    assert usage.status_code == 200 and usage.headers["Content-Type"].startswith("text/csv")
    assert ",search,30" in usage.text
    assert server.get("/open-data/usage.json").json()["rows"][0]["count"] == 30
    assert server.get("/open-data/kiosks.csv").status_code == 404
    assert server.get("/open-data/usage.xlsx").status_code == 404


def test_feedback_is_published_by_journey_language_answer_and_reason_and_not_in_usage(storage):
    kiosk = add_kiosk(storage, "leeds", "leeds-1")
    hour = NOVEMBER + dt.timedelta(days=2, hours=11)
    for event, n in (("feedback.benefits.yes.cy", 12), ("feedback.benefits.easy.cy", 11),
                     ("feedback.benefits.no.en", 3), ("search", 40)):
        count(storage, kiosk, hour, event, n)
    publish_due_months(storage, dt.datetime(2026, 12, 15))
    assert [(r["journey"], r["language"], r["answer"], r["reason"], r["count"])
            for r in published_rows(storage, "feedback")] == [
        ("benefits", "cy", "yes", "", 10), ("benefits", "cy", "yes", "easy", 10), ("benefits", "en", "no", "", None)]
    assert [r["event"] for r in published_rows(storage, "usage")] == ["search"]


# --- no hidden count can be worked out from two exports


_EVENTS = ("search", "job_viewed", "cv_made")
_batches = st.lists(st.tuples(st.sampled_from(["leeds-1", "leeds-2", "york-1"]), st.integers(0, 89),
                              st.sampled_from(_EVENTS), st.integers(1, 14), st.integers(0, 120)),
                    min_size=1, max_size=25)


@pytest.mark.thorough
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=_batches, exports=st.lists(st.integers(0, 130), min_size=2, max_size=4))
def test_no_two_exports_differ_on_a_cell_so_no_hidden_count_can_be_differenced(tmp_path_factory, batches, exports):
    """Counts arrive over 90 days of autumn 2026, some late (up to 120 days after their hour); exports are taken on
    random days in between. Every cell two exports share is the same in both; every figure is hidden or at least
    10 and a multiple of 5; and each published figure is what the month's counts were when it was published."""
    storage = open_storage(f"sqlite:///{tmp_path_factory.mktemp('open') / 'c.db'}")
    kiosks = {name: add_kiosk(storage, name.split("-")[0], name) for name in ("leeds-1", "leeds-2", "york-1")}
    start = dt.datetime(2026, 9, 1)
    arrivals = sorted((start + dt.timedelta(days=day + late), name, start + dt.timedelta(days=day, hours=10), event, n)
                      for name, day, event, n, late in batches)
    snapshots, received = [], defaultdict(int)
    for day in sorted(exports):
        now = start + dt.timedelta(days=day)
        while arrivals and arrivals[0][0] <= now:
            arrived, name, hour, event, n = arrivals.pop(0)
            count(storage, kiosks[name], hour, event, n, now=arrived)
            received[(name.split("-")[0], hour.strftime("%Y-%m"), event)] += n
        newly = {month for _dataset, month in publish_due_months(storage, now)}
        snapshot = {(r["office_id"], r["month"], r["event"]): r["count"] for r in published_rows(storage, "usage")}
        assert all(figure == publishable(received[cell]) for cell, figure in snapshot.items() if cell[1] in newly)
        snapshots.append(snapshot)
    for earlier, later in itertools.pairwise(snapshots):
        assert all(later[cell] == figure for cell, figure in earlier.items()), "a published cell changed"
    for snapshot in snapshots:
        assert all(figure is None or (figure >= 10 and figure % 5 == 0) for figure in snapshot.values())
    storage.close()

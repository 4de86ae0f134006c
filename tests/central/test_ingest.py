"""Reading schema.org JobPostings into the feed: the mapping, HTML, refusals with line numbers, --full."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kiosk.jobs.demo_data import generate_vacancies
from kiosk.jobs.job_titles import load_job_titles
from kiosk.jobs.places import load_places
from kiosk.jobs.vacancies import FIELDS, check_vacancy
from sync.central.feed import FeedReader
from sync.central.html_text import html_to_text
from sync.central.ingest import ingest_file
from sync.central.jobposting import BadPosting, from_job_posting, to_job_posting
from tests.central.helpers import NOW

GOOD = {
    "@context": "https://schema.org", "@type": "JobPosting", "identifier": {"@type": "PropertyValue", "value": "J-1"},
    "title": "Care assistant", "description": "<p>Help people at home.</p><ul><li>Personal care</li></ul>",
    "hiringOrganization": {"@type": "Organization", "name": "Leeds Care"},
    "jobLocation": {"@type": "Place", "address": {"addressLocality": "Leeds", "postalCode": "LS1 4AP"},
                    "geo": {"latitude": 53.7997, "longitude": -1.5492}},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP", "value": {
        "@type": "QuantitativeValue", "minValue": 12.71, "maxValue": 14.0, "unitText": "HOUR"}},
    "employmentType": ["PART_TIME", "TEMPORARY"], "workHours": "20 hours a week", "datePosted": "2026-11-20",
    "validThrough": "2026-12-20T23:59:59Z", "url": "https://example.org/jobs/1", "directApply": True,
    "occupationalCategory": "6145 Care workers", "jobpoint": {"disabilityConfident": True},
}


def test_a_job_posting_becomes_the_kiosks_vacancy():
    record = check_vacancy(from_job_posting(GOOD))
    assert {k: record[k] for k in ("id", "employer", "town", "postcode_district", "easting", "northing",
                                   "salary_period", "working_pattern", "hours_per_week", "contract", "closes",
                                   "occupation_code", "disability_confident")} == {
        "id": "J-1", "employer": "Leeds Care", "town": "Leeds", "postcode_district": "LS1", "easting": 429790,
        "northing": 433806, "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20.0,
        "contract": "temporary", "closes": "2026-12-20", "occupation_code": "6145", "disability_confident": True}
    assert record["description"] == "Help people at home.\n\n- Personal care"


def test_position_comes_from_the_postcode_district_when_there_is_no_geo():
    posting = {**GOOD, "jobLocation": {"address": {"addressLocality": "Leeds", "postalCode": "LS1 4AP"}}}
    places = load_places()
    record = from_job_posting(posting, places)
    assert (record["easting"], record["northing"]) == (places.district("LS1").easting,
                                                       places.district("LS1").northing)


@pytest.mark.parametrize("change, words, rule", [
    ({"jobLocation": {"geo": {"latitude": 48.85, "longitude": 2.35}}}, "not in Great Britain", "outside-great-britain"),
    ({"jobLocation": {"address": {"postalCode": "75001"}}}, "not a UK postcode", "outside-great-britain"),
    ({"jobLocation": {"address": {"addressCountry": "FR", "addressLocality": "Paris"}}}, "in FR",
     "outside-great-britain"),
    ({"employmentType": "VOLUNTEER"}, "not a paid job", "not-paid"),
    ({"employmentType": "Volunteer"}, "not a paid job", "not-paid"),
    ({"@type": "Event"}, "@type must be JobPosting", "not-a-job-posting"),
    ({"datePosted": None}, "datePosted is missing", "missing-field"),
])
def test_bad_job_postings_are_refused_naming_the_field_and_the_rule(change, words, rule):
    with pytest.raises(BadPosting, match=words) as refused:
        from_job_posting({**GOOD, **change})
    assert refused.value.rule == rule


def test_what_a_person_can_still_use_is_kept_not_refused():
    # No identifier (schema.org's own examples have none): named by its page, the same on every ingest.
    unnamed = {**GOOD, "identifier": None}
    assert from_job_posting(unnamed)["id"] == from_job_posting(dict(unnamed))["id"] != \
        from_job_posting({**unnamed, "url": "https://example.org/jobs/2"})["id"]
    # No closing date: open 30 days from when it was posted.
    assert from_job_posting({**GOOD, "validThrough": None})["closes"] == "2026-12-20"
    # Pay in euros for a job in Leeds: the job, without the pay.
    euros = from_job_posting({**GOOD, "baseSalary": {"currency": "EUR", "value": 10}})
    assert (euros["salary_min"], euros["salary_period"]) == (None, None)
    # A day rate, shown as a week of five days.
    day = from_job_posting({**GOOD, "baseSalary": {"currency": "GBP", "value": {"value": 100, "unitText": "DAY"}}})
    assert (day["salary_min"], day["salary_max"], day["salary_period"]) == (500, 500, "week")


@pytest.mark.parametrize("html, text", [
    ("<h2>About</h2><p>We&nbsp;clean.<br>Every day.</p>", "About\n\nWe clean.\nEvery day."),
    ("<script>alert(1)</script><style>p{}</style><p>Safe</p>", "Safe"),
    ("<ol><li>One</li><li>Two</li></ol><p>After</p>", "- One\n- Two\n\nAfter"),
    ("Plain text\nwith lines", "Plain text\nwith lines"),
    ("<p>5 &lt; 6 &amp; <b>bold</b></p>", "5 < 6 & bold"),
])
def test_html_descriptions_become_plain_text(html, text):
    assert html_to_text(html) == text


def test_demo_vacancies_survive_the_trip_through_job_posting():
    places = load_places()
    for original in generate_vacancies(200, 5, places, load_job_titles(), dt.date(2026, 11, 22)):
        back = check_vacancy(from_job_posting(json.loads(json.dumps(to_job_posting(original))), places))
        want = check_vacancy(original)
        assert abs(back["easting"] - want["easting"]) <= 2 and abs(back["northing"] - want["northing"]) <= 2
        assert {k: back[k] for k in FIELDS if k not in ("easting", "northing")} == \
            {k: want[k] for k in FIELDS if k not in ("easting", "northing")}


def _write(path, postings):
    path.write_text("".join((p if isinstance(p, str) else json.dumps(p)) + "\n" for p in postings))


def _posting(ident: str, **changes) -> dict:
    return {**GOOD, "identifier": ident, **changes}


def test_ingest_keeps_good_lines_and_refuses_bad_ones_by_line_number(storage, tmp_path):
    feed = tmp_path / "feed.jsonl"
    _write(feed, [_posting("a"), "{not json", _posting("b", title=""), _posting("a"), _posting("c")])
    result = ingest_file(storage, feed, NOW)
    assert result.refused == [(2, "not valid JSON (rule unreadable)"), (3, "title is missing (rule missing-field)"),
                              (4, "the same identifier as line 1 (rule duplicate)")]
    assert (result.applied.added, result.lines) == (2, 5)
    assert "line 3: title is missing" in result.report() and "2 new" in result.report()


def test_ingest_withdraws_missing_vacancies_only_when_full(storage, tmp_path):
    feed = tmp_path / "feed.jsonl"
    _write(feed, [_posting("a"), _posting("b"), _posting("c")])
    ingest_file(storage, feed, NOW)
    _write(feed, [_posting("a"), _posting("b", title="")])  # b is still listed, only refused this time
    assert ingest_file(storage, feed, NOW).applied.withdrawn == 0
    assert ingest_file(storage, feed, NOW, full=True).applied.withdrawn == 1
    ids = [c.get("id") for c in json.loads(FeedReader(storage).changes_page(3, 10, NOW.date()))["changes"]]
    assert ids == ["c"]

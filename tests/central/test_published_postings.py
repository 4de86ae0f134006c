"""Ingesting job postings as employers publish them: Google's and schema.org's documented shapes, read from JSON
Lines, from a saved page, and from a sitemap of job pages served over real HTTP on loopback."""

from __future__ import annotations

import functools
import gzip
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.jobs.places import load_places
from kiosk.jobs.vacancies import check_vacancy
from sync.central.feed import FeedReader
from sync.central.ingest import ingest_file, ingest_sitemap
from sync.central.jobposting import RULES, BadPosting, from_job_posting
from sync.central.jsonld import MAX_POSTINGS_A_PAGE, postings_in_html
from sync.central.sitemap import PageError, PageReader, sitemap_pages
from tests.central.helpers import NOW
from tests.central.published_postings import PUBLISHED, SCHEMA_ORG_FIRST, US_AS_PUBLISHED
from tests.central.test_cli import central

PLACES = load_places()


def _page(*postings, graph: bool = False) -> str:
    data = {"@context": "https://schema.org", "@graph": list(postings)} if graph else (
        postings[0] if len(postings) == 1 else list(postings))
    return ("<!doctype html><html><head><title>Job</title>"
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Organization", '
            '"name": "Site"}</script>'
            f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
            "<body><h1>Job</h1><p>Apply on this page.</p></body></html>")


@pytest.fixture
def job_site(tmp_path):
    """The six postings, each on its own page, and a gzip sitemap index pointing at a sitemap of them, on HTTP."""
    site = tmp_path / "site"
    (site / "jobs").mkdir(parents=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_port}"
    for name, posting in PUBLISHED.items():
        (site / "jobs" / f"{name}.html").write_text(_page(posting))
    urls = "".join(f"<url><loc>{base}/jobs/{name}.html</loc></url>" for name in PUBLISHED)
    (site / "jobs.xml").write_text('<?xml version="1.0" encoding="UTF-8"?><urlset '
                                   f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}'
                                   f"<url><loc>{base}/jobs/gone.html</loc></url></urlset>")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(
        ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         f"<sitemap><loc>{base}/jobs.xml</loc></sitemap><sitemap><loc>{base}/missing.xml</loc></sitemap>"
         "</sitemapindex>").encode()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, site
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_the_six_published_shapes_from_a_sitemap_keep_every_job_in_great_britain(storage, job_site):
    base, _site = job_site
    result = ingest_sitemap(storage, f"{base}/sitemap.xml.gz", NOW, places=PLACES)
    assert result.applied.added == 5, result.report()
    refused = dict(result.refused)
    assert refused[f"{base}/jobs/us_as_published.html (posting 1)"] == \
        "the job is in US, not in Great Britain (rule outside-great-britain)"
    assert refused[f"{base}/jobs/gone.html"].endswith("answered 404 (rule unreadable)")
    assert any("missing.xml answered 404; skipped" in problem for problem in result.problems)
    changes = json.loads(FeedReader(storage).changes_page(0, 10, NOW.date()))["changes"]
    kept = {c["vacancy"]["title"]: c["vacancy"] for c in changes}
    # The page carrying a posting with no url is the way to apply.
    assert kept["Warehouse operative"]["apply_url"] == f"{base}/jobs/schema_org_first.html"
    assert kept["Software Engineer"]["apply_url"] == f"{base}/jobs/google_basic.html"
    # baseSalary as a number with salaryCurrency; free-text employmentType; no validThrough: 30 days.
    assert (kept["Warehouse operative"]["salary_min"], kept["Warehouse operative"]["salary_period"],
            kept["Warehouse operative"]["working_pattern"], kept["Warehouse operative"]["closes"]) == \
        (23500, "year", "full_time", "2026-12-28")
    # A town with no postcode gets the town's position, so a search near Cardiff finds it.
    assert kept["Warehouse operative"]["postcode_district"] == PLACES.resolve("Cardiff").district
    # Several places: the first; remote for the UK with no place at all; a PriceSpecification's hourly pay.
    assert kept["Delivery driver"]["town"] == "Manchester" and kept["Delivery driver"]["contract"] == "temporary"
    assert kept["Customer service adviser"]["workplace"] == "remote" and \
        kept["Customer service adviser"]["easting"] is None
    assert (kept["Kitchen porter"]["salary_min"], kept["Kitchen porter"]["salary_period"]) == (12.6, "hour")
    again = ingest_sitemap(storage, f"{base}/sitemap.xml.gz", NOW, places=PLACES)
    assert (again.applied.added, again.applied.unchanged) == (0, 5)  # the same ids again, with no identifier given


def test_as_json_lines_the_google_shapes_apply_through_the_employers_site(storage, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(p) + "\n" for p in PUBLISHED.values()))
    result = ingest_file(storage, feed, NOW, places=PLACES)
    # No page and no url: Google's examples name the employer's site; schema.org's first names nothing at all.
    assert result.applied.added == 4, result.report()
    assert dict(result.refused) == {
        4: "there is no way to apply (apply_url, apply_phone or apply_email) (rule no-way-to-apply)",
        6: "the job is in US, not in Great Britain (rule outside-great-britain)"}
    assert "Refused, by rule: 1 no-way-to-apply; 1 outside-great-britain." in result.report() or \
        "Refused, by rule: 1 outside-great-britain; 1 no-way-to-apply." in result.report()


def test_a_saved_page_is_read_with_its_address_as_the_way_to_apply(storage, tmp_path):
    page = tmp_path / "job.html"
    page.write_text(_page(SCHEMA_ORG_FIRST, {**SCHEMA_ORG_FIRST, "title": "Forklift driver"}, graph=True))
    result = ingest_file(storage, page, NOW, places=PLACES, page_url="https://stores.example.com/jobs/7")
    assert (result.applied.added, result.refused_count) == (2, 0), result.report()
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body>No jobs here</body></html>")
    assert ingest_file(storage, empty, NOW).refused == [
        ("empty.html", "the page has no JobPosting in its JSON-LD (rule not-a-job-posting)")]


@pytest.mark.parametrize("change, rule", [
    ({"applicantLocationRequirements": {"@type": "Country", "name": "USA"}, "jobLocationType": "TELECOMMUTE",
      "jobLocation": None}, "outside-great-britain"),
    ({"jobLocation": {"address": {"addressLocality": "Kirkland", "addressRegion": "WA"}}}, "outside-great-britain"),
    ({"jobLocation": [{"address": {"addressCountry": "IE"}}, {"address": {"addressCountry": "FR"}}]},
     "outside-great-britain"),
])
def test_jobs_abroad_are_refused_for_where_they_are(change, rule):
    with pytest.raises(BadPosting) as refused:
        from_job_posting({**US_AS_PUBLISHED, **change})
    assert refused.value.rule == rule


def test_a_uk_place_among_several_abroad_is_kept():
    posting = {**US_AS_PUBLISHED, "salaryCurrency": None, "baseSalary": None, "jobLocation": [
        {"address": {"addressCountry": "US"}}, {"address": {"addressLocality": "Leeds", "addressCountry": "UK"}}]}
    assert check_vacancy(from_job_posting(posting, PLACES))["town"] == "Leeds"


@pytest.mark.parametrize("salary, expected", [
    (28000, (28000, 28000, "year")),
    ("£12.50", (12.5, 12.5, "hour")),
    (1800, (None, None, None)),  # a week's or a month's: not said, so not shown
    ({"@type": "MonetaryAmount", "currency": "GBP", "minValue": 21000, "maxValue": 23000}, (21000, 23000, "year")),
    ({"@type": "PriceSpecification", "priceCurrency": "GBP", "minPrice": 400, "maxPrice": 450,
      "unitText": "week"}, (400, 450, "week")),
    ({"@type": "UnitPriceSpecification", "priceCurrency": "GBP", "price": 2100,
      "referenceQuantity": {"@type": "QuantitativeValue", "unitCode": "MON"}}, (2100, 2100, "month")),
    ([{"@type": "MonetaryAmount", "currency": "GBP", "value": {"value": 11, "unitText": "HOUR"}}], (11, 11, "hour")),
    ({"currency": "GBP", "value": {"value": "lots", "unitText": "HOUR"}}, (None, None, None)),
])
def test_every_documented_shape_of_base_salary_is_read(salary, expected):
    record = from_job_posting({**SCHEMA_ORG_FIRST, "baseSalary": salary, "url": "https://example.org/1"})
    assert (record["salary_min"], record["salary_max"], record["salary_period"]) == expected
    check_vacancy(record)


def test_a_sitemap_that_cannot_be_read_changes_nothing(storage, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<html>not a sitemap</html>")
    with pytest.raises(PageError, match="is not a sitemap"):
        ingest_sitemap(storage, str(bad), NOW)
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol2;</loc></url>'
                    "</urlset>")
    with pytest.raises(PageError, match="not a readable sitemap"):
        list(sitemap_pages(str(bomb), PageReader(), []))
    with pytest.raises(PageError, match="cannot be read"):
        ingest_sitemap(storage, str(tmp_path / "nowhere.xml"), NOW)


@pytest.mark.thorough
def test_the_command_reads_a_sitemap_and_a_saved_page_and_says_what_it_refused(tmp_path, job_site):
    base, _site = job_site
    done = central(tmp_path, "ingest", "--sitemap", f"{base}/jobs.xml")
    assert done.returncode == 1 and "5 new" in done.stdout and "(rule outside-great-britain)" in done.stdout
    assert "Traceback" not in done.stderr
    page = tmp_path / "job.html"
    page.write_text(_page(SCHEMA_ORG_FIRST))
    done = central(tmp_path, "ingest", str(page), "--page-url", "https://stores.example.com/jobs/7")
    assert done.returncode == 0 and "1 new" in done.stdout, done.stdout + done.stderr
    for args, words in [((), "give a file to ingest"), ((str(page), "--page-url", "javascript:x"), "web address"),
                        (("--sitemap", str(tmp_path / "none.xml")), "cannot be read")]:
        done = central(tmp_path, "ingest", *args)
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                  max_size=4), max_leaves=20)
_fields = st.sampled_from(["@type", "identifier", "baseSalary", "salaryCurrency", "jobLocation", "jobLocationType",
                           "applicantLocationRequirements", "employmentType", "url", "mainEntityOfPage",
                           "hiringOrganization", "validThrough", "datePosted"])


@pytest.mark.thorough
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_fields, _json, max_size=6))
def test_any_value_in_any_documented_field_is_read_or_refused_by_a_named_rule(changes):
    for base in PUBLISHED.values():
        try:
            check_vacancy(from_job_posting({**base, **changes}, PLACES))
        except BadPosting as error:
            assert error.rule in RULES
        except ValueError as error:  # BadVacancy: the kiosk's own check
            assert type(error).__name__ == "BadVacancy"


@pytest.mark.thorough
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.lists(_json, max_size=3))
def test_any_page_gives_postings_or_plain_refusals_never_an_error(noise, blocks):
    page = noise + "".join(f'<script type="application/ld+json">{json.dumps(b)}</script>' for b in blocks) + noise
    for found in postings_in_html(page):
        assert isinstance(found, (dict, BadPosting))


def test_a_page_with_thousands_of_postings_gives_a_bounded_number():
    page = _page(*[{**SCHEMA_ORG_FIRST, "title": f"Job {n}"} for n in range(MAX_POSTINGS_A_PAGE * 3)])
    assert len(list(postings_in_html(page))) == MAX_POSTINGS_A_PAGE

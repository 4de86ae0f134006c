"""Hostile feed files: each line is kept or refused on its own, with its reason counted, and nothing is unbounded."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.central.feed import FeedReader
from sync.central.html_text import html_to_text
from sync.central.ingest import MAX_LINE_CHARS, ingest_file
from sync.central.jobposting import BadPosting, from_job_posting
from tests.central.helpers import NOW
from tests.central.test_ingest import GOOD

ROOT = Path(__file__).resolve().parents[2]


def _posting(ident: str, **changes) -> dict:
    return {**GOOD, "identifier": ident, **changes}


def _feed_ids(storage) -> list[str]:
    return [c["vacancy"]["id"] for c in json.loads(FeedReader(storage).changes_page(0, 100, NOW.date()))["changes"]]


# Each of these once stopped the whole file with a traceback, so the good lines after it were never read.
HOSTILE_LINES = {
    "lone surrogate": json.dumps(_posting("s", title="Care \ud800 assistant")),
    "occupationalCategory NaN": json.dumps(_posting("n", occupationalCategory=float("nan"))),
    "occupationalCategory Infinity": json.dumps(_posting("i", occupationalCategory=float("inf"))),
    "deep nesting": '{"identifier": "d", "title": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "a character reference of 5,000 digits": json.dumps(_posting("r", description="<p>&#" + "1" * 5000 + "</p>")),
}


@pytest.mark.parametrize("kind", HOSTILE_LINES)
def test_one_hostile_line_is_refused_and_the_rest_are_kept(kind, sqlite_storage, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([json.dumps(_posting("a")), HOSTILE_LINES[kind], json.dumps(_posting("b"))]) + "\n")
    result = ingest_file(sqlite_storage, feed, NOW)
    assert sorted(_feed_ids(sqlite_storage)) == (["a", "b", "r"] if kind.startswith("a character") else ["a", "b"])
    if not kind.startswith("a character"):  # that one is kept: the reference becomes U+FFFD
        assert [number for number, _reason in result.refused] == [2] and result.refused_count == 1


def test_refusals_are_counted_by_reason_in_the_report(sqlite_storage, tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps(_posting("a")), "{not json", "[1, NaN]", json.dumps(_posting("b", title="")),
             json.dumps(_posting("c", title="")), json.dumps(_posting("a")),
             json.dumps(_posting("old", datePosted="0001-01-01")),
             json.dumps(_posting("far", validThrough="9999-12-31"))]
    feed.write_text("\n".join(lines) + "\n")
    result = ingest_file(sqlite_storage, feed, NOW)
    assert dict(result.reasons) == {"not valid JSON": 2, "title is missing": 2,
                                    "the same identifier as an earlier line": 1,
                                    "datePosted must be a date like 2026-11-22, in the years 2020 to 2100": 1,
                                    "validThrough must be a date like 2026-11-22, in the years 2020 to 2100": 1}
    assert "Refused, by reason: 2 not valid JSON; 2 title is missing;" in result.report()
    assert _feed_ids(sqlite_storage) == ["a"]


@pytest.mark.parametrize("field, value", [("datePosted", "0001-01-01"), ("datePosted", "2019-12-31"),
                                          ("validThrough", "9999-12-31T23:59:59Z"), ("validThrough", "2101-01-01"),
                                          ("datePosted", 20261120), ("validThrough", ["2026-12-20"])])
def test_absurd_posting_dates_are_refused(field, value):
    with pytest.raises(BadPosting, match=f"{field} must be a date like 2026-11-22, in the years 2020 to 2100"):
        from_job_posting({**GOOD, field: value})


def test_a_line_longer_than_the_limit_is_refused_unread(sqlite_storage, tmp_path):
    feed = tmp_path / "feed.jsonl"
    huge = json.dumps(_posting("h", description="x" * (MAX_LINE_CHARS + 10)))
    feed.write_text("\n".join([json.dumps(_posting("a")), huge, json.dumps(_posting("b"))]) + "\n")
    result = ingest_file(sqlite_storage, feed, NOW)
    assert result.refused == [(2, f"the line is longer than {MAX_LINE_CHARS:,} characters (rule unreadable)")]
    assert sorted(_feed_ids(sqlite_storage)) == ["a", "b"]


def test_a_huge_description_is_cut_before_parsing_and_kept():
    record = from_job_posting({**GOOD, "description": "<p>" + "word " * 300_000 + "</p>"})
    assert len(record["description"]) <= 200_000


@pytest.mark.parametrize("html, text", [
    ("5 <a 6 <a 7", "5 <a 6 <a 7"),
    ("<p>1 < 2 and 3 > 2</p>", "1 < 2 and 3 > 2"),
    ("<p>A<!-- hidden <p>x</p> -->B</p>", "AB"),
    ("<p>A<!-- never closed <p>x</p>", "A"),
    ("<SCRIPT type=x>if (a <b) {}</script><p>Shown</p>", "Shown"),
    ("<p>&#0000000065;&#x41;&#99999999999;</p>", "AA\ufffd"),
    ("<pre>  two  spaces</pre>", "two  spaces"),
    ("<br/>line<br />", "line"),
])
def test_html_with_broken_or_unusual_markup_becomes_text(html, text):
    assert html_to_text(html) == text


HOSTILE_PATTERNS = ["<a ", "<a '", "</", "<!", "<![CDATA[", "<?", "<p>&#1", "<a" + " x=1" * 10, "<" + "a" * 1000]


@pytest.mark.thorough
def test_html_to_text_is_linear_on_a_megabyte_of_each_hostile_pattern():
    """html.parser took 16 s on 24 KB of "<a " (quadratic); 1 MB would take hours. Here each megabyte takes well
    under a second of CPU; the limit is a kernel CPU-time limit far above that, so only a quadratic parser hits it."""
    script = ("import sys; from sync.central.html_text import html_to_text\n"
              f"for p in {HOSTILE_PATTERNS!r}:\n    html_to_text(p * (1_000_000 // len(p)))\nprint('done')")

    def limit_cpu() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))

    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          preexec_fn=limit_cpu, timeout=600)
    assert done.stdout.strip() == "done", done.stderr[-500:]


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                 max_size=4), max_leaves=20)
_FIELDS = ["identifier", "title", "description", "hiringOrganization", "jobLocation", "baseSalary", "employmentType",
           "workHours", "datePosted", "validThrough", "url", "applicationContact", "occupationalCategory", "jobpoint",
           "jobLocationType", "@type"]


@given(st.dictionaries(st.sampled_from(_FIELDS), _JSON | st.text(alphabet=st.characters(), max_size=50),
                       max_size=6))
def test_any_feed_record_is_refused_with_a_reason_or_kept(changes):
    """Fuzzing: whatever a feed record's fields hold, the mapping and check refuse it with a reason or keep it."""
    from kiosk.jobs.vacancies import BadVacancy, check_vacancy
    try:
        check_vacancy(from_job_posting({**GOOD, **changes}))
    except (BadPosting, BadVacancy):
        pass


@pytest.mark.thorough
@given(lines=st.lists(st.one_of(st.text(max_size=200), _JSON.map(json.dumps),
                          st.builds(lambda c: json.dumps({**GOOD, **c}),
                                    st.dictionaries(st.sampled_from(_FIELDS), _JSON, max_size=4))), max_size=8))
def test_any_feed_file_is_read_line_by_line_to_the_end(lines, tmp_path_factory):
    """Fuzzing whole files: every line is counted as kept or refused, and the ingest never stops early."""
    from sync.central.storage import open_storage
    folder = tmp_path_factory.mktemp("fuzz")
    feed = folder / "feed.jsonl"
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    feed.write_text(text + "\n", encoding="utf-8", errors="surrogatepass")
    storage = open_storage(f"sqlite:///{folder / 'central.db'}")
    try:
        result = ingest_file(storage, feed, NOW)
    finally:
        storage.close()
    a = result.applied
    assert a.added + a.updated + a.unchanged + a.closed + result.refused_count == result.lines
    assert "the line could not be read" not in result.reasons  # every refusal has a reason a check gave

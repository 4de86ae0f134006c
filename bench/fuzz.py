"""Property-based fuzzing of everything that crosses a boundary into the kiosk or the central service.

    .venv/bin/python bench/fuzz.py [--cases 100000] [--seed N] [--only search,cv]

Each target feeds hypothesis-made input (shaped like the real thing, with hostile values mixed in) to one reader and
counts a failure whenever it does anything but accept the input or refuse it with its documented error:

- search: ``JobSearch.search`` on a small in-memory cache, any text and place typed (no exception, no FTS error);
- household: ``household_from_json`` then ``check`` (only ``HouseholdError``);
- cv: ``kiosk cv-pdf`` run in-process on a JSON file (exit 0 or 2, one line on stderr, never an exception);
- feed: ``from_job_posting`` then ``check_vacancy`` on a feed record (only ``BadPosting`` / ``BadVacancy``);
- office: ``sync.office.check_office_config`` (only ``BadData``);
- pages: ``sync.pages.check_page`` (only ``BadData``);
- card: ``decode_certificate`` on any bytes, and ``StaffCardSession.open`` against a card answering anything
  (only ``CardError`` and its kinds).

``--cases`` is split across the targets by weight (the CV target makes PDFs, so it gets fewer). It prints, per target,
the cases run and the failures (with the first few failing inputs), then one line: ``fuzz: N cases, F failures``.
Exit status 1 if anything failed. Time is not asserted; the figures are for the closing note.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import io
import json
import math
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings
from hypothesis import strategies as st

TODAY = dt.date(2026, 11, 22)

# Values a hostile or careless peer sends: the edges of every type JSON has, and text that breaks naive code.
_ODD_TEXT = st.sampled_from(["", " ", "\x00", "\ud800", "\u202e", "🙂", "中文", "العربية", "\n", "a" * 5000, "NaN",
                             "-1", "1e999", "2026-13-45", "0001-01-01", "9999-12-31", "<a ", "&#99999999;", '"', "*",
                             "NEAR(", "{title}:", "^", "OR", "AND NOT", "'", "\\"])
_ODD_NUMBER = st.sampled_from([0, -1, 1, 2**63, -2**63, 10**30, 0.5, -0.0, math.inf, -math.inf, math.nan, 1e308])
_SCALAR = (st.none() | st.booleans() | st.integers() | st.floats() | _ODD_NUMBER | st.text(max_size=30)
           | _ODD_TEXT)
_JSON = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                          max_size=4), max_leaves=12)


def _deep(depth: int):
    return "[" * depth + "]" * depth


def mostly(strategy):
    """``strategy`` three times in four, otherwise any JSON value at all."""
    return st.one_of(strategy, strategy, strategy, _JSON)


def _few(strategy):
    """Usually nothing, sometimes one or two: most cases stay close to valid, so they reach the deeper checks."""
    return st.one_of(st.just([]), st.just([]), st.just([]), st.lists(strategy, min_size=1, max_size=2))


def shaped(fields: dict):
    """A dict with every one of ``fields`` (name -> strategy of sensible values), except that a few are sometimes
    dropped, replaced by anything or joined by an unknown key: input that gets past the first checks, as a real bad
    file does."""
    names = sorted(fields)

    def build(values, dropped, odd, extra):
        data = {**values, **dict(odd), **dict(extra)}
        for name in dropped:
            data.pop(name, None)
        return data

    return st.builds(build, st.fixed_dictionaries({k: fields[k] for k in names}), _few(st.sampled_from(names)),
                     _few(st.tuples(st.sampled_from(names), _JSON)), _few(st.tuples(st.text(max_size=8), _JSON)))


# --- the targets: each returns (strategy, check); check raises only when the reader misbehaved -------------------


def search_target():
    """Any text, place and page typed into the job search, on a small real cache."""
    from kiosk.jobs.cache import open_cache, store_vacancies
    from kiosk.jobs.query import JobQuery
    from kiosk.jobs.search import JobSearch
    from kiosk.jobs.query import SORTS

    db = open_cache(":memory:")
    titles = ["Office cleaner", "Care assistant", "Delivery driver", "Kitchen porter", "Gofalwr", "Chef de partie"]
    store_vacancies(db, [{
        "id": f"f{n}", "version": 1, "title": titles[n % len(titles)], "employer": "Acme",
        "description": "Cleaning, caring and driving; training given.", "town": "Leeds", "postcode_district": "LS1",
        "easting": 430000 + n, "northing": 433500, "salary_min": 12.71, "salary_max": 13.0, "salary_period": "hour",
        "working_pattern": "part_time", "hours_per_week": 20, "contract": "permanent", "workplace": "on_site",
        "posted": "2026-11-20", "closes": "2026-12-20", "disability_confident": n % 2 == 0,
        "apply_url": f"https://example.org/jobs/{n}", "apply_phone": None, "apply_email": None,
        "occupation_code": "9233"} for n in range(30)])

    class Places:
        def resolve(self, text):
            return None

    search = JobSearch(db, places=Places(), today=lambda: TODAY)
    words = st.sampled_from(["care", "clean", "driver", '"', "*", "-", "(", ")", ":", "^", "NEAR", "OR", "AND",
                             "NOT", "{title}", "+", "'", "zz", "é", "ß", "İ", "\u0307", "\x00"])
    text = st.text(max_size=60) | st.lists(words, max_size=8).map(" ".join) | _ODD_TEXT
    strategy = st.tuples(text, st.text(max_size=20) | _ODD_TEXT, st.sampled_from(SORTS), st.integers(0, 3),
                         st.booleans())

    def check(case):
        typed, place, sort, page, as_typed = case
        result = search.search(JobQuery(text=typed, place=place, sort=sort, page=page, as_typed=as_typed))
        assert result.total >= 0
        return result.total > 0

    return strategy, check


def household_target():
    """A household file as ``kiosk benefits --household`` reads it, then the whole check."""
    from kiosk.benefits.check import check
    from kiosk.benefits.household import HouseholdError, household_from_json

    # Sensible values here; ``shaped`` puts the hostile ones in (and a few fields of each case are hostile).
    money = st.integers(0, 60_000) | st.floats(0, 60_000)
    adult = shaped({"age": st.integers(16, 90), "employment_income_annual": money,
                    "hours_worked_weekly": st.integers(0, 60), "is_disabled": st.booleans(), "is_carer": st.booleans(),
                    "has_lcwra": st.booleans(), "state_pension_annual": money,
                    "pip_daily_living": st.sampled_from(["NONE", "STANDARD", "ENHANCED"])})
    born = st.builds(lambda a, d: {**{k: v for k, v in a.items() if k != "age"}, "birth_date": d}, adult,
                     st.sampled_from(["1958-02-11", "1990-05-01", "2010-01-01", "0001-01-01", "9999-12-31"]))
    child = shaped({"age": st.integers(0, 19), "sex": st.sampled_from(["MALE", "FEMALE"]),
                    "is_disabled": st.booleans(), "in_education": st.booleans()})
    household = shaped({
        "country": st.sampled_from(["ENGLAND", "WALES", "SCOTLAND"]),
        "adults": st.lists(adult | born, min_size=1, max_size=2), "children": st.lists(child, max_size=4),
        "rent_monthly": money, "tenure": st.sampled_from(["RENT_PRIVATELY", "OWNED_OUTRIGHT", "RENT_FROM_HA"]),
        "council_tax_band": st.sampled_from(list("ABCDEFGH")), "savings": money, "year": st.integers(2025, 2027),
        "childcare_monthly": money, "other_income_monthly": money, "expecting_baby": st.booleans()})
    strategy = household | _JSON | st.just(json.loads(_deep(50)))

    def run(data):
        try:
            check(household_from_json(data, on_date=TODAY), TODAY)
        except HouseholdError:
            return False
        return True

    return strategy, run


def cv_target():
    """``kiosk cv-pdf`` on a CV file, run in-process as the command runs it: exit 0 or 2, one line, no traceback."""
    from kiosk.cli.cv import cv_pdf_command

    sample = json.loads((ROOT / "docs" / "cv-sample.json").read_text(encoding="utf-8"))
    text = st.text(max_size=40) | _ODD_TEXT
    contact = shaped({"name": text | st.just("Siân Llewelyn"), "phone": st.sampled_from(["07700 900123", "+44", ""]),
                      "email": st.sampled_from(["a@example.com", "@", ""]), "town": text})
    work = shaped({"title": text, "employer": text, "start": st.sampled_from(["2021-04", "2021-13", "0000-01", "2021"]),
                   "end": st.none() | st.sampled_from(["2020-01", "9999-12"]), "current": st.booleans(),
                   "duties": st.lists(text, max_size=3)})
    cv = st.builds(lambda base, changes: {**base, **changes}, st.just(sample), shaped({
        "contact": contact, "statement": text, "work": st.lists(work, max_size=3), "language": st.sampled_from(
            ["en", "cy", "fr"]), "skills": st.lists(text, max_size=3)}))
    # Written both ways: as \u escapes (a lone surrogate gets into the CV) and as raw UTF-8 (it is refused as bytes).
    raw = (st.builds(lambda d, ascii: json.dumps(d, ensure_ascii=ascii).encode("utf-8", "surrogatepass"), cv,
                     st.booleans())
           | _JSON.map(lambda d: json.dumps(d).encode()) | st.binary(max_size=200)
           | st.just(("{\"contact\": " + _deep(100_000) + "}").encode()))
    folder = Path(tempfile.mkdtemp(prefix="fuzz-cv-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)

    def run(data):
        (folder / "cv.json").write_bytes(data)
        args = SimpleNamespace(cv=str(folder / "cv.json"), out=str(folder / "cv.pdf"), layout="classic",
                               text=str(folder / "cv.txt"))
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = cv_pdf_command({}, args)
        message = err.getvalue()
        assert status in (0, 2), f"exit {status}"
        assert status == 0 or (message.count("\n") == 1 and "Traceback" not in message), message[:300]
        return status == 0

    return raw, run


def feed_target():
    """One feed record (a schema.org JobPosting) mapped and checked as the central ingest does."""
    from kiosk.jobs.vacancies import BadVacancy, check_vacancy
    from sync.central.jobposting import BadPosting, from_job_posting

    good = {"@type": "JobPosting", "identifier": "j1", "title": "Care assistant", "description": "<p>Caring.</p>",
            "hiringOrganization": {"name": "Acme"}, "datePosted": "2026-11-20", "validThrough": "2026-12-20",
            "employmentType": "FULL_TIME", "url": "https://example.org/j1",
            "jobLocation": {"address": {"addressLocality": "Leeds", "postalCode": "LS1 4AP"}},
            "baseSalary": {"currency": "GBP", "value": {"minValue": 12.71, "maxValue": 13, "unitText": "HOUR"}}}
    fields = {key: st.just(value) for key, value in good.items()}
    fields.update({"description": st.text(max_size=200) | _ODD_TEXT | st.just("<a " * 2000),
                   "occupationalCategory": _SCALAR, "workHours": _SCALAR, "datePosted": _ODD_TEXT | st.just(
                       "2026-11-20"), "jobpoint": _JSON})
    strategy = shaped(fields) | _JSON

    def run(posting):
        try:
            check_vacancy(from_job_posting(posting))
        except (BadPosting, BadVacancy):
            return False
        return True

    return strategy, run


def office_target():
    """An office config reply, as ``sync.office`` checks it before storing it."""
    from sync.client import BadData
    from sync.office import LHA_KEYS, check_office_config

    text = st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=20)
    lha = shaped({key: st.integers(0, 10_000) | st.floats(0, 10_000) for key in LHA_KEYS})
    help_entry = shaped({"name": text, "phone": st.just("0113 496 0000"), "about_en": text, "about_cy": text,
                         "url": st.sampled_from(["https://example.org", "http://x.org/a?b=c"])})
    strategy = mostly(shaped({"office_id": st.just("leeds-1"), "name": text, "config_version": st.just("v1"),
                              "lha": lha, "local_help": st.lists(help_entry, max_size=3),
                              "council_tax": st.just({}) | st.just({"band_d_annual": 2000}),
                              "organisation": st.just({}) | shaped({"name": text, "name_cy": text})}))

    def run(data):
        try:
            check_office_config(data)
        except BadData:
            return False
        return True

    return strategy, run


def pages_target():
    """A page of the changes feed, as the kiosk checks it before staging anything."""
    from sync.client import BadData
    from sync.pages import check_page

    @st.composite
    def page(draw):
        since = draw(st.integers(0, 5))
        seqs = sorted(draw(st.sets(st.integers(since + 1, since + 40), max_size=5)))
        changes = [draw(shaped({"seq": st.just(seq), "op": st.just("delete"), "id": st.just(f"v{seq}")})
                        | shaped({"seq": st.just(seq), "op": st.just("upsert"), "vacancy": st.just({"id": "x"})}))
                   for seq in seqs]
        cursor = max(seqs, default=since) + draw(st.integers(0, 3))
        snapshot = shaped({"as_of": st.sampled_from(["2026-11-22", "2026-02-30"]), "count": st.integers(0, 10),
                           "checksum": st.just("a" * 64)})
        body = draw(shaped({"since": st.just(since), "next_cursor": st.just(cursor), "has_more": st.booleans(),
                            "changes": st.just(changes), "snapshot": snapshot}))
        return body, since, draw(st.integers(len(changes), 10) | st.integers(0, 10))

    strategy = page() | st.tuples(_JSON, st.integers(0, 5), st.integers(0, 10))

    def run(case):
        data, since, limit = case
        try:
            check_page(data, since, limit)
        except BadData:
            return False
        return True

    return strategy, run


def card_target():
    """What a card answers: any certificate bytes, and any status words and data to the session's commands."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from device.card import CardError, Response
    from device.staff_card.certificate import CERTIFICATE_CONTEXT, encode_certificate_body
    from device.staff_card.session import StaffCardSession

    key = Ed25519PrivateKey.generate()
    body = encode_certificate_body(bytes(8), ["champion"], dt.date(2030, 1, 1), bytes(32))
    good = body + bytes([0x9E, 64]) + key.sign(CERTIFICATE_CONTEXT + body)

    def mutate(base: bytes, edits):
        data = bytearray(base)
        for position, value in edits:
            if data:
                data[position % len(data)] = value
        return bytes(data)

    certificate = (st.just(good) | st.binary(max_size=200) | st.builds(mutate, st.just(good), st.lists(
        st.tuples(st.integers(0, 500), st.integers(0, 255)), max_size=3)) | st.builds(
        lambda cut: good[:cut], st.integers(0, len(good))))
    sws = (st.just(0x9000) | st.sampled_from([0x9000, 0x6A82, 0x6A88, 0x6D00, 0x6E00, 0x6B00, 0x63C2, 0x6983, 0x6F00])
           | st.integers(0, 0xFFFF))
    strategy = st.tuples(certificate, sws, sws)

    class Card:
        def __init__(self, answers):
            self.answers = list(answers)

        def transmit(self, apdu):
            return self.answers.pop(0) if self.answers else Response(b"", 0x6F00)

    def run(case):
        data, select_sw, data_sw = case
        reader = Card([Response(b"", select_sw), Response(data, data_sw)])
        try:
            StaffCardSession(reader, aid=bytes.fromhex("F04A4F4250"), trusted_keys=[key.public_key()],
                             today=lambda: TODAY).open()
        except CardError:
            return False
        return True

    return strategy, run


TARGETS = {"search": (search_target, 3), "household": (household_target, 2), "cv": (cv_target, 1),
           "feed": (feed_target, 3), "office": (office_target, 3), "pages": (pages_target, 4),
           "card": (card_target, 4)}


def fuzz(name: str, cases: int, seed: int | None) -> tuple[int, int, list[str]]:
    """Run one target for ``cases`` examples, counting (not stopping at) failures.

    :returns: (cases run, failures, cases accepted, the first few failures described).
    """
    strategy, check = TARGETS[name][0]()
    counts, failures = [0, 0, 0], []

    @settings(max_examples=cases, database=None, deadline=None,
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(strategy)
    def one(case):
        counts[0] += 1
        try:
            counts[2] += bool(check(case))
        except Exception as error:  # noqa: BLE001 - anything here is a failure to count and show
            counts[1] += 1
            if len(failures) < 3:
                where = traceback.extract_tb(error.__traceback__)[-1]
                failures.append(f"{type(error).__name__}: {str(error)[:160]} at {Path(where.filename).name}:"
                                f"{where.lineno} on {repr(case)[:200]}")

    if seed is not None:
        one = hypothesis_seed(seed)(one)
    one()
    return counts[0], counts[1], counts[2], failures


def main(argv: list[str] | None = None) -> int:
    """Run the targets and print their figures; exit 1 if anything failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="examples in total, split by weight (100000)")
    parser.add_argument("--seed", type=int, help="hypothesis seed, to repeat a run exactly")
    parser.add_argument("--only", help="comma-separated targets: " + ", ".join(TARGETS))
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(TARGETS)
    unknown = [name for name in names if name not in TARGETS]
    if unknown or args.cases < 1:
        parser.error(f"unknown target {unknown[0]}" if unknown else "--cases must be at least 1")
    weights = sum(TARGETS[name][1] for name in names)
    total = failed = 0
    for name in names:
        share = max(1, args.cases * TARGETS[name][1] // weights)
        started = time.perf_counter()
        ran, failures, accepted, shown = fuzz(name, share, args.seed)
        total, failed = total + ran, failed + failures
        # "accepted" (found something, for search) shows the fuzzing reaches past the first checks.
        print(f"{name:10} {ran:8,} cases {failures:6,} failures {accepted:8,} accepted  "
              f"{time.perf_counter() - started:7.1f} s", flush=True)
        for line in shown:
            print(f"    {line}")
    print(f"fuzz: {total:,} cases, {failed:,} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

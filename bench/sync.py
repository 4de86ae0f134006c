"""Sync benchmark: a first sync of 300,000 vacancies, a 20,000-change delta under searches, 10,000 heartbeats/min.

    .venv/bin/python bench/sync.py [--vacancies 300000] [--delta 20000] [--kiosks 10000] [--seed 1]
    .venv/bin/python bench/sync.py --quick        # 20,000 / 2,000 / 1,000 kiosks at the same rates, under a minute

The full run takes about 6 minutes on an idle 2-core machine (10 with others busy), and loads both cores.

Everything is real: the central service runs under uvicorn in its own process on a loopback port with its SQLite
storage (``tests/sync/central_server.py``), and the kiosk syncs into a real cache file over HTTP with
``sync.vacancy_sync.VacancySync``, as ``kiosk sync --once`` does.

a. **First sync.** The demo generator's vacancies (``--vacancies`` open ones, plus the 5 % already closed that
   the generator makes on the way) are ingested into the service's feed (not timed); an empty kiosk cache then
   syncs them all (target 60 s). Baseline: the same open vacancies written straight into a fresh
   cache with the cache's own bulk insert (``kiosk.jobs.cache.store_vacancies``); the ratio is sync / baseline.
a2. **First sync from the snapshot** (``bench/sync_snapshot.py``): the service builds a snapshot; a new kiosk
   takes it and then the feed from its seq (target 30 s); the paged sync of a. is the baseline. Bytes on the wire
   of each, and a download cut at half way that must resume from there.
b. **Delta under searches.** The feed changes by ``--delta`` vacancies (half updated, a quarter withdrawn, a
   quarter new), three times. The kiosk syncs each on its own connection while the committed search queries
   (``bench/search_queries.toml``) run back to back on another: first in this process while the sync runs in a
   child process (``sync.vacancy_process``, as the app's sync worker now does), then in a thread beside a sync in
   the same process (as it did: sharing Python's interpreter lock), then in a process of their own. Targets: the
   delta in 15 s, search p95 during it 100 ms and max 250 ms. Baseline: the same searches, just before, with no
   sync running.
c. **Heartbeats.** ``--kiosks`` kiosks are enrolled straight into the service's database; each sends one real
   heartbeat (bearer credential, JSON body, its own new connection), paced evenly at 10,000 a minute
   (``--beat-seconds`` scales the window for quick runs). Target p99 100 ms. Baseline: the hand-off page (a GET
   that touches no database) at the same rate.

The load generator shares the machine with the service, and others may be using it too: the load average is
printed before each part. The last line printed is a one-line summary against the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is bench/sync.py: with bench/ first on the path, "import sync" would find this file, not the package.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"] + [str(ROOT / "bench")]

import requests

from kiosk.jobs.cache import open_cache, store_vacancies
from kiosk.jobs.demo_data import generate_vacancies
from kiosk.jobs.job_titles import load_job_titles
from kiosk.jobs.places import load_places
from kiosk.jobs.vacancies import check_vacancy
from sync.central.feed import apply_vacancies
from sync.credentials import enrol
from sync.vacancy_sync import PAGE_SIZE as PAGE_SIZE_DEFAULT
from sync.vacancy_process import sync_in_child
from sync.vacancy_sync import VacancySync
from sync_load import enrol_fleet, paced_requests, percentile
from sync_search import SearchProcess, open_search, run_searches, search_queries
from sync_snapshot import snapshot_first_sync
from tests.sync.central_server import OFFICE_CONFIG, CentralServer

TARGETS = {"first_s": 60.0, "snapshot_first_s": 30.0, "delta_s": 15.0, "search_p95_ms": 100.0, "search_max_ms": 250.0,
           "beat_p99_ms": 100.0}
BEATS_PER_MINUTE = 10_000


def load() -> str:
    """The machine's load average (1, 5, 15 min), to read the figures against."""
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def make_vacancies(open_count: int, seed: int, today: dt.date, places, titles, id_prefix: str = "") -> list[dict]:
    """Demo vacancies, checked as the service's ingest checks them, until ``open_count`` of them are open; the
    closed ones made on the way (about 5 %) are kept, as a real feed has them. ``id_prefix`` renames them, for new
    ones."""
    records, still_open, closed_before = [], 0, today.isoformat()
    # Ask for more than enough: the generator is deterministic, and stopping early keeps the same first records.
    for record in generate_vacancies(open_count + open_count // 5 + 10, seed, places, titles, today):
        if id_prefix:
            record = {**record, "id": id_prefix + record["id"]}
        records.append(check_vacancy(record))
        still_open += record["closes"] >= closed_before
        if still_open == open_count:
            break
    return records


def first_sync(server: CentralServer, records: list[dict], work: Path, today: dt.date) -> dict:
    """Part a: ingest into the service, sync an empty cache, and the bulk-insert baseline."""
    started = time.perf_counter()
    summary = apply_vacancies(server.storage, records, server.now())
    print(f"# feed: {summary.added:,} open vacancies ingested ({summary.closed:,} already closed, never sent) "
          f"in {time.perf_counter() - started:.0f} s (not timed)", flush=True)
    credential = enrol(server.url, server.token(), "bench-1", work / "credential.json")
    outcome: dict = {}
    timed_sync(work / "kiosk" / "vacancies.db", credential, outcome)
    if "report" not in outcome:
        raise SystemExit(f"the first sync failed: {outcome.get('error')}")
    report, first_s = outcome["report"], outcome["seconds"]
    fetch_s, apply_s, verify_s = outcome["stages"]
    size_mib = (work / "kiosk" / "vacancies.db").stat().st_size / 2**20

    open_records = [record for record in records if record["closes"] >= today.isoformat()]
    baseline_db = open_cache(work / "baseline" / "vacancies.db")
    started = time.perf_counter()
    store_vacancies(baseline_db, open_records)
    baseline_s = time.perf_counter() - started
    baseline_db.close()

    print(f"\n{'a. first sync':<44} {'vacancies':>10} {'seconds':>8} {'ratio':>6}")
    print(f"{'sync (fetch+stage, apply, verify)':<44} {report.vacancies:>10,} {first_s:>8.1f} "
          f"{first_s / baseline_s:>6.2f}")
    print(f"{'  of which fetch and stage (' + str(report.pages) + ' pages)':<44} {'':>10} {fetch_s:>8.1f}")
    print(f"{'  of which the apply transaction':<44} {'':>10} {apply_s:>8.1f}")
    print(f"{'  of which verifying count and checksum, before and after':<44} {'':>10} {verify_s:>8.1f}")
    print(f"{'baseline: store_vacancies, same records':<44} {len(open_records):>10,} {baseline_s:>8.1f} {1.0:>6.2f}")
    kiosk_db = open_cache(work / "kiosk" / "vacancies.db")
    free_mib = kiosk_db.execute("PRAGMA freelist_count").fetchone()[0] * kiosk_db.execute(
        "PRAGMA page_size").fetchone()[0] / 2**20
    kiosk_db.close()
    baseline_mib = (work / "baseline" / "vacancies.db").stat().st_size / 2**20
    print(f"cache {size_mib:,.0f} MiB, of which {free_mib:,.0f} MiB free pages (left by the staging area); the "
          f"baseline's cache {baseline_mib:,.0f} MiB; verified against the service's count and checksum: "
          f"{report.verified}")
    if not report.verified or report.vacancies != summary.added:
        print(f"!! the cache holds {report.vacancies:,}, the service sent {summary.added:,}")
    return {"first_s": first_s, "ratio": first_s / baseline_s, "vacancies": report.vacancies,
            "verified": report.verified, "credential": credential, "credential_path": work / "credential.json"}


def change_feed(server: CentralServer, records: list[dict], delta: int, seed: int, today: dt.date,
                places, titles, round_number: int) -> list[dict]:
    """Change ``delta`` vacancies in the service's feed: half updated, a quarter withdrawn, a quarter new.

    :returns: the feed's whole list afterwards, for the next round.
    """
    updates, withdrawn = delta // 2, delta // 4
    new = delta - updates - withdrawn
    open_records = [record for record in records if record["closes"] >= today.isoformat()]
    step = max(1, len(open_records) // (updates + withdrawn))
    picked = open_records[::step][:updates + withdrawn]
    gone = {record["id"] for record in picked[updates:]}
    note = f"\n\nUpdated {round_number}."
    changed = {record["id"]: check_vacancy({**record, "description": record["description"] + note})
               for record in picked[:updates]}
    listed = [changed.get(record["id"], record) for record in records if record["id"] not in gone]
    fresh = make_vacancies(new, seed + round_number, today, places, titles, id_prefix=f"new{round_number}-")
    listed += [record for record in fresh if record["closes"] >= today.isoformat()]
    started = time.perf_counter()
    summary = apply_vacancies(server.storage, listed, server.now(), full=True)
    print(f"# feed changed: {summary.updated:,} updated, {summary.withdrawn:,} withdrawn, {summary.added:,} new "
          f"in {time.perf_counter() - started:.0f} s (not timed)", flush=True)
    return listed


#: Changes asked for per page (``--page-size``); the kiosk's own default unless changed.
PAGE_SIZE = [PAGE_SIZE_DEFAULT]


def timed_sync(cache: Path, credential, outcome: dict) -> None:
    """Run one sync on its own connection (as the app's sync worker does), recording how long each stage took."""
    db = open_cache(cache)
    first: dict[str, float] = {}
    last: dict[str, float] = {}

    def mark(stage: str, _report) -> None:
        now = time.perf_counter()
        first.setdefault(stage, now)
        last[stage] = now

    started = time.perf_counter()
    try:
        outcome["report"] = VacancySync(db, credential.client(timeout=120), page_size=PAGE_SIZE[0],
                                        progress=mark).run()
    except Exception as error:  # noqa: BLE001 -- reported by the caller
        outcome["error"] = repr(error)
    outcome["seconds"] = time.perf_counter() - started
    # The sync checks the staged changes against the service's count and checksum ("verifying") before it applies
    # them ("applying"), then checks the cache again after: fetch and stage until the first check, the apply
    # transaction from "applying" to the last check, and both checks together as verifying.
    applying = first.get("applying", started)
    checking = min(first.get("verifying", applying), applying)
    final_check = max(last.get("verifying", applying), applying)
    done = first.get("done", final_check)
    outcome["stages"] = (checking - started, final_check - applying, (applying - checking) + (done - final_check))
    db.close()


def child_sync(cache: Path, credential_path: Path, outcome: dict) -> None:
    """Run one sync as the app's sync worker does: ``kiosk sync --vacancies-only --json`` in a child process."""
    started = time.perf_counter()
    try:
        outcome["report"] = sync_in_child(cache, credential_path, 120.0)
    except Exception as error:  # noqa: BLE001 -- reported by the caller
        outcome["error"] = repr(error)
    outcome["seconds"] = time.perf_counter() - started
    outcome["stages"] = None  # the child's stages are not seen from here


def delta_under_searches(cache: Path, credential, mode: str, search_seconds: float,
                         credential_path: Path | None = None) -> dict:
    """Part b: a delta syncs while searches run back to back: in a thread beside a sync in a child process (as the
    app does), in a thread beside a sync in the same process (as it did), or in another process."""
    outcome: dict = {}
    if mode in ("app", "thread"):
        # The searches in this process; the sync in a thread here that waits for a child (app) or does it (thread).
        target, args = (child_sync, (cache, credential_path, outcome)) if mode == "app" else \
            (timed_sync, (cache, credential, outcome))
        search = open_search(cache)
        queries = search_queries()
        until = time.perf_counter() + search_seconds
        quiet_ms, errors = run_searches(search, queries, lambda: time.perf_counter() < until)
        worker = threading.Thread(target=target, args=args, name="sync")
        worker.start()
        busy_ms, busy_errors = run_searches(search, queries, worker.is_alive)
        worker.join()
        errors += busy_errors
        search.db.close()
    else:
        searcher = SearchProcess(cache, search_seconds)
        searcher.wait_ready()
        timed_sync(cache, credential, outcome)
        quiet_ms, busy_ms, errors = searcher.stop()
    report = outcome.get("report")
    where = {"app": "the app, sync in a child (as now)", "thread": "a thread beside the sync (as before)",
             "process": "another process"}[mode]
    print(f"\n{'b. delta; searches in ' + where:<52} {'searches':>8} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'max ms':>7} {'ratio':>6}")
    for label, times in (("searches during the delta", busy_ms), ("baseline: the same searches, no sync", quiet_ms)):
        ratio = percentile(times, .95) / percentile(quiet_ms, .95)
        print(f"{label:<52} {len(times):>8,} {statistics.median(times):>7.1f} {percentile(times, .95):>7.1f} "
              f"{max(times):>7.1f} {ratio:>6.2f}")
    if report is None:
        print(f"!! the delta sync failed: {outcome.get('error')}")
    else:
        stages = ""
        if outcome["stages"] is not None:
            fetch_s, apply_s, verify_s = outcome["stages"]
            stages = f" (fetch and stage {fetch_s:.1f}, apply transaction {apply_s:.1f}, verify {verify_s:.1f})"
        print(f"delta: {report.changes:,} changes ({report.pages} page(s)), {report.applied:,} written, "
              f"{report.removed:,} removed, in {outcome['seconds']:.1f} s{stages}; verified: {report.verified}; "
              f"{report.vacancies:,} vacancies now; search errors: {len(errors)}"
              + (f" {sorted(set(errors))}" if errors else ""))
    return {"delta_s": outcome["seconds"] if report else float("inf"), "verified": bool(report and report.verified),
            "changes": report.changes if report else 0, "p95": percentile(busy_ms, .95),
            "p50": statistics.median(busy_ms), "quiet_p95": percentile(quiet_ms, .95), "errors": len(errors),
            "max": max(busy_ms)}


def heartbeat_body(number: int) -> dict:
    """A heartbeat as a kiosk sends it (docs/sync-protocol.md), varied a little by kiosk."""
    return {"app_version": "0.1.0", "config_version": "7", "uptime_s": 3600 + number, "last_sync_at":
            dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "cache_vacancies": 284742,
            "cache_bytes": 1_024_000_000, "cache_age_s": 600, "disk_free_bytes": 5_000_000_000,
            "last_crash_at": None, "last_crash_kind": None,
            "devices": [{"device": "card", "provider": "pcsc", "health": "present", "detail": "ACS ACR39U"},
                        {"device": "printer", "provider": "cups", "health": "ready", "detail": "queue kiosk: idle"},
                        {"device": "speech", "provider": "espeak", "health": "available", "detail": ""}]}


def heartbeats(server: CentralServer, kiosks: int, seconds: float, concurrency: int) -> dict:
    """Part c: one heartbeat from each of ``kiosks`` kiosks within ``seconds``; and the trivial GET baseline."""
    started = time.perf_counter()
    fleet = enrol_fleet(server.storage, kiosks, server.now(), office_config=OFFICE_CONFIG)
    print(f"# {kiosks:,} kiosks enrolled straight into the service's database in "
          f"{time.perf_counter() - started:.1f} s (not timed)", flush=True)
    rate = kiosks / seconds
    bodies = [heartbeat_body(number) for number in range(kiosks)]

    def beat(index: int) -> int:
        kiosk_id, credential = fleet[index]
        return requests.post(f"{server.url}/v1/kiosks/{kiosk_id}/heartbeat", json=bodies[index], timeout=30,
                             headers={"Authorization": f"Bearer {credential}"}).status_code

    def page(index: int) -> int:
        return requests.get(f"{server.url}/h/bench{index}", timeout=30).status_code

    results = {}
    for label, send in (("heartbeats", beat), ("baseline: GET /h/{id}", page)):
        print(f"# {load()}", flush=True)
        results[label] = paced_requests(send, kiosks, rate, concurrency)
    beat_t, base_t = results["heartbeats"], results["baseline: GET /h/{id}"]
    print(f"\n{'c. ' + f'{kiosks:,} requests at {rate * 60:,.0f} a minute':<44} {'sent in':>8} {'p50 ms':>7} "
          f"{'p99 ms':>7} {'max ms':>7} {'errors':>6} {'ratio':>6}")
    for label, timings in results.items():
        ratio = percentile(timings.latencies_ms, .99) / percentile(base_t.latencies_ms, .99)
        print(f"{label:<44} {timings.seconds:>7.1f}s {statistics.median(timings.latencies_ms):>7.1f} "
              f"{percentile(timings.latencies_ms, .99):>7.1f} {max(timings.latencies_ms):>7.1f} "
              f"{len(timings.errors):>6} {ratio:>6.2f}")
    print(f"most behind schedule a request was sent: heartbeats {beat_t.worst_lag_ms:.0f} ms, baseline "
          f"{base_t.worst_lag_ms:.0f} ms ({concurrency} sending threads)")
    if beat_t.errors:
        print(f"!! heartbeat errors: {sorted(set(beat_t.errors))}")
    return {"p50": statistics.median(beat_t.latencies_ms), "p99": percentile(beat_t.latencies_ms, .99),
            "errors": len(beat_t.errors), "rate_per_min": rate * 60, "base_p99": percentile(base_t.latencies_ms, .99)}


def verdict(ok: bool) -> str:
    return "ok" if ok else "over"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes at the same rates, for a quick check")
    parser.add_argument("--vacancies", type=int, help="open vacancies for the first sync (default 300,000)")
    parser.add_argument("--delta", type=int, help="changes in the delta (default 20,000)")
    parser.add_argument("--kiosks", type=int, help="kiosks sending a heartbeat each (default 10,000)")
    parser.add_argument("--beat-seconds", type=float, help="window the heartbeats are spread over (default: "
                                                           "kiosks at 10,000 a minute)")
    parser.add_argument("--search-seconds", type=float, help="how long the no-sync search baseline runs")
    parser.add_argument("--concurrency", type=int, default=24, help="heartbeat sending threads (default 24)")
    parser.add_argument("--page-size", type=int, default=PAGE_SIZE_DEFAULT,
                        help=f"changes per page, 1 to 5000 (default: the kiosk's {PAGE_SIZE_DEFAULT})")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    quick = {"vacancies": 20_000, "delta": 2_000, "kiosks": 1_000, "search_seconds": 3.0}
    full = {"vacancies": 300_000, "delta": 20_000, "kiosks": 10_000, "search_seconds": 10.0}
    for key, value in (quick if args.quick else full).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if min(args.vacancies, args.delta, args.kiosks) < 1 or args.delta > args.vacancies // 4:
        parser.error("--vacancies, --delta and --kiosks must be at least 1, and --delta at most a quarter of the "
                     "vacancies (three deltas are made)")
    if not 1 <= args.page_size <= 5000:
        parser.error("--page-size must be from 1 to 5000 (the protocol's limit)")
    PAGE_SIZE[0] = args.page_size
    beat_seconds = args.beat_seconds or args.kiosks * 60 / BEATS_PER_MINUTE

    import sqlite3
    print(f"# reproduce: .venv/bin/python bench/sync.py --vacancies {args.vacancies} --delta {args.delta} "
          f"--kiosks {args.kiosks} --beat-seconds {beat_seconds:g} --page-size {args.page_size} --seed {args.seed}")
    print(f"# {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}; {load()}")
    today = dt.date.today()
    places, titles = load_places(), load_job_titles()
    started = time.perf_counter()
    records = make_vacancies(args.vacancies, args.seed, today, places, titles)
    print(f"# {len(records):,} demo vacancies made and checked ({args.vacancies:,} open) in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        work = Path(folder)
        server = CentralServer(work / "central")
        try:
            print(f"# central service: uvicorn on {server.url}, SQLite {server.database_url.split('///')[1]}; "
                  f"{load()}", flush=True)
            a = first_sync(server, records, work, today)
            a2 = snapshot_first_sync(server, work, a, today)
            b = {}
            for number, mode in enumerate(("app", "thread", "process"), 1):
                records = change_feed(server, records, args.delta, args.seed, today, places, titles, number)
                print(f"# {load()}", flush=True)
                b[mode] = delta_under_searches(work / "kiosk" / "vacancies.db", a["credential"], mode,
                                               args.search_seconds, a["credential_path"])
            c = heartbeats(server, args.kiosks, beat_seconds, args.concurrency)
        finally:
            server.close()
    print(f"# after: {load()}")
    first_ok = a["first_s"] <= TARGETS["first_s"] and a["verified"]
    beat_ok = c["p99"] <= TARGETS["beat_p99_ms"] and c["errors"] == 0
    deltas = []
    for mode, label in (("app", "searching in the app, sync in a child"), ("thread", "searching beside it"),
                        ("process", "searching in another process")):
        result = b[mode]
        delta_ok = result["delta_s"] <= TARGETS["delta_s"] and result["verified"]
        search_ok = (result["p95"] <= TARGETS["search_p95_ms"] and result["max"] <= TARGETS["search_max_ms"]
                     and result["errors"] == 0)
        deltas.append(f"{result['delta_s']:.1f} s ({verdict(delta_ok)}) {label}, search p95 {result['p95']:.0f} ms "
                      f"max {result['max']:.0f} ms ({verdict(search_ok)}; p95 {result['quiet_p95']:.0f} without)")
    snapshot_ok = a2["seconds"] <= TARGETS["snapshot_first_s"] and a2["ok"]
    print(f"SUMMARY first sync {a['vacancies']:,} in {a['first_s']:.1f} s paged ({verdict(first_ok)}; "
          f"{a['ratio']:.2f}x bulk insert), {a2['seconds']:.1f} s from the snapshot ({verdict(snapshot_ok)}; "
          f"{a2['snapshot_bytes'] / 2**20:,.0f} MiB vs {a2['json_bytes'] / 2**20:,.0f} MiB paged, resumed after a "
          f"cut); delta {b['app']['changes']:,} in {' / '.join(deltas)}; heartbeats "
          f"{args.kiosks:,} at {c['rate_per_min']:,.0f}/min p99 {c['p99']:.0f} ms ({verdict(beat_ok)}; "
          f"trivial GET {c['base_p99']:.0f} ms); {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

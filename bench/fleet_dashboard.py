"""The fleet dashboard at national size: every page under 200 KB and 200 ms at 10,000 kiosks (issue #20, point 5).

    .venv/bin/python bench/fleet_dashboard.py                    # 10,000 kiosks in 600 offices
    .venv/bin/python bench/fleet_dashboard.py --kiosks 2000 --offices 120 --runs 3

A fresh SQLite central database gets ``--offices`` offices and ``--kiosks`` kiosks, each with a heartbeat like a
real kiosk's (97 % online, 3 % with the printer out of paper, three app versions). ``kiosk-central serve`` runs it
as a separate process on loopback, and a signed-in browser's requests fetch each page ``--runs`` times over real
HTTP: the fleet's first page, a later page of kiosks, a filter, a later page of offices, one office's page. For each
it prints the size and the median and slowest time, twice: with the fleet's state kept for 15 s (the default
``dashboard_cache_s``, as someone paging through the fleet finds it; then the first page twice more, each after
waiting past the 15 s, which a thread of the service has worked out again meanwhile) and worked out for every
page (0). Baseline,
measured in the same run: the JSON fleet overview's first page (``Accept: application/json``, which works out every
kiosk's state for each request, as the old page did, but since 2026-12-05 sends 100 kiosks a page), and each
page's median is printed as a ratio of it. The load average is printed too, as others may be using
the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import requests
from sqlalchemy import insert

from sync.central.passwords import add_user
from sync.central.schema import kiosks, offices
from sync.central.storage import Storage, open_storage

SIZE_TARGET, TIME_TARGET_S = 200 * 1024, 0.2
PASSWORD = "correct horse battery"
VERSIONS = ("0.3.0", "0.3.0", "0.3.0", "0.2.1", "0.2.0")


def seed_fleet(storage: Storage, kiosk_count: int, office_count: int, now: dt.datetime, seed: int = 1) -> None:
    """Offices and kiosks with a heartbeat each, written straight to the database (enrolling 10,000 kiosks through
    the API would take longer than the measurement).

    About 1 kiosk in 50 has sent no beat for an hour (offline), 1 in 100 never beat, 1 in 33 has its printer out
    of paper. Kiosk ``k`` is in office ``k % office_count``.

    :param storage: an empty central database.
    :param kiosk_count: how many kiosks.
    :param office_count: how many offices.
    :param now: the time the beats are measured from.
    :param seed: the random seed (the same fleet every time).
    """
    rnd = random.Random(seed)
    with storage.write() as conn:
        conn.execute(insert(offices), [{"office_id": f"office-{i:04d}", "name": f"Jobcentre {i:04d}",
                                        "config": json.dumps({"lha": {}, "local_help": []}), "config_version": 1,
                                        "updated_at": now} for i in range(office_count)])
        rows = []
        for k in range(kiosk_count):
            beat = {"app_version": rnd.choice(VERSIONS), "config_version": "1", "next_beat_s": 90,
                    "last_sync_at": (now - dt.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "cache_age_s": 600, "cache_vacancies": 300_000, "disk_free_bytes": 20 * 10**9,
                    "uptime_s": 3600, "devices": [
                        {"device": "card", "provider": "pcsc", "health": "present", "detail": ""},
                        {"device": "printer", "provider": "cups", "health": "ready", "detail": ""},
                        {"device": "speech", "provider": "espeak", "health": "available", "detail": ""}]}
            if rnd.random() < 0.03:
                beat["devices"][1].update(health="out_of_paper", detail="Tray 1 is empty")
            draw = rnd.random()
            last = None if draw < 0.01 else now - dt.timedelta(seconds=3600 if draw < 0.03 else rnd.randint(1, 89))
            rows.append({"kiosk_id": f"kiosk-{k:05d}", "office_id": f"office-{k % office_count:04d}",
                         "name": f"kiosk-{k:05d}", "credential_hash": f"{k:064x}", "enrolled_at": now,
                         "revoked": False, "last_beat_at": last, "last_beat": json.dumps(beat) if last else None})
        conn.execute(insert(kiosks), rows)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _signed_in(url: str) -> requests.Session:
    # The cookies are Secure (public_url is https) and this is plain http on loopback, so they are carried by hand.
    http = requests.Session()
    form = http.get(f"{url}/login", timeout=30)
    token = form.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    reply = http.post(f"{url}/login", data={"name": "alex", "password": PASSWORD, "csrf": token},
                      cookies={"jobpoint_signin": form.cookies["jobpoint_signin"]}, allow_redirects=False, timeout=30)
    if reply.status_code != 303:
        raise SystemExit(f"could not sign in: {reply.status_code} {reply.text[:200]}")
    http.cookies.set("jobpoint_session", reply.cookies["jobpoint_session"])
    return http


def _time(http: requests.Session, url: str, runs: int, accept: str = "text/html") -> tuple[int, list[float]]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        reply = http.get(url, headers={"Accept": accept}, timeout=120)
        times.append(time.perf_counter() - start)
        if reply.status_code != 200:
            raise SystemExit(f"{url}: {reply.status_code} {reply.text[:200]}")
        size = len(reply.content)
    return size, times


def _measure(database: str, keep_s: int, runs: int) -> bool:
    """Serve the database with ``dashboard_cache_s = keep_s``, fetch every page ``runs`` times and print the figures;
    True when every page is within both targets."""
    port = _free_port()
    env = {**os.environ, "JOBPOINT_CENTRAL_DATABASE_URL": database,
           "JOBPOINT_CENTRAL_PUBLIC_URL": "https://kiosks.example.gov.uk",
           "JOBPOINT_CENTRAL_SESSION_SECRET": "b" * 40, "JOBPOINT_CENTRAL_DASHBOARD_CACHE_S": str(keep_s)}
    server = subprocess.Popen([sys.executable, "-m", "sync.central.cli", "serve", "--port", str(port)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{url}/login", timeout=5)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    why = server.stderr.read().decode()[-2000:] if server.stderr else ""
                    raise SystemExit("the service did not start: " + why) from None
                time.sleep(0.2)
        http = _signed_in(url)
        size, first = _time(http, f"{url}/dashboard?refresh=off", 1)  # reads every beat once
        print(f"the first page after the service starts: {first[0] * 1000:.0f} ms")
        base_size, base_times = _time(http, f"{url}/dashboard", runs, accept="application/json")
        base = statistics.median(base_times)
        print(f"baseline: the JSON overview (every kiosk worked out, 100 sent), {base_size / 1024:,.0f} KiB, "
              f"median {base * 1000:.0f} ms")
        pages = {"first page": "/dashboard?refresh=off",
                 "kiosks page 40": "/dashboard?refresh=off&page=40",
                 "offline kiosks": "/dashboard?refresh=off&state=offline",
                 "with alerts, version 0.2.0": "/dashboard?refresh=off&alerts=yes&version=0.2.0",
                 "offices page 5": "/dashboard?refresh=off&offices_page=5",
                 "one office": "/dashboard?refresh=off&office=office-0007"}
        all_ok = True
        print(f"{'page':<28}{'KiB':>8}{'median ms':>11}{'max ms':>9}{'ratio':>8}")
        for name, path in pages.items():
            size, times = _time(http, url + path, runs)
            median = statistics.median(times)
            ok = size <= SIZE_TARGET and median <= TIME_TARGET_S
            all_ok &= ok
            print(f"{name:<28}{size / 1024:>8,.0f}{median * 1000:>11.0f}{max(times) * 1000:>9.0f}"
                  f"{median / base:>8.2f}{'' if ok else '  over target'}")
        if keep_s > 0:  # someone coming back after the kept state expired: worked out in the background since
            waited = []
            for _ in range(2):
                time.sleep(keep_s + 1)
                size, times = _time(http, f"{url}/dashboard?refresh=off", 1)
                waited += times
            ok = max(waited) <= TIME_TARGET_S
            all_ok &= ok
            print(f"{'first page, kept state expired':<28}{size / 1024:>8,.0f}{statistics.median(waited) * 1000:>11.0f}"
                  f"{max(waited) * 1000:>9.0f}{statistics.median(waited) / base:>8.2f}{'' if ok else '  over target'}"
                  f"  (after {keep_s + 1} s with no page, twice)")
        return all_ok
    finally:
        server.terminate()
        server.wait(30)


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and print the figures; 0 when every page is within both targets with the default
    ``dashboard_cache_s``, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=10_000)
    parser.add_argument("--offices", type=int, default=600)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/central.db"
        storage = open_storage(database)
        start = time.perf_counter()
        seed_fleet(storage, args.kiosks, args.offices, now)
        add_user(storage, "alex", PASSWORD, now)
        storage.close()
        print(f"fleet: {args.kiosks:,} kiosks in {args.offices:,} offices, written in "
              f"{time.perf_counter() - start:.1f} s")
        worst_ok = True
        for keep_s in (15, 0):
            print(f"\ndashboard_cache_s = {keep_s}: "
                  + ("the fleet's state kept 15 s (the default)" if keep_s else "worked out for every page"))
            ok = _measure(database, keep_s, args.runs)
            worst_ok &= ok or keep_s == 0  # 0 is for comparison: the targets are the default's
    print(f"targets: {SIZE_TARGET // 1024} KiB and {TIME_TARGET_S * 1000:.0f} ms (median) a page; "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0 if worst_ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The central service's limits, measured: memory under ten 100 MB request bodies, and ingest of hostile descriptions.

    python bench/central_limits.py                 # ten 100 MB bodies at once, then 1 MB hostile descriptions
    python bench/central_limits.py --bodies 4      # fewer bodies
    python bench/central_limits.py --baseline      # also with the limit raised to 1 GiB, as it was before (slow)

Memory: ``kiosk-central serve`` runs as its own process on a loopback port; N threads each POST a 100 MB JSON body
to /v1/enrol (no credential needed, so any caller can), half with a Content-Length and half chunked, all at once.
The figure is the service's peak resident memory (VmHWM) against its resident memory when idle. ``--baseline``
runs the same with ``max_body_bytes`` at 1 GiB, which is what the service did with no limit at all: each body is
read whole before anything refuses it.

Ingest: a JSON Lines file of three postings whose descriptions are 1 MB of a hostile pattern each, read by
``ingest_file`` into a fresh SQLite file (the description is cut to ``MAX_DESCRIPTION_CHARS`` first), and the same
1 MB given straight to ``html_to_text`` (no cut), for each pattern. Before this change html.parser took 16 s for
24 KB of "<a " (quadratic: a megabyte would take hours). Everything stops itself: bounded counts, timeouts on
every request, the server killed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MB = 1024 * 1024
PATTERNS = ["<a ", "<!--", "<p>&#1", "<" + "a" * 1000, "<a" + " x=1" * 10]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_central(folder: Path, extra_env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """``kiosk-central serve`` as its own process on a free loopback port, on a SQLite file in ``folder``; returns
    once it answers. The caller stops it (``terminate``/``kill``). Shared with tests/central/test_hostile_http.py.

    :param folder: where its database goes.
    :param extra_env: more settings, e.g. ``{"JOBPOINT_CENTRAL_MAX_BODY_BYTES": "1024"}``.
    :raises RuntimeError: when it does not answer within 30 s (it is killed first).
    """
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JOBPOINT_CENTRAL_DATABASE_URL": f"sqlite:///{folder}/c.db",
           "JOBPOINT_CENTRAL_SESSION_SECRET": "b" * 40, **(extra_env or {})}
    process = subprocess.Popen([sys.executable, "-m", "sync.central.cli", "serve", "--port", str(port)], cwd=ROOT,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(url + "/v1/rates", timeout=2)
            return process, url
        except requests.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("kiosk-central serve did not start") from None
            time.sleep(0.1)


def _memory_kb(pid: int) -> tuple[int, int]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def measure_bodies(count: int, size_mb: int, max_body_bytes: int | None) -> dict:
    """Start the service, send ``count`` bodies of ``size_mb`` at once, and return its memory and the replies.

    :param count: how many bodies, sent in parallel.
    :param size_mb: each body's size.
    :param max_body_bytes: the service's limit (None: its default).
    """
    folder = Path(tempfile.mkdtemp(prefix="jobpoint-bench-"))
    extra = {} if max_body_bytes is None else {"JOBPOINT_CENTRAL_MAX_BODY_BYTES": str(max_body_bytes)}
    server, url = serve_central(folder, extra)
    try:
        idle_kb, _ = _memory_kb(server.pid)
        body = b"{" + b" " * (size_mb * MB - 1)
        replies: list[str] = []

        def chunks():
            for start in range(0, len(body), 1 << 20):
                yield body[start:start + (1 << 20)]

        def send(number: int) -> None:
            data = body if number % 2 == 0 else chunks()
            try:
                reply = requests.post(url + "/v1/enrol", data=data, headers={"Content-Type": "application/json"},
                                      timeout=120)
                replies.append(str(reply.status_code))
            except requests.RequestException as error:
                replies.append(type(error).__name__)

        started = time.perf_counter()
        threads = [threading.Thread(target=send, args=(n,)) for n in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
        seconds = time.perf_counter() - started
        alive = requests.get(url + "/v1/rates", timeout=10).status_code == 401 and server.poll() is None
        rss_kb, peak_kb = _memory_kb(server.pid)
        return {"idle_mb": idle_kb / 1024, "peak_mb": peak_kb / 1024, "after_mb": rss_kb / 1024,
                "replies": sorted(replies), "seconds": seconds, "alive": alive}
    finally:
        server.kill()
        server.wait(10)


def measure_ingest() -> list[tuple[str, float, float, str]]:
    """(pattern, html_to_text seconds on 1 MB, ingest seconds for a 3-line file of 1 MB descriptions, outcome)."""
    from sync.central.html_text import html_to_text
    from sync.central.ingest import ingest_file
    from sync.central.storage import open_storage
    from tests.central.helpers import NOW
    from tests.central.test_ingest import GOOD

    rows = []
    for pattern in PATTERNS:
        text = pattern * (MB // len(pattern))
        started = time.perf_counter()
        html_to_text(text)
        parse_s = time.perf_counter() - started
        folder = Path(tempfile.mkdtemp(prefix="jobpoint-bench-"))
        feed = folder / "feed.jsonl"
        feed.write_text("".join(json.dumps({**GOOD, "identifier": f"h{n}", "description": "<p>" + text}) + "\n"
                                for n in range(3)))
        storage = open_storage(f"sqlite:///{folder}/c.db")
        started = time.perf_counter()
        result = ingest_file(storage, feed, NOW)
        ingest_s = time.perf_counter() - started
        storage.close()
        outcome = f"{result.applied.added} kept, {result.refused_count} refused"
        rows.append((pattern[:12], parse_s, ingest_s, outcome))
    return rows


def main() -> None:
    """Run both measurements and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bodies", type=int, default=10, help="how many bodies at once (default 10)")
    parser.add_argument("--size-mb", type=int, default=100, help="each body's size in MB (default 100)")
    parser.add_argument("--baseline", action="store_true", help="also run with the limit at 1 GiB (no limit)")
    args = parser.parse_args()
    runs = [("limit 2 MiB (default)", None)] + ([("limit 1 GiB (as before)", 1 << 30)] if args.baseline else [])
    print(f"{args.bodies} bodies of {args.size_mb} MB at once to POST /v1/enrol:")
    for label, limit in runs:
        got = measure_bodies(args.bodies, args.size_mb, limit)
        print(f"  {label}: idle {got['idle_mb']:.0f} MB, peak {got['peak_mb']:.0f} MB "
              f"(+{got['peak_mb'] - got['idle_mb']:.0f} MB), after {got['after_mb']:.0f} MB; "
              f"{got['seconds']:.1f} s; replies {', '.join(got['replies'])}; alive: {got['alive']}")
    print("1 MB hostile descriptions (html_to_text on the whole MB; ingest of 3 such lines, cut first):")
    for pattern, parse_s, ingest_s, outcome in measure_ingest():
        print(f"  {pattern!r:16} html_to_text {parse_s:6.3f} s   ingest {ingest_s:6.3f} s   {outcome}")


if __name__ == "__main__":
    main()

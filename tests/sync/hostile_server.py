"""A hostile (or broken) central service: a real HTTP server on loopback that serves the changes feed wrongly.

    server = HostileServer()                      # serves a correct feed at server.url
    server.publish([vacancy(1), vacancy(2)])      # the feed's new state: upserts and tombstones, seqs growing
    server.mode = "gzip_bomb"                     # from now on, each changes page is answered this way
    server.close()

The feed is kept as the real service keeps it (docs/sync-protocol.md): one row per vacancy, its latest change, with
a server-wide ``seq``; pages hold the rows after ``since`` in seq order; the last has the snapshot. Each mode in
``MODES`` spoils the answer in one way a hostile peer, a captive portal or a broken proxy could. Everything is
bounded: a streamed or dripped answer stops after ``STREAM_LIMIT`` bytes or ``DRIP_SECONDS``, or when the server
closes, so a client without limits fails its test rather than hanging it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import http.server
import json
import threading
import time

from sync.checksum import records_snapshot
from tests.sync.records import vacancy

#: Each mode and what it does to the changes feed.
MODES = {
    "ok": "a correct feed",
    "truncated_json": "the JSON cut off half-way, with a Content-Length that matches what is sent",
    "wrong_checksum": "the last page's snapshot has another checksum",
    "wrong_count": "the last page's snapshot counts one vacancy more",
    "error500_mid": "the second page of a run answers 500",
    "endless_pages": "has_more is always true, with new vacancies and growing seqs on every page",
    "huge_page": "a 150 MB page streamed with no Content-Length",
    "huge_declared": "a Content-Length of 150 MB",
    "gzip_bomb": "200 KB of gzip that un-gzips to 200 MB",
    "drip_body": "a correct page, one byte every 0.25 s",
    "drip_headers": "the status line and headers, one byte every 0.25 s",
    "missing_seq": "changes with no seq, and a next_cursor that does not move",
    "repeated_seq": "every change on a page has the same seq",
    "reordered": "the changes on each page in falling seq order",
    "stale_page": "always the first page of the feed, whatever since was asked for",
    "stuck_cursor": "has_more with no changes and next_cursor equal to since",
    "more_than_asked": "twice as many changes as the limit asked for",
    "all_refused": "every vacancy without a title",
    "some_refused": "one vacancy in twenty without a title",
    "captive_portal": "200 text/html: a network sign-in page",
    "redirect": "302 to a sign-in page",
    "wrong_content_type": "the correct page as text/plain",
    "deep_nesting": "JSON nested 100,000 deep",
    "value_bomb": "a page padded with a million empty objects ('[{},{},...]', 3 MB)",
    "nan": "a NaN in the page",
    "many_values": "every page padded with as many empty objects as the kiosk accepts ('[{},{},...]')",
    "unknown_vacancy": "a correct feed plus a tombstone for a vacancy nobody has",
    "resync_wrong_count": "410 cursor_too_old for the kiosk's cursor, then a full feed whose snapshot counts one more",
    "busy_mid": "the second page of a run answers 503 busy with Retry-After: 45",
    "busy_for_ever": "503 busy with a Retry-After of 10^40 seconds",
    "busy_date": "429 with a Retry-After as an HTTP date two minutes ahead",
    "busy_garbage": "503 with a Retry-After that is not seconds or a date",
    "emoji_padding": "every page padded to the kiosk's byte limit with text holding one emoji (4 bytes a "
                     "character parsed)",
}

STREAM_LIMIT = 150 * 1024 * 1024
DRIP_SECONDS = 60.0
DRIP_GAP = 0.25
_BOMB = gzip.compress(b'{"since": 0, "padding": "' + b"0" * (200 * 1024 * 1024) + b'"}', compresslevel=9)


class HostileServer:
    """The server; see the module docstring. ``requests`` counts the changes pages asked for."""

    def __init__(self) -> None:
        self._mode = "ok"
        self.mode_requests = 0
        self.seq = 0
        self.rows: dict[str, tuple[int, dict]] = {}
        self.records: dict[str, dict] = {}
        self.requests = 0
        self.stopping = threading.Event()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # a kiosk hanging up is expected here
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._padding: bytes | None = None
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def mode(self) -> str:
        """How the changes pages are answered (a key of ``MODES``); setting it restarts ``mode_requests``."""
        return self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        assert mode in MODES, mode
        self._mode, self.mode_requests = mode, 0

    def close(self) -> None:
        """Stop serving (dripping and streaming answers end too)."""
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def publish(self, records: list[dict]) -> None:
        """Make ``records`` the open vacancies: new and changed ones are upserted, missing ones tombstoned."""
        wanted = {record["id"]: record for record in records}
        for vacancy_id in [v for v in self.records if v not in wanted]:
            self._append(vacancy_id, {"op": "delete", "id": vacancy_id})
        for vacancy_id, record in wanted.items():
            if self.records.get(vacancy_id) != record:
                self._append(vacancy_id, {"op": "upsert", "vacancy": record})
        self.records = dict(wanted)

    def prepare_padding(self, size: int) -> None:
        """Build the padding of ``emoji_padding`` (``size`` bytes) and ``many_values`` (``size`` objects) before a
        test measures memory: it is the server's, not the kiosk's."""
        if self.mode == "many_values":
            self._padding = b"{}," * (size - 1) + b"{}"
        else:
            self._padding = ("\U0001F600" + "a" * (size - 4)).encode()

    def _append(self, vacancy_id: str, change: dict) -> None:
        self.seq += 1
        self.rows[vacancy_id] = (self.seq, change)

    def page(self, since: int, limit: int) -> dict:
        """The correct page after ``since``."""
        after = sorted((seq, change) for seq, change in self.rows.values() if seq > since)
        chosen = after[:limit]
        more = len(after) > limit
        page = {"since": since, "next_cursor": chosen[-1][0] if more else self.seq, "has_more": more,
                "changes": [{"seq": seq, **change} for seq, change in chosen], "snapshot": None}
        if not more:
            count, checksum = records_snapshot(self.records.values(), dt.date.today().isoformat())
            page["snapshot"] = {"as_of": dt.date.today().isoformat(), "count": count, "checksum": checksum}
        return page


def _handler(server: HostileServer):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet: pytest shows stderr of failing tests only
            pass

        def do_GET(self) -> None:  # http.server's name for it
            path, _, query = self.path.partition("?")
            params = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
            if path != "/v1/vacancies/changes":
                self._send(404, b'{"error": "not_found"}')
                return
            server.requests += 1
            server.mode_requests += 1
            since, limit = int(params.get("since", 0)), int(params.get("limit", 2000))
            try:
                self._serve(server.mode, since, limit)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the kiosk gave up on the answer: what the limits are for

        def _send(self, status: int, body: bytes, kind: str = "application/json", headers=()) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, page) -> None:
            self._send(200, json.dumps(page).encode())

        def _serve(self, mode: str, since: int, limit: int) -> None:  # one branch a mode, on purpose
            page = server.page(since, limit)
            body = json.dumps(page).encode()
            if mode in ("ok", "wrong_checksum", "wrong_count", "unknown_vacancy", "error500_mid"):
                if mode == "error500_mid" and server.mode_requests == 2:
                    self._send(500, b'{"error": "boom", "message": "hostile."}')
                    return
                if page["snapshot"] and mode == "wrong_checksum":
                    page["snapshot"]["checksum"] = "0" * 64
                if page["snapshot"] and mode == "wrong_count":
                    page["snapshot"]["count"] += 1
                if mode == "unknown_vacancy":  # one fewer, so the tombstone keeps the page within the limit
                    page = server.page(since, limit - 1)
                if page["snapshot"] and mode == "unknown_vacancy":
                    server.seq += 1
                    page["changes"].append({"seq": server.seq, "op": "delete", "id": "nobody-has-this"})
                    page["next_cursor"] = server.seq
                self._json(page)
            elif mode == "resync_wrong_count":
                if since and server.mode_requests == 1:  # the kiosk's cursor, not the resync's own pages
                    self._send(410, b'{"error": "cursor_too_old", "message": "hostile."}')
                    return
                if page["snapshot"]:
                    page["snapshot"]["count"] += 1
                self._json(page)
            elif mode == "truncated_json":
                self._send(200, body[: len(body) // 2])
            elif mode == "endless_pages":
                first = server.seq + 1
                server.seq += limit
                changes = [{"seq": first + n, "op": "upsert", "vacancy": {**vacancy(1), "id": f"e{first + n}"}}
                           for n in range(min(limit, 200))]
                self._json({"since": since, "next_cursor": server.seq, "has_more": True, "changes": changes,
                            "snapshot": None})
            elif mode in ("huge_page", "huge_declared"):
                self._stream(declared=mode == "huge_declared")
            elif mode == "gzip_bomb":
                self._send(200, _BOMB, headers=[("Content-Encoding", "gzip")])
            elif mode == "drip_body":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self._drip(body)
            elif mode == "drip_headers":
                head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                        "X-Padding: " + "x" * 4000 + "\r\n\r\n").encode()
                self._drip(head + body)
            elif mode in ("missing_seq", "repeated_seq", "reordered", "stale_page", "more_than_asked"):
                if mode == "stale_page":
                    page = server.page(0, limit)
                if mode == "more_than_asked":
                    page = server.page(since, limit * 2)
                    page["changes"] += [{**page["changes"][-1], "seq": page["next_cursor"] + n + 1}
                                        for n in range(limit * 2 - len(page["changes"]))]
                    page["next_cursor"] = page["changes"][-1]["seq"]
                for change in page["changes"]:
                    if mode == "missing_seq":
                        del change["seq"]
                    elif mode == "repeated_seq":
                        change["seq"] = page["changes"][0]["seq"] if "seq" in page["changes"][0] else since + 1
                if mode == "missing_seq":
                    page.update(next_cursor=since, has_more=True)
                if mode == "reordered":
                    page["changes"].reverse()
                self._json(page)
            elif mode == "stuck_cursor":
                self._json({"since": since, "next_cursor": since, "has_more": True, "changes": [], "snapshot": None})
            elif mode in ("all_refused", "some_refused"):
                for number, change in enumerate(page["changes"]):
                    if change["op"] == "upsert" and (mode == "all_refused" or number % 20 == 0):
                        change["vacancy"] = {**change["vacancy"], "title": ""}
                self._json(page)
            elif mode.startswith("busy_"):
                if mode == "busy_mid" and server.mode_requests != 2:
                    self._json(page)
                    return
                wait = {"busy_mid": "45", "busy_for_ever": "1" + "0" * 40, "busy_garbage": "soon, maybe " * 300,
                        "busy_date": email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2),
                                                                 usegmt=True)}[mode]
                self._send(429 if mode == "busy_date" else 503, b'{"error": "busy", "message": "hostile."}',
                           headers=[("Retry-After", wait)])
            elif mode == "captive_portal":
                self._send(200, b"<!doctype html><title>Sign in to FreeWiFi</title><form>...</form>", "text/html")
            elif mode == "redirect":
                self._send(302, b"", "text/html", headers=[("Location", "http://127.0.0.1:9/login")])
            elif mode == "wrong_content_type":
                self._send(200, body, "text/plain")
            elif mode == "deep_nesting":
                self._send(200, b"[" * 100_000 + b"]" * 100_000)
            elif mode == "value_bomb":
                self._send(200, body[:-1] + b', "padding": [' + b"{}," * 1_000_000 + b"{}]}")
            elif mode == "nan":
                self._send(200, body[:-1] + b', "padding": NaN}')
            elif mode == "emoji_padding":
                self._send(200, body[:-1] + b', "padding": "' + (server._padding or b"") + b'"}')
            elif mode == "many_values":
                self._send(200, body[:-1] + b', "padding": [' + (server._padding or b"") + b']}')
            else:
                raise AssertionError(f"unknown mode {mode}")

        def _stream(self, declared: bool) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if declared:
                self.send_header("Content-Length", str(STREAM_LIMIT))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            chunk = b'{"since": 0, "padding": "' + b"x" * 65_000
            sent = 0
            while sent < STREAM_LIMIT and not server.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
                chunk = b"x" * 65_536
            self.close_connection = True

        def _drip(self, data: bytes) -> None:
            ends = time.monotonic() + DRIP_SECONDS
            for byte in data:
                if server.stopping.is_set() or time.monotonic() > ends:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(DRIP_GAP)
            self.close_connection = True

    return Handler

"""A fault-injecting HTTP proxy between the kiosk's client and the real central service.

    proxy = FaultProxy(upstream_port=server.port)     # proxy.url goes where the kiosk expects the service
    proxy.inject("cut")                               # the next request: headers and half the body, then closed
    proxy.down(); proxy.up()                          # connections refused, then accepted again

Each injected fault applies to one request, in order; requests with no fault pending pass through untouched.
Faults marked (after) let the request reach the service first, so the service has acted on it but the kiosk never
hears so: the case that makes "exactly once" hard.

- ``pass``: no fault (to let a request through before a fault meant for a later one).
- ``drop``: close the connection without a reply.
- ``busy``: answer 503 busy with ``Retry-After: 600`` without asking the service (a busy worker's refusal).
- ``error500``: answer 500 without asking the service; ``error500_after``: the service acts, the kiosk gets 500.
- ``slow``: (after) wait ``slow_s`` before replying (set it beyond the client's timeout).
- ``cut``: (after) send the headers and half the body, then close.
- ``truncate_gzip``: (after) send only the first half of a gzip body, with a Content-Length that matches it.
- ``corrupt_gzip``: (after) flip bytes in the middle of a gzip body.
- ``corrupt_json``: (after) replace the body with JSON cut short (not compressed).
- ``duplicate``: (after) answer with the reply to the previous request for the same path (an earlier page).
- ``out_of_order``: (after) answer with the reply to the first request for the same path.
"""

from __future__ import annotations

import collections
import socket
import socketserver
import threading
import time

FAULTS = ("pass", "drop", "busy", "error500", "error500_after", "slow", "cut", "truncate_gzip", "corrupt_gzip",
          "corrupt_json", "duplicate", "out_of_order")


def _read_message_head(sock: socket.socket, buffer: bytes = b"") -> tuple[bytes, bytes]:
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the headers ended")
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    return head, rest


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


def _with_header(head: bytes, name: bytes, value: bytes | None) -> bytes:
    """The head with header ``name`` replaced by ``value`` (or removed when None)."""
    lines = [line for line in head.split(b"\r\n") if line.partition(b":")[0].strip().lower() != name.lower()]
    if value is not None:
        lines.append(name + b": " + value)
    return b"\r\n".join(lines)


class FaultProxy:
    """The proxy; see the module docstring.

    :param upstream_port: the central service's port on 127.0.0.1.
    :param slow_s: how long ``slow`` waits.
    """

    def __init__(self, upstream_port: int, slow_s: float = 3.0) -> None:
        self.upstream_port = upstream_port
        self.slow_s = slow_s
        #: Pending faults in order, each with the path its request must start with (None: any request).
        self.faults: collections.deque[tuple[str, str | None]] = collections.deque()
        self.applied: list[str] = []
        self.history: dict[str, list[tuple[bytes, bytes]]] = collections.defaultdict(list)
        self.lock = threading.Lock()
        self.server = self._listen(0)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def _listen(self, port: int):
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                try:
                    proxy._handle(self.request)
                except OSError:
                    pass  # the client gave up (a timeout): nothing to do

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        server = Server(("127.0.0.1", port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def inject(self, *faults: str, path: str | None = None) -> None:
        """Apply these faults to the next requests, one each.

        :param path: only to requests whose path starts with this ("/v1/vacancies"): a worker's heartbeat, sent
            in between, passes untouched instead of taking a fault meant for its sync. Others wait their turn.
        """
        unknown = set(faults) - set(FAULTS)
        assert not unknown, unknown
        with self.lock:
            self.faults.extend((fault, path) for fault in faults)

    def down(self) -> None:
        """Stop listening: connections are refused."""
        self.server.shutdown()
        self.server.server_close()

    def up(self) -> None:
        """Listen again on the same port."""
        self.server = self._listen(self.port)

    def close(self) -> None:
        """Stop for good."""
        self.down()

    def _next_fault(self, path: str) -> str | None:
        with self.lock:
            if not self.faults or not path.startswith(self.faults[0][1] or ""):
                return None
            fault = self.faults.popleft()[0]
            self.applied.append(fault)
            return fault

    def _handle(self, client: socket.socket) -> None:
        head, rest = _read_message_head(client)
        length = _content_length(head)
        while len(rest) < length:
            chunk = client.recv(65536)
            if not chunk:
                return
            rest += chunk
        path = head.split(b"\r\n", 1)[0].split(b" ")[1].split(b"?")[0].decode()
        fault = self._next_fault(path)
        if fault == "drop":
            return
        if fault == "busy":
            client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                           b"Retry-After: 600\r\nContent-Length: 44\r\nConnection: close\r\n\r\n"
                           b'{"error": "busy", "message": "fault proxy."}')
            return
        if fault == "error500":
            client.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 44\r\nConnection: close\r\n\r\n"
                           b'{"error": "boom", "message": "fault proxy."}')
            return
        response_head, body = self._forward(_with_header(head, b"Connection", b"close") + b"\r\n\r\n" + rest)
        response_head = _with_header(response_head, b"Connection", b"close")
        earlier = list(self.history[path])
        self.history[path].append((response_head, body))
        if fault == "error500_after":
            client.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        if fault == "slow":
            time.sleep(self.slow_s)
        elif fault == "cut":
            client.sendall(response_head + b"\r\n\r\n" + body[: len(body) // 2])
            return
        elif fault in ("truncate_gzip", "corrupt_gzip"):
            if fault == "truncate_gzip":
                body = body[: len(body) // 2]
            else:
                middle = len(body) // 2
                body = body[:middle] + bytes(b ^ 0x5A for b in body[middle:middle + 16]) + body[middle + 16:]
        elif fault == "corrupt_json":
            body = b'{"since": 0, "next_cursor": 12, "has_more": tr'
            response_head = _with_header(response_head, b"Content-Encoding", None)
        elif fault in ("duplicate", "out_of_order") and earlier:
            response_head, body = earlier[-1] if fault == "duplicate" else earlier[0]
        client.sendall(_with_header(response_head, b"Content-Length", str(len(body)).encode()) + b"\r\n\r\n" + body)

    def _forward(self, request: bytes) -> tuple[bytes, bytes]:
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=60) as upstream:
            upstream.sendall(request)
            head, rest = _read_message_head(upstream)
            length = _content_length(head)
            while len(rest) < length:
                chunk = upstream.recv(65536)
                if not chunk:
                    break
                rest += chunk
        return head, rest

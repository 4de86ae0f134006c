"""A deadline for a whole HTTP request, not for each read: a watchdog that cuts the connection when time is up.

    adapter = DeadlineAdapter()
    session.mount("http://", adapter); session.mount("https://", adapter)
    with Deadline(30.0) as deadline:           # this thread's next request must be over in 30 s
        response = session.get(url, timeout=(5, 20), stream=True)
        for chunk in response.iter_content(65536):
            deadline.check()
    deadline.expired                           # True if the watchdog had to cut the connection

A ``requests`` timeout bounds each wait for bytes, so a server that sends one byte every few seconds never times
out (docs.python-requests.org, "Timeouts"). Checking the clock between reads is not enough either: a read waits for
a full buffer, and the status line and headers are read before any code of ours runs. So the connections this
adapter makes note themselves on the thread's current ``Deadline``, and when it expires a timer shuts the socket
down: whatever the request is waiting for ends at once with a closed connection, which the caller reports as too
slow because ``expired`` is set. (A TLS handshake still in progress has no socket to cut yet; it is bounded by the
connect and read timeouts.)
"""

from __future__ import annotations

import socket
import threading
import time

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()


class Deadline:
    """The time limit for the requests this thread makes inside ``with``.

    :param seconds: how long the whole request (connection, headers, body) may take.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._connection: HTTPConnection | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._outer = getattr(_current, "deadline", None)
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _current.deadline = self._outer

    def check(self) -> None:
        """Cut the connection now if the deadline has passed (between reads, as well as the timer)."""
        if time.monotonic() >= self.ends:
            self._expire()

    def watch(self, connection: HTTPConnection) -> None:
        """Note the connection this request uses (the adapter's connections call this)."""
        with self._lock:
            self._connection = connection
        if self.expired:
            self._cut()

    def _expire(self) -> None:
        self.expired = True
        self._cut()

    def _cut(self) -> None:
        with self._lock:
            sock = getattr(self._connection, "sock", None)
        if sock is not None:
            try:
                # shutdown (not close) wakes a recv() blocked in another thread, and the fd stays the owner's to close.
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


def _note(connection: HTTPConnection) -> None:
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.watch(connection)


class _Watched:
    """Mixed into urllib3's connections: each request notes its connection on the thread's deadline."""

    def connect(self) -> None:
        _note(self)  # type: ignore[arg-type]
        super().connect()  # type: ignore[misc]

    def request(self, *args, **kwargs) -> None:
        _note(self)  # type: ignore[arg-type]
        super().request(*args, **kwargs)  # type: ignore[misc]


class _WatchedConnection(_Watched, HTTPConnection):
    pass


class _WatchedTLSConnection(_Watched, HTTPSConnection):
    pass


class _Pool(HTTPConnectionPool):
    ConnectionCls = _WatchedConnection


class _TLSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedTLSConnection


_POOLS = {"http": _Pool, "https": _TLSPool}


class DeadlineAdapter(HTTPAdapter):
    """A ``requests`` adapter whose connections a ``Deadline`` can cut (through a proxy too)."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        """Make the pool manager, with pools of watched connections."""
        super().init_poolmanager(*args, **kwargs)
        # A new dict: the default one is urllib3's module-level table, shared by every pool manager.
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, *args, **kwargs):
        """The proxy's pool manager, with pools of watched connections."""
        manager = super().proxy_manager_for(*args, **kwargs)
        if hasattr(manager, "pool_classes_by_scheme"):
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager

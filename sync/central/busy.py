"""Load shedding: a worker with too many requests in hand asks kiosks' background calls to come back later.

    app.add_middleware(RefuseWhenBusy, most_in_hand=settings.busy_in_flight, retry_after_s=settings.busy_retry_after_s)

When the whole fleet starts within minutes (a Monday morning, a power cut ending), requests queue in each worker
and every one waits longer; past a point kiosks time out, retry at once and make it worse. So a worker that already
has ``most_in_hand`` requests in hand answers a kiosk's *deferrable* call (a heartbeat, a changes page, its office
config, the rates, its usage counts, the snapshot manifest, an update check) at once with ``503`` and a
``Retry-After`` of ``retry_after_s`` to twice that, spread at random so the refused kiosks do not all come back
together. The kiosk waits at least that long (``sync.client.Busy``). Nothing a person is waiting for is refused
this way: help requests, hand-offs, the dashboard and sign-in are always let in (and counted), and snapshot and
release downloads are neither refused nor counted (they are long and mostly waiting on the network; nginx serves
them in production).

Plain ASGI, like ``body_limit``: the count is of requests between arriving and their last byte sent, in this worker
(each worker decides for itself, which is what matters: it is its own queue that grows). A worker that refused
any logs how many, at most once a minute, so office IT can see a fleet that is too big for its workers.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger("jobpoint.central")

#: The calls a kiosk makes in the background, which can wait: (method, path pattern).
DEFERRABLE = tuple((method, re.compile(pattern)) for method, pattern in (
    ("POST", r"/v1/kiosks/[^/]+/heartbeat"),
    ("POST", r"/v1/kiosks/[^/]+/usage"),
    ("GET", r"/v1/vacancies/changes"),
    ("GET", r"/v1/vacancies/snapshot"),
    ("GET", r"/v1/offices/[^/]+/config"),
    ("GET", r"/v1/rates"),
    ("GET", r"/v1/update"),
))
#: Seconds between two log lines about refusals.
LOG_EVERY_S = 60
#: Long downloads, neither refused nor counted.
NOT_COUNTED = re.compile(r"/v1/vacancies/snapshot/files/|/v1/releases/")


def deferrable(method: str, path: str) -> bool:
    """True for a kiosk's background call, which a busy worker may ask to come back later.

    >>> deferrable("POST", "/v1/kiosks/k1/heartbeat"), deferrable("POST", "/v1/kiosks/k1/help-requests")
    (True, False)
    """
    return any(method == wanted and pattern.fullmatch(path) for wanted, pattern in DEFERRABLE)


def busy_message(seconds: int) -> str:
    """The plain-English 503 message.

    :param seconds: the Retry-After given.
    """
    return f"The service is busy. Try again in {seconds} seconds."


class RefuseWhenBusy:
    """Answer a kiosk's deferrable call with 503 and Retry-After while this worker has too many requests in hand.

    :param app: the app.
    :param most_in_hand: requests in hand at which deferrable calls are refused (0: never refuse).
    :param retry_after_s: the least Retry-After; each refusal gives a random one up to twice this.
    :param rng: a random number in [0, 1) (replaced in tests).
    """

    def __init__(self, app: ASGIApp, most_in_hand: int, retry_after_s: int,
                 rng: Callable[[], float] = random.random) -> None:
        self.app = app
        self.most_in_hand = most_in_hand
        self.retry_after_s = retry_after_s
        self.rng = rng
        self.in_hand = 0
        self.refused = 0
        self._logged_at, self._logged_count = time.monotonic(), 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse at once, or pass the request on and count it while it is in hand."""
        if scope["type"] != "http" or NOT_COUNTED.match(scope["path"]):
            await self.app(scope, receive, send)
            return
        if self.most_in_hand and self.in_hand >= self.most_in_hand and deferrable(scope["method"], scope["path"]):
            self.refused += 1
            await self._refuse(send)
            if time.monotonic() - self._logged_at >= LOG_EVERY_S:
                log.warning("busy: %d kiosk calls asked to come back later in the last %.0f s (%d in hand)",
                            self.refused - self._logged_count, time.monotonic() - self._logged_at, self.in_hand)
                self._logged_at, self._logged_count = time.monotonic(), self.refused
            return
        # One event loop a worker: no lock is needed for the count.
        self.in_hand += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_hand -= 1

    async def _refuse(self, send: Send) -> None:
        seconds = self.retry_after_s + int(self.retry_after_s * self.rng())
        body = json.dumps({"error": "busy", "message": busy_message(seconds)}).encode()
        await send({"type": "http.response.start", "status": 503,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"retry-after", str(seconds).encode())]})
        await send({"type": "http.response.body", "body": body})

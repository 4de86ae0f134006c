"""A limit on request bodies, as plain ASGI middleware: 413 before a body over the limit is read in full.

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)

A body whose ``Content-Length`` is over the limit is answered at once, unread. A body sent without one (chunked)
is counted as the app reads it, and the read that passes the limit raises a 413 instead of handing the bytes on,
so no handler ever holds more than the limit. Endpoints with a smaller limit of their own (a hand-off's 1 MiB)
keep it; this one is the ceiling for all of them, checked before FastAPI parses any JSON or form.

It is plain ASGI rather than ``BaseHTTPMiddleware`` because that one buffers and wraps the app's ``receive`` in
ways that would hide where the bytes go; and not FastAPI's own ``max_body_size`` (0.164 and later) so that the
service keeps running on the FastAPI versions pyproject.toml allows.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def too_large_message(max_bytes: int) -> str:
    """The plain-English 413 message.

    :param max_bytes: the limit.
    """
    return f"The request body is larger than the {max_bytes:,} bytes this service accepts."


class BodyLimit:
    """Refuse (413) any HTTP request body over ``max_bytes``, declared or counted."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a counting ``receive``, or answer 413 at once if it declares too much."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # An HTTPException, not an error of our own: FastAPI passes it through its body parsing
                    # (anything else there becomes a 400), and the app's handler makes it the usual 413 body.
                    raise HTTPException(413, too_large_message(self.max_bytes))
            return message

        await self.app(scope, counting_receive, send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"error": "too_large", "message": too_large_message(self.max_bytes)}).encode()
        # Connection: close, because the unread body is still on its way and cannot be skipped to a next request.
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

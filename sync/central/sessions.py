"""Signed dashboard session cookies: who is logged in and until when, with an HMAC nobody else can forge.

    signer = SessionSigner(secret="32+ random characters ...", hours=8)
    cookie = signer.make("alex", now)
    signer.user(cookie, now)          # "alex", or None if forged, tampered with or expired

The cookie holds only the user name and the expiry time; it is set HttpOnly and SameSite=Strict (and Secure
behind https), so page scripts cannot read it and other sites cannot send it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets

COOKIE = "jobpoint_session"
log = logging.getLogger("jobpoint.central")


class SessionSigner:
    """Makes and checks session cookie values."""

    def __init__(self, secret: str, hours: int) -> None:
        if not secret:
            log.warning("session_secret is not set: dashboard logins end when the service restarts.")
            secret = secrets.token_urlsafe(32)
        self._key = hashlib.sha256(b"jobpoint-session\0" + secret.encode()).digest()
        self.lifetime = dt.timedelta(hours=hours)

    def _sign(self, payload: bytes) -> str:
        return base64.urlsafe_b64encode(hmac.new(self._key, payload, hashlib.sha256).digest()).decode().rstrip("=")

    def make(self, user: str, now: dt.datetime) -> str:
        """A cookie value for ``user``, valid for the configured hours.

        :param user: the user name.
        :param now: the current time (UTC).
        """
        payload = base64.urlsafe_b64encode(json.dumps(
            {"u": user, "exp": int(_epoch(now + self.lifetime))}).encode()).decode().rstrip("=")
        return f"{payload}.{self._sign(payload.encode())}"

    def user(self, cookie: str | None, now: dt.datetime) -> str | None:
        """The logged-in user, or None for a missing, forged, tampered or expired cookie.

        :param cookie: the cookie value.
        :param now: the current time (UTC).
        """
        if not cookie or cookie.count(".") != 1:
            return None
        payload, signature = cookie.split(".")
        if not hmac.compare_digest(signature, self._sign(payload.encode())):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("exp", 0) <= _epoch(now):
            return None
        return data.get("u")


def _epoch(moment: dt.datetime) -> float:
    # Stored times are naive UTC; a naive datetime's .timestamp() would take them as local time.
    return moment.replace(tzinfo=dt.UTC).timestamp()

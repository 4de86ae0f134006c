"""Dashboard sessions kept on the server, and the anti-forgery tokens of the dashboard's forms.

    token = start_session(storage, "alex", now, hours=8)   # the cookie's value; only its SHA-256 is stored
    session = find_session(storage, token, now)            # DashboardSession("alex", csrf=...), or None
    end_session(storage, token)                            # sign-out: that cookie never works again
    end_user_sessions(conn, "alex")                        # a new password: all of alex's sessions end

    forms = SigninForms(key)                               # the sign-in form, before anyone is signed in
    nonce = forms.new_nonce()                              # its cookie's value
    forms.check(nonce, forms.token(nonce))                 # True only for the pair this service made

A session's cookie is 32 random bytes, HttpOnly and SameSite=Strict (Secure behind https); the database holds its
SHA-256, the user, its expiry and the session's anti-forgery token, which every form that changes something (only
sign-out, today) carries in a hidden field (OWASP's synchroniser token). Before sign-in there is no session, so the
sign-in form's token is an HMAC of a random cookie of its own (a signed double-submit cookie): another site can
neither read that cookie nor make the token for it. A user keeps at most ``MAX_SESSIONS`` sessions (the oldest
goes); expired ones are deleted at each sign-in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.exc import IntegrityError

from sync.central.schema import dashboard_sessions, service_keys
from sync.central.storage import Storage

COOKIE = "jobpoint_session"
SIGNIN_COOKIE = "jobpoint_signin"
#: Sessions one user may hold at once (browsers, machines); a new one past that ends the oldest.
MAX_SESSIONS = 20
_TOKEN = 43  # characters of secrets.token_urlsafe(32)


@dataclass(frozen=True)
class DashboardSession:
    """A signed-in user's session: their name and the anti-forgery token of its forms."""

    user: str
    csrf: str
    token_hash: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start_session(storage: Storage, user: str, now: dt.datetime, hours: int) -> str:
    """Start a session for ``user`` (who has just signed in) and return its cookie value.

    :param storage: the database.
    :param user: the user name.
    :param now: the current time (naive UTC).
    :param hours: how long it lasts (the ``session_hours`` setting).
    """
    token = secrets.token_urlsafe(32)
    new = _hash(token)
    table = dashboard_sessions
    with storage.write() as conn:
        conn.execute(delete(table).where(table.c.expires_at <= now))
        conn.execute(insert(table).values(token_hash=new, user_name=user, csrf=secrets.token_urlsafe(32),
                                          created_at=now, expires_at=now + dt.timedelta(hours=hours)))
        # The new one is left out of the count: sessions started in the same instant must not push it out.
        older = conn.scalars(select(table.c.token_hash).where(table.c.user_name == user, table.c.token_hash != new)
                             .order_by(table.c.created_at.desc()).offset(MAX_SESSIONS - 1)).all()
        if older:
            conn.execute(delete(table).where(table.c.token_hash.in_(older)))
    return token


def find_session(storage: Storage, token: str | None, now: dt.datetime) -> DashboardSession | None:
    """The session a cookie value belongs to, or None if it is missing, unknown, ended or expired.

    :param storage: the database.
    :param token: the cookie's value.
    :param now: the current time (naive UTC).
    """
    if not token or len(token) != _TOKEN:
        return None
    with storage.engine.connect() as conn:
        row = conn.execute(select(dashboard_sessions).where(dashboard_sessions.c.token_hash == _hash(token))).first()
    if row is None or row.expires_at <= now:
        return None
    return DashboardSession(row.user_name, row.csrf, row.token_hash)


def end_session(storage: Storage, token: str | None) -> None:
    """End the session a cookie value belongs to (sign-out); an unknown one is ignored.

    :param storage: the database.
    :param token: the cookie's value.
    """
    if token:
        with storage.write() as conn:
            conn.execute(delete(dashboard_sessions).where(dashboard_sessions.c.token_hash == _hash(token)))


def end_user_sessions(conn: Connection, user: str) -> None:
    """End every session of ``user``, inside the caller's transaction (the one that sets a new password).

    :param conn: a connection in a write transaction.
    :param user: the user name.
    """
    conn.execute(delete(dashboard_sessions).where(dashboard_sessions.c.user_name == user))


def same_token(given: object, wanted: str) -> bool:
    """True if a submitted anti-forgery token is the wanted one (compared in constant time).

    :param given: what the form sent (anything).
    :param wanted: the session's token.
    """
    return isinstance(given, str) and bool(wanted) and hmac.compare_digest(given.encode(), wanted.encode())


def signin_key(storage: Storage, secret: str) -> bytes:
    """The key of the sign-in form's tokens: from ``session_secret``, or else made once and kept in the database.

    Kept in the database, not made at each start, so that every server process (and a restart) agrees on it.

    :param storage: the database.
    :param secret: the ``session_secret`` setting ("" when not set).
    """
    if not secret:
        with storage.engine.connect() as conn:
            secret = conn.scalar(select(service_keys.c.value).where(service_keys.c.name == "signin")) or ""
    if not secret:
        try:
            with storage.write() as conn:
                conn.execute(insert(service_keys).values(name="signin", value=secrets.token_urlsafe(48)))
        except IntegrityError:
            pass  # another process made it first: use theirs
        with storage.engine.connect() as conn:
            secret = conn.scalar(select(service_keys.c.value).where(service_keys.c.name == "signin"))
    return hashlib.sha256(b"jobpoint-signin\0" + secret.encode()).digest()


class SigninForms:
    """Makes and checks the sign-in form's anti-forgery token, bound to the form's own cookie."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @staticmethod
    def new_nonce() -> str:
        """A fresh value for the sign-in form's cookie."""
        return secrets.token_urlsafe(32)

    def token(self, nonce: str) -> str:
        """The token the form carries for the cookie value ``nonce``.

        :param nonce: the sign-in cookie's value.
        """
        return hmac.new(self._key, nonce.encode("ascii", "replace"), hashlib.sha256).hexdigest()

    def check(self, nonce: str | None, given: object) -> bool:
        """True if the form's token belongs to the cookie it came with.

        :param nonce: the sign-in cookie's value (None when the browser sent none).
        :param given: the form's hidden field.
        """
        return bool(nonce) and len(nonce or "") == _TOKEN and same_token(given, self.token(nonce or ""))

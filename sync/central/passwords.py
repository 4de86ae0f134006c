"""Dashboard users and their passwords, stored as scrypt hashes (never the password).

    add_user(storage, "alex", "a long pass phrase", now)
    check_login(storage, "alex", "a long pass phrase")      # True

A hash looks like ``scrypt$16384$8$1$<salt>$<hash>`` (base64), so the cost can be raised later and old hashes
still check.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re

from sqlalchemy import select

from sync.central.schema import dashboard_users
from sync.central.sessions import end_user_sessions
from sync.central.storage import Storage

MIN_PASSWORD = 12
_COST = (2 ** 14, 8, 1)  # n, r, p: about 16 MB and 50 ms per check
_USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
# Checked when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44


class BadUser(ValueError):
    """A user name or password that cannot be used; the message says why."""


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password``.

    :param password: the password.
    """
    n, r, p = _COST
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """True if ``password`` matches the ``stored`` hash (compared in constant time).

    :param password: what was typed.
    :param stored: from ``hash_password``.
    """
    try:
        kind, n, r, p, salt, key = stored.split("$")
        wanted = base64.b64decode(key)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(wanted))
    except (ValueError, TypeError):
        return False
    return kind == "scrypt" and hmac.compare_digest(got, wanted)


def add_user(storage: Storage, name: str, password: str, now: dt.datetime) -> bool:
    """Add a dashboard user, or set a new password for an existing one (ending all their sessions); True if new.

    :raises BadUser: the name is not 1 to 64 letters, digits, dots, dashes, underscores or @, or the password is
        shorter than ``MIN_PASSWORD``.
    """
    if not isinstance(name, str) or not _USER_NAME.match(name):
        raise BadUser("A user name is 1 to 64 letters, digits, dots, dashes, underscores or @.")
    if len(password) < MIN_PASSWORD:
        raise BadUser(f"A password must be at least {MIN_PASSWORD} characters long.")
    with storage.write() as conn:
        new = conn.scalar(select(dashboard_users.c.name).where(dashboard_users.c.name == name)) is None
        conn.execute(storage.upsert(dashboard_users, {"name": name, "password_hash": hash_password(password),
                                                      "created_at": now}, keys=["name"], replace=["password_hash"]))
        # A new password ends every session signed in with the old one (ASVS 3.3.3), in the same transaction.
        end_user_sessions(conn, name)
    return new


def check_login(storage: Storage, name: str, password: str) -> bool:
    """True if the user exists and the password is theirs.

    :param storage: the database.
    :param name: the user name typed.
    :param password: the password typed.
    """
    with storage.engine.connect() as conn:
        stored = conn.scalar(select(dashboard_users.c.password_hash).where(dashboard_users.c.name == name))
    return verify_password(password, stored or _DUMMY) and stored is not None

"""Slowing down password guessing: growing waits per user name and per address, never a lock.

    wait = begin_attempt(storage, "alex", "203.0.113.9", now)   # 0: go ahead (counted as a failure until...)
    if wait == 0 and password_is_right:
        attempt_succeeded(storage, "alex", "203.0.113.9", now)  # ...it succeeds: the name's count starts again

After ``NAME_FREE`` wrong passwords for one user name (from anywhere) each further one makes the next try of that
name wait 1, 2, 4 ... seconds, at most ``NAME_CAP_S``: so at most about 60 guesses an hour at one account (ASVS
4.0.3 2.2.1 asks for no more than 100), while its owner, however many wrong passwords someone else sent, is never
held up for more than a minute. After ``ADDRESS_FREE`` wrong passwords from one address (for any names) its waits
grow the same way up to ``ADDRESS_CAP_S``: that is what slows one password tried across many names. A try made
during a wait is refused without being checked or counted, so it cannot make the wait longer. Counts are forgotten
after ``FORGET`` with no failure. The counts live in the database, so every server process shares them, and each
attempt is counted before its password is checked, so parallel guesses cannot slip in under the count.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from sqlalchemy import delete, select, update

from sync.central.schema import login_throttle
from sync.central.storage import Storage

NAME_FREE, NAME_CAP_S = 5, 60
ADDRESS_FREE, ADDRESS_CAP_S = 10, 15 * 60
FORGET = dt.timedelta(hours=1)


def wait_after(failures: int, free: int, cap_s: int) -> int:
    """Seconds to wait after ``failures`` wrong passwords in a row: none for the first ``free``, then doubling.

    >>> [wait_after(n, 5, 60) for n in (4, 5, 6, 7, 11, 40)]
    [0, 1, 2, 4, 60, 60]
    """
    if failures < free:
        return 0
    return min(cap_s, 2 ** min(failures - free, 30))


def _keys(name: str, address: str) -> dict[str, tuple[int, int]]:
    # The name is hashed: someone who types a password into the name box must not have it kept.
    name_key = "name:" + hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:40]
    return {name_key: (NAME_FREE, NAME_CAP_S), "addr:" + address[:64]: (ADDRESS_FREE, ADDRESS_CAP_S)}


def begin_attempt(storage: Storage, name: str, address: str, now: dt.datetime) -> int:
    """Count a sign-in attempt as a failure before its password is checked, unless it must wait first.

    :param storage: the database.
    :param name: the user name typed.
    :param address: the client's address.
    :param now: the current time (naive UTC).
    :returns: 0 to go ahead and check the password, else the seconds to wait (nothing was counted).
    """
    keys = _keys(name, address)
    table = login_throttle
    with storage.write() as conn:
        conn.execute(delete(table).where(table.c.last_at < now - FORGET, table.c.wait_until <= now))
        for key in keys:  # make sure both rows exist, and hold them (PostgreSQL locks an upserted row) until commit
            conn.execute(storage.upsert(table, {"key": key, "failures": 0, "last_at": now, "wait_until": now},
                                        keys=["key"], add=["failures"]))
        rows = conn.execute(select(table).where(table.c.key.in_(list(keys)))).all()
        wait = max((row.wait_until - now).total_seconds() for row in rows)
        if wait > 0:
            return math.ceil(wait)
        for row in rows:
            failures = 1 if now - row.last_at > FORGET else row.failures + 1
            free, cap_s = keys[row.key]
            conn.execute(update(table).where(table.c.key == row.key).values(
                failures=failures, last_at=now, wait_until=now + dt.timedelta(seconds=wait_after(failures, free,
                                                                                                  cap_s))))
    return 0


def attempt_succeeded(storage: Storage, name: str, address: str, now: dt.datetime) -> None:
    """Take back the failure ``begin_attempt`` counted: the name starts afresh, the address has one failure less.

    The address's count is not cleared: someone with one account of their own could otherwise sign in between
    guesses at other names to start their address afresh.

    :param storage: the database.
    :param name: the user name that signed in.
    :param address: the client's address.
    :param now: the current time (naive UTC).
    """
    (name_key, _), (address_key, (free, cap_s)) = _keys(name, address).items()
    table = login_throttle
    with storage.write() as conn:
        conn.execute(delete(table).where(table.c.key == name_key))
        row = conn.execute(select(table).where(table.c.key == address_key)).first()
        if row is not None:
            failures = max(row.failures - 1, 0)
            conn.execute(update(table).where(table.c.key == address_key).values(
                failures=failures, wait_until=now + dt.timedelta(seconds=wait_after(failures, free, cap_s))))

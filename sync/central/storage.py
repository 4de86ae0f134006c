"""Opening the central service's database: SQLite (a file, WAL mode) or PostgreSQL, through SQLAlchemy Core.

    storage = open_storage("sqlite:////var/lib/jobpoint-central/central.db")
    with storage.write() as conn:          # one transaction, committed at the end
        conn.execute(offices.insert().values(...))
    with storage.read() as conn:           # one consistent snapshot for several queries
        ...

Tables are created if missing (``sync.central.schema``). ``write()`` takes SQLite's write lock at the start
(``BEGIN IMMEDIATE``), so two writers queue up instead of one failing halfway; ``read()`` is a real snapshot on
both databases (PostgreSQL: REPEATABLE READ), so a page of changes and the snapshot checksum agree.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from sync.central.schema import METADATA, feed_state

#: The PostgreSQL advisory lock key taken while the tables are made (any fixed number; "jobp" in ASCII).
SCHEMA_LOCK = 0x6A6F6270


class Storage:
    """The database: an SQLAlchemy engine plus the transaction helpers every module uses."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name  # "sqlite" or "postgresql"

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in a write transaction: committed if the block ends normally, else rolled back."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(jobpoint_write=True)
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection in a read-only snapshot transaction."""
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def only_one(self, job: str) -> Iterator[bool]:
        """Whether this process is the one in the fleet to run ``job`` now: True for the block if so, else False.

        On PostgreSQL a session advisory lock keyed by the job's name, tried without waiting, so of the workers
        and app servers that start the job together one runs it and the rest skip it; held until the block ends.
        On SQLite (one server) always True.

        :param job: the job's name, e.g. "snapshot".
        """
        if self.dialect != "postgresql":
            yield True
            return
        key = int.from_bytes(hashlib.sha256(f"jobpoint-job:{job}".encode()).digest()[:8], "big", signed=True)
        with self.engine.connect() as conn:
            got = bool(conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}))
            conn.commit()
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    conn.commit()

    def upsert(self, table, values: dict, keys: list[str], add: list[str] = (), replace: list[str] = ()):
        """An INSERT that adds to (``add``) or replaces (``replace``) columns of an existing row instead.

        :param table: the table.
        :param values: one row.
        :param keys: the columns of its primary key.
        :param add: columns summed with the existing value.
        :param replace: columns overwritten.
        """
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        statement = dialect_insert(table).values(values)
        changes = {name: table.c[name] + statement.excluded[name] for name in add}
        changes.update({name: statement.excluded[name] for name in replace})
        return statement.on_conflict_do_update(index_elements=keys, set_=changes)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _sqlite_engine(url) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_size=8, max_overflow=24)
    else:  # one in-memory database (``openapi``, unit checks) shared by every thread
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Autocommit at the driver level: BEGIN is ours (below), so a read really is one snapshot.
        dbapi_connection.isolation_level = None
        for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "busy_timeout = 15000", "foreign_keys = ON"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("jobpoint_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def open_storage(database_url: str, create: bool = True) -> Storage:
    """Connect to the database, creating the tables and the feed counters if they are missing.

    :param database_url: ``sqlite:///PATH`` or ``postgresql+psycopg://...``.
    :param create: create missing tables (the default).
    """
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url)
    else:
        engine = create_engine(url, pool_size=8, max_overflow=24, pool_pre_ping=True)
    storage = Storage(engine)
    if create:
        with storage.write() as conn:
            if storage.dialect == "postgresql":
                # Several workers (or app servers) starting at once would race to make the same tables; the
                # first to take this lock makes them, the rest wait and then find them made.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            METADATA.create_all(conn)
            have = set(conn.scalars(select(feed_state.c.name)))
            for name in ("last_seq", "purged_seq"):
                if name not in have:
                    conn.execute(insert(feed_state).values(name=name, value=0))
    return storage


def next_seqs(conn: Connection, count: int) -> int:
    """Reserve ``count`` new feed sequence numbers in this transaction; returns the first.

    The counter row is updated, not read-then-written, so PostgreSQL's row lock serialises two writers.

    :param conn: a connection in a write transaction.
    :param count: how many (at least 1).
    """
    last = conn.execute(update(feed_state).where(feed_state.c.name == "last_seq")
                        .values(value=feed_state.c.value + count).returning(feed_state.c.value)).scalar_one()
    return last - count + 1

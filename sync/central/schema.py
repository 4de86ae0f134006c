"""The central service's tables, in SQLAlchemy Core, the same on SQLite and PostgreSQL.

    >>> sorted(METADATA.tables)[:3]
    ['dashboard_sessions', 'dashboard_users', 'enrolment_tokens']

Times are stored as naive UTC (``sync.central.clock.utc``), so both databases compare them the same way.
JSON documents (office config, a kiosk's last heartbeat, a vacancy) are stored as text: the service only
passes them through, and the changes feed splices the stored text straight into its response.
"""

from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData,
                        PrimaryKeyConstraint, String, Table, Text)

METADATA = MetaData()

offices = Table(
    "offices", METADATA,
    Column("office_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    # {"lha": {...}, "local_help": [...]}, checked by sync.central.offices before it is stored.
    Column("config", Text, nullable=False),
    Column("config_version", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

enrolment_tokens = Table(
    "enrolment_tokens", METADATA,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 hex: the token itself is never stored
    Column("office_id", String(64), ForeignKey("offices.office_id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),
    Column("used_by", String(64)),
    Column("revoked", Boolean, nullable=False, default=False),
)

kiosks = Table(
    "kiosks", METADATA,
    Column("kiosk_id", String(64), primary_key=True),
    Column("office_id", String(64), ForeignKey("offices.office_id"), nullable=False),
    Column("name", String(64), nullable=False),
    Column("credential_hash", String(64), nullable=False, unique=True),
    Column("enrolled_at", DateTime, nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("revoked_at", DateTime),
    Column("last_beat_at", DateTime),
    Column("last_beat", Text),  # the last heartbeat body, as JSON
    Index("kiosks_by_office", "office_id", "name"),
)

vacancy_feed = Table(
    "vacancy_feed", METADATA,
    Column("vacancy_id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    # One row per vacancy holding its latest change; the changes query walks this index.
    Column("seq", BigInteger, nullable=False, unique=True),
    Column("op", String(6), nullable=False),  # "upsert" or "delete"
    Column("payload", Text),  # the vacancy in the kiosk's shape (JSON), None for a tombstone
    Column("content_hash", String(64)),  # of the payload without its version: unchanged records add no change
    Column("closes", String(10)),  # YYYY-MM-DD, for the snapshot count
    Column("changed_at", DateTime, nullable=False),
)

# "last_seq" (the newest seq handed out) and "purged_seq" (the newest tombstone forgotten).
feed_state = Table(
    "feed_state", METADATA,
    Column("name", String(20), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

usage_counts = Table(
    "usage_counts", METADATA,
    Column("kiosk_id", String(64), nullable=False),
    Column("office_id", String(64), nullable=False),
    Column("hour", DateTime, nullable=False),
    Column("event", String(40), nullable=False),
    Column("n", BigInteger, nullable=False),
    PrimaryKeyConstraint("kiosk_id", "hour", "event"),
    Index("usage_by_office_hour", "office_id", "hour"),
)

usage_batches = Table(
    "usage_batches", METADATA,
    Column("kiosk_id", String(64), nullable=False),
    Column("batch_id", String(36), nullable=False),
    Column("received_at", DateTime, nullable=False),
    PrimaryKeyConstraint("kiosk_id", "batch_id"),
)

handoffs = Table(
    "handoffs", METADATA,
    Column("handoff_id", String(64), primary_key=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("blob", LargeBinary, nullable=False),  # nonce || ciphertext+tag; the key never reaches the service
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
)

dashboard_users = Table(
    "dashboard_users", METADATA,
    Column("name", String(64), primary_key=True),
    Column("password_hash", String(200), nullable=False),  # scrypt, see sync.central.passwords
    Column("created_at", DateTime, nullable=False),
)

# Dashboard sign-ins (sync.central.sessions): the cookie holds a random token, only its SHA-256 is stored, so a
# sign-out or a new password ends a session on every server process at once.
dashboard_sessions = Table(
    "dashboard_sessions", METADATA,
    Column("token_hash", String(64), primary_key=True),
    Column("user_name", String(64), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),  # the anti-forgery token of this session's forms
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
)

# Wrong passwords per user name (hashed: a password typed as a name must not be kept) and per address, shared by
# every server process (sync.central.login_throttle).
login_throttle = Table(
    "login_throttle", METADATA,
    Column("key", String(80), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_at", DateTime, nullable=False),
    Column("wait_until", DateTime, nullable=False),
)

# Keys the service makes for itself once and shares between its processes ("signin": the sign-in form's key
# when session_secret is not set).
service_keys = Table(
    "service_keys", METADATA,
    Column("name", String(20), primary_key=True),
    Column("value", String(100), nullable=False),
)

# Releases (sync.central.releases): each bundle once, its bytes in 1 MiB chunks so that both databases stream it.
releases = Table(
    "releases", METADATA,
    Column("version", String(40), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("chunks", Integer, nullable=False),
    Column("added_at", DateTime, nullable=False),
)

release_chunks = Table(
    "release_chunks", METADATA,
    Column("version", String(40), ForeignKey("releases.version"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    PrimaryKeyConstraint("version", "n"),
)

# The target version of each rollout ring that has one ("lab", "canary", "10%", "50%", "all").
ring_targets = Table(
    "ring_targets", METADATA,
    Column("ring", String(10), primary_key=True),
    Column("version", String(40), ForeignKey("releases.version"), nullable=False),
    Column("set_at", DateTime, nullable=False),
)

# Kiosks put in the lab or canary ring by hand; every other kiosk's ring comes from a hash of its id.
kiosk_rings = Table(
    "kiosk_rings", METADATA,
    Column("kiosk_id", String(64), primary_key=True),
    Column("ring", String(10), nullable=False),
)

# Help requests (sync.central.help_requests): "Ask a member of staff for help" touched at a kiosk. No person is in
# a row: the kiosk, its office, the part of the kiosk in use and the times.
help_requests = Table(
    "help_requests", METADATA,
    Column("request_id", String(36), primary_key=True),  # a random UUID the service makes
    Column("kiosk_id", String(64), nullable=False),
    Column("office_id", String(64), nullable=False),
    Column("area", String(20), nullable=False),  # one of sync.central.help_requests.AREAS
    Column("asked_at", DateTime, nullable=False),
    Column("done_at", DateTime),
    Column("done_by", String(20)),  # one of sync.central.help_requests.DONE_BY
    Index("help_requests_open", "office_id", "done_at"),
    Index("help_requests_by_kiosk", "kiosk_id", "done_at"),
)

# Open data (sync.central.open_data): each dataset's figures for a month, published once and never changed, so
# no two exports differ in a way that gives away a hidden count.
open_data_months = Table(
    "open_data_months", METADATA,
    Column("dataset", String(20), nullable=False),  # "usage" or "help_requests"
    Column("month", String(7), nullable=False),  # YYYY-MM
    Column("published_at", DateTime, nullable=False),
    Column("rows", Text, nullable=False),  # the month's published rows, as JSON
    PrimaryKeyConstraint("dataset", "month"),
)

"""The request and response bodies of the protocol (docs/sync-protocol.md), as pydantic models for OpenAPI.

Validation here is structural (types, lengths, ranges); rules that need words of their own, such as an hour that
must be on the hour, are checked by the module that owns them (``sync.central.usage``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sync.central.clock import parse_iso
from sync.central.usage import EVENTS


class EnrolRequest(BaseModel):
    """``POST /v1/enrol``."""

    model_config = ConfigDict(extra="forbid")
    token: str = Field(max_length=100, description="The one-time token from `kiosk-central token`.")
    kiosk_name: str = Field(max_length=64, description="The kiosk's name, e.g. its `kiosk.id`.")


class Enrolment(BaseModel):
    """What an enrolled kiosk gets: its id, office and credential (shown once)."""

    kiosk_id: str
    office_id: str
    credential: str


class LocalHelp(BaseModel):
    """Local help shown at the office's kiosks."""

    name: str
    phone: str
    url: str
    about_en: str
    about_cy: str


class Lha(BaseModel):
    """The office's Local Housing Allowance, pounds a month (0: not set)."""

    shared_monthly: float
    one_bedroom_monthly: float
    two_bedrooms_monthly: float
    three_bedrooms_monthly: float
    four_bedrooms_monthly: float


class CouncilTax(BaseModel):
    """The office's council tax settings; each is left out when not set (kiosk.benefits.council_tax_settings)."""

    band_d_annual: float | None = None
    max_support_share: float | None = None
    taper: float | None = None
    capital_limit: float | None = None
    minimum_award_weekly: float | None = None
    band_cap: str | None = None


class OfficeConfig(BaseModel):
    """``GET /v1/offices/{office_id}/config``."""

    office_id: str
    name: str
    config_version: str
    lha: Lha
    local_help: list[LocalHelp]
    council_tax: CouncilTax | None = None


class Rates(BaseModel):
    """``GET /v1/rates``: the rates files by name, and a version that changes when any of them does."""

    version: str
    files: dict[str, str]


class Snapshot(BaseModel):
    """Count and checksum of the open vacancies at the last page's cursor."""

    as_of: str
    count: int
    checksum: str


class Change(BaseModel):
    """One change: an upsert carries ``vacancy`` (the keys of ``kiosk.jobs.vacancies.FIELDS``), a delete ``id``."""

    seq: int
    op: Literal["upsert", "delete"]
    vacancy: dict | None = None
    id: str | None = None


class ChangesPage(BaseModel):
    """``GET /v1/vacancies/changes``."""

    since: int
    next_cursor: int
    has_more: bool
    changes: list[Change]
    snapshot: Snapshot | None


class UsageCount(BaseModel):
    """One hourly counter."""

    hour: str = Field(description="A UTC hour on the hour, like 2026-11-22T10:00Z.")
    event: str = Field(json_schema_extra={"enum": list(EVENTS)})
    n: int


class UsageBatchBody(BaseModel):
    """``POST /v1/kiosks/{kiosk_id}/usage``."""

    batch_id: str = Field(description="A random UUID (version 4), the same when the batch is sent again.")
    counts: list[UsageCount]


class UsageReply(BaseModel):
    """Whether the batch was counted now or had been counted before."""

    batch_id: str
    status: Literal["accepted", "duplicate"]


def _optional_time(value: str | None) -> str | None:
    if value is not None:
        try:
            parse_iso(value)
        except ValueError:
            raise ValueError("must be a UTC time like 2026-11-22T10:00:00Z") from None
    return value


class DeviceHealth(BaseModel):
    """One device's provider and health, as `kiosk devices` shows it."""

    device: str = Field(max_length=40)
    provider: str = Field(max_length=40)
    health: str = Field(max_length=40)
    detail: str = Field(default="", max_length=300)


class Heartbeat(BaseModel):
    """``POST /v1/kiosks/{kiosk_id}/heartbeat``; fields the service does not know are ignored, never stored."""

    model_config = ConfigDict(extra="ignore")
    app_version: str = Field(max_length=40)
    config_version: str | None = Field(default=None, max_length=40)
    uptime_s: int = Field(ge=0)
    last_sync_at: str | None = None
    cache_vacancies: int | None = Field(default=None, ge=0)
    cache_bytes: int | None = Field(default=None, ge=0)
    cache_age_s: int | None = Field(default=None, ge=0)
    disk_free_bytes: int | None = Field(default=None, ge=0)
    last_crash_at: str | None = None
    last_crash_kind: str | None = Field(default=None, max_length=100)
    last_rollback_at: str | None = Field(default=None, description="When the kiosk last went back to its previous "
                                         "app version because a new one failed.")
    last_rollback_from: str | None = Field(default=None, max_length=40, description="The app version it left.")
    devices: list[DeviceHealth] = Field(default_factory=list, max_length=30)

    _times = field_validator("last_sync_at", "last_crash_at", "last_rollback_at")(_optional_time)


class HeartbeatReply(BaseModel):
    """The service's time, and when to beat next."""

    server_time: str
    next_beat_s: int


class UpdateOffer(BaseModel):
    """``GET /v1/update``: the release the kiosk should install; check the download against ``sha256`` and ``size``."""

    version: str
    sha256: str = Field(description="SHA-256 of the bundle, 64 hex digits.")
    size: int = Field(description="The bundle's size in bytes.")
    url: str = Field(description="Where to download it, relative to the service's address.")


class HandoffCreated(BaseModel):
    """``POST /v1/handoffs``: where the phone fetches the blob, and until when."""

    id: str
    url: str
    expires_at: str


class StatsRow(BaseModel):
    """Uses of one event at one office on one UTC day; ``n`` is None below 10, else rounded to the nearest 5."""

    office_id: str
    day: str
    event: str
    n: int | None


class Stats(BaseModel):
    """``GET /v1/stats``."""

    first: str = Field(alias="from")
    to: str
    suppressed_below: int
    rounded_to: int
    rows: list[StatsRow]

"""The request and response bodies of the protocol (docs/sync-protocol.md), as pydantic models for OpenAPI.

Validation here is structural (types, lengths, ranges); rules that need words of their own, such as an hour that
must be on the hour, are checked by the module that owns them (``sync.central.usage``).

Request bodies are strict and bounded: a count is a JSON whole number from 0 to ``MAX_COUNT`` (never ``"3"``,
``true`` or ``3.5``), text is JSON text of a bounded length that holds no control characters or lone surrogates
(which cannot be written out as UTF-8: stored, they would break every page that shows them), and times fall in
the years ``sync.central.clock`` accepts.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr,
                      field_validator)

from sync.central.clock import parse_iso
from sync.central.usage import EVENTS, MAX_COUNTS, MAX_N

#: The largest count a kiosk may report (bytes of disk, seconds of uptime): 2**53, what JSON numbers hold exactly.
MAX_COUNT = 2**53
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _clean_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must be text without control characters")
    return value


def _tidy_text(value: object) -> object:
    # Free text such as an error's detail may carry a stray control character or an undecodable file name (a
    # surrogate escape): the beat is still worth keeping, so those are replaced rather than the beat refused.
    # Done before pydantic's own check of the text, which refuses lone surrogates outright.
    return _CONTROL.sub("\ufffd", value) if isinstance(value, str) else value


#: A count in a request body: a JSON whole number from 0 to ``MAX_COUNT``.
Count = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)]


#: Bounded, printable text fields of request bodies, by their most characters.
Text40 = Annotated[StrictStr, Field(max_length=40), AfterValidator(_clean_text)]
Text64 = Annotated[StrictStr, Field(max_length=64), AfterValidator(_clean_text)]
Text100 = Annotated[StrictStr, Field(max_length=100), AfterValidator(_clean_text)]
#: Free text (an error's detail): bounded, with control characters and lone surrogates replaced by U+FFFD.
Detail100 = Annotated[StrictStr, Field(max_length=100), BeforeValidator(_tidy_text)]
Detail300 = Annotated[StrictStr, Field(max_length=300), BeforeValidator(_tidy_text)]


class EnrolRequest(BaseModel):
    """``POST /v1/enrol``."""

    model_config = ConfigDict(extra="forbid", strict=True)
    token: Text100 = Field(description="The one-time token from `kiosk-central token`.")
    kiosk_name: Text64 = Field(description="The kiosk's name, e.g. its `kiosk.id`.")


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
    #: Sent as null for an entry written before them; the kiosk reads null as not given.
    category: str | None = None
    opening_en: str | None = None
    opening_cy: str | None = None


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


class Organisation(BaseModel):
    """The organisation running the office's kiosks, shown in their header (``name_cy``: "" when not given)."""

    name: str
    name_cy: str = ""


class OfficeConfig(BaseModel):
    """``GET /v1/offices/{office_id}/config``."""

    office_id: str
    name: str
    config_version: str
    organisation: Organisation | None = None
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


class FleetAlert(BaseModel):
    """One alert (``sync.central.fleet.kiosk_status``)."""

    severity: str = Field(description="error or warning")
    kind: str
    office_id: str
    kiosk_id: str
    kiosk_name: str
    message: str


class FleetAlerts(BaseModel):
    """``GET /v1/fleet/alerts``: every alert in the fleet, worst first."""

    generated_at: str
    totals: dict[str, int] = Field(description="kiosks, online, offline")
    alerts: list[FleetAlert]


class SnapshotManifest(BaseModel):
    """``GET /v1/vacancies/snapshot``: the newest vacancy snapshot (``sync.central.snapshots.Manifest``)."""

    seq: int = Field(description="The changes feed position it is at: take the feed from here after it.")
    file: str
    url: str = Field(description="Where to download it (immutable; HTTP ranges; strong ETag = sha256).")
    bytes: int = Field(description="The gzip file's size.")
    sha256: str = Field(description="The gzip file's SHA-256, hex.")
    raw_bytes: int = Field(description="The SQLite cache file's size once un-gzipped.")
    as_of: str
    count: int = Field(description="Open vacancies on as_of, as the changes feed's snapshot counts them.")
    checksum: str
    migrations: list[str] = Field(description="The kiosk cache migrations the file has had, in order.")
    built_at: str


class UsageCount(BaseModel):
    """One hourly counter."""

    model_config = ConfigDict(strict=True)
    hour: StrictStr = Field(max_length=30, description="A UTC hour on the hour, like 2026-11-22T10:00Z.")
    event: StrictStr = Field(max_length=40, json_schema_extra={"enum": list(EVENTS)})
    # The range is checked by sync.central.usage, whose message says it in plain words; the schema shows it.
    n: StrictInt = Field(json_schema_extra={"minimum": 0, "maximum": MAX_N})


class UsageBatchBody(BaseModel):
    """``POST /v1/kiosks/{kiosk_id}/usage``."""

    model_config = ConfigDict(strict=True)
    batch_id: StrictStr = Field(max_length=40, description="A random UUID (version 4), the same when the batch is "
                                                           "sent again.")
    counts: list[UsageCount] = Field(max_length=MAX_COUNTS)


class UsageReply(BaseModel):
    """Whether the batch was counted now or had been counted before."""

    batch_id: str
    status: Literal["accepted", "duplicate"]


def _optional_time(value: str | None) -> str | None:
    if value is not None:
        try:
            parse_iso(value)
        except ValueError:
            raise ValueError("must be a UTC time like 2026-11-22T10:00:00Z, in the years 2020 to 2100") from None
    return value


class DeviceHealth(BaseModel):
    """One device's provider and health, as `kiosk devices` shows it."""

    model_config = ConfigDict(strict=True)
    device: Text40
    provider: Text40
    health: Text40
    detail: Detail300 = ""


class Heartbeat(BaseModel):
    """``POST /v1/kiosks/{kiosk_id}/heartbeat``; fields the service does not know are ignored, never stored."""

    model_config = ConfigDict(extra="ignore", strict=True)
    app_version: Text40
    config_version: Text40 | None = None
    uptime_s: Count
    last_sync_at: StrictStr | None = Field(default=None, max_length=40)
    cache_vacancies: Count | None = None
    cache_bytes: Count | None = None
    cache_age_s: Count | None = None
    disk_free_bytes: Count | None = None
    last_crash_at: StrictStr | None = Field(default=None, max_length=40)
    last_crash_kind: Detail100 | None = None
    last_rollback_at: StrictStr | None = Field(default=None, max_length=40, description="When the kiosk last went "
                                               "back to its previous app version because a new one failed.")
    last_rollback_from: Text40 | None = Field(default=None, description="The app version it left.")
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


class HelpRequestBody(BaseModel):
    """``POST /v1/kiosks/{kiosk_id}/help-requests``: where on the kiosk the person asked. Nothing about them."""

    model_config = ConfigDict(extra="forbid", strict=True)
    area: Literal["home", "jobs", "benefits", "cv", "other"] = Field(
        description="The part of the kiosk in use when help was asked for.")


class HelpRequestDone(BaseModel):
    """``POST /v1/kiosks/{kiosk_id}/help-requests/{request_id}/done``: how the kiosk saw it end."""

    model_config = ConfigDict(extra="forbid", strict=True)
    by: Literal["staff_card", "cancelled"] = Field(
        description="staff_card: a member of staff put their card in this kiosk; cancelled: the person finished "
                    "or the kiosk was cleared.")


class HelpRequest(BaseModel):
    """A help request as it is now."""

    request_id: str
    kiosk_id: str
    office_id: str
    area: str
    status: Literal["open", "done"]
    asked_at: str
    done_at: str | None = None
    done_by: Literal["dashboard", "staff_card", "cancelled", "expired"] | None = None
    waited_s: int = Field(description="Seconds from asking to now (open) or to being closed.")
    kiosk_name: str | None = Field(default=None, description="On the dashboard's list only.")


class HelpRequestList(BaseModel):
    """``GET /v1/help-requests``: the open requests, oldest first."""

    server_time: str
    requests: list[HelpRequest]

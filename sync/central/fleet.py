"""The fleet overview the dashboard shows, from each kiosk's last heartbeat: who is online, what is wrong, what
needs a visit.

    overview = fleet_overview(storage, clock.now())   # the beats are written by sync.central.heartbeats

A kiosk is offline when it has sent no beat for 3 times the interval it was told to use (``next_beat_s``, kept
with each beat, so changing the setting never makes the whole fleet look offline at once). Only the last beat
of each kiosk is kept: it is one UPDATE, which is what lets one small server take 10,000 beats a minute.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from sync.central.clock import iso, parse_iso
from sync.central.dashboard_words import ago, device_name, device_words
from sync.central.releases import ring_of, target_of
from sync.central.schema import kiosk_rings, kiosks, offices, ring_targets
from sync.central.storage import Storage

#: Missed beats before a kiosk counts as offline.
MISSED_BEATS = 3
#: Device health words that mean "working": card reader "present", printer "ready"/"busy" (or "ok" from
#: ``Devices.health``), read-aloud "available".
HEALTHY = frozenset({"present", "ok", "ready", "busy", "available"})
#: The health a kiosk reports for a device on its fallback provider (a PDF-file printer, silent read-aloud, a
#: simulated card reader): it works after a fashion, so a warning, with the kiosk's reason as the detail.
DEGRADED = "degraded"
#: The fallback providers' names, for kiosks too old to say "degraded": a printer writing PDF files says "ready".
FALLBACK_PROVIDERS = frozenset({"simulated", "pdf_file", "silent"})
#: A vacancy cache older than this (seconds) is flagged: the kiosk is not getting new jobs.
STALE_CACHE_S = 24 * 3600
#: Less free disk than this (bytes) is flagged.
LOW_DISK_BYTES = 1_000_000_000
#: A crash within this long (seconds) is flagged.
RECENT_CRASH_S = 24 * 3600
#: A rollback to the previous app version within this long (seconds) is flagged.
RECENT_ROLLBACK_S = 7 * 24 * 3600

# Each kiosk's last beat as read by ``stored_beat``, with the text it was read from. Reading 10,000 beats' JSON was
# half of the dashboard's time at national size, and a beat changes only when its kiosk sends the next one, so a
# beat is read again only when its text differs. One entry per kiosk of this process's last overview (entries of
# kiosks no longer listed are dropped then); the dicts are shared, so nothing may change them.
_READ_BEATS: dict[str, tuple[str | None, dict]] = {}


def _age_s(now: dt.datetime, text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int((now - parse_iso(text)).total_seconds())
    except (ValueError, OverflowError):
        return None


#: The heartbeat fields the dashboard reads, and the type each must have to be shown; anything else counts as not
#: reported. Beats are checked on the way in (``api_models.Heartbeat``), but rows written by an older service were
#: not checked as strictly, and one kiosk's row must never break the page for everyone.
_BEAT_TYPES = {"app_version": str, "config_version": str, "last_sync_at": str, "cache_age_s": int,
               "cache_vacancies": int, "cache_bytes": int, "disk_free_bytes": int, "uptime_s": int,
               "last_crash_at": str, "last_crash_kind": str, "last_rollback_at": str, "last_rollback_from": str,
               "next_beat_s": int}
_MAX_SHOWN = 2**63


def stored_beat(text: str | None) -> dict:
    """A stored heartbeat as the dashboard may use it: known fields of the right type and size only.

    :param text: the ``kiosks.last_beat`` JSON text, or None.

        >>> stored_beat('{"app_version": "1.2", "uptime_s": 1e999, "last_sync_at": 5}')
        {'app_version': '1.2'}
    """
    try:
        raw = json.loads(text) if text else {}
    except (ValueError, RecursionError):
        return {}
    if not isinstance(raw, dict):
        return {}
    beat = {}
    for key, kind in _BEAT_TYPES.items():
        value = raw.get(key)
        if isinstance(value, kind) and not isinstance(value, bool) and \
                (kind is not int or 0 <= value < _MAX_SHOWN) and (kind is not str or len(value) <= 300):
            beat[key] = value
    if isinstance(raw.get("devices"), list):
        beat["devices"] = [{k: str(device.get(k, ""))[:300] for k in ("device", "provider", "health", "detail")}
                           for device in raw["devices"][:30] if isinstance(device, dict)]
    return beat


def kiosk_status(row, office_version: int, now: dt.datetime,
                 rollout: tuple[str, str | None] = ("all", None)) -> tuple[dict, list[dict]]:
    """One kiosk's line on the dashboard, and its alerts.

    :param row: a ``kiosks`` row.
    :param office_version: its office's current config version.
    :param now: the current time (UTC).
    :param rollout: the kiosk's rollout ring and that ring's target version (None: no target), see
        ``sync.central.releases``.
    """
    kept = _READ_BEATS.get(row.kiosk_id)
    if kept is not None and kept[0] == row.last_beat:
        beat = kept[1]
    else:
        beat = stored_beat(row.last_beat)
        _READ_BEATS[row.kiosk_id] = (row.last_beat, beat)
    interval = beat.get("next_beat_s") or 90
    since_beat = int((now - row.last_beat_at).total_seconds()) if row.last_beat_at else None
    online = since_beat is not None and since_beat < MISSED_BEATS * interval
    problems = [device for device in beat.get("devices", [])
                if device.get("health") not in HEALTHY or device.get("provider") in FALLBACK_PROVIDERS]
    status = {
        "kiosk_id": row.kiosk_id, "name": row.name, "online": online, "last_beat_at": iso(row.last_beat_at),
        "seconds_since_beat": since_beat, "app_version": beat.get("app_version"),
        "config_version": beat.get("config_version"),
        "config_current": beat.get("config_version") == str(office_version) if beat else None,
        "last_sync_at": beat.get("last_sync_at"), "cache_age_s": beat.get("cache_age_s"),
        "cache_vacancies": beat.get("cache_vacancies"), "disk_free_bytes": beat.get("disk_free_bytes"),
        "uptime_s": beat.get("uptime_s"), "last_crash_at": beat.get("last_crash_at"),
        "last_crash_kind": beat.get("last_crash_kind"), "last_rollback_at": beat.get("last_rollback_at"),
        "last_rollback_from": beat.get("last_rollback_from"), "device_problems": problems,
        "ring": rollout[0], "target_version": rollout[1],
        "version_current": None if rollout[1] is None or not beat else beat.get("app_version") == rollout[1],
    }
    alerts = []

    def alert(severity: str, kind: str, message: str) -> None:
        alerts.append({"severity": severity, "kind": kind, "office_id": row.office_id, "kiosk_id": row.kiosk_id,
                       "kiosk_name": row.name, "message": message})

    if since_beat is None:
        alert("warning", "never_seen", f"{row.name} has enrolled but never sent a heartbeat.")
    elif not online:
        alert("error", "offline", f"{row.name} has sent no heartbeat for {since_beat // 60} minutes.")
    for device in problems:
        if device.get("health") == DEGRADED:
            alert("warning", "degraded_device",
                  f"{row.name}: {device_words(device.get('device'), DEGRADED)}.")
        elif device.get("provider") in FALLBACK_PROVIDERS:
            alert("warning", "simulated_device",
                  f"{row.name} is using a simulated {device_name(device.get('device'))}.")
        else:
            alert("error", "device", f"{row.name}: {device_words(device.get('device'), device.get('health'))}.")
    if status["config_current"] is False:
        alert("warning", "old_config", f"{row.name} has office config version {beat.get('config_version')}, "
                                       f"not {office_version}.")
    if isinstance(status["cache_age_s"], int) and status["cache_age_s"] > STALE_CACHE_S:
        alert("warning", "stale_vacancies", f"{row.name} has not had new vacancies for "
                                            f"{status['cache_age_s'] // 3600} hours.")
    if isinstance(status["disk_free_bytes"], int) and status["disk_free_bytes"] < LOW_DISK_BYTES:
        alert("warning", "low_disk", f"{row.name} has less than 1 GB of disk space free.")
    crash_age = _age_s(now, status["last_crash_at"])
    if crash_age is not None and crash_age < RECENT_CRASH_S:
        alert("warning", "recent_crash", f"{row.name} had an error ({status['last_crash_kind'] or 'unknown'}) "
                                         f"{crash_age // 60} minutes ago.")
    rollback_age = _age_s(now, status["last_rollback_at"])
    if rollback_age is not None and rollback_age < RECENT_ROLLBACK_S:
        alert("warning", "rollback", f"{row.name} went back from app version {status['last_rollback_from'] or '?'} "
                                     f"to {beat.get('app_version')} {ago(rollback_age)}.")
    return status, alerts


def fleet_overview(storage: Storage, now: dt.datetime, office_id: str | None = None) -> dict:
    """The fleet, or one office of it: kiosks by office with online/offline and health, and every alert, worst first.

    Revoked kiosks are left out. Offices are sorted by name, kiosks by name. ``all_offices`` always lists every
    office (id and name), for the page's choice of office.

    :param storage: the database.
    :param now: the current time (UTC); tests pass a later one to see kiosks go offline.
    :param office_id: only this office (a national fleet's page would otherwise be megabytes), or None for all.
    """
    with storage.read() as conn:
        office_rows = conn.execute(select(offices.c.office_id, offices.c.name, offices.c.config_version)
                                   .order_by(offices.c.name, offices.c.office_id)).all()
        chosen = select(kiosks).where(kiosks.c.revoked.is_(False))
        if office_id is not None:
            chosen = chosen.where(kiosks.c.office_id == office_id)
        kiosk_rows = conn.execute(chosen.order_by(kiosks.c.name, kiosks.c.kiosk_id)).all()
        manual = dict(conn.execute(select(kiosk_rings.c.kiosk_id, kiosk_rings.c.ring)).all())
        targets = dict(conn.execute(select(ring_targets.c.ring, ring_targets.c.version)).all())
    all_offices = [{"office_id": row.office_id, "name": row.name} for row in office_rows]
    if office_id is None:  # every kiosk is here: forget the beats of any that are not (revoked or removed)
        listed = {row.kiosk_id for row in kiosk_rows}
        for gone in [kiosk_id for kiosk_id in _READ_BEATS if kiosk_id not in listed]:
            _READ_BEATS.pop(gone, None)
    if office_id is not None:
        office_rows = [row for row in office_rows if row.office_id == office_id]
    by_office: dict[str, list] = {row.office_id: [] for row in office_rows}
    for row in kiosk_rows:
        by_office.setdefault(row.office_id, []).append(row)
    result, alerts = [], []
    for office in office_rows:
        statuses = []
        for row in by_office[office.office_id]:
            ring = ring_of(row.kiosk_id, manual.get(row.kiosk_id))
            status, kiosk_alerts = kiosk_status(row, office.config_version, now, (ring, target_of(ring, targets)))
            statuses.append(status)
            alerts += kiosk_alerts
        online = sum(status["online"] for status in statuses)
        result.append({"office_id": office.office_id, "name": office.name,
                       "config_version": str(office.config_version), "kiosks": statuses, "online": online,
                       "offline": len(statuses) - online})
    alerts.sort(key=lambda a: (a["severity"] != "error", a["office_id"], a["kiosk_name"], a["kind"]))
    return {"generated_at": iso(now), "offices": result, "alerts": alerts, "all_offices": all_offices,
            "totals": {"kiosks": len(kiosk_rows), "online": sum(o["online"] for o in result),
                       "offline": sum(o["offline"] for o in result)}}

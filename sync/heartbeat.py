"""The heartbeat: the kiosk's health, sent to the central service every 60 to 120 seconds.

    beat = Heartbeat(data_dir, cache_path, devices=devices.describe)      # devices: kiosk's Devices object
    body = beat.body(db, config_version="7")
    next_beat_s = beat.send(client, kiosk_id, db)

The body holds fleet facts only: versions, uptime, the vacancy cache's size and age, free disk, the last crash's
time and kind (never its message), the last rollback of an update, and each device's health. Nothing about
anyone who used the kiosk.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlite_utils

from kiosk import __version__
from kiosk.jobs.cache import vacancy_count
from sync.client import BadData, CentralClient
from sync.crashes import last_crash
from sync.staging import read_state
from sync.update_state import STATE_FILE, last_rollback

log = logging.getLogger(__name__)

#: The protocol's range for the beat interval, whatever the server asks.
MIN_BEAT_S, MAX_BEAT_S = 60, 120


def _seconds_since(iso: str | None, now: dt.datetime) -> int | None:
    if not iso:
        return None
    try:
        then = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return max(0, int((now - then).total_seconds()))


def device_rows(devices: Callable[[], Iterable] | None) -> list[dict]:
    """Each device's health as the heartbeat carries it; a failing ``devices`` callable is reported, not raised.

    :param devices: returns rows with ``device``, ``provider``, ``health`` and ``detail`` (attributes or keys),
        such as ``device.Devices.describe``.
    """
    if devices is None:
        return []
    try:
        rows = list(devices())
    except Exception as error:  # noqa: BLE001 - a broken device must not stop the heartbeat that would report it
        return [{"device": "devices", "provider": "?", "health": "error", "detail": type(error).__name__}]
    out = []
    for row in rows:
        get = row.get if isinstance(row, dict) else (lambda key, r=row: getattr(r, key, ""))
        out.append({key: str(get(key) or "")[:200] for key in ("device", "provider", "health", "detail")})
    return out


class Heartbeat:
    """Builds and sends heartbeats.

    :param data_dir: ``kiosk.data_dir`` (free disk, the last crash).
    :param cache_path: the vacancy cache file (its size).
    :param devices: returns each device's health (see ``device_rows``), or None.
    :param started: ``time.monotonic()`` when the app started, for the uptime.
    """

    def __init__(self, data_dir: Path, cache_path: Path, devices: Callable[[], Iterable] | None = None,
                 started: float | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.cache_path = Path(cache_path)
        self.devices = devices
        self.started = time.monotonic() if started is None else started

    def body(self, db: sqlite_utils.Database, config_version: str | None = None) -> dict:
        """The heartbeat's JSON body.

        :param db: the vacancy cache.
        :param config_version: the office config version in use, or None.
        """
        now = dt.datetime.now(dt.UTC)
        last_sync = read_state(db).last_synced_at
        crashed_at, crash_kind = last_crash(self.data_dir)
        rolled_back_at, rolled_back_from = last_rollback(self.data_dir / STATE_FILE)  # written by the guard
        cache_bytes = sum(p.stat().st_size for p in self.cache_path.parent.glob(self.cache_path.name + "*")
                          if p.is_file())  # the -wal file is part of the cache too
        return {
            "app_version": __version__,
            "config_version": config_version,
            "uptime_s": int(time.monotonic() - self.started),
            "last_sync_at": last_sync,
            "cache_vacancies": vacancy_count(db),
            "cache_bytes": cache_bytes,
            "cache_age_s": _seconds_since(last_sync, now),
            "disk_free_bytes": shutil.disk_usage(self.data_dir if self.data_dir.exists() else "/").free,
            "last_crash_at": crashed_at,
            "last_crash_kind": crash_kind,
            "last_rollback_at": rolled_back_at,
            "last_rollback_from": rolled_back_from,
            "devices": device_rows(self.devices),
        }

    def send(self, client: CentralClient, kiosk_id: str, db: sqlite_utils.Database,
             config_version: str | None = None) -> int:
        """Send one heartbeat.

        :returns: seconds until the next beat, as the server asks, kept within 60 to 120.
        :raises SyncFailed: the beat could not be delivered.
        """
        reply = client.post_json(f"/v1/kiosks/{kiosk_id}/heartbeat", self.body(db, config_version), expect=(200,))
        if not isinstance(reply, dict):
            raise BadData("The heartbeat reply is not a JSON object.")
        asked = reply.get("next_beat_s")
        if isinstance(asked, bool) or not isinstance(asked, (int, float)):
            return 90
        return int(min(MAX_BEAT_S, max(MIN_BEAT_S, asked)))

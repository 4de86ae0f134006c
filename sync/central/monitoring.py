"""What the department's monitoring reads: the fleet's alerts as JSON, and the service's figures for Prometheus.

    alerts = fleet_alerts(storage, now)                 # GET /v1/fleet/alerts
    text = metrics_text(storage, snapshots, now)        # GET /metrics

Both are worked out from the database when asked (a scrape every 15 to 60 seconds), so every worker process and
every app server gives the same answer; nothing is counted in one process's memory. The figures are aggregates
with no kiosk or person in them beyond the office and the app version.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from sync.central.clock import iso
from sync.central.fleet import fleet_overview
from sync.central.schema import feed_state, help_requests, vacancy_feed
from sync.central.snapshots import latest_manifest
from sync.central.storage import Storage

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def fleet_alerts(storage: Storage, now: dt.datetime) -> dict:
    """Every alert in the fleet, worst first, with the fleet's totals.

    :param storage: the database.
    :param now: the current time (UTC).
    """
    overview = fleet_overview(storage, now)
    return {"generated_at": iso(now), "totals": overview["totals"], "alerts": overview["alerts"]}


class _FleetCollector:
    """Collects the figures from the database at each scrape."""

    def __init__(self, storage: Storage, snapshots: Path, now: dt.datetime) -> None:
        self.storage, self.snapshots, self.now = storage, snapshots, now

    def collect(self):
        overview = fleet_overview(self.storage, self.now)
        kiosks = GaugeMetricFamily("jobpoint_kiosks", "Enrolled kiosks by office and state.",
                                   labels=["office", "state"])
        for office in overview["offices"]:
            kiosks.add_metric([office["office_id"], "online"], office["online"])
            kiosks.add_metric([office["office_id"], "offline"], office["offline"])
        yield kiosks
        versions = Counter(k.get("app_version") or "unknown" for o in overview["offices"] for k in o["kiosks"])
        by_version = GaugeMetricFamily("jobpoint_kiosks_by_version", "Enrolled kiosks by the app version they "
                                       "last reported.", labels=["version"])
        for version, count in sorted(versions.items()):
            by_version.add_metric([str(version)[:40]], count)
        yield by_version
        alerts = GaugeMetricFamily("jobpoint_alerts", "Open alerts by severity and kind.", labels=["severity", "kind"])
        for (severity, kind), count in sorted(Counter((a["severity"], a["kind"]) for a in overview["alerts"]).items()):
            alerts.add_metric([severity, kind], count)
        yield alerts
        with self.storage.read() as conn:
            last_seq = conn.scalar(select(feed_state.c.value).where(feed_state.c.name == "last_seq")) or 0
            open_vacancies = conn.scalar(select(func.count()).select_from(vacancy_feed).where(
                vacancy_feed.c.op == "upsert", vacancy_feed.c.closes >= self.now.date().isoformat()))
            waiting = conn.scalar(select(func.count()).select_from(help_requests).where(
                help_requests.c.done_at.is_(None)))
        yield GaugeMetricFamily("jobpoint_feed_last_seq", "The newest change in the vacancy feed.", value=last_seq)
        yield GaugeMetricFamily("jobpoint_vacancies_open", "Open vacancies in the feed.", value=open_vacancies)
        yield GaugeMetricFamily("jobpoint_help_requests_open", "Help requests waiting for staff.", value=waiting)
        manifest = latest_manifest(self.snapshots)
        if manifest is not None:
            built = dt.datetime.fromisoformat(manifest.built_at)
            yield GaugeMetricFamily("jobpoint_snapshot_seq", "The feed position of the newest snapshot.",
                                    value=manifest.seq)
            yield GaugeMetricFamily("jobpoint_snapshot_behind_changes", "Changes in the feed since the newest "
                                    "snapshot.", value=max(0, last_seq - manifest.seq))
            yield GaugeMetricFamily("jobpoint_snapshot_age_seconds", "Seconds since the newest snapshot was built.",
                                    value=max(0.0, (self.now - built).total_seconds()))
            yield GaugeMetricFamily("jobpoint_snapshot_bytes", "The newest snapshot's size (gzip).",
                                    value=manifest.bytes)


def metrics_text(storage: Storage, snapshots: Path, now: dt.datetime) -> bytes:
    """The figures in Prometheus's text format.

    :param storage: the database.
    :param snapshots: the snapshot folder.
    :param now: the current time (UTC).
    """
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_FleetCollector(storage, snapshots, now))
    return generate_latest(registry)

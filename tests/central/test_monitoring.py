"""The department's monitoring over real HTTP: the fleet's alerts as JSON and the service's figures in
Prometheus's text format, behind the monitoring token, parsed back with the Prometheus authors' own parser."""

from __future__ import annotations

import datetime as dt

import requests
from prometheus_client.parser import text_string_to_metric_families

from sync.central.feed import apply_vacancies
from sync.central.snapshots import build_snapshot
from tests.central.test_http import enrolled
from tests.sync.records import vacancy
from kiosk.jobs.vacancies import check_vacancy

TOKEN = "m" * 40


def _get(server, path, token=TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(server.url + path, headers=headers, timeout=30)


def test_alerts_and_metrics_need_the_monitoring_token_and_are_off_without_one(make_server, sqlite_storage):
    off = make_server(sqlite_storage)
    assert _get(off, "/metrics").status_code == 404 and _get(off, "/v1/fleet/alerts").status_code == 404
    on = make_server(sqlite_storage, monitoring_token=TOKEN)
    for path in ("/metrics", "/v1/fleet/alerts"):
        assert _get(on, path, token=None).status_code == 401
        assert _get(on, path, token="x" * 40).status_code == 401
        assert _get(on, path).status_code == 200


def test_the_figures_are_the_fleets_and_the_feeds(make_server, sqlite_storage, tmp_path):
    server = make_server(sqlite_storage, monitoring_token=TOKEN, snapshots_dir=tmp_path / "snapshots")
    beating = enrolled(server, name="leeds-1")
    enrolled(server, name="leeds-2")  # enrolled, never beats: offline, and an alert
    assert server.post(f"/v1/kiosks/{beating['kiosk_id']}/heartbeat", beating["credential"],
                       json={"app_version": "0.2.0", "uptime_s": 5}).ok
    apply_vacancies(server.storage, [check_vacancy(vacancy(n)) for n in range(7)], server.clock())
    build_snapshot(server.storage, tmp_path / "snapshots", server.clock())
    apply_vacancies(server.storage, [check_vacancy(vacancy(n, title="Baker")) for n in range(3)], server.clock())

    alerts = _get(server, "/v1/fleet/alerts").json()
    assert alerts["totals"] == {"kiosks": 2, "online": 1, "offline": 1}
    kinds = {(a["kiosk_name"], a["kind"]) for a in alerts["alerts"]}
    assert ("leeds-2", "never_seen") in kinds and not any(name == "leeds-1" and kind == "never_seen"
                                                          for name, kind in kinds)

    reply = _get(server, "/metrics")
    assert reply.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(reply.text) for s in family.samples}
    assert samples[("jobpoint_kiosks", (("office", "leeds"), ("state", "online")))] == 1
    assert samples[("jobpoint_kiosks", (("office", "leeds"), ("state", "offline")))] == 1
    assert samples[("jobpoint_kiosks_by_version", (("version", "0.2.0"),))] == 1
    assert samples[("jobpoint_alerts", (("kind", "never_seen"), ("severity", "warning")))] == 1
    assert samples[("jobpoint_vacancies_open", ())] == 7
    assert samples[("jobpoint_snapshot_behind_changes", ())] == 3
    assert samples[("jobpoint_feed_last_seq", ())] == samples[("jobpoint_snapshot_seq", ())] + 3
    assert 0 <= samples[("jobpoint_snapshot_age_seconds", ())] < dt.timedelta(days=1).total_seconds()

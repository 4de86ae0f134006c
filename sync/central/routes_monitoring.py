"""The department's monitoring: ``GET /metrics`` (Prometheus text format) and ``GET /v1/fleet/alerts`` (JSON).

Both need ``Authorization: Bearer`` with the ``monitoring_token`` setting, compared in constant time; with no token
set, both answer 404, so nothing about the fleet is visible to anyone by default.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Request, Response

from sync.central import api_models as m
from sync.central.auth import bearer_credential
from sync.central.errors import ApiError, ErrorBody
from sync.central.monitoring import CONTENT_TYPE, fleet_alerts, metrics_text

router = APIRouter()
_RESPONSES = {401: {"model": ErrorBody, "description": "No token, or not the monitoring token"},
              404: {"model": ErrorBody, "description": "Monitoring is off (no monitoring_token set)"}}


def require_monitoring(request: Request, token: str = Depends(bearer_credential)) -> None:
    """401 unless the bearer token is the ``monitoring_token`` setting; 404 when none is set."""
    expected = request.app.state.settings.monitoring_token
    if not expected:
        raise ApiError(404, "not_found", "Monitoring is off: set monitoring_token to turn it on.")
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise ApiError(401, "unauthorised", "This is not the monitoring token.")


@router.get("/v1/fleet/alerts", response_model=m.FleetAlerts, tags=["monitoring"], responses=_RESPONSES)
def get_fleet_alerts(request: Request, _ok: None = Depends(require_monitoring)) -> dict:
    """Every alert in the fleet (offline kiosks, device problems, old caches, crashes, rollbacks), worst first."""
    return fleet_alerts(request.app.state.storage, request.app.state.clock())


@router.get("/metrics", tags=["monitoring"], response_class=Response, responses={
    200: {"content": {CONTENT_TYPE: {}}, "description": "Prometheus text format"}, **_RESPONSES})
def get_metrics(request: Request, _ok: None = Depends(require_monitoring)) -> Response:
    """The fleet's and the feed's figures for Prometheus: kiosks by office and state, versions, alerts, feed and
    snapshot."""
    state = request.app.state
    return Response(metrics_text(state.storage, state.settings.snapshots_folder, state.clock()),
                    media_type=CONTENT_TYPE)

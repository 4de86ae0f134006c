"""The kiosk-facing API: enrol, vacancy changes, office config, rates, usage counts and heartbeats.

Every handler is a plain ``def``: FastAPI runs it in its thread pool, and the database work inside is short.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response

from sync.central import api_models as m
from sync.central.auth import bearer_credential, check_kiosk, check_office, require_kiosk
from sync.central.clock import iso
from sync.central.enrolment import BadToken, KioskIdentity, check_kiosk_name, enrol
from sync.central.errors import ApiError, ErrorBody
from sync.central.feed import DEFAULT_LIMIT, MAX_LIMIT, CursorTooOld
from sync.central.heartbeats import record_heartbeat, record_own_heartbeat
from sync.central.offices import office_config
from sync.central.usage import BadUsage, check_batch, record_usage

router = APIRouter()
_ERRORS = {401: {"model": ErrorBody, "description": "No, unknown or revoked credential"},
           403: {"model": ErrorBody, "description": "Another office's or kiosk's path"},
           422: {"model": ErrorBody, "description": "The request is not valid"}}


@router.post("/v1/enrol", status_code=201, response_model=m.Enrolment, tags=["kiosk"],
             responses={401: {"model": ErrorBody, "description": "bad_token"}, 422: _ERRORS[422]})
def post_enrol(body: m.EnrolRequest, request: Request) -> dict:
    """Exchange a one-time enrolment token for this kiosk's credential."""
    try:
        name = check_kiosk_name(body.kiosk_name)
    except ValueError as error:
        raise ApiError(422, "invalid", str(error)) from None
    try:
        done = enrol(request.app.state.storage, body.token, name, request.app.state.clock())
    except BadToken:
        raise ApiError(401, "bad_token", "This enrolment token is unknown, used, expired or revoked: ask IT "
                                         "for a new one (kiosk-central token).") from None
    return {"kiosk_id": done.kiosk_id, "office_id": done.office_id, "credential": done.credential}


@router.get("/v1/vacancies/changes", response_model=m.ChangesPage, tags=["kiosk"],
            responses={**_ERRORS, 410: {"model": ErrorBody, "description": "cursor_too_old: resync from 0"}})
def get_changes(request: Request, since: int = Query(0, ge=0), limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
                kiosk: KioskIdentity = Depends(require_kiosk)) -> Response:
    """Vacancy changes after the cursor ``since``, in seq order; the last page carries the snapshot."""
    try:
        body = request.app.state.feed.changes_page(since, limit, request.app.state.clock().date())
    except CursorTooOld:
        raise ApiError(410, "cursor_too_old", "This cursor is older than the deletions the service keeps, or "
                                              "newer than its newest change: sync again from since=0.") from None
    return Response(body, media_type="application/json")


@router.get("/v1/offices/{office_id}/config", response_model=m.OfficeConfig, tags=["kiosk"],
            responses={**_ERRORS, 404: {"model": ErrorBody, "description": "No config for the office"}})
def get_office_config(office_id: str, request: Request, kiosk: KioskIdentity = Depends(require_kiosk)) -> dict:
    """The kiosk's own office's name, Local Housing Allowance and local help."""
    check_office(kiosk, office_id)
    config = office_config(request.app.state.storage, office_id)
    if config is None:
        raise ApiError(404, "not_found", "This office has no config yet (kiosk-central office-set).")
    return config


@router.get("/v1/rates", response_model=m.Rates, tags=["kiosk"], responses={401: _ERRORS[401]})
def get_rates(request: Request, kiosk: KioskIdentity = Depends(require_kiosk)) -> dict:
    """The benefit rates files, in the format of assets/rules/."""
    return request.app.state.rates.current()


@router.post("/v1/kiosks/{kiosk_id}/usage", response_model=m.UsageReply, tags=["kiosk"], responses=_ERRORS)
def post_usage(kiosk_id: str, body: m.UsageBatchBody, request: Request,
               kiosk: KioskIdentity = Depends(require_kiosk)) -> dict:
    """Add hourly usage counters, exactly once per batch_id."""
    check_kiosk(kiosk, kiosk_id)
    try:
        batch = check_batch(body.model_dump())
    except BadUsage as error:
        raise ApiError(422, "invalid", str(error)) from None
    status = record_usage(request.app.state.storage, kiosk, batch, request.app.state.clock())
    return {"batch_id": batch.batch_id, "status": status}


@router.post("/v1/kiosks/{kiosk_id}/heartbeat", response_model=m.HeartbeatReply, tags=["kiosk"], responses=_ERRORS)
def post_heartbeat(kiosk_id: str, body: m.Heartbeat, request: Request,
                   credential: str = Depends(bearer_credential)) -> dict:
    """Report the kiosk's health; the reply says when to beat next."""
    now, interval = request.app.state.clock(), request.app.state.settings.next_beat_s
    # Checked and written in one transaction; only a refused beat pays for working out why (401 or 403). Should
    # the credential turn out good after all (a race with a revocation is the only way), write it as before.
    if not record_own_heartbeat(request.app.state.storage, credential, kiosk_id, body.model_dump(), interval, now):
        check_kiosk(require_kiosk(request, credential), kiosk_id)
        record_heartbeat(request.app.state.storage, kiosk_id, body.model_dump(), interval, now)
    return {"server_time": iso(now), "next_beat_s": interval}

"""Help requests over HTTP: kiosks ask and close them, dashboard users see them and mark them done.

    POST /v1/kiosks/{kiosk_id}/help-requests                      a kiosk asks (201; 200 with the one already open)
    GET  /v1/kiosks/{kiosk_id}/help-requests/{request_id}         the kiosk checks whether staff have answered
    POST /v1/kiosks/{kiosk_id}/help-requests/{request_id}/done    a staff card at the kiosk, or the person left
    GET  /v1/help-requests?office=leeds                           the dashboard's live list (signed in)
    POST /dashboard/help-requests/{request_id}/done               the dashboard's "Done" button (form, anti-forgery)
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from fastapi.responses import RedirectResponse

from sync.central import api_models as m
from sync.central.auth import check_kiosk, require_kiosk, require_session, require_user
from sync.central.clock import iso
from sync.central.enrolment import KioskIdentity
from sync.central.errors import ApiError, ErrorBody
from sync.central.help_requests import UnknownRequest, ask_for_help, kiosk_request, mark_done, open_requests
from sync.central.routes_signin import from_this_site
from sync.central.sessions import DashboardSession, same_token

router = APIRouter()
_ERRORS = {401: {"model": ErrorBody, "description": "No, unknown or revoked credential"},
           403: {"model": ErrorBody, "description": "Another kiosk's path"},
           404: {"model": ErrorBody, "description": "No such help request for this kiosk"},
           422: {"model": ErrorBody, "description": "The request is not valid"}}
_UNKNOWN = "This kiosk has no help request with that id."


@router.post("/v1/kiosks/{kiosk_id}/help-requests", status_code=201, response_model=m.HelpRequest, tags=["kiosk"],
             responses={**_ERRORS, 200: {"model": m.HelpRequest, "description": "The request already open"}})
def post_help_request(kiosk_id: str, body: m.HelpRequestBody, request: Request, response: Response,
                      kiosk: KioskIdentity = Depends(require_kiosk)) -> dict:
    """Ask for a member of staff to come to this kiosk (at most one open request a kiosk)."""
    check_kiosk(kiosk, kiosk_id)
    help_request, new = ask_for_help(request.app.state.storage, kiosk, body.area, request.app.state.clock())
    if not new:
        response.status_code = 200
    return help_request


@router.get("/v1/kiosks/{kiosk_id}/help-requests/{request_id}", response_model=m.HelpRequest, tags=["kiosk"],
            responses=_ERRORS)
def get_help_request(kiosk_id: str, request_id: str, request: Request,
                     kiosk: KioskIdentity = Depends(require_kiosk)) -> dict:
    """One of this kiosk's help requests: still open, or done (and how)."""
    check_kiosk(kiosk, kiosk_id)
    try:
        return kiosk_request(request.app.state.storage, kiosk_id, request_id[:64], request.app.state.clock())
    except UnknownRequest:
        raise ApiError(404, "not_found", _UNKNOWN) from None


@router.post("/v1/kiosks/{kiosk_id}/help-requests/{request_id}/done", response_model=m.HelpRequest, tags=["kiosk"],
             responses=_ERRORS)
def post_help_request_done(kiosk_id: str, request_id: str, body: m.HelpRequestDone, request: Request,
                           kiosk: KioskIdentity = Depends(require_kiosk)) -> dict:
    """Close this kiosk's request: a staff card went in, or the person finished (a closed one stays as it was)."""
    check_kiosk(kiosk, kiosk_id)
    try:
        return mark_done(request.app.state.storage, request_id[:64], body.by, request.app.state.clock(),
                         kiosk_id=kiosk_id)
    except UnknownRequest:
        raise ApiError(404, "not_found", _UNKNOWN) from None


@router.get("/v1/help-requests", response_model=m.HelpRequestList, tags=["dashboard"],
            responses={401: {"model": ErrorBody}})
def get_help_requests(request: Request, office: str | None = Query(None, max_length=64),
                      user: str = Depends(require_user)) -> dict:
    """The open help requests (one office's, or every office's), oldest first, with how long each has waited."""
    now: dt.datetime = request.app.state.clock()
    return {"server_time": iso(now), "requests": open_requests(request.app.state.storage, office or None, now)}


@router.post("/dashboard/help-requests/{request_id}/done", tags=["dashboard"], response_model=m.HelpRequest,
             responses={303: {"description": "Back to the dashboard (a form without script)"},
                        403: {"model": ErrorBody}, 404: {"model": ErrorBody}})
def post_dashboard_help_done(request_id: str, request: Request, csrf: str = Form("", max_length=200),
                             back: str = Form("", max_length=300),
                             session: DashboardSession = Depends(require_session)):
    """Mark a help request done from the dashboard ("Done" by a member of staff who has gone to the kiosk)."""
    if not from_this_site(request) or not same_token(csrf, session.csrf):
        raise ApiError(403, "forbidden", "This form has expired or came from another site: reload the dashboard "
                                         "and try again.")
    try:
        done = mark_done(request.app.state.storage, request_id[:64], "dashboard", request.app.state.clock())
    except UnknownRequest:
        raise ApiError(404, "not_found", "There is no help request with that id.") from None
    if "application/json" in request.headers.get("accept", ""):
        return done
    # Only back to the dashboard itself, whatever the form said (never an open redirect).
    target = back if back.startswith("/dashboard") and "//" not in back and "\\" not in back else "/dashboard"
    return RedirectResponse(target + "#help", status_code=303)

"""The dashboard's routes: the fleet dashboard page, its stylesheet and script, usage figures (signing in:
routes_signin; help requests: routes_help).

``GET /dashboard`` is the page (``sync.central.dashboard_page``) for a browser, which asks for text/html; any
other client gets the same fleet overview as JSON (``sync.central.fleet.fleet_overview``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from importlib import resources

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sync.central import api_models as m
from sync.central.auth import require_session, require_user
from sync.central.clock import EARLIEST, LATEST
from sync.central.dashboard_feedback import feedback_section, feedback_totals
from sync.central.dashboard_help import SCRIPT, help_section
from sync.central.dashboard_page import CHARTED_OFFICES, dashboard_page, read_view, usage_period
from sync.central.dashboard_paging import overview_page
from sync.central.errors import ApiError, ErrorBody
from sync.central.fleet import fleet_overview
from sync.central.help_requests import help_stats, open_requests
from sync.central.sessions import DashboardSession
from sync.central.usage import ROUND_TO, SUPPRESS_BELOW, office_stats

router = APIRouter()
MAX_STATS_DAYS = 366

# The pages are drawn on the server. The one script is the service's own file (/dashboard-help.js, docs/adr/021),
# so an injected inline <script> could not run even if escaping ever failed; it may only talk to this service.
# Styles come only from the service's own /dashboard.css.
HTML_HEADERS = {"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                "Content-Security-Policy": "default-src 'none'; script-src 'self'; connect-src 'self'; "
                                           "style-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                           "base-uri 'none'"}
_CSS = (resources.files("sync.central") / "static" / "dashboard.css").read_bytes()


@router.get("/dashboard", tags=["dashboard"], response_model=None, responses={
    200: {"description": "The dashboard page (text/html) for a browser; otherwise the fleet overview as JSON, "
                         "100 kiosks a page",
          "content": {"text/html": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}}}},
    401: {"model": ErrorBody, "description": "Not signed in (a browser is sent to /login instead)"},
    422: {"model": ErrorBody}})
def get_dashboard(request: Request, session: DashboardSession = Depends(require_session),
                  event: str | None = Query(None, description="The usage event the charts show (unknown: sessions "
                                                              "started)."),
                  days: str | None = Query(None, description="The charts' period: 7, 28 (the default) or 90 days."),
                  refresh: str | None = Query(None, description="off: the page stops reloading itself every minute."),
                  office: str | None = Query(None, description="One office's id: only its kiosks, alerts and usage "
                                                               "(unknown: every office)."),
                  kiosk_state: str | None = Query(None, alias="state", description="The kiosks list shows only "
                                                  "kiosks online, offline or never seen."),
                  version: str | None = Query(None, description="The kiosks list shows only kiosks on this app "
                                                                "version."),
                  alerts: str | None = Query(None, description="yes: the kiosks list shows only kiosks with "
                                                               "alerts."),
                  devices: str | None = Query(None, description="problem: the kiosks list shows only kiosks "
                                                                "with a device problem."),
                  page: str | None = Query(None, description="The page of the kiosks list (HTML and JSON: "
                                                          "100 kiosks a page), 1 first."),
                  offices_page: str | None = Query(None, description="The page of the offices list, 1 first (HTML "
                                                                     "only).")):
    """The fleet dashboard: a summary, alerts, offices and kiosks a page at a time, and usage charts (HTML), or the
    fleet overview (JSON), also a page of kiosks at a time with the same filters (``overview_page``)."""
    state = request.app.state
    now = state.clock()
    view = read_view({"event": event, "days": days, "refresh": refresh, "office": office, "state": kiosk_state,
                      "version": version, "alerts": alerts, "devices": devices, "page": page,
                      "offices_page": offices_page})
    page = "text/html" in request.headers.get("accept", "")

    def overview_of(office_id: str | None) -> tuple[dict, dt.datetime]:
        # A person paging through the fleet gets the state kept for a few seconds; a script, the state now.
        if page:
            return state.fleet_cache.overview(state.storage, now, office_id)
        return fleet_overview(state.storage, now, office_id), now

    overview, as_of = overview_of(view.office or None)
    if view.office and not overview["offices"]:  # no such office: say so and show them all
        view = replace(view, office="", note=(view.note + " No office has that id: showing every office.").strip())
        overview, as_of = overview_of(None)
    if not page:
        return {"user": session.user, **overview_page(overview, view.kiosks, view.page)}
    rows = office_stats(state.storage, view.office or None, *usage_period(view, now))
    office = view.office or None
    help_html = help_section(open_requests(state.storage, office, now), help_stats(state.storage, office, now.date(),
                                                                                     now.date()),
                             office=view.office, csrf=session.csrf, back="/dashboard" + view.query(),
                             live=view.refresh)
    # Past CHARTED_OFFICES offices, every office's answers in one table, as with the usage charts: a table an
    # office made the whole fleet's page 514 KiB at 10,000 kiosks (bench/fleet.py).
    together = office is None and len(overview["offices"]) > CHARTED_OFFICES
    feedback_html = feedback_section(feedback_totals(state.storage, office, *usage_period(view, now),
                                                     whole_fleet=together), overview)
    return HTMLResponse(dashboard_page(overview, rows, view, session.user, as_of, session.csrf, help_html,
                                       feedback_html),
                        headers=HTML_HEADERS)


@router.get("/dashboard.css", include_in_schema=False)
def get_dashboard_css() -> Response:
    """The dashboard's stylesheet (public: the sign-in page uses it too)."""
    return Response(_CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/dashboard-help.js", include_in_schema=False)
def get_dashboard_script() -> Response:
    """The dashboard's one script: it keeps the help requests list up to date (public, like the stylesheet)."""
    return Response(SCRIPT, media_type="text/javascript", headers={"Cache-Control": "max-age=3600"})


@router.get("/v1/stats", response_model=m.Stats, tags=["dashboard"],
            responses={401: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def get_stats(request: Request, first: dt.date = Query(alias="from"), last: dt.date = Query(alias="to"),
              office: str | None = Query(None, max_length=64), user: str = Depends(require_user)) -> dict:
    """Usage per office, UTC day and event; counts below 10 are null, the rest rounded to the nearest 5."""
    if last < first or (last - first).days >= MAX_STATS_DAYS:
        raise ApiError(422, "invalid", f"to must be on or after from, and at most {MAX_STATS_DAYS} days later.")
    if not (EARLIEST.date() <= first and last <= LATEST.date()):  # year 9999 would overflow the day after it
        raise ApiError(422, "invalid", f"from and to must be in the years {EARLIEST.year} to {LATEST.year}.")
    rows = office_stats(request.app.state.storage, office, first, last)
    return {"from": first.isoformat(), "to": last.isoformat(), "suppressed_below": SUPPRESS_BELOW,
            "rounded_to": ROUND_TO, "rows": rows}

"""The dashboard's routes: sign in and out, the fleet dashboard page, its stylesheet and usage figures.

``GET /dashboard`` is the page (``sync.central.dashboard_page``) for a browser, which asks for text/html; any
other client gets the same fleet overview as JSON (``sync.central.fleet.fleet_overview``).
Five wrong passwords for one user name within 15 minutes lock that name for the rest of the 15 minutes.
"""

from __future__ import annotations

import datetime as dt
import html
import threading
import time
from collections import defaultdict, deque
from dataclasses import replace
from importlib import resources

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sync.central import api_models as m
from sync.central.auth import require_user
from sync.central.clock import EARLIEST, LATEST
from sync.central.dashboard_page import dashboard_page, read_view, usage_period
from sync.central.errors import ApiError, ErrorBody
from sync.central.fleet import fleet_overview
from sync.central.passwords import check_login
from sync.central.sessions import COOKIE
from sync.central.usage import ROUND_TO, SUPPRESS_BELOW, office_stats

router = APIRouter()
MAX_FAILURES = 5
LOCK_S = 15 * 60
MAX_STATS_DAYS = 366

_FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in: Jobpoint fleet</title><link rel="stylesheet" href="/dashboard.css"></head>
<body><header class="banner"><div class="wrap banner-row"><p class="service">Jobpoint fleet dashboard</p></div>
</header><main class="wrap signin">
<h1>Sign in to the Jobpoint fleet dashboard</h1>
{message}
<form method="post" action="/login">
<p><label for="name">User name</label><br><input id="name" name="name" autocomplete="username" required></p>
<p><label for="password">Password</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit" class="primary">Sign in</button></p>
</form></main></body></html>
"""
# No script anywhere: the pages are drawn on the server, and an injected <script> could not run even if
# escaping ever failed. Styles come only from the service's own /dashboard.css.
_HTML_HEADERS = {"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                 "Content-Security-Policy": "default-src 'none'; style-src 'self'; form-action 'self'; "
                                            "frame-ancestors 'none'; base-uri 'none'"}
_CSS = (resources.files("sync.central") / "static" / "dashboard.css").read_bytes()


class LoginThrottle:
    """Counts recent wrong passwords per user name (in memory: per process, forgotten on restart)."""

    def __init__(self) -> None:
        self._failures: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def locked(self, name: str) -> bool:
        """True if ``name`` had ``MAX_FAILURES`` wrong passwords in the last ``LOCK_S`` seconds."""
        with self._lock:
            failures = self._failures[name]
            while failures and failures[0] < time.monotonic() - LOCK_S:
                failures.popleft()
            return len(failures) >= MAX_FAILURES

    def failed(self, name: str) -> None:
        """Note a wrong password for ``name``."""
        with self._lock:
            self._failures[name].append(time.monotonic())


def _form(message: str = "", status: int = 200) -> HTMLResponse:
    shown = f'<p role="alert" class="error-box"><strong>{html.escape(message)}</strong></p>' if message else ""
    return HTMLResponse(_FORM.format(message=shown), status_code=status, headers=_HTML_HEADERS)


@router.get("/login", response_class=HTMLResponse, tags=["dashboard"])
def get_login() -> HTMLResponse:
    """The sign-in form."""
    return _form()


@router.post("/login", response_class=HTMLResponse, tags=["dashboard"],
             responses={303: {"description": "Signed in: on to /dashboard"}})
def post_login(request: Request, name: str = Form(max_length=64), password: str = Form(max_length=1000)):
    """Check the user name and password; on success set the session cookie and go to the dashboard."""
    state = request.app.state
    if state.throttle.locked(name):
        return _form("Too many wrong passwords for this user name. Wait 15 minutes and try again.", 429)
    if not check_login(state.storage, name, password):
        state.throttle.failed(name)
        return _form("That user name and password do not match.", 401)
    response = RedirectResponse("/dashboard", status_code=303)
    response.set_cookie(COOKIE, state.signer.make(name, state.clock()), max_age=int(state.signer.lifetime
                        .total_seconds()), httponly=True, samesite="strict",
                        secure=state.settings.public_url.startswith("https://"), path="/")
    return response


@router.post("/logout", tags=["dashboard"], responses={303: {"description": "Signed out: on to /login"}})
def post_logout() -> RedirectResponse:
    """Forget the session cookie."""
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/dashboard", tags=["dashboard"], response_model=None, responses={
    200: {"description": "The dashboard page (text/html) for a browser; the fleet overview as JSON otherwise",
          "content": {"text/html": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}}}},
    401: {"model": ErrorBody, "description": "Not signed in (a browser is sent to /login instead)"},
    422: {"model": ErrorBody}})
def get_dashboard(request: Request, user: str = Depends(require_user),
                  event: str | None = Query(None, description="The usage event the charts show (unknown: sessions "
                                                              "started)."),
                  days: str | None = Query(None, description="The charts' period: 7, 28 (the default) or 90 days."),
                  refresh: str | None = Query(None, description="off: the page stops reloading itself every minute."),
                  office: str | None = Query(None, description="One office's id: only its kiosks, alerts and usage "
                                                               "(unknown: every office).")):
    """The fleet dashboard: kiosks by office, alerts and usage charts (HTML), or the fleet overview (JSON)."""
    state = request.app.state
    now = state.clock()
    view = read_view({"event": event, "days": days, "refresh": refresh, "office": office})
    overview = fleet_overview(state.storage, now, view.office or None)
    if view.office and not overview["offices"]:  # no such office: say so and show them all
        view = replace(view, office="", note=(view.note + " No office has that id: showing every office.").strip())
        overview = fleet_overview(state.storage, now)
    if "text/html" not in request.headers.get("accept", ""):
        return {"user": user, **overview}
    rows = office_stats(state.storage, view.office or None, *usage_period(view, now))
    return HTMLResponse(dashboard_page(overview, rows, view, user, now), headers=_HTML_HEADERS)


@router.get("/dashboard.css", include_in_schema=False)
def get_dashboard_css() -> Response:
    """The dashboard's stylesheet (public: the sign-in page uses it too)."""
    return Response(_CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


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

"""Signing in to the dashboard and out again: ``GET``/``POST /login`` and ``POST /logout``.

Both posts are refused (403, nothing changed) unless their form carries its anti-forgery token
(``sync.central.sessions``) and the browser does not say the post came from another site (``Sec-Fetch-Site``,
``Origin``). A sign-in starts a new server-side session (any session the browser had is ended first); a
sign-out ends it, so its cookie never works again. Wrong passwords slow down the next tries of that name and
from that address (``sync.central.login_throttle``): never a lock.
"""

from __future__ import annotations

import html
from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sync.central.login_throttle import attempt_succeeded, begin_attempt
from sync.central.passwords import check_login
from sync.central.routes_dashboard import HTML_HEADERS
from sync.central.sessions import (COOKIE, SIGNIN_COOKIE, end_session, find_session, same_token,
                                   start_session)

router = APIRouter()

_FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in: Jobpoint fleet</title><link rel="stylesheet" href="/dashboard.css"></head>
<body><header class="banner"><div class="wrap banner-row"><p class="service">Jobpoint fleet dashboard</p></div>
</header><main class="wrap signin">
<h1>Sign in to the Jobpoint fleet dashboard</h1>
{message}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="{token}">
<p><label for="name">User name</label><br><input id="name" name="name" autocomplete="username" required></p>
<p><label for="password">Password</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit" class="primary">Sign in</button></p>
</form></main></body></html>
"""
_FORGED = "This form is out of date or was sent from another site, so nothing was done. Please try again here."


def _secure(request: Request) -> bool:
    return request.app.state.settings.public_url.startswith("https://")


def _form(request: Request, message: str = "", status: int = 200, headers: dict | None = None) -> HTMLResponse:
    """The sign-in form, with a token bound to the browser's sign-in cookie (made now if it has none)."""
    forms = request.app.state.signin_forms
    nonce = request.cookies.get(SIGNIN_COOKIE) or ""
    fresh = not forms.check(nonce, forms.token(nonce))  # a missing or malformed cookie gets a new value
    if fresh:
        nonce = forms.new_nonce()
    shown = f'<p role="alert" class="error-box"><strong>{html.escape(message)}</strong></p>' if message else ""
    response = HTMLResponse(_FORM.format(message=shown, token=forms.token(nonce)), status_code=status,
                            headers={**HTML_HEADERS, **(headers or {})})
    if fresh:
        response.set_cookie(SIGNIN_COOKIE, nonce, httponly=True, samesite="strict", secure=_secure(request),
                            path="/")
    return response


def from_this_site(request: Request) -> bool:
    """False when the browser says a post came from another site (or from an opaque origin such as a sandbox).

    A defence in depth beside the tokens (ASVS 4.0.3 4.2.2): clients that send neither header pass here.

    :param request: the post.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    ours = {urlparse(request.app.state.settings.public_url).netloc, request.headers.get("host", "")}
    return urlparse(origin).netloc in ours - {""}


@router.get("/login", response_class=HTMLResponse, tags=["dashboard"])
def get_login(request: Request) -> HTMLResponse:
    """The sign-in form."""
    return _form(request)


@router.post("/login", response_class=HTMLResponse, tags=["dashboard"],
             responses={303: {"description": "Signed in: on to /dashboard"},
                        403: {"description": "No valid anti-forgery token, or a post from another site"},
                        429: {"description": "Too many wrong passwords: wait the Retry-After seconds"}})
def post_login(request: Request, name: str = Form(max_length=64), password: str = Form(max_length=1000),
               csrf: str = Form("", max_length=200)):
    """Check the user name and password; on success start a session and go to the dashboard."""
    state = request.app.state
    if not from_this_site(request) or not state.signin_forms.check(request.cookies.get(SIGNIN_COOKIE), csrf):
        return _form(request, _FORGED, 403)
    now, address = state.clock(), request.client.host if request.client else "unknown"
    wait = begin_attempt(state.storage, name, address, now)
    if wait:
        return _form(request, f"Too many wrong passwords for this user name or from this address. Wait "
                              f"{wait} second{'s' if wait != 1 else ''} and try again.", 429,
                     {"Retry-After": str(wait)})
    if not check_login(state.storage, name, password):
        return _form(request, "That user name and password do not match.", 401)
    attempt_succeeded(state.storage, name, address, now)
    end_session(state.storage, request.cookies.get(COOKIE))  # a new session id at each sign-in (ASVS 3.2.1)
    hours = state.settings.session_hours
    response = RedirectResponse("/dashboard", status_code=303)
    response.set_cookie(COOKIE, start_session(state.storage, name, now, hours), max_age=hours * 3600,
                        httponly=True, samesite="strict", secure=_secure(request), path="/")
    response.delete_cookie(SIGNIN_COOKIE, path="/")
    return response


@router.post("/logout", tags=["dashboard"], responses={303: {"description": "Signed out: on to /login"},
                                                       403: {"description": "No valid anti-forgery token"}})
def post_logout(request: Request, csrf: str = Form("", max_length=200)) -> Response:
    """End the session (its cookie never works again) and forget the cookie."""
    state = request.app.state
    token = request.cookies.get(COOKIE)
    session = find_session(state.storage, token, state.clock())
    if session is not None and (not from_this_site(request) or not same_token(csrf, session.csrf)):
        return HTMLResponse(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not signed out'
                            f'</title><link rel="stylesheet" href="/dashboard.css"></head><body><main class="wrap">'
                            f'<h1>Not signed out</h1><p>{html.escape(_FORGED)}</p><p><a href="/dashboard">Back to '
                            f'the dashboard</a></p></main></body></html>', status_code=403, headers=HTML_HEADERS)
    end_session(state.storage, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response

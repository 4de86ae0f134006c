"""The dashboard's "Help near you" page for an office: its list, and forms to add or remove an entry (signed in).

    GET  /dashboard/offices/{office_id}/local-help           the list and the add form
    POST /dashboard/offices/{office_id}/local-help           add an entry (form, anti-forgery token)
    POST /dashboard/offices/{office_id}/local-help/remove    take one off by its number (form, anti-forgery token)

A change goes through ``sync.central.local_help_edit``, with the same checks as ``kiosk-central local-help`` and an
office file. A refused change answers 422 with the page, the reason at its top and the form as it was typed; a
change made answers 303 back to the page, which says what was done.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sync.central.dashboard_local_help import FIELDS, local_help_page
from sync.central.auth import require_session
from sync.central.errors import ApiError, ErrorBody
from sync.central.local_help_edit import (BadOfficeConfig, NoSuchOffice, add_local_help, local_help_of,
                                          office_name, remove_local_help)
from sync.central.routes_dashboard import HTML_HEADERS
from sync.central.routes_signin import from_this_site
from sync.central.sessions import DashboardSession, same_token

router = APIRouter()
_ERRORS = {401: {"model": ErrorBody, "description": "Not signed in"},
           403: {"model": ErrorBody, "description": "The form's token is wrong or it came from another site"},
           404: {"model": ErrorBody, "description": "No such office"}}
_PAGE = {"content": {"text/html": {"schema": {"type": "string"}}}}
#: What the page says after a change, by the ``done`` query value (never text from the address itself).
_DONE = {"added": "The organisation was added.", "removed": "The organisation was removed."}


def _page(request: Request, session: DashboardSession, office_id: str, status: int = 200, **words) -> HTMLResponse:
    storage = request.app.state.storage
    try:
        entries, name = local_help_of(storage, office_id), office_name(storage, office_id)
    except NoSuchOffice:
        raise ApiError(404, "not_found", "There is no office with that id.") from None
    return HTMLResponse(local_help_page(office_id, name, entries, user=session.user, csrf=session.csrf, **words),
                        status_code=status, headers=HTML_HEADERS)


def _check_form(request: Request, session: DashboardSession, csrf: str) -> None:
    if not from_this_site(request) or not same_token(csrf, session.csrf):
        raise ApiError(403, "forbidden", "This form has expired or came from another site: reload the page and try "
                                         "again.")


@router.get("/dashboard/offices/{office_id}/local-help", tags=["dashboard"], response_class=HTMLResponse,
            responses={200: _PAGE, **_ERRORS})
def get_local_help_page(office_id: str, request: Request, done: str | None = Query(None, max_length=20),
                        session: DashboardSession = Depends(require_session)) -> HTMLResponse:
    """An office's "Help near you" list, with a Remove button on each entry and a form to add one."""
    return _page(request, session, office_id[:64], done=_DONE.get(done or "", ""))


@router.post("/dashboard/offices/{office_id}/local-help", tags=["dashboard"], response_class=HTMLResponse,
             responses={303: {"description": "Added: back to the page"},
                        422: {**_PAGE, "description": "Refused: the page with the reason and the form as typed"},
                        **_ERRORS})
def post_local_help_entry(office_id: str, request: Request, csrf: str = Form("", max_length=200),
                          name: str = Form("", max_length=200), category: str = Form("", max_length=20),
                          phone: str = Form("", max_length=40), url: str = Form("", max_length=500),
                          about_en: str = Form("", max_length=1000), about_cy: str = Form("", max_length=1000),
                          opening_en: str = Form("", max_length=300), opening_cy: str = Form("", max_length=300),
                          session: DashboardSession = Depends(require_session)):
    """Add an organisation at the end of the office's list."""
    _check_form(request, session, csrf)
    values = {"name": name, "category": category, "phone": phone, "url": url, "about_en": about_en,
              "about_cy": about_cy, "opening_en": opening_en, "opening_cy": opening_cy}
    try:
        add_local_help(request.app.state.storage, office_id[:64], values, request.app.state.clock())
    except NoSuchOffice:
        raise ApiError(404, "not_found", "There is no office with that id.") from None
    except BadOfficeConfig as error:
        return _page(request, session, office_id[:64], 422, error=_sentence(str(error)), values=values)
    return RedirectResponse(f"/dashboard/offices/{office_id[:64]}/local-help?done=added", status_code=303)


@router.post("/dashboard/offices/{office_id}/local-help/remove", tags=["dashboard"], response_class=HTMLResponse,
             responses={303: {"description": "Removed: back to the page"},
                        422: {**_PAGE, "description": "Refused: no entry with that number"}, **_ERRORS})
def post_local_help_remove(office_id: str, request: Request, csrf: str = Form("", max_length=200),
                           number: int = Form(0, ge=0, le=1000),
                           session: DashboardSession = Depends(require_session)):
    """Take one organisation off the office's list, by its number on the page."""
    _check_form(request, session, csrf)
    try:
        remove_local_help(request.app.state.storage, office_id[:64], number, request.app.state.clock())
    except NoSuchOffice:
        raise ApiError(404, "not_found", "There is no office with that id.") from None
    except BadOfficeConfig as error:
        return _page(request, session, office_id[:64], 422, error=_sentence(str(error)))
    return RedirectResponse(f"/dashboard/offices/{office_id[:64]}/local-help?done=removed", status_code=303)


def _sentence(message: str) -> str:
    """A check's message in the page's words: "local_help entry 4 url must ..." -> "Entry 4: the url must ..."."""
    if message.startswith("local_help must be up to"):
        return "The list already holds the most it can (30 organisations): remove one first."
    message = re.sub(r"^(?:The )?local_help entry (\d+) ", r"Entry \1: the ", message)
    return message[:1].upper() + message[1:]


__all__ = ["FIELDS", "router"]

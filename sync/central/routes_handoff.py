"""CV hand-off endpoints: a kiosk uploads ciphertext, a phone opens /h/{id} and fetches it once."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import HTMLResponse

from sync.central import api_models as m
from sync.central.auth import require_kiosk
from sync.central.clock import iso
from sync.central.enrolment import KioskIdentity
from sync.central.errors import ApiError, ErrorBody
from sync.central.handoff_page import PAGE_HEADERS, page_html, page_language
from sync.central.handoffs import MAX_BYTES, MIN_BYTES, store_handoff, take_handoff

router = APIRouter()
_GONE = {"model": ErrorBody, "description": "Fetched before, expired, or never existed"}


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) as soon as it is longer than ``limit`` bytes, whatever it claims.

    :param request: the request.
    :param limit: the most bytes accepted.
    """
    too_large = ApiError(413, "too_large", f"A hand-off may be at most {limit:,} bytes.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


@router.post("/v1/handoffs", status_code=201, response_model=m.HandoffCreated, tags=["handoff"],
             responses={401: {"model": ErrorBody}, 413: {"model": ErrorBody, "description": "Over 1 MiB"},
                        422: {"model": ErrorBody, "description": "Too short to be AES-GCM ciphertext"}},
             openapi_extra={"requestBody": {"required": True, "content": {"application/octet-stream": {
                 "schema": {"type": "string", "format": "binary"}}}}})
async def post_handoff(request: Request, kiosk: KioskIdentity = Depends(require_kiosk)) -> dict:
    """Keep an encrypted CV (nonce || ciphertext+tag) for one fetch within 24 hours."""
    blob = await read_limited(request, MAX_BYTES)
    if len(blob) < MIN_BYTES:
        raise ApiError(422, "invalid", "The body must be the encrypted hand-off: a 12-byte nonce, then the "
                                       "ciphertext and its 16-byte tag.")
    state = request.app.state
    handoff_id, expires_at = store_handoff(state.storage, kiosk.kiosk_id, blob, state.clock())
    return {"id": handoff_id, "url": f"{state.settings.public_url}/h/{handoff_id}", "expires_at": iso(expires_at)}


@router.get("/v1/handoffs/{handoff_id}", tags=["handoff"], responses={
    200: {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
          "description": "The encrypted blob; it is deleted as it is sent"}, 410: _GONE})
def get_handoff(handoff_id: str, request: Request) -> Response:
    """The encrypted blob, once; no credential (the phone has none, and the blob is useless without the key)."""
    blob = take_handoff(request.app.state.storage, handoff_id, request.app.state.clock())
    if blob is None:
        raise ApiError(410, "gone", "This hand-off has been opened already or is more than 24 hours old.")
    return Response(blob, media_type="application/octet-stream",
                    headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


@router.get("/h/{handoff_id}", response_class=HTMLResponse, tags=["handoff"])
def get_handoff_page(handoff_id: str,
                     lang: str | None = Query(None, description="en or cy: the language the kiosk was used in"),
                     accept_language: str | None = Header(None)) -> HTMLResponse:
    """The phone's page, in English or Welsh: decrypts the CV in the browser with the key from the link's
    #fragment. An unknown ``lang`` falls back to the phone's own preference, then English."""
    language = page_language(lang, accept_language)
    return HTMLResponse(page_html(language), headers={**PAGE_HEADERS, "Content-Language": language,
                                                      "Vary": "Accept-Language"})

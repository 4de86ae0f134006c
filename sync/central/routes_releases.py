"""The kiosk-facing update API: ``GET /v1/update`` (is there a version for me?) and the bundle download.

Both need the kiosk's credential: the bundles are not secret, but only enrolled kiosks have any use for them, and
an open download would let anyone make the service stream a hundred megabytes at will.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from sync.bundle import BadBundle, check_version
from sync.central import api_models as m
from sync.central.auth import require_kiosk
from sync.central.enrolment import KioskIdentity
from sync.central.errors import ApiError, ErrorBody
from sync.central.releases import bundle_chunks, get_release, update_for

router = APIRouter()
_401 = {"model": ErrorBody, "description": "No, unknown or revoked credential"}


def bundle_path(version: str) -> str:
    """Where a kiosk downloads a release's bundle (relative to the service's address)."""
    return f"/v1/releases/{version}/bundle"


@router.get("/v1/update", response_model=m.UpdateOffer, tags=["kiosk"],
            responses={204: {"description": "The kiosk runs its ring's target version already (or there is none)"},
                       401: _401, 422: {"model": ErrorBody, "description": "The version is not valid"}})
def get_update(request: Request, version: str = Query(..., max_length=40, description="The version the kiosk runs."),
               kiosk: KioskIdentity = Depends(require_kiosk)):
    """The release this kiosk should install (its ring's target), or 204 when it has it already."""
    release = update_for(request.app.state.storage, kiosk.kiosk_id, version)
    if release is None:
        return Response(status_code=204)
    return {"version": release.version, "sha256": release.sha256, "size": release.size,
            "url": bundle_path(release.version)}


@router.get("/v1/credential", status_code=204, tags=["kiosk"], response_class=Response,
            responses={204: {"description": "The credential is a live kiosk's"}, 401: _401})
def check_credential(_kiosk: KioskIdentity = Depends(require_kiosk)) -> Response:
    """204 when the ``Authorization: Bearer`` credential is a kiosk's and not revoked, else 401.

    nginx asks this (``auth_request``) before it serves a release bundle from its cache: one bundle is the same for
    every kiosk, so it is fetched from the app once, but only enrolled kiosks are given it
    (``deploy/central/nginx.conf``).
    """
    return Response(status_code=204)


@router.get("/v1/releases/{version}/bundle", tags=["kiosk"], response_class=StreamingResponse,
            responses={200: {"content": {"application/gzip": {}}, "description": "The bundle (.tar.gz)"},
                       401: _401, 404: {"model": ErrorBody, "description": "No such release"}})
def get_bundle(version: str, request: Request, kiosk: KioskIdentity = Depends(require_kiosk)):
    """A release's bundle, streamed; check it against the sha256 and size that ``/v1/update`` gave."""
    try:
        release = get_release(request.app.state.storage, check_version(version))
    except BadBundle:
        release = None
    if release is None:
        raise ApiError(404, "not_found", f"There is no release {version}.")
    # The tarball is compressed already: the kiosk asks for it with "Accept-Encoding: identity".
    headers = {"Content-Length": str(release.size), "X-Checksum-Sha256": release.sha256,
               "Content-Disposition": f'attachment; filename="jobpoint-{release.version}.tar.gz"'}
    return StreamingResponse(bundle_chunks(request.app.state.storage, release.version), media_type="application/gzip",
                             headers=headers)

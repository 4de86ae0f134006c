"""The vacancy snapshot for a kiosk's first sync: its manifest, and its immutable file with HTTP ranges.

The file is the same bytes for as long as it exists, so it is served as nginx and any cache expect of an immutable
object: a strong ETag (its SHA-256), ``Cache-Control: public, max-age=31536000, immutable``, and ``Range`` for a
download cut part-way (Starlette's ``FileResponse`` answers 206 with the part asked for, and ``If-Range`` with the
ETag makes a stale part start again). It holds only job adverts, which are public, so it needs no credential
and nginx can serve it straight from ``snapshots_dir``; the manifest that names it is for enrolled kiosks.
"""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse

from sync.central import api_models as m
from sync.central.auth import require_kiosk
from sync.central.enrolment import KioskIdentity
from sync.central.errors import ApiError, ErrorBody
from sync.central.snapshots import FILE_NAME, latest_manifest

router = APIRouter()
FILES = "/v1/vacancies/snapshot/files"


@router.get("/v1/vacancies/snapshot", response_model=m.SnapshotManifest, tags=["kiosk"],
            responses={401: {"model": ErrorBody, "description": "No, unknown or revoked credential"},
                       404: {"model": ErrorBody, "description": "no_snapshot: take the changes feed from 0"}})
def get_snapshot_manifest(request: Request, kiosk: KioskIdentity = Depends(require_kiosk)) -> dict:
    """The newest snapshot: its ``seq``, file, size, SHA-256 and what it holds."""
    manifest = latest_manifest(request.app.state.settings.snapshots_folder)
    if manifest is None:
        raise ApiError(404, "no_snapshot", "No snapshot has been built yet: take the changes feed from since=0.")
    return {**asdict(manifest), "url": f"{FILES}/{manifest.file}"}


@router.get(f"{FILES}/{{name}}", tags=["kiosk"], response_class=FileResponse,
            responses={200: {"content": {"application/gzip": {}}, "description": "The whole file"},
                       206: {"content": {"application/gzip": {}}, "description": "The part asked for by Range"},
                       404: {"model": ErrorBody, "description": "No such snapshot (an old one is dropped)"}})
def get_snapshot_file(name: str, request: Request) -> FileResponse:
    """A snapshot file: immutable, with a strong ETag and HTTP ranges."""
    folder = request.app.state.settings.snapshots_folder
    path = folder / name
    if not FILE_NAME.match(name) or not path.is_file():
        raise ApiError(404, "not_found", "There is no such snapshot: ask for /v1/vacancies/snapshot again.")
    manifest = latest_manifest(folder)
    headers = {"Cache-Control": "public, max-age=31536000, immutable"}
    if manifest is not None and manifest.file == name:
        headers["ETag"] = f'"{manifest.sha256}"'
    else:  # the one before the newest: its name carries the start of its SHA-256, which is enough to be strong
        headers["ETag"] = f'"{name.rsplit("-", 1)[1].split(".")[0]}"'
    return FileResponse(path, media_type="application/gzip", headers=headers)

"""Open data at stable addresses, for anyone (no sign-in): the statistics ``sync.central.open_data`` publishes.

    GET /open-data                        datapackage.json: the files, their columns and the licence
    GET /open-data/usage.csv              also .json; and help_requests.csv, help_requests.json

Each request first publishes any month now due, so the files are never behind; a published month never changes.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response

from sync.central.errors import ApiError, ErrorBody
from sync.central.open_data import DATASETS, as_csv, as_json, datapackage, publish_due_months, published_rows

router = APIRouter()
_HEADERS = {"Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*"}


@router.get("/open-data", tags=["open data"], responses={200: {"description": "A Frictionless Data Package"}})
def get_open_data_index(request: Request) -> Response:
    """What is published: each file's address and columns, and the Open Government Licence."""
    base = request.app.state.settings.public_url.rstrip("/") + "/open-data"
    return Response(json.dumps(datapackage(base), indent=1), media_type="application/json", headers=_HEADERS)


@router.get("/open-data/{name}", tags=["open data"], responses={
    200: {"description": "The dataset as CSV (text/csv) or JSON",
          "content": {"text/csv": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}}}},
    404: {"model": ErrorBody, "description": "No such file"}})
def get_open_data_file(name: str, request: Request) -> Response:
    """One dataset, every published month: ``usage`` or ``help_requests``, as ``.csv`` or ``.json``."""
    dataset, _dot, suffix = name.rpartition(".")
    if dataset not in DATASETS or suffix not in ("csv", "json"):
        raise ApiError(404, "not_found", f"The open data files are {', '.join(f'{d}.csv' for d in DATASETS)} and "
                                         "the same as .json.")
    state = request.app.state
    publish_due_months(state.storage, state.clock())
    rows = published_rows(state.storage, dataset)
    if suffix == "csv":
        return Response(as_csv(dataset, rows), media_type="text/csv; charset=utf-8", headers=_HEADERS)
    return Response(as_json(dataset, rows), media_type="application/json", headers=_HEADERS)

"""Every error the central service returns: ``{"error": "<code>", "message": "<plain English>"}``.

    raise ApiError(403, "forbidden", "This kiosk may only read its own office's config.")

Validation errors (422) name the field and say what is wanted; unexpected errors are logged by type and place
only (``kiosk.logs.crash_report``) and answered with a 500 that gives nothing away.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.logs import crash_report

log = logging.getLogger("jobpoint.central")


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: str
    message: str


class ApiError(Exception):
    """An error with its HTTP status, code and message; the app turns it into an ``ErrorBody`` response."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None) -> None:
        super().__init__(code)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def unauthorised(message: str = "Send this kiosk's credential as Authorization: Bearer <credential>.") -> ApiError:
    """The 401 for a missing, unknown or revoked kiosk credential."""
    return ApiError(401, "unauthorised", message, {"WWW-Authenticate": "Bearer"})


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    """A JSON error response.

    :param status: the HTTP status.
    :param code: the machine-readable code.
    :param message: plain English for a person.
    """
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


def _field(location) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path")]
    text = ""
    for part in parts:
        text += f"[{part}]" if part.isdigit() else f".{part}" if text else part
    return text or "the request body"


def _validation_message(error: RequestValidationError) -> str:
    first = error.errors()[0]
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    if first.get("type") == "missing":
        return f"{_field(first['loc'])} is missing."
    if first.get("type") == "json_invalid":
        return "The request body is not valid JSON."
    return f"{_field(first['loc'])}: {message[0].lower()}{message[1:]}."


#: Plain words for HTTP errors Starlette raises itself.
_STATUS_WORDS = {404: ("not_found", "There is nothing at this address."),
                 405: ("method_not_allowed", "This address does not accept that method."),
                 413: ("too_large", "The request is too large.")}


def install_error_handlers(app: FastAPI) -> None:
    """Make every error, expected or not, an ``ErrorBody``.

    :param app: the FastAPI app.
    """

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError):
        return error_response(error.status, error.code, error.message, error.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError):
        return error_response(422, "invalid", _validation_message(error))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException):
        code, message = _STATUS_WORDS.get(error.status_code, ("error", str(error.detail)))
        if error.status_code == 413 and str(error.detail).startswith("The request body"):
            message = str(error.detail)  # the body limit's own words, which give the limit
        return error_response(error.status_code, code, message, getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(_request: Request, error: Exception):
        log.error("request failed:\n%s", crash_report(error))
        return error_response(500, "server_error", "Something went wrong in the central service. Try again later.")

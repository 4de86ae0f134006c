""""Ask a member of staff for help" from the kiosk: send the request, ask whether staff have answered, close it.

    request_id = ask_for_help(settings, "benefits")        # the office's dashboard lists it at once
    help_status(settings, request_id)                       # "open" or "done"
    close_help_request(settings, request_id, "staff_card")  # a staff card went in ("cancelled": the person left)

The request says which kiosk and which part of it (``AREAS``), and nothing about the person. Every failure is a
``HelpUnavailable`` whose ``reason`` is "not_enrolled", "offline" or "server_error": the kiosk then tells the
person to go to the front desk, and nothing pretends a request was sent. Each call waits for the network (up to
``sync.timeout_seconds``), so screens run it off the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sync.client import CentralClient, Offline, SyncFailed, Unauthorised
from sync.credentials import Credential, CredentialError, enrolled_client

log = logging.getLogger(__name__)

#: The parts of the kiosk a request can come from (the central service's list).
AREAS = ("home", "jobs", "benefits", "cv", "other")
#: How a kiosk closes its own request.
CLOSED_BY = ("staff_card", "cancelled")


class HelpUnavailable(Exception):
    """The request could not be sent or checked; ``reason`` is "not_enrolled", "offline" or "server_error"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"help request: {reason}" + (f" ({detail})" if detail else ""))
        self.reason = reason


def _enrolled(settings: Mapping) -> tuple[Credential, CentralClient]:
    try:
        return enrolled_client(settings)
    except CredentialError as error:
        raise HelpUnavailable("not_enrolled", str(error)) from None


def _call(settings: Mapping, method: str, tail: str, body: dict | None = None) -> dict:
    credential, client = _enrolled(settings)
    path = f"/v1/kiosks/{credential.kiosk_id}/help-requests{tail}"
    try:
        reply = client.post_json(path, body) if method == "POST" else client.get_json(path)
    except Offline as error:
        raise HelpUnavailable("offline", str(error)) from None
    except Unauthorised as error:
        raise HelpUnavailable("not_enrolled", str(error)) from None
    except SyncFailed as error:
        raise HelpUnavailable("server_error", str(error)) from None
    finally:
        client.close()
    if not isinstance(reply, dict) or not isinstance(reply.get("request_id"), str) \
            or reply.get("status") not in ("open", "done"):
        raise HelpUnavailable("server_error", f"the reply to {method} {path} is not a help request")
    return reply


def ask_for_help(settings: Mapping, area: str) -> str:
    """Send a help request for this kiosk; the request's id (the same one while a request is open).

    :param settings: the kiosk's settings (the credential file and the timeout).
    :param area: one of ``AREAS``; anything else is sent as "other".
    :raises HelpUnavailable: not enrolled, offline, or the service did not take it.
    """
    reply = _call(settings, "POST", "", {"area": area if area in AREAS else "other"})
    log.info("help request sent from %s", area)
    return reply["request_id"]


def help_status(settings: Mapping, request_id: str) -> str:
    """Whether staff have answered a request yet: "open" or "done".

    :param settings: the kiosk's settings.
    :param request_id: from ``ask_for_help``.
    :raises HelpUnavailable: as ``ask_for_help``.
    """
    return _call(settings, "GET", f"/{request_id}")["status"]


def close_help_request(settings: Mapping, request_id: str, by: str) -> None:
    """Close this kiosk's request: a staff card went in ("staff_card"), or the person left ("cancelled").

    :param settings: the kiosk's settings.
    :param request_id: from ``ask_for_help``.
    :param by: one of ``CLOSED_BY``.
    :raises HelpUnavailable: as ``ask_for_help``.
    """
    if by not in CLOSED_BY:
        raise ValueError(f"a kiosk closes a help request by one of {CLOSED_BY}, not {by!r}")
    _call(settings, "POST", f"/{request_id}/done", {"by": by})

"""Who is calling: a kiosk by its bearer credential, or a dashboard user by their session cookie.

    @router.get("/v1/rates")
    def rates(kiosk: KioskIdentity = Depends(require_kiosk)): ...

    @router.get("/dashboard")
    def dashboard(user: str = Depends(require_user)): ...

A missing, unknown or revoked credential is a 401; a kiosk naming another office or kiosk in the path is a
403 (``check_office``, ``check_kiosk``). A request with no valid login gets 401 ``login_required``, or for a
web browser a redirect to ``/login``.
"""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.central.enrolment import KioskIdentity, authenticate
from sync.central.errors import ApiError, unauthorised
from sync.central.sessions import COOKIE, DashboardSession, find_session

_bearer = HTTPBearer(auto_error=False, description="The credential a kiosk got from POST /v1/enrol.")


class NotLoggedIn(Exception):
    """No valid dashboard session; the app answers 401, or redirects a browser to /login."""


def bearer_credential(credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> str:
    """The credential from ``Authorization: Bearer``, present but NOT yet checked against the database.

    For a handler that checks it inside its own write (the heartbeat); any other handler uses ``require_kiosk``.

    :raises ApiError: 401 when there is none.
    """
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise unauthorised()
    return credentials.credentials


def require_kiosk(request: Request, credential: str = Depends(bearer_credential)) -> KioskIdentity:
    """The calling kiosk, from ``Authorization: Bearer``.

    :raises ApiError: 401 when the credential is missing, unknown or revoked.
    """
    kiosk = authenticate(request.app.state.storage, credential)
    if kiosk is None:
        raise unauthorised("This credential is unknown or has been revoked: enrol the kiosk again.")
    return kiosk


def check_office(kiosk: KioskIdentity, office_id: str) -> None:
    """403 unless the path's office is the kiosk's own."""
    if office_id != kiosk.office_id:
        raise ApiError(403, "forbidden", "A kiosk may only read its own office's config.")


def check_kiosk(kiosk: KioskIdentity, kiosk_id: str) -> None:
    """403 unless the path's kiosk is the caller."""
    if kiosk_id != kiosk.kiosk_id:
        raise ApiError(403, "forbidden", "A kiosk may only send its own counts and heartbeats.")


def require_session(request: Request) -> DashboardSession:
    """The signed-in dashboard user's session (their name and the anti-forgery token of their forms).

    :raises NotLoggedIn: no session cookie, or one that was signed out, ended by a new password, or expired.
    """
    state = request.app.state
    session = find_session(state.storage, request.cookies.get(COOKIE), state.clock())
    if session is None:
        raise NotLoggedIn()
    return session


def require_user(request: Request) -> str:
    """The signed-in dashboard user's name.

    :raises NotLoggedIn: as ``require_session``.
    """
    return require_session(request).user

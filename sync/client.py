"""The kiosk's HTTP client for the central service: one ``requests.Session``, a bearer credential, timeouts, gzip.

    client = CentralClient("https://central.example", credential="...", timeout=20)
    page = client.get_json("/v1/vacancies/changes", params={"since": 0})
    client.post_json("/v1/kiosks/k1/heartbeat", {...})

Every failure comes out as one of a few ``SyncFailed`` subclasses with a message key for the screens and a plain
English message for logs and the command line: ``Offline`` (no network, refused, timed out, connection lost),
``Unauthorised`` (401/403: enrol again), ``ServerError`` (5xx or an unexpected status), ``BadData`` (a reply that
is not the JSON we expect, including corrupt gzip) and ``Gone`` (410, with the server's error code). Response
bodies are never logged: they may be large, and nothing here needs them in a log.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import requests

from kiosk import __version__

log = logging.getLogger(__name__)

#: Seconds to wait for a connection; the read timeout is the caller's.
CONNECT_TIMEOUT = 5.0


class SyncFailed(Exception):
    """A call to the central service failed; ``message_key`` is a catalogue key, ``str()`` a plain English message."""

    message_key = "sync.failed"

    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class Offline(SyncFailed):
    """The service could not be reached, did not answer in time, or the connection was lost."""

    message_key = "sync.offline"


class Unauthorised(SyncFailed):
    """The service refused this kiosk's credential (or an enrolment token): the kiosk must be enrolled again."""

    message_key = "sync.unauthorised"


class ServerError(SyncFailed):
    """The service answered with an error of its own (5xx) or a status we do not expect."""

    message_key = "sync.server_error"


class BadData(SyncFailed):
    """The reply was not what the protocol says: not JSON, corrupt, or the wrong shape."""

    message_key = "sync.bad_data"


class Gone(SyncFailed):
    """410: what was asked for is no longer there (``code`` says what, e.g. ``cursor_too_old``)."""

    message_key = "sync.gone"


class CentralClient:
    """Calls to the central service with this kiosk's credential.

    :param url: the service's base address, e.g. ``https://central.example``.
    :param credential: the bearer credential, or None for enrolment.
    :param timeout: seconds to wait for each read from the service.
    """

    def __init__(self, url: str, credential: str | None = None, timeout: float = 20.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = (CONNECT_TIMEOUT, timeout)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"jobpoint-kiosk/{__version__}"
        # requests sends "Accept-Encoding: gzip, deflate" and decodes the reply itself.
        if credential:
            self.session.headers["Authorization"] = f"Bearer {credential}"

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    def get_json(self, path: str, params: dict | None = None) -> Any:
        """GET ``path`` and return the decoded JSON of a 200 reply.

        :param path: e.g. ``/v1/rates``.
        :param params: query parameters.
        :raises SyncFailed: one of its subclasses, with a plain message.
        """
        return self._call("GET", path, params=params)

    def post_json(self, path: str, body: Any, expect: tuple[int, ...] = (200, 201)) -> Any:
        """POST ``body`` as JSON to ``path`` and return the decoded JSON reply.

        :param path: e.g. ``/v1/kiosks/k1/usage``.
        :param body: anything ``json.dumps`` takes.
        :param expect: the statuses that mean success.
        :raises SyncFailed: one of its subclasses, with a plain message.
        """
        return self._call("POST", path, json=body, expect=expect)

    def _call(self, method: str, path: str, expect: tuple[int, ...] = (200,), **kwargs) -> Any:
        where = f"{method} {path}"
        try:
            response = self.session.request(method, self.url + path, timeout=self.timeout, **kwargs)
            body = response.content  # reads (and un-gzips) the whole body here, so a cut shows up here
        except requests.exceptions.ContentDecodingError:
            raise BadData(f"The central service sent a damaged reply ({where}).") from None
        except requests.exceptions.Timeout:
            raise Offline(f"The central service did not answer in time ({where}).") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError):
            raise Offline(f"The central service cannot be reached, or the connection was lost ({where}).") from None
        except requests.exceptions.RequestException as error:
            raise Offline(f"The central service cannot be reached ({where}: {type(error).__name__}).") from None
        if response.status_code in expect:
            return _decode(body, where)
        raise _failure(response.status_code, _error_code(body), where)


def _decode(body: bytes, where: str) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadData(f"The central service sent a reply that is not valid JSON ({where}).") from None


def _error_code(body: bytes) -> str | None:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return data.get("error") if isinstance(data, dict) and isinstance(data.get("error"), str) else None


def _failure(status: int, code: str | None, where: str) -> SyncFailed:
    if status in (401, 403):
        return Unauthorised(f"The central service refused this kiosk's credential ({status} {code or ''}); "
                            f"enrol the kiosk again with: kiosk enrol TOKEN.", status, code)
    if status == 410:
        return Gone(f"The central service no longer has what was asked for ({code or 'gone'}, {where}).",
                    status, code)
    if status >= 500:
        return ServerError(f"The central service had a problem ({status}, {where}); it will be tried again.",
                           status, code)
    return ServerError(f"The central service answered {status} {code or ''} to {where}.", status, code)

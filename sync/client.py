"""The kiosk's HTTP client for the central service: one ``requests.Session``, a bearer credential, timeouts, gzip,
and limits on what a reply may cost.

    client = CentralClient("https://central.example", credential="...", timeout=20)
    page = client.get_json("/v1/vacancies/changes", params={"since": 0})
    client.post_json("/v1/kiosks/k1/heartbeat", {...})

A reply is trusted for nothing it could use to hurt the kiosk: the body is streamed and counted, as it comes over
the wire and as it is un-gzipped, and refused past ``max_bytes`` (a gzip bomb stops at the limit, not at 2 GB);
the whole request, headers and body, must be over within ``deadline`` seconds, however slowly the bytes trickle
(``sync.deadline``); a reply must say it is JSON (a captive portal's page is not); it may hold at most
``MAX_VALUES`` JSON values, nested at most as deep as Python's recursion limit lets ``json`` go, and no NaN or
Infinity. Redirects are not followed: the service never sends one, and a portal or proxy does.

Every failure comes out as one of a few ``SyncFailed`` subclasses with a message key for the screens and a plain
English message for logs and the command line: ``Offline`` (no network, refused, timed out, connection lost),
``Unauthorised`` (401/403: enrol again), ``ServerError`` (5xx or an unexpected status; ``Busy`` when a 503 or 429
says when to come back: its ``retry_after``, which the kiosk waits at least), ``BadData`` (a reply that
is not the JSON we expect, including corrupt gzip; ``TooLarge`` when it is past the limits) and ``Gone`` (410, with
the server's error code). Response bodies are never logged: they may be large, and nothing here needs them in a log.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
from typing import Any

import requests

from kiosk import __version__
from sync.deadline import Deadline, DeadlineAdapter

log = logging.getLogger(__name__)

#: Seconds to wait for a connection; the read timeout is the caller's.
CONNECT_TIMEOUT = 5.0
#: The largest reply body, as sent and once un-gzipped. A changes page of 2,000 typical vacancies is about 4 MB; a
#: bigger one makes the vacancy sync ask for smaller pages. Parsed, the worst text of this size (one emoji makes
#: Python keep 4 bytes a character) costs 24 MB, twice over while it is parsed; the vacancy sync holds one page
#: while it fetches the next (tests/sync/test_hostile.py measures both).
MAX_BYTES = 6 * 1024 * 1024
#: The most JSON values (counted, before parsing, by the commas, colons and brackets that could start one) in a
#: reply: about 120,000 in a page of 2,000 vacancies. Each costs up to about 64 bytes parsed ("{}," is 3 bytes).
MAX_VALUES = 400_000
#: The longest Retry-After the kiosk obeys (an hour): a hostile or broken service cannot silence it for days.
MOST_RETRY_AFTER_S = 3600.0
#: Seconds a whole request may take by default (the vacancy sync passes its own, never past the sync's deadline).
DEADLINE = 120.0
_READ_CHUNK = 64 * 1024


class SyncFailed(Exception):
    """A call to the central service failed; ``message_key`` is a catalogue key, ``str()`` a plain English message."""

    message_key = "sync.failed"

    def __init__(self, message: str, status: int | None = None, code: str | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.retry_after = retry_after


class Offline(SyncFailed):
    """The service could not be reached, did not answer in time, or the connection was lost."""

    message_key = "sync.offline"


class Unauthorised(SyncFailed):
    """The service refused this kiosk's credential (or an enrolment token): the kiosk must be enrolled again."""

    message_key = "sync.unauthorised"


class ServerError(SyncFailed):
    """The service answered with an error of its own (5xx) or a status we do not expect."""

    message_key = "sync.server_error"


class Busy(ServerError):
    """503 or 429 with a Retry-After: the service is busy and asks for this call again after ``retry_after`` s."""


class BadData(SyncFailed):
    """The reply was not what the protocol says: not JSON, corrupt, or the wrong shape."""

    message_key = "sync.bad_data"


class TooLarge(BadData):
    """The reply was bigger than the kiosk accepts (bytes, or JSON values)."""


class Gone(SyncFailed):
    """410: what was asked for is no longer there (``code`` says what, e.g. ``cursor_too_old``)."""

    message_key = "sync.gone"


class CentralClient:
    """Calls to the central service with this kiosk's credential.

    :param url: the service's base address, e.g. ``https://central.example``.
    :param credential: the bearer credential, or None for enrolment.
    :param timeout: seconds to wait for each read from the service.
    :param deadline: seconds a whole request may take, however the bytes trickle in.
    :param max_bytes: the largest reply body, as sent and un-gzipped.
    """

    def __init__(self, url: str, credential: str | None = None, timeout: float = 20.0,
                 deadline: float = DEADLINE, max_bytes: int = MAX_BYTES) -> None:
        self.url = url.rstrip("/")
        self.timeout = (CONNECT_TIMEOUT, timeout)
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.session = requests.Session()
        adapter = DeadlineAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = f"jobpoint-kiosk/{__version__}"
        # requests sends "Accept-Encoding: gzip, deflate" and decodes the reply itself.
        if credential:
            self.session.headers["Authorization"] = f"Bearer {credential}"

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    def get_json(self, path: str, params: dict | None = None, deadline: float | None = None) -> Any:
        """GET ``path`` and return the decoded JSON of a 200 reply.

        :param path: e.g. ``/v1/rates``.
        :param params: query parameters.
        :param deadline: seconds this request may take (default: the client's ``deadline``).
        :raises SyncFailed: one of its subclasses, with a plain message.
        """
        return self._call("GET", path, params=params, deadline=deadline)

    def post_json(self, path: str, body: Any, expect: tuple[int, ...] = (200, 201)) -> Any:
        """POST ``body`` as JSON to ``path`` and return the decoded JSON reply.

        :param path: e.g. ``/v1/kiosks/k1/usage``.
        :param body: anything ``json.dumps`` takes.
        :param expect: the statuses that mean success.
        :raises SyncFailed: one of its subclasses, with a plain message.
        """
        return self._call("POST", path, json=body, expect=expect)

    def _call(self, method: str, path: str, expect: tuple[int, ...] = (200,), deadline: float | None = None,
              **kwargs) -> Any:
        where = f"{method} {path}"
        seconds = self.deadline if deadline is None else deadline
        try:
            with Deadline(seconds) as watch:
                try:
                    body, status, kind, retry_after = self._fetch(method, path, watch, kwargs)
                except (requests.exceptions.RequestException, OSError):
                    if watch.expired:
                        raise Offline(f"The central service did not finish its reply within {seconds:.0f} seconds "
                                      f"({where}).") from None
                    raise
        except requests.exceptions.ContentDecodingError:
            raise BadData(f"The central service sent a damaged reply ({where}).") from None
        except requests.exceptions.Timeout:
            raise Offline(f"The central service did not answer in time ({where}).") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError, OSError):
            raise Offline(f"The central service cannot be reached, or the connection was lost ({where}).") from None
        except requests.exceptions.RequestException as error:
            raise Offline(f"The central service cannot be reached ({where}: {type(error).__name__}).") from None
        if status in expect:
            if not _is_json(kind):
                # A captive portal or a proxy's error page: it is not the service talking.
                raise BadData(f"The central service's address answered with something that is not JSON "
                              f"({kind or 'no type'}, {where}): a network sign-in page or proxy may be in the way.")
            return _decode(body, where)
        raise _failure(status, _error_code(body), where, retry_after_seconds(retry_after))

    def _fetch(self, method: str, path: str, watch: Deadline,
               kwargs: dict) -> tuple[bytearray, int, str, str | None]:
        """The reply's body (read in full, within the limits), status, content type and Retry-After."""
        where = f"{method} {path}"
        response = self.session.request(method, self.url + path, timeout=self.timeout, stream=True,
                                        allow_redirects=False, **kwargs)
        try:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise TooLarge(f"The central service's reply is {int(declared):,} bytes, more than the kiosk "
                               f"accepts ({self.max_bytes:,}; {where}).")
            body = bytearray()  # grown in place: never the chunks and their join at once
            # iter_content un-gzips at most a chunk's worth at a time (urllib3 >= 2.6), so the count below
            # stops a gzip bomb at the limit; raw.tell() is what came over the wire.
            for chunk in response.iter_content(_READ_CHUNK):
                if len(body) + len(chunk) > self.max_bytes or response.raw.tell() > self.max_bytes:
                    raise TooLarge(f"The central service's reply is more than the {self.max_bytes:,} bytes the "
                                   f"kiosk accepts ({where}).")
                body += chunk
                watch.check()
            if watch.expired:  # the watchdog cut a reply with no length: what came is not all of it
                raise requests.exceptions.ConnectionError("cut at the deadline")
            return (body, response.status_code, response.headers.get("Content-Type", ""),
                    response.headers.get("Retry-After"))
        finally:
            response.close()


def _is_json(kind: str) -> bool:
    media = kind.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _decode(body: bytearray, where: str) -> Any:
    """The JSON in ``body``, which is emptied (its memory given back before the parse makes its objects)."""
    # Counted before parsing: a value costs far more parsed than its bytes ("{}," is 3 bytes, a dict 64).
    values = body.count(b",") + body.count(b":") + body.count(b"[") + body.count(b"{")
    if values > MAX_VALUES:
        raise TooLarge(f"The central service's reply holds more than the {MAX_VALUES:,} values the kiosk "
                       f"accepts ({where}).")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadData(f"The central service sent a reply that is not valid JSON ({where}).") from None
    body.clear()
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise BadData(f"The central service sent a reply nested too deeply ({where}).") from None
    except (ValueError, UnicodeDecodeError):
        raise BadData(f"The central service sent a reply that is not valid JSON ({where}).") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _error_code(body: bytearray) -> str | None:
    if len(body) > 64 * 1024:  # an error reply is a line of JSON: anything longer is not worth parsing
        return None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return data.get("error") if isinstance(data, dict) and isinstance(data.get("error"), str) else None


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """The seconds a Retry-After header asks for (RFC 9110: whole seconds, or an HTTP date), from 1 to
    ``MOST_RETRY_AFTER_S``; None when there is none or it cannot be read.

    >>> retry_after_seconds("45"), retry_after_seconds("999999"), retry_after_seconds("soon")
    (45.0, 3600.0, None)
    >>> retry_after_seconds("Sun, 06 Dec 2026 10:01:00 GMT", now=dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC))
    60.0

    :param value: the header, as sent.
    :param now: the time now (aware; default: now), for a date.
    """
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        seconds = float(int(value[:12]))  # 12 digits is already past any limit: a long run is not parsed whole
    else:
        try:
            moment = email.utils.parsedate_to_datetime(value[:64])
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if moment.tzinfo is None:
            return None
        seconds = (moment - (now or dt.datetime.now(dt.UTC))).total_seconds()
    return min(MOST_RETRY_AFTER_S, max(1.0, seconds))


def _failure(status: int, code: str | None, where: str, retry_after: float | None = None) -> SyncFailed:
    if status in (401, 403):
        return Unauthorised(f"The central service refused this kiosk's credential ({status} {code or ''}); "
                            f"enrol the kiosk again with: kiosk enrol TOKEN.", status, code)
    if status == 410:
        return Gone(f"The central service no longer has what was asked for ({code or 'gone'}, {where}).",
                    status, code)
    if status in (429, 503) and retry_after is not None:
        return Busy(f"The central service is busy ({status}, {where}); it asked for the call again in "
                    f"{retry_after:.0f} seconds.", status, code, retry_after)
    if status >= 500:
        return ServerError(f"The central service had a problem ({status}, {where}); it will be tried again.",
                           status, code)
    return ServerError(f"The central service answered {status} {code or ''} to {where}.", status, code)

""""Send to my phone" for a CV: encrypt it on the kiosk, upload only ciphertext, give back the link for the QR code.

    link = send_to_phone(settings, text=cv_text, pdf=cv_pdf_bytes, title="Sam Jones: CV", language="cy")
    link.url          # https://central.example/h/<id>?lang=cy#<key>: put it in the QR code, show it, never log it
    link.expires_at   # aware UTC datetime, 24 hours after upload
    # or, with a client already made:  send_to_phone(credential.client(timeout=20), text=..., pdf=...)

What is encrypted is what the phone's page (``sync/central/handoff_page.py``) reads: UTF-8 JSON
``{"kind": "cv", "title": ..., "text": ..., "pdf_base64": ...}``. The page shows the title and text (so the person
can read and copy it on any phone) and offers the PDF to save ("Save my CV as a PDF") when there is one, so send
both. Each CV gets a fresh random 256-bit key and 96-bit nonce (AES-256-GCM, ``cryptography``); the service gets
``nonce || ciphertext+tag`` and nothing else. The key travels only in the link's ``#fragment``, which browsers never
send to a server, so the service can never read the CV. The link works once, and for 24 hours at most.

Every failure is a ``HandoffUnavailable`` whose ``reason`` is one of ``REASONS`` and whose ``message_key`` is the
plain message to show ("cvphone.offline": the kiosk says so and offers printing instead). Nothing here pretends to
have succeeded. The call waits for the network (up to ``sync.timeout_seconds``), so screens run it off the UI
thread. Nothing of the CV, the key or the link is logged.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.i18n import LANGUAGES
from sync.client import BadData, CentralClient, Offline, ServerError, SyncFailed, Unauthorised
from sync.credentials import CredentialError, enrolled_client

log = logging.getLogger(__name__)

#: The largest upload the protocol allows (the service refuses more with 413 too_large).
MAX_UPLOAD_BYTES = 1024 * 1024
NONCE_BYTES = 12
KEY_BYTES = 32
#: AES-GCM's tag, appended to the ciphertext by ``cryptography``.
TAG_BYTES = 16
#: Why a hand-off could not be made; the message key is ``cvphone.<reason>``.
REASONS = ("not_enrolled", "offline", "server_error", "too_large", "empty")

_MESSAGES = {
    "not_enrolled": "This kiosk is not connected to the central service (not enrolled, or its credential was "
                    "refused), so a CV cannot be sent to a phone. Staff can enrol it with: kiosk enrol TOKEN.",
    "offline": "The central service cannot be reached just now, so the CV was not sent. Print it instead.",
    "server_error": "The central service could not take the CV just now, so it was not sent. Print it instead.",
    "too_large": f"The CV is too large to send to a phone (the limit is {MAX_UPLOAD_BYTES // 1024:,} KB). "
                 "Print it instead.",
    "empty": "There is nothing in the CV to send yet.",
}


class HandoffUnavailable(Exception):
    """The CV was not sent; ``reason`` says why (one of ``REASONS``), ``message_key`` is what to show.

    ``str()`` is plain English for logs and staff; it never holds any of the CV.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(_MESSAGES[reason] + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.message_key = f"cvphone.{reason}"


@dataclass(frozen=True)
class HandoffLink:
    """A CV waiting for the phone. ``url`` carries the key: show it as a QR code and keep it nowhere else.

    :param url: the page's address with ``#<key>``.
    :param expires_at: when the service forgets the CV (aware, UTC), unless opened before.
    :param handoff_id: the service's random id (in the url's path).
    """

    url: str = field(repr=False)  # repr=False: a stray log of the object must not carry the key
    expires_at: dt.datetime
    handoff_id: str = field(repr=False)


def build_payload(text: str, pdf: bytes | None = None, title: str = "") -> bytes:
    """The plaintext the phone's page decrypts: UTF-8 JSON with the kind, title, text and the PDF (base64).

    >>> json.loads(build_payload("Sam Jones", b"%PDF-1.4", "CV"))
    {'kind': 'cv', 'title': 'CV', 'text': 'Sam Jones', 'pdf_base64': 'JVBERi0xLjQ='}

    :param text: the CV as plain text (shown on the phone, and easy to copy).
    :param pdf: the CV's PDF, offered on the phone to save; None to send text only.
    :param title: the heading the page shows ("Your CV" when empty).
    """
    payload = {"kind": "cv", "title": title, "text": text}
    if pdf:
        payload["pdf_base64"] = base64.b64encode(pdf).decode("ascii")
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def encrypt(plaintext: bytes) -> tuple[bytes, bytes]:
    """Encrypt with AES-256-GCM under a fresh random key and nonce; returns ``(nonce || ciphertext+tag, key)``.

    :param plaintext: what to encrypt.
    """
    key = AESGCM.generate_key(bit_length=KEY_BYTES * 8)
    # A fresh key per CV makes a nonce repeat harmless anyway; os.urandom keeps it unpredictable too.
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, None), key


def key_fragment(key: bytes) -> str:
    """The key as the page reads it from ``location.hash``: base64url without padding (43 characters).

    :param key: 32 bytes.
    """
    return base64.urlsafe_b64encode(key).decode("ascii").rstrip("=")


def send_to_phone(source: CentralClient | Mapping, *, text: str, pdf: bytes | None = None,
                  title: str = "", language: str = "en") -> HandoffLink:
    """Encrypt a CV, upload the ciphertext to ``POST /v1/handoffs``, and return the link for the QR code.

    :param source: a ``CentralClient`` with the kiosk's credential (left open), or the kiosk's settings, from
        which this kiosk's credential (``central.credential_file``) and timeout are read.
    :param text: the CV as plain text.
    :param pdf: the CV as a PDF, for the phone to save (recommended); None to send text only.
    :param title: the heading shown on the phone.
    :param language: "en" or "cy": the phone's page opens in the language the kiosk was used in.
    :raises HandoffUnavailable: not enrolled, offline or timed out, a server error, too large, or nothing to send.
    """
    if language not in LANGUAGES:
        raise ValueError(f"the phone's page has no language {language!r}")
    if not (text or "").strip() and not pdf:
        raise HandoffUnavailable("empty")
    plaintext = build_payload(text or "", pdf, title)
    if len(plaintext) + NONCE_BYTES + TAG_BYTES > MAX_UPLOAD_BYTES:
        raise HandoffUnavailable("too_large", f"{len(plaintext):,} bytes")
    blob, key = encrypt(plaintext)
    if isinstance(source, CentralClient):
        reply = _upload(source, blob)
    else:
        client = _client_from_settings(source)
        try:
            reply = _upload(client, blob)
        finally:
            client.close()
    link = _link(reply, key, language)
    log.info("CV sent to a phone as %d bytes of ciphertext, kept until %s", len(blob),
             link.expires_at.strftime("%Y-%m-%d %H:%M UTC"))
    return link


def _client_from_settings(settings: Mapping) -> CentralClient:
    try:
        _credential, client = enrolled_client(settings)
    except CredentialError as error:
        raise HandoffUnavailable("not_enrolled", str(error)) from None
    return client


def _upload(client: CentralClient, blob: bytes) -> dict:
    try:
        # CentralClient has no public call for a binary body; _call gives this upload the same timeouts and the
        # same failure types as every other call to the service.
        reply = client._call("POST", "/v1/handoffs", expect=(201,), data=blob,
                             headers={"Content-Type": "application/octet-stream"})
    except Offline as error:
        raise HandoffUnavailable("offline", str(error)) from None
    except Unauthorised as error:
        raise HandoffUnavailable("not_enrolled", f"{error.status} {error.code or ''}".strip()) from None
    except (ServerError, BadData, SyncFailed) as error:
        if error.status == 413:
            raise HandoffUnavailable("too_large", "refused by the central service") from None
        raise HandoffUnavailable("server_error", str(error)) from None
    if not isinstance(reply, dict):
        raise HandoffUnavailable("server_error", "the reply to POST /v1/handoffs is not a JSON object")
    return reply


def _link(reply: dict, key: bytes, language: str) -> HandoffLink:
    url, handoff_id, expires = reply.get("url"), reply.get("id"), reply.get("expires_at")
    if not (isinstance(url, str) and url.startswith(("https://", "http://")) and "#" not in url
            and isinstance(handoff_id, str) and handoff_id and url.endswith("/" + handoff_id)):
        raise HandoffUnavailable("server_error", "the reply to POST /v1/handoffs has no usable url and id")
    try:
        expires_at = dt.datetime.fromisoformat(str(expires).replace("Z", "+00:00"))
    except ValueError:
        raise HandoffUnavailable("server_error", "the reply to POST /v1/handoffs has no expiry time") from None
    if expires_at.tzinfo is None:
        raise HandoffUnavailable("server_error", "the reply to POST /v1/handoffs has no expiry time zone")
    return HandoffLink(url=f"{url}?lang={language}#{key_fragment(key)}", expires_at=expires_at.astimezone(dt.UTC),
                       handoff_id=handoff_id)

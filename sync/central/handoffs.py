"""CV hand-offs to a phone: the service keeps an encrypted blob it cannot read, hands it out once, then forgets it.

    handoff_id, expires_at = store_handoff(storage, kiosk_id, blob, now)     # POST /v1/handoffs
    take_handoff(storage, handoff_id, now)                                   # GET /v1/handoffs/{id}: once

The kiosk encrypts with AES-256-GCM and puts the key in the QR code's ``#fragment``, which browsers never send,
so the service only ever holds ``nonce || ciphertext+tag``. A blob is deleted when it is fetched, and 24 hours
after upload at the latest.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import and_, delete, insert, select

from sync.central.schema import handoffs
from sync.central.storage import Storage

#: The largest blob accepted (the protocol's 1 MiB).
MAX_BYTES = 1024 * 1024
#: The smallest: a 12-byte nonce and a 16-byte tag round an empty message.
MIN_BYTES = 12 + 16
LIFETIME = dt.timedelta(hours=24)


def store_handoff(storage: Storage, kiosk_id: str, blob: bytes, now: dt.datetime) -> tuple[str, dt.datetime]:
    """Keep an encrypted blob; returns its new random id and when it expires. Expired blobs are cleared too.

    :param storage: the database.
    :param kiosk_id: the kiosk that sent it.
    :param blob: ``MIN_BYTES`` to ``MAX_BYTES`` bytes (checked by the caller).
    :param now: the current time (UTC).
    """
    handoff_id = secrets.token_urlsafe(24)  # 32 characters, 192 bits: not guessable
    expires_at = now + LIFETIME
    with storage.write() as conn:
        conn.execute(delete(handoffs).where(handoffs.c.expires_at <= now))
        conn.execute(insert(handoffs).values(handoff_id=handoff_id, kiosk_id=kiosk_id, blob=blob, created_at=now,
                                             expires_at=expires_at))
    return handoff_id, expires_at


def take_handoff(storage: Storage, handoff_id: str, now: dt.datetime) -> bytes | None:
    """The blob, deleted in the same breath; None if it was fetched before, has expired or never existed.

    :param storage: the database.
    :param handoff_id: from the link.
    :param now: the current time (UTC).
    """
    with storage.write() as conn:
        blob = conn.scalar(select(handoffs.c.blob).where(and_(handoffs.c.handoff_id == handoff_id,
                                                              handoffs.c.expires_at > now)))
        # Only the request whose DELETE removes the row may return it: two racing fetches cannot both succeed.
        gone = conn.execute(delete(handoffs).where(handoffs.c.handoff_id == handoff_id)).rowcount
    return bytes(blob) if blob is not None and gone == 1 else None

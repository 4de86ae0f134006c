"""Enrolment tokens and kiosk credentials: how a kiosk joins the fleet, proves who it is, and is thrown out.

    token = make_token(storage, "leeds", ttl_s=3600, now=clock.now())      # IT staff: kiosk-central token
    kiosk = enrol(storage, token, "leeds-1", now=clock.now())              # the kiosk: POST /v1/enrol
    authenticate(storage, kiosk.credential)                                # every later call
    revoke_kiosk(storage, kiosk.kiosk_id, now=clock.now())

Only SHA-256 hashes of tokens and credentials are stored, so a copy of the database lets nobody pose as a
kiosk. A token is 20 letters and digits from an alphabet with no look-alikes (no I, L, O, U), about 100 bits,
shown in groups of five so IT staff can type it; case, spaces and dashes are ignored when it is checked.
Enrolling a second kiosk with the same name in the same office replaces the first (a rebuilt kiosk PC), whose
credential stops working at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import and_, insert, select, update

from sync.central.schema import enrolment_tokens, kiosks, offices
from sync.central.storage import Storage

#: The longest an enrolment token may live (the protocol says at most an hour).
MAX_TOKEN_TTL_S = 3600
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
_TOKEN_LENGTH = 20
_KIOSK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")


class BadToken(LookupError):
    """The token is unknown, used, expired or revoked (deliberately not saying which)."""


class NoSuchOffice(LookupError):
    """The office named has not been set up (``kiosk-central office-set``)."""


class NoSuchKiosk(LookupError):
    """No kiosk has that id."""


@dataclass(frozen=True)
class Enrolled:
    """What a kiosk gets back when it enrols."""

    kiosk_id: str
    office_id: str
    credential: str


@dataclass(frozen=True)
class KioskIdentity:
    """The kiosk a credential belongs to."""

    kiosk_id: str
    office_id: str


def digest(secret: str) -> str:
    """SHA-256 hex of a token or credential: all the database ever holds of it.

    :param secret: the token (normalised) or credential.
    """
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalise_token(text: str) -> str:
    """A token as typed ("abcde-fghjk ...") in canonical form: upper case, no spaces or dashes.

    :param text: what was typed or scanned.
    """
    return re.sub(r"[\s-]", "", str(text)).upper()


def check_kiosk_name(name) -> str:
    """A kiosk name as staff will see it: 1 to 64 letters, digits, spaces, dots, dashes or underscores.

    :param name: what the kiosk sent.
    :raises ValueError: with a plain-English reason.
    """
    if not isinstance(name, str) or not _KIOSK_NAME.match(name.strip()):
        raise ValueError("kiosk_name must be 1 to 64 letters, digits, spaces, dots, dashes or underscores, "
                         "starting with a letter or digit.")
    return name.strip()


def make_token(storage: Storage, office_id: str, ttl_s: int, now: dt.datetime) -> str:
    """Make a one-time enrolment token for an office and return it (formatted in groups of five).

    :param storage: the database.
    :param office_id: an office set up with ``office-set``.
    :param ttl_s: seconds it stays usable, 60 to ``MAX_TOKEN_TTL_S``.
    :param now: the current time (UTC).
    :raises NoSuchOffice: the office does not exist.
    :raises ValueError: the lifetime is out of range.
    """
    if not 60 <= ttl_s <= MAX_TOKEN_TTL_S:
        raise ValueError(f"A token can live from 60 to {MAX_TOKEN_TTL_S} seconds, not {ttl_s}.")
    token = "".join(secrets.choice(_ALPHABET) for _ in range(_TOKEN_LENGTH))
    with storage.write() as conn:
        if conn.scalar(select(offices.c.office_id).where(offices.c.office_id == office_id)) is None:
            raise NoSuchOffice(office_id)
        conn.execute(insert(enrolment_tokens).values(
            token_hash=digest(token), office_id=office_id, created_at=now,
            expires_at=now + dt.timedelta(seconds=ttl_s), revoked=False))
    return "-".join(token[i:i + 5] for i in range(0, _TOKEN_LENGTH, 5))


def enrol(storage: Storage, token: str, kiosk_name: str, now: dt.datetime) -> Enrolled:
    """Use up a token: make a kiosk in the token's office and return its new credential.

    :param storage: the database.
    :param token: as typed or scanned.
    :param kiosk_name: checked with ``check_kiosk_name``.
    :param now: the current time (UTC).
    :raises BadToken: unknown, used, expired or revoked.
    """
    name = check_kiosk_name(kiosk_name)
    credential = secrets.token_urlsafe(32)
    kiosk_id = "k-" + secrets.token_hex(8)
    with storage.write() as conn:
        # Marking the token used is the test: only one of two racing enrolments updates the row.
        used = conn.execute(update(enrolment_tokens).where(and_(
            enrolment_tokens.c.token_hash == digest(normalise_token(token)),
            enrolment_tokens.c.used_at.is_(None), enrolment_tokens.c.revoked.is_(False),
            enrolment_tokens.c.expires_at > now)).values(used_at=now, used_by=kiosk_id)
            .returning(enrolment_tokens.c.office_id)).scalar_one_or_none()
        if used is None:
            raise BadToken()
        conn.execute(update(kiosks).where(and_(kiosks.c.office_id == used, kiosks.c.name == name,
                                               kiosks.c.revoked.is_(False))).values(revoked=True, revoked_at=now))
        conn.execute(insert(kiosks).values(kiosk_id=kiosk_id, office_id=used, name=name,
                                           credential_hash=digest(credential), enrolled_at=now, revoked=False))
    return Enrolled(kiosk_id, used, credential)


def authenticate(storage: Storage, credential: str) -> KioskIdentity | None:
    """The kiosk a bearer credential belongs to, or None if it is unknown or revoked.

    :param storage: the database.
    :param credential: from the ``Authorization: Bearer`` header.
    """
    with storage.engine.connect() as conn:
        row = conn.execute(select(kiosks.c.kiosk_id, kiosks.c.office_id).where(and_(
            kiosks.c.credential_hash == digest(credential), kiosks.c.revoked.is_(False)))).first()
    return KioskIdentity(row.kiosk_id, row.office_id) if row else None


def revoke_kiosk(storage: Storage, kiosk_id: str, now: dt.datetime) -> None:
    """Stop a kiosk's credential working, at once.

    :raises NoSuchKiosk: no kiosk has that id.
    """
    with storage.write() as conn:
        if conn.execute(update(kiosks).where(kiosks.c.kiosk_id == kiosk_id)
                        .values(revoked=True, revoked_at=now)).rowcount == 0:
            raise NoSuchKiosk(kiosk_id)


def revoke_token(storage: Storage, token: str) -> None:
    """Stop an enrolment token working (a lost or leaked one).

    :raises BadToken: no such token.
    """
    with storage.write() as conn:
        if conn.execute(update(enrolment_tokens).where(
                enrolment_tokens.c.token_hash == digest(normalise_token(token))).values(revoked=True)).rowcount == 0:
            raise BadToken()

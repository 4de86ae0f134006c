"""Staff-card certificates: what a card says about itself, signed by a card issuer the kiosk trusts.

    keys = load_trusted_keys("/etc/jobpoint/staff-card-issuer.pub")
    certificate = decode_certificate(raw)              # what GET DATA 0101 returned
    check_certificate(certificate, keys, date.today())
    certificate.roles                                  # ("champion",)

The format is in docs/staff-card.md: simple-TLV fields (version, card id, roles, last valid day, the card's
Ed25519 public key) and the issuer's Ed25519 signature over them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from device.card import CardError

#: Roles, as bits of the certificate's role byte, and their names in the kiosk.
ROLE_BITS = {"champion": 0x01, "maintenance": 0x02}
#: What each role name means, for docs and staff tools.
ROLE_NAMES = {"champion": "digital champion (assisted mode)", "maintenance": "IT maintenance (maintenance mode)"}

#: Signatures are made over these prefixes + data, so a key used here can never be tricked into signing
#: something that means anything elsewhere.
CERTIFICATE_CONTEXT = b"JOBPOINT staff card certificate v1\x00"
AUTHENTICATE_CONTEXT = b"JOBPOINT staff card authenticate v1\x00"

# Certificate fields (simple-TLV, one-byte tag and length), in this order.
TAG_VERSION, TAG_CARD_ID, TAG_ROLES, TAG_VALID_UNTIL, TAG_PUBLIC_KEY, TAG_SIGNATURE = 0x80, 0x81, 0x82, 0x83, 0x84, 0x9E
CERTIFICATE_VERSION = 1


class CardNotGenuine(CardError):
    """The card's certificate is not from a trusted issuer, or the card could not sign the challenge."""

    message_key = "card.not_genuine"


class CardExpired(CardError):
    """The card's certificate is past its date."""

    message_key = "card.expired"


class NoTrustedKey(CardError):
    """The kiosk has no trusted issuer key (``card.trusted_key_file``), so no staff card can be accepted."""

    message_key = "card.no_trusted_key"


@dataclass(frozen=True)
class Certificate:
    """What a staff card's certificate says."""

    card_id: str
    roles: tuple[str, ...]
    valid_until: dt.date
    public_key: bytes  # Ed25519, 32 bytes
    body: bytes        # the signed part
    signature: bytes


def encode_certificate_body(card_id: bytes, roles: Iterable[str], valid_until: dt.date, public_key: bytes) -> bytes:
    """The signed part of a card certificate.

    :param card_id: 8 bytes.
    :param roles: names from ``ROLE_BITS``.
    :param valid_until: last day the card may be used.
    :param public_key: the card's Ed25519 public key, 32 bytes.
    """
    role_byte = 0
    for role in roles:
        role_byte |= ROLE_BITS[role]
    fields = [(TAG_VERSION, bytes([CERTIFICATE_VERSION])), (TAG_CARD_ID, card_id), (TAG_ROLES, bytes([role_byte])),
              (TAG_VALID_UNTIL, valid_until.strftime("%Y%m%d").encode("ascii")), (TAG_PUBLIC_KEY, public_key)]
    return b"".join(bytes([tag, len(value)]) + value for tag, value in fields)


def decode_certificate(raw: bytes) -> Certificate:
    """Read a card certificate, strictly: the fields in order, nothing more.

    :param raw: what GET DATA 0101 returned.
    :raises CardNotGenuine: if it is not a well-formed certificate.
    """
    fields, position = [], 0
    while position < len(raw):
        if position + 2 > len(raw) or position + 2 + raw[position + 1] > len(raw):
            raise CardNotGenuine("a truncated certificate")
        tag, length = raw[position], raw[position + 1]
        fields.append((tag, raw[position + 2:position + 2 + length], position))
        position += 2 + length
    tags = [tag for tag, _value, _start in fields]
    if tags != [TAG_VERSION, TAG_CARD_ID, TAG_ROLES, TAG_VALID_UNTIL, TAG_PUBLIC_KEY, TAG_SIGNATURE]:
        raise CardNotGenuine("a certificate with unexpected fields")
    values = {tag: value for tag, value, _start in fields}
    if values[TAG_VERSION] != bytes([CERTIFICATE_VERSION]) or len(values[TAG_ROLES]) != 1:
        raise CardNotGenuine("an unknown certificate version")
    if len(values[TAG_PUBLIC_KEY]) != 32 or len(values[TAG_SIGNATURE]) != 64 or len(values[TAG_CARD_ID]) != 8:
        raise CardNotGenuine("a certificate with fields of the wrong size")
    try:
        valid_until = dt.datetime.strptime(values[TAG_VALID_UNTIL].decode("ascii"), "%Y%m%d").date()
    except (UnicodeDecodeError, ValueError):
        raise CardNotGenuine("a certificate with a bad date") from None
    role_byte = values[TAG_ROLES][0]
    roles = tuple(name for name, bit in ROLE_BITS.items() if role_byte & bit)
    return Certificate(card_id=values[TAG_CARD_ID].hex(), roles=roles, valid_until=valid_until,
                       public_key=values[TAG_PUBLIC_KEY], body=raw[:fields[-1][2]], signature=values[TAG_SIGNATURE])


def load_trusted_keys(path: str | Path) -> list[Ed25519PublicKey]:
    """The card issuers' Ed25519 public keys the kiosk trusts: one or more PEM "PUBLIC KEY" blocks in a file.

    Several keys let an office roll over to a new issuer key while old cards are still in use.

    :param path: e.g. ``/etc/jobpoint/staff-card-issuer.pub``; a missing file means no trusted key.
    :raises NoTrustedKey: if the file holds something that is not an Ed25519 public key.
    """
    try:
        text = Path(path).read_text(encoding="ascii")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise NoTrustedKey(f"cannot read {path}: {type(error).__name__}") from None
    keys, end_marker = [], "-----END PUBLIC KEY-----"
    for block in text.split(end_marker)[:-1]:
        pem = block[block.find("-----BEGIN"):] + end_marker + "\n"
        try:
            key = load_pem_public_key(pem.encode("ascii"))
        except ValueError:
            raise NoTrustedKey(f"{path} holds something that is not a public key") from None
        if not isinstance(key, Ed25519PublicKey):
            raise NoTrustedKey(f"{path} holds a key that is not Ed25519")
        keys.append(key)
    return keys


def check_certificate(certificate: Certificate, trusted_keys: Iterable[Ed25519PublicKey], today: dt.date) -> None:
    """Make sure a certificate was signed by a trusted issuer and is in date.

    :raises NoTrustedKey: if there is no trusted key at all.
    :raises CardNotGenuine: if no trusted key made its signature.
    :raises CardExpired: if it is past its last day.
    """
    keys = list(trusted_keys)
    if not keys:
        raise NoTrustedKey("no trusted issuer key is configured")
    for key in keys:
        try:
            key.verify(certificate.signature, CERTIFICATE_CONTEXT + certificate.body)
            break
        except InvalidSignature:
            continue
    else:
        raise CardNotGenuine("the certificate is not signed by a trusted issuer")
    if today > certificate.valid_until:
        raise CardExpired("the card is past its date")

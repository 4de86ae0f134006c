"""Staff cards: recognising one, having the card check its PIN, and making it prove it is genuine.

    session = StaffCardSession(reader, aid=bytes.fromhex(settings["card.aid"]), trusted_keys=load_trusted_keys(path))
    session.open()                       # SELECT the staff application and check its certificate
    result = session.verify_pin("1234")  # the CARD checks the PIN; then INTERNAL AUTHENTICATE
    result.status                        # "ok", "wrong_pin" (result.tries_left), "locked", "not_genuine" ...
    result.identity.roles                # ("champion",) or ("maintenance",) or both

Every command and status word is written down in docs/staff-card.md, the card profile. In short:

1. ``SELECT`` the application by its AID (``card.aid``); ``6A82`` means "not a staff card".
2. ``GET DATA 0101`` reads the card's certificate: its id, roles, expiry date and Ed25519 public key, signed by a
   card issuer whose public key is in ``card.trusted_key_file``. Roles come from here, so they cannot be altered
   without the issuer's private key, which no kiosk holds.
3. ``VERIFY`` (PIN reference 80): the card compares the PIN; ``63Cx`` = wrong, x tries left; ``6983`` = locked.
4. ``INTERNAL AUTHENTICATE`` with 32 random bytes: the card signs them with its private key (only after a
   correct PIN); the kiosk checks the signature with the public key from the certificate.

The PIN is never stored, logged or kept: it exists only as a local buffer while one VERIFY command is built and
sent, and that buffer is overwritten straight after. Nothing here logs card data.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from device.card import CardError, CardReader
# The certificate's errors and trusted keys are part of this module's API too: the app needs only this module.
from device.staff_card.certificate import (AUTHENTICATE_CONTEXT, ROLE_NAMES, CardExpired,  # noqa: F401
                                           CardNotGenuine, Certificate, NoTrustedKey, check_certificate,
                                           decode_certificate, load_trusted_keys)

log = logging.getLogger("jobpoint.card")

#: The AID used when ``card.aid`` is not set: F0 (proprietary, unregistered) + "JOBPOINT" + version 01.
DEFAULT_AID = "F04A4F42504F494E5401"
#: The PIN's reference on the card (VERIFY's P2): 80, "specific to the application", as PIV's application PIN.
PIN_REFERENCE = 0x80
PIN_MIN, PIN_MAX = 4, 8
#: A PIN travels as ASCII digits padded with FF to 8 bytes, as in PIV.
PIN_BLOCK_LENGTH = 8
MAX_TRIES = 3
#: GET DATA P1-P2 of the card certificate (0100 to 01FF are proprietary objects in ISO 7816-4).
CERTIFICATE_TAG = 0x0101
CHALLENGE_LENGTH = 32

SW_OK = 0x9000
SW_WRONG_LENGTH = 0x6700
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_AUTH_BLOCKED = 0x6983
SW_CONDITIONS_NOT_SATISFIED = 0x6985
SW_WRONG_DATA = 0x6A80
SW_APP_NOT_FOUND = 0x6A82
SW_DATA_NOT_FOUND = 0x6A88
SW_WRONG_P1P2 = 0x6B00
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00


class NotAStaffCard(CardError):
    """The card has no staff application (SELECT said 6A82), e.g. a bank card."""

    message_key = "card.not_staff_card"


@dataclass(frozen=True)
class StaffIdentity:
    """A staff card that passed every check: its id (for the audit log) and its roles."""

    card_id: str
    roles: tuple[str, ...]
    valid_until: dt.date


@dataclass(frozen=True)
class VerifyResult:
    """What happened to a PIN.

    ``status`` is one of "ok", "wrong_pin", "locked", "not_genuine", "pin_format" or "error";
    ``tries_left`` is known after a wrong PIN; ``message_key`` says what to show (None when "ok").
    """

    status: str
    tries_left: int | None = None
    message_key: str | None = None
    identity: StaffIdentity | None = None

    @property
    def ok(self) -> bool:
        """True when the PIN was right and the card proved it is genuine."""
        return self.status == "ok"


# ----- APDUs

def select_apdu(aid: bytes) -> bytes:
    """SELECT by AID (00 A4 04 00), first or only occurrence, asking for any FCI.

    :param aid: the application identifier, 5 to 16 bytes.
    """
    return bytes([0x00, 0xA4, 0x04, 0x00, len(aid)]) + aid + b"\x00"


def get_certificate_apdu() -> bytes:
    """GET DATA (00 CA) of the card certificate, P1-P2 = 0101."""
    return bytes([0x00, 0xCA, CERTIFICATE_TAG >> 8, CERTIFICATE_TAG & 0xFF, 0x00])


def verify_status_apdu() -> bytes:
    """VERIFY with no data: asks for the tries left (63Cx) without using one up."""
    return bytes([0x00, 0x20, 0x00, PIN_REFERENCE])


def internal_authenticate_apdu(challenge: bytes) -> bytes:
    """INTERNAL AUTHENTICATE (00 88 00 00) of a random challenge.

    :param challenge: 32 random bytes from the kiosk.
    """
    return bytes([0x00, 0x88, 0x00, 0x00, len(challenge)]) + challenge + b"\x00"


def pin_block(pin: str | bytes | bytearray) -> bytearray:
    """The PIN as VERIFY sends it: ASCII digits padded with FF to 8 bytes (the caller must wipe it).

    :param pin: 4 to 8 digits.
    :raises ValueError: for anything else (without repeating the PIN).
    """
    digits = pin.encode("ascii", "replace") if isinstance(pin, str) else bytes(pin)
    if not PIN_MIN <= len(digits) <= PIN_MAX or not digits.isdigit():
        raise ValueError("a PIN is 4 to 8 digits")
    block = bytearray(digits) + bytearray(b"\xff" * (PIN_BLOCK_LENGTH - len(digits)))
    return block


def tries_left_from(sw: int) -> int | None:
    """The x of a 63Cx status word, or None for any other status word.

    :param sw: e.g. 0x63C2 -> 2.
    """
    return sw & 0x0F if sw & 0xFFF0 == 0x63C0 else None


# ----- one card, from SELECT to removal

class StaffCardSession:
    """The kiosk's side of one staff card in the reader.

    :param reader: a started ``CardReader`` with the card in it.
    :param aid: the staff application's AID (``card.aid``).
    :param trusted_keys: the issuers' public keys (``load_trusted_keys``).
    :param today: returns today's date (tests pass a fixed one).
    """

    def __init__(self, reader: CardReader, *, aid: bytes, trusted_keys: Iterable[Ed25519PublicKey],
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self.reader = reader
        self.aid = bytes(aid)
        self._trusted_keys = list(trusted_keys)
        self._today = today
        self.certificate: Certificate | None = None
        self.identity: StaffIdentity | None = None

    def open(self) -> Certificate:
        """Select the staff application and check the card's certificate, before any PIN is asked for.

        :raises NotAStaffCard: if the card has no staff application.
        :raises CardNotGenuine: if its certificate is not from a trusted issuer.
        :raises CardExpired: if its certificate is past its date.
        :raises NoTrustedKey: if this kiosk trusts no issuer.
        :raises CardError: if the card cannot be read.
        """
        response = self.reader.transmit(select_apdu(self.aid))
        if response.sw in (SW_APP_NOT_FOUND, SW_DATA_NOT_FOUND, SW_INS_NOT_SUPPORTED, SW_CLA_NOT_SUPPORTED,
                           SW_WRONG_P1P2):
            raise NotAStaffCard(f"SELECT answered {response.sw:04X}")
        if not response.ok:
            raise CardError(f"SELECT answered {response.sw:04X}", message_key="card.read_error")
        response = self.reader.transmit(get_certificate_apdu())
        if not response.ok:
            raise NotAStaffCard(f"GET DATA answered {response.sw:04X}")
        certificate = decode_certificate(response.data)
        check_certificate(certificate, self._trusted_keys, self._today())
        self.certificate = certificate
        return certificate

    def tries_left(self) -> int | None:
        """How many PIN tries the card has left (0 = locked), without using one up; None if it will not say."""
        response = self.reader.transmit(verify_status_apdu())
        if response.sw == SW_AUTH_BLOCKED:
            return 0
        if response.ok:
            return MAX_TRIES
        return tries_left_from(response.sw)

    def verify_pin(self, pin: str | bytes | bytearray) -> VerifyResult:
        """Have the card check the PIN, then have the card prove it is genuine.

        The PIN goes to the card and nowhere else: it is not kept, logged or put in any error. A bytearray PIN is
        overwritten with zeros afterwards, so a keypad that collects digits in one leaves nothing behind.

        :param pin: 4 to 8 digits, as typed on the masked keypad.
        :returns: a ``VerifyResult``; on "ok" ``identity`` holds the roles, also kept as ``self.identity``.
        """
        if self.certificate is None:
            raise RuntimeError("open() the session before verify_pin()")
        try:
            block = pin_block(pin)
        except ValueError:
            return VerifyResult("pin_format", message_key="card.pin_format")
        finally:
            if isinstance(pin, bytearray):
                pin[:] = bytes(len(pin))
        del pin
        apdu = bytearray([0x00, 0x20, 0x00, PIN_REFERENCE, len(block)]) + block
        try:
            response = self.reader.transmit(apdu)
        except CardError as error:
            return VerifyResult("error", message_key=error.message_key)
        finally:
            block[:] = bytes(len(block))
            apdu[:] = bytes(len(apdu))
        return self._after_verify(response.sw)

    def _opened(self) -> Certificate:
        if self.certificate is None:  # a programming error: the kiosk always opens the session first
            raise RuntimeError("open() the session first")
        return self.certificate

    def _after_verify(self, sw: int) -> VerifyResult:
        certificate = self._opened()
        tries = tries_left_from(sw)
        if sw == SW_AUTH_BLOCKED or tries == 0:
            log.warning("staff card %s: locked", certificate.card_id)
            return VerifyResult("locked", tries_left=0, message_key="card.locked")
        if tries is not None:
            log.info("staff card %s: wrong PIN, %d tries left", certificate.card_id, tries)
            return VerifyResult("wrong_pin", tries_left=tries, message_key="card.pin_wrong")
        if sw != SW_OK:
            log.warning("staff card %s: VERIFY answered %04X", certificate.card_id, sw)
            return VerifyResult("error", message_key="card.read_error")
        try:
            identity = self.authenticate()
        except CardNotGenuine:
            return VerifyResult("not_genuine", message_key="card.not_genuine")
        except CardError as error:
            return VerifyResult("error", message_key=error.message_key)
        return VerifyResult("ok", identity=identity)

    def authenticate(self) -> StaffIdentity:
        """Challenge the card to sign 32 random bytes and check the signature with its certified key.

        :raises CardNotGenuine: if the card cannot make a signature the certificate's key accepts.
        """
        certificate = self._opened()
        challenge = secrets.token_bytes(CHALLENGE_LENGTH)
        response = self.reader.transmit(internal_authenticate_apdu(challenge))
        if not response.ok:
            log.warning("staff card %s: INTERNAL AUTHENTICATE answered %04X", certificate.card_id, response.sw)
            raise CardNotGenuine(f"INTERNAL AUTHENTICATE answered {response.sw:04X}")
        key = Ed25519PublicKey.from_public_bytes(certificate.public_key)
        try:
            key.verify(response.data, AUTHENTICATE_CONTEXT + bytes.fromhex(certificate.card_id) + challenge)
        except InvalidSignature:
            log.warning("staff card %s: the challenge signature is wrong: not a genuine card",
                        certificate.card_id)
            raise CardNotGenuine("bad challenge signature") from None
        self.identity = StaffIdentity(certificate.card_id, certificate.roles, certificate.valid_until)
        log.info("staff card %s: verified, roles %s", self.identity.card_id, ",".join(self.identity.roles))
        return self.identity

"""A virtual staff card: the card's side of the staff-card profile (docs/staff-card.md), in plain Python.

    card = VirtualStaffCard.load("card.json")     # made by: python -m device.staff_card.personalise
    card.atr                                       # bytes
    card.process(bytes.fromhex("00A404000AF04A4F42504F494E540100"))   # -> b"\\x90\\x00"
    card.power_down()                              # taken out: the PIN must be given again

The simulated card reader holds one of these in memory, and the PC/SC tests serve one to pcscd through vpcd
(tests/device/virtual_staff_card.py), so both talk to the same card. It keeps the PIN tries left in its card
image, as a real card keeps them in its memory, so a card locked in one test stays locked when re-inserted.

This module is also run by Debian's own python3 (for python3-virtualsmartcard), so it needs only the standard
library and ``cryptography``, and imports nothing else from the project.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

# The profile's numbers, repeated here so Debian's python3 can run this file on its own; tests check they agree
# with device/staff_card/session.py.
PIN_REFERENCE = 0x80
MAX_TRIES = 3
CERTIFICATE_TAG = 0x0101
AUTHENTICATE_CONTEXT = b"JOBPOINT staff card authenticate v1\x00"
#: A made-up ATR: TS 3B, T0 88 (TD1 follows, 8 historical bytes), TD1 01 (T=1), "JOBPOINT", TCK.
ATR = bytes.fromhex("3B88014A4F42504F494E5475")


def pin_hash(salt: bytes, pin_block: bytes) -> bytes:
    """How the card image keeps its PIN: a salted SHA-256 of the padded PIN block (test cards only).

    :param salt: 16 random bytes from personalisation.
    :param pin_block: the 8-byte block VERIFY carries.
    """
    return hashlib.sha256(b"JOBPOINT test card PIN\x00" + salt + pin_block).digest()


def _sw(value: int) -> bytes:
    return value.to_bytes(2, "big")


class VirtualStaffCard:
    """A card that answers SELECT, GET DATA, VERIFY and INTERNAL AUTHENTICATE as a staff card does.

    :param image: the card image (see ``device.staff_card.personalise``).
    :param save: called with the image whenever the tries left change (to write it back to its file).
    """

    def __init__(self, image: dict, save: Callable[[dict], None] | None = None) -> None:
        self.image = image
        self._save = save
        self.atr = bytes.fromhex(image.get("atr", ATR.hex()))
        self._aid = bytes.fromhex(image["aid"])
        self._key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(image["card_private_key"]))
        self._selected = False
        self._verified = False

    @classmethod
    def load(cls, path: str | os.PathLike) -> VirtualStaffCard:
        """A card from its image file, writing its tries left back to that file.

        :param path: a card.json from ``python -m device.staff_card.personalise``.
        """
        path = Path(path)

        def save(image: dict) -> None:
            spare = path.with_suffix(path.suffix + ".tmp")
            spare.write_text(json.dumps(image, indent=2), encoding="utf-8")
            os.replace(spare, path)

        return cls(json.loads(path.read_text(encoding="utf-8")), save)

    @property
    def tries_left(self) -> int:
        """PIN tries left on the card (0 = locked)."""
        return int(self.image["tries_left"])

    def power_down(self) -> None:
        """The card lost power (taken out, or reset): nothing is selected or verified any more."""
        self._selected = False
        self._verified = False

    def process(self, apdu: bytes) -> bytes:
        """Answer one command APDU with response data and a status word.

        :param apdu: the command.
        """
        if len(apdu) < 4:
            return _sw(0x6700)
        cla, ins, p1, p2 = apdu[:4]
        body, _le_present = self._body(apdu)
        if body is None:
            return _sw(0x6700)
        if cla != 0x00:
            return _sw(0x6E00)
        if ins == 0xA4:
            return self._select(p1, p2, body)
        if not self._selected:
            return _sw(0x6985)
        if ins == 0xCA:
            return self._get_data(p1, p2)
        if ins == 0x20:
            return self._verify(p1, p2, body)
        if ins == 0x88:
            return self._internal_authenticate(p1, p2, body)
        return _sw(0x6D00)

    @staticmethod
    def _body(apdu: bytes) -> tuple[bytes | None, bool]:
        """The command data of a short APDU (cases 1 to 4), or None if its length bytes do not add up."""
        if len(apdu) == 4:
            return b"", False
        if len(apdu) == 5:
            return b"", True
        lc = apdu[4]
        if len(apdu) == 5 + lc:
            return apdu[5:], False
        if len(apdu) == 6 + lc:
            return apdu[5:5 + lc], True
        return None, False

    def _select(self, p1: int, p2: int, body: bytes) -> bytes:
        if p1 != 0x04:
            return _sw(0x6A86)
        if body != self._aid:
            self._selected = False
            return _sw(0x6A82)
        self._selected, self._verified = True, False
        return _sw(0x9000)

    def _get_data(self, p1: int, p2: int) -> bytes:
        if (p1 << 8 | p2) != CERTIFICATE_TAG:
            return _sw(0x6A88)
        return bytes.fromhex(self.image["certificate"]) + _sw(0x9000)

    def _verify(self, p1: int, p2: int, body: bytes) -> bytes:
        if p1 != 0x00 or p2 != PIN_REFERENCE:
            return _sw(0x6A88)
        tries = self.tries_left
        if tries == 0:
            return _sw(0x6983)
        if not body:  # no PIN: just say how things stand, using up nothing
            return _sw(0x9000) if self._verified else _sw(0x63C0 | tries)
        if len(body) != 8:
            return _sw(0x6700)
        given = pin_hash(bytes.fromhex(self.image["pin_salt"]), body)
        if hmac.compare_digest(given, bytes.fromhex(self.image["pin_sha256"])):
            self._verified = True
            self._set_tries(MAX_TRIES)
            return _sw(0x9000)
        self._verified = False
        self._set_tries(tries - 1)
        return _sw(0x6983) if tries - 1 == 0 else _sw(0x63C0 | (tries - 1))

    def _internal_authenticate(self, p1: int, p2: int, body: bytes) -> bytes:
        if p1 != 0x00 or p2 != 0x00:
            return _sw(0x6B00)
        if not self._verified:
            return _sw(0x6982)
        if not 16 <= len(body) <= 64:
            return _sw(0x6A80)
        card_id = bytes.fromhex(self.image["card_id"])
        return self._key.sign(AUTHENTICATE_CONTEXT + card_id + body) + _sw(0x9000)

    def _set_tries(self, tries: int) -> None:
        if tries != self.image["tries_left"]:
            self.image["tries_left"] = tries
            if self._save:
                self._save(self.image)

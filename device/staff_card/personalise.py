"""Personalise a TEST staff card: the card image a virtual card loads (docs/staff-card.md).

    python -m device.staff_card.personalise --out card.json --pin 1234 --role champion
    python -m device.staff_card.personalise --out it.json --role maintenance --issuer-key issuer.pem  # asks for the PIN

The card's certificate is signed with an issuer key (``--issuer-key``, default ``staff-card-issuer.pem``), made
on first use together with its public half (``staff-card-issuer.pub``); point ``card.trusted_key_file`` at the
``.pub`` file so a kiosk accepts the cards it signed. ``--forge`` makes a card that copies a genuine-looking
certificate but holds a different private key, to test that the kiosk refuses it.

The image holds the card's private key and a salted hash of its PIN, so it is for virtual test cards only; real
cards are personalised by the card management system, which keeps both inside the chip.

From Python (tests, the simulated reader): ``personalise(issuer_key, pin="1234", roles=("champion",))``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from device.staff_card.session import DEFAULT_AID, MAX_TRIES, pin_block
from device.staff_card.certificate import CERTIFICATE_CONTEXT, ROLE_BITS, TAG_SIGNATURE, encode_certificate_body
from device.staff_card.virtual import ATR, pin_hash

PROFILE = "jobpoint-staff-card-1"


def personalise(issuer_key: Ed25519PrivateKey, *, pin: str, roles: tuple[str, ...] | list[str],
                aid: str = DEFAULT_AID, valid_days: int = 730, today: dt.date | None = None,
                forge: bool = False) -> dict:
    """A new card image: key pair, certificate signed by the issuer, PIN hash, 3 tries.

    :param issuer_key: the card issuer's Ed25519 private key.
    :param pin: 4 to 8 digits.
    :param roles: one or more of "champion", "maintenance".
    :param aid: the staff application's AID, as hex.
    :param valid_days: how long the certificate is valid from today.
    :param today: the day of personalisation (default: today).
    :param forge: keep the certificate but give the card a different private key, as a cloned card would have.
    """
    unknown = [role for role in roles if role not in ROLE_BITS]
    if unknown or not roles:
        raise ValueError(f"roles must be some of {', '.join(ROLE_BITS)}")
    card_key = Ed25519PrivateKey.generate()
    card_id = secrets.token_bytes(8)
    public = card_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    valid_until = (today or dt.date.today()) + dt.timedelta(days=valid_days)
    body = encode_certificate_body(card_id, roles, valid_until, public)
    certificate = body + bytes([TAG_SIGNATURE, 64]) + issuer_key.sign(CERTIFICATE_CONTEXT + body)
    if forge:
        card_key = Ed25519PrivateKey.generate()
    salt = secrets.token_bytes(16)
    block = pin_block(pin)
    try:
        hashed = pin_hash(salt, bytes(block))
    finally:
        block[:] = bytes(len(block))
    return {
        "profile": PROFILE,
        "aid": aid.upper(),
        "atr": ATR.hex().upper(),
        "card_id": card_id.hex(),
        "roles": list(roles),
        "valid_until": valid_until.isoformat(),
        "certificate": certificate.hex(),
        "card_private_key": card_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                                   serialization.NoEncryption()).hex(),
        "pin_salt": salt.hex(),
        "pin_sha256": hashed.hex(),
        "tries_left": MAX_TRIES,
    }


def load_or_make_issuer(path: str | os.PathLike) -> tuple[Ed25519PrivateKey, bool]:
    """The issuer's private key from a PEM file, made (with its .pub beside it) if the file does not exist.

    :param path: the private key file.
    :returns: the key, and whether it was just made.
    """
    path = Path(path)
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 private key")
        return key, False
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()))
    public_pem(key, path.with_suffix(".pub"))
    return key, True


def public_pem(key: Ed25519PrivateKey, path: str | os.PathLike) -> Path:
    """Write the issuer's public key as PEM, the form ``card.trusted_key_file`` reads.

    :param key: the issuer's private key.
    :param path: where to write it.
    """
    path = Path(path)
    path.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo))
    return path


def main(argv: list[str] | None = None) -> int:
    """Run the tool.

    :param argv: the arguments (default: the command line).
    """
    parser = argparse.ArgumentParser(prog="python -m device.staff_card.personalise",
                                     description="Make a test staff card image for a virtual card.")
    parser.add_argument("--out", required=True, metavar="FILE", help="the card image to write (card.json)")
    parser.add_argument("--pin", metavar="DIGITS", help="4 to 8 digits (asked for if left out)")
    parser.add_argument("--role", action="append", choices=sorted(ROLE_BITS), required=True,
                        help="champion or maintenance (repeat for both)")
    parser.add_argument("--issuer-key", default="staff-card-issuer.pem", metavar="FILE",
                        help="the issuer's private key, made with its .pub if missing (staff-card-issuer.pem)")
    parser.add_argument("--aid", default=DEFAULT_AID, help=f"the staff application's AID in hex ({DEFAULT_AID})")
    parser.add_argument("--valid-days", type=int, default=730, help="days the card is valid for (730)")
    parser.add_argument("--forge", action="store_true", help="make a forged card the kiosk must refuse")
    args = parser.parse_args(argv)
    pin = args.pin if args.pin is not None else getpass.getpass("PIN for the test card: ")
    try:
        issuer, made = load_or_make_issuer(args.issuer_key)
        image = personalise(issuer, pin=pin, roles=tuple(dict.fromkeys(args.role)), aid=args.aid,
                            valid_days=args.valid_days, forge=args.forge)
    except ValueError as error:
        print(f"staff_card_personalise: {error}", file=sys.stderr)
        return 2
    del pin
    Path(args.out).write_text(json.dumps(image, indent=2) + "\n", encoding="utf-8")
    if made:
        print(f"Made a new issuer key {args.issuer_key} and its public key "
              f"{Path(args.issuer_key).with_suffix('.pub')}: set card.trusted_key_file to the .pub file.")
    print(f"Wrote {args.out}: card {image['card_id']}, roles {', '.join(image['roles'])}, "
          f"valid until {image['valid_until']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

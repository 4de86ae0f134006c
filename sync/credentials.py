"""The kiosk's credential for the central service: enrolment, and the 0600 file it is kept in.

    credential = enrol("https://central.example", token, kiosk_name="leeds-1", path=Path("credential.json"))
    credential = load_credential(Path("credential.json"))      # None before enrolment
    client = credential.client(timeout=20)

The file is JSON ``{"kiosk_id", "office_id", "credential", "url"}``. It is written to a temporary file created with
mode 0600 (so it is never readable by others, not even for a moment), flushed to disk, then renamed over the old
one: a crash leaves either the old credential or the new one.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from sync.client import CentralClient, Offline, SyncFailed, Unauthorised
from sync.files import write_atomically


class CredentialError(ValueError):
    """The credential file exists but cannot be used; the message says what to do."""


class BadToken(Unauthorised):
    """The enrolment token was refused: used, expired, revoked, mistyped or for another service."""

    message_key = "sync.bad_token"


@dataclass(frozen=True)
class Credential:
    """What enrolment gave this kiosk, and where the service is."""

    kiosk_id: str
    office_id: str
    credential: str
    url: str

    def client(self, timeout: float = 20.0) -> CentralClient:
        """A client for the service that carries this credential.

        :param timeout: seconds to wait for each read.
        """
        return CentralClient(self.url, self.credential, timeout=timeout)


def save_credential(path: Path, credential: Credential) -> None:
    """Write the credential file atomically, readable by its owner only.

    :param path: the file; its folder is made (mode 0700) if missing.
    :param credential: what to keep.
    """
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path, json.dumps(asdict(credential)).encode(), mode=0o600)  # never readable by others
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # The rename itself is only durable once the folder's entry is on disk.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def load_credential(path: Path) -> Credential | None:
    """Read the credential file, or None when the kiosk has not been enrolled.

    :param path: the file.
    :raises CredentialError: the file is unreadable, damaged, or readable by others.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise CredentialError(f"The credential file {path} cannot be read ({type(error).__name__}).") from None
    if mode & 0o077:
        raise CredentialError(f"The credential file {path} can be read by other users; it must be mode 0600. "
                              f"Fix it with: chmod 600 {path}")
    try:
        data = json.loads(text)
        credential = Credential(**{key: data[key] for key in ("kiosk_id", "office_id", "credential", "url")})
    except (ValueError, KeyError, TypeError):
        raise CredentialError(f"The credential file {path} is damaged; enrol the kiosk again.") from None
    if not all(isinstance(value, str) and value for value in asdict(credential).values()):
        raise CredentialError(f"The credential file {path} is damaged; enrol the kiosk again.")
    return credential


def enrolled_client(settings) -> tuple[Credential, CentralClient]:
    """This kiosk's credential, and a client that calls the service with it (close it after use).

    :param settings: the kiosk's settings (``central.credential_file``, ``sync.timeout_seconds``).
    :raises CredentialError: not enrolled, or the credential file is unreadable or damaged.
    """
    credential = load_credential(settings["central.credential_file"])
    if credential is None:
        raise CredentialError("This kiosk is not enrolled with the central service (kiosk enrol TOKEN).")
    return credential, credential.client(timeout=float(settings.get("sync.timeout_seconds", 20)))


def enrol(url: str, token: str, kiosk_name: str, path: Path, timeout: float = 20.0) -> Credential:
    """Exchange a one-time enrolment token for this kiosk's credential, and save it.

    :param url: the central service's address.
    :param token: the token IT staff made with ``kiosk-central token``.
    :param kiosk_name: this kiosk's name, as staff will see it.
    :param path: where to keep the credential.
    :param timeout: seconds to wait for the service.
    :raises BadToken: the token was refused.
    :raises SyncFailed: no network, or the service failed (its subclasses say which).
    """
    token = token.strip()
    if not token:
        raise BadToken("The enrolment token is empty. Type or scan the token IT staff gave you.")
    client = CentralClient(url, timeout=timeout)
    try:
        reply = client.post_json("/v1/enrol", {"token": token, "kiosk_name": kiosk_name}, expect=(201,))
    except Unauthorised as error:
        raise BadToken("That enrolment token was not accepted: it may be mistyped, already used, expired or "
                       "revoked. Ask IT staff for a new one (kiosk-central token --office OFFICE).",
                       error.status, error.code) from None
    except Offline as error:
        raise Offline(f"Cannot reach the central service at {url}: check the network and central.url. "
                      f"({error})") from None
    finally:
        client.close()
    try:
        credential = Credential(kiosk_id=reply["kiosk_id"], office_id=reply["office_id"],
                                credential=reply["credential"], url=url.rstrip("/"))
    except (KeyError, TypeError):
        raise SyncFailed("The central service's enrolment reply is missing the kiosk's credential.") from None
    if not all(isinstance(value, str) and value for value in asdict(credential).values()):
        raise SyncFailed("The central service's enrolment reply is missing the kiosk's credential.")
    save_credential(path, credential)
    return credential

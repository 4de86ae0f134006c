"""Releases and rollout rings: which app version each kiosk should run (docs/updates.md has the rules).

    add_release(storage, Path("jobpoint-0.2.0.tar.gz"), "0.2.0", now)   # kiosk-central release add
    set_ring(storage, "canary", "0.2.0", now)                           # kiosk-central ring set canary 0.2.0
    set_kiosk_ring(storage, "k-1a2b", "lab")                            # kiosk-central kiosk-ring k-1a2b lab
    update_for(storage, "k-1a2b", current="0.1.0")                      # GET /v1/update -> Release or None

Rings, narrowest first: lab, canary, 10%, 50%, all. A kiosk is in lab or canary only when put there by hand;
otherwise a stable hash of its id gives it a number from 0 to 99: below 10 is the 10% ring, below 50 the 50% ring,
the rest "all". Each ring may have a target version. A kiosk takes its own ring's target; when its ring has none
it takes the next wider ring's, and so on up to "all" (rings nest: lab kiosks are always at least as far ahead as
canary ones). With no target anywhere there is nothing to install. The bundle's bytes are kept in the database in
1 MiB chunks, so a service on PostgreSQL needs no shared disk and the download is streamed, never held whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select

from sync.bundle import BadBundle, check_bundle, check_version
from sync.central.schema import kiosk_rings, kiosks, release_chunks, releases, ring_targets
from sync.central.storage import Storage

#: Every ring, narrowest first.
RINGS = ("lab", "canary", "10%", "50%", "all")
#: Rings a kiosk is put in by hand; the others come from the hash.
MANUAL_RINGS = ("lab", "canary")
CHUNK_BYTES = 1 << 20


class NoSuchRelease(LookupError):
    """No release has that version (``kiosk-central release add`` it first)."""


@dataclass(frozen=True)
class Release:
    """A stored release: its version, the bundle's SHA-256 (hex) and size in bytes."""

    version: str
    sha256: str
    size: int


def check_ring(ring: str, manual: bool = False) -> str:
    """One of ``RINGS`` (or of ``MANUAL_RINGS`` when ``manual``).

    :raises ValueError: anything else, naming the choices.
    """
    choices = MANUAL_RINGS if manual else RINGS
    if ring not in choices:
        raise ValueError(f"{ring!r} is not a ring: use one of {', '.join(choices)}.")
    return ring


def hash_bucket(kiosk_id: str) -> int:
    """The kiosk's number from 0 to 99: the same on every server and every run (SHA-256, not ``hash()``).

    >>> hash_bucket("k-0000000000000000")
    26

    :param kiosk_id: e.g. "k-1a2b3c4d5e6f7a8b".
    """
    return int.from_bytes(hashlib.sha256(kiosk_id.encode("utf-8")).digest()[:8], "big") % 100


def ring_of(kiosk_id: str, manual: str | None = None) -> str:
    """The kiosk's ring: its manual one (lab, canary) if it has one, else from ``hash_bucket``.

    :param kiosk_id: the kiosk.
    :param manual: its row in ``kiosk_rings``, or None.
    """
    if manual in MANUAL_RINGS:
        return manual
    bucket = hash_bucket(kiosk_id)
    return "10%" if bucket < 10 else "50%" if bucket < 50 else "all"


def target_of(ring: str, targets: dict[str, str]) -> str | None:
    """The version a kiosk in ``ring`` should run: its ring's target, else the next wider ring's, else None.

    >>> target_of("canary", {"50%": "0.3.0", "all": "0.2.0"})
    '0.3.0'

    :param ring: one of ``RINGS``.
    :param targets: ring -> version, for the rings that have a target.
    """
    for wider in RINGS[RINGS.index(ring):]:
        if wider in targets:
            return targets[wider]
    return None


def add_release(storage: Storage, path: Path, version: str, now: dt.datetime) -> Release:
    """Check a bundle and store it with its SHA-256 and size. A version is added once and never changed.

    :param storage: the database.
    :param path: the ``jobpoint-<version>.tar.gz`` from ``make dist``.
    :param version: its version.
    :param now: the current time (UTC).
    :raises BadBundle: the bundle is unsafe, unreadable, of another version, or that version exists already.
    """
    check_bundle(path, version)
    digest, size, n = hashlib.sha256(), 0, 0
    with storage.write() as conn:
        if conn.scalar(select(releases.c.version).where(releases.c.version == version)) is not None:
            raise BadBundle(f"release {version} exists already; a release never changes, so give the new build "
                            f"a new version.")
        conn.execute(insert(releases).values(version=version, sha256="", size=0, chunks=0, added_at=now))
        with open(path, "rb") as bundle:
            while chunk := bundle.read(CHUNK_BYTES):
                digest.update(chunk)
                size += len(chunk)
                conn.execute(insert(release_chunks).values(version=version, n=n, data=chunk))
                n += 1
        conn.execute(releases.update().where(releases.c.version == version)
                     .values(sha256=digest.hexdigest(), size=size, chunks=n))
    return Release(version, digest.hexdigest(), size)


def get_release(storage: Storage, version: str) -> Release | None:
    """A stored release, or None."""
    with storage.read() as conn:
        row = conn.execute(select(releases).where(releases.c.version == version)).first()
    return Release(row.version, row.sha256, row.size) if row else None


def list_releases(storage: Storage) -> list[tuple[Release, dt.datetime]]:
    """Every release with the time it was added, newest first."""
    with storage.read() as conn:
        rows = conn.execute(select(releases).order_by(releases.c.added_at.desc(), releases.c.version)).all()
    return [(Release(row.version, row.sha256, row.size), row.added_at) for row in rows]


def bundle_chunks(storage: Storage, version: str) -> Iterator[bytes]:
    """The bundle's bytes, one chunk per short query (a slow download never holds a transaction open).

    :raises NoSuchRelease: when asked for the first chunk of an unknown version.
    """
    with storage.read() as conn:
        count = conn.scalar(select(releases.c.chunks).where(releases.c.version == version))
    if count is None:
        raise NoSuchRelease(version)
    for n in range(count):
        with storage.read() as conn:
            yield conn.scalar(select(release_chunks.c.data).where(
                (release_chunks.c.version == version) & (release_chunks.c.n == n)))


def set_ring(storage: Storage, ring: str, version: str | None, now: dt.datetime) -> None:
    """Give a ring a target version, or take its target away (``version`` None: it follows the wider rings).

    :raises ValueError: not a ring.
    :raises NoSuchRelease: the version has not been added.
    """
    check_ring(ring)
    with storage.write() as conn:
        conn.execute(delete(ring_targets).where(ring_targets.c.ring == ring))
        if version is not None:
            if conn.scalar(select(releases.c.version).where(releases.c.version == check_version(version))) is None:
                raise NoSuchRelease(version)
            conn.execute(insert(ring_targets).values(ring=ring, version=version, set_at=now))


def ring_targets_now(storage: Storage) -> dict[str, str]:
    """Ring -> target version, for the rings that have one."""
    with storage.read() as conn:
        return dict(conn.execute(select(ring_targets.c.ring, ring_targets.c.version)).all())


def set_kiosk_ring(storage: Storage, kiosk_id: str, ring: str | None) -> None:
    """Put a kiosk in the lab or canary ring, or (``ring`` None) back in the ring its hash gives it.

    :raises ValueError: not lab or canary.
    :raises LookupError: no such kiosk.
    """
    if ring is not None:
        check_ring(ring, manual=True)
    with storage.write() as conn:
        if conn.scalar(select(kiosks.c.kiosk_id).where(kiosks.c.kiosk_id == kiosk_id)) is None:
            raise LookupError(kiosk_id)
        conn.execute(delete(kiosk_rings).where(kiosk_rings.c.kiosk_id == kiosk_id))
        if ring is not None:
            conn.execute(insert(kiosk_rings).values(kiosk_id=kiosk_id, ring=ring))


def manual_rings(storage: Storage) -> dict[str, str]:
    """Kiosk id -> manual ring, for every kiosk put in lab or canary by hand."""
    with storage.read() as conn:
        return dict(conn.execute(select(kiosk_rings.c.kiosk_id, kiosk_rings.c.ring)).all())


def update_for(storage: Storage, kiosk_id: str, current: str) -> Release | None:
    """The release a kiosk should install, or None when it runs its target already (or there is none).

    A target older than ``current`` is returned too: setting a ring back is how a bad release is withdrawn.

    :param storage: the database.
    :param kiosk_id: the asking kiosk.
    :param current: the version it runs.
    """
    with storage.read() as conn:
        manual = conn.scalar(select(kiosk_rings.c.ring).where(kiosk_rings.c.kiosk_id == kiosk_id))
        targets = dict(conn.execute(select(ring_targets.c.ring, ring_targets.c.version)).all())
        target = target_of(ring_of(kiosk_id, manual), targets)
        if target is None or target == current:
            return None
        row = conn.execute(select(releases).where(releases.c.version == target)).first()
    return Release(row.version, row.sha256, row.size)

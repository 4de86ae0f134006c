"""The ``kiosk-central`` commands for releases and rollout rings (docs/updates.md).

    kiosk-central release add dist/jobpoint-0.2.0.tar.gz --version 0.2.0
    kiosk-central release list
    kiosk-central ring set canary 0.2.0        (lab, canary, 10%, 50%, all)
    kiosk-central ring clear canary            (the ring follows the next wider ring again)
    kiosk-central ring list
    kiosk-central kiosk-ring k-1a2b3c4d5e6f7a8b lab|canary|auto

Exit status 0 means done, 1 that the input was refused (a bad bundle, an unknown version or kiosk).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sync.central import clock


def add_release_commands(command) -> None:
    """Add ``release``, ``ring`` and ``kiosk-ring`` to the ``kiosk-central`` parser.

    :param command: the parser's ``command(name, help)`` helper, which adds ``--config``.
    """
    release = command("release", "add or list kiosk app releases")
    release.add_argument("action", choices=("add", "list"))
    release.add_argument("file", nargs="?", metavar="FILE.tar.gz", help="the bundle from make dist (add)")
    release.add_argument("--version", dest="release_version", metavar="VERSION", help="its version (add)")
    ring = command("ring", "set, clear or list the rollout rings' target versions")
    ring.add_argument("action", choices=("set", "clear", "list"))
    ring.add_argument("ring", nargs="?", metavar="RING", help="lab, canary, 10%%, 50%% or all")
    ring.add_argument("version", nargs="?", metavar="VERSION", help="a release added before (set)")
    kiosk_ring = command("kiosk-ring", "put a kiosk in the lab or canary ring, or back in its own (auto)")
    kiosk_ring.add_argument("kiosk_id", metavar="KIOSK_ID")
    kiosk_ring.add_argument("ring", choices=("lab", "canary", "auto"))


def _fail(message: str, status: int = 1) -> int:
    print(f"kiosk-central: {message}", file=sys.stderr)
    return status


def release(storage, settings, args) -> int:
    """``release add FILE --version V`` or ``release list``."""
    from sync.bundle import BadBundle
    from sync.central.releases import add_release, list_releases
    if args.action == "list":
        for item, added in list_releases(storage):
            print(f"{item.version}  {item.size:,} bytes  sha256 {item.sha256}  added {clock.iso(added)}")
        return 0
    if not args.file or not args.release_version:
        return _fail("release add needs the bundle file and --version, e.g. "
                     "kiosk-central release add jobpoint-0.2.0.tar.gz --version 0.2.0", 2)
    if not Path(args.file).is_file():
        return _fail(f"{args.file} does not exist or is not a file.")
    try:
        added = add_release(storage, Path(args.file), args.release_version, clock.now())
    except BadBundle as error:
        return _fail(f"release {args.release_version} refused: {error}")
    print(f"Release {added.version} added: {added.size:,} bytes, sha256 {added.sha256}.\n"
          f"No kiosk gets it until a ring has it: kiosk-central ring set lab {added.version}")
    return 0


def ring(storage, settings, args) -> int:
    """``ring set RING VERSION``, ``ring clear RING`` or ``ring list``."""
    from sync.central.releases import RINGS, NoSuchRelease, ring_targets_now, set_ring, target_of
    if args.action == "list":
        targets = ring_targets_now(storage)
        for name in RINGS:
            own = targets.get(name)
            follows = target_of(name, targets)
            print(f"{name:7} {own if own else '(not set)':20} kiosks here get: {follows or 'nothing yet'}")
        return 0
    if args.ring is None or (args.action == "set" and args.version is None):
        return _fail("usage: kiosk-central ring set RING VERSION, or ring clear RING", 2)
    try:
        set_ring(storage, args.ring, args.version if args.action == "set" else None, clock.now())
    except ValueError as error:
        return _fail(str(error))
    except NoSuchRelease:
        return _fail(f"there is no release {args.version}; add it first with kiosk-central release add FILE "
                     f"--version {args.version}")
    if args.action == "set":
        print(f"Ring {args.ring} now targets {args.version}; its kiosks install it in their next maintenance window.")
    else:
        print(f"Ring {args.ring} has no target of its own now: it follows the next wider ring.")
    return 0


def kiosk_ring(storage, settings, args) -> int:
    """``kiosk-ring KIOSK_ID lab|canary|auto``."""
    from sync.central.releases import ring_of, set_kiosk_ring
    try:
        set_kiosk_ring(storage, args.kiosk_id, None if args.ring == "auto" else args.ring)
    except LookupError:
        return _fail(f"there is no kiosk {args.kiosk_id}.")
    print(f"Kiosk {args.kiosk_id} is in the {ring_of(args.kiosk_id, args.ring)} ring.")
    return 0


COMMANDS = {"release": release, "ring": ring, "kiosk-ring": kiosk_ring}

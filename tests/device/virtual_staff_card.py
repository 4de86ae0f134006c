"""Serve a virtual staff card to pcscd through vpcd: "inserting" it is starting this, "removing" it is stopping it.

    /usr/bin/python3 tests/device/virtual_staff_card.py CARD.json [--port 35963]

It runs under Debian's own python3, because vsmartcard's ``virtualsmartcard`` (package python3-virtualsmartcard)
is a Debian package, not in the venv. Its ``VirtualICC`` speaks the vpcd protocol over TCP (localhost, port 35963
is the reader "Virtual PCD 00 00"); our ``SmartcardOS`` answers with ``device.staff_card.virtual.VirtualStaffCard``,
the same card the simulated reader holds. It logs nothing about the commands it gets (a VERIFY holds a PIN).

pytest imports this file too (for doctests), under the venv's python, so ``virtualsmartcard`` is imported only
when it runs.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import importlib.util
import logging
import signal
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Debian 12 installs the package one folder too deep, outside python3's path, so its own vicc cannot import it.
VIRTUALSMARTCARD_PATHS = ["/usr/lib/python3/site-packages/virtualsmartcard",
                          *glob.glob("/usr/lib/python3*/*-packages/virtualsmartcard")]


def import_virtualsmartcard():
    """The ``virtualsmartcard.VirtualSmartcard`` module, wherever Debian put it.

    Its crypto helpers (for card types we do not use) want PyCrypto's ``Crypto`` and fall back on Python 2's
    ``sha`` module; Debian 12 has neither, so a stand-in ``sha`` lets the module import.
    """
    if importlib.util.find_spec("Crypto") is None and "sha" not in sys.modules:
        shim = types.ModuleType("sha")
        shim.new = hashlib.sha1
        sys.modules["sha"] = shim
    try:
        from virtualsmartcard import VirtualSmartcard
    except ImportError:
        sys.path.extend(p for p in VIRTUALSMARTCARD_PATHS if Path(p, "virtualsmartcard").is_dir())
        from virtualsmartcard import VirtualSmartcard
    return VirtualSmartcard


def serve(card_path: str, host: str = "localhost", port: int = 35963) -> None:
    """Connect to vpcd and answer its commands with the card in ``card_path`` until vpcd or a signal stops us.

    :param card_path: a card image from ``python -m device.staff_card.personalise``.
    :param host: where pcscd's vpcd listens.
    :param port: 35963 for "Virtual PCD 00 00", 35964 for "Virtual PCD 00 01".
    """
    sys.path.insert(0, str(ROOT))
    from device.staff_card.virtual import VirtualStaffCard

    vs = import_virtualsmartcard()
    card = VirtualStaffCard.load(card_path)

    class StaffCardOS(vs.SmartcardOS):
        """vsmartcard's card-OS interface, answered by our staff card."""

        def getATR(self):  # noqa: N802 - vsmartcard's names
            return card.atr

        def powerUp(self):  # noqa: N802
            card.power_down()

        def powerDown(self):  # noqa: N802
            card.power_down()

        def reset(self):
            card.power_down()

        def execute(self, msg):
            return card.process(bytes(msg))

    class StaffCardICC(vs.VirtualICC):
        """VirtualICC without its card generator: only the vpcd connection, and our card OS."""

        def __init__(self):  # VirtualICC's own __init__ would build an ISO 7816 card we do not use
            self.os = StaffCardOS()
            self.type = "jobpoint-staff"
            self.host, self.port = host, port
            self.sock = self.connectToPort(host, port)
            self.sock.settimeout(None)
            self.server_sock = None

    logging.basicConfig(level=logging.WARNING)  # VirtualICC logs every response at INFO
    icc = StaffCardICC()
    print("card inserted", flush=True)
    try:
        icc.run()
    finally:
        icc.stop()


def main(argv: list[str] | None = None) -> int:
    """Run the card until stopped (SIGTERM takes it out of the reader).

    :param argv: the arguments.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("card", nargs="?", help="card image (card.json)")
    parser.add_argument("--check", action="store_true", help="only check that this python can run the card")
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=35963)
    args = parser.parse_args(argv)
    if args.check or not args.card:
        sys.path.insert(0, str(ROOT))
        import_virtualsmartcard()
        import device.staff_card.virtual  # noqa: F401 - needs cryptography
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        serve(args.card, args.host, args.port)
    except (SystemExit, KeyboardInterrupt):
        pass
    except OSError as error:
        print(f"virtual staff card: cannot reach vpcd at {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

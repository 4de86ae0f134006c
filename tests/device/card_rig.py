"""What the card-reader tests stand on: an issuer, test cards, an event recorder, and a "rig" per provider.

A rig is a started reader plus the two hands a person has: ``insert(card_path)`` and ``remove()``, and
``lose_reader()`` / ``restore_reader()`` for the reader (or the card service) going away.

- ``simulated``: ``CardReaderSimulated`` holding a ``VirtualStaffCard`` in memory.
- ``pcsc``: ``CardReaderPcsc`` on the real PC/SC stack: Debian's pcscd with the vpcd reader driver
  (vsmartcard-vpcd), and the card served to vpcd by ``virtual_staff_card.py`` under Debian's python3
  (python3-virtualsmartcard). Inserting starts that process, removing stops it. pcscd is started here if it is
  not running (``pcscd --foreground``, never ``--apdu``, which would log PINs) and stopped afterwards; losing
  the reader is stopping pcscd, restoring it is starting it again. A lock file keeps two test runs on one machine
  from sharing vpcd's port at the same time.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from device.card_simulated import CardReaderSimulated
from device.staff_card.personalise import personalise, public_pem
from device.staff_card.virtual import VirtualStaffCard

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
VPCD_READER = "Virtual PCD 00 00"
VPCD_PORT = 35963
PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
LOCK_FILE = Path("/tmp/jobpoint-pcsc-tests.lock")
#: Long enough for pcscd's 0.4 s presence polling, the reader thread and a slow CI machine.
EVENT_TIMEOUT = 10.0
#: A PIN that appears nowhere else, so finding its digits anywhere means it leaked.
PIN = "739164"


def wait_until(condition, timeout: float = EVENT_TIMEOUT, step: float = 0.05) -> bool:
    """Poll ``condition`` until it is true or ``timeout`` seconds pass."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


class Events:
    """Records a reader's (or StaffCards') events, from any thread, in order."""

    def __init__(self, source) -> None:
        self.seen: list[tuple[str, tuple]] = []
        self._condition = threading.Condition()
        source.bind(**{name: self._recorder(name) for name in source.__events__})

    def _recorder(self, name):
        def record(*args):
            with self._condition:
                self.seen.append((name, args))
                self._condition.notify_all()
        return record

    def names(self) -> list[str]:
        """The event names so far."""
        with self._condition:
            return [name for name, _args in self.seen]

    def wait_for(self, name: str, count: int = 1, timeout: float = EVENT_TIMEOUT) -> tuple:
        """Wait until ``name`` has happened ``count`` times; return the arguments of the last one."""
        with self._condition:
            ok = self._condition.wait_for(lambda: self.names_unlocked().count(name) >= count, timeout)
            assert ok, f"no {name} (x{count}) within {timeout} s; saw {self.names_unlocked()}"
            return [args for seen, args in self.seen if seen == name][count - 1]

    def names_unlocked(self) -> list[str]:
        return [name for name, _args in self.seen]

    def clear(self) -> None:
        """Forget what was seen."""
        with self._condition:
            self.seen.clear()


# ----- issuers and cards

class Issuer:
    """A card issuer: its private key, and its public key in a PEM file, as ``card.trusted_key_file`` names."""

    def __init__(self, folder: Path, name: str) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.public_file = public_pem(self.key, folder / f"{name}.pub")

    def card(self, folder: Path, *, pin: str = PIN, roles=("champion",), forge: bool = False,
             aid: str | None = None, name: str = "card") -> Path:
        """Personalise a test card and write its image, as ``python -m device.staff_card.personalise`` does."""
        kwargs = {"aid": aid} if aid else {}
        image = personalise(self.key, pin=pin, roles=tuple(roles), forge=forge, **kwargs)
        path = folder / f"{name}.json"
        path.write_text(json.dumps(image), encoding="utf-8")
        return path


# ----- pcscd, vpcd and the virtual card process

def pcsc_stack_missing() -> str | None:
    """Why the real PC/SC stack cannot run here, or None if it can."""
    try:
        import smartcard.scard  # noqa: F401
    except ImportError:
        return "pyscard is not installed in the venv"
    if not shutil.which("pcscd"):
        return "pcscd is not installed (apt-get install pcscd)"
    if not VPCD_DRIVER.exists():
        return "the vpcd reader driver is not installed (apt-get install vsmartcard-vpcd)"
    probe = subprocess.run([SYSTEM_PYTHON, str(HERE / "virtual_staff_card.py"), "--check"],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        return ("Debian's python3 cannot run the virtual card (apt-get install python3-virtualsmartcard "
                f"python3-cryptography): {probe.stderr.strip()[-200:]}")
    return None


def pcscd_answers() -> bool:
    """True if a pcscd is running and lists the vpcd reader."""
    from smartcard import scard
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return False
    try:
        hresult, readers = scard.SCardListReaders(context, [])
        return hresult == scard.SCARD_S_SUCCESS and VPCD_READER in readers
    finally:
        scard.SCardReleaseContext(context)


def vpcd_card_present() -> bool:
    """True if pcscd sees a card in the vpcd reader (False when pcscd is not running)."""
    from smartcard import scard
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return False
    try:
        hresult, states = scard.SCardGetStatusChange(context, 0, [(VPCD_READER, scard.SCARD_STATE_UNAWARE)])
        return hresult == scard.SCARD_S_SUCCESS and bool(states[0][1] & scard.SCARD_STATE_PRESENT)
    finally:
        scard.SCardReleaseContext(context)


class Pcscd:
    """The pcscd the tests use: the one already running, or one started (and later stopped) here."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def ours(self) -> bool:
        """True if these tests started it, and so may stop and start it."""
        return self.process is not None

    def start(self) -> None:
        """Start pcscd in the foreground (no APDU logging) and wait for the vpcd reader."""
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(["pcscd", "--foreground"], stdout=log, stderr=subprocess.STDOUT)
        if not wait_until(pcscd_answers, timeout=10):
            self.stop()
            raise RuntimeError(f"pcscd did not list {VPCD_READER}; see {self.log_path}")

    def stop(self) -> None:
        """Stop the pcscd started here."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class VirtualCardProcess:
    """One virtual card in vpcd's reader: running is "inserted", stopped is "removed"."""

    def __init__(self, card_path: Path) -> None:
        self.process = subprocess.Popen([SYSTEM_PYTHON, str(HERE / "virtual_staff_card.py"), str(card_path),
                                         "--port", str(VPCD_PORT)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(self) -> None:
        """Take the card out (stop the process)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.process.stderr.close()


# ----- rigs

class SimulatedRig:
    """The simulated reader with in-memory virtual cards."""

    name = "simulated"

    def __init__(self) -> None:
        self.reader = CardReaderSimulated()
        self.events = Events(self.reader)
        self.reader.start()

    def insert(self, card_path: Path) -> None:
        self.reader.insert_card(VirtualStaffCard.load(card_path))

    def remove(self) -> None:
        self.reader.remove_card()

    def lose_reader(self) -> None:
        self.reader.unplug_reader()

    def restore_reader(self) -> None:
        self.reader.plug_in_reader()

    def close(self) -> None:
        self.reader.close()


class PcscRig:
    """The PC/SC reader on pcscd + vpcd, with the card served by a Debian-python3 process."""

    name = "pcsc"

    def __init__(self, pcscd: Pcscd) -> None:
        from device.card_pcsc import CardReaderPcsc
        self.pcscd = pcscd
        self.card: VirtualCardProcess | None = None
        self.reader = CardReaderPcsc(reader=VPCD_READER)
        self.events = Events(self.reader)
        self.reader.start()
        self.events.wait_for("on_reader_added")

    def insert(self, card_path: Path) -> None:
        self.remove()
        self.card = VirtualCardProcess(card_path)

    def remove(self) -> None:
        if self.card is not None:
            self.card.stop()
            self.card = None
            # pcscd polls vpcd every 0.4 s: a card put back sooner would look like the same card never taken out.
            assert wait_until(lambda: not vpcd_card_present()), "pcscd still sees the card"

    def lose_reader(self) -> None:
        if not self.pcscd.ours:
            pytest.skip("pcscd was already running, not started by these tests, so they leave it alone")
        self.remove()  # vpcd's card connection ends with pcscd anyway
        self.pcscd.stop()

    def restore_reader(self) -> None:
        self.pcscd.start()

    def close(self) -> None:
        self.remove()
        self.reader.close()
        if self.pcscd.ours and not pcscd_answers():
            self.pcscd.start()  # leave pcscd as the session found it

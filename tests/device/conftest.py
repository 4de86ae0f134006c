"""Device tests: the ``pcsc`` marker, and the card-reader fixtures (helpers in card_rig.py).

Tests marked ``pcsc`` run on the real PC/SC stack: pcscd + vpcd + a virtual staff card; they are skipped, with
the reason, where that stack is not installed.
"""

import fcntl

import pytest

from tests.device.card_rig import (LOCK_FILE, Issuer, PcscRig, Pcscd, SimulatedRig, pcsc_stack_missing,
                                   pcscd_answers, wait_until)


#: How long to wait for another test run on this machine to finish with pcscd and vpcd.
LOCK_WAIT_SECONDS = 90


def _try_lock(lock) -> bool:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def pytest_configure(config):
    config.addinivalue_line("markers", "pcsc: runs on the real PC/SC stack (pcscd + vpcd + a virtual staff card)")


@pytest.fixture(scope="session")
def pcsc_stack(tmp_path_factory):
    """pcscd with vpcd, running: skipped where the stack is not installed."""
    missing = pcsc_stack_missing()
    if missing:
        pytest.skip(f"the real PC/SC stack is not here: {missing}")
    with open(LOCK_FILE, "w") as lock:
        if not wait_until(lambda: _try_lock(lock), timeout=LOCK_WAIT_SECONDS, step=0.5):
            pytest.skip(f"another test run is using pcscd and vpcd ({LOCK_FILE})")
        daemon = Pcscd(tmp_path_factory.mktemp("pcscd") / "pcscd.log")
        if not pcscd_answers():
            daemon.start()
        try:
            yield daemon
        finally:
            daemon.stop()


@pytest.fixture(scope="session")
def issuers(tmp_path_factory):
    """The issuer the kiosk trusts, and one it does not (a forger's)."""
    folder = tmp_path_factory.mktemp("issuers")
    return Issuer(folder, "trusted"), Issuer(folder, "forger")


@pytest.fixture(params=["simulated", pytest.param("pcsc", marks=pytest.mark.pcsc)])
def rig(request):
    """Each provider, with hands to insert and remove cards and to lose the reader."""
    rig = SimulatedRig() if request.param == "simulated" else PcscRig(request.getfixturevalue("pcsc_stack"))
    yield rig
    rig.close()

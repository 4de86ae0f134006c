"""The real PC/SC stack as session fixtures, shared by every test folder (device, e2e): one pcscd per test run.

``pcsc_stack``: pcscd with vpcd, running (skipped with the reason where the stack is not installed);
``issuers``: the card issuer the kiosk trusts, and a forger's.
"""

import fcntl

import pytest

from tests.device.card_rig import LOCK_FILE, Issuer, Pcscd, pcsc_stack_missing, pcscd_answers, wait_until

#: How long to wait for another test run on this machine to finish with pcscd and vpcd.
LOCK_WAIT_SECONDS = 90


def _try_lock(lock) -> bool:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


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


"""Device tests: the ``pcsc`` marker, and the card-reader fixtures (helpers in card_rig.py).

Tests marked ``pcsc`` run on the real PC/SC stack: pcscd + vpcd + a virtual staff card; they are skipped, with
the reason, where that stack is not installed.
"""

import pytest

from tests.device.card_rig import PcscRig, SimulatedRig

# ``pcsc_stack`` and ``issuers`` come from tests/pcsc_fixtures.py (shared with the end-to-end tests).


@pytest.fixture(params=["simulated", pytest.param("pcsc", marks=pytest.mark.pcsc)])
def rig(request):
    """Each provider, with hands to insert and remove cards and to lose the reader."""
    rig = SimulatedRig() if request.param == "simulated" else PcscRig(request.getfixturevalue("pcsc_stack"))
    yield rig
    rig.close()

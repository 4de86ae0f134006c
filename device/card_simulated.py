"""A simulated card reader: a real, usable reader for laptops, demos and tests, with a virtual staff card.

    reader = CardReaderSimulated()
    reader.start()
    reader.insert_demo_card("champion")          # PIN 1234, signed by this reader's own demo issuer
    reader.insert_card(VirtualStaffCard.load("card.json"))
    reader.remove_card()
    reader.unplug_reader(); reader.plug_in_reader()

Cards answer APDUs exactly as the PC/SC test card does (``device/staff_card/virtual.py``), so the staff-card code
runs unchanged on it. Its demo cards are signed by a demo issuer key made in memory at start-up;
``open_devices`` trusts that key only when it has chosen this provider, which production config forbids.
"""

from __future__ import annotations

from collections.abc import Callable

from device.card import CardInfo, CardReader, CardRemoved
from device.staff_card.virtual import VirtualStaffCard

DEFAULT_READER = "Simulated reader"
DEMO_PIN = "1234"


class CardReaderSimulated(CardReader):
    """A reader that is always plugged in (until told otherwise) and holds whatever card it is given.

    :param reader: the name it reports.
    :param dispatch: how event handlers are run (see ``CardReader``).
    """

    name = "simulated"

    def __init__(self, *, reader: str = DEFAULT_READER, dispatch: Callable | None = None) -> None:
        super().__init__(dispatch=dispatch)
        self._name_of_reader = reader if reader and reader != "auto" else DEFAULT_READER
        self._plugged_in = True
        self._inserted: VirtualStaffCard | None = None
        self._demo_issuer = None

    def start(self) -> None:
        """Plug the reader in (it reports ``on_reader_added``)."""
        if self._plugged_in:
            self._reader_changed(self._name_of_reader)
            self._health_changed("present", "simulated reader")
        super().start()

    def close(self) -> None:
        """Take out any card and unplug the reader."""
        super().close()
        self._inserted = None
        self._card_changed(None)
        self._reader_changed(None)

    # ----- test and demo controls

    def insert_card(self, card: VirtualStaffCard) -> None:
        """Put a card in the reader (taking out any card already in it).

        :param card: a virtual card, e.g. ``VirtualStaffCard.load("card.json")``.
        """
        if self._inserted is not None:
            self.remove_card()
        if not self._plugged_in:
            return
        self._inserted = card
        card.power_down()
        self._card_changed(CardInfo(self._name_of_reader, card.atr.hex().upper()))

    def insert_demo_card(self, role: str = "champion", pin: str = DEMO_PIN) -> VirtualStaffCard:
        """Put in a new staff card signed by this reader's demo issuer.

        :param role: "champion" or "maintenance".
        :param pin: the card's PIN (default 1234).
        :returns: the card, to look at its tries left.
        """
        from device.staff_card.personalise import personalise  # made only when a developer asks for one

        card = VirtualStaffCard(personalise(self.demo_issuer(), pin=pin, roles=(role,)))
        self.insert_card(card)
        return card

    def remove_card(self) -> None:
        """Take the card out."""
        if self._inserted is not None:
            self._inserted.power_down()
        self._inserted = None
        self._card_changed(None)

    def unplug_reader(self) -> None:
        """Unplug the reader (with any card in it): ``on_card_removed``, then ``on_reader_removed``."""
        self._plugged_in = False
        self._inserted = None
        self._reader_changed(None)
        self._health_changed("absent", "simulated reader unplugged")

    def plug_in_reader(self) -> None:
        """Plug the reader back in."""
        self._plugged_in = True
        self._reader_changed(self._name_of_reader)
        self._health_changed("present", "simulated reader")

    def demo_issuer(self):
        """The in-memory issuer key that signs demo cards (made on first use)."""
        if self._demo_issuer is None:
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
            self._demo_issuer = Ed25519PrivateKey.generate()
        return self._demo_issuer

    def demo_trusted_keys(self) -> list:
        """The demo issuer's public key, for ``open_devices`` to trust while this reader is in use."""
        return [self.demo_issuer().public_key()]

    # ----- the provider hooks

    def _connect(self) -> None:
        if self._inserted is None:
            raise CardRemoved("no card in the simulated reader")

    def _disconnect(self) -> None:
        if self._inserted is not None:
            self._inserted.power_down()

    def _transmit_raw(self, apdu: bytes) -> bytes:
        card = self._inserted
        if card is None:
            raise CardRemoved("the card was taken out")
        return card.process(bytes(apdu))

"""Staff-card events for the screens: a card reader's events turned into "PIN needed", "ready" and "removed".

    staff = devices.staff_cards()
    staff.bind(on_pin_needed=show_keypad,              # (tries_left) a staff card is in: ask for its PIN
               on_not_staff_card=show_message,         # (message_key) e.g. "card.not_staff_card", "card.expired"
               on_staff_card_ready=start_staff_mode,   # (identity) identity.roles: "champion", "maintenance"
               on_staff_card_removed=end_staff_mode)   # () the card left the reader: end the staff mode now
    result = staff.verify_pin(digits)                  # VerifyResult; on "ok", on_staff_card_ready follows

Handlers run on whatever thread the reader's events are dispatched to (Kivy's main thread in the app), and
``verify_pin`` talks to the card there, which takes a few tens of milliseconds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from device.card import CardError, CardReader
from device.event_source import EventSource
from device.staff_card.session import StaffCardSession, StaffIdentity, VerifyResult

log = logging.getLogger("jobpoint.card")


class StaffCards(EventSource):
    """Follows one reader and keeps the session of the staff card in it.

    :param reader: a ``CardReader``.
    :param make_session: makes a ``StaffCardSession`` for the card in the reader.
    """

    __events__ = ("on_pin_needed", "on_not_staff_card", "on_staff_card_ready", "on_staff_card_removed")

    def __init__(self, reader: CardReader, make_session: Callable[[], StaffCardSession]) -> None:
        self.reader = reader
        self._make_session = make_session
        self._init_events()
        self.session: StaffCardSession | None = None
        reader.bind(on_card_inserted=self._card_inserted, on_card_removed=self._card_removed)
        if reader.card is not None:  # a card was already in when the kiosk started
            self._card_inserted(reader.card)

    @property
    def identity(self) -> StaffIdentity | None:
        """The staff card that passed every check and is still in the reader, or None."""
        return self.session.identity if self.session else None

    def verify_pin(self, pin) -> VerifyResult:
        """Have the card in the reader check a PIN and prove it is genuine.

        :param pin: 4 to 8 digits (a bytearray is wiped afterwards).
        :returns: the result; with no staff card in the reader, status "error" and key "card.removed".
        """
        session = self.session
        if session is None:
            return VerifyResult("error", message_key="card.removed")
        result = session.verify_pin(pin)
        if result.ok:
            self._fire("on_staff_card_ready", result.identity)
        return result

    def close(self) -> None:
        """Stop following the reader."""
        self.reader.unbind(on_card_inserted=self._card_inserted, on_card_removed=self._card_removed)
        self.session = None

    def _card_inserted(self, card) -> None:
        session = self._make_session()
        try:
            session.open()
            tries = session.tries_left()
        except CardError as error:
            log.info("card: not usable as a staff card (%s)", error.message_key)
            # A card taken out before it could be read needs no message: whoever took it out knows, and a
            # message left on screen would cover the keypad of the next card put in.
            if error.message_key != "card.removed":
                self._fire("on_not_staff_card", error.message_key)
            return
        self.session = session
        if tries == 0:
            self._fire("on_not_staff_card", "card.locked")
            return
        self._fire("on_pin_needed", tries)

    def _card_removed(self, reader_name) -> None:
        had_session, self.session = self.session is not None, None
        if had_session:
            self._fire("on_staff_card_removed")

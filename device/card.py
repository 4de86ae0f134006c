"""Card readers: the contract every card-reader provider meets.

    reader = CardReaderSimulated()                     # or CardReaderPcsc(reader="auto", dispatch=...)
    reader.bind(on_card_inserted=show_pin_keypad, on_card_removed=end_staff_mode)
    reader.start()
    response = reader.transmit(bytes.fromhex("00A4040005F04A4F4250"))   # one APDU to the card in the reader
    response.sw                                        # 0x9000
    reader.health()                                    # "present", "absent" or "error"
    reader.close()

Events (each handler is called through ``dispatch``, which the app sets to "run this on Kivy's main thread"; by
default it calls at once, on whatever thread noticed the change, so device/ never needs Kivy):

- ``on_reader_added(reader_name)`` and ``on_reader_removed(reader_name)``;
- ``on_card_inserted(card)`` with a ``CardInfo`` (reader name and ATR) and ``on_card_removed(reader_name)``;
  a reader that goes away with a card in it sends ``on_card_removed`` first;
- ``on_health_changed(health)`` with ``"present"``, ``"absent"`` or ``"error"``.

The base owns the rules every provider keeps: APDUs go one at a time under a lock; ``61xx`` (more data) and
``6Cxx`` (wrong length) are followed up here, so callers see one whole response; every failure becomes a
``CardReadError`` or ``ReaderUnavailable`` carrying a message key; nothing sent to or read from a card is ever
logged (a VERIFY command holds a PIN), only the instruction byte and the status word. Providers implement
``_connect``, ``_disconnect`` and ``_transmit_raw``, and report what they see with ``_reader_changed``,
``_card_changed`` and ``_health_changed``.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from device.event_source import EventSource

log = logging.getLogger("jobpoint.card")

#: Reader health, as the heartbeat and the maintenance screen report it.
HEALTH = ("present", "absent", "error")


def call_now(function: Callable[[], None]) -> None:
    """The default ``dispatch``: run the event handler at once, on the thread that noticed the event.

    :param function: a handler call with its arguments already bound.
    """
    function()


class CardError(Exception):
    """A card or reader failure; ``message_key`` is the catalogue key of what to tell the person.

    :param message_key: e.g. "card.read_error".
    :param detail: for the log only: never card data, never a PIN.
    """

    message_key = "card.read_error"

    def __init__(self, detail: str = "", message_key: str | None = None) -> None:
        super().__init__(detail or self.message_key)
        if message_key:
            self.message_key = message_key


class ReaderUnavailable(CardError):
    """There is no reader, or the PC/SC service (pcscd) is not running."""

    message_key = "card.reader_unavailable"


class CardReadError(CardError):
    """The card did not answer, or answered in a way that cannot be used."""

    message_key = "card.read_error"


class CardRemoved(CardReadError):
    """The card was taken out (or there is none) while the kiosk was talking to it."""

    message_key = "card.removed"


@dataclass(frozen=True)
class CardInfo:
    """A card in a reader: the reader's name and the card's Answer To Reset (ATR) as hex."""

    reader: str
    atr: str


@dataclass(frozen=True)
class Response:
    """A card's whole answer to one command: its data and its status word (``0x9000`` is "OK")."""

    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        """True when the status word is 90 00."""
        return self.sw == 0x9000


class CardReader(EventSource):
    """Base class for card-reader providers.

    :param dispatch: how an event handler is run, e.g. on Kivy's main thread; the default calls it at once.
    """

    name = "base"
    __events__ = ("on_reader_added", "on_reader_removed", "on_card_inserted", "on_card_removed",
                  "on_health_changed")

    def __init__(self, *, dispatch: Callable[[Callable[[], None]], None] | None = None) -> None:
        self._dispatch = dispatch or call_now
        self._init_events()
        self._io_lock = threading.RLock()  # one APDU (and one connect or disconnect) at a time
        self._state_lock = threading.Lock()
        self._reader: str | None = None
        self._card: CardInfo | None = None
        self._health = "absent"
        self._health_detail = "not started"
        self._connected = False
        self._ready = threading.Event()  # set once the provider has looked for readers at least once

    # ----- events

    def _emit(self, event: str, *args) -> None:
        self._dispatch(functools.partial(self._fire, event, *args))

    # ----- state, as the app and `kiosk devices` see it

    @property
    def reader_name(self) -> str | None:
        """The reader in use, or None when there is none."""
        return self._reader

    @property
    def card(self) -> CardInfo | None:
        """The card in the reader, or None."""
        return self._card

    def health(self) -> str:
        """"present" (a reader is there), "absent" (no reader) or "error" (the card service is down)."""
        return self._health

    def health_detail(self) -> str:
        """A short English explanation of ``health()`` for logs and `kiosk devices` (no card data)."""
        return self._health_detail

    def wait_ready(self, timeout: float = 3.0) -> bool:
        """Wait until the provider has looked for readers once, so ``health()`` means something.

        :param timeout: seconds to wait at most.
        :returns: True if it is ready.
        """
        return self._ready.wait(timeout)

    # ----- life cycle

    def start(self) -> None:
        """Start following readers and cards. Providers that watch on a thread start it here."""
        self._ready.set()

    def close(self) -> None:
        """Stop following readers and cards and let go of the card; never raises. ``App.on_stop`` calls it."""
        self._drop_connection()

    # ----- talking to the card

    def transmit(self, apdu: bytes | bytearray) -> Response:
        """Send one command APDU to the card in the reader and return its whole response.

        :param apdu: the command, e.g. ``bytes.fromhex("00A4040005F04A4F4250")``.
        :raises CardRemoved: if there is no card (or it was taken out).
        :raises ReaderUnavailable: if the reader or the card service went away.
        :raises CardReadError: for any other failure.
        """
        with self._io_lock:
            if self._card is None:
                raise CardRemoved("no card in the reader")
            try:
                if not self._connected:
                    self._connect()
                    self._connected = True
                response = self._exchange(bytes(apdu))
            except CardError:
                self._drop_connection()
                raise
            except Exception as error:  # noqa: BLE001 - every provider failure becomes a card error
                self._drop_connection()
                log.warning("card reader %s: %s while talking to the card", self.name, type(error).__name__)
                raise CardReadError(type(error).__name__) from None
        log.debug("card reader %s: INS %02X -> SW %04X", self.name, apdu[1] if len(apdu) > 1 else 0, response.sw)
        return response

    def _exchange(self, apdu: bytes) -> Response:
        raw = self._checked(self._transmit_raw(apdu))
        data, sw = raw[:-2], int.from_bytes(raw[-2:], "big")
        if sw >> 8 == 0x6C and len(apdu) >= 5:  # wrong Le: the card says how many bytes to ask for
            raw = self._checked(self._transmit_raw(apdu[:-1] + bytes([sw & 0xFF])))
            data, sw = raw[:-2], int.from_bytes(raw[-2:], "big")
        parts = [data]
        for _ in range(64):  # 61xx: more data waits; fetch it with GET RESPONSE (at most 64 times 256 bytes)
            if sw >> 8 != 0x61:
                break
            raw = self._checked(self._transmit_raw(bytes([apdu[0] & 0x03, 0xC0, 0, 0, sw & 0xFF])))
            parts.append(raw[:-2])
            sw = int.from_bytes(raw[-2:], "big")
        return Response(b"".join(parts), sw)

    @staticmethod
    def _checked(raw: bytes) -> bytes:
        if len(raw) < 2:
            raise CardReadError("a response shorter than a status word")
        return bytes(raw)

    def _drop_connection(self) -> None:
        with self._io_lock:
            if self._connected:
                self._connected = False
                try:
                    self._disconnect()
                except Exception as error:  # noqa: BLE001 - the card may already be gone
                    log.debug("card reader %s: disconnect: %s", self.name, type(error).__name__)

    # ----- what providers report (from any thread); the base sends events in a safe order

    def _reader_changed(self, reader: str | None) -> None:
        with self._state_lock:
            old = self._reader
            if old == reader:
                return
            self._reader = reader
        if old is not None:
            self._card_changed(None, reader_name=old)
            log.info("card reader %s: reader %s went away", self.name, old)
            self._emit("on_reader_removed", old)
        if reader is not None:
            log.info("card reader %s: using reader %s", self.name, reader)
            self._emit("on_reader_added", reader)

    def _card_changed(self, card: CardInfo | None, reader_name: str | None = None) -> None:
        with self._state_lock:
            old = self._card
            if old == card:
                return
            self._card = card
        if old is not None:
            self._drop_connection()
            log.info("card reader %s: card removed", self.name)
            self._emit("on_card_removed", reader_name or old.reader)
        if card is not None:
            log.info("card reader %s: card inserted", self.name)
            self._emit("on_card_inserted", card)

    def _health_changed(self, health: str, detail: str) -> None:
        assert health in HEALTH, health
        with self._state_lock:
            changed = health != self._health
            self._health, self._health_detail = health, detail
        if changed:
            (log.warning if health == "error" else log.info)("card reader %s: %s (%s)", self.name, health, detail)
            self._emit("on_health_changed", health)

    # ----- the narrow hooks providers implement

    def _connect(self) -> None:
        """Open a connection to the card in ``self.reader_name`` (called under the I/O lock)."""
        raise NotImplementedError

    def _disconnect(self) -> None:
        """Close the connection to the card, resetting it so a verified PIN does not outlive us."""
        raise NotImplementedError

    def _transmit_raw(self, apdu: bytes) -> bytes:
        """Send one APDU as it is and return the response with its two status bytes."""
        raise NotImplementedError

"""The PC/SC card reader: a real reader through pcscd, with pyscard.

    reader = CardReaderPcsc(reader="auto", dispatch=on_main_thread)
    reader.bind(on_card_inserted=..., on_card_removed=..., on_reader_removed=..., on_health_changed=...)
    reader.start()          # one thread follows readers and cards until close()
    reader.close()

It imports pyscard at the top, so ``ImportError`` means "not available here" to ``open_devices``.

One thread waits in ``SCardGetStatusChange`` on the chosen reader and on ``\\\\?PnP?\\Notification`` (which wakes
it when a reader is plugged in or out), on a PC/SC context of its own. pyscard's ``CardMonitor`` and
``ReaderMonitor`` are not used: they are process-wide singletons, the card monitor's thread ends for good when
pcscd goes away (``SCARD_E_NO_SERVICE``) and can take up to 60 s to stop, and the reader monitor polls. Here, when
pcscd goes, the thread reports the card removed, the reader removed and health "error", then tries to reach pcscd
again every half second, and reports the reader back when it returns. Commands go through a second context, so a
wait never blocks a command.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from smartcard import scard

from device.card import CardInfo, CardReader, CardRemoved, CardReadError, ReaderUnavailable

log = logging.getLogger("jobpoint.card")

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
#: How long one wait lasts before the thread looks at the reader list again (PnP usually wakes it sooner).
WAIT_MS = 1000
#: How often to try to reach pcscd again when it is not running.
RETRY_SECONDS = 0.5


def _code(hresult: int) -> int:
    return hresult & 0xFFFFFFFF


SUCCESS = 0
TIMEOUT = _code(scard.SCARD_E_TIMEOUT)
CANCELLED = _code(scard.SCARD_E_CANCELLED)
UNKNOWN_READER = _code(scard.SCARD_E_UNKNOWN_READER)
NO_READERS = _code(scard.SCARD_E_NO_READERS_AVAILABLE)
#: pcscd is gone (or went away and came back, so our context is dead).
SERVICE_GONE = {_code(c) for c in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED,
                                   scard.SCARD_E_INVALID_HANDLE, scard.SCARD_F_COMM_ERROR)}
#: The card went away during a command.
CARD_GONE = {_code(c) for c in (scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD,
                                scard.SCARD_W_RESET_CARD, scard.SCARD_W_UNPOWERED_CARD)}


class CardReaderPcsc(CardReader):
    """A PC/SC reader: the first one pcscd lists, or the first whose name contains ``reader``.

    :param reader: "auto", or part of the reader's name (``card.reader``) for a kiosk with several readers.
    :param dispatch: how event handlers are run (see ``CardReader``).
    """

    name = "pcsc"

    def __init__(self, *, reader: str = "auto", dispatch: Callable | None = None) -> None:
        super().__init__(dispatch=dispatch)
        self._wanted = "" if reader in ("", "auto") else reader
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._watch_context: int | None = None
        self._card_context: int | None = None
        self._card_handle: int | None = None
        self._protocol = scard.SCARD_PROTOCOL_T1

    # ----- life cycle

    def start(self) -> None:
        """Start the thread that follows readers and cards."""
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="card-reader-pcsc", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop the thread (waking it at once) and let go of the card; never raises."""
        self._stop.set()
        context = self._watch_context
        if context is not None:
            scard.SCardCancel(context)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        super().close()
        self._release_card_context()

    @property
    def running(self) -> bool:
        """True while the watching thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    # ----- the watching thread

    def _run(self) -> None:
        service_was_down = False
        while not self._stop.is_set():
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if _code(hresult) != SUCCESS:
                if not service_was_down:
                    self._lose_everything("the PC/SC service (pcscd) is not running")
                    service_was_down = True
                self._ready.set()
                self._stop.wait(RETRY_SECONDS)
                continue
            if service_was_down:
                log.info("card reader pcsc: the PC/SC service is back")
                service_was_down = False
            self._watch_context = context
            try:
                self._watch(context)
            except Exception as error:  # noqa: BLE001 - the thread must outlive any surprise from the library
                log.error("card reader pcsc: %s while watching the reader", type(error).__name__)
                self._stop.wait(RETRY_SECONDS)
            finally:
                self._watch_context = None
                scard.SCardReleaseContext(context)
            if not self._stop.is_set():
                self._lose_everything("lost the PC/SC service (pcscd)")
                service_was_down = True
        self._card_changed(None)
        self._reader_changed(None)

    def _lose_everything(self, detail: str) -> None:
        self._release_card_context()
        self._card_changed(None)
        self._reader_changed(None)
        self._health_changed("error", detail)

    def _watch(self, context: int) -> None:
        """Follow the reader and its card until pcscd goes away or ``close()``."""
        reader, reader_state, pnp_state = None, scard.SCARD_STATE_UNAWARE, scard.SCARD_STATE_UNAWARE
        while not self._stop.is_set():
            chosen = self._choose_reader(context)
            if chosen is _SERVICE_GONE:
                return
            if chosen != reader:
                reader, reader_state = chosen, scard.SCARD_STATE_UNAWARE
                self._reader_changed(reader)
                if reader is None:
                    self._health_changed("absent", "no card reader is connected")
                else:
                    self._health_changed("present", reader)
            states = [(PNP_NOTIFICATION, pnp_state)]
            if reader is not None:
                states.insert(0, (reader, reader_state))
            if reader is None:
                self._ready.set()  # nothing to wait for before health() means something
            hresult, new_states = scard.SCardGetStatusChange(context, WAIT_MS, states)
            code = _code(hresult)
            if code in (TIMEOUT, CANCELLED):
                self._ready.set()
                continue
            if code == UNKNOWN_READER:
                continue  # the reader went between listing and waiting: list again
            if code != SUCCESS:
                if code not in SERVICE_GONE:
                    log.warning("card reader pcsc: waiting for a change failed (%08X)", code)
                return
            for name, event_state, atr in new_states:
                if name == PNP_NOTIFICATION:
                    pnp_state = event_state & ~scard.SCARD_STATE_CHANGED
                elif name == reader:
                    self._reader_state_seen(reader, reader_state, event_state, atr)
                    reader_state = event_state & ~scard.SCARD_STATE_CHANGED
            self._ready.set()

    def _choose_reader(self, context: int):
        hresult, readers = scard.SCardListReaders(context, [])
        code = _code(hresult)
        if code in SERVICE_GONE:
            return _SERVICE_GONE
        if code != SUCCESS:
            readers = []  # includes SCARD_E_NO_READERS_AVAILABLE
        for name in readers:
            if self._wanted.lower() in name.lower():
                return name
        return None

    def _reader_state_seen(self, reader: str, old: int, new: int, atr: list[int]) -> None:
        if new & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_IGNORE):
            return  # it is going: the next listing will say so
        present = bool(new & scard.SCARD_STATE_PRESENT)
        # The upper 16 bits count card events, so a card swapped between two waits is still seen.
        swapped = (old >> 16) != (new >> 16) and present and bool(old & scard.SCARD_STATE_PRESENT)
        if swapped:
            self._card_changed(None)
        self._card_changed(CardInfo(reader, bytes(atr).hex().upper()) if present else None)

    # ----- the provider hooks (called under the base's I/O lock)

    def _connect(self) -> None:
        reader = self.reader_name
        if reader is None:
            raise ReaderUnavailable("no reader")
        if self._card_context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if _code(hresult) != SUCCESS:
                raise ReaderUnavailable(f"no PC/SC service ({_code(hresult):08X})")
            self._card_context = context
        # Exclusive: nothing else on the kiosk may use the card while its PIN is verified.
        hresult, handle, protocol = scard.SCardConnect(self._card_context, reader, scard.SCARD_SHARE_EXCLUSIVE,
                                                       scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        code = _code(hresult)
        if code != SUCCESS:
            if code in SERVICE_GONE:
                self._release_card_context()
                raise ReaderUnavailable(f"connect: {code:08X}")
            raise (CardRemoved if code in CARD_GONE else CardReadError)(f"connect: {code:08X}")
        self._card_handle, self._protocol = handle, protocol

    def _disconnect(self) -> None:
        handle, self._card_handle = self._card_handle, None
        if handle is not None:
            # Reset the card, so a verified PIN does not outlive this connection.
            scard.SCardDisconnect(handle, scard.SCARD_RESET_CARD)

    def _transmit_raw(self, apdu: bytes) -> bytes:
        if self._card_handle is None:
            raise CardRemoved("not connected")
        hresult, response = scard.SCardTransmit(self._card_handle, self._protocol, list(apdu))
        code = _code(hresult)
        if code != SUCCESS:
            if code in SERVICE_GONE:
                raise ReaderUnavailable(f"transmit: {code:08X}")
            raise (CardRemoved if code in CARD_GONE else CardReadError)(f"transmit: {code:08X}")
        return bytes(response)

    def _release_card_context(self) -> None:
        with self._io_lock:
            self._drop_connection()
            context, self._card_context = self._card_context, None
            if context is not None:
                scard.SCardReleaseContext(context)


_SERVICE_GONE = object()

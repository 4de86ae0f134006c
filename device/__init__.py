"""Hardware, each device behind one contract with its providers, chosen once at start-up.

    devices = open_devices(settings, dispatch=on_main_thread)   # kiosk/app.py, once
    devices.card.bind(on_card_inserted=...)                      # a CardReaderPcsc or CardReaderSimulated
    staff = devices.staff_cards()                                # staff-card events and verify_pin()
    for row in devices.describe(): print(row.device, row.provider, row.health, row.detail)
    devices.close()                                              # App.on_stop

So far: the card reader (``card``: ``card_pcsc``, ``card_simulated``), read-aloud (``speech``) and the printer
(``printer``, with the PDF-file printer ``printer_pdf_file``). Each kind of device lists its providers in order,
best first, the simulated one last; ``KIOSK_CARD=simulated`` (or ``pcsc,simulated``) overrides the order for one
run, as ``KIVY_CLIPBOARD`` does in Kivy. A provider whose module cannot be imported here (no pyscard, say) is
skipped. Ending up on the simulated provider is logged as a WARNING, and is an error when
``devices.simulated_fallback = "error"`` (production): a kiosk must not quietly run without its real reader.
Nothing here imports Kivy or ``screens/``.
"""

from __future__ import annotations

import importlib
import logging
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

log = logging.getLogger("jobpoint.device")


@dataclass(frozen=True)
class DeviceKind:
    """One kind of device and its providers: module ``device.<name>_<provider>``, class ``<base><Provider>``.

    :param name: e.g. "card"; the override is ``KIOSK_<NAME>``.
    :param base: the class-name prefix, e.g. "CardReader" (so "pcsc" is ``CardReaderPcsc``).
    :param providers: best first; the last is the simulated one.
    """

    name: str
    base: str
    providers: tuple[str, ...]
    simulated: str = "simulated"

    @property
    def env(self) -> str:
        """The environment variable that overrides the order, e.g. ``KIOSK_CARD``."""
        return f"KIOSK_{self.name.upper()}"

    def class_name(self, provider: str) -> str:
        """``CardReaderPcsc`` for "pcsc", ``PrinterPdfFile`` for "pdf_file"."""
        return self.base + "".join(part.capitalize() for part in provider.split("_"))


#: Every kind of device open_devices chooses a provider for. The printer and speech join here later.
KINDS: dict[str, DeviceKind] = {
    "card": DeviceKind("card", "CardReader", ("pcsc", "simulated")),
}


class DeviceSelectionError(Exception):
    """No provider may be used for a device; the message says which and why (for the log and the terminal)."""

    message_key = "device.unavailable"


def provider_order(kind: DeviceKind, environ: Mapping[str, str] | None = None) -> list[str]:
    """The providers to try, in order: ``KIOSK_<NAME>`` if set, else the kind's own list.

    :param kind: the device kind.
    :param environ: the environment (default ``os.environ``).
    :raises DeviceSelectionError: on a provider name that does not exist (so a typo never goes unnoticed).
    """
    environ = os.environ if environ is None else environ
    wanted = environ.get(kind.env, "").strip()
    if not wanted:
        return list(kind.providers)
    names = [name.strip() for name in wanted.split(",") if name.strip()]
    unknown = [name for name in names if name not in kind.providers]
    if unknown or not names:
        raise DeviceSelectionError(f"{kind.env}={wanted!r}: there is no {kind.name} provider called "
                                   f"{', '.join(unknown) or 'that'}; the choices are {', '.join(kind.providers)}.")
    return names


def choose_provider(kind: DeviceKind, *, environ: Mapping[str, str] | None = None,
                    simulated_fallback: str = "warn") -> tuple[str, type]:
    """Pick the first provider of a kind that can run here, and return its name and class.

    :param kind: the device kind, e.g. ``KINDS["card"]``.
    :param environ: the environment, for the ``KIOSK_<NAME>`` override (default ``os.environ``).
    :param simulated_fallback: "warn" logs a WARNING when the simulated provider is chosen; "error" raises.
    :raises DeviceSelectionError: when none can run, or only the simulated one and that is not allowed.
    """
    order = provider_order(kind, environ)
    skipped: list[str] = []
    for name in order:
        module_name = f"device.{kind.name}_{name}"
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:  # the provider's library is not installed here: try the next one
            reason = f"{name} cannot run here ({type(error).__name__}: {error.name or error})"
            log.info("%s: %s", kind.name, reason)
            skipped.append(reason)
            continue
        provider = getattr(module, kind.class_name(name))
        if name == kind.simulated:
            why = "; ".join(skipped) if skipped else f"{kind.env}={','.join(order)}"
            if simulated_fallback == "error":
                raise DeviceSelectionError(
                    f"The {kind.name} would be simulated ({why}), and devices.simulated_fallback is \"error\".")
            log.warning("%s: using the SIMULATED provider (%s)", kind.name, why)
        else:
            log.info("%s: using the %s provider", kind.name, name)
        return name, provider
    raise DeviceSelectionError(f"No {kind.name} provider can run here: {'; '.join(skipped)}.")


@dataclass(frozen=True)
class DeviceStatus:
    """One line of `kiosk devices` and of the heartbeat's device health."""

    device: str
    provider: str
    health: str
    detail: str


@dataclass
class Devices:
    """The devices open_devices chose, for the app to wire up and, at the end, close."""

    card: Any
    card_aid: bytes
    trusted_keys: list = field(default_factory=list)
    trust_detail: str = ""

    def staff_card_session(self):
        """A ``StaffCardSession`` for the card now in the reader."""
        from device.staff_card import StaffCardSession
        return StaffCardSession(self.card, aid=self.card_aid, trusted_keys=self.trusted_keys)

    def staff_cards(self):
        """A ``StaffCards`` that turns this reader's events into staff-card events (make one, keep it)."""
        from device.staff_cards import StaffCards
        return StaffCards(self.card, self.staff_card_session)

    def describe(self) -> list[DeviceStatus]:
        """Each device's provider and health, e.g. ``DeviceStatus("card", "pcsc", "present", "...")``."""
        card = self.card
        parts = [card.health_detail()]
        if card.reader_name and card.health() == "present":
            parts.append("a card is in it" if card.card else "no card in it")
        parts.append(self.trust_detail)
        return [DeviceStatus("card", card.name, card.health(), "; ".join(p for p in parts if p))]

    def close(self) -> None:
        """Close every device; never raises."""
        try:
            self.card.close()
        except Exception as error:  # noqa: BLE001 - closing must always finish
            log.error("card: close failed: %s", type(error).__name__)


def open_devices(settings: Mapping[str, Any], *, dispatch: Callable | None = None,
                 environ: Mapping[str, str] | None = None) -> Devices:
    """Choose and start every device's provider, once, from settings and the ``KIOSK_<NAME>`` overrides.

    :param settings: the kiosk settings (``kiosk.config.load_config``).
    :param dispatch: how device events reach the app, e.g. ``lambda f: Clock.schedule_once(lambda dt: f())``;
        the default calls handlers at once on the device's own thread.
    :param environ: the environment (default ``os.environ``).
    :raises DeviceSelectionError: if a device would be simulated and ``devices.simulated_fallback`` is "error".
    """
    policy = settings.get("devices.simulated_fallback", "warn")
    name, provider = choose_provider(KINDS["card"], environ=environ, simulated_fallback=policy)
    card = provider(reader=settings.get("card.reader", "auto"), dispatch=dispatch)
    keys, trust_detail = _trusted_keys(settings.get("card.trusted_key_file"))
    if name == KINDS["card"].simulated:
        log.warning("card: trusting the simulated reader's demo card issuer as well")
        trust_detail = (f"{trust_detail}, and the simulated reader's demo issuer" if keys
                        else "only the simulated reader's demo card issuer is trusted")
        keys = keys + card.demo_trusted_keys()
    card.start()
    from device.staff_card import DEFAULT_AID
    return Devices(card=card, card_aid=bytes.fromhex(settings.get("card.aid", DEFAULT_AID)), trusted_keys=keys,
                   trust_detail=trust_detail)


def _trusted_keys(path) -> tuple[list, str]:
    from device.staff_card import NoTrustedKey, load_trusted_keys
    if not path:
        return [], "no trusted card issuer key"
    try:
        keys = load_trusted_keys(path)
    except NoTrustedKey as error:
        log.error("card: %s: no staff card can be accepted", error)
        return [], f"trusted key file unusable: {error}"
    if not keys:
        log.warning("card: no trusted card issuer key in %s: no staff card can be accepted", path)
        return [], f"no trusted card issuer key ({path} missing or empty)"
    return keys, f"{len(keys)} trusted card issuer key{'s' if len(keys) > 1 else ''}"

"""Hardware, each device behind one contract with its providers, chosen once at start-up.

    devices = open_devices(settings, dispatch=on_main_thread)   # kiosk/cli/services.py, once
    devices.card.bind(on_card_inserted=...)                      # a CardReaderPcsc or CardReaderSimulated
    staff = devices.staff_cards()                                # staff-card events and verify_pin()
    devices.printer.print_pdf(pdf, "Cleaner")                    # a PrinterCups or PrinterPdfFile
    devices.speech.say("Croeso", "cy")                           # a SpeechEspeak or SpeechSilent
    for row in devices.describe(): print(row.device, row.provider, row.health, row.detail, row.problem)
    devices.health()                                             # {"card": "present", "printer": "ok", ...}
    # a device on its fallback provider (PDF files, silent, simulated card) reports "degraded" and why
    devices.close()                                              # App.on_stop

The devices: the card reader (``card``: ``card_pcsc``, ``card_simulated``), the printer (``printer``:
``printer_cups``, ``printer_pdf_file``) and read-aloud (``speech``: ``speech_espeak``, ``speech_silent``). Each
kind of device lists its providers in order, best first, the simulated one last; ``KIOSK_CARD=simulated`` (or
``pcsc,simulated``; likewise ``KIOSK_PRINTER``, ``KIOSK_SPEECH``) overrides the order for one run, as
``KIVY_CLIPBOARD`` does in Kivy. A provider that cannot run here is skipped, with the reason logged: its module
cannot be imported (no pyscard, say), or its ``can_run()`` says its system tool is missing (no ``lp``, no
``espeak-ng``). Ending up on the simulated provider is logged as a WARNING, and is an error when
``devices.simulated_fallback = "error"`` (production): a kiosk must not quietly run without its real devices.
With "warn" it runs, but never quietly: each device on its fallback provider reports the health "degraded", with
a plain reason, to `kiosk devices`, the staff screens and the heartbeat (so the fleet dashboard shows it).
Nothing here imports Kivy or ``screens/``.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

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


#: Every kind of device open_devices chooses a provider for.
KINDS: dict[str, DeviceKind] = {
    "card": DeviceKind("card", "CardReader", ("pcsc", "simulated")),
    "printer": DeviceKind("printer", "Printer", ("cups", "pdf_file"), simulated="pdf_file"),
    "speech": DeviceKind("speech", "Speech", ("espeak", "silent"), simulated="silent"),
}


#: Why a device on its fallback provider is "degraded", in plain English for staff and the dashboard.
FALLBACK_WORDS = {
    "card": "simulated card reader: real staff cards cannot be read",
    "printer": "no real printer: printouts are only saved as PDF files, nothing comes out on paper",
    "speech": "read-aloud is silent: nothing can be heard",
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
                    simulated_fallback: str = "warn", reasons: dict[str, str] | None = None) -> tuple[str, type[Any]]:
    """Pick the first provider of a kind that can run here, and return its name and class.

    :param kind: the device kind, e.g. ``KINDS["card"]``.
    :param environ: the environment, for the ``KIOSK_<NAME>`` override (default ``os.environ``).
    :param simulated_fallback: "warn" logs a WARNING when the simulated provider is chosen; "error" raises.
    :param reasons: if given, gets ``reasons[kind.name]``, why the simulated provider was chosen, when it is.
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
        runnable, reason = _can_run(provider)
        if not runnable:  # installed here but its system tool is not (no lp, no espeak-ng): try the next one
            reason = f"{name} cannot run here ({reason})"
            log.info("%s: %s", kind.name, reason)
            skipped.append(reason)
            continue
        if name == kind.simulated:
            why = "; ".join(skipped) if skipped else f"{kind.env}={','.join(order)}"
            if simulated_fallback == "error":
                raise DeviceSelectionError(
                    f"The {kind.name} would be simulated ({why}), and devices.simulated_fallback is \"error\".")
            log.warning("%s: using the SIMULATED provider (%s)", kind.name, why)
            if reasons is not None:
                reasons[kind.name] = why
        else:
            log.info("%s: using the %s provider", kind.name, name)
        return name, provider
    raise DeviceSelectionError(f"No {kind.name} provider can run here: {'; '.join(skipped)}.")


def _can_run(provider: type) -> tuple[bool, str]:
    """A provider's own ``can_run()`` answer; one without it can always run, one whose check fails cannot."""
    check = getattr(provider, "can_run", None)
    if check is None:
        return True, ""
    try:
        runnable, reason = check()
    except Exception as error:  # noqa: BLE001 - a broken check means "cannot run", never a crash at start-up
        return False, f"its check failed: {type(error).__name__}"
    return bool(runnable), reason


@dataclass(frozen=True)
class DeviceStatus:
    """One line of `kiosk devices` and of the heartbeat's device health."""

    device: str
    provider: str
    health: str
    detail: str
    #: What staff can fix, as a word the staff screens turn into a sentence ("jam", "no_key", ...), or "".
    problem: str = ""


@dataclass
class Devices:
    """The devices open_devices chose, for the app to wire up and, at the end, close."""

    card: Any
    card_aid: bytes
    trusted_keys: list = field(default_factory=list)
    trust_detail: str = ""
    printer: Any = None
    speech: Any = None
    #: Why each device on its fallback provider is on it ("cups cannot run here (no lp)"), from choose_provider.
    fallback_reasons: dict[str, str] = field(default_factory=dict)

    def staff_card_session(self):
        """A ``StaffCardSession`` for the card now in the reader."""
        from device.staff_card.session import StaffCardSession
        return StaffCardSession(self.card, aid=self.card_aid, trusted_keys=self.trusted_keys)

    def staff_cards(self):
        """A ``StaffCards`` that turns this reader's events into staff-card events (make one, keep it)."""
        from device.staff_card.events import StaffCards
        return StaffCards(self.card, self.staff_card_session)

    def describe(self) -> list[DeviceStatus]:
        """Each device's provider and health, e.g. ``DeviceStatus("card", "pcsc", "present", "...")``.

        The printer's health is its state ("ready", "busy", "paper_out", "offline", "error") and read-aloud's is
        "available" or "unavailable". A device on its fallback provider is "degraded" whatever its provider says,
        and its detail starts with why (``FALLBACK_WORDS``): a PDF-file printer is "ready" but prints nothing.
        """
        card = self.card
        parts = [card.health_detail()]
        if card.reader_name and card.health() == "present":
            parts.append("a card is in it" if card.card else "no card in it")
        parts.append(self.trust_detail)
        rows = [DeviceStatus("card", card.name, card.health(), "; ".join(p for p in parts if p),
                             "" if self.trusted_keys else "no_key")]
        if self.printer is not None:
            state = self.printer.status()
            rows.append(DeviceStatus("printer", self.printer.name, state, self.printer.status_detail(),
                                     self.printer.problem()))
        if self.speech is not None:
            rows.append(DeviceStatus("speech", self.speech.name, self.speech.health(), self.speech.detail(),
                                     self.speech.problem()))
        return [self._marked(row) for row in rows]

    def _marked(self, row: DeviceStatus) -> DeviceStatus:
        """``row`` as "degraded", with the reason first, when its provider is the fallback one."""
        kind = KINDS.get(row.device)
        if kind is None or row.provider != kind.simulated:
            return row
        why = self.fallback_reasons.get(row.device)
        reason = FALLBACK_WORDS[row.device] + (f" ({why})" if why else "")
        return DeviceStatus(row.device, row.provider, "degraded", "; ".join(p for p in (reason, row.detail) if p),
                            row.problem)

    def health(self) -> dict:
        """The devices' health for the heartbeat: small, JSON-able, and never anything about a person.

        For example ``{"card": "present", "printer": "paper_out", "speech": "available", "simulated": [],
        "providers": {"card": "pcsc", ...}, "details": {"printer": "queue kiosk: printing (media-empty-error)",
        ...}}``. Card: "present", "absent" or "error"; printer: "ok", "paper_out", "offline" or "error";
        speech: "available" or "unavailable"; any of them "degraded" when on its fallback provider.
        """
        report: dict = {"providers": {}, "details": {}, "simulated": []}
        for row in self.describe():
            kind = KINDS[row.device]
            if row.device == "printer":
                report["printer"] = "ok" if row.health in ("ready", "busy") else row.health
            else:
                report[row.device] = row.health
            report["providers"][row.device] = row.provider
            report["details"][row.device] = row.detail
            if row.provider == kind.simulated:
                report["simulated"].append(row.device)
        return report

    def close(self) -> None:
        """Close every device; never raises."""
        for name, device in (("card", self.card), ("speech", self.speech)):
            if device is None:
                continue
            try:
                device.close()
            except Exception as error:  # noqa: BLE001 - closing must always finish
                log.error("%s: close failed: %s", name, type(error).__name__)


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
    reasons: dict[str, str] = {}
    # Every provider is chosen before any is started, so a refusal leaves nothing running.
    name, provider = choose_provider(KINDS["card"], environ=environ, simulated_fallback=policy, reasons=reasons)
    _printer_name, printer_class = choose_provider(KINDS["printer"], environ=environ, simulated_fallback=policy,
                                                   reasons=reasons)
    _speech_name, speech_class = choose_provider(KINDS["speech"], environ=environ, simulated_fallback=policy,
                                                 reasons=reasons)
    printer = printer_class.from_settings(settings)
    speech = speech_class.from_settings(settings)
    if dispatch is not None:  # "finished saying it" reaches the app the way card events do
        speech.dispatch = dispatch
    card = provider(reader=settings.get("card.reader", "auto"), dispatch=dispatch)
    keys, trust_detail = _trusted_keys(settings.get("card.trusted_key_file"))
    if name == KINDS["card"].simulated:
        log.warning("card: trusting the simulated reader's demo card issuer as well")
        trust_detail = (f"{trust_detail}, and the simulated reader's demo issuer" if keys
                        else "only the simulated reader's demo card issuer is trusted")
        keys = keys + card.demo_trusted_keys()
    card.start()
    speech.check()  # so the first heartbeat already knows whether read-aloud can be heard
    from device.staff_card.session import DEFAULT_AID
    return Devices(card=card, card_aid=bytes.fromhex(settings.get("card.aid", DEFAULT_AID)), trusted_keys=keys,
                   trust_detail=trust_detail, printer=printer, speech=speech, fallback_reasons=reasons)


def _trusted_keys(path) -> tuple[list, str]:
    from device.staff_card.session import NoTrustedKey, load_trusted_keys
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

"""A device on its fallback provider is never shown as working (issue #17, point 7): with
``devices.simulated_fallback = "warn"`` a printer that writes PDF files used to say "ready", the heartbeat carried
"ready", and the print panel said "Collect it from the printer". The central side is in
tests/central/test_dashboard_page.py."""

import pytest

from device import KINDS, Devices, choose_provider, open_devices
from device.card_simulated import CardReaderSimulated
from device.printer import Printer
from kiosk.config import defaults
from kiosk.i18n import load_catalogues
from kiosk.services import print_outcome
from sync.heartbeat import device_rows

SIMULATED = {"KIOSK_CARD": "simulated", "KIOSK_PRINTER": "pdf_file", "KIOSK_SPEECH": "silent"}


@pytest.fixture
def simulated_devices(tmp_path):
    devices = open_devices(defaults() | {"kiosk.data_dir": tmp_path}, environ=SIMULATED)
    yield devices
    devices.close()


def test_every_fallback_device_reports_degraded_with_a_plain_reason(simulated_devices, tmp_path):
    rows = {row.device: row for row in simulated_devices.describe()}
    assert {device: row.health for device, row in rows.items()} == {
        "card": "degraded", "printer": "degraded", "speech": "degraded"}
    printer = rows["printer"].detail
    assert printer.startswith("no real printer: printouts are only saved as PDF files, nothing comes out on paper")
    # Why it fell back, and the provider's own detail, follow for IT staff.
    assert "(KIOSK_PRINTER=pdf_file)" in printer and str(tmp_path / "printed") in printer
    assert rows["speech"].detail.startswith("read-aloud is silent")
    assert rows["card"].detail.startswith("simulated card reader") and "demo card issuer" in rows["card"].detail
    health = simulated_devices.health()
    assert (health["card"], health["printer"], health["speech"]) == ("degraded", "degraded", "degraded")
    assert health["simulated"] == ["card", "printer", "speech"]


def test_the_heartbeat_carries_degraded(simulated_devices):
    rows = {row["device"]: row for row in device_rows(simulated_devices.describe)}
    assert rows["printer"]["health"] == "degraded" and rows["printer"]["provider"] == "pdf_file"
    assert rows["printer"]["detail"].startswith("no real printer")


def test_the_fallback_reason_names_what_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no lp, no lpstat: CUPS cannot run
    reasons: dict[str, str] = {}
    name, _provider = choose_provider(KINDS["printer"], environ={}, reasons=reasons)
    assert name == "pdf_file" and reasons["printer"].startswith("cups cannot run here")
    assert choose_provider(KINDS["speech"], environ={"KIOSK_SPEECH": "silent"}, reasons=reasons)[0] == "silent"
    assert reasons["speech"] == "KIOSK_SPEECH=silent"


class _ReadyPrinter(Printer):
    name = "cups"

    def _status(self) -> str:
        return "ready"


def test_a_real_provider_keeps_its_own_health(simulated_devices):
    devices = Devices(card=simulated_devices.card, card_aid=b"", printer=_ReadyPrinter())
    printer = next(row for row in devices.describe() if row.device == "printer")
    assert (printer.health, printer.detail) == ("ready", "")
    assert devices.health()["printer"] == "ok"
    assert isinstance(devices.card, CardReaderSimulated) and devices.health()["card"] == "degraded"


@pytest.mark.parametrize("error_key, on_paper, keys", [
    (None, True, ("print.done_heading", "print.done_body")),
    (None, False, ("print.no_paper_heading", "print.no_paper_body")),
    ("print.error_paper_out", True, ("print.failed_heading", "print.error_paper_out")),
    ("print.error", False, ("print.failed_heading", "print.error")),
])
def test_the_print_panel_promises_paper_only_from_a_real_printer(error_key, on_paper, keys):
    assert print_outcome(error_key, on_paper=on_paper) == keys


def test_the_pdf_file_printer_is_not_on_paper_and_the_words_say_what_to_do_instead(simulated_devices):
    assert simulated_devices.printer.on_paper is False and _ReadyPrinter.on_paper is True
    catalogues = load_catalogues()
    english = catalogues["en"]
    heading, body = print_outcome(None, on_paper=simulated_devices.printer.on_paper)
    assert english[heading] == "This screen cannot print on paper"
    assert "member of staff" in english[body] and "Send to my phone" in english[body]
    assert "Collect" not in english[heading] + english[body]
    for language in ("en", "cy"):  # the staff screens' sentence for the fallback printer, in both languages
        assert "maint.dev.printer_files" in catalogues[language].keys
        assert catalogues[language]["print.no_paper_body"] != ""

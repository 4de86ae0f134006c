"""The printer and read-aloud as device kinds: chosen like the card reader (best first, KIOSK_<NAME> overrides,
skipped with the reason when their system tool is missing), opened from settings, and reported by describe(),
health() and `kiosk devices`. The CUPS printer here runs against the tests' own cupsd (cups_rig.py)."""

import json
import logging

import pytest

from device import KINDS, DeviceSelectionError, choose_provider, open_devices
from device.printer_cups import PrinterCups
from device.printer_pdf_file import PrinterPdfFile
from device.speech_espeak import SpeechEspeak
from device.speech_silent import SpeechSilent
from kiosk.cli.main import main
from kiosk.config import defaults
from tests.device.cups_rig import running_cups, wait_for

PDF = b"%PDF-1.4\n% stand-in\n%%EOF\n"
SIMULATED = {"KIOSK_CARD": "simulated", "KIOSK_PRINTER": "pdf_file", "KIOSK_SPEECH": "silent"}


@pytest.fixture(scope="module")
def cups(tmp_path_factory):
    """This module's private cupsd with the queue "kiosk" (tests/device/cups_rig.py)."""
    yield from running_cups(tmp_path_factory)


@pytest.fixture
def no_system_tools(monkeypatch, tmp_path):
    """A machine with neither the CUPS tools nor espeak-ng on its PATH."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))


@pytest.fixture
def espeak():
    runnable, reason = SpeechEspeak.can_run()
    if not runnable:
        pytest.skip(f"no real espeak-ng here: {reason}")


def test_the_printer_and_speech_list_the_real_provider_first():
    assert KINDS["printer"].providers == ("cups", "pdf_file") and KINDS["printer"].simulated == "pdf_file"
    assert KINDS["speech"].providers == ("espeak", "silent") and KINDS["speech"].simulated == "silent"
    assert KINDS["printer"].env == "KIOSK_PRINTER" and KINDS["speech"].env == "KIOSK_SPEECH"


@pytest.mark.parametrize("kind, real, simulated, why", [
    ("printer", PrinterCups, PrinterPdfFile, "cups cannot run here (the CUPS tools are not installed"),
    ("speech", SpeechEspeak, SpeechSilent, "espeak cannot run here (espeak-ng is not installed"),
])
def test_a_provider_whose_system_tool_is_missing_is_skipped_with_the_reason(no_system_tools, caplog, kind, real,
                                                                           simulated, why):
    _name, provider = choose_provider(KINDS[kind], environ={})
    assert provider is simulated
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "SIMULATED" in warning.getMessage() and why in warning.getMessage()


@pytest.mark.parametrize("kind", ["printer", "speech"])
def test_production_refuses_a_simulated_printer_or_voice(no_system_tools, kind):
    with pytest.raises(DeviceSelectionError, match="simulated_fallback"):
        choose_provider(KINDS[kind], environ={}, simulated_fallback="error")


def test_production_refusal_leaves_no_device_running(no_system_tools):
    settings = defaults() | {"devices.simulated_fallback": "error"}
    with pytest.raises(DeviceSelectionError, match="printer would be simulated"):
        open_devices(settings, environ={"KIOSK_CARD": "pcsc"})


@pytest.mark.parametrize("environ, printer, speech", [
    ({"KIOSK_PRINTER": "pdf_file", "KIOSK_SPEECH": "silent"}, "pdf_file", "silent"),
    ({"KIOSK_PRINTER": "cups", "KIOSK_SPEECH": "espeak"}, "cups", "espeak"),
])
def test_the_overrides_pick_the_provider(environ, printer, speech):
    for kind, wanted in (("printer", printer), ("speech", speech)):
        name, provider = choose_provider(KINDS[kind], environ=environ)
        if name != wanted:  # only where the real one cannot run here
            pytest.skip(f"{wanted} cannot run here")
        assert provider.name == wanted


def test_a_misspelt_printer_provider_names_the_choices():
    with pytest.raises(DeviceSelectionError, match="cups, pdf_file"):
        choose_provider(KINDS["printer"], environ={"KIOSK_PRINTER": "cup"})


def test_the_simulated_devices_are_opened_from_settings_and_reported(tmp_path):
    settings = defaults() | {"kiosk.data_dir": tmp_path, "speech.volume": 30}
    devices = open_devices(settings, environ=SIMULATED)
    try:
        assert isinstance(devices.printer, PrinterPdfFile) and devices.printer.folder == tmp_path / "printed"
        assert isinstance(devices.speech, SpeechSilent) and devices.speech.volume == 30
        rows = {row.device: row for row in devices.describe()}
        assert list(rows) == ["card", "printer", "speech"]
        # Each runs on its fallback, so none says it works (tests/device/test_fallback_visible.py).
        assert (rows["printer"].provider, rows["printer"].health) == ("pdf_file", "degraded")
        assert (rows["speech"].provider, rows["speech"].health) == ("silent", "degraded")
        health = devices.health()
        assert json.loads(json.dumps(health)) == health
        assert (health["card"], health["printer"], health["speech"]) == ("degraded", "degraded", "degraded")
        assert health["simulated"] == ["card", "printer", "speech"]
    finally:
        devices.close()


def test_printer_folder_moves_the_pdf_file_printer(tmp_path):
    devices = open_devices(defaults() | {"printer.folder": tmp_path / "out"}, environ=SIMULATED)
    try:
        devices.printer.print_pdf(PDF, "Cleaner")
        assert len(list((tmp_path / "out").glob("job-*.pdf"))) == 1
    finally:
        devices.close()


def test_the_real_printer_and_voice_are_opened_from_settings_and_their_health_reported(cups, espeak, tmp_path,
                                                                                     monkeypatch):
    cups.reset()
    monkeypatch.setenv("CUPS_SERVER", cups.socket)
    settings = defaults() | {"printer.queue": "kiosk", "speech.output": tmp_path / "said", "speech.rate": 120,
                             "devices.simulated_fallback": "warn"}
    devices = open_devices(settings, environ={"KIOSK_CARD": "simulated"})
    try:
        assert isinstance(devices.printer, PrinterCups) and devices.printer.queue == "kiosk"
        assert isinstance(devices.speech, SpeechEspeak) and devices.speech.rate == 120
        health = devices.health()
        assert (health["printer"], health["speech"]) == ("ok", "available")
        assert health["providers"] == {"card": "simulated", "printer": "cups", "speech": "espeak"}
        assert health["simulated"] == ["card"] and health["details"]["printer"] == "queue kiosk: idle"
        cups.paper_out(True)
        devices.printer.print_pdf(PDF, "Cleaner")
        assert wait_for(lambda: devices.health()["printer"] == "paper_out")
        assert "media-empty-error" in devices.health()["details"]["printer"]
        cups.run("cupsdisable", "kiosk")
        assert devices.health()["printer"] == "offline"
    finally:
        devices.close()
        cups.reset()


def test_kiosk_devices_shows_all_three(cups, espeak, tmp_path, monkeypatch, capsys):
    cups.reset()
    monkeypatch.setenv("CUPS_SERVER", cups.socket)
    monkeypatch.setenv("KIOSK_CARD", "simulated")
    for name in ("KIOSK_PRINTER", "KIOSK_SPEECH"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[printer]\nqueue = "kiosk"\n[speech]\noutput = "{tmp_path / "said"}"\n')
    assert main(["devices", "--config", str(config)]) == 0
    lines = {line.split()[0]: line.split(None, 3) for line in capsys.readouterr().out.splitlines()}
    assert lines["card"][:3] == ["card", "simulated", "degraded"]
    assert lines["printer"] == ["printer", "cups", "ready", "queue kiosk: idle"]
    assert lines["speech"][:3] == ["speech", "espeak", "available"] and "en-gb and cy voices" in lines["speech"][3]

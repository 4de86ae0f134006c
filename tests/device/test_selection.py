"""Choosing providers: the ordered list, the KIOSK_<DEVICE> override, a visible fallback, and production's refusal.

Like Kivy's test that fails when the dummy clipboard was chosen, these make sure a kiosk can never end up on a
simulated device without saying so.
"""

import logging
import sys

import pytest

from device import KINDS, DeviceKind, DeviceSelectionError, choose_provider, open_devices, provider_order
from device.card_simulated import CardReaderSimulated
from kiosk.cli.main import main
from kiosk.config import ConfigError, defaults, parse_values

CARD = KINDS["card"]


@pytest.fixture
def no_pyscard(monkeypatch):
    """A machine without pyscard: importing the PC/SC provider fails."""
    monkeypatch.setitem(sys.modules, "device.card_pcsc", None)


def test_the_default_order_is_the_real_reader_first_then_the_simulated_one():
    assert provider_order(CARD, {}) == ["pcsc", "simulated"]
    assert CARD.class_name("pcsc") == "CardReaderPcsc"
    assert DeviceKind("printer", "Printer", ("cups", "pdf_file")).class_name("pdf_file") == "PrinterPdfFile"


def test_the_override_picks_the_provider(caplog):
    name, provider = choose_provider(CARD, environ={"KIOSK_CARD": "simulated"})
    assert (name, provider) == ("simulated", CardReaderSimulated)
    assert "SIMULATED" in caplog.text and "KIOSK_CARD=simulated" in caplog.text


def test_a_provider_that_cannot_be_imported_falls_back_with_a_warning(no_pyscard, caplog):
    name, _provider = choose_provider(CARD, environ={})
    assert name == "simulated"
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "SIMULATED" in warning.getMessage() and "pcsc cannot run here" in warning.getMessage()


@pytest.mark.parametrize("environ", [{}, {"KIOSK_CARD": "simulated"}], ids=["fallback", "override"])
def test_production_config_makes_a_simulated_reader_an_error(no_pyscard, environ):
    with pytest.raises(DeviceSelectionError, match="simulated_fallback"):
        choose_provider(CARD, environ=environ, simulated_fallback="error")


def test_only_a_real_provider_and_it_cannot_run_is_an_error(no_pyscard):
    with pytest.raises(DeviceSelectionError, match="No card provider can run here"):
        choose_provider(CARD, environ={"KIOSK_CARD": "pcsc"})


def test_a_misspelt_provider_is_an_error_not_a_silent_fallback():
    with pytest.raises(DeviceSelectionError, match="pcsc, simulated"):
        provider_order(CARD, {"KIOSK_CARD": "pcsd"})


def test_the_real_reader_is_chosen_where_pyscard_is_installed():
    pytest.importorskip("smartcard")
    assert choose_provider(CARD, environ={})[0] == "pcsc"


def test_open_devices_wires_the_settings_and_trusts_the_key_file(issuers):
    settings = defaults() | {"card.trusted_key_file": issuers[0].public_file, "card.reader": "Counter reader"}
    devices = open_devices(settings, environ={"KIOSK_CARD": "simulated"})
    try:
        assert devices.card.reader_name == "Counter reader"
        assert len(devices.trusted_keys) == 2  # the file's, and the simulated reader's demo issuer
        staff = devices.staff_cards()
        seen = []
        staff.bind(on_staff_card_ready=seen.append)
        devices.card.insert_demo_card("maintenance")
        assert staff.verify_pin("1234").ok and seen[0].roles == ("maintenance",)
        row = devices.describe()[0]
        assert (row.device, row.provider, row.health) == ("card", "simulated", "degraded")
        assert "a card is in it" in row.detail and "1 trusted card issuer key" in row.detail
    finally:
        devices.close()


def test_kiosk_devices_prints_each_device_its_provider_and_health(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("KIOSK_CARD", "simulated")
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[card]\ntrusted_key_file = "{tmp_path / "none.pub"}"\n')
    assert main(["devices", "--config", str(config)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("card ")]
    assert lines and lines[0].split()[:3] == ["card", "simulated", "degraded"]


def test_kiosk_devices_fails_when_production_forbids_the_simulated_reader(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("KIOSK_CARD", "simulated")
    config = tmp_path / "kiosk.toml"
    config.write_text('[devices]\nsimulated_fallback = "error"\n')
    assert main(["devices", "--config", str(config)]) == 1
    assert "simulated_fallback" in capsys.readouterr().err


@pytest.mark.parametrize("raw", [{"card": {"aid": "F04A"}}, {"card": {"aid": "not hex at all"}},
                                 {"devices": {"simulated_fallback": "maybe"}}])
def test_bad_device_settings_are_named(raw):
    with pytest.raises(ConfigError, match=next(iter(raw)) + r"\."):
        parse_values(raw)


@pytest.mark.pcsc
def test_kiosk_devices_reports_the_real_reader(pcsc_stack, monkeypatch, capsys, tmp_path):
    for name in ("KIOSK_CARD", "KIOSK_PRINTER", "KIOSK_SPEECH"):  # production: every real provider, none simulated
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "kiosk.toml"
    config.write_text('[card]\nreader = "Virtual PCD 00 00"\n[devices]\nsimulated_fallback = "error"\n')
    assert main(["devices", "--config", str(config)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("card "))
    assert line.split()[:3] == ["card", "pcsc", "present"] and "Virtual PCD 00 00" in line

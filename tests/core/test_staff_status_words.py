"""The staff screens' sentences about devices, sync and the log (kiosk/staff/status_words.py), without a window."""

import logging

import pytest

from device import DeviceStatus, open_devices
from kiosk.config import defaults
from kiosk.i18n import load_catalogues
from kiosk.log_summary import LogSummary
from kiosk.staff import status_words
from sync.background import SyncStatus

CATALOGUES = load_catalogues()


def every_key() -> set[str]:
    keys = {*status_words.HEALTH_KEYS.values(), *status_words.PROBLEM_KEYS.values(),
            *status_words.EXTRA_KEYS.values(), *status_words.UNKNOWN_KEYS.values(), *status_words.SYNC_KEYS.values()}
    keys |= {f"maint.level.{level}" for level in ("warning", "error")}
    keys |= {f"maint.area.{area}" for _prefix, area in status_words.LOG_AREAS} | {"maint.area.app"}
    return keys


@pytest.mark.parametrize("key", sorted(every_key()))
def test_every_sentence_is_in_english_and_in_welsh(key):
    english, welsh = CATALOGUES["en"], CATALOGUES["cy"]
    assert key in english.keys and key in welsh.keys
    assert welsh[key] != english[key], "the Welsh is a translation, not the English again"


def test_simulated_devices_say_what_to_do_with_no_provider_name_or_path(tmp_path):
    environ = {"KIOSK_CARD": "simulated", "KIOSK_PRINTER": "pdf_file", "KIOSK_SPEECH": "silent"}
    devices = open_devices(defaults() | {"kiosk.data_dir": tmp_path}, environ=environ)
    try:
        rows = devices.describe()
        assert str(tmp_path) in " ".join(row.detail for row in rows), "the detail keeps the path, for the log"
        lines = status_words.device_lines(CATALOGUES["en"], rows)
    finally:
        devices.close()
    assert lines == [
        "No card reader found: a practice reader stands in, so real staff cards will not work. Check the card "
        "reader is plugged in.",
        "Printing to files: no printer found. Nothing comes out on paper. Check the printer is plugged in and set up.",
        "Read-aloud not available: no speech engine. Ask IT to install it."]


@pytest.mark.parametrize("row, key", [
    (DeviceStatus("printer", "cups", "paper_out", "queue kiosk: printing (media-empty-error)"),
     "maint.dev.printer_paper_out"),
    (DeviceStatus("printer", "cups", "error", "queue kiosk: printing (door-open-error)", "cover_open"),
     "maint.dev.printer_cover_open"),
    (DeviceStatus("printer", "cups", "weird", ""), "maint.dev.printer_error"),
    (DeviceStatus("speech", "espeak", "unavailable", "no audio device to play to", "no_audio"),
     "maint.dev.speech_no_audio"),
    (DeviceStatus("card", "pcsc", "absent", "no card reader is connected"), "maint.dev.card_absent"),
])
def test_each_state_has_its_own_sentence(row, key):
    assert status_words.device_message_keys([row]) == [key]


def test_a_working_device_with_a_problem_gets_a_second_line():
    rows = [DeviceStatus("card", "pcsc", "present", "ACS ACR39U", "no_key"),
            DeviceStatus("printer", "cups", "ready", "queue kiosk: idle", "keeps_jobs")]
    assert status_words.device_message_keys(rows) == [
        "maint.dev.card_ok", "maint.dev.card_no_key", "maint.dev.printer_ready", "maint.dev.printer_keeps_jobs"]


def test_the_log_lines_say_when_how_bad_and_where_in_welsh_and_keep_the_message_out():
    summary = LogSummary()
    logger = logging.getLogger("jobpoint.printer.test")
    logger.addHandler(summary)
    try:
        logger.warning("queue kiosk: stopped (paused)")
        logging.getLogger("sync.client.test").addHandler(summary)
        logging.getLogger("sync.client.test").error("HTTP 503 from https://central.example/api")
    finally:
        logger.removeHandler(summary)
        logging.getLogger("sync.client.test").removeHandler(summary)
    lines = status_words.log_lines(CATALOGUES["cy"], summary)
    assert lines[0] == "Ers i'r ciosg ddechrau: 1 rhybudd, 1 gwall."
    assert lines[1].endswith(" Rhybudd: argraffydd") and lines[2].endswith(" Gwall: swyddi a diweddariadau")
    assert lines[3] == CATALOGUES["cy"]["maint.log_where"]
    assert not any("queue" in line or "http" in line for line in lines)


def test_the_sync_line_uses_the_failures_message_key_not_the_clients_english():
    status = SyncStatus(state="failed", last_sync_at=None, error_key="sync.mismatch", error="cursor 12 != 14")
    line = status_words.sync_line(CATALOGUES["cy"], status)
    assert line == CATALOGUES["cy"]["maint.jobs_never"] + " " + CATALOGUES["cy"]["sync.mismatch"]
    assert status_words.sync_line(CATALOGUES["en"], None) == CATALOGUES["en"]["maint.not_enrolled"]

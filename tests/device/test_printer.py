"""The printer contract, checked against every provider (the PDF-file printer, and CUPS on a real cupsd of the
tests' own where CUPS is installed) and a failing one. CUPS's own behaviour is in test_printer_cups.py."""

import logging

import pytest

from device.printer import Printer, PrinterError
from device.printer_cups import PrinterCups
from device.printer_pdf_file import PrinterPdfFile
from tests.device.cups_rig import running_cups

PDF = b"%PDF-1.3\n% a tiny stand-in document\n%%EOF\n"


@pytest.fixture(scope="module")
def cups(tmp_path_factory):
    """This module's private cupsd with the queue "kiosk" (tests/device/cups_rig.py)."""
    yield from running_cups(tmp_path_factory)


@pytest.fixture(params=["pdf_file", "cups"])
def printer(request, tmp_path):
    """Every provider. The CUPS test printer is kept busy, so jobs wait in the queue to be taken back."""
    if request.param == "pdf_file":
        yield PrinterPdfFile(tmp_path / "printed")
        return
    rig = request.getfixturevalue("cups")
    rig.reset()
    rig.hold(True)
    yield PrinterCups("kiosk", server=rig.socket)
    rig.reset()


def test_a_printed_job_has_an_id_and_the_printer_is_ready(printer):
    assert printer.status() == "ready" and printer.health() == "ok"
    first, second = printer.print_pdf(PDF, "Cleaner"), printer.print_pdf(PDF, "Cleaner")
    assert first and second and first != second
    assert printer.status() in ("ready", "busy") and printer.health() == "ok"
    assert printer.status_detail()


def test_only_pdfs_are_printed(printer):
    with pytest.raises(PrinterError) as error:
        printer.print_pdf(b"hello", "Cleaner")
    assert error.value.message_key == "print.error"


def test_cancel_all_takes_back_everything_printed_this_session(printer):
    printer.print_pdf(PDF, "Cleaner")
    printer.print_pdf(PDF, "Driver")
    assert printer.cancel_all() == 2
    assert printer.cancel_all() == 0


def test_the_pdf_file_printer_writes_whole_files_named_by_job_not_title(tmp_path):
    printer = PrinterPdfFile(tmp_path / "printed")
    job = printer.print_pdf(PDF, "Gweithiwr gofal")
    (path,) = (tmp_path / "printed").iterdir()
    assert path.name == f"{job}.pdf" and path.read_bytes() == PDF
    printer.cancel_all()
    assert list((tmp_path / "printed").iterdir()) == []


def test_the_pdf_file_printer_leaves_other_files_alone(tmp_path):
    folder = tmp_path / "printed"
    folder.mkdir()
    (folder / "yesterday.pdf").write_bytes(PDF)
    printer = PrinterPdfFile(folder)
    printer.print_pdf(PDF, "Cleaner")
    printer.cancel_all()
    assert [p.name for p in folder.iterdir()] == ["yesterday.pdf"]


class Broken(Printer):
    """A provider whose every hook fails, as a jammed or unplugged printer's driver might."""

    name = "broken"

    def __init__(self, state="ready"):
        self.state = state

    def _status(self):
        if self.state == "raise":
            raise OSError("usb gone")
        return self.state

    def _submit(self, pdf_bytes, title):
        raise OSError("Cleaner at Acme")  # a provider's message might hold the title: it must not be logged

    def _cancel_all(self):
        raise OSError("usb gone")


@pytest.mark.parametrize("state, key", [("paper_out", "print.error_paper_out"), ("offline", "print.error_offline"),
                                        ("error", "print.error"), ("raise", "print.error_offline"),
                                        ("on fire", "print.error_offline"), ("ready", "print.error")])
def test_failures_become_a_printer_error_with_a_message_key(state, key, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(PrinterError) as error:
        Broken(state).print_pdf(PDF, "Cleaner at Acme")
    assert error.value.message_key == key
    assert "Cleaner" not in caplog.text and "Acme" not in caplog.text


@pytest.mark.parametrize("state, health", [("ready", "ok"), ("busy", "ok"), ("paper_out", "paper_out"),
                                           ("error", "error"), ("raise", "offline")])
def test_the_heartbeat_health_is_ok_or_what_is_wrong(state, health):
    assert Broken(state).health() == health


def test_cancel_all_never_raises_so_the_wipe_always_finishes(caplog):
    assert Broken().cancel_all() == 0
    assert "could not cancel" in caplog.text


def test_an_unwritable_folder_means_the_printer_is_offline(tmp_path):
    blocker = tmp_path / "printed"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(PrinterError) as error:
        PrinterPdfFile(blocker).print_pdf(PDF, "Cleaner")
    assert error.value.message_key == "print.error_offline"


def test_printouts_left_by_a_crashed_run_are_removed_at_start(tmp_path):
    from device.printer_pdf_file import PrinterPdfFile
    earlier = PrinterPdfFile(tmp_path)
    earlier.print_pdf(b"%PDF-1.4 someone's results", "Results")
    leftover = earlier.files[0]
    (tmp_path / "job-0002-abcd.part").write_bytes(b"half")
    (tmp_path / "notes.txt").write_text("not ours")
    assert leftover.exists()  # the earlier run died before its wipe
    PrinterPdfFile(tmp_path)
    assert not leftover.exists() and not (tmp_path / "job-0002-abcd.part").exists()
    assert (tmp_path / "notes.txt").exists(), "only the printer's own files are removed"

"""The CUPS printer against a real cupsd of the tests' own (tests/device/cups_rig.py), with a test printer that
writes each job to a folder and can run out of paper, jam, or be slow.

Skipped, with the reason, where cupsd and the CUPS tools are not installed (Debian: cups-daemon, cups-client).
"""

import logging
import subprocess

import pytest
from fpdf import FPDF

from device.printer import PrinterError
from device.printer_cups import PrinterCups, classify
from tests.device.cups_rig import running_cups, unstarted_cups, wait_for

TITLE = "Gweithiwr gofal at Acme"  # a job title a person chose: it must never reach CUPS or a log


@pytest.fixture(scope="module")
def cups(tmp_path_factory):
    """This module's private cupsd with the queue "kiosk" (tests/device/cups_rig.py)."""
    yield from running_cups(tmp_path_factory)


@pytest.fixture
def fresh_cups(tmp_path):
    """A private cupsd of this test's own, not started, with no queue."""
    yield from unstarted_cups(tmp_path)


def make_pdf(text: str) -> bytes:
    """A real one-page PDF holding ``text``, with the shipped font so Welsh letters survive."""
    from kiosk.assets import ASSETS
    pdf = FPDF(format="A4")
    pdf.add_font("NotoSans", "", str(ASSETS / "fonts" / "NotoSans-Regular.ttf"))
    pdf.set_font("NotoSans", size=14)
    pdf.add_page()
    pdf.cell(text=text)
    return bytes(pdf.output())


@pytest.fixture
def printer(cups):
    """A CUPS printer on the rig's "kiosk" queue, which is working and empty."""
    cups.reset()
    yield PrinterCups("kiosk", server=cups.socket)
    cups.reset()


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_printed_pdf_reaches_the_printer_as_the_same_real_pdf(printer, cups):
    document = make_pdf("Gweithiwr gofal – Caerdydd, £12.60 yr awr, ŵ ŷ")
    job = printer.print_pdf(document, TITLE)
    assert job.startswith("kiosk-") and printer.jobs == [job]
    assert wait_for(lambda: cups.printed()), cups.log_tail()
    (printed,) = cups.printed()
    assert printed.read_bytes() == document
    assert "Gweithiwr gofal – Caerdydd, £12.60 yr awr, ŵ ŷ" in pdftotext(printed)
    assert printer.status() == "ready"


def test_the_default_queue_is_used_when_no_queue_is_set(cups):
    cups.reset()
    job = PrinterCups("", server=cups.socket).print_pdf(make_pdf("default"), TITLE)
    assert job.startswith("kiosk-")
    assert wait_for(lambda: cups.printed())
    assert "default" in pdftotext(cups.printed()[0])


def test_the_job_title_never_reaches_cups_or_the_log(printer, cups, caplog):
    caplog.set_level(logging.DEBUG)
    printer.print_pdf(make_pdf("anything"), TITLE)
    assert wait_for(lambda: cups.printed())
    cups_logs = "".join(path.read_text(errors="replace") for path in (cups.folder / "log").iterdir())
    assert "Jobpoint" in cups_logs, "the job is in cupsd's log, under the fixed name"
    for word in ("Gweithiwr", "Acme"):
        assert word not in cups_logs and word not in caplog.text


def test_anything_but_a_pdf_is_refused_and_nothing_is_queued(printer, cups):
    with pytest.raises(PrinterError) as error:
        printer.print_pdf(b"Dear employer, I am writing to apply", TITLE)
    assert error.value.message_key == "print.error"
    assert printer.jobs == [] and cups.queued("kiosk") == []


def test_out_of_paper_is_paper_out_and_refuses_the_next_job(printer, cups):
    cups.paper_out(True)
    printer.print_pdf(make_pdf("first"), TITLE)  # the printer only finds the tray empty when it tries
    assert wait_for(lambda: printer.status() == "paper_out"), printer.status_detail()
    assert "media-empty-error" in printer.status_detail()
    with pytest.raises(PrinterError) as error:
        printer.print_pdf(make_pdf("second"), TITLE)
    assert error.value.message_key == "print.error_paper_out"
    cups.paper_out(False)  # paper in: the waiting job prints, and the printer is ready again
    assert wait_for(lambda: cups.printed() and printer.status() == "ready"), printer.status_detail()
    assert len(cups.printed()) == 1 and "first" in pdftotext(cups.printed()[0])


def test_paper_out_left_by_a_job_the_wipe_cancelled_does_not_block_the_next_person(printer, cups):
    cups.paper_out(True)
    printer.print_pdf(make_pdf("walked away"), TITLE)
    assert wait_for(lambda: printer.status() == "paper_out")
    assert printer.cancel_all() == 1
    cups.paper_out(False)  # staff refill the tray
    assert printer.status() == "ready", printer.status_detail()
    assert "last reported: media-empty-error" in printer.status_detail()
    printer.print_pdf(make_pdf("next person"), TITLE)
    assert wait_for(lambda: cups.printed())
    assert "next person" in pdftotext(cups.printed()[0])


def test_a_jam_is_an_error_with_the_general_message(printer, cups):
    cups.fault("media-jam-error")
    printer.print_pdf(make_pdf("first"), TITLE)
    assert wait_for(lambda: printer.status() == "error"), printer.status_detail()
    with pytest.raises(PrinterError) as error:
        printer.print_pdf(make_pdf("second"), TITLE)
    assert error.value.message_key == "print.error"
    # Staff are told what to do about it, in words; the IPP keyword stays in the detail, for the log.
    from device import DeviceStatus
    from kiosk.i18n import load_catalogues
    from kiosk.staff.status_words import device_lines
    row = DeviceStatus("printer", printer.name, printer.status(), printer.status_detail(), printer.problem())
    assert printer.problem() == "jam" and "media-jam" in row.detail
    assert device_lines(load_catalogues()["en"], [row]) == [
        "Paper is stuck in the printer. Open it and take the paper out gently."]


def test_a_printer_still_printing_is_busy_and_takes_more_jobs(printer, cups):
    cups.hold(True)
    printer.print_pdf(make_pdf("first"), TITLE)
    assert wait_for(lambda: printer.status() == "busy"), printer.status_detail()
    printer.print_pdf(make_pdf("second"), TITLE)
    assert len(cups.queued("kiosk")) == 2
    cups.hold(False)
    assert wait_for(lambda: len(cups.printed()) == 2)


@pytest.mark.parametrize("how", ["cupsdisable", "cupsreject"])
def test_a_stopped_or_rejecting_queue_is_offline(printer, cups, how):
    cups.run(how, "kiosk")
    assert printer.status() == "offline"
    assert ("stopped" if how == "cupsdisable" else "not accepting jobs") in printer.status_detail()
    with pytest.raises(PrinterError) as error:
        printer.print_pdf(make_pdf("x"), TITLE)
    assert error.value.message_key == "print.error_offline"
    assert cups.queued("kiosk") == []


def test_a_queue_that_does_not_exist_is_offline_and_says_so(cups):
    printer = PrinterCups("no-such-queue", server=cups.socket)
    assert printer.status() == "offline"
    assert "no queue called 'no-such-queue'" in printer.status_detail()
    with pytest.raises(PrinterError) as error:
        printer.print_pdf(make_pdf("x"), TITLE)
    assert error.value.message_key == "print.error_offline"


def test_cancel_all_takes_back_this_sessions_jobs_and_only_those(printer, cups):
    cups.hold(True)  # a slow printer: the jobs wait in the queue
    mine = [printer.print_pdf(make_pdf(f"mine {n}"), TITLE) for n in range(3)]
    theirs = cups.submit("kiosk", make_pdf("another program's job"))
    assert wait_for(lambda: len(cups.queued("kiosk")) == 4)
    assert printer.cancel_all() == 3
    assert cups.queued("kiosk") == [theirs] and printer.jobs == []
    assert len(cups.spooled_documents()) == 1, "the cancelled jobs' documents left the spool"
    assert not set(mine) & set(cups.queued("kiosk"))
    cups.hold(False)
    assert wait_for(lambda: cups.printed())
    assert [pdftotext(path).strip() for path in cups.printed()] == ["another program's job"]
    assert printer.cancel_all() == 0


def test_cancel_all_after_the_jobs_printed_cancels_nothing_and_does_not_fail(printer, cups):
    printer.print_pdf(make_pdf("done"), TITLE)
    assert wait_for(lambda: cups.printed())
    assert printer.cancel_all() == 0 and printer.jobs == []


def test_with_the_kiosk_cups_settings_nothing_printed_stays_in_the_spool(printer, cups):
    cups.hold(True)
    printer.print_pdf(make_pdf("Fy CV"), TITLE)
    assert len(cups.spooled_documents()) == 1, "a waiting job's document is in the spool"
    cups.hold(False)
    assert wait_for(lambda: cups.printed() and not cups.queued("kiosk"))
    assert cups.spooled_documents() == [], "PreserveJobFiles No: gone once printed"


def test_a_cups_that_keeps_printed_documents_is_reported_at_the_wipe(tmp_path, caplog):
    from tests.device.cups_rig import CupsRig, cups_missing
    if cups_missing():
        pytest.skip(f"no real CUPS here: {cups_missing()}")
    rig = CupsRig(tmp_path / "cups", keep_jobs=True)  # CUPS's own defaults: history and documents kept a day
    try:
        rig.start()
        rig.add_queue("kiosk")
        printer = PrinterCups("kiosk", server=rig.socket)
        document = make_pdf("Fy CV")
        job = printer.print_pdf(document, TITLE)
        assert wait_for(lambda: rig.printed() and job in rig.run("lpstat", "-W", "completed", "-o").stdout)
        (kept,) = rig.spooled_documents()
        assert kept.read_bytes() == document, "CUPS keeps a copy of what was printed"
        assert printer.cancel_all() == 0, "nothing was waiting"
        assert "set PreserveJobFiles No and PreserveJobHistory No" in caplog.text
        assert "PreserveJobFiles No" in printer.status_detail()
    finally:
        rig.stop()


def test_with_cupsd_stopped_the_printer_is_offline_and_the_wipe_still_finishes(fresh_cups):
    rig = fresh_cups
    rig.start()
    rig.add_queue("kiosk")
    printer = PrinterCups("kiosk", server=rig.socket)
    rig.hold(True)
    waiting = printer.print_pdf(make_pdf("left behind"), TITLE)
    rig.stop()
    assert printer.status() == "offline"
    assert printer.status_detail() == "the CUPS scheduler (cupsd) is not running"
    with pytest.raises(PrinterError) as error:
        printer.print_pdf(make_pdf("x"), TITLE)
    assert error.value.message_key == "print.error_offline"
    assert printer.cancel_all() == 0, "nothing could be cancelled, and nothing was raised"
    # The job is still in CUPS's spool and would print when cupsd is back: the next wipe takes it back.
    rig.start()
    assert rig.queued("kiosk") == [waiting] and printer.jobs == [waiting]
    assert printer.cancel_all() == 1
    assert rig.queued("kiosk") == []


def test_with_no_default_printer_in_cups_the_printer_is_offline_and_says_why(fresh_cups):
    fresh_cups.start()
    printer = PrinterCups("", server=fresh_cups.socket)
    assert printer.status() == "offline"
    assert "no default printer" in printer.status_detail()
    with pytest.raises(PrinterError) as error:
        printer.print_pdf(make_pdf("x"), TITLE)
    assert error.value.message_key == "print.error_offline"


@pytest.mark.parametrize("state, reasons, accepting, expected", [
    (3, [], True, "ready"),
    (4, ["connecting-to-device"], True, "busy"),
    (3, ["toner-low-warning", "cups-waiting-for-job-completed"], True, "ready"),
    (4, ["media-empty-error"], True, "paper_out"),
    (4, ["media-needed"], True, "paper_out"),
    (4, ["media-empty-report"], True, "busy"),
    (4, ["offline-report"], True, "offline"),
    (5, ["paused"], True, "offline"),
    (5, ["media-empty-error"], True, "offline"),
    (3, [], False, "offline"),
    (3, ["media-empty-error", "offline-report"], True, "ready"),  # left by a cancelled job: the next one checks
    (4, ["door-open-error"], True, "error"),
    (4, ["media-jam"], True, "error"),
    (4, ["com.example-fuser-broken-error"], True, "error"),
])
def test_a_queues_ipp_state_and_reasons_become_one_printer_state(state, reasons, accepting, expected):
    assert classify(state, reasons, accepting) == expected

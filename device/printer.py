"""Printing: the contract every printer provider meets.

    printer = devices.printer                        # PrinterCups(queue=""), or PrinterPdfFile(folder)
    job_id = printer.print_pdf(pdf_bytes, "Cleaner")
    printer.status()                                 # "ready", "busy", "paper_out", "offline" or "error"
    printer.health()                                 # the heartbeat's word: "ok", "paper_out", "offline", "error"
    printer.cancel_all()                             # at the privacy wipe: nothing of this person is left

The base owns the rules every provider keeps: a job is a PDF, its title is never logged (it can say what a
person is looking for), every failure becomes a ``PrinterError`` carrying a message key the screen can show,
and ``cancel_all`` never raises, so the wipe always completes. Providers implement ``_submit``,
``_cancel_all`` and ``_status`` only, and may add ``status_detail()`` (a short English line for staff and logs)
and a ``can_run()`` classmethod (can this provider work on this machine at all?).
"""

from __future__ import annotations

import logging

log = logging.getLogger("jobpoint.printer")

#: Printer states; the screens show a message for every one but "ready" and "busy" (a job ahead: it still prints).
STATES = ("ready", "busy", "paper_out", "offline", "error")

#: Problems a provider can name beyond its state, for the staff screens: what is wrong and can be fixed by hand.
PROBLEMS = ("jam", "cover_open", "no_toner", "keeps_jobs")

#: The catalogue key of what to tell the person when printing is refused in each state.
MESSAGE_KEYS = {"paper_out": "print.error_paper_out", "offline": "print.error_offline", "error": "print.error"}


class PrinterError(Exception):
    """Printing failed; ``message_key`` is the catalogue key of what to tell the person.

    :param message_key: e.g. "print.error_offline".
    :param detail: for the log only (never personal data).
    """

    def __init__(self, message_key: str, detail: str = "") -> None:
        super().__init__(detail or message_key)
        self.message_key = message_key


class Printer:
    """Base class for printer providers."""

    name = "base"
    #: False for a provider whose "printouts" never reach paper (the PDF-file fallback): the kiosk must then not
    #: tell anyone to collect a page from the printer (``kiosk.services.print_outcome``).
    on_paper = True

    def print_pdf(self, pdf_bytes: bytes, title: str) -> str:
        """Print a PDF and return the job's id.

        :param pdf_bytes: the document (it must start with ``%PDF``).
        :param title: a name for the job, for the printer's own queue only.
        :raises PrinterError: with the message key to show.
        """
        if not isinstance(pdf_bytes, (bytes, bytearray)) or not bytes(pdf_bytes[:5]) == b"%PDF-":
            raise PrinterError("print.error", "not a PDF")
        state = self.status()
        if state in MESSAGE_KEYS:
            raise PrinterError(MESSAGE_KEYS[state], f"printer {self.name} is {state}")
        try:
            job_id = self._submit(bytes(pdf_bytes), title)
        except PrinterError:
            raise
        except Exception as error:  # any provider failure is "the printer is not working"
            log.error("printer %s failed: %s", self.name, type(error).__name__)
            raise PrinterError("print.error", type(error).__name__) from error
        log.info("printer %s: job %s (%d bytes)", self.name, job_id, len(pdf_bytes))
        return job_id

    def cancel_all(self) -> int:
        """Cancel (or take back) every job printed in this session; never raises.

        :returns: how many jobs were cancelled.
        """
        try:
            return self._cancel_all()
        except Exception as error:  # noqa: BLE001 - the wipe must go on whatever the printer does
            log.error("printer %s could not cancel its jobs: %s", self.name, type(error).__name__)
            return 0

    @classmethod
    def can_run(cls) -> tuple[bool, str]:
        """Whether this provider can work on this machine at all (its system tools are installed), and why not.

        The provider chooser skips a provider that cannot run, as it skips one whose module cannot be imported.
        """
        return True, ""

    def health(self) -> str:
        """The printer's health for the heartbeat: "ok" (ready or busy), "paper_out", "offline" or "error"."""
        state = self.status()
        return "ok" if state in ("ready", "busy") else state

    def status_detail(self) -> str:
        """A short English line about the printer for staff and logs (never a job's title)."""
        return ""

    def problem(self) -> str:
        """What staff can fix, as one of ``PROBLEMS`` ("jam", "cover_open", ...), or "" (call after ``status``).

        The staff screens turn it into a sentence in the screen's language; ``status_detail`` stays for the log.
        """
        return ""

    def status(self) -> str:
        """"ready", "busy", "paper_out", "offline" or "error" (one of ``STATES``)."""
        try:
            state = self._status()
        except Exception as error:  # noqa: BLE001 - a printer that cannot say is not ready
            log.warning("printer %s status failed: %s", self.name, type(error).__name__)
            return "offline"
        return state if state in STATES else "offline"

    # --- what a provider implements ----------------------------------------------------------------------

    def _submit(self, pdf_bytes: bytes, title: str) -> str:
        raise NotImplementedError

    def _cancel_all(self) -> int:
        raise NotImplementedError

    def _status(self) -> str:
        raise NotImplementedError

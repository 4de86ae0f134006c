"""A printer that writes each job as a PDF file in a folder: the simulated printer, for laptops and tests.

    printer = PrinterPdfFile(Path("/var/lib/jobpoint/printed"))
    job_id = printer.print_pdf(pdf_bytes, "Cleaner")
    printer.files                 # the files written this session
    printer.cancel_all()          # deletes them (the privacy wipe calls this)

Files are named by job number, never by title, and written whole (to a temporary name, then renamed), so
whatever watches the folder never sees half a document.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from device.printer import Printer, PrinterError


class PrinterPdfFile(Printer):
    """Writes ``job-<n>-<random>.pdf`` files into ``folder`` (made when the first job is printed).

    :param folder: where the files go.
    """

    name = "pdf_file"
    on_paper = False

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.files: list[Path] = []
        self._count = 0
        self._remove_leftovers()

    @classmethod
    def from_settings(cls, settings) -> PrinterPdfFile:
        """The printer for ``printer.folder`` ("" means the ``printed`` folder in ``kiosk.data_dir``).

        :param settings: the kiosk settings.
        """
        folder = settings.get("printer.folder") or Path(settings.get("kiosk.data_dir", ".")) / "printed"
        return cls(Path(folder))

    def status_detail(self) -> str:
        """Where the PDF files go."""
        return f"writes PDF files to {self.folder}"

    def _remove_leftovers(self) -> None:
        # A crash or power cut skips the wipe: whatever an earlier run printed (someone's benefit results, say)
        # must not wait in the folder for the next person. Only files named as this printer names them go.
        for pattern in ("job-*.pdf", "job-*.part"):
            for path in self.folder.glob(pattern):
                try:
                    path.unlink()
                except OSError:
                    pass

    def _submit(self, pdf_bytes: bytes, title: str) -> str:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise PrinterError("print.error_offline", type(error).__name__) from error
        self._count += 1
        job_id = f"job-{self._count:04d}-{secrets.token_hex(4)}"
        path = self.folder / f"{job_id}.pdf"
        partial = path.with_suffix(".part")
        partial.write_bytes(pdf_bytes)
        os.replace(partial, path)
        self.files.append(path)
        return job_id

    def _cancel_all(self) -> int:
        removed = 0
        for path in self.files:
            try:
                path.unlink()
                removed += 1
            except FileNotFoundError:
                pass
        self.files = []
        return removed

    def _status(self) -> str:
        return "ready"

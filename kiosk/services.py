"""Everything the screens may use outside themselves, in one narrow object the composition root builds.

    services = build_services(settings)          # kiosk/cli/services.py: the one place that builds them
    app = KioskApp(settings=settings, services=services)
    app.services.job_search.search(query)        # the screens reach devices, search and sync only through here
    app.services.office().lha

This module imports neither ``sync/`` nor ``device/``: what is built from them arrives as objects and plain
functions, so the screens (and this file) depend on what they use, never on how it is made. A test builds one with
its own fakes: ``Services(settings, devices=..., printer=..., speech=...)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("jobpoint.services")


class ServiceFailed(Exception):
    """A service could not do what was asked; ``message_key`` says why, in words the person can read.

    :param message_key: a catalogue key, e.g. "print.paper_out" or "cvphone.offline".
    """

    def __init__(self, message_key: str) -> None:
        super().__init__(message_key)
        self.message_key = message_key


def _no_job_search():
    return None


def _no_words(_t, _last_sync_at) -> str:
    return ""


def _nothing(*_args, **_kwargs) -> None:
    return None


def _no_handoff(**_kwargs):
    raise ServiceFailed("cvphone.offline")


def _no_help_desk(*_args, **_kwargs):
    raise ServiceFailed("help.not_enrolled")


@dataclass(eq=False)
class Services:
    """What screens may use: devices, the job search, usage counts, the background sync, office figures, hand-off.

    :param settings: the checked config.
    :param devices: the ``device.Devices`` (``card``, ``printer``, ``speech``, ``describe()``, ``close()``).
    :param printer: the printer pages go to (usually ``devices.printer``).
    :param speech: the read-aloud provider (usually ``devices.speech``).
    :param open_job_search: opens the job search when it is first needed (None: no vacancies on this kiosk).
    :param usage: the anonymous usage counter (``count(event)``), or None: not counted.
    :param sync_worker: the background sync (``status``, ``sync_now()``, ``start()``, ``stop()``), or None.
    :param make_sync_worker: makes the background sync at ``start_sync()`` (so its network client loads after the
        first frame, not before it); None when ``sync_worker`` is given or this kiosk runs without sync.
    :param printer_errors: the printer's exception types; each carries a ``message_key``.
    :param office_info: ``office_info(settings)``: the office's rates, housing allowance and local help.
    :param handoff: ``handoff(settings, text=, pdf=, title=, language=)``: a link to the CV on a phone; raises
        ``ServiceFailed``.
    :param help_desk: ``help_desk(settings, what, *args)``: "ask" (area) gives a help request's id, "status"
        (request id) gives "open" or "done", "close" (request id, "staff_card" or "cancelled"); raises
        ``ServiceFailed`` ("help.offline", "help.not_enrolled", "help.server_error").
    :param word_last_sync: ``word_last_sync(t, last_sync_at)``: "Jobs updated at 10:42".
    :param record_crash: ``record_crash(data_dir, error)``: keeps the time and kind of an error for the heartbeat.
    :param mark_healthy: ``mark_healthy(updater)``: this version has started well (updates only).
    :param update_exit_status: the exit status that tells systemd a new version is in place.
    :param owned: what these services opened and close at ``close()`` (things passed in belong to the caller).
    """

    settings: Mapping[str, Any]
    devices: Any
    printer: Any
    speech: Any
    open_job_search: Callable[[], Any] = _no_job_search
    usage: Any = None
    sync_worker: Any = None
    make_sync_worker: Callable[[], Any] | None = None
    printer_errors: tuple = ()
    office_info: Callable[[Mapping], Any] = _nothing
    handoff: Callable[..., Any] = _no_handoff
    help_desk: Callable[..., Any] = _no_help_desk
    word_last_sync: Callable[[Any, str | None], str] = _no_words
    record_crash: Callable[[Any, BaseException], None] = _nothing
    mark_healthy: Callable[[Any], None] = _nothing
    update_exit_status: int = 0
    owned: list[Callable[[], None]] = field(default_factory=list)
    _job_search: Any = field(default=None, init=False, repr=False)
    _job_search_opened: bool = field(default=False, init=False, repr=False)
    _marked_healthy: bool = field(default=False, init=False, repr=False)

    # --- job search ------------------------------------------------------------------------------------------

    @property
    def job_search(self):
        """The ``kiosk.jobs.search.JobSearch``, opened on first use (None when this kiosk has no vacancies).

        Opening it loads the cache and the place names, which the attract and home screens never need.
        """
        if not self._job_search_opened:
            self._job_search_opened = True
            self._job_search = self.open_job_search()
        return self._job_search

    @job_search.setter
    def job_search(self, search) -> None:
        self._job_search, self._job_search_opened = search, True

    def open_job_search_now(self) -> None:
        """Open the job search now if it is not open yet (the App does this a second after its first screen)."""
        _ = self.job_search

    @property
    def places(self):
        """The job search's place names (``kiosk.jobs.places.Places``), or None."""
        return getattr(self.job_search, "places", None)

    # --- printing, office, phone ------------------------------------------------------------------------------

    def print_pdf(self, document: bytes, title: str) -> None:
        """Print a PDF.

        :param document: the PDF's bytes.
        :param title: the job's title as the print system sees it: never a person's name or details.
        :raises ServiceFailed: the printer did not take it (``message_key`` says why).
        """
        try:
            self.printer.print_pdf(document, title)
        except self.printer_errors as error:
            raise ServiceFailed(error.message_key) from error

    def office(self):
        """The office's figures now: ``rates_folder``, ``lha`` and ``local_help`` (read from files: always fresh)."""
        return self.office_info(self.settings)

    def send_cv_to_phone(self, *, text: str, pdf: bytes | None, title: str, language: str):
        """Send a CV to the central service for the person's phone: the link to show as a QR code.

        :param text: the CV as plain text.
        :param pdf: its PDF.
        :param title: the page's title.
        :param language: the language the phone's page opens in.
        :raises ServiceFailed: it could not be sent (offline, not enrolled ...).
        """
        return self.handoff(self.settings, text=text, pdf=pdf, title=title, language=language)

    def ask_for_help(self, area: str) -> str:
        """Tell the office's staff someone at this kiosk needs help; the request's id.

        :param area: the part of the kiosk in use: "home", "jobs", "benefits", "cv" or "other".
        :raises ServiceFailed: it could not be sent (offline, not enrolled ...).
        """
        return self.help_desk(self.settings, "ask", area)

    def help_status(self, request_id: str) -> str:
        """Whether staff have answered a help request: "open" or "done".

        :param request_id: from ``ask_for_help``.
        :raises ServiceFailed: as ``ask_for_help``.
        """
        return self.help_desk(self.settings, "status", request_id)

    def close_help_request(self, request_id: str, by: str) -> None:
        """Close a help request: "staff_card" (a member of staff's card went in here) or "cancelled".

        :param request_id: from ``ask_for_help``.
        :param by: "staff_card" or "cancelled".
        :raises ServiceFailed: as ``ask_for_help``.
        """
        self.help_desk(self.settings, "close", request_id, by)

    # --- usage counts -----------------------------------------------------------------------------------------

    def count(self, event: str) -> None:
        """Add one to an anonymous usage counter (no person or session in it).

        :param event: one of the protocol's usage events, e.g. "search".
        """
        if self.usage is not None:
            self.usage.count(event)

    def count_once(self, session, event: str) -> None:
        """Count an event at most once in this visit (the session forgets what it counted at the wipe).

        :param session: the ``kiosk.session.Session``.
        :param event: e.g. "benefit_check_completed".
        """
        if event not in session.counted:
            session.counted.add(event)
            self.count(event)

    # --- the background sync and updates ----------------------------------------------------------------------

    def start_sync(self) -> None:
        """Make the background sync if it is not made yet, and start it (``kiosk run``, after the first frame)."""
        if self.sync_worker is None and self.make_sync_worker is not None:
            self.sync_worker = self.make_sync_worker()
        if self.sync_worker is not None:
            self.sync_worker.start()

    def stop_sync(self) -> None:
        """Stop the background sync, if it runs (this hour's usage counts go to the outbox)."""
        if self.sync_worker is not None:
            self.sync_worker.stop()

    def sync_status(self):
        """The background sync's ``SyncStatus``, or None when this kiosk runs without sync."""
        return self.sync_worker.status if self.sync_worker is not None else None

    def sync_now(self) -> None:
        """Ask the background sync to run now (it never blocks the screen)."""
        if self.sync_worker is not None:
            self.sync_worker.sync_now()

    def jobs_updated_text(self, t) -> str:
        """"Jobs updated at 10:42" in the catalogue's language; empty before the first sync.

        :param t: the person's catalogue.
        """
        status = self.sync_status()
        return self.word_last_sync(t, status.last_sync_at if status is not None else None)

    def update_ready(self, now, started: bool, in_use: bool) -> bool:
        """True when a downloaded version should take over now; marks this version healthy once it is up.

        :param now: the local time (``datetime``).
        :param started: this version reached its attract or home screen.
        :param in_use: someone is using the kiosk (the switch waits for the end of their visit).
        """
        updater = getattr(self.sync_worker, "updater", None)
        if updater is None:
            return False
        # Healthy: this version reached its attract or home screen and the service accepted one of its heartbeats.
        if not self._marked_healthy and started and self.sync_worker.beat_accepted.is_set():
            self._marked_healthy = True
            self.mark_healthy(updater)
        # switch_if_ready checks update.enabled, the maintenance window and that nobody is using the kiosk.
        return updater.switch_if_ready(now, in_use)

    def crashed(self, error: BaseException) -> None:
        """Keep the time and kind of an error (never its message) for the next heartbeat.

        :param error: what went wrong.
        """
        self.record_crash(Path(self.settings["kiosk.data_dir"]), error)

    # --- stopping ---------------------------------------------------------------------------------------------

    def close(self) -> None:
        """Close what these services opened (the devices and the job search they made; not those passed in)."""
        for close in reversed(self.owned):
            close()
        self.owned.clear()


def print_outcome(error_key: str | None, on_paper: bool) -> tuple[str, str]:
    """The print panel's heading and message keys for what happened.

    :param error_key: the failure's message key, or None when the printer took the document.
    :param on_paper: whether the kiosk's printer puts pages on paper (``Printer.on_paper``; False for PDF files).

        >>> print_outcome(None, on_paper=True)
        ('print.done_heading', 'print.done_body')
        >>> print_outcome(None, on_paper=False)
        ('print.no_paper_heading', 'print.no_paper_body')
        >>> print_outcome("print.error_paper_out", on_paper=True)
        ('print.failed_heading', 'print.error_paper_out')
    """
    if error_key is not None:
        return "print.failed_heading", error_key
    if not on_paper:  # the job went to a folder: promising a page at the printer would send people looking
        return "print.no_paper_heading", "print.no_paper_body"
    return "print.done_heading", "print.done_body"


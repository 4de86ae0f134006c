"""Printing a document for the person and telling them what happened: one way for jobs, benefits results and CVs.

The PDF is made in memory, handed to the kiosk's printer and not kept here. A document that cannot be made, or a
printer that fails, gives the print panel's plain message instead of taking the screen out of service. A kiosk
whose printer is the PDF-file fallback (``devices.simulated_fallback = "warn"``) never says "Collect it from the
printer": it says plainly that nothing will come out on paper here, and to ask staff or send it to a phone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.services import ServiceFailed, print_outcome

log = logging.getLogger("jobpoint.print")


#: The text size from which printouts are large print without being asked (``kiosk.session.TEXT_SCALES``' largest).
LARGE_PRINT_FROM_TEXT_SCALE = 2.0


def print_document(app, make_pdf: Callable[[bool], bytes], title: str, on_printed: Callable[[], None] = lambda: None,
                   what: str = "printout", large_print: bool | None = None) -> bool:
    """Make a PDF, print it, and show and say the result in the print panel.

    :param app: the KioskApp.
    :param make_pdf: makes the document's bytes; its argument is True for large print.
    :param title: the print job's title, seen by the print system: never a person's name or details.
    :param on_printed: called once a printer that puts pages on paper took it (usage counts: a PDF-file fallback
        printed nothing, so nothing is counted as printed).
    :param what: what the document is, for the log ("CV printout").
    :param large_print: None: large print when the person chose the largest text on screen.
    :returns: True when the printer took it.
    """
    if large_print is None:
        large_print = app.session.accessibility.text_scale >= LARGE_PRINT_FROM_TEXT_SCALE
    panel = app.panels["print"]
    error_key: str | None = None
    try:
        document = make_pdf(large_print)
    except Exception as error:  # noqa: BLE001 - a printout that fails must not take the screen out of service
        log.error("could not make the %s: %s", what, type(error).__name__)
        document, error_key = None, "print.error"
    on_paper = bool(getattr(app.services.printer, "on_paper", True))
    if document is not None:
        try:
            app.services.print_pdf(document, title)
            if on_paper:
                on_printed()
        except ServiceFailed as error:
            error_key = error.message_key
    panel.ok = error_key is None
    panel.heading_key, panel.message_key = print_outcome(error_key, on_paper=on_paper)
    panel.large_print = panel.ok and large_print
    app.shell.show_overlay(panel)
    # Offered only after pages came out: with no paper printer the person is told to ask staff or use their phone.
    # Set once the panel shows: taking a panel off the screen lets go of it (PrintPanel.on_parent).
    panel.again_large = (
        (lambda: print_document(app, make_pdf, title, on_printed, what, large_print=True))
        if panel.ok and on_paper and not large_print else None)
    said = app.t[panel.heading_key] + ". " + app.t[panel.message_key]
    app.access.speak(said + (" " + app.t["print.large_done"] if panel.large_print else ""))
    return panel.ok

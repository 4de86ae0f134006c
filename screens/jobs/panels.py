"""Panels over a job page or the saved jobs: the phone's QR code, and what happened when printing.

    show_phone_code(app, [vacancy])                   # one job: its web address (or how to apply) as a QR code
    show_phone_code(app, vacancies, several=True)     # all saved jobs in one code, or a plain "too many"
    print_jobs(app, [vacancy], full=True)             # through app.services.printer; says "printing" or what went wrong

The QR code is a texture made in memory, never a file; it is dropped at the wipe.
"""

from __future__ import annotations


from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from kiosk.jobs.phone_link import TooLongForQr, job_payload, qr_matrix, shortlist_payload
from screens.printing import print_document
from screens.qr_code import qr_texture
from screens.overlays import Overlay



class PhonePanel(Overlay):
    """"Scan this code with your phone": the code, and what the phone will show in words."""

    texture = ObjectProperty(None, allownone=True)
    payload = StringProperty("")
    is_link = BooleanProperty(False)
    several = BooleanProperty(False)
    too_long = BooleanProperty(False)

    def reset(self) -> None:
        """Drop the code and its text."""
        self.texture = None
        self.payload = ""
        self.is_link = self.several = self.too_long = False


class PrintPanel(Overlay):
    """"Your page is printing", or why it is not, in plain words; and "Print it again in large print"."""

    ok = BooleanProperty(True)
    heading_key = StringProperty("print.done_heading")
    message_key = StringProperty("print.done_body")
    #: This printout was in large print (the panel says so).
    large_print = BooleanProperty(False)
    #: Prints the same document again in large print, or None when that is not offered. It holds the person's
    #: document maker (their CV, say), so the panel drops it when it leaves the screen and at the wipe.
    again_large = ObjectProperty(None, allownone=True)

    def on_kv_post(self, _base_widget) -> None:
        """Keep the large-print button out of the layout until it is offered."""
        # ids are weak references: the panel holds the button itself, or it would be freed once taken out.
        self._large_button = self.ids.print_large.__self__
        self._large_button_parent = self._large_button.parent
        self.on_again_large(self, self.again_large)

    def on_again_large(self, _panel, again) -> None:
        """Show "Print it again in large print" only when it is offered."""
        button = getattr(self, "_large_button", None)
        if button is None:
            return
        if again is None and button.parent is not None:
            button.parent.remove_widget(button)
        elif again is not None and button.parent is None:
            parent = self._large_button_parent
            parent.add_widget(button, index=parent.children.index(self.ids.close) + 1)

    def print_large(self) -> None:
        """Print the same document again, every text size doubled."""
        again, self.again_large = self.again_large, None
        if again is not None:
            again()

    def on_parent(self, _panel, parent) -> None:
        """Taken off the screen: let go of the person's document."""
        if parent is None:
            self.again_large = None

    def reset(self) -> None:
        """Back to the state a new person would find."""
        self.ok = True
        self.heading_key = "print.done_heading"
        self.message_key = "print.done_body"
        self.large_print = False
        self.again_large = None


def show_phone_code(app, vacancies: list[dict], several: bool = False) -> None:
    """Open the phone panel with a QR code of one job or of several.

    :param app: the KioskApp.
    :param vacancies: vacancy dicts.
    :param several: True for the saved jobs (plain text listing them all).
    """
    panel = app.panels["phone"]
    panel.reset()
    payload = shortlist_payload(app.t, vacancies) if several else job_payload(app.t, vacancies[0])
    panel.several = several
    panel.is_link = not several and bool(vacancies[0].get("apply_url"))
    try:
        panel.texture = qr_texture(qr_matrix(payload))
        panel.payload = payload
        app.services.count("job_sent_to_phone")
    except TooLongForQr:
        panel.too_long = True
    app.shell.show_overlay(panel)
    app.access.speak(app.t["phone.too_long_heading" if panel.too_long else "phone.heading"])


def print_jobs(app, vacancies: list[dict], full: bool) -> None:
    """Print one job in full, or a list of saved jobs, and say what happened.

    :param app: the KioskApp.
    :param vacancies: vacancy dicts.
    :param full: include each job's description.
    """
    # Imported here, not at the top: fpdf2 and what it loads cost about 45 MB and a quarter of a second, which
    # every kiosk would pay at start-up for something most people never use.
    from kiosk.jobs.printout import job_pdf
    # A single job's title is the employer's words, not the person's; a list gets a general title.
    title = vacancies[0]["title"] if len(vacancies) == 1 else app.t["print.saved_title"]
    print_document(app, lambda large: job_pdf(app.t, vacancies, full=full, large_print=large), title,
                   lambda: app.services.count("job_printed"),
                   what="job printout")

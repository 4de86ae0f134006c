"""The CV as it will print: its headings and text in plain labels, a choice of look, then Print my CV, Send to my
phone and Jobs that match my CV.

The CV is the session's, read each time the page opens. Its text goes into labels exactly as typed (never as
markup). The PDF is made in memory for each print or send and dropped straight after; nothing of the CV is logged.
"Send to my phone" waits for the network, so it runs in a thread of its own and the page never blocks; a result
that arrives after the wipe (or after the person closed the panel) is thrown away.
"""

from __future__ import annotations

import copy
import logging
import threading

from kivy.clock import Clock
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from kiosk.cv.model import CV_LANGUAGES, CV_LAYOUTS
from kiosk.cv.checks import check_name
from kiosk.cv.sections import cv_sections
from kiosk.cv.wording import contact_parts, one_line
from kiosk.jobs.phone_link import TooLongForQr, qr_matrix
from kiosk.services import ServiceFailed
from screens.printing import print_document
from screens.base import show_only
from screens.cv.widgets import CvScreen
from screens.qr_code import qr_texture
from screens.widgets import running_app
from screens.overlays import Overlay
from screens.widgets import Body

log = logging.getLogger("jobpoint.cv")


class CvPhonePanel(Overlay):
    """"Send to my phone": getting it ready, then the code to scan, or why it was not sent (and Print instead).

    ``state`` is "sending", "sent" or "failed".
    """

    state = StringProperty("sending")
    texture = ObjectProperty(None, allownone=True)
    expires = StringProperty("")
    message_key = StringProperty("")

    def on_state(self, _panel, state: str) -> None:
        """"Print my CV instead" only when it was not sent."""
        if "buttons" in self.ids:
            ids = self.ids
            show_only(ids.buttons, [ids.print_instead, ids.close] if state == "failed" else [ids.close])

    def reset(self) -> None:
        """Drop the code (it holds the key to the CV) and any message."""
        self.state = "sending"
        self.texture = None
        self.expires = ""
        self.message_key = ""


class CvLine(Body):
    """One line of the CV on screen; ``kind`` ("name", "heading", "title", "detail", "text") sets how it looks."""

    kind = StringProperty("text")
    #: Drawn as the modern layout prints: the name on a coloured band, headings in colour.
    modern = BooleanProperty(False)


def cv_lines(t, cv) -> list[tuple[str, str]]:
    """The CV as (kind, text) lines, in its reading order (``kiosk.cv.sections``), headings in ``t``'s language.

    :param t: the catalogue of the CV's language.
    :param cv: the ``kiosk.cv.model.CV``.
    """
    lines: list[tuple[str, str]] = []
    if one_line(cv.contact.name):
        lines.append(("name", one_line(cv.contact.name)))
    if contact_parts(cv):
        lines.append(("detail", "  |  ".join(contact_parts(cv))))
    for section in cv_sections(t, cv):
        lines.append(("heading", section.heading))
        if section.key == "qualifications":
            for item in section.items:
                text = ": ".join(part for part in (item.title, item.detail) if part)
                lines.append(("text", "\u2022 " + (f"{text} ({item.when})" if item.when else text)))
        elif section.key in ("work", "education"):
            for item in section.items:
                lines.append(("title", item.title or item.detail))
                under = [part for part in (item.detail if item.title else "", item.when) if part]
                if under:
                    lines.append(("detail", ", ".join(under)))
                lines += [("text", "\u2022 " + duty) for duty in item.lines]
        elif section.key == "skills":
            lines += [("text", "\u2022 " + skill) for skill in section.texts]
        else:
            lines += [("text", paragraph) for paragraph in section.texts]
    return lines


def _render(t, cv, layout: str, large_print: bool = False) -> bytes:
    # Imported here, not at the top: fpdf2 costs memory and start-up time most people never need.
    from kiosk.cv.pdf import cv_pdf
    return cv_pdf(t, cv, layout=layout, large_print=large_print)


def _send(services, t, cv, layout: str, language: str):
    """Make the PDF and the text and send them (a worker thread): the link, or the message key of the failure.

    ``t`` is the CV's heading language; ``language`` the screen's, in which the phone's page opens.
    """
    from kiosk.cv.plain_text import cv_text
    try:
        return services.send_cv_to_phone(text=cv_text(t, cv), pdf=_render(t, cv, layout),
                                         title=t.text("cvout.phone_title", name=one_line(cv.contact.name)),
                                         language=language)
    except ServiceFailed as error:
        return error.message_key
    except Exception as error:  # noqa: BLE001 - the page must say it was not sent, never hang or crash
        log.error("could not send a CV to a phone: %s", type(error).__name__)
        return "cvphone.server_error"


class CvPreviewScreen(CvScreen):
    """The preview page. ``layout`` is one of ``kiosk.cv.model.CV_LAYOUTS``; ``sending`` while a hand-off is under
    way."""

    layout = StringProperty(CV_LAYOUTS[0])
    cv_language = StringProperty("en")
    has_name = BooleanProperty(False)
    empty = BooleanProperty(True)
    sending = BooleanProperty(False)
    #: Which characters of the CV no font can print (they are left out of the PDF), in the screen's language; or "".
    unprintable_text = StringProperty("")
    #: The buttons above the CV rather than beside it: on a portrait screen, or when text is larger.
    stacked = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.phone_panel = CvPhonePanel()
        self.phone_panel.on_state(self.phone_panel, self.phone_panel.state)
        # Each send gets a number; a result whose number is not the latest (reset, or sent again) is dropped.
        self._ticket = 0

    def on_pre_enter(self, *_args) -> None:
        """Show the CV as it stands now."""
        self.refresh()
        self.ids.page.scroll_y = 1

    def refresh(self) -> None:
        """Lay the CV out again (after a change of look or language)."""
        cv = self.cv
        self.cv_language = cv.language
        self.has_name = check_name(cv.contact.name) is None
        self.empty = cv.is_empty()
        box = self.ids.cv_box
        box.clear_widgets()
        if not self.empty:
            t = running_app().catalogues[cv.language]
            for kind, text in cv_lines(t, cv):
                box.add_widget(CvLine(kind=kind, text=text, modern=self.layout == "modern"))
        if self.empty:
            self.unprintable_text = ""
        else:
            # Imported here, as in _render: fpdf2 costs memory and start-up time.
            from kiosk.cv.pdf import unprintable_note
            app = running_app()
            self.unprintable_text = unprintable_note(app.t, app.catalogues[cv.language], cv)
        ids = self.ids
        shown = [ids.heading, ids.read_page, ids.intro]
        if self.empty:
            shown.append(ids.empty_note)
        elif not self.has_name:
            shown += [ids.name_note, ids.add_name]
        if self.unprintable_text:
            shown.append(ids.unprintable_note)
        show_only(ids.column, [*shown, ids.split])
        show_only(ids.split, [ids.controls] if self.empty else [ids.controls, ids.paper])
        # Nothing to print or send from an empty CV: only the way to fill it in.
        show_only(ids.actions, [ids.change] if self.empty else [ids.print_cv, ids.phone, ids.matches, ids.change,
                                                                ids.start_again])

    def read_parts(self) -> list[tuple]:
        """What "Read this page aloud" reads: the heading, any note above the CV, then the CV line by line in the
        order it prints (its name, contact details, then each section's heading and lines), in the voice of the
        language it prints in (``app.reader``)."""
        ids = self.ids
        parts: list[tuple] = [(widget, widget.text) for widget in (ids.heading, ids.intro, ids.empty_note,
                                                                   ids.name_note, ids.unprintable_note)
                              if widget.parent is not None]
        language = self.cv.language
        parts += [(line, line.text, language) for line in reversed(ids.cv_box.children)]
        # "Was this useful?", under the controls beside the CV.
        return parts + ids.useful.read_parts()

    def choose_layout(self, layout: str) -> None:
        """Print in this look from now on.

        :param layout: one of ``kiosk.cv.model.CV_LAYOUTS``.
        """
        if layout in CV_LAYOUTS:
            self.layout = layout
            self.refresh()

    def choose_language(self, language: str) -> None:
        """Print the CV's headings (and dates) in this language.

        :param language: one of ``kiosk.cv.model.CV_LANGUAGES``.
        """
        if language in CV_LANGUAGES:
            self.cv.language = language
            self.refresh()

    def change(self) -> None:
        """"Change something": the CV's start page, with every step."""
        running_app().nav.go("cv")

    def add_name(self) -> None:
        """Open the contact step, where the name goes."""
        running_app().nav.go("cv_contact")

    def open_matches(self) -> None:
        """"Jobs that match my CV"."""
        running_app().nav.go("cv_matches")

    def _ready(self) -> bool:
        """Whether the CV can go out; if it has no name, say so at the top instead."""
        self.refresh()
        if self.has_name:
            return True
        self.ids.page.scroll_y = 1
        running_app().access.speak(running_app().t["cvout.name_first"])
        return False

    def print_cv(self) -> None:
        """"Print my CV" through the kiosk's printer, and say what happened; the PDF is not kept."""
        if not self._ready():
            return
        app = running_app()
        cv, layout = self.cv, self.layout

        # The job's title is seen by the print system (queues, logs): never the person's name.
        if print_document(app, lambda large: _render(app.catalogues[cv.language], cv, layout, large),
                          app.t["cvout.print_title"],
                          lambda: app.services.count("cv_printed"), what="CV printout"):
            app.services.count_once(app.session, "cv_made")  # made, even where the printer only writes files

    def send_to_phone(self) -> None:
        """"Send to my phone": show "getting it ready" at once and send in the background."""
        if self.sending or not self._ready():
            return
        app = running_app()
        panel = self.phone_panel
        panel.reset()
        app.shell.show_overlay(panel)
        app.access.speak(app.t["cvphone.sending"])
        self.sending = True
        self._ticket += 1
        ticket = self._ticket
        # A copy, so a change (or the wipe) while sending cannot tear the CV half-way through being read.
        snapshot = copy.deepcopy(self.cv)
        t = app.catalogues[snapshot.language]
        services, layout, language = app.services, self.layout, app.session.language

        def work() -> None:
            result = _send(services, t, snapshot, layout, language)
            Clock.schedule_once(lambda _dt: self._sent(ticket, result), 0)

        threading.Thread(target=work, name="cv-handoff", daemon=True).start()

    def _sent(self, ticket: int, result) -> None:
        """Back on the main thread: show the code, or the plain reason it was not sent."""
        if ticket != self._ticket:
            return  # wiped or reset meanwhile: this result belongs to nobody now
        self.sending = False
        app = running_app()
        panel = self.phone_panel
        if panel.parent is None:
            return  # the person closed the panel: show nothing they did not wait for
        if isinstance(result, str):
            panel.state, panel.message_key = "failed", result
            app.access.speak(app.t["cvout.phone_failed"] + ". " + app.t[result])
            return
        try:
            panel.texture = qr_texture(qr_matrix(result.url))
        except TooLongForQr:
            panel.state, panel.message_key = "failed", "cvphone.server_error"
            return
        local = result.expires_at.astimezone()
        panel.expires = app.t.text("cvphone.expires", time=local.strftime("%H:%M"))
        panel.state = "sent"
        app.services.count("cv_sent_to_phone")
        app.services.count_once(app.session, "cv_made")
        app.access.speak(app.t["cvphone.heading"])

    def print_instead(self) -> None:
        """From the phone panel's message: close it and print."""
        running_app().nav.close_overlay()
        self.print_cv()

    def can_print_for_customer(self) -> bool:
        """There is a CV with a name on it."""
        return not self.cv.is_empty() and check_name(self.cv.contact.name) is None

    def print_for_customer(self) -> None:
        """Staff tools print the CV."""
        self.print_cv()

    def reset(self) -> None:
        """Forget the CV's lines, the code and any send under way; back to the first look."""
        super().reset()
        self._ticket += 1
        self.sending = False
        self.phone_panel.reset()
        self.ids.cv_box.clear_widgets()
        self.layout = CV_LAYOUTS[0]
        self.cv_language = "en"
        self.has_name, self.empty = False, True

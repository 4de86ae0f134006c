"""One life event's checklist: what to do, in order, for the kiosk's nation; "Print this list"; then "Check what
you could get".

Each step is a card: what to do, with whom, by when (set apart, in bold, when there is a date to keep to), why,
how, a phone number, and a QR code of its page with the web address under it. The steps and their words are the
event's file (``kiosk.life_events``); the lines around them are ``kiosk.life_events.wording``. "Check what you could
get" starts the benefits check with the answers the event makes certain already chosen (``start_check``, ADR 040).
"""

from __future__ import annotations

from kivy.properties import DictProperty, NumericProperty, ObjectProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.benefits import flow as benefits_flow
from kiosk.benefits.rates import today
from kiosk.jobs.phone_link import TooLongForQr, qr_matrix
from kiosk.life_events.check import start_check
from kiosk.life_events.content import all_events
from kiosk.life_events.wording import step_words
from screens.base import KioskScreen, show_only
from screens.benefits.widgets import FLOW_KEY, LIFE_EVENT_KEY, keep_state
from screens.printing import print_document
from screens.qr_code import qr_texture
from screens.read_aloud import is_within, page_parts
from screens.widgets import running_app

#: The usage events (a closed list: ``sync.life_event_counts``): a checklist opened, a check started from one, one
#: printed on paper.
VIEWED, CHECK_STARTED, PRINTED = "life_event.{event}", "life_event_check.{event}", "life_event_printed.{event}"


def open_event(app, event_id: str) -> None:
    """Show one event's checklist, counted once a visit.

    :param app: the KioskApp.
    :param event_id: a key of ``all_events()``.
    """
    app.sm.get_screen("life_event").show_event(all_events()[event_id])
    app.nav.go("life_event")
    app.services.count_once(app.session, VIEWED.format(event=event_id))


def kiosk_nation(app) -> str:
    """The nation the kiosk is in ("england", "wales", "scotland"): the office's setting, as the benefits check
    offers it first.

    :param app: the KioskApp.
    """
    return app.settings["ui.nation"].lower()


class LifeStepCard(BoxLayout):
    """One step: ``lines`` are its words by name (``wording.LINES``); ``texture`` its page's QR code."""

    step = ObjectProperty(None, allownone=True)
    number = NumericProperty(0)
    lines = DictProperty({})
    texture = ObjectProperty(None, allownone=True)

    @staticmethod
    def line(lines, name: str) -> str:
        """One line of the step ("" if it has none); the .kv rule passes ``lines`` so that it redraws.

        :param lines: the card's ``lines``.
        :param name: one of ``wording.LINES``.
        """
        return lines.get(name, "")

    def show(self) -> None:
        """Only the lines the step has: no gap for a deadline or a phone number it does not have."""
        ids = self.ids
        shown = [ids[name] for name in ("title", "who", "when", "why", "how", "phone") if self.lines.get(name)]
        shown += [ids.link_row] if self.texture is not None else []
        show_only(self, shown + [ids.checked])


class LifeEventScreen(KioskScreen):
    """The checklist page. ``event`` is the ``LifeEvent`` showing (None before one is chosen, and after the wipe)."""

    event = ObjectProperty(None, allownone=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        #: Cards not showing now, kept (holding no step) for the next event.
        self._spare: list[LifeStepCard] = []
        # QR codes by address: the same few pages come up again and again.
        self._codes: dict[str, object] = {}
        running_app().bind(t=lambda *_args: self.show_words())

    def show_event(self, event) -> None:
        """Lay out ``event``'s steps for the kiosk's nation, in order.

        :param event: a ``LifeEvent``.
        """
        self.event = event
        steps = event.steps_for(kiosk_nation(running_app()))
        box = self.ids.steps
        made = list(reversed(box.children))
        for card in made[len(steps):]:
            box.remove_widget(card)
            self._empty(card)
        for index, step in enumerate(steps):
            if index < len(made):
                card = made[index]
            else:
                card = self._spare.pop() if self._spare else LifeStepCard()
                box.add_widget(card)
            card.step, card.number = step, index + 1
        self.show_words()
        show_only(self.ids.column, [self.ids[name] for name in (
            "title", "read_page", "intro", "steps_heading", "steps", "print_list", "check_heading", "check_body",
            *(("check_given",) if event.answers else ()), "check", "useful")])
        self.ids.page.scroll_y = 1

    def show_words(self) -> None:
        """Word every step in the person's language (and its code: a Welsh page has its own address)."""
        if self.event is None:
            return
        t = running_app().t
        for card in self.ids.steps.children:
            card.lines = step_words(t, card.step, card.number)
            card.texture = self._code(card.step.link_for(t.language))
            card.show()

    def _code(self, url: str):
        """The QR code texture of a page (made once for each address), or None if it cannot be made."""
        if url not in self._codes:
            try:
                self._codes[url] = qr_texture(qr_matrix(url))
            except TooLongForQr:
                self._codes[url] = None
        return self._codes[url]

    def heading_words(self, t) -> str:
        """The event's title, said as the page opens with read-aloud on, as another page's heading is.

        :param t: the person's catalogue.
        """
        return self.event.title[t.language] if self.event is not None else t[self.heading_key]

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the page in order, each step's lines but its web address (its code
        is for a phone) and the date it was checked, then "Was this useful?" with its answers."""
        skipped = set()
        for card in self.ids.steps.children:
            skipped |= {id(card.ids.address.__self__), id(card.ids.checked.__self__)}
        useful = self.ids.useful
        parts = [(widget, text) for widget, text in page_parts(self.ids.column)
                 if id(widget) not in skipped and not is_within(widget, useful)]
        return parts + useful.read_parts()

    def check_benefits(self) -> None:
        """"Check what you could get": a new benefits check with the event's certain answers already chosen.

        If the person has answered benefits questions already, they are asked first: the new check replaces them.
        """
        app = running_app()
        state = start_check(self.event, kiosk_nation(app), on_date=today())
        earlier = app.session.answers.get(FLOW_KEY)
        # Only answers the person has gone past count (``flow.path``): an earlier event's answers, already chosen
        # but never confirmed, are not theirs to lose.
        if earlier is not None and benefits_flow.path(earlier):
            app.nav.ask_before_new_check(lambda: self._start_check(state))
            return
        self._start_check(state)

    def _start_check(self, state) -> None:
        app = running_app()
        keep_state(app, state)
        app.session.answers[LIFE_EVENT_KEY] = self.event.id
        app.services.count_once(app.session, CHECK_STARTED.format(event=self.event.id))
        app.nav.go("benefits")

    def print_list(self) -> None:
        """"Print this list": the checklist on paper, through the kiosk's printer, and say what happened."""
        app = running_app()
        event, nation = self.event, kiosk_nation(app)
        # Imported here, not at the top: fpdf2 costs memory and start-up time most people never need.
        from kiosk.life_events.printout import checklist_pdf
        # The job's title is the same for every event: the print system is told nothing of what changed.
        print_document(app, lambda large: checklist_pdf(app.t, event, nation, large_print=large),
                       app.t["life.print.title"], lambda: app.services.count(PRINTED.format(event=event.id)),
                       what="life event checklist")

    def can_print_for_customer(self) -> bool:
        """A checklist is showing."""
        return self.event is not None

    def print_for_customer(self) -> None:
        """Staff tools print the checklist."""
        self.print_list()

    def _empty(self, card: LifeStepCard) -> None:
        card.step, card.number, card.lines, card.texture = None, 0, {}, None
        self._spare.append(card)

    def reset(self) -> None:
        """Forget the event chosen: the next person must not see what changed in someone else's life."""
        super().reset()
        self.event = None
        box = self.ids.steps
        for card in list(box.children):
            box.remove_widget(card)
            self._empty(card)


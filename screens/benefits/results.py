"""The results of the benefits check: first what the likely benefits add up to ("About £1,423 a month"), then each
benefit the person may get (biggest first) with its amount to the pound, what to do next and a QR code to claim,
and the working behind "How we worked this out" (GOV.UK details); then what they are unlikely to get and why,
Print, and a plain "this is an estimate". "Read this page aloud" reads it in that order (``read_parts``).

The figures come from ``kiosk.benefits.check.check`` for the household the answers describe; nothing is worked
out here. The cards and rows are made once and given the next results: making eight cards and twenty rows from
their kv rules on every visit took a third of a second or more with software GL.
"""

from __future__ import annotations


from kivy.app import App
from kivy.clock import Clock
from kivy.properties import ObjectProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.benefits import result_wording as bwords
from kiosk.benefits.answers import household_from_state
from kiosk.benefits.check import check
from kiosk.benefits.rates import today
from kiosk.benefits.flow import RESULTS
from kiosk.jobs.phone_link import TooLongForQr, qr_matrix
from screens.printing import print_document
from screens.base import KioskScreen, show_only
from screens.benefits.widgets import flow_state
from screens.qr_code import qr_texture
from screens.read_aloud import page_parts
from screens.widgets import running_app



#: Cards and rows the warm-up makes ahead of the first results: more likely benefits than most households have,
#: and an unlikely row for every other benefit of the nation with the most (35, Scotland).
SPARE_CARDS = 10
SPARE_ROWS = 30
#: Benefit cards shown in the frame that answers "See results"; the rest come on the next frame (``show_results``).
#: Two fill a landscape screen below the total at standard text size.
FIRST_CARDS = 2


class BenefitCard(BoxLayout):
    """One benefit the person may get: amount, reason, the working, next steps and a QR code to claim."""

    result = ObjectProperty(None, allownone=True)
    texture = ObjectProperty(None, allownone=True)


class UnlikelyRow(BoxLayout):
    """One benefit the person is unlikely to get, with the reason."""

    result = ObjectProperty(None, allownone=True)


class BenefitsResultsScreen(KioskScreen):
    """The results page. ``results`` is a ``kiosk.benefits.check.Results`` (None before a check)."""

    results = ObjectProperty(None, allownone=True)
    #: The office's local help entries (from the central service's office config), shown under the results.
    local_help = ObjectProperty(())

    def __init__(self, **kwargs) -> None:
        # The rest of the page, waiting for the frame after the top (``show_results``).
        self._rest = None
        super().__init__(**kwargs)
        # Cards and rows not showing now, kept (holding no result) for the next results.
        self._spare: dict[type, list] = {BenefitCard: [], UnlikelyRow: []}
        # QR codes of claim pages by address: the same few pages come up for every household.
        self._codes: dict[str, object] = {}

    def on_pre_enter(self, *_args) -> None:
        """Check the household the answers describe and show what was found."""
        state = flow_state(running_app())
        if state.node != RESULTS:  # not every question answered yet: nothing to work out
            self.reset()
            show_only(self.ids.column, [self.ids.title, self.ids.notice, self.ids.full_check_title,
                                        self.ids.full_check])
            return
        app = App.get_running_app()
        office = app.services.office()
        self.local_help = office.local_help
        self.show_results(check(household_from_state(state), state.on_date or today(), office_lha=office.lha,
                                rates_folder=office.rates_folder, office_ctr=office.council_tax))
        app.services.count_once(app.session, "benefit_check_completed")

    def show_results(self, results) -> None:
        """Lay out the total and the cards of the first benefits they may get; the other cards, the unlikely ones,
        local help and the rest of the page follow on the next frame (``_show_rest``).

        Why a frame later: drawing the text of the whole page in the frame that answers "See results" took
        205-266 ms with software GL (bench/journeys.py), most of it text far below the fold that nobody can see
        before they scroll. The top of the page shows first, as a web page's does.

        :param results: ``kiosk.benefits.check.Results``.
        """
        self.results = results
        ids = self.ids
        self._show_cards(results.eligible[:FIRST_CARDS])
        self._fill(ids.unlikely, UnlikelyRow, 0)
        shown = [ids.title, ids.read_page, ids.notice, ids.actions, ids.eligible if results.eligible
                 else ids.none_likely]
        if ids.total.text:
            shown[1:1] = [ids.total_intro, ids.total]
        if results.provisional:
            shown.insert(shown.index(ids.notice) + 1, ids.provisional)
        show_only(ids.column, shown)
        ids.page.scroll_y = 1
        self._cancel_rest()
        self._rest = Clock.schedule_once(lambda _dt: self._show_rest(results, shown), 0)

    def _show_rest(self, results, shown: list) -> None:
        """The part of the page below the first cards: the other benefits they may get, what they are unlikely to
        get and why, local help, the full check, "Was this useful?" and the buttons at the end.

        :param results: the results ``show_results`` was given (the page may have been cleared since: then nothing).
        :param shown: what ``show_results`` showed.
        """
        self._rest = None
        if results is not self.results or App.get_running_app() is None:  # cleared, or the kiosk has stopped
            return
        ids = self.ids
        self._show_cards(results.eligible)
        for row, result in zip(self._fill(ids.unlikely, UnlikelyRow, len(results.unlikely)), results.unlikely):
            row.result = result
        shown = list(shown)
        if results.unlikely:
            shown += [ids.unlikely_title, ids.unlikely]
        if self._show_local_help():
            shown += [ids.local_help_title, ids.local_help]
        shown += [ids.full_check_title, ids.full_check, ids.useful, ids.actions_end]
        show_only(ids.column, shown)

    def _show_cards(self, eligible) -> None:
        """A card for each of ``eligible``; cards already showing the same result are left as they are."""
        for card, result in zip(self._fill(self.ids.eligible, BenefitCard, len(eligible)), eligible):
            if card.result is not result:
                card.ids.working.open = False
                card.result, card.texture = result, self._claim_code(result.claim_url)

    def _cancel_rest(self) -> None:
        """Forget the rest of a page not yet shown."""
        if self._rest is not None:
            self._rest.cancel()
            self._rest = None

    def _fill(self, box, kind, count: int) -> list:
        """``count`` widgets of ``kind`` in ``box``, in order: those already there, then spare ones, then new ones;
        any beyond ``count`` are taken out, emptied and kept.

        :param box: the layout holding them.
        :param kind: ``BenefitCard`` or ``UnlikelyRow``.
        """
        made = list(reversed(box.children))
        for widget in made[count:]:
            box.remove_widget(widget)
            widget.result = None
            if isinstance(widget, BenefitCard):
                widget.texture = None
            self._spare[kind].append(widget)
        for _ in range(count - len(made)):
            widget = self._spare[kind].pop() if self._spare[kind] else kind()
            box.add_widget(widget)
            made.append(widget)
        return made[:count]

    def make_spare(self, cards: int = SPARE_CARDS, rows: int = SPARE_ROWS) -> None:
        """Make cards and rows ahead of the first results (the warm-up does, on the attract screen), kept aside empty.

        :param cards: benefit cards in all, those showing included.
        :param rows: rows of unlikely benefits in all, those showing included.
        """
        for kind, box, count in ((BenefitCard, self.ids.eligible, cards), (UnlikelyRow, self.ids.unlikely, rows)):
            while len(self._spare[kind]) + len(box.children) < count:
                self._spare[kind].append(kind())

    def make_claim_codes(self) -> None:
        """Make the QR code of every benefit's claim page in every nation, ahead of the first results (the warm-up
        does, on the attract screen): 49 addresses, ~300 ms, kept for the kiosk's life like those made on a visit."""
        from kiosk.benefits.definitions import all_benefits
        for item in all_benefits():
            for nation in item.nations:
                self._claim_code(item.for_nation(nation).claim_url)

    def _claim_code(self, url: str):
        """The QR code texture of a claim page (made once for each address), or None."""
        if url and url not in self._codes:
            self._codes[url] = _claim_code(url)
        return self._codes.get(url)

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads, in order: the total, then each benefit (its name, amount, why, what to
        do next and how to claim, without the web address), then the rest of the page as it shows. The working is
        read only when it is open, as it shows."""
        ids = self.ids
        order = [ids.title]
        if ids.total.parent is not None:
            order += [ids.total_intro, ids.total]
        order += [ids.notice] + ([ids.provisional] if ids.provisional.parent is not None else [])
        parts = [(widget, widget.text) for widget in order]
        language = running_app().t.language
        for card in reversed(ids.eligible.children):
            c = card.ids
            parts += [(w, w.text) for w in (c.name, c.amount, c.reason, c.next_title, c.next_steps) if w.text]
            if card.texture is not None:
                parts.append((c.claim, bwords.joined([running_app().t["benefits.results.claim"],
                                                      bwords.claim_words(card.result, language)])))
            if c.working.open:
                parts += [(c.working.ids.summary, c.working.summary), (c.working.ids.text, c.working.text)]
        if ids.none_likely.parent is not None:
            parts.append((ids.none_likely, ids.none_likely.text))
        rest = [ids.unlikely_title, ids.unlikely, ids.local_help_title, ids.local_help, ids.full_check_title,
                ids.full_check]
        for widget in rest:
            if widget.parent is not None:
                parts += page_parts(widget) if widget.children else [(widget, widget.text)]
        return parts + ids.useful.read_parts()

    def _show_local_help(self) -> bool:
        """Fill in the office's local help; False if it has none."""
        box = self.ids.local_help
        box.clear_widgets()
        for item in self.local_help:
            box.add_widget(LocalHelpEntry(item=item))
        return bool(self.local_help)

    def print_results(self) -> None:
        """"Print my results" through the kiosk's printer, and say what happened."""
        app = running_app()
        # Imported here, not at the top: fpdf2 costs memory and start-up time most people never need.
        from kiosk.benefits.printout import benefits_pdf
        print_document(app, lambda large: benefits_pdf(app.t, self.results, large_print=large),
                       app.t["benefits.results.printed_title"],
                       lambda: app.services.count("benefits_printed"), what="benefits printout")

    def can_print_for_customer(self) -> bool:
        """Results are showing."""
        return self.results is not None

    def print_for_customer(self) -> None:
        """Staff tools print the results."""
        self.print_results()

    def change_answers(self) -> None:
        """Back to "Check your answers"."""
        running_app().nav.return_to("benefits_answers")

    def reset(self) -> None:
        """Drop the results, their cards and their QR codes."""
        super().reset()
        self._cancel_rest()
        self.results = None
        self._fill(self.ids.eligible, BenefitCard, 0)
        self._fill(self.ids.unlikely, UnlikelyRow, 0)


class LocalHelpEntry(BoxLayout):
    """One organisation from the office's local help: its name, what it does, its phone and web address."""

    item = ObjectProperty({})

    def words(self, app, _t) -> str:
        """What it does (in Welsh when the office gave Welsh), then how to reach it.

        :param app: the KioskApp (its catalogue is the person's).
        :param _t: the catalogue again, passed by the .kv rule so that a change of language redraws the text.
        """
        item = self.item
        about = item.get("about_cy") if _t.language == "cy" and item.get("about_cy") else item.get("about_en")
        lines = [about or ""]
        if item.get("phone"):
            lines.append(app.t.text("benefits.local_help.phone", phone=item["phone"]))
        if item.get("url"):
            lines.append(app.t.text("benefits.local_help.web", url=item["url"]))
        return "\n".join(line for line in lines if line)


def _claim_code(url: str):
    """The QR code texture of a claim page, or None."""
    if not url:
        return None
    try:
        return qr_texture(qr_matrix(url))
    except TooLongForQr:
        return None

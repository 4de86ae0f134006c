"""The results of the benefits check: what the person may get (biggest first), how each was worked out, what to
do next with a QR code to claim, what they are unlikely to get and why, Print, and a plain "this is an estimate".

The figures come from ``kiosk.benefits.check.check`` for the household the answers describe; nothing is worked
out here.
"""

from __future__ import annotations


from kivy.app import App
from kivy.properties import ObjectProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.benefits.answers import household_from_state
from kiosk.benefits.check import check
from kiosk.benefits.rates import today
from kiosk.benefits.flow import RESULTS
from kiosk.jobs.phone_link import TooLongForQr, qr_matrix
from screens.printing import print_document
from screens.base import KioskScreen, show_only
from screens.benefits.widgets import flow_state
from screens.qr_code import qr_texture
from screens.widgets import running_app



class BenefitCard(BoxLayout):
    """One benefit the person may get: amount, reason, the working, next steps and a QR code to claim."""

    result = ObjectProperty(None)
    texture = ObjectProperty(None, allownone=True)


class UnlikelyRow(BoxLayout):
    """One benefit the person is unlikely to get, with the reason."""

    result = ObjectProperty(None)


class BenefitsResultsScreen(KioskScreen):
    """The results page. ``results`` is a ``kiosk.benefits.check.Results`` (None before a check)."""

    results = ObjectProperty(None, allownone=True)
    #: The office's local help entries (from the central service's office config), shown under the results.
    local_help = ObjectProperty(())

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
        """Lay out one card per benefit they may get, then the unlikely ones.

        :param results: ``kiosk.benefits.check.Results``.
        """
        self.results = results
        ids = self.ids
        ids.eligible.clear_widgets()
        ids.unlikely.clear_widgets()
        for result in results.eligible:
            ids.eligible.add_widget(BenefitCard(result=result, texture=_claim_code(result.claim_url)))
        for result in results.unlikely:
            ids.unlikely.add_widget(UnlikelyRow(result=result))
        shown = [ids.title, ids.notice, ids.eligible if results.eligible else ids.none_likely, ids.actions]
        if results.provisional:
            shown.insert(2, ids.provisional)
        if results.unlikely:
            shown += [ids.unlikely_title, ids.unlikely]
        if self._show_local_help():
            shown += [ids.local_help_title, ids.local_help]
        shown += [ids.full_check_title, ids.full_check, ids.actions_end]
        show_only(ids.column, shown)
        ids.page.scroll_y = 1

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
        self.results = None
        self.ids.eligible.clear_widgets()
        self.ids.unlikely.clear_widgets()


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

""""Was this useful?" at the end of a journey: one touch on Yes or No, then perhaps one touch on a reason.

    UsefulQuestion:            # in a journey's last page (.kv)
        journey: "benefits"    # one of sync.feedback_events.JOURNEYS

Each touch counts one anonymous usage event (``feedback.<journey>.<answer or reason>.<language>``): no free text,
no person, no session. A person answers each journey once a visit; the wipe makes the question new again.
"""

from __future__ import annotations

from kivy.app import App
from kivy.properties import OptionProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from screens.base import show_only
from screens.read_aloud import page_parts
from screens.widgets import KButton

#: The reasons offered after each answer, in the order shown (``sync.feedback_events.REASONS``: the protocol's
#: list; screens/ does not import sync/, so a test keeps the two the same).
REASONS = {"yes": ("easy", "found_it", "saved_time"), "no": ("hard_to_use", "not_found", "hard_words", "too_slow")}


class UsefulQuestion(BoxLayout):
    """The question, its two answers, then the reasons for the answer given, then thanks."""

    journey = StringProperty("")
    #: "" not answered; "yes" or "no".
    answer = OptionProperty("", options=("", "yes", "no"))
    #: The reason touched, once one is.
    reason = StringProperty("")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._ready = False
        app = App.get_running_app()
        if app is not None and getattr(app, "session", None) is not None:
            app.session.on_wipe(lambda _reason: self.reset())
            app.bind(t=lambda *_args: self._show())  # the reasons' words in the person's language

    def on_kv_post(self, base_widget) -> None:
        """Show the rows that apply."""
        self._ready = True
        self._show()

    def on_answer(self, *_args) -> None:
        """Show the reasons for the answer."""
        self._show()

    def on_reason(self, *_args) -> None:
        """Show the thanks alone."""
        self._show()

    def _show(self) -> None:
        """Only the rows that apply are in the layout: Yes and No; then thanks and the reasons; then thanks alone.
        (A row hidden by size would still be a target on the screen.)"""
        if not self._ready:
            return
        ids = self.ids
        show_only(self, [ids.question, ids.answers] if not self.answer else
                  [ids.question, ids.thanks] + ([] if self.reason else [ids.reasons]))
        reasons = ids.reasons
        reasons.clear_widgets()
        if self.answer and not self.reason:
            t = App.get_running_app().t
            for reason in REASONS[self.answer]:
                # Full width, the words wrapping: a long Welsh reason at 200 % text is wider than a portrait screen.
                button = KButton(kind="secondary", text=t[f"useful.reason.{reason}"])
                button.reason = reason
                button.bind(on_release=lambda pressed: self.give_reason(pressed.reason))
                reasons.add_widget(button)

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads of the question where its page is read: the words that show (the
        question, then thanks), and the answers offered, as they are what the question is for."""
        if self.parent is None:
            return []
        return page_parts(self, buttons=True)

    def reset(self) -> None:
        """Ask afresh (the next person)."""
        self.answer, self.reason = "", ""

    def choose(self, answer: str) -> None:
        """Yes or No: counted once, then the reasons for it are offered.

        :param answer: "yes" or "no".
        """
        if self.answer:
            return
        self.answer = answer
        self._count(answer)

    def give_reason(self, reason: str) -> None:
        """One reason for the answer: counted once.

        :param reason: one of ``REASONS[self.answer]``.
        """
        if self.answer and not self.reason and reason in REASONS[self.answer]:
            self.reason = reason
            self._count(reason)

    def _count(self, choice: str) -> None:
        app = App.get_running_app()
        app.services.count(f"feedback.{self.journey}.{choice}.{app.lang}")

""""Check your answers": every answer on the person's route, each with Change, then on to the results."""

from __future__ import annotations

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.benefits import flow as benefits_flow
from screens.base import KioskScreen
from screens.benefits.widgets import flow_state, keep_state
from screens.widgets import running_app


#: Rows the warm-up makes ahead of the first "Check your answers": a couple with children answers about 30 questions.
SPARE_ROWS = 30


class AnswerRow(BoxLayout):
    """One answer: the question, what was answered and a Change button."""

    question = ObjectProperty(None, allownone=True)
    answer = ObjectProperty(None, allownone=True)
    key = StringProperty("")
    #: Which child a question asked once per child was about: (message key, its numbers) or None.
    caption = ObjectProperty(None, allownone=True)


class BenefitsAnswersScreen(KioskScreen):
    """The list of answers; Change goes back to one question and then returns here."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spare_rows: list[AnswerRow] = []

    def make_spare_rows(self, count: int = SPARE_ROWS) -> None:
        """Make rows ahead of the first visit (the warm-up does, on the attract screen), kept aside holding no answer.

        :param count: rows in all, those showing included.
        """
        while len(self._spare_rows) + len(self.ids.rows.children) < count:
            self._spare_rows.append(AnswerRow())

    def on_pre_enter(self, *_args) -> None:
        """List the answers as they are now."""
        self.show_answers()

    def show_answers(self) -> None:
        """One row per answered question on the route, in order."""
        rows = self.ids.rows
        state = flow_state(running_app())
        answered = list(benefits_flow.answered(state))
        # The rows already made are given the new answers: making 30 rows from their kv rule on every visit cost
        # a few hundred ms with software GL, and coming back from Change shows nearly the same list.
        made = list(reversed(rows.children))
        for row in made[len(answered):]:
            rows.remove_widget(row)
            # Kept for a longer route (a couple's is ten rows longer than a single person's), holding no answer.
            row.question, row.answer, row.caption, row.key = None, None, None, ""
            self._spare_rows.append(row)
        for index, (question, answer) in enumerate(answered):
            caption = benefits_flow.caption(state, question.key)
            if index >= len(made):
                row = self._spare_rows.pop() if self._spare_rows else AnswerRow()
                row.answer, row.key, row.caption, row.question = answer, question.key, caption, question
                rows.add_widget(row)
                continue
            row = made[index]
            if row.question is not question:
                row.question = None  # the words are made from question and answer together: never a mismatch
            row.answer, row.key, row.caption = answer, question.key, caption
            row.question = question
            row.property("answer").dispatch(row)  # an answer changed in place still shows as it is now
        self.ids.page.scroll_y = 1

    def change(self, key: str) -> None:
        """Go back to one question; once it is answered the person returns here.

        :param key: the question's key.
        """
        app = running_app()
        keep_state(app, benefits_flow.change(flow_state(app), key))
        app.nav.go("benefits_question")

    def see_results(self) -> None:
        """Work out the results and show them."""
        running_app().nav.go("benefits_results")

    def go_back(self) -> bool:
        """Back: the last question again."""
        app = running_app()
        keep_state(app, benefits_flow.back(flow_state(app)))
        app.nav.return_to("benefits_question")
        return True

    def reset(self) -> None:
        """No answers shown."""
        super().reset()
        for row in list(self.ids.rows.children):
            self.ids.rows.remove_widget(row)
            row.question, row.answer, row.caption, row.key = None, None, None, ""
            self._spare_rows.append(row)

""""Check your answers": every answer on the person's route, each with Change, then on to the results."""

from __future__ import annotations

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.benefits import flow as benefits_flow
from screens.base import KioskScreen
from screens.benefits.widgets import flow_state, keep_state
from screens.widgets import running_app


class AnswerRow(BoxLayout):
    """One answer: the question, what was answered and a Change button."""

    question = ObjectProperty(None)
    answer = ObjectProperty(None, allownone=True)
    key = StringProperty("")
    #: Which child a question asked once per child was about: (message key, its numbers) or None.
    caption = ObjectProperty(None, allownone=True)


class BenefitsAnswersScreen(KioskScreen):
    """The list of answers; Change goes back to one question and then returns here."""

    def on_pre_enter(self, *_args) -> None:
        """List the answers as they are now."""
        self.show_answers()

    def show_answers(self) -> None:
        """One row per answered question on the route, in order."""
        rows = self.ids.rows
        rows.clear_widgets()
        state = flow_state(running_app())
        for question, answer in benefits_flow.answered(state):
            rows.add_widget(AnswerRow(question=question, answer=answer, key=question.key,
                                      caption=benefits_flow.caption(state, question.key)))
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
        self.ids.rows.clear_widgets()

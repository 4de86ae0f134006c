"""The first page of the benefits check: what it does, that it is an estimate, how long it takes, and Start."""

from screens.base import KioskScreen
from screens.benefits.widgets import flow_state
from screens.widgets import running_app


class BenefitsStartScreen(KioskScreen):
    """"Check what benefits you could get": Start opens the first question (or where the person left off)."""

    def begin_check(self) -> None:
        """Start (or carry on with) the questionnaire."""
        app = running_app()
        state = flow_state(app)
        app.nav.go("benefits_answers" if state.node == "results" else "benefits_question")

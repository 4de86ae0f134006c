"""The CV builder's first page: what it is, how long it takes, and every step to start from or come back to."""

from __future__ import annotations

from kivy.properties import BooleanProperty, ListProperty

from kiosk.cv.steps import STEPS, has_content
from screens.cv.widgets import CvScreen
from screens.widgets import running_app


class CvStartScreen(CvScreen):
    """"Make a CV": Start (or Carry on), the list of steps, each "Done" or "Not started", and See my CV."""

    started = BooleanProperty(False)
    done = ListProperty([])

    def on_pre_enter(self, *_args) -> None:
        """Mark the steps that hold something "Done"; "Carry on" instead of "Start" once there is something."""
        self.done = [has_content(self.cv, step) for step in STEPS]
        self.started = any(self.done)

    def open_step(self, step: str) -> None:
        """Open one step.

        :param step: one of ``kiosk.cv.steps.STEPS``.
        """
        running_app().nav.go(f"cv_{step}")

    def begin(self) -> None:
        """Start at the first step, or carry on at the first step still empty."""
        empty = [step for step, filled in zip(STEPS, self.done) if not filled]
        self.open_step(empty[0] if self.started and empty else STEPS[0])

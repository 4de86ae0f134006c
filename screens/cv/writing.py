"""CV steps written in the person's own words: the personal statement (with example sentences for their kind of
work to pick and change), interests, and references ("available on request" unless they give names)."""

from __future__ import annotations

from kivy.properties import BooleanProperty, ListProperty

from screens.cv.widgets import CvStepScreen
from screens.widgets import running_app


def example_statements(titles: list[str], language: str) -> list[str]:
    """Sentences for the kind of work in the CV's job titles (general ones without titles).

    :param titles: the work history's job titles.
    :param language: "en" or "cy".
    """
    from kiosk.cv.suggestions import statements_for  # loaded when first needed: most people never make a CV
    return list(statements_for(titles, language))


class CvTextStepScreen(CvStepScreen):
    """A step that is one piece of writing: the field ``ids.text`` holds the CV attribute named like the step."""

    def on_kv_post(self, base_widget) -> None:
        """Write the field into the CV as it is typed."""
        super().on_kv_post(base_widget)
        self.ids.text.bind(text=self._typed)

    def _typed(self, _field, text: str) -> None:
        setattr(self.cv, self.step, text)
        self.refresh_progress()

    def load(self) -> None:
        """Show what the CV holds."""
        self.ids.text.set_text(getattr(self.cv, self.step))


class CvStatementScreen(CvTextStepScreen):
    """"About you": a few sentences, started from examples if the person likes."""

    examples = ListProperty([])

    def load(self) -> None:
        """Show the statement and examples for the jobs in the work history (or general ones)."""
        super().load()
        self.examples = example_statements(self.cv.job_titles(), running_app().lang)

    def use_example(self, sentence: str) -> None:
        """Add an example sentence to the end of the statement, to be changed as the person likes.

        :param sentence: the example.
        """
        field = self.ids.text
        text = field.text.rstrip()
        joined = f"{text} {sentence}" if text else sentence
        if len(joined) > field.limit:
            field.message_key = "cvui.statement.full"
            return
        field.set_text(joined)
        running_app().access.speak(sentence)


class CvInterestsScreen(CvTextStepScreen):
    """Interests: optional, a line or two."""


class CvReferencesScreen(CvTextStepScreen):
    """References: "available on request" (the usual, and the default), or the names of people to ask."""

    giving_names = BooleanProperty(False)

    def load(self) -> None:
        """Show the choice the CV holds: names typed, or available on request."""
        super().load()
        self.giving_names = bool(self.cv.references.strip())

    def choose(self, giving_names: bool) -> None:
        """"Available on request" empties the names; "Give names" opens the field.

        :param giving_names: True to type the names of referees.
        """
        self.giving_names = giving_names
        if not giving_names:
            self.ids.text.set_text("")
            self.cv.references = ""
        self.refresh_progress()

"""Job search, first question: what job the person is looking for. The search itself comes with the job
search issue; until then "Search" leads to a plain "not ready yet" page."""

from kivy.app import App

from screens.base import KioskScreen


class JobSearchScreen(KioskScreen):
    """One question: "What job are you looking for?". The text lives in the session, not in this screen."""

    def on_text(self, text: str) -> None:
        """Keep the session's search text in step with the field.

        :param text: what the field holds now.
        """
        App.get_running_app().session.search_text = text

    def search(self) -> None:
        """Go on to the results."""
        App.get_running_app().go("jobs_results")

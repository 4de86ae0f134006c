"""The person's saved jobs: open one, remove one, send them all to a phone or print them all.

Saved jobs are session data (``session.saved_jobs``, vacancy ids); they are gone at the wipe.
"""

from __future__ import annotations

from kivy.properties import NumericProperty, ObjectProperty
from kivy.uix.boxlayout import BoxLayout

from screens.base import KioskScreen, show_only
from screens.jobs.detail import open_job
from screens.jobs.panels import print_jobs, show_phone_code
from screens.read_aloud import page_parts
from screens.widgets import running_app


class SavedJob(BoxLayout):
    """A saved job's row with its own Remove button."""

    job = ObjectProperty(None, allownone=True)
    screen = ObjectProperty(None, allownone=True)


class ShortlistScreen(KioskScreen):
    """Every saved job that is still open, in the order it was saved."""

    count = NumericProperty(0)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._vacancies: list[dict] = []

    def on_pre_enter(self, *_args) -> None:
        """Show the saved jobs as they are now."""
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the session (a job that has closed since it was saved is left out)."""
        app = running_app()
        search = app.services.job_search
        found = [search.vacancy(job_id) for job_id in app.session.saved_jobs] if search is not None else []
        self._vacancies = [vacancy for vacancy in found if vacancy is not None]
        self.count = len(self._vacancies)
        rows = self.ids.rows
        rows.clear_widgets()
        for vacancy in self._vacancies:
            rows.add_widget(SavedJob(job=vacancy, screen=self))
        ids = self.ids
        show_only(ids.column, [ids.heading, ids.read_page, ids.note, ids.rows, ids.actions] if self.count
                  else [ids.heading, ids.read_page, ids.empty])

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the heading and the note, then each saved job's title, employer,
        place and pay, as the jobs found are read (not its Remove button, nor the buttons under the list); with no
        saved jobs, the page as shown (``app.reader``)."""
        if not self.count:
            return page_parts(self)
        ids = self.ids
        parts = [(ids.heading, ids.heading.text), (ids.note, ids.note.text)]
        for saved in reversed(ids.rows.children):
            title, employer, place, pay = list(reversed(saved.ids.row.children))[:4]
            parts += [(label, label.text) for label in (title, employer, place, pay)]
        return parts

    def open_job(self, vacancy: dict) -> None:
        """Open one saved job.

        :param vacancy: its vacancy dict.
        """
        open_job(running_app(), vacancy["id"])

    def remove(self, vacancy: dict) -> None:
        """Take one job off the saved jobs.

        :param vacancy: its vacancy dict.
        """
        saved_jobs = running_app().session.saved_jobs
        if vacancy["id"] in saved_jobs:
            saved_jobs.remove(vacancy["id"])
        self.refresh()

    def send_all_to_phone(self) -> None:
        """One QR code with every saved job."""
        if self._vacancies:
            show_phone_code(running_app(), self._vacancies, several=True)

    def print_all(self) -> None:
        """Print the saved jobs: each one's facts and how to apply."""
        if self._vacancies:
            print_jobs(running_app(), self._vacancies, full=False)

    def can_print_for_customer(self) -> bool:
        """There are saved jobs to print."""
        return bool(self._vacancies)

    def print_for_customer(self) -> None:
        """Staff tools print the saved jobs."""
        self.print_all()

    def reset(self) -> None:
        """Forget the list shown."""
        super().reset()
        self._vacancies = []
        self.count = 0
        self.ids.rows.clear_widgets()

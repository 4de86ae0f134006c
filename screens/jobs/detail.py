"""One job in full: its facts, how to apply, the whole advert, and Save, Send to my phone and Print.

The advert's text is the employer's own: it is shown as plain text (never Kivy markup), a paragraph to a label so
that a very long advert scrolls instead of outgrowing the graphics card.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from kiosk.cv.suggestions import GENERAL, family_for_title, occupations
from kiosk.jobs.wording import paragraphs
from screens.base import KioskScreen, show_only
from screens.jobs.panels import print_jobs, show_phone_code
from screens.widgets import running_app
from screens.widgets import Body


def open_job(app, job_id: str, distance: float | None = None) -> None:
    """Show one job on the job page.

    :param app: the KioskApp.
    :param job_id: the vacancy's id.
    :param distance: miles from the place searched, if there was one.
    """
    app.sm.get_screen("job_detail").show_job(job_id, distance)
    app.nav.go("job_detail")


class JobDetailScreen(KioskScreen):
    """The job page. ``vacancy`` is the dict from ``JobSearch.vacancy`` (None when the job has closed)."""

    vacancy = ObjectProperty(None, allownone=True)
    saved = BooleanProperty(False)
    saved_count = NumericProperty(0)
    #: The kind of work the job's title belongs to (``kiosk.cv.suggestions.family_for_title``), or "".
    career_key = StringProperty("")
    career_name = StringProperty("")

    def show_job(self, job_id: str, distance: float | None = None) -> None:
        """Load a job to show.

        :param job_id: the vacancy's id.
        :param distance: miles from the place searched, if there was one.
        """
        search = running_app().services.job_search
        vacancy = search.vacancy(job_id) if search is not None else None
        if vacancy is not None:
            vacancy["distance_miles"] = distance
            running_app().services.count("job_viewed")
        self.vacancy = vacancy
        self._find_career()
        description = self.ids.description
        description.clear_widgets()
        for paragraph in paragraphs(vacancy["description"]) if vacancy else []:
            description.add_widget(Body(text=paragraph))
        ids = self.ids
        show_only(ids.column, [ids.title, ids.employer, ids.read_page, ids.facts, ids.saved_note, ids.actions,
                               *([ids.career] if self.career_key else []), ids.apply_heading, ids.apply,
                               ids.about_heading, ids.posted, ids.description, ids.useful]
                  if vacancy else [ids.closed])
        self.ids.page.scroll_y = 1

    def _find_career(self) -> None:
        family = family_for_title(self.vacancy["title"]) if self.vacancy else None
        self.career_key = family.key if family is not None and family.key != GENERAL else ""
        self._name_career()

    def _name_career(self, *_args) -> None:
        family = occupations().families.get(self.career_key)
        self.career_name = family.name(running_app().lang) if family is not None else ""

    def on_kv_post(self, base_widget) -> None:
        """Name the job's career again when the language changes."""
        super().on_kv_post(base_widget)
        app = running_app()
        if app is not None:
            app.bind(lang=self._name_career)

    def explore_career(self) -> None:
        """Open the page of this job's kind of work."""
        if self.career_key:
            from screens.careers.choose import open_career  # the careers part loads when first needed
            open_career(running_app(), self.career_key)

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads, in order: the title, employer, place, pay and hours (the facts), then
        the description, then the link to this kind of work's careers page when there is one, then how to apply
        (``app.reader``)."""
        if self.vacancy is None:
            return [(self.ids.closed, self.ids.closed.text)]
        ids = self.ids
        order = [ids.title, ids.employer, *reversed(ids.facts.children), ids.about_heading, ids.posted,
                 *reversed(ids.description.children), *([ids.career] if self.career_key else []),
                 ids.apply_heading, *reversed(ids.apply.children)]
        return [(widget, widget.text) for widget in order] + ids.useful.read_parts()

    def on_pre_enter(self, *_args) -> None:
        """Show whether this job is saved, and how many are."""
        self._update_saved()

    def _update_saved(self) -> None:
        saved_jobs = running_app().session.saved_jobs
        self.saved = self.vacancy is not None and self.vacancy["id"] in saved_jobs
        self.saved_count = len(saved_jobs)

    def toggle_save(self) -> None:
        """"Save this job", or take it off the saved jobs if it is already there."""
        if self.vacancy is None:
            return
        saved_jobs = running_app().session.saved_jobs
        if self.vacancy["id"] in saved_jobs:
            saved_jobs.remove(self.vacancy["id"])
        else:
            saved_jobs.append(self.vacancy["id"])
            running_app().services.count("job_saved")
        self._update_saved()

    def send_to_phone(self) -> None:
        """Show a QR code of this job for the person's phone."""
        if self.vacancy is not None:
            show_phone_code(running_app(), [self.vacancy])

    def print_job(self) -> None:
        """Print this job, description and all."""
        if self.vacancy is not None:
            print_jobs(running_app(), [self.vacancy], full=True)

    def can_print_for_customer(self) -> bool:
        """A job is showing."""
        return self.vacancy is not None

    def print_for_customer(self) -> None:
        """Staff tools print the job in full."""
        self.print_job()

    def reset(self) -> None:
        """Forget the job shown."""
        super().reset()
        self.vacancy = None
        self.saved, self.saved_count = False, 0
        self.career_key, self.career_name = "", ""
        self.ids.description.clear_widgets()

"""A page of the ONS's list of jobs: one SOC 2020 unit group that none of the kiosk's careers covers ("Nurses",
"Programmers"), found with "Find any job". It says what the work involves, its tasks and typical ways in, in the
ONS's words (English only: the page says so, in Welsh too), then the vacancies near the office now and their pay,
from the kiosk's own cache, with buttons that search for the job titles the ONS lists in the group.
"""

from __future__ import annotations

from kivy.properties import StringProperty

from kiosk.careers.soc2020 import unit_groups
from screens.base import KioskScreen, show_only
from screens.careers.career import (JOB_TITLES, career_page_parts, fill_job_buttons, task_lines,
                                    vacancies_near_office, vacancy_lines)
from screens.widgets import running_app

def open_unit_group(app, code: str) -> None:
    """Show one unit group's page.

    :param app: the KioskApp.
    :param code: a four-digit SOC 2020 unit group that is packaged.
    """
    app.sm.get_screen("career_ons").show_group(code)
    app.nav.go("career_ons")


class OnsCareerScreen(KioskScreen):
    """The page of one unit group; ``code`` is the group shown ("" before one is chosen)."""

    code = StringProperty("")
    group_title = StringProperty("")

    def on_kv_post(self, base_widget) -> None:
        """Word the page again when the language changes (our words change; the ONS's stay English)."""
        super().on_kv_post(base_widget)
        app = running_app()
        if app is not None:
            app.bind(lang=lambda *_args: self._show())

    def show_group(self, code: str) -> None:
        """Show a unit group, counted once a session as a page of the ONS's list read.

        :param code: a packaged unit group's code.
        """
        self.code = code
        self._show()
        self.ids.page.scroll_y = 1
        app = running_app()
        if code in unit_groups():
            app.services.count_once(app.session, "career_ons_viewed")

    def _show(self) -> None:
        group = unit_groups().get(self.code)
        if group is None:
            return
        app = running_app()
        t, ids = app.t, self.ids
        self.group_title = group.title
        ids.description.text = group.description
        ids.tasks.lines = task_lines(group.tasks)
        ids.entry.text = group.entry_routes
        titles = group.job_titles()
        stats, place = vacancies_near_office(app, titles)
        ids.vacancies.lines = vacancy_lines(t, stats, place)
        fill_job_buttons(ids.job_titles, titles[:JOB_TITLES] if stats is not None else [])
        show_only(ids.column, [ids.heading, ids.read_page, ids.source, ids.involves_heading,
                               *([ids.description] if group.description else []), ids.tasks, ids.routes_heading,
                               *([ids.entry] if group.entry_routes else []), ids.apprenticeship, ids.jobs_heading,
                               ids.vacancies, *([ids.job_titles_intro, ids.job_titles] if ids.job_titles.children
                                                else []), ids.young, ids.useful])

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the page in the order shown, the job titles as the choices they
        are, and "Was this useful?"."""
        return career_page_parts(self.ids)

    def reset(self) -> None:
        """Forget the group shown."""
        super().reset()
        self.code, self.group_title = "", ""

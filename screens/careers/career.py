"""One career's page: what the job involves, its main skills, ways in, the vacancies for it near this kiosk now and
their advertised pay, the jobs to look at ("jobs like this"), careers like it, and the young people's page.

Everything comes from ``kiosk.careers`` and the CV builder's job families; the vacancy count and pay are read from
the kiosk's own vacancy cache, near the office's place (``kiosk.place``), each time the page is shown.
Careers like this open on this same page: Back goes through them first, the way the person came.
"""

from __future__ import annotations

from kivy.app import App
from kivy.properties import ListProperty, StringProperty

from kiosk.careers.related import careers_like
from kiosk.careers.routes import routes_for
from kiosk.careers.soc2020 import UnitGroup, unit_groups_for
from kiosk.careers.vacancy_stats import VacancyStats, titles_stats
from kiosk.cv.suggestions import occupations
from kiosk.jobs.query import JobQuery
from kiosk.jobs.wording import money
from screens.base import KioskScreen, show_only
from screens.careers.young import web_address
from screens.patterns import Link
from screens.read_aloud import is_within, page_parts
from screens.widgets import KButton, running_app

#: The main skills shown: the family's most relevant ones.
MAIN_SKILLS = 8
#: The ONS tasks shown: its first few, which are the main ones.
ONS_TASKS = 5
#: The job titles offered under "Look for these jobs".
JOB_TITLES = 3
METRES_PER_MILE = 1609.344
BULLET = "\u2022 "
#: The initialisms among the job families' keywords (assets/cv/occupations.toml), which are all in lower case.
INITIALISMS = frozenset({"c+e", "cctv", "cnc", "flt", "hgv", "ict", "it", "lgv", "mot", "pcv"})


def vacancy_lines(t, stats: VacancyStats | None, place: str) -> list[str]:
    """How many vacancies there are for the career now, and their advertised pay, in words.

    :param t: the person's catalogue.
    :param stats: the count and pay range, or None when the kiosk has no vacancies at all.
    :param place: the office's place name, or "" for everywhere the cache covers.
    """
    if stats is None:
        return [t["careers.no_vacancy_cache"]]
    near = "near" if place else "anywhere"
    lines = [t.plural(f"careers.vacancies_{near}", stats.count, place=place) if stats.count else
             t.text(f"careers.vacancies_none_{near}", place=place)]
    if stats.pay_low is not None and stats.pay_high is not None:
        if stats.pay_low == stats.pay_high:
            lines.append(t.text("careers.pay_one", pay=money(stats.pay_low)))
        else:  # the low end is often a part-time job's: said, so nobody takes it for a full-time wage
            lines.append(t.text("careers.pay_range", low=money(stats.pay_low), high=money(stats.pay_high)))
            lines.append(t["careers.pay_note"])
    return lines


def as_title(keyword: str) -> str:
    """A job-title keyword as a button shows it: a capital first letter, and initialisms in capitals ("HGV",
    "IT technician", "Care worker").

    :param keyword: a keyword as ``assets/cv/occupations.toml`` has it, in lower case.
    """
    words = [word.upper() if word in INITIALISMS else word for word in keyword.split(" ")]
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def task_lines(tasks) -> list[str]:
    """The ONS's tasks as the page's bullet lines: the ONS writes them from a small letter ("assists ...").

    :param tasks: a unit group's tasks.
    """
    return [BULLET + task[:1].upper() + task[1:] for task in tasks]


def job_titles(family) -> list[str]:
    """The job titles to search for this career's jobs: its first few keywords, as titles ("Care assistant", "HGV").

    :param family: a job family.
    """
    return [as_title(keyword) for keyword in family.keywords[:JOB_TITLES]]


def vacancies_near_office(app, titles: list[str]) -> tuple[VacancyStats | None, str]:
    """How many open vacancies hold one of these job titles near the office's place (or anywhere), with their pay,
    and that place's name; None when the kiosk has no vacancies at all.

    :param app: the KioskApp.
    :param titles: the career's job titles.
    """
    search = app.services.job_search
    if search is None:
        return None, ""
    wanted = app.settings["kiosk.place"]
    place = app.services.places.resolve(wanted) if wanted and app.services.places is not None else None
    near = (place.easting, place.northing) if place is not None else None
    radius_m = JobQuery().radius_miles * METRES_PER_MILE  # the job search's own distance, so the two agree
    return titles_stats(search.db, titles, search.today(), near=near, radius_m=radius_m), \
        place.name if place is not None else ""


def fill_job_buttons(box, titles: list[str]) -> None:
    """"Look for these jobs": a button for each job title, which runs the job search for it.

    :param box: the row to fill.
    :param titles: the job titles, as shown and searched.
    """
    box.clear_widgets()
    for title in titles:
        button = KButton(text=title, kind="secondary", fit=True)
        button.bind(on_release=lambda pressed: search_jobs(running_app(), pressed.text))
        box.add_widget(button)


def search_jobs(app, title: str) -> None:
    """The job search's results for a job title, near the office, from a careers page (Back returns to it).

    :param app: the KioskApp.
    :param title: the job title.
    """
    app.session.search_text = title
    if app.settings["kiosk.place"]:
        app.session.search_place = app.settings["kiosk.place"]
    app.services.count("career_jobs_searched")
    app.sm.get_screen("jobs_results").page = 0
    app.nav.go("jobs_results")


def career_page_parts(ids) -> list[tuple[object, str]]:
    """What "Read this page aloud" reads on a career's page: the page in the order shown, its buttons as the
    choices they are, and "Was this useful?" as that question reads itself (the young people's button is a way on,
    not part of the page).

    :param ids: the page's ids, with ``column``, ``useful`` and ``young``.
    """
    parts = [part for part in page_parts(ids.column, buttons=True)
             if not is_within(part[0], ids.useful) and part[0] is not ids.young.__self__]
    return parts + ids.useful.read_parts()


class CareerScreen(KioskScreen):
    """The career page. ``family_key`` is the career shown ("" before one is chosen)."""

    family_key = StringProperty("")
    career_name = StringProperty("")
    #: The careers shown before this one on this page, for Back.
    trail = ListProperty([])

    def on_kv_post(self, base_widget) -> None:
        """Word the page again when the language changes."""
        super().on_kv_post(base_widget)
        app = App.get_running_app()
        if app is not None:
            app.bind(lang=lambda *_args: self._show())

    def show_career(self, family_key: str, *, from_here: bool = False) -> None:
        """Show a career: opened from elsewhere (a new way through the careers), or from "Careers like this" here.

        :param family_key: a key of the job families.
        :param from_here: True from a link on this page: Back comes to the career shown now.
        """
        if from_here and self.family_key and self.family_key != family_key:
            self.trail.append(self.family_key)
        elif not from_here:
            self.trail = []
        self._display(family_key)

    def go_back(self) -> bool:
        """Back: to the career shown before this one on this page, if there was one.

        :returns: True when Back was handled here.
        """
        if not self.trail:
            return False
        self._display(self.trail.pop())
        return True

    def _display(self, family_key: str) -> None:
        self.family_key = family_key
        self._show()
        self.ids.page.scroll_y = 1
        app = running_app()
        if family_key in occupations().families:
            app.services.count_once(app.session, f"career_viewed.{family_key}")

    def _show(self) -> None:
        family = occupations().families.get(self.family_key)
        if family is None:
            return
        app = running_app()
        t, language = app.t, app.lang
        ids = self.ids
        self.career_name = family.name(language)
        ids.duties.lines = [BULLET + pair[1 if language == "cy" else 0] for pair in family.duties]
        ids.skills.lines = [BULLET + skill.label(language) for skill in family.skills[:MAIN_SKILLS]]
        routes = []
        for route in routes_for(family.key):
            routes += [BULLET + route.text(language), t.text("careers.route_source", address=web_address(route.source))]
        ids.routes.lines = routes + [BULLET + t["careers.route_apprenticeship"]]
        ons = self._show_ons(t, unit_groups_for(family.key))
        stats, place = self._vacancies(family)
        ids.vacancies.lines = vacancy_lines(t, stats, place)
        self._fill_buttons(ids.job_titles, job_titles(family) if stats is not None else [])
        self._fill_links(careers_like(family.key))
        show_only(ids.column, [ids.heading, ids.read_page, ids.involves_heading, ids.involves_intro, ids.duties,
                               *([ids.ons_intro, ids.ons_tasks] if ons else []), ids.skills_heading, ids.skills,
                               ids.routes_heading, ids.routes, *([ids.ons_entry] if ons else []), ids.jobs_heading,
                               ids.vacancies, *([ids.job_titles_intro, ids.job_titles] if stats is not None else []),
                               *([ids.like_heading, ids.like] if ids.like.children else []), ids.young, ids.useful])

    def _show_ons(self, t, groups: tuple[UnitGroup, ...]) -> bool:
        """The main SOC 2020 group's tasks and ways in, in the ONS's words; False when there is no group to show."""
        ids = self.ids
        if not groups:
            ids.ons_intro.text, ids.ons_tasks.lines, ids.ons_entry.lines = "", [], []
            return False
        main = groups[0]
        ids.ons_intro.text = t.text("careers.ons_tasks_intro", group=main.title)
        ids.ons_tasks.lines = task_lines(main.tasks[:ONS_TASKS])
        ids.ons_entry.lines = [t["careers.ons_entry_intro"], main.entry_routes] if main.entry_routes else []
        return True

    def _vacancies(self, family) -> tuple[VacancyStats | None, str]:
        """The count and pay range near the office's place (or everywhere), and that place's name."""
        return vacancies_near_office(running_app(), list(family.keywords))

    def _fill_buttons(self, box, titles: list[str]) -> None:
        fill_job_buttons(box, titles)

    def _fill_links(self, families) -> None:
        box = self.ids.like
        box.clear_widgets()
        language = running_app().lang
        for family in families:
            link = Link(text=family.name(language))
            link.family_key = family.key
            link.bind(on_release=lambda pressed: self.show_career(pressed.family_key, from_here=True))
            box.add_widget(link)

    def search_jobs(self, title: str) -> None:
        """Jobs like this: the job search's results for one of the career's job titles, near the office.

        :param title: the job title.
        """
        search_jobs(running_app(), title)

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the page in the order shown, the job titles and careers like this as
        the choices they are, and "Was this useful?"."""
        return career_page_parts(self.ids)

    def reset(self) -> None:
        """Forget the career shown and the way here."""
        super().reset()
        self.family_key, self.career_name, self.trail = "", "", []


"""Jobs that match my CV: vacancies found from the CV's job titles and skills (``kiosk.cv.matching``), why each
matches, the skills each asks for that the CV does not mention, and a touch into the job's page.

The CV is only read here. Search is near the CV's town when it has one; when nothing matches there, anywhere.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.cv.wording import filled_skills, one_line
from screens.base import show_only
from screens.cv.widgets import CvScreen
from screens.jobs.detail import open_job
from screens.patterns import Link
from screens.widgets import running_app

#: The most matches listed.
MATCH_LIMIT = 20


def reason_lines(t, match) -> list[str]:
    """Why a vacancy matches, in the person's language: one line a job title or kind of work, one for skills.

    :param t: the person's catalogue.
    :param match: a ``kiosk.cv.matching.JobMatch``.
    """
    from kiosk.cv.suggestions import occupations
    lines: list[str] = []
    skills: list[str] = []
    for kind, value in match.reasons:
        if kind == "title":
            lines.append(t.text("cvout.reason.title", title=value))
        elif kind == "mentions":
            lines.append(t.text("cvout.reason.mentions", title=value))
        elif kind == "similar":
            family = occupations().families.get(value)
            if family is not None:
                lines.append(t.text("cvout.reason.similar", kind=family.name(t.language)))
        elif kind == "skill":
            skills.append(value)
    if skills:
        lines.append(t.text("cvout.reason.skills", skills=", ".join(skills)))
    return lines


def why_text(t, match) -> str:
    """The reasons as bulleted lines, for a row (the shipped font has no tick mark).

    :param t: the person's catalogue.
    :param match: a ``kiosk.cv.matching.JobMatch``.
    """
    return "\n".join("\u2022 " + line for line in reason_lines(t, match))


def gap_line(t, match) -> str:
    """"This job also asks for: ...", or "" when the CV covers every skill the advert names.

    :param t: the person's catalogue.
    :param match: a ``kiosk.cv.matching.JobMatch``.
    """
    if not match.gap:
        return ""
    return t.text("cvout.gap", skills=", ".join(skill.label(t.language) for skill in match.gap))


class CvMatchRow(ButtonBehavior, BoxLayout):
    """One matching job: title, employer and town, why it matches, and the skills gap; touch to open it."""

    match = ObjectProperty(None)

    def where(self) -> str:
        """"Employer, Town"."""
        return ", ".join(part for part in (self.match.employer, self.match.town) if part) if self.match else ""


class CvMatchesScreen(CvScreen):
    """The matches page. ``state`` is "matches", "far" (none near the CV's town), "none", "nothing_yet" or
    "no_jobs"."""

    state = StringProperty("nothing_yet")
    town = StringProperty("")
    has_matches = BooleanProperty(False)

    def on_kv_post(self, base_widget) -> None:
        """Name the careers again when the language changes."""
        super().on_kv_post(base_widget)
        app = running_app()
        if app is not None:
            app.bind(lang=lambda *_args: self._fill_careers(filled_skills(self.cv)) if self.ids.careers.children
                     else None)

    def on_pre_enter(self, *_args) -> None:
        """Find the jobs that match the CV as it stands now."""
        self.find()
        self.ids.page.scroll_y = 1

    def find(self) -> None:
        """Match the CV's job titles and skills against the vacancies, and list them."""
        app = running_app()
        cv = self.cv
        titles, skills = cv.job_titles(), filled_skills(cv)
        self.town = one_line(cv.contact.town)
        matches = []
        if app.services.job_search is None:
            self.state = "no_jobs"
        elif not titles and not skills:
            self.state = "nothing_yet"
        else:
            from kiosk.cv.matching import match_jobs  # loaded when first needed: most people never make a CV
            matches = match_jobs(app.services.job_search, titles, skills, MATCH_LIMIT, place=self.town)
            far = False
            if not matches and self.town:
                matches = match_jobs(app.services.job_search, titles, skills, MATCH_LIMIT)
                far = bool(matches)
            self.state = "far" if far else ("matches" if matches else "none")
        rows = self.ids.rows
        rows.clear_widgets()
        for match in matches:
            row = CvMatchRow(match=match)
            row.bind(on_release=self.open_row)
            rows.add_widget(row)
        self.has_matches = bool(matches)
        ids = self.ids
        shown = [ids.heading, ids.read_page]
        shown += {"matches": [ids.intro, ids.rows], "far": [ids.far, ids.rows], "none": [ids.none, ids.search],
                  "nothing_yet": [ids.nothing_yet, ids.add_row], "no_jobs": [ids.no_jobs]}[self.state]
        careers = self._fill_careers(skills)
        show_only(ids.column, shown + ([ids.careers_heading, ids.careers_intro, ids.careers] if careers else []))

    def _fill_careers(self, skills: list[str]) -> list:
        """Links to the careers that use the CV's skills, best first; the careers.

        :param skills: the CV's skills, as written on it.
        """
        from kiosk.careers.related import careers_for_skills
        from kiosk.cv.matching import skill_finder
        keys = list(dict.fromkeys(key for skill in skills for key in skill_finder().find(skill)))
        careers = careers_for_skills(keys) if keys else []
        box = self.ids.careers
        box.clear_widgets()
        language = running_app().lang
        for family in careers:
            link = Link(text=family.name(language))
            link.family_key = family.key
            link.bind(on_release=lambda pressed: self.open_career(pressed.family_key))
            box.add_widget(link)
        return careers

    def open_career(self, family_key: str) -> None:
        """Open a career's page.

        :param family_key: the career's job family.
        """
        from screens.careers.choose import open_career  # the careers part loads when first needed
        open_career(running_app(), family_key)

    def open_row(self, row) -> None:
        """Open the job a row shows.

        :param row: a ``CvMatchRow``.
        """
        open_job(running_app(), row.match.id, row.match.distance_miles)

    def open_step(self, step: str) -> None:
        """Open a step of the CV to add to it.

        :param step: "work" or "skills".
        """
        running_app().nav.go(f"cv_{step}")

    def search_jobs(self) -> None:
        """Search for jobs by hand."""
        running_app().nav.go("jobs")

    def reset(self) -> None:
        """Forget the matches (they were worked out from the CV)."""
        super().reset()
        self.ids.rows.clear_widgets()
        self.state, self.town, self.has_matches = "nothing_yet", "", False

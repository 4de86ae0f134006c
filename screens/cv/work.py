"""CV step 3, the jobs a person has done: a list of cards (Change, Take off, Move up, Move down, Add a job) and a
page to add or change one job, with title suggestions from the vacancies, month and year pickers, "I still work
here", and duties picked from ideas for the job title or typed."""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, StringProperty

from kiosk.cv.model import MAX_ENTRIES, WorkEntry
from kiosk.cv.wording import work_dates
from screens.base import show_only
from screens.cv import dates as cv_dates  # noqa: F401 - defines the date pickers the .kv file uses
from screens.cv.entries import CvEditScreen, CvListScreen, EntryCard
from screens.widgets import running_app
from screens.widgets import KButton

#: How many job titles to suggest while the person types one.
TITLE_SUGGESTIONS = 5


def duty_ideas(title: str, language: str) -> list[str]:
    """Duties for a job title, in the person's language (general ones for a title the kiosk does not know).

    :param title: the job title as typed.
    :param language: "en" or "cy".
    """
    from kiosk.cv.suggestions import duties_for  # loaded when first needed: most people never make a CV
    return list(duties_for(title, language))


def fill_lines(row, texts: list[str], selected: bool, on_touch) -> None:
    """Fill a box with one full-width button a sentence (duties are too long for chips on a narrow screen).

    :param row: a vertical box or a ButtonRow.
    :param texts: the texts, shown exactly as written.
    :param selected: whether they show the tick (on the CV: touch to take off).
    :param on_touch: called with the text when one is touched.
    """
    row.clear_widgets()
    for text in texts:
        line = KButton(text=text, kind="secondary", halign="left", selected=selected)
        line.bind(on_release=lambda _line, text=text: on_touch(text))
        row.add_widget(line)


class WorkCard(EntryCard):
    """A job on the list: title, then employer and dates."""

    def heading(self, t, entry) -> str:
        """The job title (or a note that it has none).

        :param t: the catalogue.
        :param entry: the job.
        """
        return entry.title.strip() or t["cvwork.no_title"] if entry is not None else ""

    def details(self, t, entry) -> str:
        """The employer and "March 2024 to now".

        :param t: the catalogue.
        :param entry: the job.
        """
        if entry is None:
            return ""
        return "\n".join(part for part in (entry.employer.strip(), work_dates(t, entry)) if part)


class CvWorkScreen(CvListScreen):
    """The jobs on the CV, most recent first as the person orders them."""

    kind = StringProperty("work")
    editor = StringProperty("cv_work_edit")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.card = WorkCard


class CvWorkEditScreen(CvEditScreen):
    """Add or change one job; Save puts it on the CV, the back link leaves the CV as it was."""

    kind = StringProperty("work")
    lister = StringProperty("cv_work")
    title_ideas = ListProperty([])
    current = BooleanProperty(False)
    duties = ListProperty([])
    full = BooleanProperty(False)
    dates_message_key = StringProperty("")
    start_message_key = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._quiet = False
        self._redraw_ideas = Clock.create_trigger(self._fill_duty_ideas, 0)

    def on_kv_post(self, base_widget) -> None:
        """Follow the title as it is typed: suggest titles and fit the duty ideas to it."""
        super().on_kv_post(base_widget)
        self.ids.title.bind(text=self._title_typed)
        self.ids.started.bind(year=self._start_year)

    def on_enter(self, *_args) -> None:
        """The duty ideas follow a switch of language while the page is open."""
        running_app().bind(lang=self._redraw_ideas)

    def on_leave(self, *_args) -> None:
        """Stop following the language."""
        running_app().unbind(lang=self._redraw_ideas)

    def new_entry(self) -> WorkEntry:
        """An empty job."""
        return WorkEntry()

    def show_draft(self) -> None:
        """Fill the page from the copy of the job."""
        job = self.draft
        self._quiet = True
        self.ids.title.set_text(job.title)
        self.ids.employer.set_text(job.employer)
        self._quiet = False
        self.title_ideas = []
        self.ids.started.show(job.start)
        self.ids.ended.show(job.end)
        self.ids.duty.set_text("")
        self.current = job.current
        self._show_end()
        self._refresh_duties()
        self._fill_duty_ideas()

    def clear_shown(self) -> None:
        """The wipe: empty dates, duties, ideas and suggestions (``load`` fills the page again when it opens)."""
        self.draft = None
        self.title_ideas = []
        self.ids.started.clear()
        self.ids.ended.clear()
        self.ids.duties.clear_widgets()
        self.ids.duty_ideas.clear_widgets()
        self.duties, self.current = [], False
        self.clear_messages()

    def clear_messages(self) -> None:
        """No messages."""
        for name in ("title", "employer", "duty"):
            self.ids[name].message_key = ""
        self.start_message_key = ""
        self.dates_message_key = ""

    # --- title -----------------------------------------------------------------------------------------------

    def _title_typed(self, _field, text: str) -> None:
        if self.draft is None:
            return
        self.draft.title = text
        self._redraw_ideas()
        if self._quiet:
            return
        self.ids.title.message_key = ""
        search = running_app().services.job_search
        found = search.suggest(text, limit=TITLE_SUGGESTIONS + 1) if search is not None and text.strip() else []
        typed = " ".join(text.split()).casefold()
        self.title_ideas = [title for title in found if title.casefold() != typed][:TITLE_SUGGESTIONS]

    def on_title_ideas(self, _screen, ideas: list[str]) -> None:
        """Show the suggested titles as chips."""
        from screens.cv.picks import fill_chips
        fill_chips(self.ids.title_ideas, ideas, selected=False, on_touch=self.use_title)

    def use_title(self, title: str) -> None:
        """Use a suggested job title.

        :param title: the title touched.
        """
        self._quiet = True
        self.ids.title.set_text(title)
        self._quiet = False
        self.title_ideas = []

    # --- dates -----------------------------------------------------------------------------------------------

    def _start_year(self, _picker, year: int) -> None:
        # The end is usually in or after the start year: begin the end's stepper there.
        self.ids.ended.default_year = int(year)

    def toggle_current(self) -> None:
        """"I still work here": on takes the end date away (it comes back if the person turns it off again)."""
        self.current = not self.current
        self.dates_message_key = ""
        self._show_end()

    def _show_end(self) -> None:
        ids = self.ids
        show_only(ids.end_box, [ids.end_label, ids.end_hint, ids.end_message, ids.ended] if not self.current else [])

    # --- duties ----------------------------------------------------------------------------------------------

    def _refresh_duties(self) -> None:
        self.duties = list(self.draft.duties) if self.draft is not None else []
        self.full = len(self.duties) >= MAX_ENTRIES["duties"]
        fill_lines(self.ids.duties, self.duties, selected=True, on_touch=self.remove_duty)
        self._redraw_ideas()

    def _fill_duty_ideas(self, *_args) -> None:
        if self.draft is None:
            return
        on_job = {duty.casefold() for duty in self.draft.duties}
        ideas = [idea for idea in duty_ideas(self.draft.title, running_app().lang) if idea.casefold() not in on_job]
        fill_lines(self.ids.duty_ideas, ideas, selected=False, on_touch=self.add_duty)

    def add_duty(self, duty: str) -> bool:
        """Put a duty on the job (once); a message instead when the job has as many as a CV can show.

        :param duty: the duty, picked or typed.
        :returns: True when it was added (or was there already).
        """
        duty = " ".join(duty.split())
        if any(d.casefold() == duty.casefold() for d in self.draft.duties):
            return True
        if self.full:
            self.ids.duty.message_key = "cvui.list_full"
            running_app().access.speak(running_app().t["cvui.list_full"])
            return False
        self.draft.duties.append(duty)
        self.ids.duty.message_key = ""
        self._refresh_duties()
        return True

    def add_typed_duty(self) -> None:
        """Add what was typed in "Something else you did"."""
        field = self.ids.duty
        if not field.text.strip():
            field.message_key = "cvwork.duty_type_first"
            return
        if self.add_duty(field.text):
            field.set_text("")

    def remove_duty(self, duty: str) -> None:
        """Take a duty off the job.

        :param duty: the duty.
        """
        self.draft.duties[:] = [d for d in self.draft.duties if d != duty]
        self.ids.duty.message_key = ""
        self._refresh_duties()

    # --- saving ----------------------------------------------------------------------------------------------

    def collect(self) -> tuple[str, str] | None:
        """Read the dates into the draft; a year without its month is a problem of the page's own."""
        ids, job = self.ids, self.draft
        job.title = " ".join(ids.title.text.split())
        job.employer = " ".join(ids.employer.text.split())
        job.current = self.current
        job.start = ids.started.value
        job.end = None if self.current else ids.ended.value
        if ids.started.incomplete:
            return "start", "cvwork.month_needed"
        if not self.current and ids.ended.incomplete:
            return "end", "cvwork.month_needed"
        return None

    def show_problem(self, field: str, message_key: str):
        """Show a message beside the field it is about.

        :param field: "title", "employer", "start", "end" or "duties".
        :param message_key: the message's catalogue key.
        """
        ids = self.ids
        if field in ("title", "employer"):
            ids[field].message_key = message_key
            return ids[field]
        if field == "start":
            self.start_message_key = message_key
            return ids.start_label
        if field == "end":
            self.dates_message_key = message_key
            return ids.end_message
        ids.duty.message_key = message_key
        return ids.duty

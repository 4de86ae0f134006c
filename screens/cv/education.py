"""CV step 4, school, college and training: a list of cards (Change, Take off, Move up, Move down, Add) and a page
to add or change one, with what was studied, where, and the years (the end year may be left off)."""

from __future__ import annotations

from kivy.properties import StringProperty

from kiosk.cv.model import EducationEntry
from kiosk.cv.wording import education_years
from screens.cv import dates as cv_dates  # noqa: F401 - defines the date pickers the .kv file uses
from screens.cv.entries import CvEditScreen, CvListScreen, EntryCard


class EducationCard(EntryCard):
    """A course on the list: what, then where and the years."""

    def heading(self, t, entry) -> str:
        """What was studied (or a note that it has no name).

        :param t: the catalogue.
        :param entry: the course.
        """
        return entry.what.strip() or t["cvwork.edu.no_what"] if entry is not None else ""

    def details(self, t, entry) -> str:
        """Where, and "2015 to 2017".

        :param t: the catalogue.
        :param entry: the course.
        """
        if entry is None:
            return ""
        return "\n".join(part for part in (entry.where.strip(), education_years(t, entry)) if part)


class CvEducationScreen(CvListScreen):
    """School, college, courses and training on the CV."""

    kind = StringProperty("education")
    editor = StringProperty("cv_education_edit")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.card = EducationCard


class CvEducationEditScreen(CvEditScreen):
    """Add or change one school, college or course."""

    kind = StringProperty("education")
    lister = StringProperty("cv_education")
    years_message_key = StringProperty("")

    def on_kv_post(self, base_widget) -> None:
        """Begin the end year's stepper at the start year."""
        super().on_kv_post(base_widget)
        self.ids.start_year.bind(year=lambda _stepper, year: setattr(self.ids.end_year, "default", int(year)))

    def new_entry(self) -> EducationEntry:
        """An empty course."""
        return EducationEntry()

    def show_draft(self) -> None:
        """Fill the page from the copy of the course."""
        item = self.draft
        self.ids.what.set_text(item.what)
        self.ids.where.set_text(item.where)
        self.ids.start_year.year = item.start_year or 0
        self.ids.end_year.year = item.end_year or 0

    def clear_messages(self) -> None:
        """No messages."""
        self.ids.what.message_key = ""
        self.ids.where.message_key = ""
        self.years_message_key = ""

    def collect(self) -> tuple[str, str] | None:
        """Read the page into the draft."""
        ids, item = self.ids, self.draft
        item.what = " ".join(ids.what.text.split())
        item.where = " ".join(ids.where.text.split())
        item.start_year = int(ids.start_year.year) or None
        item.end_year = int(ids.end_year.year) or None
        return None

    def show_problem(self, field: str, message_key: str):
        """Show a message beside the field it is about.

        :param field: "what", "where" or "end_year".
        :param message_key: the message's catalogue key.
        """
        if field in ("what", "where"):
            self.ids[field].message_key = message_key
            return self.ids[field]
        self.years_message_key = message_key
        return self.ids.years_message

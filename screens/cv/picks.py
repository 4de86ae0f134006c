"""CV steps made by picking: qualifications and licences (grouped, each with its detail such as a licence category
or card colour), and skills (suggested for the jobs in the work history, or typed). Anything not in the lists can
be typed and added."""

from __future__ import annotations

from kivy.properties import BooleanProperty, ListProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.cv.model import MAX_ENTRIES, Qualification
from kiosk.cv.advice import LANGUAGES, qualification, qualification_groups
from screens.cv.widgets import CvStepScreen
from screens.widgets import running_app
from screens.widgets import KButton


def suggested_skills(titles: list[str], language: str) -> list[str]:
    """Skills for the kind of work in the CV's job titles (general ones without titles).

    :param titles: the work history's job titles.
    :param language: "en" or "cy".
    """
    from kiosk.cv.suggestions import skills_for  # loaded when first needed: most people never make a CV
    return list(skills_for(titles, language))


def fill_chips(row, texts: list[str], selected: bool, on_touch) -> None:
    """Fill a row with one chip a text: ticked chips are on the CV (touch to take off), others are offers.

    :param row: a ButtonRow.
    :param texts: the chips' texts, shown exactly as written (never as markup).
    :param selected: whether they show the tick.
    :param on_touch: called with the chip's text when it is touched.
    """
    row.clear_widgets()
    for text in texts:
        chip = KButton(text=text, kind="secondary", fit=True, selected=selected)
        chip.bind(on_release=lambda _chip, text=text: on_touch(text))
        row.add_widget(chip)


def _names(key: str) -> set[str]:
    """An item's name in every language, so a pick made in English is still ticked after a switch to Welsh."""
    return {qualification(key, language).name.casefold() for language in LANGUAGES}


class QualificationGroupBox(BoxLayout):
    """One group of the picker ("Driving"): a button that opens it, then its items with their details."""

    group = ObjectProperty(None)
    open = BooleanProperty(False)
    picked = ListProperty([])  # keys of this group's items on the CV


class QualificationChoice(BoxLayout):
    """One item: a toggle with its plain explanation, then its detail choices once picked."""

    item = ObjectProperty(None)
    picked = BooleanProperty(False)
    detail = StringProperty("")

    def on_kv_post(self, base_widget) -> None:
        """Show the details once the item's widgets exist."""
        super().on_kv_post(base_widget)
        self.fill_details(self.ids.details)

    def fill_details(self, row) -> None:
        """Once picked, the item's details as chips, the one held ticked.

        :param row: the ButtonRow under the item.
        """
        details = list(self.item.details) if self.picked and self.item is not None else []
        row.clear_widgets()
        for detail in details:
            chip = KButton(text=detail, kind="secondary", fit=True, selected=detail == self.detail)
            chip.bind(on_release=lambda _chip, detail=detail: running_app().screen.choose_detail(self.item.key,
                                                                                                  detail))
            row.add_widget(chip)


class CvQualificationsScreen(CvStepScreen):
    """Qualifications, licences and cards: picked from groups, or typed."""

    groups = ListProperty([])
    own = ListProperty([])  # names on the CV that are not from the lists, to show with Remove
    full = BooleanProperty(False)

    def load(self) -> None:
        """Lay out the groups in the person's language, ticking what the CV holds."""
        self.groups = qualification_groups(running_app().lang)
        self._refresh()

    def _entry(self, key: str) -> Qualification | None:
        names = _names(key)
        return next((q for q in self.cv.qualifications if q.name.casefold() in names), None)

    def _refresh(self) -> None:
        box = self.ids.groups
        opened = {child.group.key for child in box.children if child.open}
        box.clear_widgets()
        listed = set()
        for group in self.groups:
            picked = [item.key for item in group.items if self._entry(item.key) is not None]
            listed.update(name for item in group.items for name in _names(item.key))
            widget = QualificationGroupBox(group=group, picked=picked, open=group.key in opened)
            items = widget.ids.choices
            for item in group.items if widget.open else ():
                entry = self._entry(item.key)
                items.add_widget(QualificationChoice(item=item, picked=entry is not None,
                                                     detail=entry.detail if entry else ""))
            box.add_widget(widget)
        self.own = [q.name for q in self.cv.qualifications if q.name.casefold() not in listed]
        fill_chips(self.ids.own, self.own, selected=True, on_touch=self.remove_own)
        self.full = len(self.cv.qualifications) >= MAX_ENTRIES["qualifications"]
        self.refresh_progress()

    def clear_shown(self) -> None:
        """The wipe: no groups, picks or typed qualifications left on the page (``load`` lays them out again)."""
        self.ids.groups.clear_widgets()
        self.ids.own.clear_widgets()
        self.own = []
        self.full = False

    def toggle_group(self, key: str) -> None:
        """Open or close one group.

        :param key: the group's key.
        """
        for child in self.ids.groups.children:
            if child.group.key == key:
                child.open = not child.open
        self._refresh()

    def toggle(self, key: str) -> None:
        """Put an item on the CV, or take it off.

        :param key: the item's key.
        """
        entry = self._entry(key)
        if entry is not None:
            self.cv.qualifications.remove(entry)
        elif len(self.cv.qualifications) < MAX_ENTRIES["qualifications"]:
            self.cv.qualifications.append(Qualification(name=qualification(key, running_app().lang).name))
        self._refresh()

    def choose_detail(self, key: str, detail: str) -> None:
        """Say which one they hold (a category, colour or level); touching it again clears it.

        :param key: the item's key.
        :param detail: one of the item's details.
        """
        entry = self._entry(key)
        if entry is not None:
            entry.detail = "" if entry.detail == detail else detail
            self._refresh()

    def add_typed(self) -> None:
        """Add what was typed in "Something else" as a qualification of its own."""
        field = self.ids.typed
        name = " ".join(field.text.split())
        if not name:
            field.message_key = "cvui.qualifications.type_first"
            return
        if self.full:
            field.message_key = "cvui.list_full"
            return
        self.cv.qualifications.append(Qualification(name=name))
        field.set_text("")
        self._refresh()

    def remove_own(self, name: str) -> None:
        """Take a typed qualification off the CV.

        :param name: its name.
        """
        self.cv.qualifications[:] = [q for q in self.cv.qualifications if q.name != name]
        self._refresh()


class CvSkillsScreen(CvStepScreen):
    """Skills: suggestions for the jobs in the work history to pick, and any others typed."""

    suggestions = ListProperty([])
    chosen = ListProperty([])
    full = BooleanProperty(False)

    def load(self) -> None:
        """Show suggestions for the CV's jobs and the skills already on it."""
        self.suggestions = suggested_skills(self.cv.job_titles(), running_app().lang)
        self._refresh()

    def _refresh(self) -> None:
        self.chosen = list(self.cv.skills)
        self.full = len(self.cv.skills) >= MAX_ENTRIES["skills"]
        fill_chips(self.ids.chosen, self.chosen, selected=True, on_touch=self.remove)
        fill_chips(self.ids.suggested, [s for s in self.suggestions if self._has(s) is None], selected=False,
                   on_touch=self.toggle)
        self.refresh_progress()

    def clear_shown(self) -> None:
        """The wipe: no skills or suggestions (made from the person's jobs) left on the page."""
        self.ids.chosen.clear_widgets()
        self.ids.suggested.clear_widgets()
        self.suggestions, self.chosen, self.full = [], [], False

    def _has(self, skill: str) -> str | None:
        return next((s for s in self.cv.skills if s.casefold() == skill.casefold()), None)

    def toggle(self, skill: str) -> None:
        """Put a suggested skill on the CV, or take it off.

        :param skill: the skill.
        """
        present = self._has(skill)
        if present is not None:
            self.cv.skills.remove(present)
        elif not self.full:
            self.cv.skills.append(skill)
        self._refresh()

    def add_typed(self) -> None:
        """Add what was typed as a skill (once)."""
        field = self.ids.typed
        skill = " ".join(field.text.split())
        if not skill:
            field.message_key = "cvui.skills.type_first"
            return
        if self.full:
            field.message_key = "cvui.list_full"
            return
        if self._has(skill) is None:
            self.cv.skills.append(skill)
        field.set_text("")
        self._refresh()

    def remove(self, skill: str) -> None:
        """Take a skill off the CV.

        :param skill: the skill.
        """
        present = self._has(skill)
        if present is not None:
            self.cv.skills.remove(present)
        self._refresh()

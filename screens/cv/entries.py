"""What the CV's lists of entries share (jobs; school, college and training): a list page of cards with Change,
Take off, Move up and Move down, and an edit page that works on a copy, so Back loses nothing saved.

A list screen names its CV list (``kind``, "work" or "education") and its edit screen; the edit screen checks the
copy with ``kiosk.cv.checks.check_cv`` before it goes into the CV, and shows each problem beside its field.
"""

from __future__ import annotations

import copy

from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.cv.model import CV, MAX_ENTRIES
from kiosk.cv.checks import check_cv
from kiosk.cv.steps import STEPS, has_content, move
from screens.base import show_only
from screens.cv.widgets import CvField, CvStepScreen
from screens.patterns import show_problems
from screens.read_aloud import question_parts
from screens.widgets import running_app


class EntryCard(BoxLayout):
    """One entry on a list page: its heading and details, then its buttons (or "Take this off?" and the answers).

    Subclasses word the entry in ``heading`` and ``details``, so the words follow a switch of language.
    """

    screen = ObjectProperty(None)
    entry = ObjectProperty(None)
    index = NumericProperty(0)
    count = NumericProperty(1)
    confirming = BooleanProperty(False)

    def on_kv_post(self, base_widget) -> None:
        """Show the buttons that fit the card's place in the list."""
        super().on_kv_post(base_widget)
        self.bind(index=self._show_buttons, count=self._show_buttons, confirming=self._show_buttons)
        self._show_buttons()

    def _show_buttons(self, *_args) -> None:
        ids = self.ids
        if self.confirming:
            show_only(self.ids.actions, [ids.really, ids.keep])
            return
        shown = [ids.change, ids.take_off]
        # No Move up on the first card, no Move down on the last: a button that does nothing only confuses.
        if self.index > 0:
            shown.append(ids.up)
        if self.index < self.count - 1:
            shown.append(ids.down)
        show_only(self.ids.actions, shown)

    def heading(self, t, entry) -> str:
        """The card's first line (subclasses).

        :param t: the catalogue, so kv rewords it when the language changes.
        :param entry: the entry.
        """
        return ""

    def details(self, t, entry) -> str:
        """The card's other lines (subclasses).

        :param t: the catalogue.
        :param entry: the entry.
        """
        return ""


class CvListScreen(CvStepScreen):
    """A step that is a list of entries: ``kind`` names the CV's list, ``editor`` the edit screen, ``card`` the
    card class."""

    kind = StringProperty("")
    editor = StringProperty("")
    card = ObjectProperty(None)
    empty = BooleanProperty(True)
    message_key = StringProperty("")

    @property
    def items(self) -> list:
        """The CV's list this step shows."""
        return getattr(self.cv, self.kind)

    def load(self) -> None:
        """Show the CV's entries."""
        self.message_key = ""
        self.refresh()

    def refresh(self) -> None:
        """Draw one card an entry, in the CV's order."""
        box = self.ids.cards
        box.clear_widgets()
        for index, entry in enumerate(self.items):
            box.add_widget(self.card(screen=self, entry=entry, index=index, count=len(self.items)))
        self.empty = not self.items
        self.refresh_progress()

    def add(self) -> None:
        """Open the edit page for a new entry, unless the list is full."""
        if len(self.items) >= MAX_ENTRIES[self.kind]:
            self.message_key = "cvui.list_full"
            running_app().access.speak(running_app().t[self.message_key])
            return
        self.open_editor(-1)

    def change(self, index: int) -> None:
        """Open the edit page for one entry.

        :param index: its place in the list.
        """
        self.open_editor(index)

    def open_editor(self, index: int) -> None:
        """Open the edit page on a copy of an entry (-1: a new one).

        :param index: the entry's place in the list, or -1.
        """
        running_app().sm.get_screen(self.editor).index = index
        running_app().nav.go(self.editor)

    def remove(self, index: int) -> None:
        """Take an entry off the CV (after the card asked "Take this off?").

        :param index: its place in the list.
        """
        if 0 <= index < len(self.items):
            del self.items[index]
        self.message_key = ""
        self.refresh()

    def move(self, index: int, delta: int) -> None:
        """Move an entry up (-1) or down (+1) the list.

        :param index: its place in the list.
        :param delta: -1 or +1.
        """
        if move(self.items, index, delta):
            self.refresh()


class CvEditScreen(CvStepScreen):
    """The page that adds or changes one entry. It shows the progress of its list's step (``step``) and works
    on ``draft``, a copy: only Save puts it into the CV.

    Subclasses fill the widgets from the draft (``show_draft``), read them back (``collect``, which may return a
    message key of its own), and name where each problem of ``check_cv`` is shown (``show_problem``).
    """

    kind = StringProperty("")
    lister = StringProperty("")
    index = NumericProperty(-1)
    draft = ObjectProperty(None, allownone=True)
    is_new = BooleanProperty(True)

    @property
    def items(self) -> list:
        """The CV's list the entry belongs to."""
        return getattr(self.cv, self.kind)

    def refresh_progress(self) -> None:
        """Mark the steps that hold something (the page's own progress bar follows ``done``)."""
        self.done = [has_content(self.cv, step) for step in STEPS]

    def new_entry(self):
        """An empty entry (subclasses)."""
        raise NotImplementedError

    def load(self) -> None:
        """Start from a copy of the entry being changed, or a new one."""
        self.is_new = not 0 <= self.index < len(self.items)
        self.draft = self.new_entry() if self.is_new else copy.deepcopy(self.items[int(self.index)])
        self.clear_messages()
        self.ids.summary.clear()
        self.show_draft()

    def show_draft(self) -> None:
        """Fill the widgets from ``draft`` (subclasses)."""

    def collect(self) -> tuple[str, str] | None:
        """Read the widgets into ``draft`` (subclasses); return (field, message key) for a problem of its own."""
        return None

    def clear_messages(self) -> None:
        """Take any messages away (subclasses)."""

    def show_problem(self, field: str, message_key: str):
        """Show a message beside ``field`` (subclasses); return the widget to bring into view.

        :param field: the field's name in the entry, e.g. "title" or "end".
        :param message_key: the message's catalogue key.
        """
        raise NotImplementedError

    def problems(self) -> list[tuple[str, str]]:
        """The draft's problems as (field, message key): the CV's own checks, on this entry alone."""
        prefix = f"{self.kind}[1]."
        found = check_cv(CV(**{self.kind: [self.draft]}))
        return [(path[len(prefix):].split("[")[0], key) for path, key in found if path.startswith(prefix)]

    def save(self) -> None:
        """Put the draft into the CV and go back to the list; or, if something needs a change, say so and stay."""
        self.clear_messages()
        own = self.collect()
        problems = ([own] if own else []) + self.problems()
        if problems:
            t = running_app().t
            shown = [self.show_problem(field, key) for field, key in problems]
            # A text field's link puts the cursor in it; a date's brings its message and picker into view.
            targets = [widget.ids.input if isinstance(widget, CvField) else widget for widget in shown]
            show_problems(self.ids.summary, [(t[key], target) for (_field, key), target in zip(problems, targets)])
            return
        self.ids.summary.clear()
        if self.is_new:
            if len(self.items) < MAX_ENTRIES[self.kind]:  # the list page checked; this is for safety
                self.items.append(self.draft)
        else:
            self.items[int(self.index)] = self.draft
        self.finish()

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads (``app.reader``): the page as a question page, fields' labels, hints
        and messages, and its choices, a chosen one said as chosen (``question_parts``), not the error summary."""
        return question_parts(self.ids.column, running_app().t, skip=[self.ids.summary])

    def go_back(self) -> bool:
        """The back link: drop the draft (the entry stays as it was) and let Back return to the list."""
        self.draft = None
        self.index = -1
        return False

    def finish(self) -> None:
        """Drop the draft and show the list."""
        self.draft = None
        self.index = -1
        running_app().nav.return_to(self.lister)

    def reset(self) -> None:
        """The wipe: no trace of the entry being typed."""
        super().reset()
        self.draft = None
        self.index = -1

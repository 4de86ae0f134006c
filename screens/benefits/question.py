"""One question of the benefits check per page, driven by the flow data in ``kiosk.benefits.flow``.

Choices are big answer buttons (one touch answers); numbers and money are typed on a large numeric keypad (never
the QWERTY keyboard); a bad answer shows the flow's own message plainly and the question stays. Back (in the
shell) goes to the previous question; after the last, "Check your answers".
"""

from __future__ import annotations

from kivy.properties import ListProperty, NumericProperty, ObjectProperty, StringProperty

from kiosk.benefits import flow as benefits_flow
from kiosk.benefits.flow import InvalidAnswer
from kiosk.benefits.messages import money
from screens.base import KioskScreen, show_only
from screens.benefits.widgets import LIFE_EVENT_KEY, OptionButton, flow_state, keep_state
from screens.patterns import show_problems
from screens.read_aloud import question_parts
from screens.widgets import running_app

#: Longest number the keypad takes (£99,999.99 or a 5-digit whole number is beyond every limit anyway).
MAX_DIGITS = 8
#: Kinds of question answered on the keypad.
NUMERIC = ("whole", "money", "ages")


class BenefitsQuestionScreen(KioskScreen):
    """The question page. ``question`` is the flow's ``Question``; ``typed`` what the keypad has entered."""

    question = ObjectProperty(None, allownone=True)
    kind = StringProperty("")
    title_key = StringProperty("")
    hint_key = StringProperty("")
    #: "What this means" under the question, for an official word it keeps ("" for none).
    means_key = StringProperty("")
    #: The line above a question asked once per child ("Child 2, aged 12"): (message key, its numbers) or None.
    caption = ObjectProperty(None, allownone=True)
    #: An answer instead of an amount ("I don't know"), offered under the keypad.
    skip_value = StringProperty("")
    skip_key = StringProperty("")
    #: The part of the questionnaire this question is in (1 to 5) and the message key of its name.
    part = NumericProperty(1)
    part_key = StringProperty("benefits.section.household")
    parts = NumericProperty(len(benefits_flow.SECTIONS))
    typed = StringProperty("")
    period = StringProperty("")
    ages = ListProperty([])
    child = NumericProperty(0)
    chosen = ListProperty([])
    error = ObjectProperty(None, allownone=True)
    #: The life event whose answer is chosen on this question already, as its title says it ("" for none).
    given_by = StringProperty("")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        #: Answer buttons not showing now, kept (holding no answer) for the next question.
        self._spare_options: list[OptionButton] = []

    def on_pre_enter(self, *_args) -> None:
        """Show the question the person is at."""
        self.show_question()

    def show_question(self) -> None:
        """Lay the page out for the current question, with any earlier answer already in place."""
        app = running_app()
        state = flow_state(app)
        if state.node == benefits_flow.RESULTS:
            return
        question = benefits_flow.question(state)
        self.question, self.kind, self.error = question, question.kind, None
        self.title_key = question.title_key
        self.hint_key = question.hint_key if question.hint_key in app.t.keys else (
            "benefits.choices_hint" if question.kind == "choices" else
            "benefits.keypad.child_hint" if question.kind == "ages" else "")
        self.part, self.part_key = benefits_flow.section(state)
        self.means_key = question.means_key if question.means_key in app.t.keys else ""
        self.ids.means.open = False
        self.caption = benefits_flow.caption(state)
        self.skip_value = question.options[0] if question.kind == "money" and question.options else ""
        self.skip_key = question.option_key(self.skip_value) if self.skip_value else ""
        self.given_by = _given_by(app, state, question.key)
        self._prefill(question, benefits_flow.prefill(state), state)
        self._build_options(question, benefits_flow.options_for(state))
        ids = self.ids
        ids.summary.clear()
        shown = [ids.summary, ids.progress] + ([ids.caption] if self.caption else []) + [ids.title, ids.read_page]
        shown += [ids.hint] + ([ids.given] if self.given_by else [])
        shown += ([ids.means] if self.means_key else []) + [ids.error]
        if question.kind in ("choice", "choices"):
            shown.append(ids.options)
        if question.kind in NUMERIC:
            shown.append(ids.entry)
            # Children's ages show on their own buttons, beside the keypad; money may be a week or a month.
            side = ([ids.display, ids.periods] if question.periods
                    else [ids.child_ages] if question.kind == "ages" else [ids.display])
            side += [ids.skip] if self.skip_value else []
            show_only(ids.side, side)
            show_only(ids.entry, [ids.side, ids.keypad])
        show_only(ids.column, shown)
        # A single choice is answered by one touch, so it has no Continue; every other question has one, in view.
        show_only(ids.outer, [ids.page] if question.kind == "choice" else [ids.page, ids.pinned])
        ids.keypad.point = question.kind == "money"
        ids.page.scroll_y = 1
        app.access.speak(app.t[self.title_key])

    def _prefill(self, question, before, state) -> None:
        self.chosen = []
        self.typed, self.period, self.ages, self.child = "", "", [], 0
        if question.kind == "choice" and before is not None:
            self.chosen = [before]
        elif question.kind == "choices" and before is not None:
            self.chosen = list(before) or ["none"]
        elif question.kind == "whole" and before is not None:
            self.typed = str(before)
        elif question.kind == "money" and before is not None and before not in question.options:
            amount, per = before if isinstance(before, tuple) else (before, "")
            self.typed, self.period = _plain(amount), per
        elif question.kind == "ages":
            count = state.answers.get("children_count", 0)
            earlier = list(before or ())
            self.ages = [str(a) for a in earlier] + [""] * (count - len(earlier)) if len(earlier) <= count \
                else [""] * count

    @property
    def answer_box(self):
        """The layout holding this question's answer buttons: the children's, beside the keypad, for their ages."""
        return self.ids.child_ages if self.kind == "ages" else self.ids.options

    def _build_options(self, question, offered) -> None:
        # The answer buttons already made are given the next question's answers: making them from their kv rule
        # for every question (and throwing the last ones away) cost 50-100 ms a touch with software GL.
        box = self.ids.child_ages if question.kind == "ages" else self.ids.options
        self._put_aside_options()
        if question.kind in ("choice", "choices"):
            for option in offered:
                box.add_widget(self._option_button(text_key=question.option_key(option), value=option,
                                                   selected=option in self.chosen))
        elif question.kind == "ages":
            for number in range(len(self.ages)):
                box.add_widget(self._option_button(value=str(number), typing=number == self.child))
            self._label_children()

    def _put_aside_options(self) -> None:
        """Take the answer buttons off the page, keeping them (holding no answer) for the next question."""
        buttons = []
        for box in (self.ids.options, self.ids.child_ages):
            buttons += list(box.children)  # last first: pop() gives the first one back for the first answer
            box.clear_widgets()
        for button in buttons:
            button.text_key, button.value, button.selected, button.typing = "", "", False, False
        self._spare_options.extend(buttons)

    def _option_button(self, text_key: str = "", value: str = "", selected: bool = False, typing: bool = False):
        """An answer button, kept from an earlier question or made now."""
        if self._spare_options:
            button = self._spare_options.pop()
            button.state = "normal"  # the button touched last may not have come up yet (min_state_time)
        else:
            button = OptionButton()
            button.bind(on_release=self._on_option_button)
        button.text_key, button.value, button.selected, button.typing = text_key, value, selected, typing
        return button

    def _on_option_button(self, button) -> None:
        if self.kind == "ages":
            self._on_child(button)
        else:
            self._on_option(button)

    def _label_children(self) -> None:
        app = running_app()
        for button in self.ids.child_ages.children:
            number = int(button.value)
            # The child being typed in words and the focus style of a field in use; a tick only means "chosen".
            typing = number == self.child
            if typing:
                button.text = app.t.text("benefits.keypad.child_typing", number=number + 1, age=self.ages[number] or "")
            else:
                button.text = app.t.text("benefits.keypad.child", number=number + 1, age=self.ages[number] or "")
            button.typing = typing

    def on_ages(self, *_args) -> None:
        """Keep the children's buttons in step with their ages."""
        if self.kind == "ages" and len(self.ids.child_ages.children) == len(self.ages):
            self._label_children()

    def on_child(self, *_args) -> None:
        """Mark the child whose age the keypad is typing."""
        self.on_ages()

    def _on_option(self, button) -> None:
        if self.kind == "choice":
            self.answer(button.value)
            return
        value = button.value
        if value in self.chosen:
            self.chosen = [c for c in self.chosen if c != value]
        elif value == "none":
            self.chosen = ["none"]
        else:
            self.chosen = [c for c in self.chosen if c != "none"] + [value]
        for other in self.ids.options.children:
            other.selected = other.value in self.chosen

    def _on_child(self, button) -> None:
        self.child = int(button.value)

    @property
    def continue_button(self):
        """The Continue button, kept in view under the page (questions answered by one touch have none showing)."""
        return self.ids.next

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads (``app.reader``): the part and the question, its hint, "What this
        means" (its text only when open), any error message, and each answer, a chosen one said as chosen; what is
        typed as the box shows it. Not the keypad's keys, each said as it is touched, nor the error summary, whose
        message is read where it shows by the answers."""
        ids = self.ids
        # An empty box says nothing ("£" alone is not worth hearing).
        empty = [ids.display] if not self.typed else []
        return question_parts(ids.column, running_app().t, skip=[ids.summary, ids.keypad, *empty])

    def skip(self) -> None:
        """The answer instead of an amount, such as "I don't know"."""
        self.answer(self.skip_value)

    def choose_period(self, period: str) -> None:
        """"a week" or "a month" for a money question."""
        self.period = period

    def press_key(self, key: str) -> None:
        """A keypad key: digits and "." add to the number, "delete" takes the last off, "clear" empties it."""
        current = self.ages[self.child] if self.kind == "ages" else self.typed
        if key == "delete":
            current = current[:-1]
        elif key == "clear":
            current = ""
        elif key == "." and ("." in current or self.kind != "money"):
            return
        elif len(current.replace(".", "")) < MAX_DIGITS and not ("." in current and len(current.split(".")[1]) >= 2):
            current += key
        if self.kind == "ages":
            ages = list(self.ages)
            ages[self.child] = current[:2]
            self.ages = ages
        else:
            self.typed = current
        self.error = None

    def display_text(self, t, kind, typed, ages, child) -> str:
        """What the keypad's box shows: the number typed, with £ for money."""
        if kind == "ages":
            return ages[child] if ages else ""
        if kind == "money":
            return t.text("benefits.keypad.pounds", amount=typed)
        return typed

    def submit(self) -> None:
        """Continue: check the typed or chosen answer and move on."""
        if self.kind == "choices":
            self.answer(list(self.chosen))
        elif self.kind == "ages":
            self.answer(list(self.ages))
        elif self.kind == "money" and self.question.periods:
            self.answer({"amount": self.typed, "per": self.period or None})
        else:
            self.answer(self.typed)

    def answer(self, value) -> None:
        """Give the flow an answer; show its message if it is refused, else go on.

        :param value: as ``kiosk.benefits.flow.step`` takes it.
        """
        app = running_app()
        result = benefits_flow.step(flow_state(app), value)
        if isinstance(result, InvalidAnswer):
            self.error = result
            from screens.benefits.widgets import invalid_words
            # The link leads to the answers: the choices, or the box showing what was typed.
            ids = self.ids
            target = self.answer_box if self.kind in ("choice", "choices", "ages") else ids.display
            show_problems(ids.summary, [(invalid_words(app.t, result), target)])
            return
        keep_state(app, result)
        if result.node == benefits_flow.RESULTS:
            app.nav.go("benefits_answers")
        else:
            self.show_question()

    def go_back(self) -> bool:
        """Back: the previous question; from the first, leave the questionnaire (False lets the app go back)."""
        app = running_app()
        state = flow_state(app)
        if not state.history:
            return False
        keep_state(app, benefits_flow.back(state))
        self.show_question()
        return True

    def reset(self) -> None:
        """Forget what was typed or chosen."""
        super().reset()
        self.typed, self.period, self.ages, self.chosen, self.error = "", "", [], [], None
        self.question = None
        self._put_aside_options()


def _given_by(app, state, key: str) -> str:
    """The title of the life event whose answer to ``key`` is still the one chosen ("" for none), in the person's
    language: the check was started from "Something has changed" (ADR 040)."""
    event_id = app.session.answers.get(LIFE_EVENT_KEY)
    if not event_id:
        return ""
    from kiosk.life_events.check import given_by_event
    from kiosk.life_events.content import all_events
    event = all_events()[event_id]
    return event.title[app.lang] if given_by_event(event, state, key) else ""


def _plain(amount) -> str:
    """A stored amount as keypad digits: 250 or 250.5 (no £, no commas)."""
    return money(amount).lstrip("£").replace(",", "")

"""The building blocks of the benefits questionnaire: questions, routes, states, and the checks on both.

    >>> q = Question("age", "whole", (Route("partner"),), low=Decimal(16), high=Decimal(120))
    >>> parse_answer(q, "34", FlowState("age", {}))
    34
    >>> parse_answer(q, "340", FlowState("age", {}))
    InvalidAnswer(message_key='benefits.invalid.whole_number', params={'low': Decimal('16'), 'high': Decimal('120')})

``kiosk.benefits.flow`` declares the questionnaire with these; ``check_flow`` checks it when it loads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

RESULTS = "results"
START = "nation"
KINDS = ("choice", "choices", "whole", "money", "ages")
YES_NO = ("yes", "no")
#: Answers to "Do you do paid work?" that mean working for an employer ("yes") or for yourself.
EMPLOYED = ("yes", "both")
SELF_EMPLOYED = ("self_employed", "both")


@dataclass(frozen=True)
class Route:
    """Where an answer leads: to ``to`` if the answer is ``answer`` (choices only) and ``when`` holds (a named
    condition); a route with neither always applies."""

    to: str
    answer: str | None = None
    when: str | None = None


@dataclass(frozen=True)
class Question:
    """One page of the questionnaire. Its words are message keys derived from ``key``."""

    key: str
    kind: str
    routes: tuple[Route, ...]
    options: tuple[str, ...] = ()
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(0)
    high_from: str | None = None
    periods: tuple[str, ...] = ()
    #: Where the words come from when not from ``key``: one question asked once per child shares its words.
    words: str = ""
    #: A line above the question saying whom it is about ("Child 2, aged 12"), filled in by ``flow.caption``.
    caption: str | None = None
    #: Options offered only when a named condition holds, as (option, condition) pairs.
    option_when: tuple[tuple[str, str], ...] = ()

    @property
    def title_key(self) -> str:
        """The message key of the question."""
        return f"benefits.q.{self.words or self.key}.title"

    @property
    def hint_key(self) -> str:
        """The message key of the hint under the question."""
        return f"benefits.q.{self.words or self.key}.hint"

    @property
    def means_key(self) -> str:
        """The message key of "What this means" under the question, for an official word it must keep."""
        return f"benefits.q.{self.words or self.key}.means"

    def option_key(self, option: str) -> str:
        """The message key of one option's label."""
        return f"benefits.q.{self.words or self.key}.{option}"


@dataclass(frozen=True)
class InvalidAnswer:
    """An answer that cannot be used: show the message ``message_key`` (with ``params``) and ask again."""

    message_key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class FlowState:
    """Where someone is in the questionnaire: the current question, every answer by question key, the questions
    answered on the way here (for Back), the date and the kiosk's nation. Personal: keep it in the session only."""

    node: str
    answers: Mapping[str, Any]
    history: tuple[str, ...] = ()
    on_date: dt.date = dt.date(2026, 4, 6)
    default_nation: str = "england"
    returning: bool = False


class FlowError(ValueError):
    """The flow's data is wrong (a route to nowhere, an option not handled, a loop)."""


def make_question(key: str, kind: str, *routes: Route, **kwargs) -> Question:
    """A ``Question`` with its routes given in order and its limits as plain numbers."""
    for name in ("low", "high"):
        if name in kwargs:
            kwargs[name] = Decimal(kwargs[name])
    return Question(key, kind, tuple(routes), **kwargs)



# --- checking the flow when it loads ---------------------------------------------------------------------------


def check_flow(questions: Mapping[str, Question], start: str, conditions: Mapping[str, Callable]) -> None:
    """Check the flow's data: every route leads to a question or the results, every answer is handled, every
    condition exists, nothing loops, every question is reachable.

    :param questions: the questions by key.
    :param start: the first question.
    :param conditions: the named conditions routes may use.
    :raises FlowError: naming the question and what is wrong.
    """
    if start not in questions:
        raise FlowError(f"the first question {start!r} does not exist")
    for key, question in questions.items():
        if key != question.key or question.kind not in KINDS:
            raise FlowError(f"{key}: wrong key or kind {question.kind!r}")
        if question.kind in ("choice", "choices") and not question.options:
            raise FlowError(f"{key}: a {question.kind} question needs options")
        for option, condition in question.option_when:
            if option not in question.options or condition not in conditions:
                raise FlowError(f"{key}: offers {option!r} when {condition!r}, which is not an option and a condition")
        if question.high_from and question.high_from not in questions:
            raise FlowError(f"{key}: high_from names {question.high_from!r}, which is not a question")
        if not question.routes:
            raise FlowError(f"{key}: has no route, so its answer leads nowhere")
        for route in question.routes:
            if route.to != RESULTS and route.to not in questions:
                raise FlowError(f"{key}: routes to {route.to!r}, which is neither a question nor the results")
            if route.when is not None and route.when not in conditions:
                raise FlowError(f"{key}: routes when {route.when!r}, which is not a condition")
            if route.answer is not None and (question.kind != "choice" or route.answer not in question.options):
                raise FlowError(f"{key}: routes the answer {route.answer!r}, which is not one of its options")
        handled = _handled_options(question)
        if handled is not True and handled != set(question.options):
            missing = ", ".join(o for o in question.options if o not in handled)
            raise FlowError(f"{key}: the answer(s) {missing} lead nowhere")
    _check_no_loops_and_reachable(questions, start)


def _handled_options(question: Question):
    """True if an unconditional route catches everything, else the options that always have a route."""
    handled = set()
    for route in question.routes:
        if route.when is None and route.answer is None:
            return True
        if route.when is None:
            handled.add(route.answer)
    return handled


def _check_no_loops_and_reachable(questions: Mapping[str, Question], start: str) -> None:
    seen, done = set(), set()

    def visit(key: str, path: tuple[str, ...]) -> None:
        if key == RESULTS or key in done:
            return
        if key in path:
            raise FlowError(f"the flow loops: {' -> '.join(path + (key,))}")
        for route in questions[key].routes:
            visit(route.to, path + (key,))
        seen.add(key)
        done.add(key)

    visit(start, ())
    unreachable = set(questions) - seen
    if unreachable:
        raise FlowError(f"no route leads to {', '.join(sorted(unreachable))}")



def _high(question_: Question, state: FlowState) -> Decimal:
    return Decimal(state.answers.get(question_.high_from, 0)) if question_.high_from else question_.high


def _whole(text: Any) -> int | None:
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text
    if isinstance(text, str) and text.strip().isdigit():
        return int(text.strip())
    return None


def _money(text: Any) -> Decimal | None:
    if isinstance(text, bool) or not isinstance(text, (int, str, Decimal)):
        return None
    try:
        value = Decimal(str(text).strip().lstrip("£").replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        return None
    return value


def parse_answer(question_: Question, answer: Any, state: FlowState):
    """Check one answer against its question; the value to store, or ``InvalidAnswer``.

    :param question_: the question.
    :param answer: as the screen gives it (text from the keypad, an option key, a list of option keys).
    :param state: the state, for limits that depend on earlier answers.
    """
    kind = question_.kind
    if kind == "choice":
        if answer not in question_.options:
            return InvalidAnswer("benefits.invalid.choose_one")
        if question_.key == "council_tax_band" and answer == "i" and state.answers.get("nation") != "wales":
            return InvalidAnswer("benefits.invalid.band_i_wales_only")
        if question_.key == "health_work" and answer == "off_sick" and state.answers.get("work") not in EMPLOYED:
            return InvalidAnswer("benefits.invalid.off_sick_not_working")
        return answer
    if kind == "choices":
        chosen = [answer] if isinstance(answer, str) else list(answer or ())
        if not chosen or any(c not in question_.options for c in chosen):
            return InvalidAnswer("benefits.invalid.choose_one")
        if "none" in chosen and len(chosen) > 1:
            return InvalidAnswer("benefits.invalid.none_and_other")
        return tuple(o for o in question_.options if o in chosen and o != "none")
    if kind == "whole":
        value, high = _whole(answer), _high(question_, state)
        if value is None or not question_.low <= value <= high:
            return InvalidAnswer("benefits.invalid.whole_number", {"low": question_.low, "high": high})
        return value
    if kind == "ages":
        count = state.answers.get("children_count", 0)
        values = [_whole(a) for a in (answer or ())] if isinstance(answer, (list, tuple)) else []
        if len(values) != count or any(v is None or not 0 <= v <= 19 for v in values):
            return InvalidAnswer("benefits.invalid.child_ages", {"count": count})
        return tuple(values)
    # money; its options are answers instead of an amount ("dont_know")
    if isinstance(answer, str) and answer in question_.options:
        return answer
    per = None
    if question_.periods:
        if not isinstance(answer, Mapping) or answer.get("per") not in question_.periods:
            return InvalidAnswer("benefits.invalid.choose_period")
        per, answer = answer["per"], answer.get("amount")
    amount = _money(answer)
    high = question_.high * 52 / 12 if per == "month" else question_.high
    if amount is None:
        return InvalidAnswer("benefits.invalid.money")
    if not question_.low <= amount <= high:
        return InvalidAnswer("benefits.invalid.money_range", {"low": question_.low, "high": high.quantize(1)})
    return (amount, per) if per else amount


"""The benefits questionnaire as data: its questions, their options and where each answer leads. Routing only.

    >>> state = start(default_nation="WALES")
    >>> state.node, prefill(state)
    ('nation', 'wales')
    >>> state = step(state, "wales")
    >>> state = step(state, "34")
    >>> state.node, path(state)
    ('partner', ('nation', 'age'))
    >>> step(state, "maybe")
    InvalidAnswer(message_key='benefits.invalid.choose_one', params={})
    >>> back(state).node
    'age'
    >>> section(state)
    (1, 'benefits.section.household')

Each page shows one ``Question``: its wording is in the catalogue under ``benefits.q.<key>.title`` (and ``.hint``),
each option under ``benefits.q.<key>.<option>``. ``step(state, answer)`` checks the answer and returns the next
state, or ``InvalidAnswer`` with a message key for a clear message; states are immutable, so Back is the previous
state or ``back(state)``. Only questions the answers so far make relevant are asked. At ``RESULTS`` the screen shows
"Check your answers" from ``answered(state)``; ``change(state, key)`` goes back to one question and, once answered,
returns to the end without asking again what is still answered. Each question belongs to one of the five parts
in ``SECTIONS`` ("Your household", "Money coming in", ...); every route passes through all five in order, so the
progress line "Part 2 of 5: Money coming in" never changes its count and never goes backwards (checked at load).
``kiosk.benefits.answers.household_from_state`` turns the answers into a ``Household`` for
``kiosk.benefits.check.check``.

The flow is checked when this module loads (``check_flow``): every route leads to a question or to the results,
every option of a choice is handled, every condition exists, nothing loops and every question can be reached.

Some questions are asked once per child (``child_sex_1`` to ``_12``, ``child_mobility_1`` to ``_12``): they share
their words (``Question.words``) and a caption says which child (``caption(state)``). Some options are offered only
when they make sense (``options_for(state)``: "My partner" only to someone with one). When each question is asked,
and the ages we ask about pensions at, is in ``kiosk.benefits.flow_conditions``.

Kinds of answer (what ``step`` accepts; the keypad gives digits as text):

- ``choice``: one option; ``choices``: a list of options ("none" alone or not at all);
- ``whole``: a whole number from ``low`` to ``high`` (or to the answer named by ``high_from``);
- ``money``: pounds and pence from ``low`` to ``high``; with ``periods`` an ``{"amount": .., "per": "week"}``
  mapping, where the highest allowed is ``high`` a week (times 52 / 12 a month); with ``options``, one of them
  instead of an amount ("dont_know" for a council tax bill someone does not know);
- ``ages``: one whole number (0 to 19) for each child counted in ``children_count``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from kiosk.benefits.flow_conditions import CONDITIONS, MOST_CHILDREN, sex_changes_bedrooms  # noqa: F401
from kiosk.benefits.flow_engine import (KINDS, RESULTS, START, YES_NO, FlowError, FlowState, InvalidAnswer,  # noqa: F401
                                       Question, Route, make_question, check_flow, parse_answer)

_q = make_question  # short, so each question reads on one line
WEEK_MONTH = ("week", "month")
WORK = ("yes", "self_employed", "both", "no")  # "yes": for an employer
RATE = ("higher", "lower", "no", "not_sure")  # Attendance Allowance, DLA mobility; not sure counts as no
CARES_FOR = ("partner", "child", "someone_else")
#: Money for the household that is not pay: each pension question is asked only at the ages in flow_conditions.
INCOME = ("state_pension", "private_pension", "partner_state_pension", "partner_private_pension", "other_income")
ASKED_WHEN = {"state_pension": "you_pension_age", "private_pension": "you_may_have_pension",
              "partner_state_pension": "partner_pension_age", "partner_private_pension": "partner_may_have_pension"}


def _then(keys, answer: str | None = None) -> tuple[Route, ...]:
    """Routes to the first of ``keys`` whose condition in ``ASKED_WHEN`` holds (the last is always asked)."""
    return tuple(Route(key, answer=answer, when=ASKED_WHEN.get(key) if key != keys[-1] else None) for key in keys)


def _income_after(key: str) -> tuple[Route, ...]:
    return _then(INCOME[INCOME.index(key) + 1:])


def _per_child(words: str, kind_of_child: str, after: str, **kwargs) -> tuple[Question, ...]:
    """One question for each child that may need it, ``<words>_1`` to ``_12``; each goes on to the next child the
    condition ``<kind_of_child>_<n>`` asks about, else to ``after``."""
    return tuple(
        _q(f"{words}_{n}", "choice",
           *(Route(f"{words}_{later}", when=f"{kind_of_child}_{later}") for later in range(n + 1, MOST_CHILDREN + 1)),
           Route(after), words=words, caption=f"benefits.q.{words}.caption", **kwargs)
        for n in range(1, MOST_CHILDREN + 1))


def _child_sex_first(after: str) -> tuple[Route, ...]:
    return tuple(Route(f"child_sex_{n}", when=f"asks_child_sex_{n}") for n in range(1, MOST_CHILDREN + 1)) + (
        Route(after),)


QUESTIONS: dict[str, Question] = {q.key: q for q in (
    _q("nation", "choice", Route("age"), options=("england", "wales", "scotland")),
    _q("age", "whole", Route("partner"), low=16, high=120),
    _q("partner", "choice", Route("partner_age", answer="yes"), Route("bereaved", answer="no"), options=YES_NO),
    _q("partner_age", "whole", Route("children_count"), low=16, high=120),
    _q("bereaved", "choice", Route("children_count"), options=YES_NO),
    _q("children_count", "whole", Route("children_ages", when="has_children"), Route("expecting"), low=0,
       high=MOST_CHILDREN),
    _q("children_ages", "ages", Route("children_born_before_2017", when="ages_near_april_2017"),
       Route("children_disabled")),
    _q("children_born_before_2017", "whole", Route("children_disabled"), low=0, high_from="children_count"),
    _q("children_disabled", "whole", Route("children_dla_highest", when="has_disabled_children"),
       Route("expecting"), low=0, high_from="children_count"),
    _q("children_dla_highest", "whole", Route("child_mobility_1"), low=0, high_from="children_disabled"),
    *_per_child("child_mobility", "disabled_child", "expecting", options=RATE),
    _q("expecting", "choice", Route("work"), options=YES_NO),
    _q("work", "choice", *(Route("work_hours", answer=kind) for kind in WORK[:3]),
       Route("partner_work", answer="no", when="has_partner"), *_then(INCOME, answer="no"), options=WORK),
    _q("work_hours", "whole", Route("work_pay", when="you_employed"), Route("self_employed_profit"), low=1,
       high=100),
    _q("work_pay", "money", Route("self_employed_profit", when="you_self_employed"),
       Route("partner_work", when="has_partner"), *_then(INCOME), low=1, high=5000, periods=WEEK_MONTH),
    _q("self_employed_profit", "money", Route("partner_work", when="has_partner"), *_then(INCOME), low=0,
       high=5000, periods=WEEK_MONTH),
    _q("partner_work", "choice", *(Route("partner_work_hours", answer=kind) for kind in WORK[:3]),
       *_then(INCOME, answer="no"), options=WORK),
    _q("partner_work_hours", "whole", Route("partner_work_pay", when="partner_employed"),
       Route("partner_self_employed_profit"), low=1, high=100),
    _q("partner_work_pay", "money", Route("partner_self_employed_profit", when="partner_self_employed"),
       *_then(INCOME), low=1, high=5000, periods=WEEK_MONTH),
    _q("partner_self_employed_profit", "money", *_then(INCOME), low=0, high=5000, periods=WEEK_MONTH),
    _q("state_pension", "money", *_income_after("state_pension"), low=0, high=1000, periods=WEEK_MONTH),
    _q("private_pension", "money", *_income_after("private_pension"), low=0, high=5000, periods=WEEK_MONTH),
    _q("partner_state_pension", "money", *_income_after("partner_state_pension"), low=0, high=1000,
       periods=WEEK_MONTH),
    _q("partner_private_pension", "money", *_income_after("partner_private_pension"), low=0, high=5000,
       periods=WEEK_MONTH),
    _q("other_income", "money", Route("health"), low=0, high=5000, periods=WEEK_MONTH),
    _q("health", "choice", Route("health_daily_life", answer="yes"),
       Route("partner_health", answer="no", when="has_partner"), Route("caring_hours", answer="no"), options=YES_NO),
    _q("health_daily_life", "choice", Route("health_work"), options=YES_NO),
    _q("health_work", "choice", Route("health_assessed", answer="cannot_work"),
       Route("health_assessed", answer="limits_work"), Route("pip_daily_living", answer="off_sick"),
       Route("pip_daily_living", answer="no_effect"),
       options=("cannot_work", "limits_work", "off_sick", "no_effect")),
    _q("health_assessed", "choice", Route("pip_daily_living"),
       options=("lcwra_before_april_2026", "lcwra_since_april_2026", "no")),
    _q("pip_daily_living", "choice", Route("pip_mobility"), options=("none", "standard", "enhanced")),
    _q("pip_mobility", "choice", Route("attendance_allowance", when="you_pension_age"),
       Route("partner_health", when="has_partner"), Route("caring_hours"), options=("none", "standard", "enhanced")),
    _q("attendance_allowance", "choice", Route("partner_health", when="has_partner"), Route("caring_hours"),
       options=RATE),
    _q("partner_health", "choice", Route("caring_hours", answer="no"), Route("partner_health_assessed"),
       options=("no", "limits_work", "cannot_work")),
    _q("partner_health_assessed", "choice", Route("partner_pip"),
       options=("lcwra_before_april_2026", "lcwra_since_april_2026", "no")),
    _q("partner_pip", "choice", Route("partner_attendance_allowance", when="partner_pension_age"),
       Route("caring_hours"), options=("none", "standard", "enhanced")),
    _q("partner_attendance_allowance", "choice", Route("caring_hours"), options=RATE),
    _q("caring_hours", "whole", Route("caring_for", when="you_care_for_one_of_several"),
       Route("partner_caring_hours", when="has_partner"), Route("housing"), low=0, high=168),
    _q("caring_for", "choice", Route("partner_caring_hours", when="has_partner"), Route("housing"),
       options=CARES_FOR, option_when=(("partner", "has_partner"), ("child", "has_children"))),
    _q("partner_caring_hours", "whole", Route("partner_caring_for", when="partner_cares"), Route("housing"), low=0,
       high=168),
    _q("partner_caring_for", "choice", Route("housing"), options=CARES_FOR,
       option_when=(("child", "has_children"),)),
    _q("housing", "choice", Route("council_tax_band", answer="own_mortgage"),
       Route("council_tax_band", answer="own_outright"), Route("council_tax_band", answer="no_rent"), Route("rent"),
       options=("rent_council", "rent_housing_association", "rent_private", "own_mortgage", "own_outright",
                "no_rent")),
    _q("rent", "money", *_child_sex_first("council_tax_band"), low=1, high=2000, periods=WEEK_MONTH),
    *_per_child("child_sex", "asks_child_sex", "council_tax_band", options=("boy", "girl", "prefer_not_to_say")),
    _q("council_tax_band", "choice", Route("council_tax_bill", when="pays_council_tax"),
       Route("childcare_costs", when="may_pay_childcare"), Route("savings"),
       options=("a", "b", "c", "d", "e", "f", "g", "h", "i", "not_sure")),
    _q("council_tax_bill", "money", Route("childcare_costs", when="may_pay_childcare"), Route("savings"), low=1,
       high=20000, options=("dont_know",)),
    _q("childcare_costs", "money", Route("savings"), low=0, high=1500, periods=WEEK_MONTH),
    _q("savings", "choice", Route("savings_amount", answer="6000_to_16000"), Route("benefits_received"),
       options=("none", "under_6000", "6000_to_16000", "over_16000")),
    _q("savings_amount", "money", Route("benefits_received"), low=6000, high=16000),
    _q("benefits_received", "choices", Route(RESULTS),
       options=("universal_credit", "new_style_jsa", "new_style_esa", "carers_allowance", "pip_adp", "dla_cdp",
                "child_benefit", "housing_benefit", "pension_credit", "none")),
)}


#: The parts of the questionnaire in the order they come, each with the questions in it (by their words, so a question
#: asked once per child is named once). The progress line names the part: a count of questions would change as the
#: answers add or skip questions ("Question 20 of about 19"); there are always five parts.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("household", ("nation", "age", "partner", "partner_age", "bereaved", "children_count", "children_ages",
                   "children_born_before_2017", "children_disabled", "children_dla_highest", "child_mobility",
                   "expecting")),
    ("money", ("work", "work_hours", "work_pay", "self_employed_profit", "partner_work", "partner_work_hours",
               "partner_work_pay", "partner_self_employed_profit", *INCOME)),
    ("health", ("health", "health_daily_life", "health_work", "health_assessed", "pip_daily_living", "pip_mobility",
                "attendance_allowance", "partner_health", "partner_health_assessed", "partner_pip",
                "partner_attendance_allowance", "caring_hours", "caring_for", "partner_caring_hours",
                "partner_caring_for")),
    ("home", ("housing", "rent", "child_sex", "council_tax_band", "council_tax_bill", "childcare_costs")),
    ("savings", ("savings", "savings_amount", "benefits_received")),
)
_SECTION_OF = {words: number for number, (_name, keys) in enumerate(SECTIONS, 1) for words in keys}


def section_of(key: str) -> int:
    """The part (1 to 5) a question is in.

    :param key: a question's key, e.g. "child_sex_2" (in part 4, with the other home questions).
    """
    question_ = QUESTIONS[key]
    return _SECTION_OF[question_.words or question_.key]


def _check_sections() -> None:
    """Every question is in one part, and no answer leads back to an earlier part (the progress line only goes on).

    :raises FlowError: naming the question.
    """
    named = [words for _name, keys in SECTIONS for words in keys]
    if len(named) != len(set(named)) or set(named) != {q.words or q.key for q in QUESTIONS.values()}:
        raise FlowError("every question must be in exactly one part of SECTIONS")
    for key, question_ in QUESTIONS.items():
        for route in question_.routes:
            if route.to != RESULTS and section_of(route.to) < section_of(key):
                raise FlowError(f"{key}: leads back to {route.to}, in an earlier part")


check_flow(QUESTIONS, START, CONDITIONS)
_check_sections()


# --- answering --------------------------------------------------------------------------------------------------


def start(default_nation: str = "england", on_date: dt.date | None = None) -> FlowState:
    """A new questionnaire at the first question.

    :param default_nation: the kiosk's nation, offered first ("england", "wales", "scotland").
    :param on_date: the date the check is for (default today); it decides which birth dates need asking about.
    """
    return FlowState(START, {}, (), on_date or dt.date.today(), default_nation.lower())


def question(state: FlowState) -> Question:
    """The question on the current page.

    :raises KeyError: at the results, where there is no question.
    """
    return QUESTIONS[state.node]


def prefill(state: FlowState):
    """What to show already chosen on the current page: the answer given before, else the kiosk's nation."""
    if state.node in state.answers:
        return state.answers[state.node]
    if state.node == "nation":
        return state.default_nation
    return None


def options_for(state: FlowState, key: str | None = None) -> tuple[str, ...]:
    """The options offered on a question's page: those of its options whose ``option_when`` condition holds (no
    "My partner" for someone who lives alone).

    :param key: the question (default: the current one).
    """
    question_ = QUESTIONS[key or state.node]
    hidden = {option for option, when in question_.option_when if not CONDITIONS[when](state)}
    return tuple(option for option in question_.options if option not in hidden)


def caption(state: FlowState, key: str | None = None) -> tuple[str, dict[str, int]] | None:
    """The line above a question asked once per child, saying which child, as (message key, its numbers); None for
    other questions and for the only disabled child.

    :param key: the question (default: the current one), e.g. "child_sex_2" -> ("benefits.q.child_sex.caption",
        {"number": 2, "age": 12}).
    """
    question_ = QUESTIONS[key or state.node]
    if question_.caption is None:
        return None
    number = int(question_.key.rsplit("_", 1)[1])
    if question_.words == "child_sex":
        ages = state.answers.get("children_ages", ())
        return (question_.caption, {"number": number, "age": ages[number - 1]}) if number <= len(ages) else None
    count = state.answers.get("children_disabled", 0)
    return (question_.caption, {"number": number, "count": count}) if count > 1 else None


def next_node(state: FlowState, key: str) -> str:
    """Where the answer to ``key`` leads, given every answer so far."""
    answer = state.answers.get(key)
    for route in QUESTIONS[key].routes:
        if route.answer is not None and route.answer != answer:
            continue
        if route.when is not None and not CONDITIONS[route.when](state):
            continue
        return route.to
    raise FlowError(f"{key}: no route for this answer")  # check_flow makes this impossible


def step(state: FlowState, answer: Any) -> FlowState | InvalidAnswer:
    """Answer the current question and move on.

    :param state: where the person is.
    :param answer: their answer (see the kinds above).
    :returns: the next state, or ``InvalidAnswer`` (the state is unchanged).
    """
    value = parse_answer(question(state), answer, state)
    if question(state).kind == "choice" and isinstance(value, str) and value not in options_for(state):
        value = InvalidAnswer("benefits.invalid.choose_one")
    if isinstance(value, InvalidAnswer):
        return value
    answered = replace(state, answers={**state.answers, state.node: value})
    following = next_node(answered, state.node)
    history = answered.history + (state.node,)
    while answered.returning and following != RESULTS and following in answered.answers and not isinstance(
            parse_answer(QUESTIONS[following], _raw(QUESTIONS[following], answered.answers[following]), answered),
            InvalidAnswer):
        history += (following,)
        following = next_node(answered, following)
    return replace(answered, node=following, history=history,
                   returning=answered.returning and following != RESULTS)


def _raw(question_: Question, stored: Any) -> Any:
    """A stored answer in the form ``step`` takes, to check it again after a change."""
    if question_.kind == "money" and isinstance(stored, tuple):
        return {"amount": stored[0], "per": stored[1]}
    if question_.kind == "choices":
        return list(stored) or ["none"]
    return stored


def back(state: FlowState) -> FlowState:
    """The previous question (answers are kept, to show again); at the first question, the same state."""
    if not state.history:
        return state
    return replace(state, node=state.history[-1], history=state.history[:-1], returning=False)


def change(state: FlowState, key: str) -> FlowState:
    """Go back to one answered question from "Check your answers"; after it, return to the end.

    :param key: a question on the current path.
    :raises KeyError: ``key`` was not asked on this path.
    """
    if key not in state.history:
        raise KeyError(key)
    position = state.history.index(key)
    return replace(state, node=key, history=state.history[:position], returning=True)


def path(state: FlowState) -> tuple[str, ...]:
    """The questions on the route the answers take, from the first, as far as the answers go."""
    keys, node = [], START
    while node != RESULTS and node in state.answers and node not in keys:
        keys.append(node)
        node = next_node(state, node)
    return tuple(keys)


def answered(state: FlowState) -> tuple[tuple[Question, Any], ...]:
    """Each question on the current route with its answer, in order, for "Check your answers"."""
    return tuple((QUESTIONS[key], state.answers[key]) for key in path(state))


def section(state: FlowState) -> tuple[int, str]:
    """The part of the questionnaire the current question is in, for the progress line "Part 2 of 5: Money coming
    in": (its number, the message key of its name). At the results, the last part.
    """
    number = len(SECTIONS) if state.node == RESULTS else section_of(state.node)
    return number, f"benefits.section.{SECTIONS[number - 1][0]}"

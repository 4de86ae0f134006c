"""The benefits check a life event starts: the event's answers are shown already chosen on their questions, and
the check comes out exactly as it does when the same answers are given by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.benefits import flow
from kiosk.benefits.answers import household_from_state
from kiosk.benefits.check import check
from kiosk.life_events.check import given_by_event, start_check
from kiosk.life_events.content import all_events

ON = dt.date(2026, 12, 5)
#: Someone of 45 living alone, renting privately; each event's answers are given on top by the event, by hand here.
HAND = {"nation": "england", "age": "45", "partner": "no", "bereaved": "no", "children_count": "0",
        "expecting": "no", "work": "no", "other_income": {"amount": "0", "per": "week"}, "health": "no",
        "health_daily_life": "yes", "health_work": "cannot_work", "health_assessed": "no", "pip_daily_living": "none",
        "pip_mobility": "none", "caring_hours": "0", "housing": "rent_private",
        "rent": {"amount": "650", "per": "month"}, "council_tax_band": "b", "council_tax_bill": "dont_know",
        "savings": "none", "benefits_received": ["none"]}
EVENTS_WITH_ANSWERS = [event_id for event_id, event in all_events().items() if event.answers]


def _answer(state, answers, *, seen=None):
    """Answer every question from ``answers``; a question the event answered is answered with what its page shows
    already chosen (``flow.prefill``), as a person pressing it would."""
    while state.node != flow.RESULTS:
        shown = flow.prefill(state)
        if seen is not None:
            seen[state.node] = shown
        state = flow.step(state, answers[state.node] if shown is None or state.node == "nation" else shown)
        assert not isinstance(state, flow.InvalidAnswer)
    return state


def test_three_events_give_answers_and_the_others_none():
    assert EVENTS_WITH_ANSWERS == ["lost_job", "ill_or_disabled", "separated"]


@pytest.mark.parametrize("event_id", EVENTS_WITH_ANSWERS)
def test_a_checks_answers_from_an_event_are_shown_chosen_and_give_the_same_result_as_by_hand(event_id):
    event = all_events()[event_id]
    by_hand_answers = {**HAND, "health": "yes"} if event_id == "ill_or_disabled" else HAND
    seen: dict = {}
    from_event = _answer(start_check(event, "england", on_date=ON), HAND, seen=seen)
    by_hand = _answer(flow.start("england", on_date=ON), {**by_hand_answers, **event.answers})
    for key, answer in event.answers.items():
        assert seen[key] == answer  # shown already chosen on its page
        assert given_by_event(event, from_event, key)
    assert dict(flow.answered(from_event)) == dict(flow.answered(by_hand))
    assert household_from_state(from_event) == household_from_state(by_hand)
    assert check(household_from_state(from_event), on_date=ON) == check(household_from_state(by_hand), on_date=ON)


def test_an_answer_from_an_event_that_the_person_changes_counts_as_changed():
    event = all_events()["lost_job"]
    state = start_check(event, "england", on_date=ON)
    while state.node != "work":
        state = flow.step(state, HAND[state.node])
    assert flow.prefill(state) == "no"
    state = flow.step(state, "yes")  # they do have work after all
    assert state.answers["work"] == "yes" and not given_by_event(event, state, "work")
    assert state.node == "work_hours"


def test_an_answer_from_an_event_counts_only_once_its_question_is_reached():
    state = start_check(all_events()["separated"], "england", on_date=ON)
    assert flow.path(state) == () and flow.answered(state) == ()
    state = flow.step(flow.step(state, "england"), "45")
    assert state.node == "partner" and flow.prefill(state) == "no"

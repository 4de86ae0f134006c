"""The benefits questionnaire node by node: set the question, add earlier answers by key, then check where the
answer leads or why it is refused. Then the checks made when the flow loads, Back, Change and the household."""

import datetime as dt
from decimal import Decimal as D

import pytest

from kiosk.benefits import flow
from kiosk.benefits.answers import household_from_state
from kiosk.benefits.check import check
from kiosk.benefits.flow import RESULTS, FlowState, InvalidAnswer, Question, Route
from kiosk.benefits.flow_engine import FlowError, check_flow

DAY = dt.date(2026, 6, 1)


def at(node, **answers):
    return FlowState(node, answers, tuple(answers), DAY)


def next_of(node, answer, **answers):
    state = flow.step(at(node, **answers), answer)
    assert not isinstance(state, InvalidAnswer), state
    return state.node


ROUTES = [
    ("nation", "scotland", {}, "age"),
    ("age", "40", {}, "partner"),
    ("partner", "yes", {}, "partner_age"),
    ("partner", "no", {}, "bereaved"),
    ("partner_age", 38, {"partner": "yes"}, "children_count"),
    ("bereaved", "no", {}, "children_count"),
    ("children_count", "0", {}, "expecting"),
    ("children_count", "2", {}, "children_ages"),
    ("children_ages", ["4", "12"], {"children_count": 2}, "children_disabled"),
    ("children_ages", ["9"], {"children_count": 1}, "children_born_before_2017"),
    ("children_born_before_2017", "1", {"children_count": 1, "children_ages": (9,)}, "children_disabled"),
    ("children_disabled", "0", {"children_count": 2}, "expecting"),
    ("children_disabled", "1", {"children_count": 2}, "children_dla_highest"),
    ("children_dla_highest", "1", {"children_disabled": 1}, "expecting"),
    ("expecting", "no", {}, "work"),
    ("work", "yes", {}, "work_hours"),
    ("work", "no", {"partner": "yes"}, "partner_work"),
    ("work", "no", {"partner": "no"}, "health"),
    ("work_hours", "20", {}, "work_pay"),
    ("work_pay", {"amount": "250", "per": "week"}, {"partner": "yes"}, "partner_work"),
    ("work_pay", {"amount": "900", "per": "month"}, {"partner": "no"}, "health"),
    ("partner_work", "yes", {}, "partner_work_hours"),
    ("partner_work", "no", {}, "health"),
    ("partner_work_hours", "10", {}, "partner_work_pay"),
    ("partner_work_pay", {"amount": "100", "per": "week"}, {}, "health"),
    ("health", "yes", {}, "health_daily_life"),
    ("health", "no", {"partner": "yes"}, "partner_health"),
    ("health", "no", {"partner": "no"}, "caring_hours"),
    ("health_daily_life", "yes", {}, "health_work"),
    ("health_work", "cannot_work", {}, "health_assessed"),
    ("health_work", "limits_work", {}, "health_assessed"),
    ("health_work", "no_effect", {}, "pip_daily_living"),
    ("health_work", "off_sick", {"work": "yes"}, "pip_daily_living"),
    ("health_assessed", "lcwra_since_april_2026", {}, "pip_daily_living"),
    ("pip_daily_living", "standard", {}, "pip_mobility"),
    ("pip_mobility", "none", {"partner": "yes"}, "partner_health"),
    ("pip_mobility", "none", {"partner": "no"}, "caring_hours"),
    ("partner_health", "no", {}, "caring_hours"),
    ("partner_health", "cannot_work", {}, "partner_health_assessed"),
    ("partner_health_assessed", "no", {}, "partner_pip"),
    ("partner_pip", "enhanced", {}, "caring_hours"),
    ("caring_hours", "35", {"partner": "yes"}, "partner_caring_hours"),
    ("caring_hours", "0", {"partner": "no"}, "housing"),
    ("partner_caring_hours", "0", {}, "housing"),
    ("housing", "rent_private", {}, "rent"),
    ("housing", "own_outright", {}, "council_tax_band"),
    ("rent", {"amount": "600", "per": "month"}, {}, "council_tax_band"),
    ("council_tax_band", "b", {"children_ages": (3,), "work": "yes"}, "childcare_costs"),
    ("council_tax_band", "not_sure", {"children_ages": (3,), "work": "no"}, "savings"),
    ("childcare_costs", {"amount": "80", "per": "week"}, {}, "savings"),
    ("savings", "6000_to_16000", {}, "savings_amount"),
    ("savings", "none", {}, "benefits_received"),
    ("savings_amount", "9000", {}, "benefits_received"),
    ("benefits_received", ["universal_credit", "child_benefit"], {}, RESULTS),
    ("benefits_received", ["none"], {}, RESULTS),
]


def test_every_question_is_routed_in_these_tests():
    assert {node for node, *_ in ROUTES} == set(flow.QUESTIONS)


@pytest.mark.parametrize("node, answer, earlier, expected", ROUTES,
                         ids=[f"{r[0]}={r[1]}->{r[3]}" for r in ROUTES])
def test_each_answer_leads_to_the_next_relevant_question(node, answer, earlier, expected):
    assert next_of(node, answer, **earlier) == expected


INVALID = [
    ("nation", "france", {}, "benefits.invalid.choose_one"),
    ("age", "15", {}, "benefits.invalid.whole_number"),
    ("age", "121", {}, "benefits.invalid.whole_number"),
    ("age", "thirty", {}, "benefits.invalid.whole_number"),
    ("age", True, {}, "benefits.invalid.whole_number"),
    ("children_count", "13", {}, "benefits.invalid.whole_number"),
    ("children_ages", ["4"], {"children_count": 2}, "benefits.invalid.child_ages"),
    ("children_ages", ["4", "20"], {"children_count": 2}, "benefits.invalid.child_ages"),
    ("children_disabled", "3", {"children_count": 2}, "benefits.invalid.whole_number"),
    ("work_hours", "0", {}, "benefits.invalid.whole_number"),
    ("work_pay", "250", {}, "benefits.invalid.choose_period"),
    ("work_pay", {"amount": "5001", "per": "week"}, {}, "benefits.invalid.money_range"),
    ("work_pay", {"amount": "21667", "per": "month"}, {}, "benefits.invalid.money_range"),
    ("work_pay", {"amount": "12.345", "per": "week"}, {}, "benefits.invalid.money"),
    ("work_pay", {"amount": "lots", "per": "week"}, {}, "benefits.invalid.money"),
    ("rent", {"amount": "-5", "per": "month"}, {}, "benefits.invalid.money_range"),
    ("savings_amount", "5999", {}, "benefits.invalid.money_range"),
    ("health_work", "off_sick", {"work": "no"}, "benefits.invalid.off_sick_not_working"),
    ("council_tax_band", "i", {"nation": "england"}, "benefits.invalid.band_i_wales_only"),
    ("benefits_received", ["none", "universal_credit"], {}, "benefits.invalid.none_and_other"),
    ("benefits_received", [], {}, "benefits.invalid.choose_one"),
    ("caring_hours", "169", {}, "benefits.invalid.whole_number"),
]


@pytest.mark.parametrize("node, answer, earlier, key", INVALID, ids=[f"{r[0]}={r[1]!r}" for r in INVALID])
def test_an_unreasonable_answer_gets_a_clear_message(node, answer, earlier, key):
    result = flow.step(at(node, **earlier), answer)
    assert isinstance(result, InvalidAnswer) and result.message_key == key


def test_band_i_is_accepted_in_wales():
    assert next_of("council_tax_band", "i", nation="wales") == "savings"


def test_a_money_answer_may_have_a_pound_sign_and_commas():
    state = flow.step(at("rent"), {"amount": "£1,050.50", "per": "month"})
    assert state.answers["rent"] == (D("1050.50"), "month")


# --- the checks made when the flow loads ----------------------------------------------------------------------

def q(key, kind="choice", *routes, options=("yes", "no")):
    return Question(key, kind, tuple(routes), options=options)


@pytest.mark.parametrize("questions, message", [
    ({"a": q("a", "choice", Route("nowhere"))}, "neither a question nor the results"),
    ({"a": q("a", "choice", Route(RESULTS, answer="yes"))}, "the answer(s) no lead nowhere"),
    ({"a": q("a", "choice", Route(RESULTS, answer="yes"), Route(RESULTS, answer="no", when="odd"))},
     "not a condition"),
    ({"a": q("a", "choice", Route("b")), "b": q("b", "choice", Route("a"))}, "loops"),
    ({"a": q("a", "choice", Route(RESULTS)), "b": q("b", "choice", Route(RESULTS))}, "no route leads to b"),
    ({"a": q("a", "whole", Route(RESULTS, when="odd"))}, "not a condition"),
    ({"a": q("a", "choice", Route(RESULTS, answer="maybe"), Route(RESULTS))}, "not one of its options"),
    ({"a": q("a", "choice")}, "has no route"),
])
def test_a_broken_flow_is_refused_when_it_loads(questions, message):
    with pytest.raises(FlowError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_flow(questions, "a", {})


def test_the_real_flow_passes_its_checks():
    check_flow(flow.QUESTIONS, flow.START, flow.CONDITIONS)


# --- going through it --------------------------------------------------------------------------------------------

TYPICAL = ["england", "31", "no", "no", "2", ["3", "7"], "0", "no", "yes", "20", {"amount": "900", "per": "month"},
           "no", "0", "rent_council", {"amount": "120", "per": "week"}, "b", {"amount": "50", "per": "week"},
           "under_6000", ["child_benefit"]]


def walk(answers, default_nation="england"):
    state = flow.start(default_nation, DAY)
    for answer in answers:
        state = flow.step(state, answer)
        assert not isinstance(state, InvalidAnswer), state
    return state


def test_a_typical_lone_parent_answers_19_questions_and_reaches_the_results():
    state = walk(TYPICAL)
    assert state.node == RESULTS and len(flow.answered(state)) == 19
    assert flow.progress(state) == (19, 19)


def test_the_answers_become_the_household_the_rules_check():
    household = household_from_state(walk(TYPICAL))
    assert household.adults[0].take_home_monthly == D("900.00")
    assert [c.age for c in household.children] == [7, 3]
    assert household.rent_monthly == D("520.00")  # 120 x 52 / 12
    assert household.childcare_monthly == D("216.67")
    assert household.benefits_received == frozenset({"child_benefit"})
    results = check(household, DAY)
    assert results.get("universal_credit").status == "likely"
    assert results.universal_credit.childcare_element == D("184.17")  # 85% of 216.67


def test_progress_counts_only_the_questions_the_route_needs():
    state = walk(["england", "31"])
    number, total = flow.progress(state)
    assert number == 3 and total == len(flow.questions_for(state)) and total < len(flow.QUESTIONS)


def test_back_returns_to_the_previous_question_and_keeps_the_answer():
    state = walk(["wales", "31"])
    previous = flow.back(state)
    assert previous.node == "age" and flow.prefill(previous) == 31
    assert flow.back(flow.start()).node == "nation"


def test_the_first_question_offers_the_kiosks_nation():
    assert flow.prefill(flow.start("scotland")) == "scotland"


def test_change_goes_back_to_one_question_then_straight_to_the_end():
    state = walk(TYPICAL)
    changing = flow.change(state, "age")
    assert changing.node == "age"
    again = flow.step(changing, "32")
    assert again.node == RESULTS and again.answers["age"] == 32


def test_change_asks_new_questions_the_new_answer_makes_relevant():
    state = flow.step(flow.change(walk(TYPICAL), "partner"), "yes")
    assert state.node == "partner_age"
    state = flow.step(state, "33")
    assert state.node == "partner_work"  # the next question not answered yet


def test_answers_left_from_an_abandoned_route_are_ignored():
    state = flow.step(flow.change(walk(TYPICAL), "housing"), "own_outright")
    assert state.node == RESULTS
    household = household_from_state(state)
    assert household.tenure == "OWNED_OUTRIGHT" and household.rent_monthly == 0


def test_change_refuses_a_question_not_on_the_route():
    with pytest.raises(KeyError):
        flow.change(walk(TYPICAL), "partner_age")


def test_couple_with_health_and_caring_answers_make_the_household():
    answers = ["scotland", "45", "yes", "44", "0", "no", "no", "no", "yes", "yes", "cannot_work",
               "lcwra_before_april_2026", "standard", "none", "no", "10", "40", "rent_housing_association",
               {"amount": "450", "per": "month"}, "c", "6000_to_16000", "7000", ["none"]]
    household = household_from_state(walk(answers))
    you, partner = household.adults
    assert household.country == "SCOTLAND" and you.has_lcwra and you.lcwra_new_claimant is False
    assert you.pip_daily_living == "STANDARD" and partner.caring_hours_weekly == 40
    assert household.savings == D(7000) and household.council_tax_band == "C"
    results = check(household, DAY)
    assert results.universal_credit.lcwra_element == D("429.80")
    assert results.universal_credit.carer_element == D("209.34")

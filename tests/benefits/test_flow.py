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
    ("children_dla_highest", "1", {"children_disabled": 1}, "child_mobility_1"),
    ("children_dla_highest", "0", {"children_disabled": 2}, "child_mobility_1"),
    ("child_mobility_1", "lower", {"children_disabled": 1}, "expecting"),
    *[(f"child_mobility_{n}", "higher", {"children_disabled": min(n + 1, 12)},
       f"child_mobility_{n + 1}" if n < 12 else "expecting") for n in range(1, 13)],
    ("expecting", "no", {}, "work"),
    ("work", "yes", {}, "work_hours"),
    ("work", "no", {"partner": "yes"}, "partner_work"),
    ("work", "no", {"partner": "no"}, "other_income"),
    ("work", "no", {"partner": "no", "age": 70}, "state_pension"),
    ("work", "self_employed", {}, "work_hours"),
    ("work", "both", {}, "work_hours"),
    ("work_hours", "20", {"work": "self_employed"}, "self_employed_profit"),
    ("work_hours", "20", {"work": "both"}, "work_pay"),
    ("work_hours", "20", {"work": "yes"}, "work_pay"),
    ("work_pay", {"amount": "250", "per": "week"}, {"partner": "yes"}, "partner_work"),
    ("work_pay", {"amount": "900", "per": "month"}, {"partner": "no"}, "other_income"),
    ("work_pay", {"amount": "900", "per": "month"}, {"work": "both"}, "self_employed_profit"),
    ("self_employed_profit", {"amount": "800", "per": "month"}, {"partner": "yes"}, "partner_work"),
    ("self_employed_profit", {"amount": "800", "per": "month"}, {"partner": "no", "age": 60}, "private_pension"),
    ("self_employed_profit", {"amount": "0", "per": "week"}, {"partner": "no", "age": 40}, "other_income"),
    ("partner_work", "yes", {}, "partner_work_hours"),
    ("partner_work", "no", {}, "other_income"),
    ("partner_work", "self_employed", {}, "partner_work_hours"),
    ("partner_work_hours", "30", {"partner_work": "self_employed"}, "partner_self_employed_profit"),
    ("partner_work_hours", "30", {"partner_work": "both"}, "partner_work_pay"),
    ("partner_work_pay", {"amount": "100", "per": "week"}, {"partner_work": "both"}, "partner_self_employed_profit"),
    ("partner_self_employed_profit", {"amount": "90", "per": "week"}, {"partner": "yes", "partner_age": 66},
     "partner_state_pension"),
    ("state_pension", {"amount": "230.25", "per": "week"}, {"age": 67, "partner": "no"}, "private_pension"),
    ("private_pension", {"amount": "0", "per": "week"}, {"partner": "yes", "partner_age": 56},
     "partner_private_pension"),
    ("private_pension", {"amount": "0", "per": "week"}, {"partner": "yes", "partner_age": 70},
     "partner_state_pension"),
    ("private_pension", {"amount": "300", "per": "month"}, {"partner": "no"}, "other_income"),
    ("partner_state_pension", {"amount": "180", "per": "week"}, {"partner": "yes", "partner_age": 66},
     "partner_private_pension"),
    ("partner_private_pension", {"amount": "0", "per": "month"}, {}, "other_income"),
    ("other_income", {"amount": "0", "per": "week"}, {}, "health"),
    ("partner_work_hours", "10", {"partner_work": "yes"}, "partner_work_pay"),
    ("partner_work_pay", {"amount": "100", "per": "week"}, {}, "other_income"),
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
    ("pip_mobility", "none", {"partner": "no", "age": 70}, "attendance_allowance"),
    ("attendance_allowance", "lower", {"partner": "yes"}, "partner_health"),
    ("attendance_allowance", "not_sure", {"partner": "no"}, "caring_hours"),
    ("partner_health", "no", {}, "caring_hours"),
    ("partner_health", "cannot_work", {}, "partner_health_assessed"),
    ("partner_health_assessed", "no", {}, "partner_pip"),
    ("partner_pip", "enhanced", {}, "caring_hours"),
    ("partner_pip", "none", {"partner": "yes", "partner_age": 70}, "partner_attendance_allowance"),
    ("partner_attendance_allowance", "higher", {}, "caring_hours"),
    ("caring_hours", "35", {"partner": "yes"}, "caring_for"),
    ("caring_hours", "35", {"partner": "no", "children_count": 1}, "caring_for"),
    ("caring_hours", "35", {"partner": "no", "children_count": 0}, "housing"),
    ("caring_hours", "0", {"partner": "yes"}, "partner_caring_hours"),
    ("caring_hours", "0", {"partner": "no"}, "housing"),
    ("caring_for", "partner", {"partner": "yes"}, "partner_caring_hours"),
    ("caring_for", "child", {"partner": "no", "children_count": 1}, "housing"),
    ("partner_caring_hours", "0", {}, "housing"),
    ("partner_caring_hours", "20", {}, "partner_caring_for"),
    ("partner_caring_for", "partner", {}, "housing"),
    ("housing", "rent_private", {}, "rent"),
    ("housing", "own_outright", {}, "council_tax_band"),
    ("rent", {"amount": "600", "per": "month"}, {}, "council_tax_band"),
    ("rent", {"amount": "900", "per": "month"}, {"housing": "rent_private", "children_ages": (12, 7)}, "child_sex_1"),
    ("rent", {"amount": "900", "per": "month"}, {"housing": "rent_council", "children_ages": (12, 7)},
     "council_tax_band"),
    ("rent", {"amount": "900", "per": "month"}, {"housing": "rent_private", "children_ages": (12, 3, 2)},
     "council_tax_band"),
    ("rent", {"amount": "900", "per": "month"}, {"housing": "rent_private", "children_ages": (17, 12, 8)},
     "child_sex_2"),
    ("child_sex_1", "girl", {"housing": "rent_private", "children_ages": (12, 17, 8)}, "child_sex_3"),
    *[(f"child_sex_{n}", "boy", {"housing": "rent_private", "children_ages": (12,) * 12},
       f"child_sex_{n + 1}" if n < 12 else "council_tax_band") for n in range(1, 13)],
    ("council_tax_band", "b", {"children_ages": (3,), "work": "yes"}, "childcare_costs"),
    ("council_tax_band", "not_sure", {"children_ages": (3,), "work": "no"}, "savings"),
    ("council_tax_band", "b", {"housing": "own_outright"}, "council_tax_bill"),
    ("council_tax_band", "b", {"housing": "no_rent"}, "savings"),
    ("council_tax_bill", "1450.20", {"children_ages": (3,), "work": "self_employed"}, "childcare_costs"),
    ("council_tax_bill", "dont_know", {}, "savings"),
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
    ("caring_for", "partner", {"partner": "no", "children_count": 1}, "benefits.invalid.choose_one"),
    ("caring_for", "child", {"partner": "yes", "children_count": 0}, "benefits.invalid.choose_one"),
    ("partner_caring_for", "child", {"children_count": 0}, "benefits.invalid.choose_one"),
    ("health_work", "off_sick", {"work": "self_employed"}, "benefits.invalid.off_sick_not_working"),
    ("state_pension", {"amount": "1001", "per": "week"}, {}, "benefits.invalid.money_range"),
    ("council_tax_bill", "0", {}, "benefits.invalid.money_range"),
    ("council_tax_bill", "maybe", {}, "benefits.invalid.money"),
    ("child_sex_1", "other", {}, "benefits.invalid.choose_one"),
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
           {"amount": "0", "per": "week"}, "no", "0", "rent_council", {"amount": "120", "per": "week"}, "b",
           "dont_know", {"amount": "50", "per": "week"}, "under_6000", ["child_benefit"]]


def walk(answers, default_nation="england"):
    state = flow.start(default_nation, DAY)
    for answer in answers:
        state = flow.step(state, answer)
        assert not isinstance(state, InvalidAnswer), state
    return state


def test_a_typical_lone_parent_answers_21_questions_and_reaches_the_results():
    state = walk(TYPICAL)
    assert state.node == RESULTS and len(flow.answered(state)) == 21
    assert flow.section(state) == (5, "benefits.section.savings")


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


def random_answer(state, chooser):
    """Any answer the question takes, chosen by ``chooser`` (a ``random.Random``)."""
    question = flow.question(state)
    if question.kind == "choice":
        return chooser.choice(flow.options_for(state))
    if question.kind == "choices":
        return chooser.sample([o for o in question.options if o != "none"], chooser.randint(1, 3))
    if question.kind == "ages":
        return [str(chooser.randint(0, 19)) for _ in range(state.answers.get("children_count", 0))]
    high = int(state.answers.get(question.high_from, 0)) if question.high_from else int(min(question.high, 200))
    amount = str(chooser.randint(int(question.low), max(int(question.low), high)))
    return {"amount": amount, "per": chooser.choice(question.periods)} if question.periods else amount


def test_the_part_shown_never_goes_backwards_and_every_route_passes_all_five():
    import random
    chooser, walked = random.Random(18), 0
    for _walk in range(300):
        state, parts = flow.start(chooser.choice(["england", "wales", "scotland"]), DAY), []
        while state.node != RESULTS:
            parts.append(flow.section(state)[0])
            answer = random_answer(state, chooser)
            following = flow.step(state, answer)
            if isinstance(following, InvalidAnswer):  # "off sick" without a job, band I outside Wales
                continue
            state = following
        assert parts == sorted(parts), parts
        assert sorted(set(parts)) == [1, 2, 3, 4, 5], parts
        walked += len(parts)
    assert walked > 300 * 15  # the walks went through whole questionnaires


def test_a_route_back_to_an_earlier_part_is_refused_when_the_flow_loads(monkeypatch):
    monkeypatch.setitem(flow.QUESTIONS, "savings", flow.make_question(
        "savings", "choice", Route("health"), options=("none", "under_6000", "6000_to_16000", "over_16000")))
    with pytest.raises(FlowError, match="savings: leads back to health"):
        flow._check_sections()


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
    answers = ["scotland", "45", "yes", "44", "0", "no", "no", "no", {"amount": "0", "per": "month"}, "yes", "yes",
               "cannot_work", "lcwra_before_april_2026", "standard", "none", "no", "10", "someone_else", "40",
               "partner", "rent_housing_association", {"amount": "450", "per": "month"}, "c", "1480", "6000_to_16000",
               "7000", ["none"]]
    household = household_from_state(walk(answers))
    you, partner = household.adults
    assert household.country == "SCOTLAND" and you.has_lcwra and you.lcwra_new_claimant is False
    assert you.pip_daily_living == "STANDARD" and partner.caring_hours_weekly == 40
    assert (you.cares_for, partner.cares_for) == ("SOMEONE_ELSE", "PARTNER") and household.council_tax_annual == 1480
    assert household.savings == D(7000) and household.council_tax_band == "C"
    results = check(household, DAY)
    assert results.universal_credit.lcwra_element == D("429.80")
    assert results.universal_credit.carer_element == D("209.34")

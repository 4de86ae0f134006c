"""The questions for every income and circumstance that changes an amount: each is asked exactly when it matters,
not otherwise, and its answer lands in the right field of the Household. Also when a child's sex changes the
bedrooms allowed, and that the new words are plain English."""

import datetime as dt
import itertools
from decimal import Decimal as D

import pytest

from kiosk.benefits import flow
from kiosk.benefits.answers import household_from_state
from kiosk.benefits.flow import RESULTS, FlowState, InvalidAnswer
from kiosk.benefits.flow_conditions import bedrooms_for_children, sex_changes_bedrooms
from kiosk.benefits.messages import text

DAY = dt.date(2026, 6, 1)
def WEEK(amount):  # noqa: N802 - reads as the period it is
    return {"amount": amount, "per": "week"}


def MONTH(amount):  # noqa: N802
    return {"amount": amount, "per": "month"}


def walk_by_key(answers, default_nation="england"):
    """Answer each question the flow asks from ``answers`` (by key); fail on a question not given."""
    state = flow.start(default_nation, DAY)
    while state.node != RESULTS:
        assert state.node in answers, f"asked {state.node}, which this household did not expect"
        state = flow.step(state, answers[state.node])
        assert not isinstance(state, InvalidAnswer), state
    return state


def asked(state):
    return set(flow.path(state))


BASE = {"nation": "england", "partner": "no", "bereaved": "no", "children_count": "0", "expecting": "no",
        "work": "no", "other_income": WEEK("0"), "health": "no", "caring_hours": "0", "housing": "own_outright",
        "council_tax_band": "c", "council_tax_bill": "dont_know", "savings": "none", "benefits_received": ["none"]}


# --- bedrooms: when a child's sex matters ---------------------------------------------------------------------

@pytest.mark.parametrize("ages, matters", [
    ([], False), ([12], False),
    ([7, 4], False),          # two under 10 share whatever their sex
    ([12, 7], True),          # share only if the same sex
    ([12, 11], True),
    ([12, 3, 2], False),      # the little ones share; the 12-year-old has a room either way
    ([12, 11, 3], False),     # two of the three are always the same sex, so always 2 rooms
    ([12, 11, 5, 3], True),   # 2 rooms if all boys, 3 if 12 and 5 are boys and 11 and 3 girls
    ([12, 7, 3], False),      # 7 and 3 share whatever their sex, or 12 shares with one of the same sex: 2 rooms
    ([17, 12], False),        # 16 and over have their own room anyway
    ([17, 12, 8], True),
    ([15, 15, 15, 15], True),
], ids=str)
def test_sex_changes_bedrooms_only_when_some_choice_of_sexes_changes_the_count(ages, matters):
    assert sex_changes_bedrooms(ages) is matters


def _fewest_rooms_by_trying_every_pairing(children):
    """The reference: try every way of pairing children who may share (UC Regs 2013 Sch. 4 para 10)."""
    def may_share(a, b):
        return a[0] < 16 and b[0] < 16 and ((a[0] < 10 and b[0] < 10) or a[1] == b[1])

    def fewest(rest):
        if not rest:
            return 0
        first, others = rest[0], rest[1:]
        best = 1 + fewest(others)
        for i, other in enumerate(others):
            if may_share(first, other):
                best = min(best, 1 + fewest(others[:i] + others[i + 1:]))
        return best
    return fewest(list(children))


def test_the_bedroom_count_by_pairing_greedily_is_the_fewest_possible():
    # Every family of up to five children from these ages, with every choice of sexes.
    tried = 0
    for size in range(1, 6):
        for ages in itertools.combinations_with_replacement((2, 8, 11, 14, 17), size):
            for sexes in itertools.product(("boy", "girl"), repeat=size):
                children = list(zip(ages, sexes))
                assert bedrooms_for_children(children) == _fewest_rooms_by_trying_every_pairing(children), children
                tried += 1
    assert tried > 5000


def test_12_11_7_and_3_need_2_or_3_rooms_depending_on_sex():
    assert bedrooms_for_children([(12, "boy"), (7, "boy"), (3, "girl")]) == 2
    assert bedrooms_for_children([(12, "boy"), (7, "girl"), (3, "girl")]) == 2
    assert bedrooms_for_children([(12, "boy"), (11, "girl"), (7, "girl"), (3, "boy")]) == 2
    assert bedrooms_for_children([(12, "boy"), (11, "girl"), (7, "girl"), (3, "girl")]) == 3


# --- children's sex ------------------------------------------------------------------------------------------------

def family(ages, housing="rent_private", **more):
    answers = {**BASE, "age": "35", "children_count": str(len(ages)), "children_ages": [str(a) for a in ages],
               "children_disabled": "0", "housing": housing, "rent": MONTH("900"), **more}
    if any(a in (8, 9, 10) for a in ages):
        answers["children_born_before_2017"] = "0"
    return answers


def test_a_private_renter_is_asked_each_childs_sex_and_it_stays_with_that_child():
    answers = family([7, 12], child_sex_1="girl", child_sex_2="boy")
    state = walk_by_key(answers)
    assert {"child_sex_1", "child_sex_2"} <= asked(state)
    children = household_from_state(state).children
    assert [(c.age, c.sex) for c in children] == [(12, "MALE"), (7, "FEMALE")]  # eldest first


def test_prefer_not_to_say_leaves_the_sex_unknown():
    state = walk_by_key(family([12, 7], child_sex_1="prefer_not_to_say", child_sex_2="girl"))
    assert [c.sex for c in household_from_state(state).children] == [None, "FEMALE"]


@pytest.mark.parametrize("ages, housing", [([12, 7], "rent_council"), ([12, 7], "rent_housing_association"),
                                           ([7, 4], "rent_private"), ([12, 3, 2], "rent_private"),
                                           ([12], "rent_private")])
def test_sex_is_not_asked_when_it_cannot_change_the_help_with_rent(ages, housing):
    state = walk_by_key(family(ages, housing=housing))
    assert not any(key.startswith("child_sex") for key in asked(state))
    assert all(c.sex is None for c in household_from_state(state).children)


def test_sex_is_asked_only_of_children_under_16():
    state = walk_by_key(family([17, 12, 8], child_sex_2="boy", child_sex_3="girl"))
    assert {key for key in asked(state) if key.startswith("child_sex")} == {"child_sex_2", "child_sex_3"}


def test_the_caption_says_which_child():
    state = FlowState("child_sex_2", {"children_ages": (17, 12, 8)}, (), DAY)
    key, params = flow.caption(state)
    assert params == {"number": 2, "age": 12}
    assert text(key, "en", **params) == "Child 2, aged 12" and text(key, "cy", **params) == "Plentyn 2, 12 oed"
    assert flow.caption(FlowState("age", {}, (), DAY)) is None


# --- DLA mobility -------------------------------------------------------------------------------------------------

def test_each_disabled_child_is_asked_about_dla_mobility():
    answers = {**family([14, 9, 4], housing="own_outright"), "children_disabled": "2", "children_dla_highest": "1",
               "child_mobility_1": "lower", "child_mobility_2": "higher"}
    state = walk_by_key(answers)
    assert "child_mobility_3" not in answers and {"child_mobility_1", "child_mobility_2"} <= asked(state)
    children = household_from_state(state).children
    assert [c.dla_mobility for c in children] == ["LOWER", "HIGHER", "NONE"]
    assert [c.dla_care for c in children] == ["HIGHER", "NONE", "NONE"]
    assert flow.caption(FlowState("child_mobility_2", {"children_disabled": 2}, (), DAY))[1] == {"number": 2,
                                                                                                 "count": 2}
    assert flow.caption(FlowState("child_mobility_1", {"children_disabled": 1}, (), DAY)) is None


def test_not_sure_about_dla_mobility_counts_as_none():
    answers = {**family([6], housing="own_outright"), "children_disabled": "1", "children_dla_highest": "0",
               "child_mobility_1": "not_sure"}
    assert household_from_state(walk_by_key(answers)).children[0].dla_mobility == "NONE"


# --- pensions, Attendance Allowance, self-employment, other income --------------------------------------------------

def test_a_working_age_person_is_never_asked_about_pensions_or_attendance_allowance():
    answers = {**BASE, "age": "54", "health": "yes", "health_daily_life": "yes", "health_work": "no_effect",
               "pip_daily_living": "none", "pip_mobility": "none"}
    state = walk_by_key(answers)
    assert not asked(state) & {"state_pension", "private_pension", "attendance_allowance"}


def test_a_pensioner_couple_gives_their_pensions_and_attendance_allowance():
    answers = {**BASE, "age": "70", "partner": "yes", "partner_age": "68", "partner_work": "no",
               "partner_caring_hours": "0", "state_pension": WEEK("230.25"), "private_pension": MONTH("400"),
               "partner_state_pension": WEEK("176.45"), "partner_private_pension": WEEK("0"),
               "health": "yes", "health_daily_life": "yes", "health_work": "no_effect", "pip_daily_living": "none",
               "pip_mobility": "none", "attendance_allowance": "higher", "partner_health": "limits_work",
               "partner_health_assessed": "no", "partner_pip": "none", "partner_attendance_allowance": "lower"}
    you, partner = household_from_state(walk_by_key(answers)).adults
    assert you.state_pension_annual == D("11973.00")  # 230.25 x 52
    assert you.private_pension_annual == D("4800.00")  # 400 x 12
    assert partner.state_pension_annual == D("9175.40")  # 176.45 x 52
    assert partner.private_pension_annual == 0
    assert (you.attendance_allowance, partner.attendance_allowance) == ("HIGHER", "LOWER")


def test_a_mixed_age_couple_is_asked_only_what_fits_each_age():
    answers = {**BASE, "age": "67", "partner": "yes", "partner_age": "58", "partner_work": "no",
               "state_pension": WEEK("241.30"), "private_pension": WEEK("0"), "partner_private_pension": MONTH("250"),
               "partner_health": "no", "partner_caring_hours": "0"}
    state = walk_by_key(answers)
    assert "partner_state_pension" not in asked(state)
    you, partner = household_from_state(state).adults
    assert you.state_pension_annual == D("12547.60") and partner.private_pension_annual == D("3000.00")


def test_someone_who_works_for_themselves_gives_their_profit():
    answers = {**BASE, "age": "40", "partner": "yes", "partner_age": "41", "work": "both", "work_hours": "30",
               "work_pay": MONTH("600"), "self_employed_profit": MONTH("500"), "partner_work": "self_employed",
               "partner_work_hours": "20", "partner_self_employed_profit": WEEK("150"), "partner_health": "no",
               "partner_caring_hours": "0"}
    state = walk_by_key(answers)
    assert "partner_work_pay" not in asked(state)
    you, partner = household_from_state(state).adults
    assert you.take_home_monthly == D("600.00") and you.self_employment_income_annual == D("6000.00")
    assert partner.take_home_monthly is None and partner.self_employment_income_annual == D("7800.00")  # 150 x 52
    assert partner.in_work and partner.hours_worked_weekly == 20


def test_other_income_is_counted_a_month():
    household = household_from_state(walk_by_key({**BASE, "age": "30", "other_income": WEEK("30")}))
    assert household.other_income_monthly == D("130.00")  # 30 x 52 / 12


# --- carers ----------------------------------------------------------------------------------------------------------

def test_each_partner_says_whom_they_care_for():
    answers = {**BASE, "age": "40", "partner": "yes", "partner_age": "41", "partner_work": "no",
               "partner_health": "no", "children_count": "1", "children_ages": ["6"], "children_disabled": "1",
               "children_dla_highest": "0", "child_mobility_1": "no", "caring_hours": "40", "caring_for": "child",
               "partner_caring_hours": "36", "partner_caring_for": "partner"}
    you, partner = household_from_state(walk_by_key(answers)).adults
    assert (you.is_carer, you.cares_for, you.caring_hours_weekly) == (True, "CHILD", 40)
    assert (partner.is_carer, partner.cares_for) == (True, "PARTNER")


def test_someone_alone_with_no_children_cares_for_someone_else_without_being_asked():
    state = walk_by_key({**BASE, "age": "50", "caring_hours": "35"})
    assert "caring_for" not in asked(state)
    assert household_from_state(state).adults[0].cares_for == "SOMEONE_ELSE"


def test_my_partner_is_offered_only_to_someone_with_a_partner():
    single = FlowState("caring_for", {"partner": "no", "children_count": 2}, (), DAY)
    assert flow.options_for(single) == ("child", "someone_else")
    couple = FlowState("caring_for", {"partner": "yes", "children_count": 0}, (), DAY)
    assert flow.options_for(couple) == ("partner", "someone_else")


def test_no_carer_has_no_one_they_care_for():
    adult = household_from_state(walk_by_key({**BASE, "age": "30"})).adults[0]
    assert (adult.is_carer, adult.cares_for) == (False, None)


# --- council tax ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bill, expected", [("1634.56", D("1634.56")), ("dont_know", None)])
def test_the_council_tax_bill_is_kept_if_known(bill, expected):
    household = household_from_state(walk_by_key({**BASE, "age": "30", "council_tax_bill": bill}))
    assert household.council_tax_annual == expected and household.council_tax_band == "C"


def test_someone_who_pays_no_rent_is_not_asked_for_a_council_tax_bill():
    answers = {**BASE, "age": "19", "housing": "no_rent"}
    del answers["council_tax_bill"]
    assert household_from_state(walk_by_key(answers)).council_tax_annual is None


# --- progress and words ---------------------------------------------------------------------------------------------

def test_the_progress_line_names_the_part_in_english_and_welsh():
    assert text("benefits.progress", "en", number=2, total=5, section=text("benefits.section.money", "en")) == \
        "Part 2 of 5: Money coming in"
    assert "tua" not in text("benefits.progress", "cy", number=2, total=5, section="x")  # no "about"


NEW_WORDS = ("self_employed_profit", "partner_self_employed_profit", "state_pension", "private_pension",
             "partner_state_pension", "partner_private_pension", "other_income", "attendance_allowance",
             "partner_attendance_allowance", "caring_for", "partner_caring_for", "child_sex", "child_mobility",
             "council_tax_bill")


def test_the_new_questions_are_plain_english_for_reading_age_nine():
    from tests.cv.test_advice import MAX_SENTENCE_WORDS, reading_ease, sentences, words
    keys = {f"benefits.q.{name}.{part}" for name in NEW_WORDS for part in ("title", "hint")}
    texts = [text(key, "en") for key in sorted(keys)]
    assert len(texts) == len(NEW_WORDS) * 2
    for sentence in itertools.chain.from_iterable(sentences(t) for t in texts):
        assert len(words(sentence)) <= MAX_SENTENCE_WORDS, sentence
    # Benefit names (Attendance Allowance, Disability Living Allowance) are long words we cannot avoid; the rest
    # keeps the whole at "fairly easy" or better.
    assert reading_ease(" ".join(texts)) >= 70

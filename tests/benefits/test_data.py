"""The benefits data keeps honest: every benefit names a rule that exists, every rate has a source, both tax years
have the same keys, and every message the rules and the questionnaire use exists in English and Welsh."""

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from kiosk.benefits.definitions import KINDS, all_benefits, read_benefits
from kiosk.benefits.flow import QUESTIONS
from kiosk.benefits.messages import SCREEN_KEYS, read_messages, text
from kiosk.benefits.rates import RULES_DIR, all_rates, rates_on, read_rates_file
from kiosk.benefits.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
IDS = ("universal_credit new_style_jsa new_style_esa statutory_sick_pay maternity_allowance pip_adp dla_cdp "
       "carers_allowance access_to_work child_benefit scottish_child_payment maternity_grant healthy_start "
       "free_school_meals funded_childcare tax_free_childcare council_tax_reduction housing_benefit "
       "discretionary_housing_payment budgeting_advance local_crisis_support bereavement_support nhs_health_costs "
       "warm_home_discount cold_weather_payment social_tariffs marriage_allowance pension_credit "
       "attendance_allowance winter_fuel_payment free_tv_licence child_winter_heating_payment "
       "school_clothing_grant job_start_payment young_carer_grant").split()


def test_there_are_exactly_the_35_benefits_with_stable_ids():
    assert [b.id for b in all_benefits()] == IDS


@pytest.mark.parametrize("benefit", all_benefits(), ids=lambda b: b.id)
def test_every_benefit_names_a_rule_that_exists(benefit):
    assert benefit.rule in RULES


@pytest.mark.parametrize("benefit", all_benefits(), ids=lambda b: b.id)
def test_every_benefit_has_welsh_and_english_words_and_a_claim_link(benefit):
    assert benefit.kind in KINDS
    for nation in benefit.nations:
        local = benefit.for_nation(nation)
        assert local.name["en"] and local.name["cy"] and local.summary["cy"] and local.runs["cy"]
        assert local.claim_url.startswith("https://")


def test_a_benefit_without_a_welsh_name_is_refused(tmp_path):
    bad = tmp_path / "benefits.toml"
    bad.write_text('[[benefit]]\nid = "x"\nrule = "x"\nkind = "estimate"\nnations = ["WALES"]\n'
                   'name = { en = "X" }\nsummary = { en = "x", cy = "x" }\nruns = { en = "x", cy = "x" }\n'
                   'claim = { url = "https://www.gov.uk/x" }\n', encoding="utf-8")
    with pytest.raises(ValueError, match="name needs English"):
        read_benefits(bad)


def test_every_rate_has_a_source():
    for rates in all_rates():
        for key, rate in rates.figures.items():
            assert rate.source.strip(), f"{rates.tax_year} {key}"


def test_a_rate_without_a_source_is_refused(tmp_path):
    bad = tmp_path / "rates-2030-31.toml"
    bad.write_text('tax_year = "2030-31"\nstarts = 2030-04-06\nends = 2031-04-05\n[x]\ny = { value = 1 }\n')
    with pytest.raises(ValueError, match=r"x\.y has no source"):
        read_rates_file(bad)


def test_both_tax_years_have_the_same_keys_and_follow_each_other():
    years = all_rates()
    assert [r.tax_year for r in years] == ["2025-26", "2026-27"]
    assert set(years[0].figures) == set(years[1].figures)
    assert years[1].starts == years[0].ends + dt.timedelta(days=1)


def test_the_2026_policy_changes_are_in_the_data():
    before, after = rates_on(dt.date(2026, 4, 5)), rates_on(dt.date(2026, 4, 6))
    assert before["universal_credit.two_child_limit_applies"] and not after["universal_credit.two_child_limit_applies"]
    assert after.money("universal_credit.lcwra_element") < after.money("universal_credit.lcwra_element_protected")
    assert before["statutory_sick_pay.lower_earnings_limit_applies"]
    assert not after["statutory_sick_pay.lower_earnings_limit_applies"]


def test_unverified_figures_are_marked():
    marked = {key for key, rate in rates_on(dt.date(2026, 4, 6)).figures.items() if rate.unverified}
    assert "new_style_esa.support_component" in marked and "healthy_start.baby_under_1" in marked


def code_message_keys():
    keys = set()
    for path in (ROOT / "kiosk" / "benefits").rglob("*.py"):
        keys |= set(re.findall(r'"(benefits\.[a-z0-9_]+(?:\.[a-z0-9_]+)+)"', path.read_text(encoding="utf-8")))
    for question in QUESTIONS.values():
        keys.add(question.title_key)
        keys |= {question.option_key(option) for option in question.options}
        keys |= {question.caption} if question.caption else set()
    return keys


def test_every_message_the_rules_and_questions_use_exists_in_both_languages():
    messages = read_messages()
    keys = code_message_keys()
    assert len(keys) > 200
    assert not keys - set(messages["en"])
    assert not [key for key in messages["en"] if not messages["cy"].get(key, "").strip()]


def test_every_benefits_message_in_the_catalogues_is_used():
    from tests.core.test_catalogues import used_keys
    messages = read_messages()
    hints = {key for question in QUESTIONS.values() for key in (question.hint_key, question.means_key)}
    assert not set(messages["en"]) - code_message_keys() - hints - set(SCREEN_KEYS) - used_keys()


def test_placeholders_match_between_english_and_welsh():
    messages = read_messages()
    names = lambda text: {n for _, n, _, _ in string.Formatter().parse(text) if n}
    for key, english in messages["en"].items():
        assert names(english) == names(messages["cy"][key]), key


def test_the_messages_are_in_the_catalogues_not_a_file_of_their_own():
    assert not (ROOT / "assets" / "locale" / "benefits_messages.tsv").exists()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_numbers_of_children_use_the_plural_forms(language):
    one = text("benefits.line.uc.child_element", language, count=1)
    assert "1" in one and "3" in text("benefits.line.uc.child_element", language, count=3)
    assert text("benefits.invalid.child_ages", language, count=1) != text("benefits.invalid.child_ages", language,
                                                                          count=2)


def test_the_rules_folder_holds_only_what_is_checked():
    assert sorted(p.name for p in RULES_DIR.iterdir()) == ["benefits.toml", "rates-2025-26.toml",
                                                           "rates-2026-27.toml"]

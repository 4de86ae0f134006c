"""The life events' words at reading age 9 or below, measured as the benefits check's are
(tests/benefits/test_plain_words.py): English at Flesch-Kincaid grade 4 or below, a text of under five words by its
syllables; Welsh by sentence and word length, since textstat has no measure for Welsh."""

from __future__ import annotations


import pytest

from kiosk.life_events.content import all_events
from tests.benefits.test_plain_words import assert_plain_welsh, assert_reading_age_9, kept_words

#: Names people see on letters and in the news, kept (each said once, plainly, where it is used).
TERMS = ("Universal Credit", "New Style Jobseeker's Allowance", "New Style Employment and Support Allowance",
         "Statutory Sick Pay", "Statutory Maternity Pay", "Maternity Allowance", "Sure Start Maternity Grant",
         "Pregnancy and Baby Payment", "Healthy Start", "Child Benefit", "Bereavement Support Payment",
         "Funeral Expenses Payment", "Funeral Support Payment", "Tell Us Once", "Carer's Allowance",
         "Carer Support Payment", "Carer's Credit", "Child Maintenance Service", "Adult Disability Payment",
         "Pension Age Disability Payment", "Attendance Allowance", "Pension Credit", "Housing Benefit",
         "State Pension", "National Insurance", "Council Tax", "redundancy pay", "maternity pay", "carer's assessment",
         "personal adviser", "registration office", "register office", "registrar", "passport office", "DVLA",
         "DWP", "HMRC", "PIP", "GP", "P45", "midwife", "prescriptions", "dental care", "driving licence",
         "child maintenance", "credit score", "social care", "the council", "council")


def _texts(language: str) -> list[str]:
    texts = []
    for event in all_events().values():
        texts += [event.title[language], event.intro[language]]
        for step in event.steps:
            texts += [step.title[language], step.why[language], step.how[language]]
            texts += [step.when[language]] if step.when[language] else []
    return sorted(set(texts))


KEPT = sorted(set(kept_words()) | set(TERMS), key=len, reverse=True)


@pytest.mark.parametrize("text", _texts("en"))
def test_english_is_at_reading_age_9_or_below(text):
    assert_reading_age_9(text, KEPT)


@pytest.mark.parametrize("text", _texts("cy"))
def test_welsh_sentences_are_short_and_its_words_everyday(text):
    assert_plain_welsh(text)

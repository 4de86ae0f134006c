"""The careers pages' own words at reading age 9 or below, measured as the benefits check's are
(tests/benefits/test_plain_words.py): English at Flesch-Kincaid grade 4 or below, a text of under five words by its
syllables; Welsh by sentence and word length, since textstat has no measure for Welsh. The job families' duties and
skills are the CV builder's, measured there."""

from __future__ import annotations

import re

import pytest

from kiosk.i18n import read_catalogue
from tests.benefits.test_plain_words import assert_plain_welsh, assert_reading_age_9, kept_words

#: Names people see on GOV.UK and in adverts, kept (each said once, plainly, where it is used).
TERMS = ("National Careers Service", "Careers Wales", "My World of Work", "Skills Development Scotland",
         "Youth Guarantee", "Young Person's Guarantee", "apprenticeship", "apprenticeships", "careers adviser",
         "careers advice", "full-time", "part-time", "careerswales.gov.wales", "www.gov.uk/apply-apprenticeship",
         "www.apprenticeships.scot", "Office for National Statistics")


def _texts(language: str) -> list[str]:
    texts = []
    for message in read_catalogue(language):
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if not key or not (key.startswith("careers.") or key == "home.careers"):
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # Placeholders read as the words they become: a place, a number, an address.
        texts += [re.sub(r"\{(\w+)\}", lambda m: {"count": "3", "place": "Leeds", "address": "gov.uk"}.get(
            m[1], "work"), text) for text in strings[:2]]
    return sorted(set(texts))


KEPT = sorted(set(kept_words()) | set(TERMS), key=len, reverse=True)


@pytest.mark.parametrize("text", _texts("en"))
def test_english_is_at_reading_age_9_or_below(text):
    assert_reading_age_9(text, KEPT)


@pytest.mark.parametrize("text", _texts("cy"))
def test_welsh_sentences_are_short_and_its_words_everyday(text):
    assert_plain_welsh(text)

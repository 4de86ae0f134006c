"""Fuzzing: whatever a card answers, opening a staff card session gives a certificate or a CardError.

The strategies are bench/fuzz.py's: 400 examples here, and as many as asked for there."""

from hypothesis import given, settings

from bench.fuzz import card_target

STRATEGY, CHECK = card_target()


@settings(max_examples=400)
@given(STRATEGY)
def test_whatever_a_card_answers_opening_it_gives_a_certificate_or_a_card_error(case):
    CHECK(case)

"""Fuzzing: any office config is accepted, or refused with BadData and never another error.

The strategies are bench/fuzz.py's: 300 examples here, and as many as asked for there."""

from hypothesis import given, settings

from bench.fuzz import office_target

STRATEGY, CHECK = office_target()


@settings(max_examples=300)
@given(STRATEGY)
def test_any_office_config_is_accepted_or_refused_with_bad_data(case):
    CHECK(case)

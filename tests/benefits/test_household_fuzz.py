"""Fuzzing: any household file is checked, or refused with HouseholdError and never another error.

The strategies are bench/fuzz.py's: 200 examples here, and as many as asked for there."""

import pytest
from hypothesis import given, settings

from bench.fuzz import household_target

STRATEGY, CHECK = household_target()


@pytest.mark.thorough
@settings(max_examples=200)
@given(STRATEGY)
def test_any_household_is_checked_or_refused_with_household_error(case):
    CHECK(case)

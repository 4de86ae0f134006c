"""Fuzzing: any text, place, sort and page typed into the job search gives a result, never an error.

The strategies are bench/fuzz.py's: 300 examples here, and as many as asked for there."""

from hypothesis import given, settings

from bench.fuzz import search_target

STRATEGY, CHECK = search_target()


@settings(max_examples=300)
@given(STRATEGY)
def test_any_text_typed_into_the_search_gives_a_result(case):
    CHECK(case)

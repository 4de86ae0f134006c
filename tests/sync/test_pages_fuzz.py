"""Fuzzing: any changes page is accepted, or refused with BadData and never another error.

The strategies are bench/fuzz.py's: 400 examples here, and as many as asked for there."""

import pytest
from hypothesis import given, settings

from bench.fuzz import pages_target

STRATEGY, CHECK = pages_target()


@settings(max_examples=400)
@given(STRATEGY)
def test_any_changes_page_is_accepted_or_refused_with_bad_data(case):
    CHECK(case)


def test_an_op_that_is_a_list_or_object_is_bad_data():
    """Found by bench/fuzz.py: ``op`` was looked up in a dict, so an unhashable one raised TypeError, not BadData."""
    from sync.client import BadData
    from sync.pages import check_page
    for op in ([], {}, ["upsert"]):
        page = {"since": 0, "next_cursor": 1, "has_more": True, "changes": [{"seq": 1, "op": op, "id": "v1"}]}
        with pytest.raises(BadData, match="neither upsert nor delete"):
            check_page(page, 0, 10)

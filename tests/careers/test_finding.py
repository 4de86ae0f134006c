""""Find any job" in Explore careers: over every job title the kiosk's careers know and every job title the ONS
lists in its 412 unit groups, each finds its career; and anything at all typed is taken as plain words."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.careers.finding import MOST_FOUND, Found, find_careers
from kiosk.careers.soc2020 import family_groups, unit_groups
from kiosk.cv.suggestions import GENERAL, occupations


def test_every_job_title_of_a_career_in_english_or_welsh_finds_that_career():
    for family in occupations().families.values():
        if family.key == GENERAL:
            continue
        for keyword in [*family.keywords, family.en, family.cy]:
            assert Found(family_key=family.key) in find_careers(keyword), (family.key, keyword)


def _covering(code):
    return {Found(family_key=key) for key, codes in family_groups().items() if code in codes}


@pytest.mark.sweep
def test_every_job_title_the_ons_lists_finds_its_group_or_the_career_that_covers_it():
    """ONS's own job titles are the truth here: 2,000 or so of them, each typed as the ONS writes it (without its
    notes in brackets). A title found in more groups than a page offers ("Manager") fills the page instead."""
    full = []
    for group in unit_groups().values():
        wanted = _covering(group.code) or {Found(group=group)}
        for title in group.related_titles:
            typed = re.sub(r"\s*\([^)]*\)", "", title)
            found = find_careers(typed)
            if not wanted & set(found):
                assert len(found) == MOST_FOUND, (group.code, title, found)
                full.append(typed)
    assert len(full) < 10, full  # a handful of one-word titles the ONS lists in many groups


def test_a_group_a_career_covers_is_offered_as_that_career_once():
    found = find_careers("care worker")
    assert found[0] == Found(family_key="care")
    assert not any(f.group is not None and f.group.code in family_groups()["care"] for f in found)
    assert len(found) == len(set(found))


def test_words_that_name_no_job_find_nothing():
    assert find_careers("") == [] and find_careers("the and of") == [] and find_careers("zzzz") == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_anything_typed_is_words_and_finds_at_most_a_page(text):
    found = find_careers(text)
    assert len(found) <= MOST_FOUND and all((f.family_key is None) != (f.group is None) for f in found)


def test_search_syntax_is_only_words():
    assert find_careers('"nurse"*') == find_careers("(nurse)") == find_careers("nurse") != []
    assert find_careers("nurse OR plumber") == []  # every word must name the job: "or" names none

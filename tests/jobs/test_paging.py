"""The results page's rules without a window: pages, new searches, "Look further", clearing filters."""

import pytest

from kiosk.jobs.paging import page_count, query_to_run, same_search, wider_radius
from kiosk.jobs.query import RADII, JobQuery, clear_filters, filters_on, query_from_session
from kiosk.session import Session


@pytest.mark.parametrize("total, pages", [(0, 1), (1, 1), (10, 1), (11, 2), (95, 10)])
def test_pages_are_enough_for_every_result_and_never_none(total, pages):
    assert page_count(total, page_size=10) == pages


@pytest.mark.parametrize("radius, wider", [(1, 3), (3, 10), (5, 10), (10, 20), (15, 30), (20, 50), (30, 50), (50, 0)])
def test_look_further_offers_at_least_twice_the_distance_up_to_the_furthest(radius, wider):
    assert wider_radius(JobQuery(place="Leeds", radius_miles=radius), place_found=True) == wider
    assert wider in (0, *RADII)


def test_look_further_is_never_offered_without_a_known_place():
    assert wider_radius(JobQuery(radius_miles=5), place_found=False) == 0


def test_another_page_of_the_same_search_is_not_a_new_search():
    shown = JobQuery(text="cleaner", hours={"16_29"}, page=2)
    assert same_search(shown, JobQuery(text="cleaner", hours={"16_29"}, page=3))
    assert query_to_run(shown, JobQuery(text="cleaner", hours={"16_29"}, page=3)).page == 3
    assert not same_search(None, shown)  # the first search of a visit is new


@pytest.mark.parametrize("change", [{"text": "chef"}, {"place": "York"}, {"remote": True}, {"sort": "pay"},
                                    {"radius_miles": 30}])
def test_a_changed_search_is_new_and_starts_on_its_first_page(change):
    shown = JobQuery(text="cleaner", place="Leeds", page=4)
    wanted = JobQuery(**{"text": "cleaner", "place": "Leeds", "page": 4, **change})
    assert not same_search(shown, wanted)
    assert query_to_run(shown, wanted) == JobQuery(**{"text": "cleaner", "place": "Leeds", **change})


def test_clearing_filters_keeps_the_words_place_distance_and_sort():
    session = Session()
    session.search_text, session.search_place = "care", "Leeds"
    session.search_filters.update(hours=frozenset({"16_29"}), min_pay=20000, remote=True, radius_miles=5, sort="pay")
    assert filters_on(session) == 3
    clear_filters(session.search_filters)
    assert filters_on(session) == 0
    assert query_from_session(session) == JobQuery(text="care", place="Leeds", radius_miles=5, sort="pay")

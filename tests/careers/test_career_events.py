"""The careers' usage events: one per career page, and the list the same as the job families."""

import pytest

from kiosk.cv.suggestions import GENERAL, occupations
from sync.career_events import CAREER_EVENTS, CAREERS, career_event
from sync.central.usage import EVENTS as CENTRAL_EVENTS
from sync.usage import EVENTS


def test_every_career_page_has_its_event_and_only_those():
    assert list(CAREERS) == [key for key in occupations().families if key != GENERAL]


def test_the_kiosk_and_the_central_service_take_the_same_career_events():
    assert CAREER_EVENTS <= EVENTS
    assert CAREER_EVENTS.issubset(CENTRAL_EVENTS)
    assert all(len(event) <= 40 for event in CAREER_EVENTS)  # the protocol's longest event name


def test_a_key_that_is_not_a_career_is_refused():
    assert career_event("care") == "career_viewed.care"
    with pytest.raises(ValueError):
        career_event("general")

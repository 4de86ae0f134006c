""""Something has changed" as usage counts: a closed list built from the life events, the same on the kiosk and the
central service, each named for staff on the dashboard."""

from __future__ import annotations

import pytest

from kiosk.life_events.content import ORDER, all_events
from sync.central.dashboard_words import EVENT_LABELS
from sync.central.usage import EVENTS as CENTRAL_EVENTS
from sync.life_event_counts import LIFE_EVENT_COUNTS, LIFE_EVENTS, life_event_counts
from sync.usage import EVENTS as KIOSK_EVENTS
from sync.usage import UnknownEvent, UsageCounter


def test_the_counted_events_are_the_kiosks_life_events_in_order():
    assert LIFE_EVENTS == ORDER == tuple(all_events())
    assert life_event_counts()[:len(ORDER)] == tuple(f"life_event.{event}" for event in ORDER)


def test_the_kiosk_counts_them_and_the_central_service_takes_and_names_them():
    assert LIFE_EVENT_COUNTS <= KIOSK_EVENTS
    assert LIFE_EVENT_COUNTS.issubset(CENTRAL_EVENTS)
    assert all(EVENT_LABELS[event] for event in LIFE_EVENT_COUNTS)


@pytest.mark.parametrize("name", ["life_event.someone", "life_event.", "life_event_check.My Nan"])
def test_a_name_outside_the_list_is_refused(tmp_path, name):
    counter = UsageCounter(tmp_path / "usage.db")
    counter.count("life_event.someone_died")
    with pytest.raises(UnknownEvent):
        counter.count(name)

""""Something has changed" as counts: which life-event checklists people open, and which lead to a benefits check.

    life_event_counts()[:2]          # ('life_event.lost_job', 'life_event.ill_or_disabled')

A closed list, as every usage event is: one name per event in ``LIFE_EVENTS`` (the same ids, in the same order, as
``kiosk.life_events.content.ORDER``; a test keeps the two the same), and nothing about the person. The kiosk
(``sync.usage``) and the central service (``sync.central.usage``) share it.
"""

from __future__ import annotations

#: The life events, as ``kiosk.life_events.content.ORDER`` lists them (not imported: the benefits flow it needs
#: would load with the usage counter, at the kiosk's start).
LIFE_EVENTS = ("lost_job", "ill_or_disabled", "baby", "someone_died", "caring", "separated", "leaving_care",
               "moving_home", "state_pension_age")
#: A checklist opened (``life_event.<event>``); "Check what you could get" touched on it (``life_event_check.``);
#: the checklist printed on paper (``life_event_printed.``).
KINDS = ("life_event", "life_event_check", "life_event_printed")


def life_event_counts() -> tuple[str, ...]:
    """Every life-event usage event name, each kind's events in ``LIFE_EVENTS`` order."""
    return tuple(f"{kind}.{event}" for kind in KINDS for event in LIFE_EVENTS)


LIFE_EVENT_COUNTS = frozenset(life_event_counts())

"""The benefits check a life event starts: the answers the event means, already given and shown, each changeable.

    >>> state = start_check(all_events()["separated"], "wales")
    >>> state.node, state.answers
    ('nation', {'partner': 'no'})

The answers sit in the questionnaire's ``FlowState`` under the real question ids (``kiosk.benefits.flow``) but on
no route yet: each shows already chosen when its question comes (``flow.prefill``), and counts only once the person
has gone past it (``flow.path``), so one they change, or a question their other answers skip, counts as answered by
hand. An event whose answers are not certain gives none (ADR 040): a wrong answer already chosen is worse for
someone in a hurry than a question left blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kiosk.benefits import flow
from kiosk.benefits.flow_engine import FlowState
from kiosk.life_events.content import LifeEvent, all_events  # noqa: F401 - all_events for the example


def start_check(event: LifeEvent, default_nation: str, on_date: dt.date | None = None) -> FlowState:
    """A new benefits questionnaire with ``event``'s answers already given (shown on their questions).

    :param event: the life event.
    :param default_nation: the kiosk's nation ("england", "wales", "scotland").
    :param on_date: the date the check is for (default today).
    """
    state = flow.start(default_nation, on_date=on_date)
    return replace(state, answers=dict(event.answers))


def given_by_event(event: LifeEvent, state: FlowState, key: str) -> bool:
    """True when the answer to ``key`` is the one ``event`` gave, so its page can say so.

    :param event: the life event the check started from.
    :param state: the questionnaire now.
    :param key: a question id.
    """
    return key in event.answers and state.answers.get(key) == event.answers[key]

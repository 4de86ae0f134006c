"""The tour's views of "Something has changed" (``screens/life_events/``): a checklist with a deadline and a
phone number, one with steps for some nations only, read aloud at its start and at its end, the benefits
question whose answer the event already chose, and the question before a new check replaces answers given.

    special.update(life_event_screens(app))      # the "life_event" screen shows an event, not an empty page
    views += life_event_views(app, reading)       # and more views of it
"""

from __future__ import annotations


def life_event_screens(app) -> dict:
    """The set-up of the "life_event" screen itself: a checklist with a deadline ("Someone has died").

    :param app: the running KioskApp (``None`` to list the names only).
    """
    return {"life_event": _life_event(app, "someone_died")}


def life_event_views(app, reading) -> list[tuple[str, object]]:
    """(name, set-up) of the tour's further views of the life events.

    :param app: the running KioskApp (``None`` to list the names only).
    :param reading: ``tour_views``' maker of a view read aloud: ``reading(show, parts_heard)``.
    """
    return [("life_event_lost_job", _life_event(app, "lost_job")),
            ("life_event_baby", _life_event(app, "baby")),
            ("life_event_reading", reading(_life_event(app, "someone_died"), 6)),
            ("life_event_end_reading", _life_event_end(app, reading, "moving_home")),
            ("life_event_check_given", lambda: _check_given(app)),
            ("life_event_new_check", lambda: _new_check(app))]


def _life_event(app, event_id: str, useful: str = ""):
    """Open one event's checklist from "What has changed?" (and answer "Was this useful?", if ``useful``)."""
    def show():
        from screens.life_events.checklist import open_event
        app.nav.begin()
        app.nav.go("life_events")
        open_event(app, event_id)
        if useful:
            app.screen.ids.useful.choose(useful)
    return show


def _life_event_end(app, reading, event_id: str):
    """The end of a checklist ("Check what you could get"), read aloud at "Was this useful?", answered No: the
    reader brings the part it reads into view."""
    def show():
        _life_event(app, event_id, useful="no")()
        settle(app.screen)
        question = app.screen.ids.useful.ids.question
        heard = [widget for widget, *_text in app.screen.read_parts()].index(question.__self__)
        reading(lambda: None, heard)()
    return show


def _check_given(app) -> None:
    """"Check what you could get" from "I lost my job", at the question its answer is already chosen on."""
    from kiosk.benefits import flow as benefits_flow
    from screens.benefits.widgets import flow_state, keep_state
    _life_event(app, "lost_job")()
    app.screen.check_benefits()
    state = flow_state(app)
    for answer in ("england", "30", "no", "no", "0", "no"):  # nation, age, partner, bereaved, children, expecting
        state = benefits_flow.step(state, answer)
    keep_state(app, state)
    app.nav.go("benefits_question")


def _new_check(app) -> None:
    """"Check what you could get" from "I have separated" after some benefits questions were answered: "Start a
    new benefits check?", since the new check would clear them."""
    from kiosk.benefits import flow as benefits_flow
    from screens.benefits.widgets import flow_state, keep_state
    _check_given(app)
    state = benefits_flow.step(flow_state(app), "no")
    keep_state(app, state)
    _life_event(app, "separated")()
    app.screen.check_benefits()


def settle(root) -> None:
    """Lay a page out now, as the next frames would: its labels' text drawn, then each layout from the innermost
    out, so a set-up can scroll it to a part far down (the reader scrolls only a page taller than its view).

    :param root: a screen.
    """
    from kivy.uix.label import Label
    from kivy.uix.layout import Layout
    widgets = list(root.walk(restrict=True))
    for widget in widgets:
        if isinstance(widget, Label):
            widget.texture_update()
    for _ in range(2):
        for widget in reversed(widgets):
            if isinstance(widget, Layout):
                widget.do_layout()

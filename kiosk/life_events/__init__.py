"""Life events across government: "Something has changed" checklists, as data, and the benefits check they start.

    >>> from kiosk.life_events.content import all_events
    >>> from kiosk.life_events.check import start_check
    >>> event = all_events()["lost_job"]
    >>> event.title["cy"], [step.who for step in event.steps_for("england")][:2]
    ('Rydw i wedi colli fy swydd', ['dwp', 'dwp'])
    >>> start_check(event, "england").answers["work"]
    'no'

``content`` reads and checks ``assets/life_events/<event>.toml`` (English and Welsh in one file); ``check`` turns an
event into a benefits questionnaire with the answers the event means already given. Nothing here needs a screen.
"""

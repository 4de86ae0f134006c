"""How a life event's step reads, in the person's language: the same words on screen, read aloud and on paper.

    >>> from kiosk.i18n import load_catalogues
    >>> from kiosk.life_events.content import all_events
    >>> t = load_catalogues()["en"]
    >>> register = all_events()["someone_died"].steps_for("wales")[0]
    >>> step_words(t, register, 1)["title"], step_words(t, register, 1)["when"]
    ('Step 1: Register the death', 'By when: Within 5 days.')
    >>> step_words(load_catalogues()["cy"], register, 1)["who"]
    'Pwy: Y swyddfa gofrestru'

Each line is one of ``LINES``; a line the step has nothing for (no deadline, no phone number) is "". The words of
the step come from its file (``content``), the words around them ("By when:") from the catalogue (``life.step.*``).
"""

from __future__ import annotations

from kiosk.jobs.wording import long_date
from kiosk.life_events.content import Step

#: A step's lines, in the order they are shown and read: what, with whom, by when, why, how, the phone number,
#: the page (its web address), and when its facts were checked.
LINES = ("title", "who", "when", "why", "how", "phone", "address", "checked")


def step_words(t, step: Step, number: int) -> dict[str, str]:
    """Every line of one step, by name (``LINES``), in the language of catalogue ``t``.

    :param t: the person's catalogue (``app.t``); its language picks the step's words, link and phone line.
    :param step: the step.
    :param number: its place in the list, from 1.
    """
    language = t.language
    phone = step.phone_for(language)
    return {
        "title": t.text("life.step.title", number=number, title=step.title[language]),
        "who": t.text("life.step.who", who=t[f"life.who.{step.who}"]),
        "when": t.text("life.step.when", when=step.when[language]) if step.when[language] else "",
        "why": t.text("life.step.why", why=step.why[language]),
        "how": t.text("life.step.how", how=step.how[language]),
        "phone": t.text("life.step.phone", phone=phone) if phone else "",
        "address": web_address(step.link_for(language)),
        "checked": t.text("life.step.checked", date=long_date(t, step.checked.isoformat())),
    }


def web_address(url: str) -> str:
    """A link as people type it, without "https://" or a "/" at the end ("www.gov.uk/register-a-death").

    :param url: the full address.
    """
    return url.removeprefix("https://").rstrip("/")

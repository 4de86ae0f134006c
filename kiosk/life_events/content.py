"""The life events as data: ``assets/life_events/<event>.toml``, read once and checked, English and Welsh together.

    >>> events = all_events()
    >>> list(events)[:3]
    ['lost_job', 'ill_or_disabled', 'baby']
    >>> died = events["someone_died"]
    >>> [step.when["en"] for step in died.steps_for("scotland")][0]
    'Within 8 days.'

Each file is one event: its title and a line under it in English (``en``) and Welsh (``cy``), the answers to the
benefits check it means (``[check] answers``), and its steps in the order to do them. Each step says who does it
(one of ``WHO``), what, why, how and, where it matters, by when; a link (shown as a QR code) and perhaps a phone
number; the page its facts were checked against (``source``) and the date (``checked``, the file's unless the step
gives its own). A step for some nations only lists them (``nations``), as registering a death differs in Scotland.

A file that is wrong stops the kiosk with a plain message naming the file and the field (``LifeEventError``), never
a traceback, as the benefit rules do (ADR 003 and 009).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.assets import ASSETS
from kiosk.benefits import flow
from kiosk.benefits.flow_engine import FlowState, InvalidAnswer, parse_answer

EVENTS_DIR = ASSETS / "life_events"
#: The order they are listed in on "Something has changed": work and health first, as most people here come for those.
ORDER = ("lost_job", "ill_or_disabled", "baby", "someone_died", "caring", "separated", "leaving_care", "moving_home",
         "state_pension_age")
LANGUAGES = ("en", "cy")
NATIONS = ("england", "wales", "scotland")
#: Who each step is with; the screens name them (``life.who.<who>`` in the catalogue).
WHO = ("dwp", "hmrc", "council", "nhs", "tell_us_once", "register_office", "social_security_scotland", "employer",
       "dvla", "help")
#: Where links may go: the public services' own sites. Not Northern Ireland's nidirect: the kiosk is in Great Britain.
HOSTS = ("www.gov.uk", "www.nhs.uk", "www.healthystart.nhs.uk", "www.mygov.scot", "www.nrscotland.gov.uk",
         "www.gov.wales", "www.llyw.cymru")
_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_PHONE = re.compile(r"^0[0-9 ]{9,13}$")
STEP_TEXTS = ("title", "why", "how")


class LifeEventError(ValueError):
    """A life-event file is wrong: the message names the file and the field, in plain words."""


@dataclass(frozen=True)
class Step:
    """One thing to do: with whom, what, why, how and by when, a link and a phone number."""

    who: str
    title: Mapping[str, str]
    why: Mapping[str, str]
    how: Mapping[str, str]
    #: By when it matters ("Within 5 days."), or empty texts when there is no date to keep to.
    when: Mapping[str, str]
    link: str
    #: The Welsh page, where there is one; otherwise the Welsh screen links the English page.
    link_cy: str
    phone: str
    #: The Welsh-language line, where there is one.
    phone_cy: str
    source: str
    checked: dt.date
    nations: tuple[str, ...]

    def link_for(self, language: str) -> str:
        """The page to link in ``language``: the Welsh one if there is one, else the English one.

        :param language: "en" or "cy".
        """
        return self.link_cy if language == "cy" and self.link_cy else self.link

    def phone_for(self, language: str) -> str:
        """The number to call in ``language`` ("" for none): the Welsh-language line if there is one.

        :param language: "en" or "cy".
        """
        return self.phone_cy if language == "cy" and self.phone_cy else self.phone


@dataclass(frozen=True)
class LifeEvent:
    """One "Something has changed" event: its title, its intro, the check's answers it means, its steps in order."""

    id: str
    title: Mapping[str, str]
    intro: Mapping[str, str]
    answers: Mapping[str, object]
    steps: tuple[Step, ...]
    checked: dt.date

    def steps_for(self, nation: str) -> tuple[Step, ...]:
        """The steps that apply in the kiosk's nation, in order.

        :param nation: "england", "wales" or "scotland" (any case).
        """
        return tuple(step for step in self.steps if nation.lower() in step.nations)


def check_answers(answers: Mapping) -> str:
    """What is wrong with an event's answers to the benefits check ("" if nothing): each must be a question that
    takes one option, and the option must be one of its own.

    :param answers: question id to answer, e.g. ``{"work": "no"}``.
    """
    for key, value in answers.items():
        question = flow.QUESTIONS.get(key)
        if question is None or question.kind != "choice":
            return f"{key!r} is not a question of the benefits check that takes one option"
        if isinstance(parse_answer(question, value, FlowState(key, {})), InvalidAnswer):
            return f"{value!r} is not an answer to {key!r} (it takes {', '.join(question.options)})"
    return ""


def _texts(table: object, name: str, where: str, *, required: bool = True) -> dict[str, str]:
    """An ``{en = "...", cy = "..."}`` table: both languages, or (when not required) neither."""
    if table is None and not required:
        return dict.fromkeys(LANGUAGES, "")
    if not isinstance(table, dict) or set(table) - set(LANGUAGES) or any(
            not isinstance(table.get(language), str) or not table[language].strip() for language in LANGUAGES):
        raise LifeEventError(f"{where}: {name} needs English (en) and Welsh (cy) text, and nothing else")
    return {language: table[language].strip() for language in LANGUAGES}


def _link(value: object, name: str, where: str, *, required: bool = True) -> str:
    """A link to a public service's own page (``HOSTS``), over https."""
    if value is None and not required:
        return ""
    refused = LifeEventError(f"{where}: {name} must be an https:// link to one of {', '.join(HOSTS)}")
    if not isinstance(value, str) or " " in value:
        raise refused
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # "https://[" and the like: not a link at all
        raise refused from None
    if parts.scheme != "https" or host not in HOSTS:
        raise refused
    return value


def _phone(value: object, name: str, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not _PHONE.match(value) or not 10 <= len(value.replace(" ", "")) <= 11:
        raise LifeEventError(f"{where}: {name} must be a UK phone number such as \"0800 328 5644\"")
    return value


def _date(value: object, name: str, where: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise LifeEventError(f"{where}: {name} must be a date such as 2026-12-05 (without quotes)")
    return value


def _step(entry: object, where: str, checked: dt.date) -> Step:
    if not isinstance(entry, dict):
        raise LifeEventError(f"{where}: must be a [[step]] table")
    if entry.get("who") not in WHO:
        raise LifeEventError(f"{where}: who must be one of {', '.join(WHO)}")
    nations = entry.get("nations", list(NATIONS))
    if not isinstance(nations, list) or not nations or any(nation not in NATIONS for nation in nations):
        raise LifeEventError(f"{where}: nations must be some of {', '.join(NATIONS)}")
    texts = {name: _texts(entry.get(name), name, where) for name in STEP_TEXTS}
    return Step(who=entry["who"], **texts, when=_texts(entry.get("when"), "when", where, required=False),
                link=_link(entry.get("link"), "link", where),
                link_cy=_link(entry.get("link_cy"), "link_cy", where, required=False),
                phone=_phone(entry.get("phone"), "phone", where),
                phone_cy=_phone(entry.get("phone_cy"), "phone_cy", where),
                source=_link(entry.get("source"), "source", where),
                checked=_date(entry.get("checked", checked), "checked", where), nations=tuple(nations))


def parse_event(data: object, where: str) -> LifeEvent:
    """Check one event's data, as read from its TOML file.

    :param data: the file's tables.
    :param where: the file's name, for messages.
    :raises LifeEventError: naming the field that is wrong.
    """
    if not isinstance(data, dict):
        raise LifeEventError(f"{where}: must hold tables")
    event_id = data.get("id")
    if not isinstance(event_id, str) or not _ID.match(event_id) or where != f"{event_id}.toml":
        raise LifeEventError(f"{where}: id must be snake_case and the same as the file's name")
    checked = _date(data.get("checked"), "checked", where)
    check = data.get("check", {})
    if not isinstance(check, dict) or not isinstance(check.get("answers", {}), dict):
        raise LifeEventError(f"{where}: [check] answers must be a table of question = answer")
    answers = check.get("answers", {})
    problem = check_answers(answers)
    if problem:
        raise LifeEventError(f"{where}: [check] answers: {problem}")
    entries = data.get("step")
    if not isinstance(entries, list) or not entries:
        raise LifeEventError(f"{where}: needs at least one [[step]]")
    steps = tuple(_step(entry, f"{where} step {number}", checked) for number, entry in enumerate(entries, 1))
    for nation in NATIONS:
        if not any(nation in step.nations for step in steps):
            raise LifeEventError(f"{where}: has no step for {nation}")
    return LifeEvent(id=event_id, title=_texts(data.get("title"), "title", where),
                     intro=_texts(data.get("intro"), "intro", where), answers=dict(answers), steps=steps,
                     checked=checked)


def read_event(path: Path) -> LifeEvent:
    """Read and check one event's file.

    :param path: ``assets/life_events/<event>.toml``.
    :raises LifeEventError: the file cannot be read, is not TOML, or a field is wrong; the message names them.
    """
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise LifeEventError(f"{Path(path).name}: cannot be read ({error.strerror or error})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise LifeEventError(f"{Path(path).name}: is not valid TOML ({error})") from None
    return parse_event(data, Path(path).name)


def read_events(folder: Path = EVENTS_DIR) -> dict[str, LifeEvent]:
    """Read and check every event in ``folder``, in ``ORDER`` (any others after, by name).

    :param folder: the folder of ``<event>.toml`` files.
    :raises LifeEventError: a file is wrong, or an event in ``ORDER`` has no file.
    """
    events = {event.id: event for event in map(read_event, sorted(Path(folder).glob("*.toml")))}
    missing = [event_id for event_id in ORDER if event_id not in events]
    if missing:
        raise LifeEventError(f"{Path(folder).name}: no file for {', '.join(missing)} (each needs <event>.toml)")
    return {event_id: events[event_id] for event_id in sorted(events, key=_position)}


def _position(event_id: str) -> tuple[int, str]:
    return (ORDER.index(event_id) if event_id in ORDER else len(ORDER), event_id)


@functools.cache
def all_events() -> dict[str, LifeEvent]:
    """Every life event, in the order listed (read once)."""
    return read_events()

"""The CV builder's words that are the same for everyone: advice for each step, and the qualifications picker.

    >>> advice_for("work", "en")[0]
    'Put your latest job first. Then go back in time.'
    >>> groups = qualification_groups("cy")
    >>> groups[0].name, groups[0].items[0].name
    ('Gyrru', 'Trwydded yrru car (categori B)')
    >>> qualification("cscs", "en").details[0]
    'Green: labourer'

The texts live in ``assets/cv/advice.toml`` and ``assets/cv/qualifications.toml``, in English and Welsh. Both files
are read and checked once, on first use: every text needs both languages and no text may be empty, so a bad edit
stops the kiosk with a message naming the entry, not half-way through someone's CV.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kiosk.assets import ASSETS

CV_DIR = ASSETS / "cv"
ADVICE_FILE = CV_DIR / "advice.toml"
QUALIFICATIONS_FILE = CV_DIR / "qualifications.toml"
LANGUAGES = ("en", "cy")
#: The CV builder's steps, in order; each has its own advice. "preview" is the last look before printing.
STEPS = ("contact", "statement", "work", "education", "qualifications", "skills", "interests", "references",
         "preview")
_KEY = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


class AdviceFileError(ValueError):
    """``advice.toml`` or ``qualifications.toml`` is missing something or malformed; the message names the entry.

    A person's own CV file that is wrong raises ``kiosk.cv.model.CvFormatError`` instead.
    """


@dataclass(frozen=True)
class QualificationItem:
    """One thing a person can pick, in one language.

    :param key: stable id, e.g. "licence_ce".
    :param name: what the CV prints, e.g. "Lorry and trailer licence (category C+E)".
    :param explain: one plain line for people unsure what it is.
    :param details: the choices that say which one they hold (category, colour, level); may be empty.
    """

    key: str
    name: str
    explain: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class QualificationGroup:
    """A heading in the picker ("Driving", "Building sites") with its items, in one language.

    :param note: a line shown under the heading (e.g. that there is no official forklift licence); may be "".
    """

    key: str
    name: str
    note: str
    items: tuple[QualificationItem, ...]


def _texts(value, where: str) -> dict[str, str]:
    """``value`` as {"en": ..., "cy": ...}, refusing a missing language or empty text."""
    if not isinstance(value, dict):
        raise AdviceFileError(f"{where} needs English (en) and Welsh (cy) text")
    texts = {}
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise AdviceFileError(f"{where} needs {'English (en)' if language == 'en' else 'Welsh (cy)'} text")
        texts[language] = text.strip()
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise AdviceFileError(f"{where} has text in a language the kiosk does not offer: {', '.join(sorted(unknown))}")
    return texts


def _read_toml(path: Path) -> dict:
    try:
        with Path(path).open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise AdviceFileError(f"{path} is missing") from None
    except tomllib.TOMLDecodeError as error:
        raise AdviceFileError(f"{path} is not valid TOML: {error}") from None


def read_advice(path: Path = ADVICE_FILE) -> dict[str, tuple[dict[str, str], ...]]:
    """Read and check the advice file: every step in ``STEPS`` has 2 to 4 tips, each in English and Welsh.

    :param path: the TOML file.
    :returns: {step: ({"en": tip, "cy": tip}, ...)}.
    :raises AdviceFileError: a missing step, an unknown step, a wrong number of tips or a missing text, named.
    """
    data = _read_toml(path)
    unknown = set(data) - set(STEPS)
    if unknown:
        raise AdviceFileError(f"{path}: advice for a step the CV builder does not have: {', '.join(sorted(unknown))}")
    advice = {}
    for step in STEPS:
        tips = data.get(step)
        if not isinstance(tips, list) or not 2 <= len(tips) <= 4:
            raise AdviceFileError(f"{path}: step {step!r} needs 2 to 4 tips ([[{step}]] tables)")
        advice[step] = tuple(_texts(tip, f"{path}: tip {number} of step {step!r}")
                             for number, tip in enumerate(tips, start=1))
    return advice


def _read_item(entry, where: str) -> dict:
    key = entry.get("key") if isinstance(entry, dict) else None
    if not isinstance(key, str) or not _KEY.match(key):
        raise AdviceFileError(f"{where} needs a key of lower-case letters, digits and underscores")
    where = f"{where} ({key})"
    details = entry.get("details", [])
    if not isinstance(details, list):
        raise AdviceFileError(f"{where}: details must be a list of {{ en = ..., cy = ... }}")
    details = tuple(_texts(detail, f"{where}: detail {number}") for number, detail in enumerate(details, start=1))
    if len({detail["en"] for detail in details}) != len(details):
        raise AdviceFileError(f"{where}: the same detail is listed twice")
    return {"key": key, "name": _texts(entry.get("name"), f"{where}: name"),
            "explain": _texts(entry.get("explain"), f"{where}: explain"), "details": details}


def read_qualifications(path: Path = QUALIFICATIONS_FILE) -> tuple[dict, ...]:
    """Read and check the qualifications file: groups of items, keys unique across the file, both languages.

    :param path: the TOML file.
    :returns: one dict per group: key, name, note (texts by language, or None) and items (key, name, explain,
        details).
    :raises AdviceFileError: a missing or malformed field, or a key used twice, named.
    """
    groups = _read_toml(path).get("group")
    if not isinstance(groups, list) or not groups:
        raise AdviceFileError(f"{path} needs at least one [[group]]")
    seen: set[str] = set()
    result = []
    for number, group in enumerate(groups, start=1):
        where = f"{path}: group {number}"
        key = group.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            raise AdviceFileError(f"{where} needs a key of lower-case letters, digits and underscores")
        where = f"{path}: group {key!r}"
        entries = group.get("item")
        if not isinstance(entries, list) or not entries:
            raise AdviceFileError(f"{where} needs at least one [[group.item]]")
        items = tuple(_read_item(entry, f"{where}, item {index}") for index, entry in enumerate(entries, start=1))
        for item_key in [key] + [item["key"] for item in items]:
            if item_key in seen:
                raise AdviceFileError(f"{path}: the key {item_key!r} is used twice")
            seen.add(item_key)
        note = _texts(group["note"], f"{where}: note") if "note" in group else None
        result.append({"key": key, "name": _texts(group.get("name"), f"{where}: name"), "note": note,
                       "items": items})
    return tuple(result)


@functools.cache
def _advice() -> dict[str, tuple[dict[str, str], ...]]:
    return read_advice()


@functools.cache
def _qualifications() -> tuple[dict, ...]:
    return read_qualifications()


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")


def advice_for(step: str, language: str) -> list[str]:
    """The tips for one CV step, in one language, in the order they should show.

    :param step: one of ``STEPS``, e.g. "work".
    :param language: "en" or "cy".
    :raises ValueError: an unknown step or language, named.

    >>> len(advice_for("references", "cy")) >= 2
    True
    """
    _check_language(language)
    tips = _advice().get(step)
    if tips is None:
        raise ValueError(f"there is no CV step called {step!r}; the steps are {', '.join(STEPS)}")
    return [tip[language] for tip in tips]


@functools.cache
def _groups(language: str) -> tuple[QualificationGroup, ...]:
    return tuple(
        QualificationGroup(
            key=group["key"], name=group["name"][language],
            note=group["note"][language] if group["note"] else "",
            items=tuple(QualificationItem(key=item["key"], name=item["name"][language],
                                          explain=item["explain"][language],
                                          details=tuple(detail[language] for detail in item["details"]))
                        for item in group["items"]))
        for group in _qualifications())


def qualification_groups(language: str) -> list[QualificationGroup]:
    """The qualifications picker's groups, each with its items, in one language, in the file's order.

    :param language: "en" or "cy".
    :raises ValueError: an unknown language.
    """
    _check_language(language)
    return list(_groups(language))


def qualification(key: str, language: str) -> QualificationItem:
    """One item of the picker by its key, in one language (e.g. to show a picked item's details again).

    :param key: e.g. "sia_door_supervisor".
    :param language: "en" or "cy".
    :raises KeyError: no item has that key.
    """
    _check_language(language)
    for group in _groups(language):
        for item in group.items:
            if item.key == key:
                return item
    raise KeyError(f"no qualification called {key!r}")

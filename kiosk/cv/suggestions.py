"""Suggestions for the CV builder: duties for a job title, skills and personal-statement sentences for the work.

    >>> family_for_title("Warehouse operative").key, family_for_title("Glanhawr").key
    ('warehouse', 'cleaning')
    >>> duties_for("Cleaner", "en")[0]
    'Cleaned offices, kitchens and washrooms to a high standard'
    >>> skills_for(["HGV driver", "Care assistant"], "cy")[:3]
    ['Gyrru lorïau (HGV)', 'Caredigrwydd a dealltwriaeth', 'Gyrru']
    >>> family_for_title("Astronaut") is None and len(duties_for("Astronaut", "en")) >= 8
    True

Everything comes from ``assets/cv/occupations.toml``: about thirty families of work common at Jobcentres, each with
duties, skills (each an ESCO skill, https://esco.ec.europa.eu, with a plain English and Welsh label) and example
sentences, plus a "general" family for any other job. A job title finds its family by, in order: a keyword of the
family in the title ("HGV driver" -> hgv), the title's SOC 2010 minor group in the ONS job-title list
(``kiosk.jobs.job_titles``), then a weak keyword ("driver" -> delivery). Keywords come first because a SOC minor group
mixes jobs: 927 holds kitchen porters, bar staff and waiters alike.

The file is read and checked once (``occupations()``); the lookups after that are dictionary work.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kiosk.assets import ASSETS

#: The curated families and skills.
OCCUPATIONS_FILE = ASSETS / "cv" / "occupations.toml"
#: Built by ``python -m kiosk.assets_build``: every ESCO skill URI with the start of its text (tests only).
ESCO_SKILLS_FILE = ASSETS / "generated" / "esco_skills.json.gz"
#: Bumped whenever esco_skills.json.gz's layout changes.
ESCO_SKILLS_FORMAT = 1
#: How much of each ESCO skill's text esco_skills.json.gz keeps: more than the longest preferred label.
ESCO_TEXT_CHARS = 100
#: The languages every entry has.
LANGUAGES = ("en", "cy")
#: The family a job title we do not know gets.
GENERAL = "general"
#: A job title longer than this is cut: nobody types more, and a pasted essay must stay cheap.
MAX_TITLE_CHARS = 120

_WORD = re.compile(r"[^\W_]+")


class OccupationsError(ValueError):
    """occupations.toml is not as described at its top; the message names the entry."""


@dataclass(frozen=True)
class Skill:
    """One skill: its ESCO identity and the words people and adverts use for it."""

    key: str
    uri: str
    esco: str                  # ESCO's English preferred label
    en: str
    cy: str
    also: tuple[str, ...]      # other ways of saying it

    def label(self, language: str) -> str:
        """The plain label in "en" or "cy".

        :param language: "en" or "cy".
        """
        return self.cy if _language_index(language) else self.en

    def phrases(self) -> tuple[str, ...]:
        """Every way of saying it, lower case, without repeats: labels, ESCO's label and ``also``."""
        return tuple(dict.fromkeys(" ".join(p.lower().split()) for p in (self.en, self.cy, self.esco, *self.also)))


@dataclass(frozen=True)
class Family:
    """One kind of work: what a person in it does, the skills it needs, and sentences about it."""

    key: str
    en: str
    cy: str
    soc: tuple[str, ...]
    keywords: tuple[str, ...]
    weak_keywords: tuple[str, ...]
    skills: tuple[Skill, ...]
    duties: tuple[tuple[str, str], ...]        # (English, Welsh)
    statements: tuple[tuple[str, str], ...]

    def name(self, language: str) -> str:
        """The family's name in "en" or "cy", e.g. "Warehouse work".

        :param language: "en" or "cy".
        """
        return self.cy if _language_index(language) else self.en


@dataclass(frozen=True)
class Occupations:
    """Every family (the general one included) and every skill, by key."""

    families: dict[str, Family]
    skills: dict[str, Skill]

    @property
    def general(self) -> Family:
        """The family for job titles we do not know."""
        return self.families[GENERAL]


def _language_index(language: str) -> int:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return LANGUAGES.index(language)


def _text(entry: dict, name: str, where: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise OccupationsError(f"{where} needs {name} (some text)")
    return value


def _texts(entry: dict, name: str, where: str) -> tuple[str, ...]:
    value = entry.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise OccupationsError(f"{where}: {name} must be a list of texts")
    return tuple(value)


def _pairs(entry: dict, name: str, where: str) -> tuple[tuple[str, str], ...]:
    value = entry.get(name, [])
    if not value or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(t, str) and t.strip() for t in p)
                            for p in value):
        raise OccupationsError(f"{where}: every one of {name} must be [English, Welsh], both filled in")
    return tuple((en, cy) for en, cy in value)


def _read_skill(key: str, entry: dict) -> Skill:
    where = f"skills.{key}"
    return Skill(key, _text(entry, "uri", where), _text(entry, "esco", where), _text(entry, "en", where),
                 _text(entry, "cy", where), _texts(entry, "also", where))


def _read_family(entry: dict, skills: dict[str, Skill]) -> Family:
    key = _text(entry, "key", "a family")
    where = f"family {key}"
    unknown = [s for s in _texts(entry, "skills", where) if s not in skills]
    if unknown:
        raise OccupationsError(f"{where} lists skills that are not defined: {', '.join(unknown)}")
    return Family(key, _text(entry, "en", where), _text(entry, "cy", where), _texts(entry, "soc", where),
                  _texts(entry, "keywords", where), _texts(entry, "weak_keywords", where),
                  tuple(skills[s] for s in entry["skills"]), _pairs(entry, "duties", where),
                  _pairs(entry, "statements", where))


def load_occupations(path: Path | None = None) -> Occupations:
    """Read and check occupations.toml.

    :param path: defaults to ``assets/cv/occupations.toml``.
    :raises OccupationsError: naming the first entry that is wrong (a missing Welsh text, an unknown skill, a SOC
        group claimed by two families, no general family).
    """
    try:
        data = tomllib.loads(Path(path or OCCUPATIONS_FILE).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise OccupationsError(f"occupations.toml is not valid TOML: {error}") from None
    skills = {key: _read_skill(key, entry) for key, entry in data.get("skills", {}).items()}
    families: dict[str, Family] = {}
    claimed: dict[str, str] = {}
    for entry in data.get("family", []):
        family = _read_family(entry, skills)
        if family.key in families:
            raise OccupationsError(f"family {family.key} is defined twice")
        for group in family.soc:
            if group in claimed:
                raise OccupationsError(f"SOC group {group} is in both {claimed[group]} and {family.key}")
            claimed[group] = family.key
        families[family.key] = family
    if GENERAL not in families:
        raise OccupationsError(f"occupations.toml needs a family with key {GENERAL!r}")
    return Occupations(families, skills)


@functools.cache
def occupations() -> Occupations:
    """The shipped occupations.toml, read once."""
    return load_occupations()


# --- job title -> family ---------------------------------------------------------------------------------------


def title_words(text: str) -> tuple[str, ...]:
    """The words of a job title, lower case, with a plural "s" taken off so "Cleaners" is "cleaner".

    >>> title_words("Night-shift CLEANERS (agency)")
    ('night', 'shift', 'cleaner', 'agency')

    :param text: anything at all.
    """
    return tuple(_singular(w) for w in _WORD.findall(text[:MAX_TITLE_CHARS].lower()))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@functools.cache
def _keyword_index() -> tuple[dict[str, list[tuple[tuple[str, ...], int, str]]], ...]:
    """Strong and weak keywords: first word -> [(all words, family order, family key)]."""
    indexes: tuple[dict, dict] = ({}, {})
    for order, family in enumerate(occupations().families.values()):
        for index, keywords in zip(indexes, (family.keywords, family.weak_keywords)):
            for keyword in keywords:
                words = title_words(keyword)
                if words:
                    index.setdefault(words[0], []).append((words, order, family.key))
    return indexes


def _by_keyword(words: tuple[str, ...], index: dict) -> str | None:
    # The keyword with the most words wins ("kitchen porter" over "porter"); then the family listed first.
    best: tuple[int, int, str] | None = None
    for start, word in enumerate(words):
        for keyword, order, key in index.get(word, ()):
            if words[start:start + len(keyword)] == keyword:
                candidate = (-len(keyword), order, key)
                best = candidate if best is None or candidate < best else best
    return best[2] if best else None


@functools.cache
def _soc_by_title() -> dict[tuple[str, ...], str]:
    """ONS job titles (as words) -> SOC 2010 minor group; empty when job_titles.json.gz has not been built."""
    from kiosk.jobs.job_titles import load_job_titles  # only here: most callers never need the 16,000 titles
    try:
        return {title_words(title): code for title, code in load_job_titles()}
    except (FileNotFoundError, ValueError):
        return {}


def _by_soc(words: tuple[str, ...]) -> str | None:
    family_of_group = {group: family.key for family in occupations().families.values() for group in family.soc}
    titles = _soc_by_title()
    for start in range(len(words)):  # "Trainee dental nurse" falls back to "dental nurse", then "nurse"
        code = titles.get(words[start:])
        if code is not None:
            return family_of_group.get(code)
    return None


@functools.cache
def _family_key(words: tuple[str, ...]) -> str | None:
    strong, weak = _keyword_index()
    return _by_keyword(words, strong) or _by_soc(words) or _by_keyword(words, weak)


def family_for_title(title: str) -> Family | None:
    """The family of work a job title belongs to, or None when we cannot tell.

    :param title: a job title as the person typed it, in English or Welsh (anything at all is safe).
    """
    words = title_words(title)
    key = _family_key(words) if words else None
    return occupations().families[key] if key else None


def _families(titles: list[str]) -> list[Family]:
    """The families of the titles, first seen first, without repeats; the general family last."""
    found = {}
    for title in titles:
        family = family_for_title(title)
        if family is not None:
            found.setdefault(family.key, family)
    return [*found.values(), occupations().general]


# --- suggestions -----------------------------------------------------------------------------------------------


def duties_for(title: str, language: str) -> list[str]:
    """Duties to pick from for one job: its family's, or general ones for a title we do not know.

    :param title: the job title.
    :param language: "en" or "cy".
    """
    index = _language_index(language)
    family = family_for_title(title) or occupations().general
    return [pair[index] for pair in family.duties]


def suggested_skills(titles: list[str]) -> list[Skill]:
    """Skills for the jobs entered, most relevant first, without repeats.

    Each job's families take turns, best skill first, so two jobs both get their key skills near the top; the
    general skills come last.

    :param titles: the CV's job titles, most recent first.
    """
    families = _families(titles)
    ordered: dict[str, Skill] = {}
    for rank in range(max(len(f.skills) for f in families[:-1] or families)):
        for family in families[:-1] or families:
            if rank < len(family.skills):
                ordered.setdefault(family.skills[rank].key, family.skills[rank])
    for skill in families[-1].skills:
        ordered.setdefault(skill.key, skill)
    return list(ordered.values())


def skills_for(titles: list[str], language: str) -> list[str]:
    """Skill labels to suggest for the jobs entered, most relevant first (see ``suggested_skills``).

    :param titles: the CV's job titles, most recent first.
    :param language: "en" or "cy".
    """
    _language_index(language)
    return [skill.label(language) for skill in suggested_skills(titles)]


def statements_for(titles: list[str], language: str) -> list[str]:
    """Example personal-statement sentences for the kind of work, to pick and edit; general ones last.

    :param titles: the CV's job titles, most recent first.
    :param language: "en" or "cy".
    """
    index = _language_index(language)
    return list(dict.fromkeys(pair[index] for family in _families(titles) for pair in family.statements))

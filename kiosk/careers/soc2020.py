"""What a kind of work involves and how people get into it, in the words of the ONS's SOC 2020 unit groups.

The ONS's "SOC 2020 Volume 1" describes each of its 412 unit groups: what the job holders do, their tasks, their
typical ways in (qualifications, training, checks) and the job titles in the group. ``python -m kiosk.assets_build``
reads it into ``assets/generated/soc2020.json.gz`` (``kiosk.careers.soc2020_build``); ``assets/careers/soc2020.toml``
says which unit groups each career covers, the main one first.

The text is the ONS's, in English only and written for statisticians, so the careers page shows it under our own
plain words and says where it is from (ADR 050's addendum).
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kiosk.assets import ASSETS, read_generated

SOC2020_FORMAT = 1
SOC2020_FILE = ASSETS / "generated" / "soc2020.json.gz"
FAMILY_GROUPS_FILE = ASSETS / "careers" / "soc2020.toml"
_UNIT_GROUP = re.compile(r"\d{4}")
_IN_BRACKETS = re.compile(r"\s*\([^)]*\)")
log = logging.getLogger(__name__)


class Soc2020Error(ValueError):
    """The unit groups or the careers' groups are not as expected."""


@dataclass(frozen=True)
class UnitGroup:
    """One SOC 2020 unit group, as the ONS describes it."""

    code: str
    title: str
    description: str
    entry_routes: str
    tasks: tuple[str, ...]
    related_titles: tuple[str, ...]

    def job_titles(self) -> list[str]:
        """The job titles the ONS lists in the group as a person would say or search them: without the ONS's notes
        in brackets ("Porter (college)" is "Porter"), each once, in the ONS's order.

            >>> UnitGroup("6232", "Caretakers", "", "", ("cleans",), ("Porter (college)", "Porter", "Caretaker")
            ...           ).job_titles()
            ['Porter', 'Caretaker']
        """
        titles: list[str] = []
        for title in self.related_titles:
            plain = _IN_BRACKETS.sub("", title).strip()
            if plain and plain.casefold() not in {t.casefold() for t in titles}:
                titles.append(plain)
        return titles


def load_unit_groups(path: Path | None = None) -> dict[str, UnitGroup]:
    """Every unit group, by its four-digit code.

    :param path: the built file (``assets/generated/soc2020.json.gz`` by default).
    :raises FileNotFoundError: if it has not been built, saying how to build it.
    :raises Soc2020Error: for a group without a title or tasks, or a code that is not four digits.
    """
    data = read_generated(path or SOC2020_FILE, SOC2020_FORMAT)
    groups = {}
    for code, (title, description, entry, tasks, related) in data["groups"].items():
        if not _UNIT_GROUP.fullmatch(code) or not title or not tasks:
            raise Soc2020Error(f"unit group {code!r}: a four-digit code, a title and tasks are needed")
        groups[code] = UnitGroup(code, title, description, entry, tuple(tasks), tuple(related))
    return groups


def load_family_groups(path: Path | None = None,
                       known: dict[str, UnitGroup] | None = None) -> dict[str, tuple[str, ...]]:
    """Each career's unit group codes, the main one first.

    :param path: the TOML file (``assets/careers/soc2020.toml`` by default).
    :param known: the unit groups to check the codes against, if given.
    :raises Soc2020Error: for a code that is not four digits, or not one of ``known``.
    """
    data = tomllib.loads((path or FAMILY_GROUPS_FILE).read_text(encoding="utf-8"))
    families = {}
    for family, codes in data.get("groups", {}).items():
        if not isinstance(codes, list) or not codes or not all(isinstance(c, str) and _UNIT_GROUP.fullmatch(c)
                                                               for c in codes):
            raise Soc2020Error(f"{family}: a list of four-digit SOC 2020 unit groups is needed")
        unknown = [code for code in codes if known is not None and code not in known]
        if unknown:
            raise Soc2020Error(f"{family}: {', '.join(unknown)} is not a SOC 2020 unit group")
        families[family] = tuple(codes)
    return families


@cache
def _packaged() -> tuple[dict[str, UnitGroup], dict[str, tuple[str, ...]]]:
    try:
        groups = load_unit_groups()
    except (FileNotFoundError, ValueError) as error:  # a kiosk built without it still shows its own words
        log.warning("careers: no SOC 2020 descriptions: %s", error)
        return {}, {}
    return groups, load_family_groups(known=groups)


def unit_groups() -> dict[str, UnitGroup]:
    """Every packaged unit group by code; empty when they are not built."""
    return _packaged()[0]


def family_groups() -> dict[str, tuple[str, ...]]:
    """Each career's unit group codes, main one first; empty when the unit groups are not built."""
    return _packaged()[1]


def unit_groups_for(family_key: str) -> tuple[UnitGroup, ...]:
    """The SOC 2020 unit groups one career covers, the main one first; none when they are not built.

    :param family_key: a key of ``kiosk.cv.suggestions.Occupations.families``.
    """
    groups, families = _packaged()
    return tuple(groups[code] for code in families.get(family_key, ()))

"""The 35 benefits as data: ``assets/rules/benefits.toml``, read once and checked.

    >>> benefits = all_benefits()
    >>> len(benefits) >= 35, benefits[0].id  # the 27 first checked, then those issue #15 adds at the end
    (True, 'universal_credit')
    >>> pip = benefit("pip_adp")
    >>> pip.name["en"], pip.for_nation("SCOTLAND").name["en"]
    ('Personal Independence Payment (PIP)', 'Adult Disability Payment')

Each entry gives the stable id, the rule that decides it (a name in ``kiosk.benefits.rules.RULES``), the nations,
names, summaries and who runs it in English and Welsh, and how to claim. ``[benefit.scotland]`` and
``[benefit.wales]`` tables replace fields for that nation.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.benefits.household import NATIONS
from kiosk.benefits.rates import RULES_DIR

BENEFITS_FILE = RULES_DIR / "benefits.toml"
KINDS = ("estimate", "range", "passported", "local")
LANGUAGES = ("en", "cy")
_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@dataclass(frozen=True)
class Benefit:
    """One of the 35: what it is, who runs it, how to claim, and the rule that decides it."""

    id: str
    rule: str
    kind: str
    nations: tuple[str, ...]
    name: Mapping[str, str]
    summary: Mapping[str, str]
    runs: Mapping[str, str]
    claim_url: str
    claim_phone: str
    overrides: Mapping[str, Mapping] = field(default_factory=dict, repr=False)

    def for_nation(self, nation: str) -> Benefit:
        """This benefit as it is in ``nation`` (its Scottish or Welsh name, runner and claim link).

        :param nation: ENGLAND, WALES or SCOTLAND.
        """
        extra = self.overrides.get(nation.lower())
        if not extra:
            return self
        claim = extra.get("claim", {})
        return replace(self, name=extra.get("name", self.name), summary=extra.get("summary", self.summary),
                       runs=extra.get("runs", self.runs), claim_url=claim.get("url", self.claim_url),
                       claim_phone=claim.get("phone", self.claim_phone), overrides={})


def _texts(entry: dict, name: str, where: str) -> dict[str, str]:
    texts = entry.get(name)
    if not isinstance(texts, dict) or any(not str(texts.get(lang, "")).strip() for lang in LANGUAGES):
        raise ValueError(f"{where}: {name} needs English (en) and Welsh (cy) text")
    return {lang: texts[lang] for lang in LANGUAGES}


def _check_claim(claim: dict, where: str) -> None:
    if not str(claim.get("url", "")).startswith("https://"):
        raise ValueError(f"{where}: claim.url must be an https:// link")


def read_benefits(path: Path = BENEFITS_FILE) -> tuple[Benefit, ...]:
    """Read and check the benefits file.

    :param path: the TOML file.
    :raises ValueError: a missing or malformed field, named.
    """
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("benefit", [])
    benefits, seen = [], set()
    for number, entry in enumerate(entries, 1):
        where = f"{path.name} benefit {number} ({entry.get('id', '?')})"
        if not _ID.match(str(entry.get("id", ""))) or entry["id"] in seen:
            raise ValueError(f"{where}: id must be unique snake_case")
        seen.add(entry["id"])
        if entry.get("kind") not in KINDS:
            raise ValueError(f"{where}: kind must be one of {', '.join(KINDS)}")
        nations = tuple(entry.get("nations", ()))
        if not nations or set(nations) - set(NATIONS):
            raise ValueError(f"{where}: nations must be some of {', '.join(NATIONS)}")
        claim = entry.get("claim", {})
        _check_claim(claim, where)
        overrides = {}
        for nation in ("scotland", "wales", "england"):
            extra = entry.get(nation)
            if extra is None:
                continue
            for name in ("name", "summary", "runs"):
                if name in extra:
                    _texts(extra, name, f"{where} [{nation}]")
            if "claim" in extra:
                _check_claim(extra["claim"], f"{where} [{nation}]")
            overrides[nation] = extra
        benefits.append(Benefit(
            id=entry["id"], rule=str(entry.get("rule", "")), kind=entry["kind"], nations=nations,
            name=_texts(entry, "name", where), summary=_texts(entry, "summary", where),
            runs=_texts(entry, "runs", where), claim_url=claim["url"], claim_phone=str(claim.get("phone", "")),
            overrides=overrides))
    return tuple(benefits)


@functools.cache
def all_benefits() -> tuple[Benefit, ...]:
    """The 35 benefits, in the file's order (read once)."""
    return read_benefits()


def benefit(benefit_id: str) -> Benefit:
    """One benefit by id.

    :param benefit_id: e.g. "child_benefit".
    :raises KeyError: no such benefit.
    """
    for item in all_benefits():
        if item.id == benefit_id:
            return item
    raise KeyError(benefit_id)

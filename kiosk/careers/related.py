"""Careers like this one, and careers that use a person's skills, by the skills they share.

Shared skills are counted over the curated families of ``assets/cv/occupations.toml``; skills that every family
lists (teamwork, reliability) would make everything look alike, so a skill counts less the more families list it.
"""

from __future__ import annotations

import math
from collections import Counter

from kiosk.cv.suggestions import GENERAL, Family, Occupations, occupations


def _weights(known: Occupations) -> dict[str, float]:
    """How much sharing each skill says: the log of how rare it is among the families (IDF).

    :param known: every family and skill.
    """
    families = [f for f in known.families.values() if f.key != GENERAL]
    listed = Counter(s.key for f in families for s in f.skills)
    return {key: math.log((1 + len(families)) / (1 + n)) for key, n in listed.items()}


def careers_for_skills(skill_keys: list[str], *, exclude: str | None = None, limit: int = 5,
                       known: Occupations | None = None) -> list[Family]:
    """The families whose skills most overlap these, best first; none that share nothing.

    :param skill_keys: keys of ``Occupations.skills`` (unknown keys are ignored).
    :param exclude: a family key to leave out (the career being looked at).
    :param limit: at most this many.
    :param known: the occupations (the packaged ones by default).
    """
    known = known or occupations()
    weights = _weights(known)
    wanted = set(skill_keys)
    scored = []
    for family in known.families.values():
        if family.key in (GENERAL, exclude):
            continue
        score = sum(weights.get(s.key, 0.0) for s in family.skills if s.key in wanted)
        if score > 0:
            scored.append((-score, family.key, family))
    return [family for _, _, family in sorted(scored)[:limit]]


def careers_like(family_key: str, *, limit: int = 5, known: Occupations | None = None) -> list[Family]:
    """Careers like this one: the families sharing most of its (rarer) skills.

    :param family_key: a key of ``Occupations.families``; an unknown key has no careers like it.
    :param limit: at most this many.
    :param known: the occupations (the packaged ones by default).
    """
    known = known or occupations()
    family = known.families.get(family_key)
    if family is None:
        return []
    return careers_for_skills([s.key for s in family.skills], exclude=family_key, limit=limit, known=known)

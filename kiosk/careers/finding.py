"""Find a career by a job's name as a person types it ("nurse", "plumber", "glanhawr"): the kiosk's own careers
first, whose job titles are in English and Welsh, then the ONS's SOC 2020 unit groups by their titles and the job
titles the ONS lists in them.

What is typed is only ever compared as words in memory (``kiosk.cv.suggestions.title_words``: lower case, plural
"s" off, bounded), never read as a pattern or a query, and never kept.

    >>> [found.family_key for found in find_careers("Care worker")][:1]
    ['care']
    >>> find_careers("and the of")
    []
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kiosk.careers.soc2020 import UnitGroup, family_groups, unit_groups
from kiosk.cv.suggestions import GENERAL, occupations, title_words

#: At most this many careers are offered for one search.
MOST_FOUND = 8
#: At most this many words of a search are used: a job's name is a few words.
MOST_WORDS = 5
#: A typed word this long or longer finds the words it starts ("electric" finds "electrician").
PREFIX_LENGTH = 4
_NOT_NAMES = frozenset({"a", "an", "and", "the", "of", "in", "job", "jobs", "work", "swydd", "gwaith", "yr", "y"})


@dataclass(frozen=True)
class Found:
    """One career found: one of the kiosk's careers (``family_key``) or else one ONS unit group (``group``)."""

    family_key: str | None = None
    group: UnitGroup | None = None


def _names_all(typed: tuple[str, ...], words: tuple[str, ...]) -> bool:
    return all(any(w == t or (len(t) >= PREFIX_LENGTH and w.startswith(t)) for w in words) for t in typed)


@cache
def _family_names() -> list[tuple[str, list[set[str]]]]:
    """Each career (but "Any job") with the words of each of its job titles, English and Welsh, and of its names."""
    return [(f.key, [set(title_words(name)) for name in (*f.keywords, f.en, f.cy)])
            for f in occupations().families.values() if f.key != GENERAL]


@cache
def _group_names() -> list[tuple[UnitGroup, tuple[str, ...], tuple[tuple[str, ...], ...]]]:
    """Each unit group with the words of its title and of each job title the ONS lists in it."""
    return [(group, title_words(group.title), tuple(title_words(title) for title in group.job_titles()))
            for group in unit_groups().values()]


def find_careers(text: str) -> list[Found]:
    """The careers a typed job name finds, best first.

    First the kiosk's careers one of whose job titles (or its name) holds every word typed, as whole words; then
    the ONS's unit groups: one with a job title that is exactly what was typed, then one whose title holds every
    word, then one of whose job titles does, then one whose title and job titles hold them between them. A unit
    group one of the kiosk's careers covers is offered as that career, once.

    :param text: what the person typed, anything at all.
    """
    typed = tuple(w for w in title_words(text) if w not in _NOT_NAMES)[:MOST_WORDS]
    if not typed:
        return []
    found = [Found(family_key=key) for key, titles in _family_names() if any(set(typed) <= words for words in titles)]
    family_of = {code: key for key, codes in reversed(family_groups().items()) for code in codes}
    ranked = []
    for group, title, related in _group_names():
        if any(words == typed for words in related):
            rank = 0
        elif _names_all(typed, title):
            rank = 1
        elif any(_names_all(typed, words) for words in related):
            rank = 2
        elif _names_all(typed, title + tuple(w for words in related for w in words)):
            rank = 3
        else:
            continue
        ranked.append((rank, group.code, group))
    for _rank, _code, group in sorted(ranked, key=lambda r: r[:2]):
        key = family_of.get(group.code)
        candidate = Found(family_key=key) if key else Found(group=group)
        if candidate not in found:
            found.append(candidate)
    return found[:MOST_FOUND]

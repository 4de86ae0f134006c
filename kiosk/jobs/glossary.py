"""The Welsh <-> English job glossary: what a search word also means in the other language.

    glossary = load_glossary()
    glossary.expand(["weithiwr", "gofal"])   # [Span(words=('weithiwr', 'gofal'), others=(('care', 'worker'), ...))]
    [term.title for term in glossary.suggest("glan")]    # ["Glanhawr", "Glanhawr domestig", ...]

``assets/jobs/welsh_glossary.toml`` lists each term with its plural, other forms and English terms. A Welsh word
is found in whichever mutated form it is typed ("lanhawr", "ngyrrwr", "neu weithiwr gofal"): every mutated form of
every Welsh form is made by rule (``kiosk.jobs.welsh``) when the file is read. ``kiosk.jobs.search`` turns each
span into FTS5 alternatives, every word quoted, so "glanhawr" also finds "Cleaner" and "cleaner" also finds an
advert written in Welsh.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kiosk.assets import ASSETS
from kiosk.jobs.job_titles import plain_title
from kiosk.jobs.welsh import mutated_phrases

#: The file ``load_glossary()`` reads unless told otherwise.
GLOSSARY_FILE = ASSETS / "jobs" / "welsh_glossary.toml"
#: Mutated forms this short are left out: a two-letter form ("of" from "gof") is a common English word.
MIN_MUTATED_LENGTH = 3
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, accents off, words joined by single spaces: how glossary entries and search words are compared.

    >>> fold("Cadw  Tŷ"), fold("rhan-amser")
    ('cadw ty', 'rhan amser')

    :param text: a term or what a person typed.
    """
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain))


@dataclass(frozen=True)
class Term:
    """One glossary entry: its Welsh forms (radical, singular first) and its English terms, all folded."""

    welsh: tuple[str, ...]
    english: tuple[str, ...]
    title: str                 # the Welsh singular as a title: "Gweithiwr gofal"
    source: str | None         # a key of the file's [sources], or None when marked for review
    review: bool


@dataclass(frozen=True)
class Span:
    """Search words that one or more glossary terms matched, and what else to look for in their place."""

    words: tuple[str, ...]                 # the words as typed
    others: tuple[tuple[str, ...], ...]    # each alternative, as words: ("care", "worker"), ("gweithwyr", "gofal")
    welsh: bool                            # the words were typed in Welsh (so the others include English)


class Glossary:
    """Looks search words up in both languages.

    :param terms: the entries (``load_glossary`` reads them from the file).
    :param not_mutated: mutated forms never to look up, because they are English words people type ("thai").
    """

    def __init__(self, terms: list[Term], not_mutated: frozenset[str] = frozenset()) -> None:
        self.terms = terms
        self._welsh: dict[str, list[int]] = {}
        self._english: dict[str, list[int]] = {}
        for index, term in enumerate(terms):
            for form in term.english:
                self._english.setdefault(form, []).append(index)
            for form in term.welsh:
                self._welsh.setdefault(form, []).append(index)
        radical = set(self._welsh) | set(self._english)
        for index, term in enumerate(terms):
            for form in term.welsh:
                for mutated in mutated_phrases(form):
                    first = mutated.split(" ")[0]
                    # A mutated form never hides a radical or an English term: "dai" stays "tai" only if no term is
                    # "dai", and "thai" (from "tai") is a word of its own.
                    if len(first) >= MIN_MUTATED_LENGTH and mutated not in radical and mutated not in not_mutated:
                        self._welsh.setdefault(mutated, []).append(index)
        self._longest = max((len(key.split(" ")) for key in (*self._welsh, *self._english)), default=1)
        # Every Welsh form, mutated ones too, in order, for type-ahead by prefix.
        self._prefixes = sorted((form, index) for form, indexes in self._welsh.items() for index in indexes)

    def knows(self, word: str) -> bool:
        """True when a word is a glossary word in either language, in any of its forms.

        :param word: one search word.
        """
        folded = fold(word)
        return folded in self._welsh or self._english_terms(folded) is not None

    def expand(self, words: list[str]) -> list[Span]:
        """The search words in spans, longest glossary match first, each with what else to look for.

        A span no term matched has no alternatives. Words stay in their order and each is in one span.

        :param words: the search words (``kiosk.jobs.query.search_words``).
        """
        spans, start = [], 0
        folded = [fold(word) for word in words]
        while start < len(words):
            for size in range(min(self._longest, len(words) - start), 0, -1):
                key = " ".join(folded[start:start + size])
                welsh, english = self._welsh.get(key), self._english_terms(key)
                if welsh or english:
                    spans.append(self._span(tuple(words[start:start + size]), welsh or [], english or []))
                    start += size
                    break
            else:
                spans.append(Span(words=(words[start],), others=(), welsh=False))
                start += 1
        return spans

    def _english_terms(self, key: str) -> list[int] | None:
        # English plurals: "cleaners", "care workers", "bus drivers" (only the last word takes the plural).
        for form in (key, key.removesuffix("s"), key.removesuffix("es")):
            if form and form in self._english:
                return self._english[form]
        return None

    def _span(self, words: tuple[str, ...], welsh: list[int], english: list[int]) -> Span:
        typed = tuple(fold(word) for word in words)
        others: dict[tuple[str, ...], None] = {}
        for index in (*welsh, *english):
            term = self.terms[index]
            # English typed: only the Welsh forms. Its English neighbours in a term ("security" and "safety" are
            # both "diogelwch") are other jobs, and a common English word would slow the search for nothing.
            for form in (*(term.english if welsh else ()), *term.welsh):
                alternative = tuple(form.split(" "))
                if alternative != typed:
                    others[alternative] = None
        return Span(words=words, others=tuple(others), welsh=bool(welsh))

    def translations(self, span: Span) -> list[str]:
        """The main terms in the other language for a span, to tell the person what else was searched for.

        :param span: from ``expand``.
        """
        found: dict[str, None] = {}
        key = " ".join(fold(word) for word in span.words)
        for index in self._welsh.get(key, []) if span.welsh else self._english_terms(key) or []:
            term = self.terms[index]
            found[term.english[0] if span.welsh else term.welsh[0]] = None
        return list(found)

    def suggest(self, prefix: str) -> list[Term]:
        """The job titles whose Welsh form, in any mutation, starts with what has been typed (no job words such as
        "gofal" or "rhan amser": only terms for a person). Radical matches first, then mutated ones.

        :param prefix: what has been typed so far.
        """
        typed = fold(prefix)
        if len(typed) < 2:
            return []
        first = bisect.bisect_left(self._prefixes, (typed, -1))
        radical: dict[int, Term] = {}
        mutated: dict[int, Term] = {}
        for form, index in self._prefixes[first:]:
            if not form.startswith(typed):
                break
            term = self.terms[index]
            if plain_title(term.english[0]) is not None:
                (radical if form in term.welsh else mutated)[index] = term
        return [*radical.values(), *(term for index, term in mutated.items() if index not in radical)]


def load_glossary(path: Path | None = None) -> Glossary:
    """Read the glossary file.

    :param path: defaults to ``assets/jobs/welsh_glossary.toml``.
    :raises ValueError: for an entry with neither a known source nor a review mark.
    """
    with open(Path(path) if path is not None else GLOSSARY_FILE, "rb") as handle:
        data = tomllib.load(handle)
    sources = data.get("sources", {})
    terms = []
    for entry in data["terms"]:
        source, review = entry.get("source"), bool(entry.get("review"))
        if (source is None) == (not review) or (source is not None and source not in sources):
            raise ValueError(f"glossary entry {entry.get('cy')!r} needs one known source or review = true")
        plural = entry.get("plural", [])
        welsh = [entry["cy"], *([plural] if isinstance(plural, str) else plural), *entry.get("also", [])]
        title = entry["cy"][:1].upper() + entry["cy"][1:]
        terms.append(Term(welsh=tuple(dict.fromkeys(fold(form) for form in welsh)),
                          english=tuple(dict.fromkeys(fold(form) for form in entry["en"])),
                          title=title, source=source, review=review))
    return Glossary(terms, frozenset(fold(word) for word in data.get("not_mutated", [])))


@functools.lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The glossary in assets/jobs, read once: every search of the kiosk shares it (it is never changed)."""
    return load_glossary()

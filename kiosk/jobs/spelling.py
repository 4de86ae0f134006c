"""Corrections for misspelt search words, from the words of the job titles people can find.

    >>> speller = Speller({"butcher": 40, "chef": 90, "lorry": 30, "driver": 400, "forklift": 25, "fork": 2,
    ...                    "lift": 3, "receptionist": 70, "cleaner": 300})
    >>> speller.correct(["butchr"]), speller.correct(["lorry", "drievr"]), speller.correct(["shef"])
    (['butcher'], ['lorry', 'driver'], ['chef'])
    >>> speller.correct(["recepshonist"]), speller.correct(["fork", "lift"]), speller.correct(["lorrydriver"])
    (['receptionist'], ['forklift'], ['lorry', 'driver'])
    >>> speller.correct(["cleaner"]) is None  # nothing to correct
    True

A word is corrected when no job title uses it (and, in a search, the adverts barely do: see
``kiosk.jobs.search``). Its correction is the most used title word that is:

- a few edits away, an edit being a letter added, dropped, changed, or two letters swapped (optimal string
  alignment, from rapidfuzz). Like Meilisearch, words of up to 4 letters get no edits, 5 to 7 letters one, and 8 or
  more two ("warehose", "recepionist", "cleanner", "drievr");
- or spelt differently but said the same: the Double Metaphone key (the ``doublemetaphone`` package) of "shef" is
  that of "chef", "recepshonist" that of "receptionist";
- or the same letters with the space moved: "fork lift" -> "forklift", "lorrydriver" -> "lorry driver".

Edits come before sounds, fewer edits before more, and the word in more vacancies wins a tie. The words and their
weights come from the cache (``JobSearch`` builds a ``Speller`` once per version of the cache) and the occupation
index (``occupation_words``). Nothing here reads the cache.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable

from doublemetaphone import doublemetaphone
from rapidfuzz import process
from rapidfuzz.distance import OSA

#: Words of this length or more may have one edit; see ``edit_budget``.
ONE_EDIT_FROM = 5
#: Words of this length or more may have two edits.
TWO_EDITS_FROM = 8
#: A sound-alike may be at most this many edits away: "recepshonist" is 2 from "receptionist", "shef" 1 from "chef".
MOST_SOUND_EDITS = 3
#: Shorter words are never matched by sound: the keys of "lif" or "ca" are shared by too many words.
SOUNDS_FROM = 4
#: The parts of a word split in two are at least this long ("hgv" + "driver").
SHORTEST_PART = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def edit_budget(word: str) -> int:
    """How many edits a word may be corrected by: 0 up to 4 letters, 1 up to 7, then 2 (Meilisearch's rule).

    >>> [edit_budget(w) for w in ("shef", "nurze", "warehose", "recepionist")]
    [0, 1, 2, 2]

    :param word: one word.
    """
    return 2 if len(word) >= TWO_EDITS_FROM else 1 if len(word) >= ONE_EDIT_FROM else 0


def title_words(title: str) -> list[str]:
    """The words of a job title, lower case, without digits ("Class 1 HGV driver" -> class, hgv, driver).

    :param title: a job title.
    """
    return _WORD.findall(title.lower())


@functools.cache
def occupation_words() -> frozenset[str]:
    """Every word of the ONS occupation index's job titles (``kiosk.jobs.job_titles``), read once; empty when the
    generated file has not been built."""
    from kiosk.jobs.job_titles import load_job_titles  # its file is read only when a speller is first made
    try:
        titles = load_job_titles()
    except FileNotFoundError:
        return frozenset()
    return frozenset(word for title, _code in titles for word in title_words(title))


class Speller:
    """Corrects words against a weighted vocabulary.

    :param weights: each known word with how many vacancies use it (a word known only from the occupation index
        counts 0: it is known, so never corrected, but a correction prefers words with jobs).
    """

    def __init__(self, weights: dict[str, int]) -> None:
        self.weights = weights
        self._words = sorted(weights)
        self._sounds: dict[str, list[str]] = {}
        for word in self._words:
            for key in _sound_keys(word):
                self._sounds.setdefault(key, []).append(word)
        self._sound_keys = sorted(self._sounds)
        self._starts_cache: dict[int, dict[str, str]] = {}
        self._most_used: list[str] = []

    @classmethod
    def from_titles(cls, titles: Iterable[tuple[str, int]], extra: Iterable[str] = ()) -> Speller:
        """A speller for these job titles, each word weighted by the vacancies whose title has it.

        :param titles: (title, vacancies) pairs, as in the cache's ``titles`` table.
        :param extra: more known words, weighted 0 (``occupation_words()``).
        """
        weights = dict.fromkeys(extra, 0)
        for title, vacancies in titles:
            for word in set(title_words(title)):
                weights[word] = weights.get(word, 0) + vacancies
        return cls(weights)

    def known(self, word: str) -> bool:
        """True when a job title has this word.

        :param word: one word, lower case.
        """
        return word in self.weights

    def correct(self, words: list[str], unknown: Callable[[str], bool] | None = None) -> list[str] | None:
        """The words with the misspelt ones corrected, or None when there is nothing to correct.

        :param words: the search words (``kiosk.jobs.query.search_words``).
        :param unknown: says whether a word no title has is still worth correcting; by default every one is. A
            search passes a check of the adverts' own words, so "experience" is left alone.
        """
        out: list[str] = []
        index = 0
        while index < len(words):
            word = words[index]
            after = words[index + 1] if index + 1 < len(words) else ""
            # Two words that make one title word, where either alone is rarer: "fork lift" -> "forklift".
            pair_weight = self.weights.get(word + after, 0) if after else 0
            if pair_weight > min(self.weights.get(word, 0), self.weights.get(after, 0)):
                out.append(word + after)
                index += 2
                continue
            fixed = None
            if not self.known(word) and not word.isdigit() and (unknown is None or unknown(word)):
                fixed = self.correct_word(word)
            out += fixed or [word]
            index += 1
        return out if out != words else None

    def correct_word(self, word: str) -> list[str] | None:
        """The word's best correction (two words when it is two run together), or None.

        :param word: one word no title has, lower case.
        """
        best = self._closest(word)
        if best is not None:
            return [best]
        return self._split(word)

    def _closest(self, word: str) -> str | None:
        candidates: dict[str, tuple[int, int]] = {}  # word -> (sounds different, edits)
        budget = edit_budget(word)
        if budget:
            for found, edits, _ in process.extract(word, self._words, scorer=OSA.distance, score_cutoff=budget,
                                                   limit=None):
                candidates[found] = (1, edits)
        for key in _sound_keys(word) if len(word) >= SOUNDS_FROM else ():
            for found in self._sounds.get(key, ()):
                edits = OSA.distance(word, found, score_cutoff=MOST_SOUND_EDITS)
                if edits <= MOST_SOUND_EDITS and found != word:
                    candidates[found] = (0, min(edits, candidates.get(found, (1, edits))[1]))
        if not candidates:
            return None
        # Fewer edits first; a word that sounds the same counts one edit less ("shef" -> "chef" before "shelf").
        return min(candidates, key=lambda c: (candidates[c][1] + candidates[c][0], -self.weights[c], c))

    def _split(self, word: str) -> list[str] | None:
        best, best_weight = None, 0
        for cut in range(SHORTEST_PART, len(word) - SHORTEST_PART + 1):
            left, right = word[:cut], word[cut:]
            weight = min(self.weights.get(left, 0), self.weights.get(right, 0))
            if weight > best_weight:
                best, best_weight = [left, right], weight
        return best

    def correct_prefix(self, words: list[str]) -> list[str] | None:
        """For type-ahead: the words with misspellings corrected, the last one being only the start of a word.

        >>> Speller({"receptionist": 9, "butcher": 3}).correct_prefix(["recepsh"])
        ['receptionist']

        :param words: what has been typed so far (``search_words``).
        """
        *whole, last = words
        fixed = (self.correct(whole) or list(whole)) if whole else []
        out = [*fixed, *(self._closest_start(last) or [last])]
        return out if out != words else None

    def _starts_a_word(self, start: str) -> bool:
        at = bisect.bisect_left(self._words, start)
        return at < len(self._words) and self._words[at].startswith(start)

    def _closest_start(self, start: str) -> list[str] | None:
        """The most used word that starts like ``start`` with a typo in it, or sounds like it starts that way; or
        a word and the start of another run together ("lorrydriv")."""
        whole = self._closest(start)
        if whole is not None:  # "butchr" is a whole word mistyped
            return [whole]
        budget = edit_budget(start)
        found: set[str] = set()
        # A letter dropped or added moves the end: compare with word starts one letter shorter and longer too.
        for cut in (len(start) - 1, len(start), len(start) + 1) if budget else ():
            starts = self._starts(cut)
            found.update(starts[hit] for hit, _edits, _ in process.extract(
                start, list(starts), scorer=OSA.distance, score_cutoff=budget, limit=None))
        if not found and len(start) >= SOUNDS_FROM:
            for key in _sound_keys(start):  # "recepsh" sounds like the start of "receptionist"
                at = bisect.bisect_left(self._sound_keys, key)
                while at < len(self._sound_keys) and self._sound_keys[at].startswith(key):
                    found.update(self._sounds[self._sound_keys[at]])
                    at += 1
        if found:
            return [max(found, key=lambda c: (self.weights[c], c))]
        for cut in range(len(start) - 2, SHORTEST_PART - 1, -1):
            if self.weights.get(start[:cut], 0) and self._starts_a_word(start[cut:]):
                return [start[:cut], start[cut:]]
        return None

    def _starts(self, length: int) -> dict[str, str]:
        """Each word start of this length with the most used word that starts so; worked out once a length."""
        if length not in self._starts_cache:
            if not self._starts_cache:
                self._most_used = sorted(self._words, key=lambda w: -self.weights[w])
            starts: dict[str, str] = {}
            for word in self._most_used:
                starts.setdefault(word[:length], word)
            self._starts_cache[length] = starts
        return self._starts_cache[length]


def _sound_keys(word: str) -> set[str]:
    """The Double Metaphone keys of a word (one or two; none for a word with no sounds it knows)."""
    return {key for key in doublemetaphone(word) if key}

"""Jobs that match a CV: found through the job search, with why each matches and the skills it asks for that the
CV does not mention (the skills gap).

    search = JobSearch(open_cache(path), places=load_places())
    for match in match_jobs(search, ["Cleaner"], ["Customer service"], place="LS1"):
        match.title, match.reasons, [skill.label("en") for skill in match.gap]
    # ('Office cleaner', (('title', 'Cleaner'), ('skill', 'Customer service')), ['Using cleaning chemicals safely'])

Reasons are (kind, value) pairs for a screen to word in the person's language (``reason_text``):

- ``("title", "Cleaner")``: the vacancy's title has the words of this job title from the CV;
- ``("similar", "cleaning")``: the same kind of work as a job on the CV (a ``kiosk.cv.suggestions`` family key);
- ``("mentions", "Cleaner")``: the advert has the words of this job title, though not in its title;
- ``("skill", "Customer service")``: the advert asks for this skill from the CV, in the CV's own words.

A skill is found in text ("an advert asks for it", "the CV mentions it") when any of its labels or other phrases
(``also`` in ``assets/cv/occupations.toml``) is there as whole words, in any case, plural or not. The CV is only
read here: nothing of it is logged or kept.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kiosk.cv.suggestions import Family, Skill, family_for_title, occupations, title_words
from kiosk.jobs.query import JobQuery, search_words
from kiosk.jobs.search import JobHit, JobSearch

#: Job titles and skills read from a CV: more is ignored, so a pasted essay cannot slow the kiosk.
MAX_TITLES = 5
MAX_SKILLS = 30
#: Characters of one CV skill or one advert that are read.
MAX_SKILL_CHARS = 80
MAX_ADVERT_CHARS = 20_000
#: At most this many skills are listed as one vacancy's gap.
MAX_GAP = 8
#: Searches made for the kind of work (family) of each job title, with its first keywords.
FAMILY_SEARCHES = 2

# Kinds of match, best first: a title match outranks any number of skills; skills order jobs within each kind.
_TITLE, _SIMILAR, _MENTIONS, _SKILL_SEARCH = 4, 3, 2, 1
# Words, keeping hyphens and apostrophes inside them ("make-up", "drivers'"), and "+" for "C+E".
_TOKEN = re.compile(r"[^\W_]+(?:[-'’+][^\W_]+)*")


@dataclass(frozen=True)
class JobMatch:
    """One vacancy that matches the CV: what a results list shows, why it matches, and the skills gap."""

    id: str
    title: str
    employer: str
    town: str
    distance_miles: float | None
    reasons: tuple[tuple[str, str], ...]
    gap: tuple[Skill, ...]
    hit: JobHit = field(repr=False)        # everything else the results list shows (pay, hours...)


def _tokens(text: str) -> tuple[str, ...]:
    # The same plural rule as job titles, so "pallets" finds "pallet" and "Cleaners" finds "cleaner".
    return tuple(_singular(t) for t in _TOKEN.findall(text.lower().replace("’", "'")))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "'s")) else word


class SkillFinder:
    """Finds the curated skills mentioned in a text, by whole words, without regular expressions built from text.

    :param skills: the skills to look for (default: every skill in occupations.toml).
    """

    def __init__(self, skills: list[Skill] | None = None):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for skill in skills if skills is not None else occupations().skills.values():
            for phrase in skill.phrases():
                words = _tokens(phrase)
                if words:
                    self._by_first.setdefault(words[0], []).append((words, skill.key))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def find(self, text: str) -> list[str]:
        """Keys of the skills the text mentions, in the order they first appear.

        :param text: an advert, or one skill from a CV.
        """
        return self.find_words(_tokens(text[:MAX_ADVERT_CHARS]))

    def find_words(self, words: tuple[str, ...]) -> list[str]:
        """The same as ``find``, for text already split into words (by ``_tokens``).

        :param words: the text's words.
        """
        found: dict[str, None] = {}
        for start, word in enumerate(words):
            for phrase, key in self._by_first.get(word, ()):
                if words[start:start + len(phrase)] == phrase:
                    found.setdefault(key)
        return list(found)


@functools.cache
def skill_finder() -> SkillFinder:
    """The finder for every skill in occupations.toml, built once."""
    return SkillFinder()


@dataclass
class _Candidate:
    hit: JobHit
    score: int = 0
    source: int = 0      # which of the CV's titles (or skills) found it, so two jobs on a CV take turns
    turn: int = 0        # its place in that search's results: newest and title matches first
    reasons: dict[tuple[str, str], None] = field(default_factory=dict)

    def add(self, score: int, reason: tuple[str, str], source: int, turn: int) -> None:
        if score > self.score:
            self.score, self.source, self.turn = score, source, turn
        self.reasons.setdefault(reason)


def _clean(texts: list[str], most: int, chars: int) -> list[str]:
    """Non-empty texts with words in them, first seen first, without repeats (any case)."""
    seen: dict[str, str] = {}
    for text in texts:
        text = " ".join(str(text).split())[:chars]
        if search_words(text):
            seen.setdefault(text.lower(), text)
    return list(seen.values())[:most]


def match_jobs(job_search: JobSearch, titles: list[str], skills: list[str], limit: int = 20, *,
               place: str = "", radius_miles: float = 15) -> list[JobMatch]:
    """Vacancies that match a CV's job titles and skills, best first, each with its reasons and skills gap.

    Title matches come first, then vacancies in the same kind of work, then ones whose advert has a title's words,
    then ones found through a skill alone. Within each kind the CV's titles take turns, and vacancies asking for
    more of the CV's skills come first, then the newest.

    :param job_search: the kiosk's job search.
    :param titles: the CV's job titles, most recent first (as typed: any text is safe).
    :param skills: the CV's skills, as typed.
    :param limit: how many matches at most.
    :param place: a town or postcode to search around, as the job search takes it ("" for anywhere; a place the
        search does not know is ignored).
    :param radius_miles: how far from ``place``.
    """
    if limit < 1:
        return []
    titles = _clean(titles, MAX_TITLES, MAX_SKILL_CHARS)
    skills = _clean(skills, MAX_SKILLS, MAX_SKILL_CHARS)
    finder = skill_finder()
    skill_keys = {text: set(finder.find(text)) for text in skills}
    cv_keys = set().union(*skill_keys.values()) if skill_keys else set()
    searcher = _Searcher(job_search, limit, place, radius_miles)
    candidates: dict[str, _Candidate] = {}

    def found(hit: JobHit, score: int, reason: tuple[str, str], source: int, turn: int) -> None:
        candidates.setdefault(hit.id, _Candidate(hit)).add(score, reason, source, turn)

    for source, title in enumerate(titles):
        family = family_for_title(title)
        wanted = set(title_words(title))
        for turn, hit in enumerate(searcher.hits(title)):
            if wanted <= set(title_words(hit.title)):
                found(hit, _TITLE, ("title", title), source, turn)
            elif family is not None and family_for_title(hit.title) is family:
                found(hit, _SIMILAR, ("similar", family.key), source, turn)
            else:
                found(hit, _MENTIONS, ("mentions", title), source, turn)
    # Other titles in the same kind of work only when the titles themselves found too few: every search counts
    # its matches for the filters, so a broad word ("cleaning") costs far more than a title.
    if sum(1 for c in candidates.values() if c.score == _TITLE) < limit:
        for source, family in _families(titles):
            for keyword in family.keywords[:FAMILY_SEARCHES]:
                for turn, hit in enumerate(searcher.hits(keyword)):
                    if family_for_title(hit.title) is family:
                        found(hit, _SIMILAR, ("similar", family.key), source, turn)
    if len(candidates) < limit:
        for number, text in enumerate(skills[:3]):  # a CV with few or no jobs on it: look for the skills
            for turn, hit in enumerate(searcher.hits(text)):
                found(hit, _SKILL_SEARCH, ("skill", text), MAX_TITLES + number, turn)

    # Only the best few are read in full: enough for skills to reorder each kind of match.
    pool = sorted(candidates.values(), key=lambda c: (-c.score, c.turn, c.source))[:2 * limit]
    read = [(c, _with_skills(job_search, c, skill_keys, cv_keys, finder)) for c in pool]
    return _ranked([(c, m) for c, m in read if m is not None])[:limit]


def _ranked(read: list[tuple[_Candidate, JobMatch]]) -> list[JobMatch]:
    """Best kind of match first; within a kind, the CV's titles take turns, each giving its jobs with the most of
    the CV's skills first (then the order the search gave)."""
    ranked: list[JobMatch] = []
    for score in sorted({c.score for c, _ in read}, reverse=True):
        by_source: dict[int, list[tuple[int, int, JobMatch]]] = {}
        for candidate, match in read:
            if candidate.score == score:
                skills = sum(1 for kind, _ in match.reasons if kind == "skill")
                by_source.setdefault(candidate.source, []).append((-skills, candidate.turn, match))
        queues = [sorted(items, key=lambda item: item[:2]) for _, items in sorted(by_source.items())]
        for rank in range(max(len(queue) for queue in queues)):
            ranked += [queue[rank][2] for queue in queues if rank < len(queue)]
    return ranked


def _families(titles: list[str]) -> list[tuple[int, Family]]:
    """The kinds of work of the titles, each with the index of the first title in it."""
    found: dict[str, tuple[int, Family]] = {}
    for index, title in enumerate(titles):
        family = family_for_title(title)
        if family is not None:
            found.setdefault(family.key, (index, family))
    return list(found.values())


class _Searcher:
    """Runs each distinct search once (a title and a family keyword are often the same words)."""

    def __init__(self, job_search: JobSearch, limit: int, place: str, radius_miles: float):
        self.job_search, self.limit, self.place, self.radius = job_search, limit, place, radius_miles
        self.done: set[tuple[str, ...]] = set()

    def hits(self, text: str) -> list[JobHit]:
        words = tuple(search_words(text))
        if not words or words in self.done:
            return []
        self.done.add(words)
        query = JobQuery(text=" ".join(words), place=self.place, radius_miles=self.radius, page_size=self.limit)
        result = self.job_search.search(query)
        if result.place_unknown:
            result = self.job_search.search(JobQuery(text=query.text, page_size=self.limit))
        return result.hits


def _with_skills(job_search: JobSearch, candidate: _Candidate, skill_keys: dict[str, set[str]], cv_keys: set[str],
                 finder: SkillFinder) -> JobMatch | None:
    """The match with its skill reasons and gap; None if the vacancy has just closed."""
    vacancy = job_search.vacancy(candidate.hit.id)
    if vacancy is None:
        return None
    advert = f"{vacancy.get('title') or ''}\n{vacancy.get('description') or ''}"
    advert_words = _tokens(advert[:MAX_ADVERT_CHARS])
    asked = finder.find_words(advert_words)
    reasons = dict(candidate.reasons)
    for text, keys in skill_keys.items():
        words = _tokens(text)
        # Free text counts too ("Reliable" in an advert that wants someone reliable), but not a word or two letters.
        if keys & set(asked) or (len("".join(words)) >= 4 and _contains(advert_words, words)):
            reasons.setdefault(("skill", text))
    skills = occupations().skills
    gap = tuple(skills[key] for key in asked if key not in cv_keys)[:MAX_GAP]
    hit = candidate.hit
    return JobMatch(hit.id, hit.title, hit.employer, hit.town, hit.distance_miles, _ordered(reasons), gap, hit)


def _ordered(reasons: dict[tuple[str, str], None]) -> tuple[tuple[str, str], ...]:
    """Title reasons first, then the kind of work, then skills; the weaker kinds of match only when there is no
    stronger one (a job found by its title is not also "similar")."""
    rank = {"title": 0, "similar": 1, "mentions": 2, "skill": 3}
    best = min((rank[kind] for kind, _ in reasons if kind != "skill"), default=3)
    kept = [reason for reason in reasons if reason[0] == "skill" or rank[reason[0]] == best]
    return tuple(sorted(kept, key=lambda reason: rank[reason[0]]))


def reason_text(t, reason: tuple[str, str]) -> str:
    """One reason in words, in the person's language: "You have worked as: Cleaner".

    :param t: the person's catalogue (``kiosk.i18n.Catalogue``), with the ``cvskills.*`` keys.
    :param reason: a (kind, value) pair from ``JobMatch.reasons``.
    """
    kind, value = reason
    if kind == "similar":
        family = occupations().families.get(value)
        return t.text("cvskills.reason.similar", work=family.name(t.language) if family else value)
    name = "skill" if kind == "skill" else "title"
    return t.text(f"cvskills.reason.{kind}", **{name: value})


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's words come one after another in ``words``."""
    if not phrase:
        return False
    first, size = phrase[0], len(phrase)
    return any(words[i:i + size] == phrase for i, word in enumerate(words) if word == first)

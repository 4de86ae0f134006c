"""Every Welsh word the kiosk shows is spelt as Bangor University's Welsh hunspell dictionary spells it.

The Welsh in the catalogues (``assets/locale/cy``) and the life-event checklists (``assets/life_events``) was
written by us, much of it marked ``#. review`` for a Welsh speaker. This checks it against a source we did not
write: ``cy_GB`` from hunspell-cy (techiaith, Bangor University, LGPL-3.0+; updated March 2025), read with spylls,
a pure-Python hunspell, out of the pinned cymraeg-mcp wheel the asset build downloads (``kiosk.assets_build``).

A word passes if the dictionary knows it (its mutations and suffixes included, by its affix rules), or each part
of it does (hyphens; a clitic after an apostrophe: mae'r, dydw i'n, â'ch), or it is an acronym in capitals, or it
is in ``NOT_IN_THE_DICTIONARY`` below with the reason. A misspelt word, or a new word the dictionary lacks, fails
with the messages it is in: fix the word, or add it below with why it is right.
"""

from __future__ import annotations

import re
import zipfile

import pytest

from kiosk.assets_build import DEFAULT_CACHE, fetch_wheels
from kiosk.i18n import read_catalogue
from kiosk.life_events.content import all_events

#: Short forms written after an apostrophe: the article ('r), the linking 'n, the pronouns ('ch, 'i, 'w, 'm, 'th,
#: 'u, 'n) and 's (a possessive in an English name).
CLITICS = {"r", "n", "ch", "i", "w", "m", "th", "u", "s"}

#: Words shown that cy_GB does not have, each checked by hand and right where it is used.
NOT_IN_THE_DICTIONARY = {
    # Correct Welsh that cy_GB lacks: impersonal verb forms (ganiateir "is allowed", telir/thelir "is paid", ellir
    # "can be"), imperatives (arhoswch "wait", sicrhewch "make sure", talgrynnwch "round"), and plurals
    # (geirdaon "references", cyflogeion "employees", cyfrifiaduron "computers", as in Geiriadur Prifysgol Cymru).
    "ganiateir", "telir", "thelir", "ellir", "Arhoswch", "Sicrhewch", "Talgrynnwch", "Geirdaon", "cyflogeion",
    "cyfrifiaduron",
    # Names that are the same in Welsh: HMRC's Welsh name (Cyllid a Thollau EF), organisations, the product, a
    # language's own name, and the parts of web and e-mail addresses written as words.
    "CThEF", "Jobpoint", "English", "My", "World", "of", "Work", "Skills", "Development", "Scotland", "TV",
    "Licensing", "GOV", "UK", "gov", "com", "co", "uk", "example", "careerswales", "entitledto",
    "equalityadvisoryservice", "EHRC", "EASS",
    # The key's name, as printed on keyboards sold in Wales.
    "Shift",
}

_WORD = re.compile(r"[A-Za-zÀ-ÿŵŷŴŶ'’-]+")
_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\{[^}]*\}")


@pytest.fixture(scope="module")
def welsh(tmp_path_factory):
    """The cy_GB dictionary, read by spylls from the pinned wheel."""
    from spylls.hunspell import Dictionary
    folder = tmp_path_factory.mktemp("cy_GB")
    with zipfile.ZipFile(fetch_wheels(DEFAULT_CACHE)["cymraeg"]) as wheel:
        for suffix in ("dic", "aff"):
            (folder / f"cy_GB.{suffix}").write_bytes(wheel.read(f"cymraeg_mcp/data/dictionaries/cy_GB.{suffix}"))
    return Dictionary.from_files(str(folder / "cy_GB"))


def welsh_texts() -> dict[str, str]:
    """Where -> the Welsh text shown there: every catalogue message (each plural form) and every life-event text."""
    texts = {}
    for message in read_catalogue("cy"):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        forms = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for number, form in enumerate(forms):
            texts[f"{key}[{number}]"] = form or ""
    for event in all_events().values():
        texts[f"life_events/{event.id}.title"] = event.title["cy"]
        texts[f"life_events/{event.id}.intro"] = event.intro["cy"]
        for number, step in enumerate(event.steps, 1):  # every nation's steps
            for field in ("title", "why", "how", "when"):
                texts[f"life_events/{event.id}.step{number}.{field}"] = getattr(step, field).get("cy", "")
    return texts


def words_in(text: str) -> list[str]:
    """The words of a text, without addresses, {placeholders} or surrounding apostrophes and hyphens."""
    words = (word.strip("'’-") for word in _WORD.findall(_NOT_WORDS.sub(" ", text)))
    return [word for word in words if len(word) > 1]


def spelt_right(word: str, dictionary) -> bool:
    """True when cy_GB knows the word, or each of its parts (a clitic after an apostrophe counts as known)."""
    if word in NOT_IN_THE_DICTIONARY or word.isupper() or dictionary.lookup(word):
        return True
    head, *clitics = re.split(r"['’]", word)
    parts = [part for part in head.split("-") if part]
    return (all(dictionary.lookup(part) or dictionary.lookup(part.lower()) or part in NOT_IN_THE_DICTIONARY
                for part in parts)
            and all(clitic in CLITICS or dictionary.lookup(clitic) for clitic in clitics))


def test_the_dictionary_knows_welsh_and_its_mutations_and_not_a_misspelling(welsh):
    # The check can fail: real words pass (mutated ones too), a typo and an English word do not.
    assert all(spelt_right(word, welsh) for word in ("swyddi", "Cyffyrddwch", "ngyrrwr", "budd-daliadau", "mae'r"))
    assert not any(spelt_right(word, welsh) for word in ("swydddi", "Cyffyrdwch", "budd-dalaidau", "mae'q", "jobs"))


def test_every_welsh_word_shown_is_in_the_welsh_dictionary(welsh):
    texts = welsh_texts()
    assert len(texts) > 1000 and any(key.startswith("life_events/") for key in texts)
    unknown: dict[str, list[str]] = {}
    for where, text in texts.items():
        for word in words_in(text):
            if not spelt_right(word, welsh):
                unknown.setdefault(word, []).append(where)
    assert not unknown, "\n".join(f"{word}: {', '.join(places[:3])}" for word, places in sorted(unknown.items()))


def test_each_word_let_through_is_still_used():
    # A word the Welsh no longer uses leaves the list, so it cannot hide a misspelling later.
    used = {word for text in welsh_texts().values() for word in words_in(text)}
    used |= {part for word in used for part in re.split(r"[-'’]", word)}
    assert used >= NOT_IN_THE_DICTIONARY, sorted(NOT_IN_THE_DICTIONARY - used)

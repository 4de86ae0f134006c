"""The Welsh <-> English job glossary and the Welsh mutation rules it makes its word forms with."""

import tomllib

import pytest

from kiosk.jobs.glossary import GLOSSARY_FILE, fold, load_glossary
from kiosk.jobs.welsh import mutate, mutated_phrases, mutations


@pytest.fixture(scope="module")
def raw():
    with open(GLOSSARY_FILE, "rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def test_the_glossary_has_at_least_300_terms(raw):
    assert len(raw["terms"]) >= 300


def test_every_term_names_a_known_source_or_is_marked_for_a_translators_review(raw):
    unsourced = [term["cy"] for term in raw["terms"]
                 if not (term.get("review") is True) ^ (term.get("source") in raw["sources"])]
    assert unsourced == []


def test_every_source_says_where_it_is_from_and_its_licence(raw):
    assert all(source.get("where") and source.get("licence") for source in raw["sources"].values())


def test_a_term_with_neither_source_nor_review_mark_is_refused(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_text('terms = [{ cy = "glanhawr", en = ["cleaner"] }]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="glanhawr"):
        load_glossary(path)


def test_no_welsh_form_is_listed_twice_under_different_english(raw):
    # The same Welsh word twice would make one search mean two things; a plural shared by two terms is allowed.
    singulars = [fold(term["cy"]) for term in raw["terms"]]
    assert len(singulars) == len(set(singulars))


# --- mutations --------------------------------------------------------------------------------------------------
# The prefix rules of Bangor University's cy_GB.aff (hunspell-cy; LGPL-3.0+), flags M (soft), T (nasal), L (aspirate)
# and H (h before a vowel), each as (radical start, mutated start, a word of cy_GB.dic it applies to).
CY_GB_AFF = {
    "soft": [("c", "g", "cogydd"), ("p", "b", "plymwr"), ("t", "d", "trydanwr"), ("g", "", "glanhawr"),
             ("b", "f", "bydwraig"), ("d", "dd", "deintydd"), ("ll", "l", "llyfrgellydd"), ("m", "f", "meddyg"),
             ("rh", "r", "rheolwr")],
    "nasal": [("c", "ngh", "cogydd"), ("p", "mh", "plymwr"), ("t", "nh", "trydanwr"), ("g", "ng", "gyrrwr"),
              ("b", "m", "bydwraig"), ("d", "n", "deintydd")],
    "aspirate": [("c", "ch", "cogydd"), ("p", "ph", "plymwr"), ("t", "th", "trydanwr")],
    "h": [("", "h", "athro"), ("", "h", "ysgol"), ("", "h", "awdur")],
}


@pytest.mark.parametrize("kind, start, becomes, word",
                         [(kind, *rule) for kind, rules in CY_GB_AFF.items() for rule in rules])
def test_each_mutation_follows_the_cy_gb_table(kind, start, becomes, word):
    assert mutate(word, kind) == becomes + word[len(start):]


@pytest.mark.parametrize("kind, word", [
    ("soft", "chwarae"), ("soft", "theatr"), ("soft", "ffermwr"), ("soft", "nyrs"), ("soft", "saer"),
    ("nasal", "ffotograffydd"), ("nasal", "llyfrgellydd"), ("nasal", "meddyg"), ("nasal", "rheolwr"),
    ("aspirate", "tsips"), ("aspirate", "bydwraig"), ("aspirate", "gyrrwr"), ("h", "gyrrwr"),
])
def test_letters_outside_a_mutation_stay_as_they_are(kind, word):
    # cy_GB.aff's conditions: c[^h], p[^h], t[^h] (t[^hs] for the aspirate), d[^d]; f, n, s and the rest never change.
    assert mutate(word, kind) is None


def test_the_mutations_of_the_search_pages_own_examples():
    assert mutations("glanhawr") == {"soft": "lanhawr", "nasal": "nglanhawr"}
    assert mutations("gyrrwr") == {"soft": "yrrwr", "nasal": "ngyrrwr"}
    assert mutated_phrases("gweithiwr gofal") == ["weithiwr gofal", "ngweithiwr gofal"]


# --- looking words up -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, english", [
    ("glanhawr", "cleaner"), ("glanhawyr", "cleaner"), ("lanhawr", "cleaner"), ("nglanhawr", "cleaner"),
    ("gyrrwr", "driver"), ("yrrwr", "driver"), ("ngyrrwr", "driver"), ("gyrwyr", "driver"),
    ("gweithiwr gofal", "care worker"), ("weithiwr gofal", "care worker"), ("gweithwyr gofal", "care worker"),
    ("cogydd", "cook"), ("gogydd", "cook"), ("nghogydd", "cook"), ("chogydd", "cook"), ("cogyddion", "cook"),
    ("reolwr", "manager"), ("nhrydanwr", "electrician"), ("mhlymwr", "plumber"), ("cadw tŷ", "housekeeping"),
])
def test_a_welsh_word_in_any_form_finds_its_english_term(glossary, typed, english):
    (span,) = glossary.expand(typed.split())
    assert span.welsh and tuple(english.split()) in span.others


@pytest.mark.parametrize("typed, welsh", [
    ("cleaner", "glanhawr"), ("cleaners", "glanhawr"), ("driver", "gyrrwr"), ("care worker", "gweithiwr gofal"),
    ("care workers", "gweithiwr gofal"), ("chef", "cogydd"), ("kitchen porter", "porthor cegin"),
])
def test_an_english_word_finds_its_welsh_term_and_plural(glossary, typed, welsh):
    (span,) = glossary.expand(typed.split())
    assert not span.welsh and tuple(welsh.split()) in span.others


def test_words_the_glossary_does_not_know_are_left_alone(glossary):
    spans = glossary.expand(["cheerful", "gyrrwr", "xyzzy"])
    assert [(span.words, bool(span.others)) for span in spans] == [
        (("cheerful",), False), (("gyrrwr",), True), (("xyzzy",), False)]


@pytest.mark.parametrize("word", ["thai", "dim", "of", "was"])
def test_a_mutated_form_that_is_a_word_of_its_own_is_not_looked_up(glossary, word):
    assert not glossary.knows(word)


def test_welsh_type_ahead_offers_titles_for_any_mutated_start(glossary):
    assert [term.title for term in glossary.suggest("glan")][:1] == ["Glanhawr"]
    assert "Gyrrwr" in [term.title for term in glossary.suggest("yrr")]
    assert "Gofal" not in [term.title for term in glossary.suggest("gof")]  # a job word, not a title

"""Welsh initial mutations: the forms a Welsh word takes after words such as "a", "neu", "fy" and "ei".

    >>> mutations("gyrrwr")
    {'soft': 'yrrwr', 'nasal': 'ngyrrwr'}
    >>> mutations("cogydd")
    {'soft': 'gogydd', 'nasal': 'nghogydd', 'aspirate': 'chogydd'}

A Welsh search word may be mutated ("neu weithiwr gofal", "fy nghogydd"), and FTS5 knows nothing of that:
"yrrwr" finds no advert for a "gyrrwr". ``kiosk.jobs.glossary`` makes every mutated form of its Welsh words from
these rules, so a search finds the word whichever form was typed.

The rules are the prefix rules of Bangor University's Welsh hunspell dictionary, ``cy_GB.aff`` (hunspell-cy,
LGPL-3.0+; the same tables as ``mutation_rules.yaml`` of PyPI's cymraeg-mcp): flag M (soft), T (nasal), L
(aspirate) and H (h before a vowel). ``tests/jobs/test_welsh.py`` checks them against those tables.
"""

from __future__ import annotations

#: Radical start -> mutated start, longest start first; a start listed in ``_NOT_BEFORE`` is left alone when the
#: next letter makes it another letter ("ch", "ph", "th", "dd" and "ts" are letters of their own).
SOFT = (("ll", "l"), ("rh", "r"), ("p", "b"), ("t", "d"), ("c", "g"), ("b", "f"), ("d", "dd"), ("g", ""),
        ("m", "f"))
NASAL = (("p", "mh"), ("t", "nh"), ("c", "ngh"), ("b", "m"), ("d", "n"), ("g", "ng"))
ASPIRATE = (("p", "ph"), ("t", "th"), ("c", "ch"))
#: Letters after which a start does not mutate: cy_GB.aff's conditions c[^h], p[^h], t[^h] (t[^hs] for the
#: aspirate) and d[^d].
_NOT_BEFORE = {"c": "h", "p": "h", "t": "h", "d": "d"}
VOWELS = "aeiouwyâêîôûŵŷäëïöüẅÿáéíóúẃýàèìòùẁỳ"

_TABLES = {"soft": SOFT, "nasal": NASAL, "aspirate": ASPIRATE}


def mutate(word: str, kind: str) -> str | None:
    """The word with one initial mutation, or None when that mutation does not change its first letter.

    >>> mutate("tad", "nasal"), mutate("llaw", "soft"), mutate("chwarae", "soft"), mutate("athro", "h")
    ('nhad', 'law', None, 'hathro')

    :param word: a Welsh word, lower case, in its radical (dictionary) form.
    :param kind: "soft", "nasal", "aspirate" or "h" (h before a vowel, as after "ei" meaning "her").
    """
    if not word:
        return None
    if kind == "h":
        return "h" + word if word[0] in VOWELS else None
    for start, becomes in _TABLES[kind]:
        if word.startswith(start):
            rest = word[len(start):]
            if not rest:
                return None
            blocked = _NOT_BEFORE.get(start, "")
            if kind == "aspirate" and start == "t":
                blocked += "s"
            if rest[0] in blocked:
                return None
            return becomes + rest
    return None


def mutations(word: str) -> dict[str, str]:
    """Every mutated form of a word that differs from it, by kind of mutation.

    :param word: a Welsh word, lower case, in its radical form.
    """
    found = {}
    for kind in ("soft", "nasal", "aspirate", "h"):
        form = mutate(word, kind)
        if form and form != word:
            found[kind] = form
    return found


def mutated_phrases(phrase: str) -> list[str]:
    """A phrase with its first word in each mutated form (the words after it keep theirs, as in "weithiwr gofal").

    >>> mutated_phrases("gweithiwr gofal")
    ['weithiwr gofal', 'ngweithiwr gofal']

    :param phrase: Welsh words, lower case, separated by single spaces.
    """
    first, _, rest = phrase.partition(" ")
    return [" ".join(filter(None, (form, rest))) for form in mutations(first).values()]

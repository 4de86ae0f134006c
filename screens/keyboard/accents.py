"""Accented letters: which variants a press-and-hold on a base letter offers, and every one for the "à é ŵ" page.

    >>> variants("l")
    ['ł']
    >>> variants("L")
    ['Ł']
    >>> variants("i")
    ['í', 'ì', 'î', 'ï', 'į', 'ı']
    >>> variants("I")
    ['Í', 'Ì', 'Î', 'Ï', 'Į', 'İ']

They cover Welsh and the Latin letters of names common in Great Britain: Polish, Romanian, Lithuanian, Portuguese,
Spanish, French, German, Turkish, Irish and Scottish Gaelic. Plain data, no Kivy: the windowless tests read it.
"""

from __future__ import annotations

#: Lower-case variants of each base letter, the most used in Britain first (Welsh and Irish acute and circumflex,
#: then the rest). Which language needs which:
#:   Welsh â ê î ô û ŵ ŷ, ä ë ï ö ü ẅ ÿ, á é í ó ú ẃ ý, à è ì ò ù ẁ ỳ;
#:   Polish ą ć ę ł ń ó ś ź ż;  Romanian ă â î ș ț (comma below, not the Turkish cedilla);
#:   Lithuanian ą č ę ė į š ų ū ž;  Portuguese á â ã à ç é ê í ó ô õ ú;  Spanish á é í ñ ó ú ü;
#:   French à â æ ç é è ê ë î ï ô œ ù û ü ÿ;  German ä ö ü ß;  Turkish ç ğ ı ö ş ü (and İ);
#:   Irish á é í ó ú;  Scottish Gaelic à è ì ò ù.
VARIANTS: dict[str, str] = {
    "a": "áàâäãąăæ",
    "c": "çćč",
    "e": "éèêëęė",
    "g": "ğ",
    "i": "íìîïįı",
    "l": "ł",
    "n": "ñń",
    "o": "óòôöõœ",
    "s": "śšșşß",
    "t": "ț",
    "u": "úùûüųū",
    "w": "ŵẃẁẅ",
    "y": "ŷýỳÿ",
    "z": "źżž",
}

#: Where plain ``str.upper`` gives the wrong capital for a name: dotless ı's partner is Turkish İ (plain I is the
#: base key), and ß capitalises as ẞ, one letter, not "SS".
_CAPITALS = {"ı": "İ", "ß": "ẞ"}


def capital(letter: str) -> str:
    """The capital of one letter, as a person writing a name means it.

    :param letter: one lower-case letter.
    """
    return _CAPITALS.get(letter, letter.upper())


def variants(base: str) -> list[str]:
    """The accented letters offered when ``base`` is held down, in its case; empty when it has none.

    :param base: one letter as shown on the key, e.g. "e" or "E".
    """
    lower = VARIANTS.get(base.lower(), "")
    if base.isupper():
        return [capital(letter) for letter in lower]
    return list(lower)


def every_accented(upper: bool = False) -> list[str]:
    """Every accented letter, grouped by base letter a to z, for the "à é ŵ" page.

    :param upper: capitals instead of small letters.
    """
    return [capital(letter) if upper else letter for base in sorted(VARIANTS) for letter in VARIANTS[base]]

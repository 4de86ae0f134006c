"""Text as a voice should say it: amounts of money in words espeak-ng reads well, in English and Welsh.

    >>> spoken("About £1,423 a month", "en")
    'About 1,423 pounds a month'
    >>> spoken("£12.50 an hour", "en")
    '12 pounds 50 an hour'
    >>> spoken("£1 a week", "en")
    '1 pound a week'
    >>> spoken("£12.71 i £13.50 yr awr", "cy")
    '12 punt 71 i 13 punt 50 yr awr'
    >>> spoken("1423.00", "en")
    '1423'

espeak-ng says "£1,423" as "pound one thousand four hundred and twenty-three" in English, and drops the "£"
altogether in Welsh; a figure with ".00" is read "point zero zero". The screen keeps the figures people read;
only what is spoken changes. Welsh takes the singular "punt" after any number ("pum punt").
"""

from __future__ import annotations

import re

_POUNDS = re.compile(r"£\s?(\d[\d,]*)(?:\.(\d\d))?")
_WHOLE_WITH_ZERO_PENCE = re.compile(r"\b(\d[\d,]*)\.00\b")


def spoken(text: str, language: str) -> str:
    """``text`` with its amounts of money put the way a voice says them well.

    :param text: plain text as shown on screen.
    :param language: "en" or "cy".
    """
    def pounds(match: re.Match) -> str:
        whole, pence = match.group(1), match.group(2)
        unit = "punt" if language == "cy" else "pound" if whole == "1" else "pounds"
        said = f"{whole} {unit}"
        return f"{said} {pence}" if pence and pence != "00" else said

    return _WHOLE_WITH_ZERO_PENCE.sub(r"\1", _POUNDS.sub(pounds, text))

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
    >>> spoken("Leeds  |  07700 900123", "en")
    'Leeds  |  0 7 7 0 0, 9 0 0 1 2 3'

espeak-ng says "£1,423" as "pound one thousand four hundred and twenty-three" in English, and drops the "£"
altogether in Welsh; a figure with ".00" is read "point zero zero". The screen keeps the figures people read;
only what is spoken changes. Welsh takes the singular "punt" after any number ("pum punt"). A phone number is
said digit by digit, as people say them: espeak-ng reads "07700 900123" as "zero seven, seventy, zero, nine
hundred thousand one hundred and twenty-three".
"""

from __future__ import annotations

import re

_POUNDS = re.compile(r"£\s?(\d[\d,]*)(?:\.(\d\d))?")
_WHOLE_WITH_ZERO_PENCE = re.compile(r"\b(\d[\d,]*)\.00\b")
#: A UK phone number: 0 then 9 or 10 more digits, in groups split by single spaces.
_PHONE = re.compile(r"(?<![\d£.,])0\d{2,4}(?: ?\d{2,4}){1,3}(?!\d|[.,]\d)")


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

    def digits(match: re.Match) -> str:
        number = match.group(0)
        if len(number.replace(" ", "")) not in (10, 11):
            return number
        return ", ".join(" ".join(group) for group in number.split(" "))

    return _PHONE.sub(digits, _WHOLE_WITH_ZERO_PENCE.sub(r"\1", _POUNDS.sub(pounds, text)))

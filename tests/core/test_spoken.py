"""Amounts said as words a voice says well, in English and Welsh (issue #18, point 6)."""

import pytest

from kiosk.spoken import spoken


@pytest.mark.parametrize("shown, language, said", [
    ("About £1,423 a month", "en", "About 1,423 pounds a month"),
    ("£1,422.57 a month", "en", "1,422 pounds 57 a month"),
    ("£1 a week", "en", "1 pound a week"),
    ("£25,000 a year", "en", "25,000 pounds a year"),
    ("Tua £1,423 y mis", "cy", "Tua 1,423 punt y mis"),
    ("£12.00 an hour", "en", "12 pounds an hour"),
    ("1423.00", "en", "1423"),
    ("Call 0113 496 0123", "en", "Call 0113 496 0123"),
])
def test_amounts_are_said_as_words(shown, language, said):
    assert spoken(shown, language) == said

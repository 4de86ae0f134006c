"""Amounts said as words, and phone numbers digit by digit, as a voice says them well, in English and Welsh
(issue #18, point 6)."""

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
    # A phone number digit by digit, a pause between its groups; other numbers as they are.
    ("Call 0113 496 0123", "en", "Call 0 1 1 3, 4 9 6, 0 1 2 3"),
    ("Leeds  |  07700 900123  |  sian@example.org", "cy", "Leeds  |  0 7 7 0 0, 9 0 0 1 2 3  |  sian@example.org"),
    ("Ffoniwch 02920180000.", "cy", "Ffoniwch 0 2 9 2 0 1 8 0 0 0 0."),
    ("2010 to 2015, 24 hours, LS6 1AA, 01234", "en", "2010 to 2015, 24 hours, LS6 1AA, 01234"),
])
def test_amounts_are_said_as_words(shown, language, said):
    assert spoken(shown, language) == said

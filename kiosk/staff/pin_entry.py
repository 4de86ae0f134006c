"""A staff PIN being typed: the digits in one wipeable buffer, never in a string, a log or a widget.

    >>> pin = PinEntry()
    >>> [pin.add(digit) for digit in "12345x"]     # a sixth digit is fine; "x" is not a digit
    [True, True, True, True, True, False]
    >>> pin.delete()
    >>> pin.length, pin.complete
    (4, True)
    >>> digits = pin.take()          # the caller hands these to the card, then wipes them
    >>> pin.length, bytes(digits)
    (0, b'1234')
    >>> wipe(digits); bytes(digits)
    b'\\x00\\x00\\x00\\x00'

Python strings cannot be cleared from memory, so the digits live in a ``bytearray`` that is overwritten with
zeros as soon as they are used or abandoned. Screens only ever see how many digits there are.
"""

from __future__ import annotations

#: A staff card PIN has 4 to 8 digits (the card's PIN block holds 8).
MIN_DIGITS, MAX_DIGITS = 4, 8


def wipe(buffer: bytearray) -> None:
    """Overwrite a buffer with zeros.

    :param buffer: the bytes to clear.
    """
    for index in range(len(buffer)):
        buffer[index] = 0


class PinEntry:
    """The digits typed so far on the PIN keypad."""

    def __init__(self) -> None:
        self._digits = bytearray()

    @property
    def length(self) -> int:
        """How many digits have been typed (the keypad shows this many dots)."""
        return len(self._digits)

    @property
    def complete(self) -> bool:
        """True when there are enough digits to try."""
        return self.length >= MIN_DIGITS

    def add(self, digit: str) -> bool:
        """Add one digit.

        :param digit: "0" to "9"; anything else is ignored.
        :returns: True if it was added (False when not a digit or the PIN is already at its longest).
        """
        if len(digit) != 1 or digit not in "0123456789" or self.length >= MAX_DIGITS:
            return False
        self._digits.append(ord(digit))
        return True

    def delete(self) -> None:
        """Remove the last digit."""
        if self._digits:
            self._digits[-1] = 0
            del self._digits[-1]

    def clear(self) -> None:
        """Forget every digit."""
        wipe(self._digits)
        self._digits = bytearray()

    def take(self) -> bytearray:
        """Hand over the digits and start again empty; the caller must ``wipe`` what it was given.

        :returns: the ASCII digits.
        """
        digits, self._digits = self._digits, bytearray()
        return digits

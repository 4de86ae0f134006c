"""The keyboard's layouts as data: rows of keys, each a kind, what it types or opens, and its width in key units.

    >>> [key.value for key in LAYOUTS["email"][-1]][:4]
    ['numbers', '@', '.', '.co.uk']
    >>> layout_for_field(input_type="mail")
    'email'

Which layout a field gets comes from its ``input_type`` (Kivy's TextInput property, set in the .kv files):
"mail" the email layout, "tel" and "number" the phone layout, anything else the letters. A ``password`` field
gets the PIN keypad, whose keys are never read aloud. Plain data, no Kivy.
"""

from __future__ import annotations

from dataclasses import dataclass

from screens.keyboard.accents import every_accented


@dataclass(frozen=True)
class Key:
    """One key.

    :param kind: "char" types ``value``; "shift", "delete", "enter" and "space" do what they say; "layout" opens
        the layout named ``value``.
    :param value: the text typed ("char") or the layout opened ("layout").
    :param units: width, in widths of a letter key.
    """

    kind: str
    value: str = ""
    units: float = 1.0


def chars(text: str) -> list[Key]:
    """A key for each character of ``text``.

    :param text: e.g. "qwertyuiop".
    """
    return [Key("char", char) for char in text]


DELETE = Key("delete", units=1.5)
SHIFT = Key("shift", units=1.5)
SPACE = Key("space", " ", units=5)
ENTER = Key("enter", units=2.5)
TO_LETTERS = Key("layout", "letters", units=1.5)
TO_NUMBERS = Key("layout", "numbers", units=1.5)
TO_ACCENTS = Key("layout", "accents", units=1.5)

#: Every layout but the accented letters (built to fit the width: ``accents_layout``).
LAYOUTS: dict[str, list[list[Key]]] = {
    "letters": [
        [*chars("1234567890"), DELETE],
        chars("qwertyuiop'"),
        chars("asdfghjkl-"),
        [SHIFT, *chars("zxcvbnm,.")],
        [TO_NUMBERS, TO_ACCENTS, SPACE, ENTER],
    ],
    "numbers": [
        [*chars("1234567890"), DELETE],
        chars("@#£€&*()+="),
        chars("-_/:;'\"!?"),
        chars("%<>[]{},."),
        [TO_LETTERS, TO_ACCENTS, SPACE, ENTER],
    ],
    # No space bar: an email address has none. No accents: nor do most addresses.
    "email": [
        [*chars("1234567890"), DELETE],
        chars("qwertyuiop"),
        chars("asdfghjkl"),
        [SHIFT, *chars("zxcvbnm-_")],
        [Key("layout", "numbers", 1.5), Key("char", "@"), Key("char", "."), Key("char", ".co.uk", 2),
         Key("char", ".com", 2), ENTER],
    ],
    "phone": [
        [*chars("123"), Key("delete", units=2)],
        [*chars("456"), Key("space", " ", units=2)],
        [*chars("789"), Key("enter", units=2)],
        [Key("char", "+"), Key("char", "0"), Key("layout", "letters", 2)],
    ],
    "pin": [
        chars("123"),
        chars("456"),
        chars("789"),
        [Key("delete"), Key("char", "0"), Key("enter")],
    ],
}

#: The layouts whose keys type only what can be shown and said; "pin" is masked.
MASKED = frozenset({"pin"})


def accents_layout(columns: int, upper: bool = False) -> list[list[Key]]:
    """The "à é ŵ" page: every accented letter, ``columns`` to a row, then the row of controls.

    :param columns: letters to a row (as many as fit the width at the smallest key size).
    :param upper: capitals instead of small letters.
    """
    letters = every_accented(upper)
    rows = [chars("".join(letters[start:start + columns])) for start in range(0, len(letters), columns)]
    return [*rows, [TO_LETTERS, SHIFT, Key("space", " ", units=4), DELETE, ENTER]]


def layout_for_field(input_type: str = "text", password: bool = False) -> str:
    """The layout a text field opens with.

    :param input_type: the field's Kivy ``input_type``: "mail", "tel", "number", "text" ...
    :param password: True for a secret the keyboard must not read aloud.
    """
    if password:
        return "pin"
    return {"mail": "email", "tel": "phone", "number": "phone"}.get(input_type, "letters")


def row_units(row: list[Key]) -> float:
    """How many key units wide a row is.

    :param row: the keys.
    """
    return sum(key.units for key in row)

"""The office's "Help near you" as the kiosk shows, reads and prints it: grouped by category, in the person's language.

    >>> entries = [{"name": "Food bank", "phone": "0113 496 0123", "url": "", "category": "food"},
    ...            {"name": "Citizens Advice", "phone": "0800 144 8848", "url": "https://www.citizensadvice.org.uk",
    ...             "category": "money", "about_en": "Free advice.", "about_cy": "Cyngor am ddim."},
    ...            {"name": "Community centre", "phone": "0113 496 0456", "url": ""}]
    >>> [category for category, _entries in by_category(entries)]
    ['money', 'food', 'other']
    >>> in_language(entries[1], "about", "cy"), in_language(entries[0], "about", "cy")
    ('Cyngor am ddim.', '')
    >>> code_text(entries[0]), code_text(entries[1])
    ('tel:01134960123', 'https://www.citizensadvice.org.uk')

The entries come from the office's config (``sync.office``), already checked there: a name, and perhaps a phone
number, a web address, what it does and its opening times in English and Welsh, and one of ``CATEGORIES``. An
entry without a category is listed under ``OTHER`` ("Other help"), last. Where the office gave no Welsh, the
English shows: a Welsh speaker is better served by the English than by nothing.

``demo_local_help()`` reads the demo office the kiosk ships (``assets/demo/office.toml``): what ``make run`` and
the tour show on a kiosk that has no office config from the central service.
"""

from __future__ import annotations

import functools
import re
import tomllib

from kiosk.assets import ASSETS

#: The categories an entry may be in, in the order the kiosk lists them (issue #19 point 3). The central service
#: checks entries against this list (``sync.local_help``).
CATEGORIES = ("digital", "money", "food", "housing", "health", "training", "childcare")
#: Where an entry without a category is listed: last, as "Other help".
OTHER = "other"
#: Every group the kiosk may list, in order.
GROUPS = (*CATEGORIES, OTHER)
#: The fields every entry has once read (empty text when the office gave none).
FIELDS = ("name", "phone", "url", "about_en", "about_cy", "category", "opening_en", "opening_cy")
DEMO_OFFICE = ASSETS / "demo" / "office.toml"
_DIAL = re.compile(r"[^0-9+]")


def group_of(entry: dict) -> str:
    """The group an entry is listed in: its category, or ``OTHER``.

    :param entry: one local help entry.
    """
    category = entry.get("category") or ""
    return category if category in CATEGORIES else OTHER


def by_category(entries) -> list[tuple[str, list[dict]]]:
    """The entries in their groups, in ``GROUPS`` order, each group in the office's order; empty groups left out.

    :param entries: the office's local help entries.
    """
    groups: dict[str, list[dict]] = {group: [] for group in GROUPS}
    for entry in entries:
        groups[group_of(entry)].append(entry)
    return [(group, found) for group, found in groups.items() if found]


def in_language(entry: dict, field: str, language: str) -> str:
    """An entry's ``about`` or ``opening`` in the person's language, else in English, else "".

    :param entry: one local help entry.
    :param field: "about" or "opening".
    :param language: "en" or "cy".
    """
    return (entry.get(f"{field}_{language}") or entry.get(f"{field}_en") or "").strip()


def phone_link(phone: str) -> str:
    """A ``tel:`` link a phone's camera offers to call: the number's digits (and a leading +), or "" if none.

    :param phone: the number as the office wrote it ("0800 144 8848", "111").

        >>> phone_link("0800 144 8848"), phone_link("+44 (0)800 144 8848"), phone_link("none")
        ('tel:08001448848', 'tel:+448001448848', '')
    """
    text = (phone or "").replace("(0)", "")
    digits = _DIAL.sub("", text)
    digits = digits[:1] + digits[1:].replace("+", "")
    return f"tel:{digits}" if any(ch.isdigit() for ch in digits) else ""


def code_text(entry: dict) -> str:
    """What an entry's QR code holds: its web address, else a ``tel:`` link to its phone, else "" (no code).

    :param entry: one local help entry.
    """
    return (entry.get("url") or "").strip() or phone_link(entry.get("phone") or "")


def with_every_field(entry: dict) -> dict:
    """The entry with every field of ``FIELDS`` (empty text for those it lacks), as the screens read it.

    :param entry: one local help entry.
    """
    return {key: (entry.get(key) or "").strip() for key in FIELDS}


@functools.cache
def demo_local_help() -> tuple[dict, ...]:
    """The demo office's entries (``assets/demo/office.toml``), each with every field.

    The file is the kiosk's own and a test checks it with the central service's and the kiosk's checks, so it is
    read here without them.
    """
    data = tomllib.loads(DEMO_OFFICE.read_text(encoding="utf-8"))
    return tuple(with_every_field(entry) for entry in data.get("local_help", ()))

"""The office's council tax settings: its council's Band D and, for England's working-age schemes, the scheme's shape.

    >>> settings = check_council_tax_settings({"band_d_annual": 2280, "max_support_share": 0.8})
    >>> settings
    {'band_d_annual': 2280.0, 'max_support_share': 0.8}
    >>> office = council_tax_settings_from(settings)
    >>> office.band_d_annual, office.max_support_share, office.taper
    (Decimal('2280.0'), Decimal('0.8'), None)
    >>> check_council_tax_settings({"taper": 2})
    Traceback (most recent call last):
    ...
    ValueError: council_tax.taper must be a share from 0 to 1 (0.2 is 20%), not 2.

One checker serves both ends: the central service refuses an office file with a wrong value (``kiosk-central
office-set``), and the kiosk refuses a reply that fails the same check and keeps its last good copy. Every key may be
left out: without ``band_d_annual`` the checker needs the bill from the person; without the scheme keys, England's
working-age default scheme (``assets/rules/rates-*.toml``, ``council_tax_reduction.default_scheme``; why those
figures: docs/adr/011-council-tax-reduction-default-scheme.md) applies. Wales, Scotland and England's pension-age
scheme are set in law, so only ``band_d_annual`` changes them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

#: England's bands (Local Government Finance Act 1992 s.5(1)); Wales adds I (s.5(1A)).
BAND_CAPS = ("A", "B", "C", "D", "E", "F", "G", "H")
#: Each key: (lowest, highest, what it is, for messages).
NUMBERS = {
    "band_d_annual": (0, 10_000, "pounds a year from 0 to 10000 (0: not known)"),
    "max_support_share": (0, 1, "a share from 0 to 1 (0.8 is 80%)"),
    "taper": (0, 1, "a share from 0 to 1 (0.2 is 20%)"),
    "capital_limit": (0, 1_000_000, "pounds from 0 to 1000000"),
    "minimum_award_weekly": (0, 100, "pounds a week from 0 to 100"),
}
KEYS = (*NUMBERS, "band_cap")


def check_council_tax_settings(raw: object) -> dict:
    """Check an office's ``[council_tax]`` section; returns only the keys given, as plain JSON values.

    :param raw: what TOML or JSON gave for the section.
    :raises ValueError: a plain message naming the key and what is wanted.
    """
    if not isinstance(raw, Mapping):
        raise ValueError("council_tax must be a [council_tax] section.")
    unknown = sorted(str(key)[:40] for key in raw if key not in KEYS)
    if unknown:
        raise ValueError(f"There is no council tax setting called council_tax.{unknown[0]} "
                         f"(the settings are {', '.join(KEYS)}).")
    checked: dict = {}
    for key, (low, high, wanted) in NUMBERS.items():
        if key not in raw:
            continue
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not low <= value <= high:
            raise ValueError(f"council_tax.{key} must be {wanted}, not {str(value)[:40]}.")
        checked[key] = float(value)
    if "band_cap" in raw:
        cap = raw["band_cap"]
        if not isinstance(cap, str) or cap.strip().upper() not in (*BAND_CAPS, "NONE", ""):
            raise ValueError(f"council_tax.band_cap must be one of {', '.join(BAND_CAPS)} or none, "
                             f"not {str(cap)[:40]}.")
        checked["band_cap"] = cap.strip().upper() if cap.strip().upper() in BAND_CAPS else "none"
    return checked


@dataclass(frozen=True)
class CouncilTaxSettings:
    """The office's council tax settings for the checker; None means not set (the default applies).

    :param band_d_annual: the council's Band D council tax, £ a year.
    :param max_support_share: England working age: the most of the bill the scheme pays (1 = all of it).
    :param taper: England working age: how much support falls for each £1 of income over needs.
    :param capital_limit: England working age: savings over this get no support.
    :param minimum_award_weekly: England working age: support below this a week is not paid.
    :param band_cap: England working age: support is worked out on no more than this band's bill ("A".."H").
    """

    band_d_annual: Decimal | None = None
    max_support_share: Decimal | None = None
    taper: Decimal | None = None
    capital_limit: Decimal | None = None
    minimum_award_weekly: Decimal | None = None
    band_cap: str | None = None


def council_tax_settings_from(checked: Mapping | None) -> CouncilTaxSettings | None:
    """The settings from a checked section (``check_council_tax_settings``), or None when there are none.

    :param checked: the checked section, or None.
    """
    if not checked:
        return None
    numbers = {key: Decimal(str(checked[key])) for key in NUMBERS if key in checked}
    if numbers.get("band_d_annual") == 0:
        numbers.pop("band_d_annual")
    cap = checked.get("band_cap")
    return CouncilTaxSettings(**numbers, band_cap=cap if cap in BAND_CAPS else None)

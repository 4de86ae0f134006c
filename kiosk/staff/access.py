"""What a staff card opens: the roles written in its certificate decide the staff mode.

    >>> mode_for_roles(("champion",))
    'assisted'
    >>> mode_for_roles(("champion", "maintenance"))
    'maintenance'
    >>> mode_for_roles(("visitor",)) is None
    True

A digital champion's card turns on assisted mode (the customer's session carries on, with staff tools); an IT
card opens maintenance, the only way out of the locked kiosk. A card with both roles is an IT card here: IT staff
who also guide customers can still use the staff tools from maintenance's "Back to the kiosk".
"""

from __future__ import annotations

from collections.abc import Iterable

#: Role in the card's certificate → staff mode, strongest first.
ROLE_MODES = (("maintenance", "maintenance"), ("champion", "assisted"))

#: Staff modes, as the app's ``staff_mode`` property holds them.
MODES = ("none", "pin", "assisted", "maintenance")


def mode_for_roles(roles: Iterable[str]) -> str | None:
    """The staff mode a card's roles open, or None when they open nothing here.

    :param roles: the roles from the card's certificate.
    """
    held = set(roles)
    for role, mode in ROLE_MODES:
        if role in held:
            return mode
    return None

"""Whose kiosk this is: the organisation's name in the header and the office's name on the attract screen, from
the office config the kiosk syncs from the central service (``sync.office``). Without one, the kiosk's own name.

    show_identity(app)      # at start, and after each wipe: a config synced mid-visit shows for the next person
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def show_identity(app) -> None:
    """Set ``app.organisation`` and ``app.office_name`` from the last good office config.

    :param app: the KioskApp.
    """
    try:
        office = app.services.office()
    except Exception as error:  # noqa: BLE001 - a damaged office file must not stop the kiosk; it keeps its own name
        log.warning("the office's name cannot be shown: %s", error)
        office = None
    app.organisation = dict(getattr(office, "organisation", None) or {})
    app.office_name = getattr(office, "office_name", "") or ""


def organisation_name(organisation: dict, language: str, default: str) -> str:
    """The organisation's name in the person's language (English when it has no Welsh name), else ``default``.

    :param organisation: ``{"name": ..., "name_cy": ...}`` or {}.
    :param language: "en" or "cy".
    :param default: the kiosk's own name, from the catalogue.
    """
    return (organisation.get("name_cy") if language == "cy" else "") or organisation.get("name") or default

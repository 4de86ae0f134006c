"""Small builders shared by the central service tests."""

from __future__ import annotations

import datetime as dt

from kiosk.jobs.vacancies import check_vacancy
from sync.central.enrolment import enrol, make_token
from sync.central.offices import check_office_config, set_office

NOW = dt.datetime(2026, 11, 22, 10, 0, 0)


def vacancy(ident: str, title: str = "Cleaner", closes: str = "2026-12-31", **changes) -> dict:
    """A checked vacancy in the kiosk's shape."""
    raw = {"id": ident, "version": 1, "title": title, "employer": "Acme Cleaning", "description": "Clean offices.",
           "town": "Leeds", "postcode_district": "LS1", "easting": 430000, "northing": 433000, "salary_min": 12.71,
           "salary_max": 13.5, "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20,
           "contract": "permanent", "workplace": "on_site", "posted": "2026-11-01", "closes": closes,
           "disability_confident": True, "apply_url": "https://example.org/1", "apply_phone": None,
           "apply_email": None, "occupation_code": "9233", **changes}
    return check_vacancy(raw)


def add_office(storage, office_id: str = "leeds", name: str = "Leeds Jobcentre", now=NOW, **lha) -> int:
    """Set up an office with optional LHA figures."""
    _name, config = check_office_config({"name": name, "lha": lha, "local_help": [
        {"name": "Leeds Citizens Advice", "phone": "0113 000 0000", "url": "https://example.org/ca"}]})
    return set_office(storage, office_id, name, config, now)


def add_kiosk(storage, office_id: str = "leeds", name: str = "leeds-1", now=NOW):
    """An office (if missing) and an enrolled kiosk in it; returns the ``Enrolled``."""
    add_office(storage, office_id, now=now)
    return enrol(storage, make_token(storage, office_id, 3600, now), name, now)

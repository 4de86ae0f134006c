"""Valid vacancy records for the sync tests, made deterministically (no asset files needed)."""

from __future__ import annotations

import datetime as dt

TITLES = ("Cleaner", "Care assistant", "Warehouse operative", "Chef", "Delivery driver", "Receptionist")


def vacancy(number: int, version: int = 1, closes: dt.date | None = None, title: str | None = None) -> dict:
    """Vacancy ``v{number:06d}`` in the feed's shape (exactly ``kiosk.jobs.vacancies.FIELDS``)."""
    today = dt.date.today()
    return {
        "id": f"v{number:06d}", "version": version, "title": title or TITLES[number % len(TITLES)],
        "employer": f"Employer {number % 97}", "description": f"Job number {number}, version {version}.",
        "town": "Leeds", "postcode_district": "LS1", "easting": 430000 + number % 1000, "northing": 433000,
        "salary_min": 12.5, "salary_max": 14.0, "salary_period": "hour", "working_pattern": "part_time",
        "hours_per_week": 20, "contract": "permanent", "workplace": "on_site",
        "posted": (today - dt.timedelta(days=3)).isoformat(),
        "closes": (closes or today + dt.timedelta(days=30)).isoformat(),
        "disability_confident": number % 2 == 0, "apply_url": f"https://example.org/{number}",
        "apply_phone": None, "apply_email": None, "occupation_code": "0123",
    }


def upsert(seq: int, record: dict) -> dict:
    """A feed change that adds or replaces ``record``."""
    return {"seq": seq, "op": "upsert", "vacancy": record}


def delete(seq: int, vacancy_id: str) -> dict:
    """A feed tombstone."""
    return {"seq": seq, "op": "delete", "id": vacancy_id}

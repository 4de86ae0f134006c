"""Explore careers as counts: a closed list of event names, one a career page, so staff can see which careers
people look at (and nothing about who looked).

    career_event("care")          # 'career_viewed.care'

The careers are the CV builder's job families (``assets/cv/occupations.toml``); the list is written out here, as
the central service must know every name the kiosks may send, and ``tests/careers/test_career_events.py`` keeps it
the same as the file's. The kiosk (``sync.usage``) and the central service (``sync.central.usage``) share it.
"""

from __future__ import annotations

#: The job families, as in occupations.toml (the "general" family has no careers page).
CAREERS = ("warehouse", "forklift", "cleaning", "housekeeping", "care", "retail", "kitchen", "bar", "delivery", "hgv",
           "passenger", "labourer", "trades", "maintenance", "security", "admin", "customer_service", "childcare",
           "teaching_assistant", "hair_beauty", "production", "gardening", "it_support", "postal", "sales", "waste",
           "leisure", "animal_care", "vehicle", "engineering")
#: The other careers events: the list of careers opened, the young people's page read, "Look for these jobs", a
#: search for any job ("Find any job": what was typed is never counted) and a page of the ONS's list of jobs read
#: (one event for all of them: the ONS's 412 groups would make a long list for few counts each).
CAREER_ACTIVITY = ("careers_opened", "careers_young_viewed", "career_jobs_searched", "careers_searched",
                   "career_ons_viewed")


def career_event(family_key: str) -> str:
    """The event name of one career's page being viewed.

    :param family_key: one of ``CAREERS``.
    :raises ValueError: any other key.
    """
    if family_key not in CAREERS:
        raise ValueError(f"{family_key!r} is not a career")
    return f"career_viewed.{family_key}"


CAREER_EVENTS = frozenset({*CAREER_ACTIVITY, *(f"career_viewed.{key}" for key in CAREERS)})

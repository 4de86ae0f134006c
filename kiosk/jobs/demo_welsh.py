"""Made-up vacancies written in Welsh, in towns in Wales, for demos and tests: the same seed gives the same jobs.

    >>> import datetime
    >>> from kiosk.jobs.places import Places, Town
    >>> places = Places({"LL55": (248000, 362000)}, [Town("Caernarfon", "WLS", 9852, 248000, 362000, "LL55", ())])
    >>> jobs = list(generate_welsh_vacancies(2, seed=1, places=places, today=datetime.date(2026, 3, 2)))
    >>> [job["id"] for job in jobs], jobs[0]["town"]
    (['demo-cy-000001', 'demo-cy-000002'], 'Caernarfon')

``kiosk demo-data`` adds them to the English demo vacancies (``kiosk.jobs.demo_data``), so a search in either
language can be tried on adverts written in the other. Their pay, hours, dates and ways to apply are made as for
the English ones; the title, employer and advert text come from ``assets/demo/welsh.toml``.
"""

from __future__ import annotations

import datetime
import random
import tomllib
from typing import Iterator

from kiosk.jobs.demo_data import DEMO_WORDS, generate_vacancies
from kiosk.jobs.places import Places
from kiosk.jobs.welsh import mutate

with open(DEMO_WORDS / "welsh.toml", "rb") as _handle:
    _WORDS = tomllib.load(_handle)
#: (title, SOC 2010 code) of each Welsh job, each as often as its weight says.
_TITLES = [(title, code) for title, code, weight in _WORDS["titles"] for _ in range(weight)]


def welsh_share(count: int) -> int:
    """How many Welsh adverts ``kiosk demo-data`` adds to ``count`` English ones: one for every 200, at least 20.

    :param count: how many English demo vacancies.
    """
    return max(20, count // 200)


def generate_welsh_vacancies(count: int, seed: int, places: Places, today: datetime.date) -> Iterator[dict]:
    """Yield ``count`` invented vacancies written in Welsh, in the towns of Wales among ``places``.

    :param count: how many.
    :param seed: any int; different seeds give different vacancies.
    :param places: the places (``kiosk.jobs.places.load_places()``); only towns in Wales are used.
    :param today: adverts are posted in the 45 days up to this date.
    """
    wales = [town for town in places.towns() if town.region == "WLS"]
    if not wales:
        return
    in_wales = Places({town.district: (town.easting, town.northing) for town in wales}, wales)
    rng = random.Random(f"welsh:{seed}")
    for number, job in enumerate(generate_vacancies(count, seed, in_wales, _TITLES, today), 1):
        yield _in_welsh(job, number, rng)


def _in_welsh(job: dict, number: int, rng: random.Random) -> dict:
    title = job["title"]
    if title.startswith("Apprentice "):
        title = "Prentis " + title.removeprefix("Apprentice ").lower()
    lower = title[0].lower() + title[1:]
    employer = rng.choice(_WORDS["employers"])
    intro = rng.choice(_WORDS["intros"]).format(employer=employer, title=lower,
                                                title_soft=mutate(lower, "soft") or lower, town=job["town"])
    terms = f"Swydd {_WORDS['patterns'][job['working_pattern']]} yw hon"
    terms += f", {job['hours_per_week']:g} awr yr wythnos." if job["hours_per_week"] else "."
    extras = rng.sample(_WORDS["extras"], 2)
    paragraphs = [f"{intro} {terms}", rng.choice(_WORDS["about"]), " ".join(extras), _pay(job), _apply(job)]
    return {**job, "id": f"demo-cy-{number:06d}", "title": title, "employer": employer,
            "description": "\n\n".join(paragraphs)}


def _pay(job: dict) -> str:
    period = job["salary_period"]
    if period is None:
        return "Cyflog: i'w drafod yn y cyfweliad."
    money = (lambda x: f"£{x:,.2f}") if period == "hour" else (lambda x: f"£{x:,.0f}")
    low, high = job["salary_min"], job["salary_max"]
    amount = money(low) if low == high else f"{money(low)} i {money(high)}"
    return f"Cyflog: {amount} {_WORDS['periods'][period]}."


def _apply(job: dict) -> str:
    ways = [text for text in (job["apply_url"] and f"ewch i {job['apply_url']}",
                              job["apply_phone"] and f"ffoniwch {job['apply_phone']}",
                              job["apply_email"] and f"anfonwch eich CV at {job['apply_email']}") if text]
    closes = datetime.date.fromisoformat(job["closes"])
    when = f"{closes.day} {_WORDS['months'][closes.month - 1]} {closes.year}"
    return f"Sut i wneud cais: {', neu '.join(ways)}. Y dyddiad cau yw {when}."

"""Made-up but realistic vacancies for demos, tests and benchmarks: the same seed always gives the same jobs.

    >>> import datetime
    >>> from kiosk.jobs.places import Places, Town
    >>> places = Places({"LS1": (429644, 433573)}, [Town("Leeds", "ENG", 536280, 429881, 433448, "LS1", ())])
    >>> titles = [("Care assistant", "614"), ("Kitchen porter", "927")]
    >>> jobs = list(generate_vacancies(3, seed=7, places=places, titles=titles, today=datetime.date(2026, 3, 2)))
    >>> [job["id"] for job in jobs], jobs[0]["town"], jobs[0]["postcode_district"]
    (['demo-000001', 'demo-000002', 'demo-000003'], 'Leeds', 'LS1')
    >>> tuple(jobs[0]) == VACANCY_KEYS
    True
    >>> jobs == list(generate_vacancies(3, 7, places, titles, datetime.date(2026, 3, 2)))
    True

Each vacancy is a plain dict with exactly ``VACANCY_KEYS``, the record the vacancy cache stores. Everything is
fictional: employers are invented, web and email addresses are on example.org and example.com, and phone numbers
come from the ranges Ofcom keeps for drama. Common jobs (care assistant, warehouse operative, cleaner, driver...)
come up far more often than rare ones, as on a real jobs board. 300,000 take well under a minute. The words they are
made of are in ``assets/demo/``: ``sectors.toml`` (each kind of employer) and ``words.toml`` (everything else).
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import math
import random
import re
import tomllib
from dataclasses import dataclass
from typing import Iterator

from kiosk.assets import ASSETS
from kiosk.jobs.places import Places

#: The word lists the vacancies are made from: sectors.toml (each kind of employer) and words.toml (the rest).
DEMO_WORDS = ASSETS / "demo"

#: Adults' minimum hourly pay from April 2026 (the National Living Wage), in pounds.
NATIONAL_LIVING_WAGE = 12.71

#: The keys of every vacancy, in order.
VACANCY_KEYS = ("id", "version", "title", "employer", "description", "town", "postcode_district", "easting",
                "northing", "salary_min", "salary_max", "salary_period", "working_pattern", "hours_per_week",
                "contract", "workplace", "posted", "closes", "disability_confident", "apply_url", "apply_phone",
                "apply_email", "occupation_code")

WEEKS_PER_YEAR = 52.143


@dataclass(frozen=True)
class _Sector:
    words: tuple[str, ...]     # endings for invented employer names
    about: str                 # what the employer does; {town} is filled in
    duties: tuple[str, ...]    # as bullet lines, "- Clean floors..."
    needs: tuple[str, ...]
    pay: tuple[float, float]   # usual hourly rates, pounds
    part_time: float           # share of part-time jobs
    hourly: float              # share of adverts quoting an hourly rate
    office: bool = False       # hybrid and remote work are possible


def _read(name: str) -> dict:
    with open(DEMO_WORDS / name, "rb") as handle:
        return tomllib.load(handle)


def _bullets(items: list[str]) -> tuple[str, ...]:
    return tuple(f"- {item}" for item in items)


# The word lists, read once when the module is first imported: the sectors, then everything else.
SECTORS = {key: _Sector(tuple(s["words"]), s["about"], _bullets(s["duties"]), _bullets(s["needs"]), tuple(s["pay"]),
                        s["part_time"], s["hourly"], s.get("office", False))
           for key, s in _read("sectors.toml").items()}
_WORDS = _read("words.toml")
# SOC 2010 minor groups with a sector of their own; the rest go by major group (the first digit).
_SECTOR_OF_GROUP = {code: sector for sector, codes in _WORDS["sector_of_group"].items() for code in codes}
_SECTOR_OF_MAJOR = _WORDS["sector_of_major"]
#: How often each common job comes up, relative to the others; all other titles share ``_RARE_SHARE`` of adverts.
COMMON_TITLES: dict[str, int] = _WORDS["common_titles"]
_RARE_SHARE = 0.18
_INTROS = tuple(_WORDS["intros"])
_ABOUT_MORE = tuple(_WORDS["about_more"])
_EXTRAS = tuple(_WORDS["extras"])
_OFFERS = _bullets(_WORDS["offers"])
_PLACE_PARTS = tuple(_WORDS["place_parts"])
_PLACE_ENDINGS = tuple(_WORDS["place_endings"])
_SURNAMES = tuple(_WORDS["surnames"])
_EMAIL_NAMES = tuple(_WORDS["email_names"])
# Ofcom keeps these numbers for drama: never connected to anyone. A local one where there is one for the area.
_DRAMA_PHONES = {area: prefix for prefix, areas in _WORDS["drama_phones"].items() for area in areas}
_NATIONAL_PHONES = tuple(_WORDS["national_phones"])
_FULL_TIME_HOURS = tuple(_WORDS["full_time_hours"])
_PART_TIME_HOURS = tuple(_WORDS["part_time_hours"])
_CONTRACT_TEXT = _WORDS["contract_text"]
_PERIOD_TEXT = _WORDS["period_text"]


def _sector_of(code: str) -> str:
    return _SECTOR_OF_GROUP.get(code[:3]) or _SECTOR_OF_MAJOR.get(code[:1], "general")


def _with_article(phrase: str) -> str:
    first = phrase.split(" ")[0]
    if first.isupper():  # said letter by letter: "an HGV driver", "a CNC machinist"
        return ("an " if first[0] in "AEFHILMNORSX" else "a ") + phrase
    vowel = first[0].lower() in "aeiou" and not first.lower().startswith(("uni", "use", "usu", "eu", "one"))
    return ("an " if vowel else "a ") + phrase


def _in_sentence(title: str) -> str:
    first = title.split(" ")[0]
    if first.isupper() or first in ("English", "Welsh", "Scottish", "British", "French", "German", "Spanish"):
        return title
    return title[0].lower() + title[1:]


def _cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


class _Plan:
    """Everything worked out once per run, so each vacancy costs only a few random draws and lookups."""

    def __init__(self, rng: random.Random, places: Places, titles: list[tuple[str, str]], today: datetime.date):
        if not titles:
            raise ValueError("generate_vacancies needs at least one job title")
        self.titles = []
        common = [COMMON_TITLES.get(title.lower(), 0) for title, _ in titles]
        rare_count = sum(1 for weight in common if not weight) or 1
        rare_weight = (sum(common) * _RARE_SHARE / (1 - _RARE_SHARE) / rare_count) if sum(common) else 1.0
        for (title, code), weight in zip(titles, common):
            apprentice = "Apprentice " + _in_sentence(title)
            self.titles.append((title, code, _sector_of(code), _with_article(_in_sentence(title)),
                                apprentice, _with_article(_in_sentence(apprentice))))
        self.title_totals = _cumulative(weight or rare_weight for weight in common)
        towns = places.towns()
        if not towns:
            raise ValueError("generate_vacancies needs places with at least one town")
        self.towns = [(t.name, t.district, t.easting, t.northing, min(15000, 250 + 5 * math.sqrt(t.population)),
                       _DRAMA_PHONES.get(re.match(r"[A-Z]*", t.district)[0])) for t in towns]
        self.town_totals = _cumulative(max(t.population, 200) for t in towns)
        self.employers = {key: self._employers(rng, sector) for key, sector in SECTORS.items()}
        # Index 45 is today: adverts are posted up to 44 days before it and close up to 42 days after it.
        days = [today + datetime.timedelta(days=offset) for offset in range(-45, 61)]
        self.iso_days = [day.isoformat() for day in days]
        self.long_days = [f"{day.day} {day:%B %Y}" for day in days]

    @staticmethod
    def _employers(rng: random.Random, sector: _Sector):
        names: dict[str, str] = {}
        while len(names) < 250:
            word, surname, other = rng.choice(sector.words), rng.choice(_SURNAMES), rng.choice(_SURNAMES)
            place = rng.choice(_PLACE_PARTS) + rng.choice(_PLACE_ENDINGS)
            name = rng.choice((f"{surname} & {other} {word} Ltd", f"{place} {word}", f"{place} {word} Ltd",
                               f"{surname} {word}", f"{place} {word} Group"))
            if surname != other and not name.endswith("Group Group"):
                names.setdefault(name, "".join(re.findall(r"[a-z]+", name.lower().replace("ltd", ""))[:2]))
        return list(names.items()), _cumulative(1 / (rank + 1) ** 0.6 for rank in range(len(names)))


def generate_vacancies(count: int, seed: int, places: Places, titles: list[tuple[str, str]],
                       today: datetime.date) -> Iterator[dict]:
    """Yield ``count`` invented vacancies; the same arguments always give exactly the same ones.

    About 5 % closed before ``today`` (a search must hide them), about 8 % give no pay, about 30 % are from
    Disability Confident employers, and hourly pay is never below ``NATIONAL_LIVING_WAGE``.

    :param count: how many.
    :param seed: any int; different seeds give different vacancies.
    :param places: towns to put the jobs in, weighted by population (``kiosk.jobs.places.load_places()``).
    :param titles: (title, SOC code) pairs (``kiosk.jobs.job_titles.load_job_titles()``).
    :param today: adverts are posted in the 45 days up to this date.
    """
    rng = random.Random(seed)
    plan = _Plan(rng, places, titles, today)
    for number in range(1, count + 1):
        yield _vacancy(rng.random, plan, number)


def _pick(totals: list[float], draw: float) -> int:
    # The min() guards against float rounding putting draw * total on the last boundary.
    return min(bisect.bisect_right(totals, draw * totals[-1]), len(totals) - 1)


def _vacancy(r, plan: _Plan, number: int) -> dict:
    ident = f"demo-{number:06d}"
    title, code, sector_key, a_title, apprentice, a_apprentice = plan.titles[_pick(plan.title_totals, r())]
    sector = SECTORS[sector_key]
    town, district, easting, northing, radius, phone_prefix = plan.towns[_pick(plan.town_totals, r())]
    names, totals = plan.employers[sector_key]
    employer, slug = names[_pick(totals, r())]
    draw = r()
    contract = ("permanent" if draw < 0.72 else "temporary" if draw < 0.85 else "contract" if draw < 0.93
                else "apprenticeship")
    if contract == "apprenticeship":
        title, a_title = apprentice, a_apprentice
    part_time = r() < sector.part_time
    choices = _PART_TIME_HOURS if part_time else _FULL_TIME_HOURS
    hours = None if r() < 0.05 else choices[int(r() * len(choices))]
    workplace = "on_site"
    if sector.office:
        draw = r()
        workplace = "on_site" if draw < 0.55 else "hybrid" if draw < 0.88 else "remote"
    salary_min, salary_max, period = _pay(r, sector, part_time, hours)
    if r() < 0.05:  # already closed: posted at least two days ago, closed before today
        posted = 45 - 2 - int(r() * 43)
        closes = posted + 1 + int(r() * (44 - posted))
    else:
        posted = 45 - int(r() * 45)
        closes = max(45 + int(r() * 43), posted + 1)
    disability_confident = r() < 0.30
    url = f"https://example.org/jobs/{ident}" if r() < 0.75 else None
    phone = None
    if r() < 0.30:
        prefix = phone_prefix if phone_prefix and r() < 0.8 else _NATIONAL_PHONES[int(r() * len(_NATIONAL_PHONES))]
        phone = f"{prefix}{int(r() * 1000):03d}"
    email = f"{_EMAIL_NAMES[int(r() * len(_EMAIL_NAMES))]}@{slug}.example.com" if r() < 0.35 else None
    if not (url or phone or email):
        url = f"https://{slug}.example.org/careers/{ident}"
    terms = _terms(contract, part_time, hours, workplace, town)
    pay_line = _pay_line(salary_min, salary_max, period, part_time)
    apply_line = _apply_line(url, phone, email, plan.long_days[closes], disability_confident, r)
    intro = _INTROS[int(r() * len(_INTROS))].format(employer=employer, a_title=a_title, town=town) + " " + terms
    if r() < 0.06:  # a few employers write very little
        description = f"{intro}\n\n{pay_line}\n\n{apply_line}"
    else:
        start = int(r() * len(_EXTRAS))
        extras = (_EXTRAS[start:] + _EXTRAS[:start])[:int(r() * 4)]
        description = "\n\n".join((intro, _about(r, sector, town),
                                   _list(r, f"As {a_title}, you will:", sector.duties, 4),
                                   _list(r, "What we are looking for:", sector.needs, 3),
                                   _list(r, "What we offer:", _OFFERS, 4),
                                   *(extra.format(town=town) for extra in extras), pay_line, apply_line))
    return {"id": ident, "version": 1, "title": title, "employer": employer, "description": description,
            "town": town, "postcode_district": district, "easting": int(easting + (2 * r() - 1) * radius),
            "northing": int(northing + (2 * r() - 1) * radius), "salary_min": salary_min, "salary_max": salary_max,
            "salary_period": period, "working_pattern": "part_time" if part_time else "full_time",
            "hours_per_week": hours, "contract": contract, "workplace": workplace, "posted": plan.iso_days[posted],
            "closes": plan.iso_days[closes], "disability_confident": disability_confident, "apply_url": url,
            "apply_phone": phone, "apply_email": email, "occupation_code": code}


def _pay(r, sector: _Sector, part_time: bool, hours: float | None) -> tuple[float | None, float | None, str | None]:
    low, high = sector.pay
    rate = max(NATIONAL_LIVING_WAGE, low + (high - low) * r() ** 1.6)  # most jobs near the bottom of the range
    single = r() < 0.3
    if r() < 0.08:
        return None, None, None
    if r() < sector.hourly or (part_time and hours is None):
        pounds = NATIONAL_LIVING_WAGE if rate < NATIONAL_LIVING_WAGE + 0.1 else math.ceil(rate * 20) / 20
        return round(pounds, 2), round(pounds + (0 if single else (0.25, 0.5, 1.0, 1.5, 2.0)[int(r() * 5)]), 2), "hour"
    draw = r()
    if draw < 0.05 and hours:
        pounds = math.ceil(rate * hours)
        return float(pounds), float(pounds + (0 if single else (10, 20, 25, 50)[int(r() * 4)])), "week"
    # Yearly and monthly pay for part-time jobs is quoted for full time ("pro rata"), so 37.5 hours.
    annual = rate * (40 if hours is None else 37.5 if part_time else hours) * WEEKS_PER_YEAR
    if draw < 0.10:
        pounds = math.ceil(annual / 12 / 50) * 50
        return float(pounds), float(pounds + (0 if single else (100, 150, 200, 300)[int(r() * 4)])), "month"
    pounds = math.ceil(annual / 500) * 500
    return float(pounds), float(pounds + (0 if single else (1000, 1500, 2000, 3000, 5000)[int(r() * 5)])), "year"


def _terms(contract: str, part_time: bool, hours: float | None, workplace: str, town: str) -> str:
    pattern = "part-time" if part_time else "full-time"
    amount = f" of {hours:g} hours a week" if hours else ", with hours that vary from week to week"
    text = f"This is {_CONTRACT_TEXT[contract]}, {pattern} job{amount}."
    if contract == "apprenticeship":
        text += (" You will earn while you learn, spending at least a fifth of your time training for a"
                 " recognised qualification.")
    if workplace == "hybrid":
        text += f" It is a hybrid role: part of the week at our {town} office and the rest at home."
    elif workplace == "remote":
        text += " You will work from home, with an occasional visit to our office."
    return text


def _about(r, sector: _Sector, town: str) -> str:
    more = _ABOUT_MORE[int(r() * len(_ABOUT_MORE))].format(staff=(25, 40, 60, 120, 350, 900)[int(r() * 6)],
                                            years=(10, 15, 20, 30, 50)[int(r() * 5)])
    return f"About us\n{sector.about.format(town=town)} {more}"


def _list(r, heading: str, items: tuple[str, ...], at_least: int) -> str:
    # A random run of consecutive items (wrapping round) is as varied as a sample and much cheaper.
    count = min(len(items), at_least + int(r() * 4))
    start = int(r() * len(items))
    chosen = (items[start:] + items[:start])[:count]
    return heading + "\n" + "\n".join(chosen)


def _pay_line(low: float | None, high: float | None, period: str | None, part_time: bool) -> str:
    if period is None:
        return "Pay: competitive, depending on experience. We will discuss it with you at interview."
    money = (lambda x: f"£{x:,.2f}") if period == "hour" else (lambda x: f"£{x:,.0f}")
    amount = money(low) if low == high else f"{money(low)} to {money(high)}"
    pro_rata = " (pro rata)" if part_time and period in ("month", "year") else ""
    return f"Pay: {amount} {_PERIOD_TEXT[period]}{pro_rata}."


def _apply_line(url: str | None, phone: str | None, email: str | None, closes: str, confident: bool, r) -> str:
    ways = [text for text in (url and f"visit {url}", phone and f"call our recruitment team on {phone}",
                              email and f"email your CV to {email}") if text]
    text = f"How to apply\nTo apply, {', or '.join(ways)}. The closing date is {closes}."
    if r() < 0.5:
        text += " We may close the advert early if we receive a lot of applications."
    if confident:
        text += (" We are a Disability Confident employer: if you have a disability and meet the essential"
                 " requirements for this job, we will offer you an interview.")
    return text + " We welcome applications from everyone and will make reasonable adjustments at any stage."

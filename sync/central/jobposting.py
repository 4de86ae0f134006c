"""schema.org JobPosting to and from the kiosk's vacancy shape (``kiosk.jobs.vacancies.FIELDS``).

    raw = from_job_posting(posting, places)        # then kiosk.jobs.vacancies.check_vacancy(raw)
    posting = to_job_posting(vacancy)              # what ``kiosk-central demo-feed`` writes

The mapping (docs/central-service.md has it as a table):

- ``identifier`` (text, or a PropertyValue's ``value``) → ``id``; ``title`` → ``title``;
  ``hiringOrganization.name`` → ``employer``; ``description`` (HTML or text, its first ``MAX_DESCRIPTION_CHARS``)
  → plain-text ``description``;
- ``jobLocation`` (the first, if a list): ``address.addressLocality`` → ``town``, ``address.postalCode`` →
  ``postcode_district`` (its outward code), ``geo.latitude``/``longitude`` → ``easting``/``northing``
  (``sync.central.geo``); with no ``geo``, the postcode district's centre from ``kiosk.jobs.places``;
- ``baseSalary`` (MonetaryAmount in GBP): ``value.minValue``/``maxValue`` (or ``value.value``) →
  ``salary_min``/``salary_max``, ``value.unitText`` HOUR/WEEK/MONTH/YEAR → ``salary_period``;
- ``employmentType``: PART_TIME → part-time, otherwise full-time (or by hours when neither is given);
  TEMPORARY, PER_DIEM, SEASONAL, INTERN → temporary, CONTRACTOR → contract, anything else → permanent;
  VOLUNTEER is refused (not a paid job);
- ``jobLocationType`` TELECOMMUTE → remote; ``workHours`` ("37.5 hours a week") → ``hours_per_week``;
- ``datePosted`` → ``posted``, ``validThrough`` → ``closes`` (dates in the years 2020 to 2100; a time part is
  dropped);
- ``url`` → ``apply_url``; ``applicationContact.telephone``/``email`` → ``apply_phone``/``apply_email``;
- ``occupationalCategory`` (a SOC code, or a CategoryCode's ``codeValue``) → ``occupation_code``;
- the ``jobpoint`` object, for what schema.org has no word for: ``hoursPerWeek``, ``contract`` (permanent,
  temporary, contract, apprenticeship), ``workplace`` (on_site, hybrid, remote), ``disabilityConfident``.
  These win over the values worked out above.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from typing import Any

from kiosk.jobs.vacancies import CONTRACTS, WORKPLACES
from sync.central.clock import EARLIEST, LATEST
from sync.central.geo import bng_to_wgs84, in_great_britain, wgs84_to_bng
from sync.central.html_text import html_to_text

UNITS = {"HOUR": "hour", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
_TEMPORARY = {"TEMPORARY", "PER_DIEM", "SEASONAL", "INTERN"}
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$")
_NUMBER = re.compile(r"\d+(\.\d+)?")
#: The longest description read; more is cut before its HTML is parsed (the kiosk keeps 20,000 characters of text).
MAX_DESCRIPTION_CHARS = 200_000
#: The longest identifier a vacancy may have (``kiosk.jobs.vacancies.check_vacancy`` allows 64).
MAX_ID_CHARS = 64


class BadPosting(ValueError):
    """A JobPosting that cannot become a vacancy; the message names the JobPosting field."""


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _object(value: Any, field: str) -> dict:
    value = _first(value)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadPosting(f"{field} must be an object")
    return value


def _number(value: Any, field: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = float(value[:40].replace(",", ""))
        except ValueError:
            raise BadPosting(f"{field} must be a number") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise BadPosting(f"{field} must be a number")
    return value


def _date(value: Any, field: str) -> str | None:
    if value is None or value == "":
        return None
    wrong = BadPosting(f"{field} must be a date like 2026-11-22, in the years {EARLIEST.year} to {LATEST.year}")
    if not isinstance(value, str) or len(value) > 40:
        raise wrong
    try:
        day = (dt.date.fromisoformat(value) if len(value) == 10 else
               dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date())
    except ValueError:
        raise wrong from None
    if not EARLIEST.date() <= day <= LATEST.date():  # year 1 or 9999 is a broken feed, not a vacancy
        raise wrong
    return day.isoformat()


def _identifier(posting: dict) -> str:
    ident = _first(posting.get("identifier"))
    if isinstance(ident, dict):
        ident = ident.get("value")
    if isinstance(ident, (int, float)) and not isinstance(ident, bool):
        ident = str(ident)
    if not isinstance(ident, str) or not ident.strip():
        raise BadPosting("identifier is missing")
    return ident.strip()


def posting_id(posting: Any) -> str | None:
    """The posting's identifier if one can be read, else None (so a refused record is still known to be listed).

    :param posting: a parsed JSON line.
    """
    try:
        ident = _identifier(posting) if isinstance(posting, dict) else None
    except BadPosting:
        return None
    # A longer one can never be stored, so it cannot be listed either; and the set of listed ids stays small.
    return ident if ident is not None and len(ident) <= MAX_ID_CHARS else None


def _salary(posting: dict) -> tuple[float | None, float | None, str | None]:
    salary = _object(posting.get("baseSalary"), "baseSalary")
    if not salary:
        return None, None, None
    currency = salary.get("currency")
    if currency not in (None, "GBP"):
        raise BadPosting(f"baseSalary.currency must be GBP, not {str(currency)[:10]}")
    value = salary.get("value")
    if not isinstance(value, dict):
        amount = _number(value, "baseSalary.value")
        value = {"value": amount, "unitText": salary.get("unitText")}
    low = _number(value.get("minValue"), "baseSalary.value.minValue")
    high = _number(value.get("maxValue"), "baseSalary.value.maxValue")
    single = _number(value.get("value"), "baseSalary.value.value")
    if low is None and high is None:
        low = high = single
    if low is None and high is None:
        return None, None, None
    unit = str(value.get("unitText") or "").upper()
    if unit not in UNITS:
        raise BadPosting(f"baseSalary.value.unitText must be HOUR, WEEK, MONTH or YEAR, not {unit[:10] or 'missing'}")
    return low, high, UNITS[unit]


def _place(posting: dict, places) -> tuple[str, str, int | None, int | None]:
    location = _object(posting.get("jobLocation"), "jobLocation")
    address = _object(location.get("address"), "jobLocation.address")
    town = address.get("addressLocality") or ""
    postcode = str(address.get("postalCode") or "").upper().replace(" ", "")
    district = ""
    if postcode:
        match = _POSTCODE.match(postcode)
        if not match:
            raise BadPosting("jobLocation.address.postalCode is not a UK postcode")
        district = match.group(1)
    geo = _object(location.get("geo"), "jobLocation.geo")
    latitude = _number(geo.get("latitude"), "jobLocation.geo.latitude")
    longitude = _number(geo.get("longitude"), "jobLocation.geo.longitude")
    if latitude is not None and longitude is not None:
        if not in_great_britain(latitude, longitude):
            raise BadPosting("jobLocation.geo is not in Great Britain")
        easting, northing = wgs84_to_bng(latitude, longitude)
        return town, district, easting, northing
    if district and places is not None:
        centre = places.district(district)
        if centre is not None:
            return town, district, centre.easting, centre.northing
    return town, district, None, None


def _hours(posting: dict, extra: dict) -> float | None:
    if extra.get("hoursPerWeek") is not None:
        return _number(extra["hoursPerWeek"], "jobpoint.hoursPerWeek")
    text = posting.get("workHours")
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    if isinstance(text, str) and "hour" in text.lower():
        match = _NUMBER.search(text)
        return float(match.group()) if match else None
    return None


def _occupation(value: Any) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("codeValue")
    if isinstance(value, float) and math.isfinite(value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10_000:
        value = str(value)
    if not isinstance(value, str):
        return ""  # NaN, Infinity, a huge number, an object: no SOC code
    match = re.match(r"\s*(\d{1,4})\b", value[:40])
    return match.group(1) if match else ""


def from_job_posting(posting: Any, places=None) -> dict:
    """A JobPosting as a raw vacancy record, ready for ``kiosk.jobs.vacancies.check_vacancy``.

    :param posting: one parsed JSON object.
    :param places: ``kiosk.jobs.places.Places`` for postcode-district positions, or None.
    :raises BadPosting: naming the JobPosting field that is wrong.
    """
    if not isinstance(posting, dict):
        raise BadPosting("the line is not a JSON object")
    kind = posting.get("@type")
    if kind is not None and kind != "JobPosting":
        raise BadPosting(f"@type must be JobPosting, not {str(kind)[:30]}")
    ident = _identifier(posting)
    extra = _object(posting.get("jobpoint"), "jobpoint")
    types = posting.get("employmentType") or []
    types = {t.upper() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
    if "VOLUNTEER" in types:
        raise BadPosting("employmentType VOLUNTEER is not a paid job")
    hours = _hours(posting, extra)
    if "PART_TIME" in types:
        pattern = "part_time"
    elif "FULL_TIME" in types or hours is None:
        pattern = "full_time"
    else:
        pattern = "part_time" if hours < 30 else "full_time"
    contract = extra.get("contract") or ("contract" if "CONTRACTOR" in types else
                                         "temporary" if types & _TEMPORARY else "permanent")
    if contract not in CONTRACTS:
        raise BadPosting(f"jobpoint.contract must be one of {', '.join(CONTRACTS)}")
    workplace = extra.get("workplace") or ("remote" if posting.get("jobLocationType") == "TELECOMMUTE" else "on_site")
    if workplace not in WORKPLACES:
        raise BadPosting(f"jobpoint.workplace must be one of {', '.join(WORKPLACES)}")
    description = posting.get("description")
    if not isinstance(description, str):
        raise BadPosting("description is missing")
    description = description[:MAX_DESCRIPTION_CHARS]  # cut before parsing: parsing costs time per character
    organisation = _first(posting.get("hiringOrganization"))
    employer = organisation.get("name") if isinstance(organisation, dict) else organisation
    low, high, period = _salary(posting)
    town, district, easting, northing = _place(posting, places)
    contact = _object(posting.get("applicationContact"), "applicationContact")
    email = contact.get("email")
    if isinstance(email, str):
        email = email.removeprefix("mailto:")
    posted = _date(posting.get("datePosted"), "datePosted")
    closes = _date(posting.get("validThrough"), "validThrough")
    if posted is None:
        raise BadPosting("datePosted is missing")
    if closes is None:
        raise BadPosting("validThrough is missing")
    return {
        "id": ident, "version": 1, "title": posting.get("title"), "employer": employer,
        "description": html_to_text(description), "town": town, "postcode_district": district,
        "easting": easting, "northing": northing, "salary_min": low, "salary_max": high, "salary_period": period,
        "working_pattern": pattern, "hours_per_week": hours, "contract": contract, "workplace": workplace,
        "posted": posted, "closes": closes, "disability_confident": bool(extra.get("disabilityConfident")),
        "apply_url": posting.get("url") or None, "apply_phone": contact.get("telephone") or None,
        "apply_email": email or None, "occupation_code": _occupation(posting.get("occupationalCategory")),
    }


def _description_html(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join("<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs)


def to_job_posting(vacancy: dict) -> dict:
    """A vacancy (the kiosk's shape) as a schema.org JobPosting that ``from_job_posting`` reads back.

    :param vacancy: a vacancy with the keys of ``kiosk.jobs.vacancies.FIELDS``.
    """
    types = ["PART_TIME" if vacancy["working_pattern"] == "part_time" else "FULL_TIME"]
    types += {"temporary": ["TEMPORARY"], "contract": ["CONTRACTOR"]}.get(vacancy["contract"], [])
    location: dict = {"@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": "GB",
                                                    "addressLocality": vacancy["town"],
                                                    "postalCode": vacancy["postcode_district"]}}
    if vacancy["easting"] is not None:
        latitude, longitude = bng_to_wgs84(vacancy["easting"], vacancy["northing"])
        location["geo"] = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
    posting = {
        "@context": "https://schema.org", "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": "Jobpoint demo", "value": vacancy["id"]},
        "title": vacancy["title"], "description": _description_html(vacancy["description"]),
        "hiringOrganization": {"@type": "Organization", "name": vacancy["employer"]},
        "jobLocation": location, "employmentType": types, "datePosted": vacancy["posted"],
        "validThrough": vacancy["closes"], "occupationalCategory": vacancy["occupation_code"],
        "jobpoint": {"contract": vacancy["contract"], "workplace": vacancy["workplace"],
                     "disabilityConfident": vacancy["disability_confident"]},
    }
    if vacancy["workplace"] == "remote":
        posting["jobLocationType"] = "TELECOMMUTE"
    if vacancy["hours_per_week"] is not None:
        posting["workHours"] = f"{vacancy['hours_per_week']:g} hours a week"
        posting["jobpoint"]["hoursPerWeek"] = vacancy["hours_per_week"]
    if vacancy["salary_period"] is not None:
        unit = {v: k for k, v in UNITS.items()}[vacancy["salary_period"]]
        posting["baseSalary"] = {"@type": "MonetaryAmount", "currency": "GBP", "value": {
            "@type": "QuantitativeValue", "minValue": vacancy["salary_min"], "maxValue": vacancy["salary_max"],
            "unitText": unit}}
    if vacancy["apply_url"]:
        posting["url"] = vacancy["apply_url"]
        posting["directApply"] = True
    contact = {key: vacancy[field] for key, field in (("telephone", "apply_phone"), ("email", "apply_email"))
               if vacancy[field]}
    if contact:
        posting["applicationContact"] = {"@type": "ContactPoint", **contact}
    return posting

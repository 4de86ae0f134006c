"""schema.org JobPosting to and from the kiosk's vacancy shape (``kiosk.jobs.vacancies.FIELDS``).

    raw = from_job_posting(posting, places)        # then kiosk.jobs.vacancies.check_vacancy(raw)
    posting = to_job_posting(vacancy)              # what ``kiosk-central demo-feed`` writes

Every shape schema.org and Google's job-posting documentation allow is read (ADR 051; docs/central-service.md has
the mapping as a table): ``identifier`` as text or PropertyValue, or none (then the page's address, or a digest
of what the posting says); ``@type`` as text or a list; ``employmentType`` as Google's words or schema.org's free
text, one or a list; ``baseSalary`` as a Number, MonetaryAmount or PriceSpecification (``sync.central.posting_pay``);
``jobLocation`` as one Place or many, or none for a remote job with ``applicantLocationRequirements``
(``sync.central.posting_place``); ``url``, ``mainEntityOfPage``, the page it came from or the employer's site as
the way to apply; no ``validThrough`` means open 30 days from ``datePosted``. The ``jobpoint`` object carries what
schema.org has no word for (``hoursPerWeek``, ``contract``, ``workplace``, ``disabilityConfident``); these win.

A posting is refused only for a rule in ``RULES``: what a person in Great Britain cannot use (a job abroad, unpaid,
with no way to apply, already closed) or what cannot be read at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import math
import re
from typing import Any

from kiosk.jobs.vacancies import CONTRACTS, WORKPLACES
from sync.central.clock import EARLIEST, LATEST
from sync.central.geo import bng_to_wgs84
from sync.central.html_text import html_to_text
from sync.central.posting_pay import posting_pay
from sync.central.posting_place import NotInGreatBritain, posting_place

#: How long a posting with no ``validThrough`` stays open after ``datePosted`` (as most UK job boards do).
OPEN_DAYS_WITHOUT_VALID_THROUGH = 30
_TEMPORARY = {"TEMPORARY", "PER_DIEM", "SEASONAL", "INTERN"}
_NUMBER = re.compile(r"\d+(\.\d+)?")
#: The longest description read; more is cut before its HTML is parsed (the kiosk keeps 20,000 characters of text).
MAX_DESCRIPTION_CHARS = 200_000
#: The longest identifier a vacancy may have (``kiosk.jobs.vacancies.check_vacancy`` allows 64).
MAX_ID_CHARS = 64


#: The rules a posting is refused by (docs/central-service.md lists them): only what a person in Great Britain
#: cannot use, or what cannot be read at all.
RULES = ("unreadable", "not-a-job-posting", "missing-field", "outside-great-britain", "not-paid", "no-way-to-apply",
         "bad-value", "duplicate")


class BadPosting(ValueError):
    """A JobPosting that cannot become a vacancy; the message names the JobPosting field, ``rule`` the rule."""

    def __init__(self, message: str, rule: str = "bad-value") -> None:
        super().__init__(message)
        self.rule = rule

    def __reduce__(self):
        # Sent between ingest worker processes whole: by default only the message would be pickled, not the rule.
        return BadPosting, (str(self), self.rule)


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


def _web_address(value: Any) -> str | None:
    # A URL as text, or an object's "@id" / "url" (mainEntityOfPage is often {"@type": "WebPage", "@id": ...}).
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if isinstance(value, str) and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()[:500]
    return None


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8", "replace")).hexdigest()[:32]


def _identifier(posting: dict, page_url: str | None = None) -> str:
    ident = _first(posting.get("identifier"))
    if isinstance(ident, dict):
        ident = ident.get("value")
    if isinstance(ident, (int, float)) and not isinstance(ident, bool):
        ident = str(ident)
    if isinstance(ident, str) and ident.strip():
        return ident.strip()
    # schema.org's own examples have no identifier: the job's page names it, else what it says (stable across
    # ingests of the same posting, so an unchanged job stays unchanged in the feed).
    organisation = _first(posting.get("hiringOrganization"))
    employer = organisation.get("name") if isinstance(organisation, dict) else organisation
    page = _web_address(posting.get("url")) or page_url or _web_address(posting.get("@id"))
    if page:  # with its title and employer: a listing page may carry several postings
        return "url-" + _digest(page, posting.get("title"), employer)
    return "doc-" + _digest(posting.get("title"), employer, posting.get("datePosted"), posting.get("jobLocation"))


def posting_id(posting: Any, page_url: str | None = None) -> str | None:
    """The posting's identifier if one can be read, else None (so a refused record is still known to be listed).

    :param posting: a parsed JSON line.
    :param page_url: the page the posting came from, if it came from one.
    """
    try:
        ident = _identifier(posting, page_url) if isinstance(posting, dict) else None
    except (BadPosting, TypeError, ValueError):
        return None
    # A longer one can never be stored, so it cannot be listed either; and the set of listed ids stays small.
    return ident if ident is not None and len(ident) <= MAX_ID_CHARS else None


def _apply_url(posting: dict, page_url: str | None) -> str | None:
    # The posting's own url, the page it is the main thing on, the page it came from; last, the employer's own
    # site (Google's examples give only that): on the web, the page carrying the posting is the way to apply.
    organisation = _first(posting.get("hiringOrganization"))
    employer_site = (_web_address(organisation.get("url")) or _web_address(organisation.get("sameAs"))
                     if isinstance(organisation, dict) else None)
    return (_web_address(posting.get("url")) or _web_address(posting.get("mainEntityOfPage")) or page_url
            or _web_address(posting.get("@id")) or employer_site)


def _employment_types(value: Any) -> set[str]:
    # Google's enumeration (FULL_TIME), or schema.org's free text ("Full-time", "full time, permanent").
    texts = value if isinstance(value, list) else [value]
    words = set()
    for text in texts:
        if isinstance(text, str):
            for part in re.split(r"[,;/]", text[:200]):
                words.add(re.sub(r"[\s-]+", "_", part.strip()).upper())
    return words - {""}


def _is_job_posting(kind: Any) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting" for k in kinds)


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


def from_job_posting(posting: Any, places=None, page_url: str | None = None) -> dict:
    """A JobPosting as a raw vacancy record, ready for ``kiosk.jobs.vacancies.check_vacancy``.

    :param posting: one parsed JSON object.
    :param places: ``kiosk.jobs.places.Places`` for positions from postcode districts and towns, or None.
    :param page_url: the web page the posting was read from, if any: the way to apply when it gives no ``url``.
    :raises BadPosting: naming the JobPosting field that is wrong, and the rule (``RULES``) it breaks.
    """
    if not isinstance(posting, dict):
        raise BadPosting("the line is not a JSON object", "unreadable")
    kind = posting.get("@type")
    if kind is not None and not _is_job_posting(kind):
        raise BadPosting(f"@type must be JobPosting, not {str(kind)[:30]}", "not-a-job-posting")
    ident = _identifier(posting, page_url)
    extra = _object(posting.get("jobpoint"), "jobpoint")
    types = _employment_types(posting.get("employmentType"))
    if "VOLUNTEER" in types:
        raise BadPosting("employmentType VOLUNTEER is not a paid job", "not-paid")
    pay = posting_pay(posting)
    try:  # where before anything else: a job abroad is refused for that, not for a detail of its pay
        where = posting_place(posting, pay.currency if pay else None, places)
    except NotInGreatBritain as error:
        raise BadPosting(str(error), error.rule) from None
    if pay is not None and pay.currency not in (None, "GBP"):
        pay = None  # a job in Great Britain with pay in euros: shown as "pay not given", never converted
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
    workplace = extra.get("workplace") or ("remote" if where.remote else "on_site")
    if workplace not in WORKPLACES:
        raise BadPosting(f"jobpoint.workplace must be one of {', '.join(WORKPLACES)}")
    description = posting.get("description")
    if not isinstance(description, str) or not description.strip():
        raise BadPosting("description is missing", "missing-field")
    description = description[:MAX_DESCRIPTION_CHARS]  # cut before parsing: parsing costs time per character
    organisation = _first(posting.get("hiringOrganization"))
    employer = organisation.get("name") if isinstance(organisation, dict) else organisation
    contact = _object(posting.get("applicationContact"), "applicationContact")
    email = contact.get("email")
    if isinstance(email, str):
        email = email.removeprefix("mailto:")
    posted = _date(posting.get("datePosted"), "datePosted")
    if posted is None:
        raise BadPosting("datePosted is missing", "missing-field")
    closes = _date(posting.get("validThrough"), "validThrough")
    if closes is None:  # optional in schema.org and Google's documentation: open for the usual 30 days
        closes = (dt.date.fromisoformat(posted) + dt.timedelta(days=OPEN_DAYS_WITHOUT_VALID_THROUGH)).isoformat()
    return {
        "id": ident, "version": 1, "title": posting.get("title"), "employer": employer,
        "description": html_to_text(description), "town": where.town, "postcode_district": where.district,
        "easting": where.easting, "northing": where.northing,
        "salary_min": pay.low if pay else None, "salary_max": pay.high if pay else None,
        "salary_period": pay.period if pay else None,
        "working_pattern": pattern, "hours_per_week": hours, "contract": contract, "workplace": workplace,
        "posted": posted, "closes": closes, "disability_confident": bool(extra.get("disabilityConfident")),
        "apply_url": _apply_url(posting, page_url), "apply_phone": contact.get("telephone") or None,
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
        unit = vacancy["salary_period"].upper()  # Google's unitText: HOUR, WEEK, MONTH, YEAR
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

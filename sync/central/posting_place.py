"""Where a JobPosting's job is, and whether a person in Great Britain can do it.

    where = posting_place(posting, pay_currency, places)    # Where(town, district, easting, northing, remote)

``jobLocation`` may be one Place or a list (the first in Great Britain is used); a remote job
(``jobLocationType`` TELECOMMUTE) may have no ``jobLocation`` at all and say who may apply in
``applicantLocationRequirements`` (a Country, State or AdministrativeArea, or a list of them). The job is refused
(rule ``outside-great-britain``) only when the posting itself says it is elsewhere:

- every ``addressCountry`` it gives is another country (``US``, ``France``); the UK's own names and codes pass
  (Northern Ireland's jobs are on NI's own service, but its addresses pass here and its positions are refused by
  ``geo``, as before);
- a remote job whose ``applicantLocationRequirements`` name only other countries;
- a ``postalCode`` that is not a UK postcode, or ``geo`` outside Great Britain;
- no country, postcode or position at all, and pay in another currency (schema.org's own first example: a town
  "Kirkland", region "WA", pay in USD).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sync.central.geo import in_great_britain, wgs84_to_bng

#: Names and codes of the United Kingdom and its nations, as postings write them (compared in upper case).
UK_NAMES = {"GB", "GBR", "UK", "UNITED KINGDOM", "GREAT BRITAIN", "BRITAIN", "ENGLAND", "SCOTLAND", "WALES",
            "CYMRU", "NORTHERN IRELAND", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND"}
OUTSIDE_GB = "outside-great-britain"
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$")


class NotInGreatBritain(ValueError):
    """The posting says its job is somewhere a person in Great Britain cannot work from."""

    rule = OUTSIDE_GB


@dataclass(frozen=True)
class Where:
    """The kiosk's place fields for a job, and whether it is remote."""

    town: str
    district: str
    easting: int | None
    northing: int | None
    remote: bool


def _list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _country(value: Any) -> str | None:
    # addressCountry is text ("GB", "United Kingdom") or a Country object with a name.
    if isinstance(value, dict):
        value = value.get("name") or value.get("identifier")
    return value.strip().upper()[:60] if isinstance(value, str) and value.strip() else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value[:40])
        except ValueError:
            return None
    return None


def _place_of(location: dict, places) -> tuple[str, str, int | None, int | None]:
    address = location.get("address")
    address = address[0] if isinstance(address, list) and address else address
    address = address if isinstance(address, dict) else {}
    town = address.get("addressLocality")
    town = town if isinstance(town, str) else ""
    postcode = address.get("postalCode")
    postcode = postcode.upper().replace(" ", "")[:10] if isinstance(postcode, str) else ""
    district = ""
    if postcode:
        match = _POSTCODE.match(postcode)
        if not match:
            raise NotInGreatBritain(f"jobLocation.address.postalCode {postcode[:10]} is not a UK postcode")
        district = match.group(1)
    geo = location.get("geo")
    geo = geo if isinstance(geo, dict) else {}
    latitude, longitude = _number(geo.get("latitude")), _number(geo.get("longitude"))
    if latitude is not None and longitude is not None:
        if not in_great_britain(latitude, longitude):
            raise NotInGreatBritain("jobLocation.geo is not in Great Britain")
        easting, northing = wgs84_to_bng(latitude, longitude)
        return town, district, easting, northing
    if district and places is not None:
        centre = places.district(district)
        if centre is not None:
            return town, district, centre.easting, centre.northing
    if town and places is not None and not district:
        found = places.resolve(town[:100])  # a known GB town: its position and district, so "near me" finds it
        if found is not None:
            return town, found.district, found.easting, found.northing
    return town, district, None, None


def _says_where(location: dict) -> bool:
    address = location.get("address")
    address = address[0] if isinstance(address, list) and address else address
    return bool((isinstance(address, dict) and (address.get("postalCode") or _country(address.get("addressCountry"))))
                or isinstance(location.get("geo"), dict))


def posting_place(posting: dict, pay_currency: str | None, places=None) -> Where:
    """Where the job is, from ``jobLocation``, ``jobLocationType`` and ``applicantLocationRequirements``.

    :param posting: a JobPosting object.
    :param pay_currency: the pay's currency if the posting states one (``posting_pay``).
    :param places: ``kiosk.jobs.places.Places`` for positions from postcode districts and towns, or None.
    :raises NotInGreatBritain: naming what says the job is elsewhere.
    """
    remote = str(posting.get("jobLocationType") or "").strip().upper() == "TELECOMMUTE"
    locations = [loc for loc in _list(posting.get("jobLocation")) if isinstance(loc, dict)]
    abroad: list[str] = []
    chosen = None
    for location in locations:
        address = location.get("address")
        address = address[0] if isinstance(address, list) and address else address
        country = _country(address.get("addressCountry")) if isinstance(address, dict) else None
        if country is not None and country not in UK_NAMES:
            abroad.append(country)
            continue
        chosen = location
        break
    if remote:
        allowed = [_country(area) for area in _list(posting.get("applicantLocationRequirements"))]
        allowed = [name for name in allowed if name]
        if allowed and not set(allowed) & UK_NAMES:
            raise NotInGreatBritain(f"a remote job for people in {', '.join(allowed)[:60]}, not in Great Britain")
        if chosen is None:  # remote for the UK, with no office in Great Britain (or none given)
            return Where("", "", None, None, True)
    if chosen is None and abroad:
        raise NotInGreatBritain(f"the job is in {abroad[0][:30]}, not in Great Britain")
    if chosen is None:
        chosen = {}
    if not _says_where(chosen) and pay_currency not in (None, "GBP"):
        raise NotInGreatBritain(f"the pay is in {pay_currency}, and nothing says the job is in Great Britain")
    return Where(*_place_of(chosen, places), remote)

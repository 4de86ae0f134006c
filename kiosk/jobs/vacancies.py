"""Vacancy records: what a vacancy holds, how a record from a feed is checked, and the tags search uses.

    >>> vacancy = check_vacancy({"id": "v1", "version": 1, "title": "Cleaner", "employer": "Acme",
    ...     "description": "Cleaning offices.", "town": "Leeds", "postcode_district": "LS1",
    ...     "easting": 430000, "northing": 433000, "salary_min": 12.71, "salary_max": 13.5,
    ...     "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20,
    ...     "contract": "permanent", "workplace": "on_site", "posted": "2026-11-01", "closes": "2026-12-01",
    ...     "disability_confident": True, "apply_url": "https://example.org/1", "apply_phone": None,
    ...     "apply_email": None, "occupation_code": "9233"})
    >>> vacancy["pay_annual"], vacancy["hours_band"]
    (14040, 1)

The fields follow schema.org JobPosting. A record that cannot be shown safely is refused with a ``BadVacancy``
whose reason names the field; text is kept as plain text (never markup) with control characters removed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

CONTRACTS = ("permanent", "temporary", "contract", "apprenticeship")
WORKPLACES = ("on_site", "hybrid", "remote")
WORKING_PATTERNS = ("full_time", "part_time")
SALARY_PERIODS = {"hour": None, "week": 52, "month": 12, "year": 1}
#: Hours bands as Jobcentres use them: under 16, 16 to 29, 30 or more (they matter for benefits).
HOURS_BANDS = ("under_16", "16_29", "30_plus")
#: Minimum-pay choices, as a yearly equivalent in pounds.
PAY_STEPS = (15_000, 20_000, 25_000, 30_000, 40_000)
#: Longest description kept; longer ones are cut at a paragraph and marked, never refused.
MAX_DESCRIPTION = 20_000
#: Size of the grid squares used to narrow a place search, in metres.
GRID_METRES = 10_000
#: The British National Grid's extent, metres: every vacancy's place lies in it (checked when it is read).
GRID_EAST_MAX, GRID_NORTH_MAX = 700_000, 1_300_000
#: Squares across and up, counting the one a point on the far edge falls in.
GRID_COLUMNS, GRID_ROWS = GRID_EAST_MAX // GRID_METRES + 1, GRID_NORTH_MAX // GRID_METRES + 1
#: Width of the pay bands used to sort by pay, as a yearly amount; the top band holds everything above.
PAY_BAND = 2_500
TOP_PAY_BAND = 60

FIELDS = ("id", "version", "title", "employer", "description", "town", "postcode_district", "easting", "northing",
          "salary_min", "salary_max", "salary_period", "working_pattern", "hours_per_week", "contract", "workplace",
          "posted", "closes", "disability_confident", "apply_url", "apply_phone", "apply_email", "occupation_code")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_RETURNS = re.compile(r"\r\n?")
_BLANK_LINES = re.compile(r"\n{3,}")


class BadVacancy(ValueError):
    """A record that cannot be stored; the message says which field and why (never the record's text)."""


def plain_text(value: Any, field: str, required: bool = True, limit: int = 300) -> str:
    """Text as it will be shown: Unicode-normalised, no control or direction-override characters, trimmed.

    :param value: what the feed sent.
    :param field: its name, for the message.
    :param required: refuse an empty value.
    :param limit: the longest value accepted.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadVacancy(f"{field} is not text")
    text = unicodedata.normalize("NFC", value)
    # Every character _CONTROL removes is unprintable, and isprintable() is a quick check: most fields skip the regex.
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    text = text.strip()
    if required and not text:
        raise BadVacancy(f"{field} is missing")
    if len(text) > limit:
        raise BadVacancy(f"{field} is longer than {limit} characters")
    return text


def _description(value: Any) -> str:
    text = plain_text(value, "description", limit=10**7)
    # The substring checks are far quicker than a regex scan of a long advert that has nothing to change.
    if "\r" in text:
        text = _RETURNS.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    if len(text) > MAX_DESCRIPTION:
        cut = text.rfind("\n\n", 0, MAX_DESCRIPTION)
        text = text[: cut if cut > MAX_DESCRIPTION // 2 else MAX_DESCRIPTION].rstrip() + "\n\n[…]"
    return text


def _choice(value: Any, field: str, choices) -> str:
    if value not in choices:
        raise BadVacancy(f"{field} must be one of {', '.join(choices)}")
    return value


def _number(value: Any, field: str, low: float, high: float, required: bool = False) -> float | None:
    if value is None:
        if required:
            raise BadVacancy(f"{field} is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or not low <= value <= high:
        raise BadVacancy(f"{field} must be a number from {low:g} to {high:g}")
    return value


def _date(value: Any, field: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise BadVacancy(f"{field} must be a date like 2026-11-22") from None


def yearly_pay(amount: float | None, period: str | None, hours_per_week: float | None) -> int | None:
    """A yearly equivalent of pay as advertised, for filtering and sorting by pay; None when there is none.

    Hourly pay is counted over the vacancy's own hours. With no hours given there is no honest yearly figure (a
    £13 an hour job of 10 hours a week pays £6,760 a year, not the £25,350 of 37.5 hours), so it gets none and
    is never counted towards a yearly minimum.

    >>> yearly_pay(13, "hour", 20), yearly_pay(13, "hour", None), yearly_pay(2000, "month", None)
    (13520, None, 24000)

    :param amount: the pay figure.
    :param period: "hour", "week", "month" or "year".
    :param hours_per_week: the vacancy's hours, if it gives them.
    """
    if amount is None or period is None:
        return None
    factor = SALARY_PERIODS[period]
    if factor is None:
        return None if not hours_per_week else round(amount * hours_per_week * 52)
    return round(amount * factor)


def hours_band(hours_per_week: float | None, working_pattern: str) -> int:
    """0 under 16 hours, 1 for 16 to 29, 2 for 30 or more; from the pattern when hours are not given.

    :param hours_per_week: hours, if known.
    :param working_pattern: "full_time" or "part_time".
    """
    if hours_per_week is None:
        return 2 if working_pattern == "full_time" else 1
    return 0 if hours_per_week < 16 else 1 if hours_per_week < 30 else 2


def pay_band(pay_annual: int) -> int:
    """The pay band a yearly amount falls in, 0 to ``TOP_PAY_BAND``.

    :param pay_annual: pounds a year.
    """
    return min(TOP_PAY_BAND, pay_annual // PAY_BAND)


def grid_cell(easting: int, northing: int) -> str:
    """The search tag of the grid square a point is in.

    :param easting: British National Grid metres.
    :param northing: British National Grid metres.
    """
    return f"zg{easting // GRID_METRES}x{northing // GRID_METRES}"


def search_tags(record: dict) -> str:
    """Words for the full-text index that stand for the record's facets, so filters and counts run inside FTS5.

    Each is made so the porter stemmer leaves it alone: ``zc0`` contract, ``zh1`` hours band, ``zw2`` workplace,
    ``zdc`` Disability Confident, ``zp20`` pays at least £20,000 a year, ``zb9`` pays £22,500 to £24,999 a year
    (bands of ``PAY_BAND``, for sorting by pay), ``zd20261122`` posted that day, ``zg43x43`` 10 km grid square.
    Pay tags follow ``yearly_pay``: hourly pay with no hours given has none.

    :param record: a checked vacancy.
    """
    tags = [f"zc{CONTRACTS.index(record['contract'])}", f"zh{record['hours_band']}",
            f"zw{WORKPLACES.index(record['workplace'])}", "zd" + record["posted"].replace("-", "")]
    if record["disability_confident"]:
        tags.append("zdc")
    if record["pay_annual"] is not None:
        tags += [f"zp{step // 1000}" for step in PAY_STEPS if record["pay_annual"] >= step]
        tags.append(f"zb{pay_band(record['pay_annual'])}")
    if record["easting"] is not None:
        tags.append(grid_cell(record["easting"], record["northing"]))
    return " ".join(tags)


def check_vacancy(raw: dict) -> dict:
    """Check and tidy one record from a feed or the demo generator, ready to store.

    :param raw: a dict with the keys in ``FIELDS``.
    :raises BadVacancy: naming the field that is wrong.
    :returns: the tidy record plus ``pay_annual``, ``hours_band`` and ``tags``.
    """
    if not isinstance(raw, dict):
        raise BadVacancy("the record is not an object")
    missing = [f for f in ("id", "title", "employer", "description", "posted", "closes") if raw.get(f) in (None, "")]
    if missing:
        raise BadVacancy(f"{missing[0]} is missing")
    record = {
        "id": plain_text(raw["id"], "id", limit=64),
        "version": int(_number(raw.get("version", 1), "version", 0, 2**53, required=True)),
        "title": plain_text(raw["title"], "title", limit=200),
        "employer": plain_text(raw["employer"], "employer", limit=200),
        "description": _description(raw["description"]),
        "town": plain_text(raw.get("town"), "town", required=False, limit=100),
        "postcode_district": plain_text(raw.get("postcode_district"), "postcode_district", required=False,
                                        limit=4).upper().replace(" ", ""),
        "easting": _number(raw.get("easting"), "easting", 0, GRID_EAST_MAX),
        "northing": _number(raw.get("northing"), "northing", 0, GRID_NORTH_MAX),
        "salary_min": _number(raw.get("salary_min"), "salary_min", 0, 10_000_000),
        "salary_max": _number(raw.get("salary_max"), "salary_max", 0, 10_000_000),
        "salary_period": raw.get("salary_period"),
        "working_pattern": _choice(raw.get("working_pattern"), "working_pattern", WORKING_PATTERNS),
        "hours_per_week": _number(raw.get("hours_per_week"), "hours_per_week", 0, 100),
        "contract": _choice(raw.get("contract"), "contract", CONTRACTS),
        "workplace": _choice(raw.get("workplace"), "workplace", WORKPLACES),
        "posted": _date(raw["posted"], "posted"),
        "closes": _date(raw["closes"], "closes"),
        "disability_confident": bool(raw.get("disability_confident")),
        "apply_url": plain_text(raw.get("apply_url"), "apply_url", required=False, limit=500) or None,
        "apply_phone": plain_text(raw.get("apply_phone"), "apply_phone", required=False, limit=40) or None,
        "apply_email": plain_text(raw.get("apply_email"), "apply_email", required=False, limit=200) or None,
        "occupation_code": plain_text(raw.get("occupation_code"), "occupation_code", required=False, limit=10),
    }
    if record["postcode_district"] and not _POSTCODE_DISTRICT.match(record["postcode_district"]):
        raise BadVacancy("postcode_district is not a postcode district")
    if (record["easting"] is None) != (record["northing"] is None):
        raise BadVacancy("easting and northing must come together")
    for name in ("easting", "northing"):
        if record[name] is not None:
            record[name] = int(record[name])
    if record["salary_period"] is not None and record["salary_period"] not in SALARY_PERIODS:
        raise BadVacancy(f"salary_period must be one of {', '.join(SALARY_PERIODS)}")
    if (record["salary_min"] is not None or record["salary_max"] is not None) and record["salary_period"] is None:
        raise BadVacancy("salary_period is missing")
    if None not in (record["salary_min"], record["salary_max"]) and record["salary_min"] > record["salary_max"]:
        raise BadVacancy("salary_min is more than salary_max")
    if record["closes"] < record["posted"]:
        raise BadVacancy("closes is before posted")
    if record["apply_url"] and not record["apply_url"].startswith(("https://", "http://")):
        raise BadVacancy("apply_url is not a web address")
    if not (record["apply_url"] or record["apply_phone"] or record["apply_email"]):
        raise BadVacancy("there is no way to apply (apply_url, apply_phone or apply_email)")
    top = record["salary_max"] if record["salary_max"] is not None else record["salary_min"]
    record["pay_annual"] = yearly_pay(top, record["salary_period"], record["hours_per_week"])
    record["hours_band"] = hours_band(record["hours_per_week"], record["working_pattern"])
    record["tags"] = search_tags(record)
    record["facet_code"] = facet_code(record)
    return record


def pay_steps_reached(pay_annual: int | None) -> int:
    """How many of ``PAY_STEPS`` the pay reaches; ``len(PAY_STEPS) + 1`` when no pay is given.

    :param pay_annual: pounds a year, or None.
    """
    if pay_annual is None:
        return len(PAY_STEPS) + 1
    return sum(pay_annual >= step for step in PAY_STEPS)


def facet_code(record: dict) -> int:
    """The record's filter choices packed into one number, for counting every choice in one pass.

    hours band + 3 × contract + 12 × workplace + 36 × Disability Confident + 72 × pay steps reached;
    ``unpack_facet_code`` undoes it.

    :param record: a checked vacancy.
    """
    return (record["hours_band"] + 3 * CONTRACTS.index(record["contract"])
            + 12 * WORKPLACES.index(record["workplace"]) + 36 * int(record["disability_confident"])
            + 72 * pay_steps_reached(record["pay_annual"]))


def unpack_facet_code(code: int) -> tuple[int, int, int, int, int]:
    """(hours band, contract index, workplace index, Disability Confident 0/1, pay steps reached).

    :param code: from ``facet_code``.
    """
    return code % 3, code // 3 % 4, code // 12 % 3, code // 36 % 2, code // 72

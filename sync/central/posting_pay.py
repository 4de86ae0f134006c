"""A JobPosting's pay in every shape schema.org and Google's job-posting documentation allow.

    pay = posting_pay(posting)       # Pay(low=12.71, high=14.0, period="hour", currency="GBP") or None

``baseSalary`` may be a Number (or a numeric text, schema.org's own first example has ``"baseSalary": "100000"``
with ``salaryCurrency``), a ``MonetaryAmount`` whose ``value`` is a Number or a ``QuantitativeValue``, or a
``PriceSpecification`` (``price``, ``minPrice``, ``maxPrice``, ``priceCurrency``, often a
``UnitPriceSpecification`` with ``unitText`` or a UN/CEFACT ``unitCode``). A list gives its first.

Pay that cannot be read is dropped, not refused: the job is still one a person can apply for, and "pay not
given" is better than a posting lost (docs/adr/051-job-postings-as-published.md). Only pay the posting states
plainly is shown:

- a period from ``unitText`` (HOUR, DAY, WEEK, MONTH, YEAR, any case) or ``unitCode`` (HUR, DAY, WEE, MON, ANN);
  a day rate is shown as a week of five days, as the kiosk has no "a day";
- no period at all (a bare Number): 5,000 or more is a year's pay, 200 or less an hour's; anything between could
  be a week's or a month's, so it is dropped;
- the currency from ``currency``, ``priceCurrency``, the posting's ``salaryCurrency`` or a leading £ or $;
  ``currency`` is what ``sync.central.posting_place`` uses to tell a job abroad.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

#: unitText (Google's words) and unitCode (UN/CEFACT common codes) to the kiosk's periods.
UNITS = {"HOUR": "hour", "HUR": "hour", "DAY": "day", "WEEK": "week", "WEE": "week", "MONTH": "month",
         "MON": "month", "YEAR": "year", "ANN": "year"}
#: A bare yearly amount is at least this (a week's or month's pay never is, at UK pay).
YEARLY_AT_LEAST = 5_000
#: A bare hourly amount is at most this.
HOURLY_AT_MOST = 200
#: Days in the week a day rate is shown as.
DAYS_A_WEEK = 5
_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR"}
_AMOUNT = re.compile(r"^\s*([£$€])?\s*(\d[\d,]*(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Pay:
    """Pay as the kiosk shows it: a range (or one amount twice) per period, and the currency if stated."""

    low: float | None
    high: float | None
    period: str
    currency: str | None


def _amount(value: Any) -> tuple[float | None, str | None]:
    # (amount, currency from a symbol), or (None, None) for anything that is not a plain amount.
    if isinstance(value, bool):
        return None, None
    if isinstance(value, (int, float)):
        return (float(value), None) if math.isfinite(value) and value >= 0 else (None, None)
    if isinstance(value, str):
        match = _AMOUNT.match(value[:40])
        if match:
            return float(match.group(2).replace(",", "")), _SYMBOLS.get(match.group(1) or "")
    return None, None


def _unit(*tables: dict) -> str | None:
    for table in tables:
        for key in ("unitText", "unitCode"):
            text = table.get(key)
            if isinstance(text, str) and text.strip().upper() in UNITS:
                return UNITS[text.strip().upper()]
        reference = table.get("referenceQuantity")
        if isinstance(reference, dict):
            found = _unit(reference)
            if found:
                return found
    return None


def _bare_period(high: float) -> str | None:
    if high >= YEARLY_AT_LEAST:
        return "year"
    if high <= HOURLY_AT_MOST:
        return "hour"
    return None


def _text(value: Any) -> str | None:
    return value.strip().upper()[:10] if isinstance(value, str) and value.strip() else None


def posting_pay(posting: dict) -> Pay | None:
    """The pay a JobPosting states, or None when it states none that can be read.

    :param posting: a JobPosting object.
    """
    salary = posting.get("baseSalary")
    if isinstance(salary, list):
        salary = salary[0] if salary else None
    currency = _text(posting.get("salaryCurrency"))
    if not isinstance(salary, dict):
        amount, symbol = _amount(salary)
        if amount is None:
            return None
        period = _bare_period(amount)
        return Pay(amount, amount, period, currency or symbol) if period else None
    currency = _text(salary.get("currency")) or _text(salary.get("priceCurrency")) or currency
    value = salary.get("value")
    inner = value if isinstance(value, dict) else {}
    readings = [_amount(inner.get(key) if inner else None) for key in ("minValue", "maxValue", "value")]
    if not inner:
        readings = [_amount(salary.get("minValue")), _amount(salary.get("maxValue")), _amount(value)]
    if all(amount is None for amount, _ in readings):  # a PriceSpecification
        readings = [_amount(salary.get(key)) for key in ("minPrice", "maxPrice", "price")]
    (low, low_symbol), (high, high_symbol), (single, single_symbol) = readings
    currency = currency or low_symbol or high_symbol or single_symbol
    if low is None and high is None:
        low = high = single
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    period = _unit(inner, salary) or _bare_period(high if high is not None else low)
    if period is None:
        return None
    if period == "day":
        low, high, period = (None if low is None else low * DAYS_A_WEEK), (None if high is None else
                                                                        high * DAYS_A_WEEK), "week"
    return Pay(low, high, period, currency)

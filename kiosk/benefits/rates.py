"""Benefit rates by tax year, read from ``assets/rules/rates-*.toml`` and chosen by date.

    >>> import datetime as dt
    >>> rates = rates_on(dt.date(2026, 4, 6))
    >>> rates.tax_year, rates["universal_credit.standard_allowance_single_25_or_over"]
    ('2026-27', Decimal('424.90'))
    >>> rates_on(dt.date(2026, 4, 5)).tax_year
    '2025-26'
    >>> rates.rate("universal_credit.lcwra_element").source.startswith("PE ")
    True

Every figure in the files is a table with its ``value``, what it is ``per`` and its ``source``; ``unverified = true``
marks one from a third-party page. Next April's rates are a new file, not a code change. Money is ``Decimal`` so that
sums come out to the penny.

"Today" is ``date.today()`` unless ``$JOBPOINT_TODAY`` (YYYY-MM-DD) says otherwise, so tests and demonstrations can
pin the rates in force.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import os
import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from kiosk.assets import ASSETS

RULES_DIR = ASSETS / "rules"
#: Environment variable that pins "today" for the benefits checker (YYYY-MM-DD).
TODAY_ENV = "JOBPOINT_TODAY"
PENNY = Decimal("0.01")


class RatesUnavailable(LookupError):
    """No rates file covers the date asked for (before the earliest tax year we have)."""


@dataclass(frozen=True)
class Rate:
    """One figure: its value, what it is per (week, month, year ...), where it comes from, and whether checked."""

    key: str
    value: Decimal | bool | int | str | dt.date
    per: str
    source: str
    unverified: bool = False


class Rates:
    """The rates of one tax year, looked up by dotted key ("child_benefit.eldest").

    :param tax_year: e.g. "2026-27".
    :param starts: the first day of the tax year (6 April).
    :param ends: the last day (5 April).
    :param figures: every ``Rate`` by key.
    :param provisional: True when the date asked for is after ``ends`` and no newer file exists.
    """

    def __init__(self, tax_year: str, starts: dt.date, ends: dt.date, figures: dict[str, Rate],
                 provisional: bool = False) -> None:
        self.tax_year = tax_year
        self.starts = starts
        self.ends = ends
        self.figures = figures
        self.provisional = provisional

    def __getitem__(self, key: str):
        """The value of ``key``; a KeyError names the key and the year."""
        try:
            return self.figures[key].value
        except KeyError:
            raise KeyError(f"no rate {key!r} for {self.tax_year}") from None

    def rate(self, key: str) -> Rate:
        """The whole ``Rate`` (value, per, source) for ``key``."""
        return self.figures[key]

    def money(self, key: str) -> Decimal:
        """A money figure as ``Decimal`` (whole-pound figures come back as Decimal too)."""
        return Decimal(self[key])

    def __repr__(self) -> str:
        return f"Rates({self.tax_year!r}{', provisional' if self.provisional else ''})"


def pence(amount: Decimal) -> Decimal:
    """Round to the penny, halves up, as DWP's published monthly equivalents are.

    >>> pence(Decimal("1229.416666"))
    Decimal('1229.42')
    """
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def monthly_from_weekly(weekly: Decimal) -> Decimal:
    """A weekly amount as a monthly one: times 52, divided by 12 (UC Regulations 2013 reg. 73).

    >>> monthly_from_weekly(Decimal("26.05"))
    Decimal('112.88')
    """
    return pence(Decimal(weekly) * 52 / 12)


def monthly_from_yearly(yearly: Decimal) -> Decimal:
    """A yearly amount as a monthly one, to the penny.

    >>> monthly_from_yearly(Decimal("14753"))
    Decimal('1229.42')
    """
    return pence(Decimal(yearly) / 12)


def _flatten(table: dict, prefix: str = ""):
    for name, item in table.items():
        key = f"{prefix}{name}"
        if isinstance(item, dict) and "value" in item:
            yield key, item
        elif isinstance(item, dict):
            yield from _flatten(item, f"{key}.")


def read_rates_file(path: Path) -> Rates:
    """Read one ``rates-YYYY-YY.toml`` file.

    :param path: the file.
    :raises ValueError: a figure without a value or a source, or a file without its dates.
    """
    with path.open("rb") as handle:
        data = tomllib.load(handle, parse_float=Decimal)
    figures: dict[str, Rate] = {}
    for key, item in _flatten({k: v for k, v in data.items() if isinstance(v, dict)}):
        source = str(item.get("source", "")).strip()
        if not source:
            raise ValueError(f"{path.name}: {key} has no source")
        value = item["value"]
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        figures[key] = Rate(key, value, str(item.get("per", "")), source, bool(item.get("unverified", False)))
    for needed in ("tax_year", "starts", "ends"):
        if needed not in data:
            raise ValueError(f"{path.name}: {needed} is missing")
    return Rates(data["tax_year"], data["starts"], data["ends"], figures)


@functools.cache
def all_rates(folder: Path = RULES_DIR) -> tuple[Rates, ...]:
    """Every tax year we have rates for, oldest first (read once).

    :param folder: the folder holding ``rates-*.toml``.
    """
    years = sorted((read_rates_file(path) for path in folder.glob("rates-*.toml")), key=lambda r: r.starts)
    for earlier, later in itertools.pairwise(years):
        if later.starts != earlier.ends + dt.timedelta(days=1):
            raise ValueError(f"rates {earlier.tax_year} and {later.tax_year} leave a gap or overlap")
    return tuple(years)


def rates_on(day: dt.date, folder: Path = RULES_DIR) -> Rates:
    """The rates in force on ``day``.

    After the last year we have, the last year's rates are returned marked ``provisional`` (the kiosk keeps working
    until new rates arrive); before the first, ``RatesUnavailable``.

    :param day: the date the check is for.
    :param folder: the folder holding ``rates-*.toml``.
    """
    years = all_rates(folder)
    for rates in years:
        if rates.starts <= day <= rates.ends:
            return rates
    if years and day > years[-1].ends:
        last = years[-1]
        return Rates(last.tax_year, last.starts, last.ends, last.figures, provisional=True)
    first = years[0].starts.isoformat() if years else "none"
    raise RatesUnavailable(f"no benefit rates for {day.isoformat()} (the earliest are from {first})")


def tax_year_start(year: int) -> dt.date:
    """The first day of the tax year that starts in ``year`` (6 April).

    >>> tax_year_start(2026)
    datetime.date(2026, 4, 6)
    """
    return dt.date(year, 4, 6)


def today() -> dt.date:
    """Today, or the date in ``$JOBPOINT_TODAY`` (YYYY-MM-DD) when it is set.

    :raises ValueError: ``$JOBPOINT_TODAY`` is not a date.
    """
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise ValueError(f"{TODAY_ENV} must be a date like 2026-04-06, not {pinned!r}") from None

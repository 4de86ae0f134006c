"""``kiosk benefits``: check the 27 benefits for households in a JSON file, with no window.

    kiosk benefits --household family.json --date 2026-06-01 --json

The file holds one household or a list of them, in the shape README.md describes (other keys are ignored). The
date is ``--date``, else 6 April of the household's ``year`` (the tax year that starts then), else today
($JOBPOINT_TODAY pins it). ``--json`` prints, for each household, ``{"id", "tax_year", "benefits": [{"id",
"status", "monthly", "reason"}], "universal_credit": {...}}`` with amounts in £ a month; a list in gives a list out.
A bad file or value stops with exit status 2 and a message naming the household and the field.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the rules are imported only when the command runs, so building the parser stays cheap
    from kiosk.benefits.check import Results

#: The Universal Credit figures in the JSON output (``UcCalculation`` fields), in this order.
UC_FIELDS = ("monthly", "standard_allowance", "child_element", "disabled_child_element", "lcwra_element",
             "carer_element", "childcare_element", "housing_element", "maximum_amount", "earnings_deduction",
             "unearned_income_deduction", "capital_deduction", "benefit_cap_reduction")


def iso_date(value: str) -> dt.date:
    """An argparse type for YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-04-06") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk benefits``."""
    parser.add_argument("--household", metavar="FILE", required=True,
                        help="JSON file with one household or a list of them")
    parser.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                        help="the date to check on (default: 6 April of the household's year, else today)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _pounds(amount: Decimal) -> float:
    return float(Decimal(amount).quantize(Decimal("0.01")))


def as_json(household_id: str, results: Results) -> dict:
    """One household's results in the CLI's JSON shape.

    :param household_id: the household's ``id``.
    :param results: what ``check`` found.
    """
    from kiosk.benefits.messages import text

    return {
        "id": household_id,
        "tax_year": results.tax_year,
        "benefits": [{"id": r.id, "status": r.status, "monthly": _pounds(r.monthly),
                      "reason": text(r.reason, **r.reason_params)} for r in results.results],
        "universal_credit": {name: _pounds(getattr(results.universal_credit, name)) for name in UC_FIELDS},
    }


def as_text(household_id: str, results: Results) -> str:
    """One household's results for people: what they could get, the Universal Credit working, what is unlikely."""
    from kiosk.benefits.messages import money, text

    out = [f"Household {household_id or '(no id)'}: checked on {results.on_date.isoformat()}, "
           f"tax year {results.tax_year}{' (provisional rates)' if results.provisional else ''}"]
    for result in results.eligible:
        if result.monthly:
            amount = f"{money(result.monthly)} a month"
        elif result.monthly_range:
            amount = f"{money(result.monthly_range[0])} to {money(result.monthly_range[1])} a month"
        elif result.one_off:
            amount = f"{money(result.one_off)} once"
        else:
            amount = "help, not money" if result.in_kind else "amount not estimated"
        reason = text(result.reason, **result.reason_params)
        out.append(f"  {result.status:8}  {amount:28}  {result.name['en']}: {reason}")
    uc = results.get("universal_credit")
    if uc.lines:
        out.append("  How we worked out Universal Credit:")
        for line in uc.lines:
            figure = "" if line.amount is None else ("- " if line.kind == "subtract" else "  ") + money(line.amount)
            out.append(f"    {figure:>14}  {text(line.message_key, **line.params)}")
    out.append("  Unlikely:")
    out += [f"    {r.name['en']}: {text(r.reason, **r.reason_params)}" for r in results.unlikely]
    out.append("  " + text("benefits.estimate_notice"))
    return "\n".join(out)


def check_date(args, data: dict) -> dt.date:
    """The date to check a household on: ``--date``, else 6 April of its ``year``, else today."""
    if args.date:
        return args.date
    from kiosk.benefits.rates import tax_year_start, today

    if isinstance(data, dict) and isinstance(data.get("year"), int) and not isinstance(data.get("year"), bool):
        return tax_year_start(data["year"])
    return today()


def benefits(settings: dict, args) -> int:
    """Run ``kiosk benefits``.

    :param settings: the checked config (unused: the office's LHA rates will come from it with sync).
    :param args: ``--household``, ``--date``, ``--json``.
    :returns: 0 done, 2 bad input.
    """
    from kiosk.benefits.check import check
    from kiosk.benefits.household import HouseholdError, household_from_json
    from kiosk.benefits.rates import RatesUnavailable

    path = Path(args.household)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return _fail(f"cannot read {path}: {error.strerror or error}")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        return _fail(f"{path} is not valid JSON{where}.")
    many = isinstance(data, list)
    items = data if many else [data]
    if not items:
        return _fail(f"{path} holds an empty list: give at least one household.")
    outputs: list[Any] = []  # JSON objects, or texts
    for number, item in enumerate(items, 1):
        label = f"household {number}: " if many else ""
        try:
            household = household_from_json(item, label)
            results = check(household, check_date(args, item))
        except HouseholdError as error:
            return _fail(f"{path}: {error}")
        except RatesUnavailable as error:
            return _fail(f"{path}: {label}{error}")
        outputs.append(as_json(household.id, results) if args.json else as_text(household.id, results))
    if args.json:
        print(json.dumps(outputs if many else outputs[0], ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(outputs))
    return 0


def _fail(message: str) -> int:
    print(f"kiosk benefits: {message}", file=sys.stderr)
    return 2

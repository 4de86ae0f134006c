"""``kiosk benefits``: check the 35 benefits for households in a JSON file, with no window.

    kiosk benefits --household family.json --date 2026-06-01 --json

The file holds one household or a list of them, in the shape docs/benefits-cli.md describes (a key we do not know
is an error naming the nearest known one). The date is ``--date``, else 6 April of the household's ``year`` (the tax
year that starts then), else today ($JOBPOINT_TODAY pins it). The rates and the office's Local Housing Allowance are
the ones the kiosk's screen uses (synced into ``kiosk.data_dir``), unless ``--rates-folder`` or ``--lha`` say
otherwise; so are the office's council tax settings (its council's Band D, which ``--band-d`` overrides).
``--json`` prints, for each household, ``{"id", "tax_year", "benefits": [{"id", "status", "monthly", "reason"}],
"universal_credit": {...}}`` with amounts in £ a month; a list in gives a list out.
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
    from kiosk.benefits.council_tax_settings import CouncilTaxSettings

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
    parser.add_argument("--rates-folder", metavar="DIR",
                        help="benefit rates files to use (default: the synced ones the screen uses, else the kiosk's)")
    parser.add_argument("--lha", metavar="SIZE=POUNDS", action="append", type=lha_setting, default=[],
                        help="a Local Housing Allowance rate a month, e.g. 2=850 or shared=400 (default: the "
                             "office's); repeat for each size")
    parser.add_argument("--band-d", metavar="POUNDS", type=band_d_setting,
                        help="the council's Band D council tax, pounds a year, to price Council Tax Reduction from "
                             "the household's band (default: the office's)")


def band_d_setting(value: str) -> Decimal:
    """An argparse type for ``--band-d``: the council's Band D bill, more than 0 and at most 10,000 pounds a year."""
    try:
        amount = Decimal(value)
    except ArithmeticError:
        amount = Decimal(-1)
    if not amount.is_finite() or not 0 < amount <= 10_000:
        raise argparse.ArgumentTypeError(f"{value[:40]!r} is not pounds a year from 1 to 10000, like 2280")
    return amount


def lha_setting(value: str) -> tuple[str, Decimal]:
    """An argparse type for ``SIZE=POUNDS``: shared, 1, 2, 3 or 4 bedrooms and £ a month."""
    from kiosk.benefits.household import LHA_SIZES

    size, _, pounds = value.partition("=")
    try:
        amount = Decimal(pounds)
    except ArithmeticError:
        amount = Decimal(-1)
    if size not in LHA_SIZES or not amount.is_finite() or not 0 < amount < 100_000:
        raise argparse.ArgumentTypeError(f"{value[:40]!r} is not like 2=850: a size (shared, 1, 2, 3 or 4) and "
                                         "pounds a month")
    return size, amount


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


#: The most a household file may hold: far more than any real list, small enough to read at once.
MAX_FILE_BYTES = 20_000_000
MAX_HOUSEHOLDS = 100_000
#: How deep objects and lists may nest: a household is 3 deep; this stops a file built to exhaust the parser.
MAX_DEPTH = 8


def json_depth_ok(text: str, limit: int = MAX_DEPTH) -> bool:
    """The JSON text nests objects and lists no deeper than ``limit`` (counted before parsing, so a hostile file
    cannot reach the parser's recursion limit)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return False
        elif char in "]}":
            depth -= 1
    return True


def read_households(path: Path) -> tuple[list, bool]:
    """The households in a file, and whether it held a list.

    :raises ValueError: a plain message: unreadable, too big, too deep, not JSON, or empty.
    """
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError(f"{path} is larger than {MAX_FILE_BYTES // 1_000_000} MB: split it into smaller files.")
    try:
        text = raw.decode("utf-8")
        if not json_depth_ok(text):
            raise ValueError(f"{path} nests lists or objects more than {MAX_DEPTH} deep: a household is 3 deep.")
        data = json.loads(text)
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{path} is not valid JSON (line {error.lineno}).") from None
    except RecursionError:  # json_depth_ok should stop this first; kept so no input ever prints a traceback
        raise ValueError(f"{path} nests lists or objects too deep.") from None
    many = isinstance(data, list)
    items = data if many else [data]
    if not items:
        raise ValueError(f"{path} holds an empty list: give at least one household.")
    if len(items) > MAX_HOUSEHOLDS:
        raise ValueError(f"{path} holds more than {MAX_HOUSEHOLDS:,} households: split it into smaller files.")
    return items, many


def office_figures(settings: dict, args) -> tuple[Path, dict | None, CouncilTaxSettings | None]:
    """The rates folder, the office's Local Housing Allowance and its council tax settings: the flags', else what
    the screen uses."""
    from dataclasses import replace

    from kiosk.benefits.council_tax_settings import CouncilTaxSettings
    from kiosk.cli.services import local_office

    office = local_office(settings)
    folder = Path(args.rates_folder) if args.rates_folder else office.rates_folder
    lha = dict(office.lha or {}) | dict(args.lha)
    council_tax = office.council_tax
    if getattr(args, "band_d", None) is not None:
        council_tax = replace(council_tax or CouncilTaxSettings(), band_d_annual=args.band_d)
    return folder, lha or None, council_tax


def benefits(settings: dict, args) -> int:
    """Run ``kiosk benefits``.

    :param settings: the checked config: ``kiosk.data_dir`` (synced rates and office config) and ``lha.*``.
    :param args: ``--household``, ``--date``, ``--json``, ``--rates-folder``, ``--lha``, ``--band-d``.
    :returns: 0 done, 2 bad input.
    """
    from kiosk.benefits.check import check
    from kiosk.benefits.household import HouseholdError, household_from_json
    from kiosk.benefits.rates import RatesUnavailable

    path = Path(args.household)
    try:
        items, many = read_households(path)
    except ValueError as error:
        return _fail(str(error))
    folder, office_lha, office_ctr = office_figures(settings, args)
    if not folder.is_dir():
        return _fail(f"the rates folder {folder} does not exist.")
    outputs: list[Any] = []  # JSON objects, or texts
    for number, item in enumerate(items, 1):
        label = f"household {number}: " if many else ""
        try:
            day = check_date(args, item)
            household = household_from_json(item, label, on_date=day)
            results = check(household, day, office_lha=office_lha, rates_folder=folder, office_ctr=office_ctr)
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

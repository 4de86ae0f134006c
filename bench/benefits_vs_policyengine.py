"""Differential check: the kiosk's benefit amounts against PolicyEngine UK's, for seeded random households.

    .venv/bin/python bench/benefits_vs_policyengine.py [--count 500] [--seed 1] [--year 2025 --year 2026]
                                                        [--venv bench/.venv-policyengine] [--show 40]
                                                        [--dump pe-0125,pe-0271]

1. On first use it makes a virtualenv of its own (``--venv``, default bench/.venv-policyengine, git-ignored) and
   installs policyengine-uk 2.162.10 into it. PolicyEngine is not a dependency of the kiosk and not part of
   ``make test``; this script is run by hand.
2. Makes ``--count`` households with ``--seed`` (bench/policyengine_households.py: every shape, income, tenure and
   nation the checker must handle).
3. Runs PolicyEngine in its virtualenv (bench/policyengine_runner.py, JSON in and out): all households of a tax year
   in one simulation, plus probe households that read PolicyEngine's monthly Local Housing Allowance for each area.
   Private renters are then given those LHA rates (``lha_monthly``; Housing Benefit's weekly ones as ``lha_weekly``),
   so both sides cap rent at the same figures and a difference in the housing element is a difference in the
   bedrooms allowed, not in the rates.
4. Runs the kiosk in-process: ``check(household_from_json(...), 6 October of the tax year)`` (the day a bare age is
   taken to be on, as PolicyEngine does).
5. Compares every amount both produce, £ a month (the kiosk's ``Decision.monthly``, or a yearly payment / 12;
   PolicyEngine's yearly amount / 12). An amount counts as agreeing when the two are within £1 a month; the
   households compared are those where either side gives an amount. An amount the kiosk has no rule or no figure
   for yet is "kiosk: not modelled" and left out of the agreement, with its count. The Universal Credit elements are
   compared only where both sides give Universal Credit, to find the cause of a difference.
6. Prints every household that differs by more than £1 a month, with the known class of difference that explains
   it (bench/policyengine_differences.py; docs/benefits-differences.md says which side the law is on), then one
   summary line per tax year and amount, then, last, the issue's target lines per tax year: UC, Child Benefit,
   Carer's Allowance, Pension Credit and Housing Benefit within £1, raw and excluding the households a law-decided
   class explains (``kiosk_bug=False``: PolicyEngine departs from the law; a kiosk bug still counts against the
   target).

A household PolicyEngine fails on is reported with its error, never fatal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from policyengine_differences import classify, is_kiosk_bug
from policyengine_households import REGIONS, lha_probes, make_households, situation_parts, with_lha

from kiosk.benefits.check import Results, check
from kiosk.benefits.household import HouseholdError, household_from_json

PE_VERSION = "2.162.10"
DEFAULT_VENV = ROOT / "bench" / ".venv-policyengine"
RUNNER = ROOT / "bench" / "policyengine_runner.py"
TOLERANCE = Decimal(1)
#: The issue's targets, both tax years: the share of households within £1 a month, as printed last.
TARGETS = (("universal_credit", "UC", 98), ("child_benefit", "child_benefit", 100),
           ("carers_allowance", "carers_allowance", 100), ("pension_credit", "pension_credit", 95),
           ("housing_benefit", "housing_benefit", 95))


@dataclass(frozen=True)
class Amount:
    """One amount both sides may produce.

    :param name: the name printed.
    :param kiosk: the kiosk's benefit ids (the first present is used), or "uc:<field>" for a figure of the UC working.
    :param pe: PolicyEngine variables added together (yearly).
    :param element: compared only where both sides give Universal Credit.
    :param pe_less: PolicyEngine variables taken off (yearly): what is taken back, where the kiosk shows what is
        kept.
    """

    name: str
    kiosk: tuple[str, ...]
    pe: tuple[str, ...]
    element: bool = False
    pe_less: tuple[str, ...] = ()


AMOUNTS = (
    Amount("universal_credit", ("universal_credit",), ("universal_credit",)),
    Amount("uc_standard_allowance", ("uc:standard_allowance",), ("uc_standard_allowance",), True),
    Amount("uc_child_element", ("uc:child_element",), ("uc_child_element",), True),
    Amount("uc_disabled_child_element", ("uc:disabled_child_element",),
           ("uc_individual_disabled_child_element", "uc_individual_severely_disabled_child_element"), True),
    Amount("uc_lcwra_element", ("uc:lcwra_element",), ("uc_LCWRA_element",), True),
    Amount("uc_carer_element", ("uc:carer_element",), ("uc_carer_element",), True),
    Amount("uc_childcare_element", ("uc:childcare_element",), ("uc_childcare_element",), True),
    Amount("uc_housing_element", ("uc:housing_element",), ("uc_housing_costs_element",), True),
    Amount("uc_maximum_amount", ("uc:maximum_amount",), ("uc_maximum_amount",), True),
    Amount("uc_benefit_cap_reduction", ("uc:benefit_cap_reduction",), ("uc_benefit_cap_reduction",), True),
    Amount("child_benefit", ("child_benefit",), ("child_benefit_less_tax_charge",)),
    Amount("carers_allowance", ("carers_allowance",), ("carers_allowance", "carer_support_payment",
                                                                     "scottish_carer_supplement")),
    Amount("pension_credit", ("pension_credit",), ("pension_credit",)),
    Amount("housing_benefit", ("housing_benefit",), ("housing_benefit",)),
    Amount("scottish_child_payment", ("scottish_child_payment",), ("scottish_child_payment",)),
    Amount("council_tax_reduction", ("council_tax_reduction",), ("council_tax_reduction",)),
    Amount("attendance_allowance", ("attendance_allowance",), ("attendance_allowance",)),
    # the kiosk shows what is kept once the charge of ITEPA 2003 s.681I has taken the payment back from someone whose
    # own income is over £35,000; PolicyEngine pays it in full and charges it in income tax
    Amount("winter_payment", ("winter_fuel_payment", "pension_age_winter_heating_payment", "winter_payments"),
           ("winter_fuel_payment", "pension_age_winter_heating_payment"), pe_less=("winter_fuel_payment_charge",)),
)
#: PolicyEngine variables read only to explain a difference.
EXTRA_PE = ("uc_LHA_cap", "LHA_allowed_bedrooms", "uc_earned_income",
            "uc_unearned_income", "uc_income_reduction", "is_uc_eligible", "uc_mif_applies", "uc_tariff_income",
            "council_tax_reduction_scheme_supported", "council_tax_reduction_pensioner", "LHA_cap",
            "housing_benefit_applicable_income", "housing_benefit_applicable_amount",
            "council_tax_reduction_applicable_income", "council_tax_reduction_applicable_amount",
            "council_tax_reduction_maximum_eligible_liability", "child_benefit", "uc_minimum_income_floor",
            "uc_earned_income_before_work_allowance", "savings_credit")


# --- PolicyEngine's side -------------------------------------------------------------------------------------


def ensure_venv(venv: Path) -> Path:
    """The virtualenv's Python, making the virtualenv and installing policyengine-uk first if it is not there."""
    python = venv / "bin" / "python"
    if python.exists() and subprocess.run([str(python), "-c", "import policyengine_uk"],
                                          capture_output=True).returncode == 0:
        return python
    print(f"Making {venv} and installing policyengine-uk=={PE_VERSION} (a few minutes, once)...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", f"policyengine-uk=={PE_VERSION}"], check=True)
    return python


def run_policyengine(python: Path, jobs: list[dict]) -> list[dict]:
    """Run the jobs in PolicyEngine's virtualenv (bench/policyengine_runner.py) and return its results."""
    done = subprocess.run([str(python), str(RUNNER)], input=json.dumps({"jobs": jobs}), capture_output=True,
                          text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if done.returncode != 0:
        raise SystemExit(f"PolicyEngine's runner failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)["results"]


def pe_variables() -> list[str]:
    """Every PolicyEngine variable the comparison reads."""
    names = [variable for amount in AMOUNTS for variable in amount.pe + amount.pe_less] + list(EXTRA_PE)
    return list(dict.fromkeys(names))


def lha_by_region(amounts: dict[str, dict[str, float]], variable: str = "uc_LHA_cap",
                  per_year: int = 12) -> dict[str, dict[str, float]]:
    """PolicyEngine's LHA for each region and size, from the probe households' ``variable``: Universal Credit's
    monthly rates (``uc_LHA_cap`` / 12), or Housing Benefit's weekly ones (``LHA_cap`` / 52)."""
    rates: dict[str, dict[str, float]] = {}
    for key, values in amounts.items():
        if key.startswith("lha:"):
            _, region, size = key.split(":")
            rates.setdefault(region, {})[size] = round(values[variable] / per_year, 2)
    return rates


# --- the kiosk's side ----------------------------------------------------------------------------------------


def kiosk_amount(results: Results, amount: Amount) -> Decimal | None:
    """The kiosk's amount, £ a month: None when it has no such benefit. An "unlikely" result counts as nothing, a
    yearly payment as a twelfth of it."""
    for benefit in amount.kiosk:
        if benefit.startswith("uc:"):
            return getattr(results.universal_credit, benefit[3:])
        try:
            result = results.get(benefit)
        except KeyError:
            continue
        if result.status == "unlikely":
            return Decimal(0)
        return result.monthly or (result.one_off or Decimal(0)) / 12
    return None


def run_kiosk(households: list[dict], year: int) -> dict[str, Results | str]:
    """The kiosk's results for each household (or the error reading it), checked on 6 October of the tax year."""
    day = dt.date(year, 10, 6)
    found: dict[str, Results | str] = {}
    for data in households:
        try:
            found[data["id"]] = check(household_from_json(data, on_date=day), day)
        except HouseholdError as error:
            found[data["id"]] = f"kiosk refused the household: {error}"
    return found


# --- comparing -----------------------------------------------------------------------------------------------


def target_line(label: str, name: str, agree: int, compared: int, law: int, target: int) -> str:
    """One target line: the raw agreement, and the agreement leaving out households whose difference a law-decided
    class explains (PolicyEngine departs from the law, or does not model what the law decides)."""
    def share(n: int, m: int) -> str:
        return f"{n}/{m} ({100 * n / m:.1f}%)" if m else f"{n}/{m} (-)"
    return (f"{label}: {name} within £1: raw {share(agree, compared)}; excluding law-decided classes "
            f"{share(agree, compared - law)} (target {target}%)")


def compare_year(year: int, households: list[dict], kiosk: dict, pe: dict
                 ) -> tuple[list[str], list[str], Counter, list[str]]:
    """The lines of differences and the summary lines for one tax year, the count of households each class of
    difference explains, and the target lines."""
    label = f"{year}/{str(year + 1)[2:]}"
    modelled = {amount.name: any(isinstance(kiosk[h["id"]], Results)
                                 and (kiosk_amount(kiosk[h["id"]], amount) or 0) > 0 for h in households)
                for amount in AMOUNTS}
    lines, summary, classes, targets = [], [], Counter(), []
    explained: dict[str, set[str]] = {}
    for amount in AMOUNTS:
        agree = compared = not_modelled = unexplained = law = 0
        for data in households:
            ident = data["id"]
            results, pe_amounts = kiosk.get(ident), pe["amounts"].get(ident)
            if pe_amounts is None or not isinstance(results, Results):
                continue
            theirs = Decimal(str(round((sum(pe_amounts.get(v, 0.0) for v in amount.pe)
                                        - sum(pe_amounts.get(v, 0.0) for v in amount.pe_less)) / 12, 2)))
            ours = kiosk_amount(results, amount)
            if amount.element and not (results.get("universal_credit").monthly > 0
                                       and pe_amounts.get("universal_credit", 0) > 0):
                continue
            if ours is None or not modelled[amount.name]:
                if theirs > 0:
                    not_modelled += 1
                continue
            if ours <= 0 and theirs <= 0:
                continue
            compared += 1
            if abs(ours - theirs) <= TOLERANCE:
                agree += 1
                continue
            cause = classify(amount.name, data, year, results, pe_amounts, ours, theirs)
            if cause:
                explained.setdefault(cause, set()).add(ident)
                law += not is_kiosk_bug(cause)
            else:
                unexplained += 1
            lines.append(f"{label} {ident} {amount.name}: kiosk {ours:.2f} vs PolicyEngine {theirs:.2f} "
                         f"(difference {ours - theirs:+.2f}) [{cause or 'unexplained'}]")
        share = f"{100 * agree / compared:.1f}%" if compared else "-"
        extra = f"; {compared - agree - unexplained} differ by a known class, {unexplained} unexplained" \
            if compared > agree else ""
        if law:
            rest = compared - law
            extra += (f"; excluding the {law} in classes that are not kiosk bugs: {agree}/{rest} "
                      f"({100 * agree / rest:.1f}%)" if rest else "")
        extra += f"; kiosk: not modelled for {not_modelled}" if not_modelled else ""
        summary.append(f"{label}: {amount.name} {agree}/{compared} ({share}) within £1{extra}")
        targets += [target_line(label, short, agree, compared, law, goal)
                    for name, short, goal in TARGETS if name == amount.name]
    for cause, idents in explained.items():
        classes[cause] = len(idents)
    return lines, summary, classes, targets


def main(argv: list[str] | None = None) -> int:
    """Run the differential check and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--year", type=int, action="append", choices=(2025, 2026),
                        help="tax year by its first year (2025 is 2025/26); default both")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--show", type=int, default=0, help="print at most this many differences per year (0: all)")
    parser.add_argument("--dump", help="print these households (ids, comma-separated) as JSON and stop")
    args = parser.parse_args(argv)
    years = sorted(set(args.year or (2025, 2026)))
    households = make_households(args.count, args.seed)
    if args.dump:
        wanted = set(args.dump.split(","))
        for data in households:
            if data["id"] in wanted:
                print(json.dumps(data))
        return 0
    python = ensure_venv(args.venv)
    probes = lha_probes(sorted({region for regions in REGIONS.values() for region in regions}))
    jobs = [{"year": year, "variables": pe_variables(),
             "households": [{"id": h["id"], **situation_parts(h, year)} for h in households + probes]}
            for year in years]
    pe_results = {result["year"]: result for result in run_policyengine(python, jobs)}
    summaries, targets = [], []
    for year in years:
        pe = pe_results[year]
        lha = lha_by_region(pe["amounts"])
        # Housing Benefit's own weekly rates (Rent Officers (Housing Benefit Functions) Order 1997 Sch. 3B), which
        # are not Universal Credit's monthly ones times 12 / 52
        priced = [with_lha(h, lha, lha_by_region(pe["amounts"], "LHA_cap", 52)) for h in households]
        kiosk = run_kiosk(priced, year)
        lines, summary, classes, target_lines = compare_year(year, priced, kiosk, pe)
        print(f"== {year}/{str(year + 1)[2:]}: {len(households)} households (seed {args.seed}); "
              f"PolicyEngine's LHA a month: {json.dumps(lha, sort_keys=True)}")
        if pe["missing"]:
            print(f"PolicyEngine gave no amounts for {'; '.join(pe['missing'])}")
        for ident, error in sorted(pe["errors"].items()):
            print(f"{ident}: PolicyEngine failed: {error}")
        for ident, error in sorted((k, v) for k, v in kiosk.items() if isinstance(v, str)):
            print(f"{ident}: {error}")
        for line in lines[:args.show or None]:
            print(line)
        if args.show and len(lines) > args.show:
            print(f"... and {len(lines) - args.show} more")
        print("Households each class of difference explains: "
              + (", ".join(f"{cause} {count}" for cause, count in classes.most_common()) or "none"))
        summaries += summary
        targets += target_lines
    print()
    for line in summaries + [""] + targets:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

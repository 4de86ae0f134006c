"""Runs inside PolicyEngine UK's own virtualenv: reads jobs as JSON on stdin, writes amounts as JSON on stdout.

    {"jobs": [{"year": 2025, "variables": ["universal_credit", ...],
               "households": [{"id": "pe-0001", "people": {...}, "benunit": {...}, "household": {...}}]}]}

Each job's households go into ONE simulation (one PolicyEngine household and benefit unit each), which is far
faster than a simulation per household. Every variable is worked out for the year and summed over each household
(``map_to="household"``), so a person's or a benefit unit's amount comes back per household. If the simulation
fails, the job is split in halves until the household that fails is found; it is reported with its error and the
rest still get their amounts. The answer is ``{"results": [{"year": 2025, "amounts": {id: {variable: yearly}},
"errors": {id: "message"}, "missing": ["variable: why it has no amounts"]}]}``.

It imports only PolicyEngine and the standard library, and is not part of the kiosk (bench/benefits_vs_policyengine.py
starts it with the virtualenv's Python).
"""

from __future__ import annotations

import json
import sys
import traceback


def situation(households: list[dict], year: int) -> dict:
    """One PolicyEngine situation holding every household, each with its own benefit unit."""
    people, benunits, homes = {}, {}, {}
    for number, item in enumerate(households):
        members = []
        for name, values in item["people"].items():
            key = f"h{number}_{name}"
            people[key] = {variable: {year: value} for variable, value in values.items()}
            members.append(key)
        benunits[f"b{number}"] = {"members": members,
                                  **{variable: {year: value} for variable, value in item["benunit"].items()}}
        homes[f"h{number}"] = {"members": members,
                               **{variable: {year: value} for variable, value in item["household"].items()}}
    return {"people": people, "benunits": benunits, "households": homes}


def run(households: list[dict], year: int, variables: list[str]) -> tuple[dict, list[str]]:
    """Amounts by household id and variable (yearly, summed over the household), and the variables PolicyEngine
    does not have or cannot work out for anyone (each "name: error")."""
    from policyengine_uk import Simulation

    simulation = Simulation(situation=situation(households, year))
    amounts: dict[str, dict[str, float]] = {item["id"]: {} for item in households}
    missing = []
    known = simulation.tax_benefit_system.variables
    for variable in variables:
        if variable not in known:
            missing.append(f"{variable}: no such variable")
            continue
        try:
            values = simulation.calculate(variable, year, map_to="household")
        except Exception as error:  # see below whether the variable or a household is at fault
            if len(households) > 1 and not _fails_alone(households[0], year, variable):
                raise  # a household is at fault: split the batch to find it
            missing.append(f"{variable}: {type(error).__name__}: {str(error)[:200]}")
            continue
        for item, value in zip(households, values):
            amounts[item["id"]][variable] = float(value)
    return amounts, missing


def _fails_alone(household: dict, year: int, variable: str) -> bool:
    """The variable cannot be worked out even for one household alone (the variable, not the batch, is at fault)."""
    try:
        return bool(run([household], year, [variable])[1])
    except Exception:  # noqa: BLE001 - any failure answers the question
        return True


def run_robustly(households: list[dict], year: int, variables: list[str]) -> tuple[dict, dict, list[str]]:
    """``run``, splitting a batch that fails until each failing household is found alone."""
    try:
        amounts, missing = run(households, year, variables)
        return amounts, {}, missing
    except Exception as error:  # noqa: BLE001 - any PolicyEngine failure is a finding to report, not a crash
        if len(households) == 1:
            lines = traceback.format_exception_only(type(error), error)
            return {}, {households[0]["id"]: "".join(lines).strip()[:500]}, []
    half = len(households) // 2
    first = run_robustly(households[:half], year, variables)
    second = run_robustly(households[half:], year, variables)
    return {**first[0], **second[0]}, {**first[1], **second[1]}, sorted(set(first[2]) | set(second[2]))


def main() -> int:
    """Read the jobs from stdin, write the results to stdout."""
    request = json.load(sys.stdin)
    results = []
    for job in request["jobs"]:
        amounts, errors, missing = run_robustly(job["households"], job["year"], job["variables"])
        results.append({"year": job["year"], "amounts": amounts, "errors": errors, "missing": missing})
    json.dump({"results": results}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

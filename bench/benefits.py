"""Benefits-check benchmark: all 35 benefits for 1,000 varied households, in both tax years.

    .venv/bin/python bench/benefits.py [--households 1000] [--seed 1] [--rounds 5]

1. Makes ``--households`` deterministic, varied households in the CLI's JSON shape (nations, couples, children with
   and without disabilities, work, health, caring, every tenure, London, savings either side of £6,000 and £16,000).
2. Times ``check()`` (all 35 rules, with the Universal Credit working) for each household on 6 April 2025 and
   6 April 2026, after a warm-up round, and prints p50 / p95 / max per household. The baseline, measured in the
   same run, is reading the same households from JSON (``household_from_json``).
3. Runs every household ``--rounds`` more times and measures the memory Python holds after each round
   (tracemalloc, after a garbage collection): it must not grow.

The last line printed is a one-line summary against the targets (p95 under 5 ms a household; no memory growth).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.benefits.check import check
from kiosk.benefits.definitions import all_benefits
from kiosk.benefits.household import household_from_json

TARGET_MS = 5.0  # p95, issue #15
#: Growth in memory held after the first measured round that still counts as none (allocator noise).
GROWTH_LIMIT_KIB = 64
DATES = (dt.date(2025, 4, 6), dt.date(2026, 4, 6))


def percentile(values, share):
    """The value below which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def make_households(count: int, seed: int) -> list[dict]:
    """Deterministic, varied households in the CLI's JSON shape."""
    pick = random.Random(seed)
    households = []
    for number in range(count):
        def adult():
            working = pick.random() < 0.55
            return {"age": pick.choice([pick.randint(18, 24), pick.randint(25, 65), pick.randint(66, 75)]
                                       if pick.random() < 0.3 else [pick.randint(25, 60)]),
                    "employment_income_annual": pick.choice([8000, 12000, 18000, 24000, 32000, 45000, 70000,
                                                             90000]) if working else 0,
                    "hours_worked_weekly": pick.choice([8, 15, 16, 20, 30, 37.5]) if working else 0,
                    "is_disabled": pick.random() < 0.2, "is_carer": pick.random() < 0.1,
                    "has_lcwra": pick.random() < 0.1, "lcwra_new_claimant": pick.random() < 0.5,
                    "pip_daily_living": pick.choice(["NONE"] * 6 + ["STANDARD", "ENHANCED"]),
                    "pip_mobility": pick.choice(["NONE"] * 6 + ["STANDARD", "ENHANCED"]),
                    # pensions, self-employment and Attendance Allowance (issue #15): the pension-age rules run too
                    "state_pension_annual": pick.choice([0, 9000, 11973, 12548]) if pick.random() < 0.3 else 0,
                    "private_pension_annual": pick.choice([0, 0, 2400, 8000]),
                    "self_employment_income_annual": pick.choice([0] * 8 + [6000, 15000]),
                    "attendance_allowance": pick.choice(["NONE"] * 8 + ["LOWER", "HIGHER"])}
        tenure = pick.choice(["RENT_PRIVATELY", "RENT_FROM_COUNCIL", "RENT_FROM_HA", "OWNED_OUTRIGHT",
                              "OWNED_WITH_MORTGAGE"])
        households.append({
            "id": f"bench-{number}",
            "country": pick.choice(["ENGLAND"] * 6 + ["WALES", "SCOTLAND", "SCOTLAND"]),
            "region": "LONDON" if pick.random() < 0.15 else None,
            "adults": [adult() for _ in range(pick.choice([1, 1, 2]))],
            "children": [{"age": pick.randint(0, 19), "is_disabled": pick.random() < 0.1,
                          "sex": pick.choice(["MALE", "FEMALE", None]),
                          "dla_care": pick.choice(["NONE"] * 8 + ["LOWER", "MIDDLE", "HIGHER"]),
                          "dla_mobility": pick.choice(["NONE"] * 8 + ["LOWER", "HIGHER"])}
                         for _ in range(pick.choice([0, 0, 1, 2, 3, 4, 6]))],
            "rent_monthly": pick.choice([350, 500, 650, 800, 1200, 1800]) if tenure.startswith("RENT") else 0,
            "tenure": tenure,
            "council_tax_band": pick.choice(list("ABCDEFGH") + [None]),
            "council_tax_annual": pick.choice([None, None, 1400, 2100]),
            "savings": pick.choice([0, 500, 3000, 6000, 6001, 9000, 15999, 16000, 16001, 25000]),
            "childcare_monthly": pick.choice([0, 0, 0, 250, 600, 1500]),
            "lha_monthly": {"shared": 420, "1": 650, "2": 800, "3": 950, "4": 1200} if pick.random() < 0.7
            else None,
        })
    return households


def time_each(function, items) -> list[float]:
    """Milliseconds per item."""
    times = []
    for item in items:
        started = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    raw = make_households(args.households, args.seed)
    households = [household_from_json(data) for data in raw]
    for household in households[:50]:  # warm-up: rates, the benefits, the rules and the messages are read once
        for day in DATES:
            check(household, day)

    baseline = time_each(household_from_json, raw)
    print(f"baseline, reading a household from JSON, ms: p50 {statistics.median(baseline):.3f}, "
          f"p95 {percentile(baseline, .95):.3f}")
    all_times, likely = [], 0
    for day in DATES:
        times = time_each(lambda h, day=day: check(h, day), households)
        all_times += times
        likely += sum(1 for h in households[:100] for r in check(h, day).results if r.status == "likely")
        print(f"{day.isoformat()}: {len(households):,} households x {len(all_benefits())} benefits, ms per household: "
              f"p50 {statistics.median(times):.2f}, p95 {percentile(times, .95):.2f}, max {max(times):.2f}")
    p50, p95, worst = statistics.median(all_times), percentile(all_times, .95), max(all_times)
    print(f"check / baseline (p50): {p50 / max(statistics.median(baseline), 1e-9):.0f}x; "
          f"likely results in the first 100 households, both years: {likely}")

    tracemalloc.start()
    held = []
    for _ in range(args.rounds):
        for household in households:
            for day in DATES:
                check(household, day)
        gc.collect()
        held.append(tracemalloc.get_traced_memory()[0] / 1024)
    tracemalloc.stop()
    growth = held[-1] - held[0]
    print("memory still held from the checks after each round (tracemalloc), KiB: "
          + ", ".join(f"{kib:,.0f}" for kib in held))

    verdict = lambda ok: "ok" if ok else "MISSED"
    print(f"SUMMARY {len(households):,} households x {len(all_benefits())} benefits x 2 tax years: p50 {p50:.2f} ms, "
          f"p95 {p95:.2f} ms, max {worst:.2f} ms per household (target {TARGET_MS:g} ms: "
          f"{verdict(p95 <= TARGET_MS)}); memory growth {growth:+.0f} KiB over {args.rounds} rounds "
          f"(target none: {verdict(growth <= GROWTH_LIMIT_KIB)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Seeded random households for the differential check against PolicyEngine UK, and their PolicyEngine situations.

``make_households(count, seed)`` gives households in the CLI's JSON shape (``kiosk.benefits.household``,
docs/benefits-cli.md) spread over everything the check must get right: singles and couples aged 16 to 80,
pensioners with State Pension and private pensions, mixed-age couples, children of both sexes with birth dates
either side of 6 April 2017 (or a bare age), young people in and out of education, earnings and savings either side
of every threshold (work allowances, the benefit cap's earnings exception, £6,000 / £10,000 / £16,000 capital, the
High Income Child Benefit Charge from £60,000 to £80,000), every tenure, the health element for old and new
claimants, carers, PIP, DLA and Attendance Allowance at each rate, in England, London, Wales and Scotland. A couple
who both care are said to care for the same person or not (``partners_care_for_same_person``), which the law needs.

``with_lha(household, lha)`` gives a private renter the Local Housing Allowance the kiosk is told (``lha_monthly``);
the differential check passes the rates PolicyEngine itself uses for the household's area, so both sides cap rent
at the same figures. ``situation_parts(household, year)`` is the same household as PolicyEngine UK's people,
benefit unit and household inputs. Nothing here imports PolicyEngine: tests/benefits/test_policyengine_households.py
checks the generator without it.
"""

from __future__ import annotations

import datetime as dt
import random

from kiosk.benefits.household import LHA_SIZES, Child, age_on, mid_year
from kiosk.benefits.rules.predicates import uc_qualifying_child

#: PolicyEngine's region for each of the kiosk's places (England outside London is given two regions).
REGIONS = {"ENGLAND": ("NORTH_WEST", "WEST_MIDLANDS"), "LONDON": ("LONDON",), "WALES": ("WALES",),
           "SCOTLAND": ("SCOTLAND",)}
#: Around the thresholds: work allowances (£411 / £684 a month), the cap's earnings exception (£846 / £881 a month),
#: the personal allowance, the HICBC taper (£60,000 to £80,000) and Carer's Allowance's earnings limit.
EARNINGS = (2_000, 5_000, 6_500, 8_000, 8_500, 9_000, 10_000, 10_200, 10_700, 11_000, 12_570, 14_000, 18_000,
            22_000, 26_000, 30_000, 36_000, 45_000, 55_000, 59_500, 60_500, 65_000, 70_000, 75_000, 79_500, 80_500,
            100_000, 140_000)
SAVINGS = (0, 0, 0, 500, 3_000, 5_999, 6_000, 6_001, 7_500, 9_999, 10_000, 10_001, 12_500, 15_999, 16_000, 16_001,
           25_000, 60_000)
STATE_PENSION = (0, 5_000, 8_800, 9_175, 11_500, 11_973, 12_548, 14_000)
PRIVATE_PENSION = (0, 0, 0, 800, 2_400, 5_000, 9_000, 18_000, 30_000)
TENURES = ("RENT_PRIVATELY", "RENT_PRIVATELY", "RENT_FROM_COUNCIL", "RENT_FROM_HA", "OWNED_OUTRIGHT",
           "OWNED_WITH_MORTGAGE", "NO_RENT")
#: Band D-ish council tax bills a year by nation, scaled by band (ratios of the Local Government Finance Act 1992).
BAND_D = {"ENGLAND": 2_280, "WALES": 2_170, "SCOTLAND": 1_540}
BAND_RATIO = {"A": 6 / 9, "B": 7 / 9, "C": 8 / 9, "D": 1, "E": 11 / 9, "F": 13 / 9, "G": 15 / 9, "H": 18 / 9}
CHILD_LIMIT_DAY = dt.date(2017, 4, 6)


def _adult(pick: random.Random, kind: str) -> dict:
    """One adult: ``kind`` is "working" (16 to State Pension age), "young" (16 to 24) or "pension" (66 to 80)."""
    if kind == "pension":
        age = pick.randint(66, 80)
    elif kind == "young":
        age = pick.randint(16, 24)
    else:
        age = pick.choice([pick.randint(16, 65), pick.randint(25, 60), pick.randint(60, 65)])
    adult: dict = {"age": age}
    working = pick.random() < (0.25 if kind == "pension" else 0.6)
    if working:
        adult["employment_income_annual"] = pick.choice(EARNINGS[:12] if age < 18 else EARNINGS)
        adult["hours_worked_weekly"] = pick.choice([8, 16, 20, 30, 37.5])
    if kind != "pension" and pick.random() < 0.08:
        adult["self_employment_income_annual"] = pick.choice([3_000, 9_000, 15_000, 30_000])
    if kind == "pension" or (age >= 55 and pick.random() < 0.2):
        adult["private_pension_annual"] = pick.choice(PRIVATE_PENSION)
    if kind == "pension":
        adult["state_pension_annual"] = pick.choice(STATE_PENSION[1:])
        if pick.random() < 0.2:
            adult["attendance_allowance"] = pick.choice(["LOWER", "HIGHER"])
    else:
        if pick.random() < 0.14:
            adult["has_lcwra"] = True
            adult["lcwra_new_claimant"] = pick.random() < 0.5
        if pick.random() < 0.15:
            adult["pip_daily_living"] = pick.choice(["NONE", "STANDARD", "ENHANCED"])
            adult["pip_mobility"] = pick.choice(["NONE", "STANDARD", "ENHANCED"])
    if pick.random() < 0.12:
        adult["caring_hours_weekly"] = pick.choice([20, 35, 35, 40, 50, 70])
        adult["cares_for"] = "SOMEONE_ELSE"
    return adult


def _birth_date(pick: random.Random) -> dt.date:
    """A child's birth date, often within a year of 6 April 2017 (the two-child limit's and the higher first
    child rate's cut-off), always aged 0 to 19 on 6 October of both tax years checked."""
    if pick.random() < 0.35:
        return CHILD_LIMIT_DAY + dt.timedelta(days=pick.randint(-400, 400))
    return dt.date(2006, 10, 7) + dt.timedelta(days=pick.randint(0, (dt.date(2025, 10, 5) - dt.date(2006, 10, 7)).days))


def _child(pick: random.Random) -> dict:
    """One child: a birth date (or now and then a bare age), usually a sex, sometimes DLA."""
    child: dict = {}
    if pick.random() < 0.8:
        born = _birth_date(pick)
        child["birth_date"] = born.isoformat()
        age = age_on(born, dt.date(2025, 10, 6))
    else:
        age = pick.randint(0, 18)
        child["age"] = age
    if pick.random() < 0.92:
        child["sex"] = pick.choice(["MALE", "FEMALE"])
    if age >= 15:
        child["in_education"] = pick.random() < 0.75
    if pick.random() < 0.1:
        child["dla_care"] = pick.choice(["NONE", "LOWER", "MIDDLE", "HIGHER"])
        child["dla_mobility"] = pick.choice(["NONE", "LOWER", "HIGHER"])
    return child


def _shape(pick: random.Random) -> tuple[list[str], int]:
    """Who lives there: the kinds of adult and how many children."""
    shape = pick.choices(
        ["single", "couple", "lone_parent", "family", "young", "pensioner", "pensioner_couple", "mixed_age"],
        weights=[14, 10, 14, 18, 8, 14, 10, 12])[0]
    adults = {"single": ["working"], "couple": ["working", "working"], "lone_parent": ["working"],
              "family": ["working", "working"], "young": ["young"], "pensioner": ["pension"],
              "pensioner_couple": ["pension", "pension"], "mixed_age": ["pension", "working"]}[shape]
    if shape in ("lone_parent", "family"):
        children = pick.choice([1, 1, 2, 2, 3, 3, 4, 5])
    elif shape in ("mixed_age", "young"):
        children = pick.choice([0, 0, 0, 1, 2])
    else:
        children = 0
    return adults, children


def make_household(number: int, pick: random.Random) -> dict:
    """One random household in the CLI's JSON shape (without ``lha_monthly``: see ``with_lha``)."""
    kinds, child_count = _shape(pick)
    place = pick.choices(["ENGLAND", "LONDON", "WALES", "SCOTLAND"], weights=[40, 15, 22, 23])[0]
    country = "ENGLAND" if place == "LONDON" else place
    tenure = pick.choice(TENURES)
    household: dict = {"id": f"pe-{number:04d}", "country": country, "region": pick.choice(REGIONS[place]),
                       "adults": [_adult(pick, kind) for kind in kinds],
                       "children": [_child(pick) for _ in range(child_count)]}
    if tenure != "NO_RENT":  # the JSON has no "NO_RENT": living rent-free is the tenure left out
        household["tenure"] = tenure
    if tenure == "RENT_PRIVATELY":
        household["rent_monthly"] = pick.choice([300, 450, 550, 650, 750, 850, 950, 1_100, 1_300, 1_600, 2_000,
                                                 2_500])
    elif tenure in ("RENT_FROM_COUNCIL", "RENT_FROM_HA"):
        household["rent_monthly"] = pick.choice([350, 420, 480, 560, 650, 780])
    band = pick.choice("AABBCCDDEFGH")
    household["council_tax_band"] = band
    household["council_tax_annual"] = round(BAND_D[country] * BAND_RATIO[band], 2)
    household["savings"] = pick.choice(SAVINGS)
    young_child = any(child.get("age", 99) < 12 or child.get("birth_date", "") > "2013-09-01"
                      for child in household["children"])
    if young_child and any("employment_income_annual" in adult for adult in household["adults"]) \
            and pick.random() < 0.3:
        household["childcare_monthly"] = pick.choice([200, 600, 1_200, 1_800])
    if len(household["adults"]) == 2 and all("cares_for" in adult for adult in household["adults"]):
        # said outright, as the law needs it (UC Regs 2013 reg. 29(2)-(3); SSCBA 1992 s.70(7)): two partners who both
        # care for "someone else" may or may not care for the same person. Every other such household is the same
        # person, by its number, so that the random choices (and every household after it) stay as they were.
        household["partners_care_for_same_person"] = number % 2 == 0
    if any(adult.get("has_lcwra") for adult in household["adults"]) and pick.random() < 0.3:
        household["lcwra_new_claimant"] = pick.random() < 0.5
        for adult in household["adults"]:
            adult.pop("lcwra_new_claimant", None)
    return household


def make_households(count: int, seed: int) -> list[dict]:
    """``count`` households, the same ones for the same ``seed``."""
    pick = random.Random(seed)
    return [make_household(number, pick) for number in range(count)]


def with_lha(household: dict, lha: dict[str, dict[str, float]],
             hb_lha: dict[str, dict[str, float]] | None = None) -> dict:
    """The household with ``lha_monthly`` set from ``lha`` (rates by region, then "shared", "1" .. "4") when it
    rents privately, and ``lha_weekly`` (Housing Benefit's weekly rates) from ``hb_lha`` when given."""
    if household.get("tenure") != "RENT_PRIVATELY":
        return household
    rates = lha[household["region"]]
    priced = {**household, "lha_monthly": {size: rates[size] for size in LHA_SIZES}}
    if hb_lha:
        priced["lha_weekly"] = {size: hb_lha[household["region"]][size] for size in LHA_SIZES}
    return priced


# --- the same household for PolicyEngine UK ------------------------------------------------------------------


def _pe_age(data: dict, year: int) -> tuple[int, int | None]:
    """The age on 6 October of the tax year and, when known, the birth date as PolicyEngine's YYYYMMDD."""
    if "birth_date" in data:
        born = dt.date.fromisoformat(data["birth_date"])
        return age_on(born, mid_year(dt.date(year, 4, 6))), born.year * 10_000 + born.month * 100 + born.day
    return data["age"], None


def situation_parts(household: dict, year: int) -> dict:
    """PolicyEngine UK's inputs for one household and tax year (``year`` 2025 is 2025/26): people, one benefit unit
    and one household, with every benefit claimed (PolicyEngine's take-up flags default to claiming for a
    situation it is given by hand)."""
    people: dict[str, dict] = {}
    for index, adult in enumerate(household["adults"]):
        age, _born = _pe_age(adult, year)
        person = {"age": age, "employment_income": adult.get("employment_income_annual", 0),
                  "self_employment_income": adult.get("self_employment_income_annual", 0),
                  "state_pension": adult.get("state_pension_annual", 0),
                  "private_pension_income": adult.get("private_pension_annual", 0),
                  "hours_worked": adult.get("hours_worked_weekly", 0) * 52,
                  "care_hours": adult.get("caring_hours_weekly", 0),
                  "is_disabled_for_benefits": bool(adult.get("has_lcwra")),
                  "pip_dl_category": adult.get("pip_daily_living", "NONE"),
                  "pip_m_category": adult.get("pip_mobility", "NONE"),
                  "aa_category": adult.get("attendance_allowance", "NONE"),
                  "gender": "FEMALE" if index else "MALE",
                  # said outright: PolicyEngine otherwise guesses a partner much younger than the claimant to be
                  # their child (a couple aged 65 and 37 became a single claimant with a dependant)
                  "is_claimant_or_partner": True, "is_benunit_head": index == 0,
                  # the kiosk's take-home pay follows the tax code without a transferred allowance
                  "would_claim_marriage_allowance": False}
        if index == 0 and household.get("childcare_monthly"):
            person["childcare_expenses"] = household["childcare_monthly"] * 12
        people[f"adult{index}"] = person
    for index, child in enumerate(household.get("children", [])):
        age, born = _pe_age(child, year)
        person = {"age": age, "gender": child.get("sex") or "MALE",
                  "dla_sc_category": child.get("dla_care", "NONE"), "dla_m_category": child.get("dla_mobility", "NONE"),
                  "is_in_non_advanced_education": bool(age < 16 or child.get("in_education", True)),
                  "is_claimant_or_partner": False, "is_benunit_head": False,
                  # entitled to DLA (either component): the disabled child addition (UC Regs 2013 reg 24(2)(a))
                  "is_disabled_for_benefits": child.get("dla_care", "NONE") != "NONE"
                  or child.get("dla_mobility", "NONE") != "NONE"}
        if born is not None:
            person["date_of_birth"] = born
        if age >= 16 and child.get("in_education", True):
            # said outright, as the kiosk takes them: the course began before 19 (Child Benefit (General)
            # Regulations 2006 reg. 3; UC Regulations 2013 reg. 5), and a 19-year-old is a qualifying young person
            # for UC until the 1 September after their 19th birthday (PolicyEngine otherwise drops every 19-year-old)
            person["age_started_or_accepted_current_education_or_training"] = min(age, 18)
            person["is_before_universal_credit_qualifying_young_person_terminal_date"] = uc_qualifying_child(
                Child(age, birth_date=dt.date.fromisoformat(child["birth_date"]) if "birth_date" in child else None),
                mid_year(dt.date(year, 4, 6)))
        people[f"child{index}"] = person
    # the element is at the new-claimant rate only if no one with it is a pre-2026 claimant (UC Regs 2013 reg 36)
    health = [adult.get("lcwra_new_claimant", household.get("lcwra_new_claimant"))
              for adult in household["adults"] if adult.get("has_lcwra")]
    benunit = {"uc_receives_new_claimant_health_element": bool(health) and all(health)}
    if "partners_care_for_same_person" in household:
        benunit["partners_care_for_same_severely_disabled_person"] = household["partners_care_for_same_person"]
    tenure = household.get("tenure", "NO_RENT")
    rents = tenure in ("RENT_PRIVATELY", "RENT_FROM_COUNCIL", "RENT_FROM_HA")
    home = {"region": household["region"] or "NORTH_WEST",
            "tenure_type": "RENT_PRIVATELY" if tenure == "NO_RENT" else tenure,
            "rent": household.get("rent_monthly", 0) * 12 if rents else 0,
            "savings": household.get("savings", 0),
            "council_tax": household.get("council_tax_annual", 0)}
    if household.get("council_tax_band"):
        home["council_tax_band"] = household["council_tax_band"]
    return {"people": people, "benunit": benunit, "household": home}


def lha_probes(regions: list[str]) -> list[dict]:
    """Households whose only use is to read PolicyEngine's monthly LHA for each size in each region: a private
    rent far above any rate, and a family shape per size (shared: single under 35; 1: single 40; 2: one child;
    3: a boy and a girl over 10; 4: four children over 10 and two under 10)."""
    shapes = {"shared": [], "1": [], "2": [{"age": 5, "sex": "MALE"}],
              "3": [{"age": 12, "sex": "MALE"}, {"age": 12, "sex": "FEMALE"}],
              "4": [{"age": 11, "sex": "MALE"}, {"age": 13, "sex": "MALE"}, {"age": 11, "sex": "FEMALE"},
                    {"age": 13, "sex": "FEMALE"}, {"age": 5, "sex": "MALE"}, {"age": 6, "sex": "FEMALE"}]}
    probes = []
    for region in regions:
        for size, children in shapes.items():
            probes.append({"id": f"lha:{region}:{size}", "country": "ENGLAND", "region": region,
                           "adults": [{"age": 25 if size == "shared" else 40}], "children": children,
                           "tenure": "RENT_PRIVATELY", "rent_monthly": 20_000})
    return probes

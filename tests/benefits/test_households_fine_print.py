"""The law's fine print in Universal Credit, on households worked out by hand from the published rates, both tax years.

Pensions and self-employed profit (UC Regulations 2013 regs 57, 66-67; mixed-age couples, SI 2019/37), no employee
or Class 4 National Insurance at State Pension age (SSCBA 1992 s.6(3)), bedrooms (Sch. 4 para 10), the carer element
beside the LCWRA element (regs 27(4), 29(4)), DLA mobility, the benefit cap's exemptions (reg. 83(1)) and the rent
shortfall under the cap. Rates are those in tests/benefits/test_households.py's docstring, and:

    State Pension (new, full) 230.25 a week in 2025/26 = 11,973.00 a year; 241.30 in 2026/27 = 12,547.60.
    Class 4 NI: 6% of profit between 12,570 and 50,270 a year, both years. DLA mobility lower 29.20 / 30.30 a week.
    Income tax as in test_households.py; pensions use up the Personal Allowance first.
"""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.benefits.check import check
from kiosk.benefits.household import Child, household_from_json
from kiosk.benefits.rates import rates_on
from kiosk.benefits.rules.uc_housing import SHARE_ANY_SEX_UNDER, SHARE_SAME_SEX_UNDER, child_bedrooms
from kiosk.benefits.tax import class_4_national_insurance, earnings_take_home_annual, national_insurance

Y2025, Y2026 = dt.date(2025, 4, 6), dt.date(2026, 4, 6)
R25, R26 = rates_on(Y2025), rates_on(Y2026)
D = Decimal
SP25, SP26 = "11973", "12547.60"


def adult(age, **extra):
    return {"age": age, **extra}


def home(adults, children=(), rent=0, tenure="OWNED_OUTRIGHT", **extra):
    return {"country": extra.pop("country", "ENGLAND"), "adults": list(adults),
            "children": [{"age": c} if isinstance(c, int) else c for c in children], "rent_monthly": rent,
            "tenure": tenure, **extra}


def boy(age, **extra):
    return {"age": age, "sex": "MALE", **extra}


def girl(age, **extra):
    return {"age": age, "sex": "FEMALE", **extra}


LCWRA_CARER = adult(45, has_lcwra=True, is_carer=True, cares_for="PARTNER")

# (name, household, date, expected UC figures, expected rent shortfall or None); the working is in the comments.
CASES = [
    ("mixed-age couple 70 and 60, full State Pension, council rent 700, 2025/26",
     home([adult(70, state_pension_annual=SP25), adult(60)], rent=700, tenure="RENT_FROM_COUNCIL"), Y2025,
     # 628.10 couple + 700.00 rent = 1,328.10; State Pension 11,973 / 12 = 997.75 off in full: 330.35.
     # Capped like anyone (couple cap 1,835.00): 330.35 is under it.
     {"standard_allowance": D("628.10"), "unearned_income_deduction": D("997.75"), "monthly": D("330.35")}, None),
    ("mixed-age couple 70 and 60, full State Pension, council rent 700, 2026/27",
     home([adult(70, state_pension_annual=SP26), adult(60)], rent=700, tenure="RENT_FROM_COUNCIL"), Y2026,
     # 666.97 + 700.00 = 1,366.97; 12,547.60 / 12 = 1,045.633 -> 1,045.63; 1,366.97 - 1,045.63 = 321.34
     {"unearned_income_deduction": D("1045.63"), "monthly": D("321.34")}, None),
    ("mixed-age couple, the 67-year-old works (no NI) and has a private pension, private rent, 2026/27",
     home([adult(67, employment_income_annual=20000, hours_worked_weekly=30, private_pension_annual=6000),
           adult(50)], rent=1000, tenure="RENT_PRIVATELY", lha_monthly={"1": 900}), Y2026,
     # tax in respect of the pay (reg. 55(5)(b)): the pay is the larger source, so it holds the allowance and the
     # pension is taxed on its own: (20,000 - 12,570) x 20% = 1,486 on the pay; no Class 1 NI over State Pension
     # age. Pay 20,000 - 1,486 = 18,514 / 12 = 1,542.83. No child, no LCWRA: no work allowance;
     # 55% x 1,542.83 = 848.5565 -> 848.56. Pension 6,000 / 12 = 500.00 (before tax).
     # 666.97 + 900.00 (LHA 1 bedroom) = 1,566.97 - 848.56 - 500.00 = 218.41; the shortfall is 1,000 - 900 = 100.
     {"housing_element": D("900.00"), "earnings_deduction": D("848.56"), "unearned_income_deduction": D("500.00"),
      "monthly": D("218.41")}, D("100.00")),
    ("self-employed single parent in the start-up year, profit 18,000, council rent 600, 2025/26",
     home([adult(30, self_employment_income_annual=18000, hours_worked_weekly=35, self_employed_start_up=True)], [5],
          rent=600, tenure="RENT_FROM_COUNCIL"), Y2025,
     # tax (18,000 - 12,570) x 20% = 1,086; Class 4 (18,000 - 12,570) x 6% = 325.80; 16,588.20 / 12 = 1,382.35.
     # (1,382.35 - 411) x 55% = 534.2425 -> 534.24. 400.14 + 292.81 + 600.00 = 1,292.95 - 534.24 = 758.71.
     # Earnings 1,382.35 >= 846: no cap.
     {"earnings_deduction": D("534.24"), "maximum_amount": D("1292.95"), "monthly": D("758.71")}, None),
    ("self-employed single parent in the start-up year, profit 18,000, council rent 600, 2026/27",
     home([adult(30, self_employment_income_annual=18000, hours_worked_weekly=35, self_employed_start_up=True)], [5],
          rent=600, tenure="RENT_FROM_COUNCIL"), Y2026,
     # same 1,382.35 (thresholds frozen); (1,382.35 - 427) x 55% = 525.4425 -> 525.44;
     # 424.90 + 303.94 + 600.00 = 1,328.84 - 525.44 = 803.40
     {"earnings_deduction": D("525.44"), "monthly": D("803.40")}, None),
    ("two brothers 12 and 14 share: 2 bedrooms, capped, 2025/26",
     home([adult(40)], [boy(12), boy(14)], rent=1300, tenure="RENT_PRIVATELY", lha_monthly={"2": 900, "3": 1100}),
     Y2025,
     # rooms: 1 for the parent + 1 for the brothers = 2 -> LHA 900. 400.14 + 339.00 + 292.81 + 900.00 = 1,931.95.
     # Cap 1,835.00 less Child Benefit (26.05 + 17.25) x 52 / 12 = 187.63: 1,931.95 + 187.63 - 1,835 = 284.58 off;
     # 1,647.37. Housing paid 900 - 284.58 = 615.42, so 1,300 - 615.42 = 684.58 short.
     {"housing_element": D("900.00"), "benefit_cap_reduction": D("284.58"), "monthly": D("1647.37")},
     D("684.58")),
    ("two brothers 12 and 14 share: 2 bedrooms, capped, 2026/27",
     home([adult(40)], [boy(12), boy(14)], rent=1300, tenure="RENT_PRIVATELY", lha_monthly={"2": 900, "3": 1100}),
     Y2026,
     # 424.90 + 351.88 + 303.94 + 900.00 = 1,980.72; Child Benefit (27.05 + 17.90) x 52 / 12 = 194.78;
     # 1,980.72 + 194.78 - 1,835 = 340.50 off -> 1,640.22; short 1,300 - (900 - 340.50) = 740.50
     {"housing_element": D("900.00"), "benefit_cap_reduction": D("340.50"), "monthly": D("1640.22")},
     D("740.50")),
    ("children 12 and 14 of unknown sex: 3 bedrooms assumed, 2026/27",
     home([adult(40)], [12, 14], rent=1300, tenure="RENT_PRIVATELY", lha_monthly={"2": 900, "3": 1100}), Y2026,
     # a room each (they pair only if both under 10): 3 -> LHA 1,100. 424.90 + 655.82 + 1,100 = 2,180.72;
     # + 194.78 - 1,835 = 540.50 off -> 1,640.22
     {"housing_element": D("1100.00"), "benefit_cap_reduction": D("540.50"), "monthly": D("1640.22")},
     D("740.50")),
    ("sisters 11 and 13, brothers 4 and 6, one partner earning: 3 bedrooms (not 4), 2025/26",
     home([adult(35, employment_income_annual=15000, hours_worked_weekly=30), adult(35)],
          [girl(13), girl(11), boy(6), boy(4)], rent=1000, tenure="RENT_PRIVATELY",
          lha_monthly={"3": 950, "4": 1200}), Y2025,
     # rooms: couple 1 + sisters 1 + brothers 1 = 3 -> LHA 950. Two-child limit: 339.00 + 292.81 = 631.81.
     # Pay: tax (15,000 - 12,570) x 20% = 486, NI x 8% = 194.40; 14,319.60 / 12 = 1,193.30 (>= 846: no cap).
     # (1,193.30 - 411) x 55% = 430.265 -> 430.27. 628.10 + 631.81 + 950 = 2,209.91 - 430.27 = 1,779.64
     {"housing_element": D("950.00"), "earnings_deduction": D("430.27"), "monthly": D("1779.64")}, D("50.00")),
    ("sisters 11 and 13, brothers 4 and 6, one partner earning: 3 bedrooms, no two-child limit, 2026/27",
     home([adult(35, employment_income_annual=15000, hours_worked_weekly=30), adult(35)],
          [girl(13), girl(11), boy(6), boy(4)], rent=1000, tenure="RENT_PRIVATELY",
          lha_monthly={"3": 950, "4": 1200}), Y2026,
     # 351.88 + 3 x 303.94 = 1,263.70; (1,193.30 - 427) x 55% = 421.465 -> 421.47;
     # 666.97 + 1,263.70 + 950 = 2,880.67 - 421.47 = 2,459.20
     {"child_element": D("1263.70"), "earnings_deduction": D("421.47"), "monthly": D("2459.20")}, D("50.00")),
    ("both partners LCWRA, one cares for the other: one LCWRA element and the carer element, 2025/26",
     home([LCWRA_CARER, adult(45, has_lcwra=True)]), Y2025,
     # reg. 27(4): one LCWRA element 423.27; reg. 29(4): it is the partner's, so the carer keeps 201.68.
     # 628.10 + 423.27 + 201.68 = 1,253.05 less Carer's Allowance 83.30 x 52 / 12 = 360.97: 892.08
     {"lcwra_element": D("423.27"), "carer_element": D("201.68"), "monthly": D("892.08")}, None),
    ("both partners LCWRA, one cares for the other: one LCWRA element and the carer element, 2026/27",
     home([LCWRA_CARER, adult(45, has_lcwra=True)]), Y2026,
     # 666.97 + 429.80 (protected) + 209.34 = 1,306.11 less 86.45 x 52 / 12 = 374.62: 931.49
     {"lcwra_element": D("429.80"), "carer_element": D("209.34"), "monthly": D("931.49")}, None),
    ("the carer alone has LCWRA: only the LCWRA element, 2025/26",
     home([LCWRA_CARER, adult(45)]), Y2025,
     # 628.10 + 423.27 = 1,051.37 - 360.97 = 690.40
     {"carer_element": D("0"), "monthly": D("690.40")}, None),
    ("child with DLA mobility only: disabled child addition and no cap, 2025/26",
     home([adult(30)], [{"age": 6, "dla_mobility": "LOWER"}], rent=1500, tenure="RENT_FROM_HA"), Y2025,
     # 400.14 + 292.81 + 158.76 (lower addition) + 1,500 = 2,351.71; DLA exempts: no cap
     {"disabled_child_element": D("158.76"), "benefit_cap_reduction": D("0"), "monthly": D("2351.71")}, None),
    ("child with DLA mobility only: disabled child addition and no cap, 2026/27",
     home([adult(30)], [{"age": 6, "dla_mobility": "LOWER"}], rent=1500, tenure="RENT_FROM_HA"), Y2026,
     # 424.90 + 303.94 + 164.79 + 1,500 = 2,393.63
     {"disabled_child_element": D("164.79"), "monthly": D("2393.63")}, None),
    ("mixed-age couple with children is capped (no age exemption), 2026/27",
     home([adult(67, state_pension_annual=6000), adult(40)], [3, 5], rent=2000, tenure="RENT_FROM_COUNCIL"),
     Y2026,
     # 666.97 + 2 x 303.94 + 2,000 = 3,274.85 - 500.00 pension = 2,774.85; + 194.78 - 1,835 = 1,134.63 off:
     # 1,640.22. Housing paid 2,000 - 1,134.63 = 865.37: 1,134.63 short.
     {"benefit_cap_reduction": D("1134.63"), "monthly": D("1640.22")}, D("1134.63")),
    ("mixed-age couple, the older one gets Attendance Allowance: no cap, 2025/26",
     home([adult(70, state_pension_annual=3000, attendance_allowance="LOWER"), adult(50)], [3, 5], rent=1800,
          tenure="RENT_FROM_COUNCIL"), Y2025,
     # 628.10 + 2 x 292.81 + 1,800 = 3,013.72 - 250.00 = 2,763.72; Attendance Allowance exempts (reg. 83(1)(c))
     {"benefit_cap_reduction": D("0"), "monthly": D("2763.72")}, None),
    ("six children, rent 2,500: the cap takes more than the housing element, 2026/27",
     home([adult(35), adult(35)], [12, 10, 8, 6, 4, 2], rent=2500, tenure="RENT_FROM_COUNCIL"), Y2026,
     # 666.97 + 351.88 + 5 x 303.94 + 2,500 = 5,038.55; Child Benefit (27.05 + 5 x 17.90) x 52 / 12 = 505.05;
     # 5,038.55 + 505.05 - 1,835 = 3,708.60 off -> 1,329.95. The cap takes all of the housing element (and more):
     # the whole rent of 2,500 is short, not 2,500 - 2,500 + 3,708.60.
     {"benefit_cap_reduction": D("3708.60"), "monthly": D("1329.95")}, D("2500.00")),
    ("six children, rent 2,500, the cap takes more than the housing element, 2025/26",
     home([adult(35), adult(35)], [12, 10, 8, 6, 4, 2], rent=2500, tenure="RENT_FROM_COUNCIL"), Y2025,
     # the 12-, 10- and 8-year-olds were born before 6 April 2017 (8 on 6 April 2025: born 7 April 2016 to
     # 6 April 2017), so the two-child limit leaves them: 339.00 + 2 x 292.81 = 924.62.
     # 628.10 + 924.62 + 2,500 = 4,052.72; Child Benefit (26.05 + 5 x 17.25) x 52 / 12 = 486.63;
     # 4,052.72 + 486.63 - 1,835 = 2,704.35 off -> 1,348.37: more than the housing element, so all 2,500 is short
     {"child_element": D("924.62"), "benefit_cap_reduction": D("2704.35"), "monthly": D("1348.37")},
     D("2500.00")),
]


@pytest.mark.parametrize("name, data, day, expected, shortfall", CASES, ids=[c[0] for c in CASES])
def test_universal_credit_matches_the_sum_worked_by_hand(name, data, day, expected, shortfall):
    results = check(household_from_json(data, on_date=day), day)
    for field, value in expected.items():
        assert getattr(results.universal_credit, field) == value, field
    dhp = results.get("discretionary_housing_payment")
    assert (dhp.reason_params.get("shortfall") if dhp.status == "possible" else None) == shortfall


def test_there_are_at_least_12_households_across_both_years():
    assert len(CASES) >= 12 and {day for _, _, day, _, _ in CASES} == {Y2025, Y2026}


def test_the_working_says_what_it_counted_and_assumed():
    keys = {name: [line.message_key for line in check(household_from_json(data, on_date=day), day)
                   .universal_credit.lines] for name, data, day, _, _ in CASES}
    assert "benefits.line.uc.mixed_age_couple" in keys[CASES[0][0]]
    assert keys[CASES[0][0]].count("benefits.line.uc.unearned_pension") == 1
    assert "benefits.line.uc.self_employed_no_mif" in keys[CASES[3][0]]
    assert "benefits.line.uc.bedrooms_sex_unknown" in keys[CASES[7][0]]
    assert "benefits.line.uc.bedrooms_sex_unknown" not in keys[CASES[6][0]]
    assert "benefits.line.uc.cap_exempt_disability" in keys[CASES[16][0]]


def test_dla_mobility_is_paid_with_dla():
    data = home([adult(30)], [{"age": 6, "dla_mobility": "LOWER"}])
    # 29.20 x 52 / 12 = 126.53; 30.30 x 52 / 12 = 131.30
    assert check(household_from_json(data), Y2025).get("dla_cdp").monthly == D("126.53")
    assert check(household_from_json(data), Y2026).get("dla_cdp").monthly == D("131.30")


# --- National Insurance at State Pension age, Class 4 --------------------------------------------------------------

@pytest.mark.parametrize("rates", [R25, R26], ids=["2025/26", "2026/27"])
def test_no_employee_or_class_4_national_insurance_at_state_pension_age(rates):
    # under pension age: (20,000 - 12,570) x 8% = 594.40 Class 1; x 6% = 445.80 Class 4
    assert national_insurance(D(20000), rates) == D("594.40")
    assert national_insurance(D(20000), rates, pension_age=True) == 0
    assert class_4_national_insurance(D(20000), rates) == D("445.80")
    assert class_4_national_insurance(D(20000), rates, pension_age=True) == 0
    # above the Upper Profits Limit: 37,700 x 6% + 9,730 x 2% = 2,262 + 194.60 = 2,456.60
    assert class_4_national_insurance(D(60000), rates) == D("2456.60")


def test_earnings_take_home_taxes_earnings_on_top_of_pensions():
    # pension 10,000 leaves 2,570 of the allowance: pay 10,000 taxed on 7,430 x 20% = 1,486; NI 0 over pension age
    assert earnings_take_home_annual(D(10000), D(0), D(10000), R26, pension_age=True) == D("8514.00")


# --- bedrooms: the fewest rooms, checked against trying every pairing -------------------------------------------

def can_share(a: Child, b: Child) -> bool:
    """Sch. 4 para 10: two children under 10, or two of the same (known) sex under 16."""
    if a.age < SHARE_ANY_SEX_UNDER and b.age < SHARE_ANY_SEX_UNDER:
        return True
    return (a.age < SHARE_SAME_SEX_UNDER and b.age < SHARE_SAME_SEX_UNDER and a.sex is not None
            and a.sex == b.sex)


def fewest_rooms(children: tuple[Child, ...]) -> int:
    """Try every way of pairing the children: the first either sleeps alone or shares with someone who may."""
    if not children:
        return 0
    first, rest = children[0], children[1:]
    best = 1 + fewest_rooms(rest)
    for i, other in enumerate(rest):
        if can_share(first, other):
            best = min(best, 1 + fewest_rooms(rest[:i] + rest[i + 1:]))
    return best


CHILDREN = st.lists(st.builds(Child, age=st.integers(0, 19), sex=st.sampled_from(["MALE", "FEMALE", None])),
                    max_size=8)


@settings(max_examples=300, deadline=None)
@given(CHILDREN)
def test_child_bedrooms_are_the_fewest_any_pairing_gives(children):
    assert child_bedrooms(children) == fewest_rooms(tuple(children))


@settings(max_examples=200, deadline=None)
@given(CHILDREN)
def test_the_best_case_is_the_fewest_over_every_choice_of_the_unknown_sexes(children):
    unknown = [i for i, child in enumerate(children) if child.sex is None]
    best = min(fewest_rooms(tuple(Child(c.age, sex=dict(zip(unknown, sexes)).get(i, c.sex))
                                  for i, c in enumerate(children)))
               for sexes in itertools.product(["MALE", "FEMALE"], repeat=len(unknown)))
    assert child_bedrooms(children, best_case=True) == best

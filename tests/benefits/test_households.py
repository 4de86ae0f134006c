"""Households worked out by hand from the published rates, for both tax years; the working is in each case.

Rates used (monthly unless said; sources in assets/rules/rates-*.toml):

    2025/26: standard allowance single <25 316.98, 25+ 400.14, couple <25 497.55, 25+ 628.10; child 292.81, first
    child born before 6 April 2017 339.00; disabled child lower 158.76, higher 495.87; LCWRA 423.27; carer 201.68;
    work allowance 411 with housing, 684 without; Child Benefit 26.05 / 17.25 a week; Carer's Allowance 83.30 a
    week; cap earnings threshold floor(16 x 12.21 x 52 / 12) = 846.
    2026/27: 338.58, 424.90, 528.34, 666.97; child 303.94, first child before 2017 351.88; disabled child 164.79 /
    514.71; LCWRA 217.26 new claimants, 429.80 protected; carer 209.34; work allowance 427 / 710; Child Benefit
    27.05 / 17.90; Carer's Allowance 86.45; cap threshold floor(16 x 12.71 x 52 / 12) = 881.
    Benefit cap a month: outside London 1,835.00 family, 1,229.42 single; London 2,110.25 family, 1,413.92 single.
    Tax and NI (England): between £12,570 and £50,270 a year, 20% tax and 8% NI on the amount over £12,570.
    Weekly to monthly: x 52 / 12, to the penny.
"""

import datetime as dt
from decimal import Decimal

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import household_from_json

Y2025, Y2026 = dt.date(2025, 4, 6), dt.date(2026, 4, 6)
D = Decimal


def adult(age, gross=0, hours=0, **extra):
    return {"age": age, "employment_income_annual": gross, "hours_worked_weekly": hours, "is_disabled": False,
            "is_carer": False, "has_lcwra": False, **extra}


def home(adults, children=(), rent=0, tenure="OWNED_OUTRIGHT", country="ENGLAND", **extra):
    return {"country": country, "adults": list(adults), "children": [{"age": c} if isinstance(c, int) else c
                                                                      for c in children],
            "rent_monthly": rent, "tenure": tenure, "savings": extra.pop("savings", 0), **extra}


# Each case: (name, household, date, expected UC figures; "working" shows the sum).
CASES = [
    ("single 30, no income, council rent 500, 2025/26",
     home([adult(30)], rent=500, tenure="RENT_FROM_COUNCIL"), Y2025,
     # 400.14 standard + 500.00 rent = 900.14; under the single cap 1,229.42
     {"standard_allowance": D("400.14"), "housing_element": D("500.00"), "monthly": D("900.14")}),
    ("single 30, no income, council rent 500, 2026/27",
     home([adult(30)], rent=500, tenure="RENT_FROM_COUNCIL"), Y2026,
     # 424.90 + 500.00 = 924.90
     {"standard_allowance": D("424.90"), "monthly": D("924.90")}),
    ("single 22, no income, no rent, 2025/26", home([adult(22)]), Y2025,
     {"monthly": D("316.98")}),
    ("single 22, no income, no rent, 2026/27", home([adult(22)]), Y2026,
     {"monthly": D("338.58")}),
    ("couple 30/28, children 5 and 3, HA rent 650, capped, 2025/26",
     home([adult(30), adult(28)], [5, 3], rent=650, tenure="RENT_FROM_HA"), Y2025,
     # 628.10 + 2 x 292.81 (585.62) + 650 = 1,863.72; Child Benefit (26.05 + 17.25) x 52 / 12 = 187.63;
     # 1,863.72 + 187.63 = 2,051.35 over the 1,835.00 family cap by 216.35; UC 1,863.72 - 216.35 = 1,647.37
     {"child_element": D("585.62"), "maximum_amount": D("1863.72"), "benefit_cap_reduction": D("216.35"),
      "monthly": D("1647.37")}),
    ("couple 30/28, children 5 and 3, HA rent 650, capped, 2026/27",
     home([adult(30), adult(28)], [5, 3], rent=650, tenure="RENT_FROM_HA"), Y2026,
     # 666.97 + 2 x 303.94 (607.88) + 650 = 1,924.85; CB 44.95 x 52 / 12 = 194.78; 2,119.63 - 1,835 = 284.63
     {"maximum_amount": D("1924.85"), "benefit_cap_reduction": D("284.63"), "monthly": D("1640.22")}),
    ("lone parent, 3 children 12/7/4, two-child limit, 2025/26",
     home([adult(35)], [12, 7, 4], rent=600, tenure="RENT_FROM_COUNCIL"), Y2025,
     # eldest (12) born before 6/4/2017: 339.00; second (7, born 2017-18): 292.81; third (4): limit, nothing.
     # 400.14 + 631.81 + 600 = 1,631.95; CB (26.05 + 2 x 17.25) x 52 / 12 = 262.38; 1,894.33 - 1,835 = 59.33
     {"child_element": D("631.81"), "benefit_cap_reduction": D("59.33"), "monthly": D("1572.62")}),
    ("lone parent, 3 children 12/7/4, no two-child limit, 2026/27",
     home([adult(35)], [12, 7, 4], rent=600, tenure="RENT_FROM_COUNCIL"), Y2026,
     # 351.88 + 2 x 303.94 = 959.76; 424.90 + 959.76 + 600 = 1,984.66; CB 62.85 x 52 / 12 = 272.35;
     # 2,257.01 - 1,835 = 422.01; UC 1,562.65
     {"child_element": D("959.76"), "benefit_cap_reduction": D("422.01"), "monthly": D("1562.65")}),
    ("single 40 working, £18,000, private rent above LHA, 2025/26",
     home([adult(40, 18000, 30)], rent=750, tenure="RENT_PRIVATELY", lha_monthly={"1": 650}), Y2025,
     # net: 18,000 - 20% and 8% of 5,430 (1,086 + 434.40) = 16,479.60 / 12 = 1,373.30; no work allowance;
     # 55% = 755.32; 400.14 + 650 (LHA, 1 bedroom) = 1,050.14 - 755.32 = 294.82; earnings lift the cap
     {"housing_element": D("650.00"), "earnings_deduction": D("755.32"), "monthly": D("294.82")}),
    ("single 40 working, £18,000, private rent above LHA, 2026/27",
     home([adult(40, 18000, 30)], rent=750, tenure="RENT_PRIVATELY", lha_monthly={"1": 650}), Y2026,
     # 424.90 + 650 - 755.32 = 319.58
     {"earnings_deduction": D("755.32"), "monthly": D("319.58")}),
    ("single 24, private rent, shared room rate, 2025/26",
     home([adult(24)], rent=500, tenure="RENT_PRIVATELY", lha_monthly={"shared": 350, "1": 600}), Y2025,
     # under 35 with no children: shared accommodation rate 350; 316.98 + 350 = 666.98
     {"housing_element": D("350.00"), "monthly": D("666.98")}),
    ("single 24, private rent, shared room rate, 2026/27",
     home([adult(24)], rent=500, tenure="RENT_PRIVATELY", lha_monthly={"shared": 350, "1": 600}), Y2026,
     {"monthly": D("688.58")}),
    ("couple 40/38, one earns £30,000, children 10 and 8, council rent 700, 2025/26",
     home([adult(40, 30000, 37), adult(38)], [10, 8], rent=700, tenure="RENT_FROM_COUNCIL"), Y2025,
     # net 30,000 - 28% of 17,430 (4,880.40) = 25,119.60 / 12 = 2,093.30; both children born before 6/4/2017:
     # 339.00 + 292.81 = 631.81; 628.10 + 631.81 + 700 = 1,959.91; 55% of (2,093.30 - 411) = 925.27; 1,034.64
     {"child_element": D("631.81"), "earnings_deduction": D("925.27"), "monthly": D("1034.64")}),
    ("couple 40/38, one earns £30,000, children 10 and 8, council rent 700, 2026/27",
     home([adult(40, 30000, 37), adult(38)], [10, 8], rent=700, tenure="RENT_FROM_COUNCIL"), Y2026,
     # the 8 year old was born after 6/4/2017 now: 351.88 + 303.94 = 655.82; 666.97 + 655.82 + 700 = 2,022.79;
     # 55% of (2,093.30 - 427) = 916.47; 1,106.32
     {"child_element": D("655.82"), "earnings_deduction": D("916.47"), "monthly": D("1106.32")}),
    ("single 45 with LCWRA, HA rent 550, 2025/26",
     home([adult(45, has_lcwra=True, is_disabled=True)], rent=550, tenure="RENT_FROM_HA"), Y2025,
     # 400.14 + 423.27 + 550 = 1,373.41 (the health element lifts the cap)
     {"lcwra_element": D("423.27"), "monthly": D("1373.41")}),
    ("single 45 with LCWRA before April 2026 (protected), 2026/27",
     home([adult(45, has_lcwra=True, is_disabled=True)], rent=550, tenure="RENT_FROM_HA"), Y2026,
     # 424.90 + 429.80 + 550 = 1,404.70
     {"lcwra_element": D("429.80"), "monthly": D("1404.70")}),
    ("single 45 with LCWRA as a new claimant, 2026/27",
     home([adult(45, has_lcwra=True, lcwra_new_claimant=True)], rent=550, tenure="RENT_FROM_HA"), Y2026,
     # 424.90 + 217.26 + 550 = 1,192.16
     {"lcwra_element": D("217.26"), "monthly": D("1192.16")}),
    ("single carer 50, no work, 2025/26", home([adult(50, is_carer=True)]), Y2025,
     # 400.14 + 201.68 = 601.82; Carer's Allowance 83.30 x 52 / 12 = 360.97 taken off: 240.85
     {"carer_element": D("201.68"), "unearned_income_deduction": D("360.97"), "monthly": D("240.85")}),
    ("single carer 50, no work, 2026/27", home([adult(50, is_carer=True)]), Y2026,
     # 424.90 + 209.34 = 634.24; 86.45 x 52 / 12 = 374.62; 259.62
     {"carer_element": D("209.34"), "unearned_income_deduction": D("374.62"), "monthly": D("259.62")}),
    ("single 30 with £10,000 savings, 2025/26", home([adult(30)], savings=10000), Y2025,
     # (10,000 - 6,000) / 250 = 16 steps x 4.35 = 69.60; 400.14 - 69.60 = 330.54
     {"capital_deduction": D("69.60"), "monthly": D("330.54")}),
    ("single 30 with £8,100 savings, 2026/27", home([adult(30)], savings=8100), Y2026,
     # 2,100 / 250 = 8.4, so 9 steps x 4.35 = 39.15; 424.90 - 39.15 = 385.75
     {"capital_deduction": D("39.15"), "monthly": D("385.75")}),
    ("single 30 with £16,500 savings: no UC, 2025/26", home([adult(30)], savings=16500), Y2025,
     {"monthly": D("0.00")}),
    ("couple both working, child 3, childcare 600, private rent 900, 2025/26",
     home([adult(30, 20000, 30), adult(30, 12000, 25)], [3], rent=900, tenure="RENT_PRIVATELY",
          childcare_monthly=600, lha_monthly={"2": 800}), Y2025,
     # net 1,493.30 (20,000 - 28% of 7,430) + 1,000.00 (12,000, no tax or NI) = 2,493.30;
     # 628.10 + 292.81 + 85% of 600 (510.00) + 800 (LHA, 2 bedrooms) = 2,230.91; 55% of 2,082.30 = 1,145.27
     {"childcare_element": D("510.00"), "housing_element": D("800.00"), "earnings_deduction": D("1145.27"),
      "monthly": D("1085.64")}),
    ("couple both working, child 3, childcare 600, private rent 900, 2026/27",
     home([adult(30, 20000, 30), adult(30, 12000, 25)], [3], rent=900, tenure="RENT_PRIVATELY",
          childcare_monthly=600, lha_monthly={"2": 800}), Y2026,
     # 666.97 + 303.94 + 510 + 800 = 2,280.91; 55% of (2,493.30 - 427) = 1,136.47; 1,144.44
     {"maximum_amount": D("2280.91"), "earnings_deduction": D("1136.47"), "monthly": D("1144.44")}),
    ("London lone parent, child 2, private rent, capped, 2025/26",
     home([adult(29)], [2], rent=1500, tenure="RENT_PRIVATELY", region="LONDON", lha_monthly={"2": 1400}), Y2025,
     # 400.14 + 292.81 + 1,400 = 2,092.95; CB 26.05 x 52 / 12 = 112.88; 2,205.83 - 2,110.25 = 95.58
     {"benefit_cap_reduction": D("95.58"), "monthly": D("1997.37")}),
    ("London lone parent, child 2, private rent, capped, 2026/27",
     home([adult(29)], [2], rent=1500, tenure="RENT_PRIVATELY", region="LONDON", lha_monthly={"2": 1400}), Y2026,
     # 424.90 + 303.94 + 1,400 = 2,128.84; CB 117.22; 2,246.06 - 2,110.25 = 135.81
     {"benefit_cap_reduction": D("135.81"), "monthly": D("1993.03")}),
    ("London single 40, private rent, single London cap, 2025/26",
     home([adult(40)], rent=1300, tenure="RENT_PRIVATELY", region="LONDON", lha_monthly={"1": 1200}), Y2025,
     # 400.14 + 1,200 = 1,600.14, over 1,413.92 by 186.22
     {"benefit_cap_reduction": D("186.22"), "monthly": D("1413.92")}),
    ("London single 40, private rent, single London cap, 2026/27",
     home([adult(40)], rent=1300, tenure="RENT_PRIVATELY", region="LONDON", lha_monthly={"1": 1200}), Y2026,
     # 424.90 + 1,200 = 1,624.90, over 1,413.92 by 210.98
     {"benefit_cap_reduction": D("210.98"), "monthly": D("1413.92")}),
    ("single 40 outside London, council rent 900, single cap, 2025/26",
     home([adult(40)], rent=900, tenure="RENT_FROM_COUNCIL"), Y2025,
     # 400.14 + 900 = 1,300.14, over 1,229.42 by 70.72
     {"benefit_cap_reduction": D("70.72"), "monthly": D("1229.42")}),
    ("single 40 outside London, council rent 900, single cap, 2026/27",
     home([adult(40)], rent=900, tenure="RENT_FROM_COUNCIL"), Y2026,
     # 424.90 + 900 = 1,324.90, over by 95.48
     {"benefit_cap_reduction": D("95.48"), "monthly": D("1229.42")}),
    ("lone parent, child 6 on the highest DLA care rate, 2025/26",
     home([adult(33)], [{"age": 6, "is_disabled": True, "dla_care": "HIGHER"}], rent=500,
          tenure="RENT_FROM_COUNCIL"), Y2025,
     # 400.14 + 292.81 + 495.87 + 500 = 1,688.82 (DLA lifts the cap)
     {"disabled_child_element": D("495.87"), "monthly": D("1688.82")}),
    ("lone parent, child 6 on the highest DLA care rate, 2026/27",
     home([adult(33)], [{"age": 6, "is_disabled": True, "dla_care": "HIGHER"}], rent=500,
          tenure="RENT_FROM_COUNCIL"), Y2026,
     # 424.90 + 303.94 + 514.71 + 500 = 1,743.55
     {"disabled_child_element": D("514.71"), "monthly": D("1743.55")}),
    ("Scottish couple, one earns £28,000, child 6, HA rent 600, 2026/27",
     home([adult(35, 28000, 37), adult(35)], [6], rent=600, tenure="RENT_FROM_HA", country="SCOTLAND"), Y2026,
     # Scottish tax on 15,430: 19% of 3,967 (753.73) + 20% of 11,463 (2,292.60) = 3,046.33; NI 8% = 1,234.40;
     # net (28,000 - 4,280.73) / 12 = 1,976.61; 666.97 + 303.94 + 600 = 1,570.91; 55% of 1,549.61 = 852.29
     {"earnings_deduction": D("852.29"), "monthly": D("718.62")}),
    ("Scottish single earning £20,000, social rent 600, 2025/26",
     home([adult(30, 20000, 35)], rent=600, tenure="RENT_FROM_COUNCIL", country="SCOTLAND"), Y2025,
     # Scottish tax on 7,430: 19% of 2,827 (537.13) + 20% of 4,603 (920.60) = 1,457.73; NI 594.40;
     # net 17,947.87 / 12 = 1,495.66; no work allowance: 55% = 822.61; 400.14 + 600 - 822.61 = 177.53
     {"earnings_deduction": D("822.61"), "monthly": D("177.53")}),
    ("couple under 25 (22 and 23), no income, 2025/26", home([adult(22), adult(23)]), Y2025,
     {"standard_allowance": D("497.55"), "monthly": D("497.55")}),
    ("couple 24 and 26, no income, 2026/27", home([adult(24), adult(26)]), Y2026,
     {"standard_allowance": D("666.97"), "monthly": D("666.97")}),
    ("couple 24 and 23, no income, 2026/27", home([adult(24), adult(23)]), Y2026,
     {"standard_allowance": D("528.34"), "monthly": D("528.34")}),
]


@pytest.mark.parametrize("name, data, day, expected", CASES, ids=[c[0] for c in CASES])
def test_universal_credit_matches_the_sum_worked_by_hand(name, data, day, expected):
    results = check(household_from_json(data), day)
    for field, value in expected.items():
        assert getattr(results.universal_credit, field) == value, field


def test_there_are_at_least_30_households_across_both_years():
    assert len(CASES) >= 30
    assert {day for _, _, day, _ in CASES} == {Y2025, Y2026}


# Other benefits, worked by hand.

OTHER = [
    ("Child Benefit, three children, 2025/26", home([adult(35)], [12, 7, 4]), Y2025, "child_benefit",
     # (26.05 + 2 x 17.25) = 60.55 a week x 52 / 12 = 262.38
     D("262.38")),
    ("Child Benefit, two children, charge at £70,000, 2025/26", home([adult(40, 70000, 37), adult(40)], [10, 12]),
     Y2025, "child_benefit",
     # 43.30 x 52 = 2,251.60 a year, 187.63 a month; charge (70,000 - 60,000) / 200 = 50% = 1,125.80 a year,
     # 93.82 a month; 187.63 - 93.82 = 93.81
     D("93.81")),
    ("Child Benefit, two children, charge at £70,000, 2026/27", home([adult(40, 70000, 37), adult(40)], [10, 12]),
     Y2026, "child_benefit",
     # 44.95 x 52 = 2,337.40 a year, 194.78 a month; 50% = 1,168.70 a year, 97.39 a month; 97.39
     D("97.39")),
    ("Child Benefit all taken back at £80,000, 2026/27", home([adult(40, 80000, 37)], [3]), Y2026,
     "child_benefit", D("0.00")),
    ("Carer's Allowance, 2025/26", home([adult(50, is_carer=True)]), Y2025, "carers_allowance",
     D("360.97")),  # 83.30 x 52 / 12
    ("Carer Support Payment with the Scottish Carer Supplement, 2026/27",
     home([adult(50, is_carer=True)], country="SCOTLAND"), Y2026, "carers_allowance",
     D("425.32")),  # (86.45 + 11.70) = 98.15 x 52 / 12 = 425.32
    ("Scottish Child Payment, one child, 2026/27",
     home([adult(35, 28000, 37), adult(35)], [6], rent=600, tenure="RENT_FROM_HA", country="SCOTLAND"), Y2026,
     "scottish_child_payment", D("122.20")),  # 28.20 x 52 / 12
    ("Scottish Child Payment, two children, 2025/26",
     home([adult(30)], [3, 8], country="SCOTLAND"), Y2025, "scottish_child_payment",
     D("235.30")),  # 2 x 27.15 = 54.30 x 52 / 12
    ("DLA highest care rate already received, 2025/26",
     home([adult(33)], [{"age": 6, "is_disabled": True, "dla_care": "HIGHER"}]), Y2025, "dla_cdp",
     D("478.40")),  # 110.40 x 52 / 12
    ("PIP standard daily living and enhanced mobility received, 2026/27",
     home([adult(40, pip_daily_living="STANDARD", pip_mobility="ENHANCED")]), Y2026, "pip_adp",
     D("679.03")),  # (76.70 + 80.00) = 156.70 x 52 / 12 = 679.03
    ("New Style JSA, 25 or over, no work, 2026/27", home([adult(30)]), Y2026, "new_style_jsa",
     D("414.05")),  # 95.55 x 52 / 12
    ("New Style JSA, under 25, 2025/26", home([adult(20)]), Y2025, "new_style_jsa",
     D("315.90")),  # 72.90 x 52 / 12
    ("New Style ESA support group, 2025/26", home([adult(45, has_lcwra=True)]), Y2025, "new_style_esa",
     D("609.05")),  # (92.05 + 48.50) = 140.55 x 52 / 12
    ("Marriage Allowance, 2025/26", home([adult(40, 30000, 37), adult(40)]), Y2025, "marriage_allowance",
     D("21.00")),  # 1,260 x 20% = 252 a year / 12
    ("Warm Home Discount on UC, 2026/27", home([adult(30)]), Y2026, "warm_home_discount",
     D("12.50")),  # 150 / 12
    ("Healthy Start, baby and toddler, on UC, 2025/26", home([adult(25)], [0, 2]), Y2025, "healthy_start",
     D("55.25")),  # (442 + 221) / 12
    ("Tax-Free Childcare, working couple not on UC, 2026/27",
     home([adult(35, 45000, 37), adult(35, 40000, 37)], [4], childcare_monthly=800), Y2026, "tax_free_childcare",
     D("160.00")),  # 20% of 800 = 160, under 2,000 / 12 = 166.67
]


@pytest.mark.parametrize("name, data, day, benefit, monthly", OTHER, ids=[c[0] for c in OTHER])
def test_other_benefits_match_the_sum_worked_by_hand(name, data, day, benefit, monthly):
    assert check(household_from_json(data), day).get(benefit).monthly == monthly

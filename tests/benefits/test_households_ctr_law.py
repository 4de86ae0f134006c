"""Council Tax Reduction: households worked by hand where the differential check against PolicyEngine UK found the
kiosk wrong, for both tax years, through ``household_from_json`` and ``check()`` as the CLI runs them.

Rates (assets/rules/rates-*.toml), £ a week unless said: pension-age couple allowance 346.60 (2025/26) / 363.25
(2026/27), the higher one (State Pension age before 1 April 2021; Wales's only pension-age rate) 366.00 / 383.35;
earnings disregard couple 10, carer or disabled 20, additional 17.10; Carer's Allowance earnings limit 196 / 204;
income tax 20% over 12,570 a year; Class 1 and Class 4 National Insurance 8% / 6% over 12,570 a year; UC single 25 or
over 400.14 / 424.90 a month, taper 55%. Taper 20%; each financial year has 365 days, so x a week of excess income
takes 0.2 * x * 365 / 7 off the year's reduction. Ages are on 6 October of the tax year.
"""

import datetime as dt
from decimal import Decimal

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.household import household_from_json

D = Decimal
YEARS = pytest.mark.parametrize("year", [2025, 2026], ids=["2025-26", "2026-27"])


def ctr(data, year):
    day = dt.date(year, 10, 6)
    return check(household_from_json(data, on_date=day), day).get("council_tax_reduction")


@YEARS
def test_no_reduction_when_everyone_is_under_18(year):
    # no one under 18 is liable for council tax (LGFA 1992 s.6(1); s.75(1) in Scotland) and a home where only
    # under-18s live is exempt (SI 1992/558 art. 3 Class S): there is no bill to reduce, whatever was entered
    data = {"country": "WALES", "adults": [{"age": 17, "pip_daily_living": "ENHANCED"}], "children": [],
            "tenure": "OWNED_OUTRIGHT", "council_tax_annual": 1446.67, "savings": 3000}
    decision = ctr(data, year)
    assert decision.status == "unlikely" and decision.reason == "benefits.reason.ctr.under_18"


@pytest.mark.parametrize("year, expected", [(2025, D("98.94")), (2026, D("113.41"))])
def test_pension_age_carer_earning_over_the_carers_allowance_limit_gets_the_couple_disregard(year, expected):
    # England, a couple aged 70 (State Pension 9,000) and 50 (pay 18,000, 37 hours, caring 35 hours); not on UC
    # (UC's earnings and pension deductions exceed its maximum), so the pension-age scheme (SI 2012/2885).
    # The carer's take-home is (18,000 - 1,086 tax - 434.40 NI) / 52 = 316.92 a week, over the Carer's Allowance
    # limit: no Carer's Allowance, so no carer's £20 disregard (SI 2006/214 Sch. 4 para. 4, as SI 2012/2885 Sch. 4),
    # only the couple's £10.
    # Income a week: pension 9,000 / 52 = 173.08; earnings 18,000 / 52 = 346.15 less 10 less the additional 17.10
    # (37 hours, aged 25 or over); less tax and NI 1,520.40 / 52 = 29.24: 173.08 + 346.15 - 10 - 17.10 - 29.24
    # = 462.89. Needs: the couple allowance (70: State Pension age after 1 April 2021).
    # 2025/26: excess 462.89 - 346.60 = 116.29; taper 0.2 * 116.29 * 365 / 7 = 1,212.74; 2,400 - 1,212.74 =
    #   1,187.26 a year = 98.94 a month (with the £20 it was 107.63).
    # 2026/27: excess 462.89 - 363.25 = 99.64; taper 1,039.10; 1,360.90 a year = 113.41 a month.
    data = {"country": "ENGLAND", "tenure": "OWNED_OUTRIGHT", "council_tax_annual": 2400, "children": [],
            "adults": [{"age": 70, "state_pension_annual": 9000},
                       {"age": 50, "employment_income_annual": 18000, "hours_worked_weekly": 37,
                        "caring_hours_weekly": 35, "cares_for": "SOMEONE_ELSE"}]}
    assert ctr(data, year).monthly == expected


@pytest.mark.parametrize("year, expected", [(2025, D("187.93")), (2026, D("203.00"))])
def test_pension_age_self_employed_partner_profit_is_after_class_4(year, expected):
    # Wales, a couple aged 71 (State Pension 5,000, Attendance Allowance) and 48 (self-employed profit 30,000); not
    # on UC, so the pension-age scheme (WSI 2013/3029). Net profit is after income tax and Class 4 National
    # Insurance (SI 2006/214 reg. 39(2), as the scheme): tax (30,000 - 12,570) * 20% = 3,486, Class 4
    # (30,000 - 12,570) * 6% = 1,045.80 (both years); a week (3,486 + 1,045.80) / 52 = 87.15.
    # Income a week: pension 5,000 / 52 = 96.15; profit 30,000 / 52 = 576.92 less the £20 disregard (Attendance
    # Allowance, SI 2006/214 Sch. 4 para. 5); less 87.15: 565.92 (without Class 4 it was 586.03).
    # 2025/26: needs 366.00; excess 199.92; taper 0.2 * 199.92 * 365 / 7 = 2,084.88; 4,340 - 2,084.88 = 2,255.12
    #   a year = 187.93 a month.
    # 2026/27: needs 383.35; excess 182.57; taper 1,903.94; 2,436.06 a year = 203.00 a month.
    data = {"country": "WALES", "tenure": "RENT_FROM_HA", "rent_monthly": 420, "council_tax_annual": 4340,
            "children": [], "adults": [{"age": 71, "state_pension_annual": 5000, "attendance_allowance": "HIGHER"},
                                       {"age": 48, "self_employment_income_annual": 30000}]}
    assert ctr(data, year).monthly == expected


@YEARS
def test_on_uc_the_income_counted_is_the_minimum_income_floor_uc_used(year):
    # Wales, single, 30, self-employed profit 3,000 a year (250 a month), council rent 900 a month. UC counts the
    # minimum income floor, 1,642.72 a month (2025/26) / 1,698.84 (2026/27): 35 hours at the National Living Wage
    # less notional tax and Class 4 (UC Regs 2013 reg. 62(2)); no work allowance (no child, no LCW).
    # 2025/26: UC = 400.14 + 900 - 0.55 * 1,642.72 (903.50) = 396.64 a month. CTR income (the award plus the
    #   income the Secretary of State worked out for it) = (396.64 + 1,642.72) * 12 / 52 = 470.62 a week; needs
    #   = UC's maximum 1,300.14 * 12 / 52 = 300.03; excess 170.59; taper 0.2 * 170.59 * 365 / 7 = 1,779.01, more
    #   than the 1,446.67 bill: nothing. (Counting the 250 actually earned gave (396.64 + 250) * 12 / 52 = 149.22,
    #   under the needs: the whole 120.56 a month.)
    # 2026/27: UC = 424.90 + 900 - 934.36 = 390.54; income (390.54 + 1,698.84) * 12 / 52 = 482.16; needs 305.75;
    #   excess 176.41; taper 1,839.70 > 1,446.67: nothing.
    data = {"country": "WALES", "tenure": "RENT_FROM_COUNCIL", "rent_monthly": 900, "council_tax_annual": 1446.67,
            "children": [], "adults": [{"age": 30, "self_employment_income_annual": 3000}]}
    day = dt.date(year, 10, 6)
    results = check(household_from_json(data, on_date=day), day)
    assert results.get("universal_credit").monthly == {2025: D("396.64"), 2026: D("390.54")}[year]
    decision = results.get("council_tax_reduction")
    assert decision.status == "unlikely" and (decision.monthly or 0) == 0

"""Council Tax Reduction priced: the bill, each scheme's means test, worked by hand for 2025/26 and 2026/27.

Rates (assets/rules/rates-*.toml), £ a week: personal allowance single 25+ £92.05 (2025/26) / £95.55 (2026/27),
under 25 £72.90 / £75.65, couple £144.65 / £150.15, each child £84.66 / £87.88. Taper 20% everywhere by law
(England's working-age default: 20%, most support 80%). Both financial years have 365 days, so the taper on £x a
week of excess income is 0.2 * x * 365 / 7 a year. A take-home pay of £910 a month is £910 * 12 / 52 = £210 a week;
£780 a month is £180 a week. Neither gets Universal Credit: single UC is £400.14 (2025/26) / £424.90 (2026/27) a month
less 55% of take-home pay with no work allowance, and 55% of £780 is £429.
"""

import datetime as dt
from decimal import Decimal as D

import pytest

from kiosk.benefits.check import check
from kiosk.benefits.council_tax_settings import (CouncilTaxSettings, check_council_tax_settings,
                                                council_tax_settings_from)
from kiosk.benefits.household import Adult, Child, Household
from kiosk.benefits.rates import rates_on
from kiosk.benefits.rules import RULES
from kiosk.benefits.rules import council_tax as ct
from kiosk.benefits.rules import council_tax_means as means
from kiosk.benefits.rules.decisions import Context

Y2025, Y2026 = dt.date(2025, 4, 6), dt.date(2026, 4, 6)
R25, R26 = rates_on(Y2025), rates_on(Y2026)
YEARS = pytest.mark.parametrize("day", [Y2025, Y2026], ids=["2025-26", "2026-27"])
ONE_ADULT = (Adult(age=30),)


def ctx(country="ENGLAND", adults=ONE_ADULT, children=(), day=Y2026, office=None, **extra):
    return Context(Household(country, tuple(adults), tuple(children), **extra), day, rules=RULES, office_ctr=office)


def ctr(country, adults, day, office=None, **extra):
    household = Household(country, tuple(adults), **extra)
    return check(household, day, office_ctr=office).get("council_tax_reduction")


# --- the bill ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("country, band, expected", [
    ("ENGLAND", "A", D("1200.00")),      # 1800 * 6/9
    ("ENGLAND", "H", D("3600.00")),      # 1800 * 18/9
    ("WALES", "I", D("4200.00")),        # 1800 * 21/9 (LGFA 1992 s.5(1A))
    ("SCOTLAND", "E", D("2365.00")),     # 1800 * 473/360
    ("SCOTLAND", "H", D("4410.00")),     # 1800 * 882/360
    ("SCOTLAND", "B", D("1400.00")),     # 1800 * 280/360
])
def test_band_bill_is_the_statutory_share_of_band_d(country, band, expected):
    assert ct.band_bill(D(1800), band, country) == expected


def test_band_bill_refuses_band_i_outside_wales():
    with pytest.raises(KeyError):
        ct.band_bill(D(1800), "I", "ENGLAND")


def test_single_person_discount_when_one_adult_lives_there():
    assert ct.single_person_discount(ctx())
    assert not ct.single_person_discount(ctx(adults=(Adult(30), Adult(31))))


def test_band_d_of_is_the_offices_figure_or_none():
    assert ct.band_d_of(ctx(office=CouncilTaxSettings(band_d_annual=D(2100)))) == D(2100)
    assert ct.band_d_of(ctx()) is None


def test_council_tax_bill_from_band_and_band_d_less_25_percent_for_one_adult():
    office = CouncilTaxSettings(band_d_annual=D(2250))
    bill, lines = ct.council_tax_bill(ctx(office=office, council_tax_band="C"))
    assert bill == D("1500.00")  # 2250 * 8/9 = 2000.00, less 25% (500.00)
    assert [line.message_key for line in lines] == ["benefits.line.ctr.bill_band",
                                                    "benefits.line.ctr.single_person_discount"]
    couple, _ = ct.council_tax_bill(ctx(adults=(Adult(30), Adult(30)), office=office, council_tax_band="C"))
    assert couple == D("2000.00")


def test_council_tax_bill_takes_the_bill_given_over_the_band():
    bill, _ = ct.council_tax_bill(ctx(office=CouncilTaxSettings(band_d_annual=D(2250)), council_tax_band="C",
                                      council_tax_annual=D("1234.56")))
    assert bill == D("1234.56")  # what they pay now: no discount taken off again


def test_council_tax_bill_is_unknown_without_band_d_or_bill():
    assert ct.council_tax_bill(ctx(council_tax_band="C")) == (None, [])
    assert ct.council_tax_bill(ctx(office=CouncilTaxSettings(band_d_annual=D(2250)))) == (None, [])


def test_capped_bill_caps_at_the_band_cap_bill_with_the_same_discount():
    office = CouncilTaxSettings(band_d_annual=D(2250), band_cap="B")
    scheme = means.Scheme("england_default", False, D(1), D("0.2"), D(16000), band_cap="B")
    # band D: 2250 less 25% = 1687.50; band B: 2250 * 7/9 = 1750.00 less 25% = 1312.50
    capped, lines = ct.capped_bill(ctx(office=office, council_tax_band="D"), D("1687.50"), scheme)
    assert capped == D("1312.50") and lines[0].message_key == "benefits.line.ctr.band_cap"
    assert ct.capped_bill(ctx(office=office, council_tax_band="A"), D("1125.00"), scheme) == (D("1125.00"), [])
    unknown, lines = ct.capped_bill(ctx(council_tax_band="E"), D(2000), scheme)
    assert unknown == D(2000) and lines[0].message_key == "benefits.line.ctr.band_cap_unknown"


def test_financial_year_days_is_366_with_a_29_february():
    assert ct.financial_year_days(ctx(day=Y2025)) == 365 and ct.financial_year_days(ctx()) == 365
    # 1 April 2027 to 31 March 2028 holds 29 February 2028 (the rates of 2026/27 stand in, provisional)
    assert (dt.date(2028, 4, 1) - dt.date(2027, 4, 1)).days == 366


def test_reduction_yearly_takes_the_taper_a_day_at_a_time_and_the_minimum_award():
    scheme = means.Scheme("x", False, D(1), D("0.2"), D(16000))
    # 1500 - 0.2 * 114.45 * 365 / 7 = 1500 - 1193.55 = 306.45
    assert ct.reduction_yearly(D(1500), D("114.45"), scheme, 365) == D("306.45")
    assert ct.reduction_yearly(D(1000), D("114.45"), scheme, 365) == 0
    strict = means.Scheme("x", False, D(1), D("0.2"), D(16000), minimum_award_weekly=D(6))
    assert ct.reduction_yearly(D(1500), D("114.45"), strict, 365) == 0  # 306.45 * 7 / 365 = 5.88 a week < 6


# --- schemes and means --------------------------------------------------------------------------------------------

def test_pension_age_ctr_when_someone_is_over_pension_age_and_not_on_uc():
    assert means.pension_age_ctr(ctx(adults=(Adult(70),)))
    assert not means.pension_age_ctr(ctx(adults=(Adult(30),)))
    assert means.pension_age_ctr(ctx(adults=(PENSIONER_68,)))
    # a mixed-age couple on UC (no income: UC likely) is in the working-age scheme
    assert not means.pension_age_ctr(ctx(adults=(Adult(70), Adult(50))))
    high = Adult(50, take_home_monthly=D(4000))
    assert means.pension_age_ctr(ctx(adults=(Adult(70), high)))


def test_ctr_scheme_picks_the_nations_scheme_and_the_offices_figures():
    assert means.ctr_scheme(ctx("SCOTLAND")).name == "scotland"
    assert means.ctr_scheme(ctx("WALES", adults=(Adult(70),))).pension_age
    assert means.ctr_scheme(ctx(adults=(Adult(70),))).name == "england_pension_age"
    default = means.ctr_scheme(ctx())
    assert (default.name, default.max_support_share, default.taper, default.capital_limit, default.band_cap,
            default.local) == ("england_default", D("0.80"), D("0.20"), D(16000), None, True)
    office = CouncilTaxSettings(max_support_share=D("0.7"), capital_limit=D(6000), band_cap="C")
    local = means.ctr_scheme(ctx(office=office))
    assert (local.max_support_share, local.taper, local.capital_limit, local.band_cap) == (
        D("0.7"), D("0.20"), D(6000), "C")
    # the office's figures change only England's working-age scheme
    assert means.ctr_scheme(ctx("WALES", office=office)).max_support_share == 1


def test_gets_guarantee_credit_when_pension_credit_is_received_or_due():
    well_off = Adult(70, state_pension_annual=D(16000))
    assert means.gets_guarantee_credit(ctx(adults=(well_off,), benefits_received=frozenset({"pension_credit"})))
    assert means.gets_guarantee_credit(ctx(adults=(Adult(70),)))  # no income: guarantee credit is due
    assert not means.gets_guarantee_credit(ctx(adults=(well_off,)))


@pytest.mark.parametrize("day, adults, children, expected", [
    (Y2025, (Adult(30),), (), D("92.05")), (Y2026, (Adult(30),), (), D("95.55")),
    (Y2025, (Adult(22),), (), D("72.90")), (Y2026, (Adult(22),), (), D("75.65")),
    (Y2025, (Adult(22),), (Child(3),), D("176.71")),              # lone parent 92.05 + child 84.66
    (Y2026, (Adult(30), Adult(30)), (Child(3), Child(7)), D("325.91")),  # 150.15 + 2 * 87.88
])
def test_working_age_applicable_amount_adds_each_child(day, adults, children, expected):
    assert means.working_age_applicable_amount(Household("WALES", adults, children), rates_on(day)) == expected


@pytest.mark.parametrize("savings, expected", [(D(6000), 0), (D("6000.01"), 1), (D(7000), 4)])  # 1000 / 250 = 4
def test_ctr_tariff_income_counts_each_step_or_part(savings, expected):
    assert means.ctr_tariff_income(savings, R25) == expected and means.ctr_tariff_income(savings, R26) == expected


def test_earnings_weekly_counts_take_home_pay_and_self_employed_profit():
    # 910 * 12 / 52 = 210; a profit of 6240 a year is under the Personal Allowance (no tax or Class 4 NI):
    # 520 a month, 120 a week
    adults = (Adult(30, take_home_monthly=D(910)), Adult(30, self_employment_income_annual=D(6240)))
    assert means.earnings_weekly(ctx(adults=adults)) == D(330)


def test_unearned_weekly_counts_pensions_carers_allowance_and_other_income():
    adult = Adult(60, state_pension_annual=D(5200), private_pension_annual=D(1040), is_carer=True)
    # pensions (5200 + 1040) / 52 = 120; Carer's Allowance 2026/27 £86.45; other income 130 * 12 / 52 = 30
    weekly = means.unearned_weekly(ctx(adults=(adult,), other_income_monthly=D(130)))
    assert weekly == D(120) + R26.money("carers_allowance.weekly_rate") + D(30)


def test_uc_and_no_earnings_when_on_uc_and_not_working():
    assert means.uc_and_no_earnings(ctx())
    assert not means.uc_and_no_earnings(ctx(adults=(Adult(30, take_home_monthly=D(300)),)))
    assert not means.uc_and_no_earnings(ctx(savings=D(20000)))  # no UC


def test_working_age_means_on_uc_leaves_only_the_earnings_uc_keeps():
    # single 30, council rent 400, take-home 500 a month, 2026/27: UC max 424.90 + 400 = 824.90; work allowance
    # with housing applies only with children or LCW, so UC takes 55% of 500 = 275: award 549.90.
    # needs = 824.90 * 12 / 52; income = (549.90 + 500) * 12 / 52: excess (500 - 275) * 12 / 52 = 51.92 a week
    c = ctx(adults=(Adult(30, take_home_monthly=D(500)),), tenure="RENT_FROM_COUNCIL", rent_monthly=D(400))
    needs, income = means.working_age_means(c)
    assert round(needs, 2) == D("190.36") and round(income - needs, 2) == D("51.92")


def test_working_age_means_off_uc_are_allowances_and_income():
    needs, income = means.working_age_means(ctx("WALES", adults=(Adult(40, take_home_monthly=D(910)),)))
    assert (needs, income) == (D("95.55"), D(210))


# --- whole decisions, each scheme, both years ---------------------------------------------------------------------

@YEARS
def test_wales_single_earning_210_a_week_with_a_1500_bill(day):
    # 2025/26: 1500 - 0.2 * (210 - 92.05) * 365 / 7 = 1500 - 1230.05 = 269.95 a year = 22.50 a month
    # 2026/27: 1500 - 0.2 * (210 - 95.55) * 365 / 7 = 1500 - 1193.55 = 306.45 a year = 25.54 a month
    result = ctr("WALES", (Adult(40, take_home_monthly=D(910)),), day, tenure="OWNED_OUTRIGHT",
                 council_tax_annual=D(1500))
    assert (result.status, result.monthly) == ("likely", {Y2025: D("22.50"), Y2026: D("25.54")}[day])


@YEARS
def test_scotland_single_band_e_from_the_offices_band_d(day):
    # band E: 1500 * 473/360 = 1970.83; less 25% (492.71) = 1478.12
    # 2025/26: 1478.12 - 1230.05 = 248.07 a year = 20.67 a month; 2026/27: 1478.12 - 1193.55 = 284.57 = 23.71
    result = ctr("SCOTLAND", (Adult(30, take_home_monthly=D(910)),), day, CouncilTaxSettings(band_d_annual=D(1500)),
                 tenure="OWNED_OUTRIGHT", council_tax_band="E")
    assert (result.status, result.monthly) == ("likely", {Y2025: D("20.67"), Y2026: D("23.71")}[day])


@YEARS
def test_england_working_age_default_scheme_is_about(day):
    # band C: 2250 * 8/9 = 2000.00, less 25% = 1500.00; most support 80% = 1200.00
    # 2025/26: 0.2 * (180 - 92.05) * 365 / 7 = 917.19; 1200 - 917.19 = 282.81 a year = 23.57 a month
    # 2026/27: 0.2 * (180 - 95.55) * 365 / 7 = 880.69; 1200 - 880.69 = 319.31 a year = 26.61 a month
    result = ctr("ENGLAND", (Adult(30, take_home_monthly=D(780)),), day, CouncilTaxSettings(band_d_annual=D(2250)),
                 tenure="OWNED_OUTRIGHT", council_tax_band="C")
    assert (result.status, result.reason, result.monthly) == (
        "possible", "benefits.reason.ctr.about", {Y2025: D("23.57"), Y2026: D("26.61")}[day])
    assert result.lines[-1].message_key == "benefits.line.ctr.local_scheme"


@YEARS
def test_england_office_scheme_with_band_cap_taper_and_minimum_award(day):
    # band D: 2250 less 25% = 1687.50, capped at band B: 1750.00 less 25% = 1312.50; 100% support; taper 25%
    # 2025/26: 1312.50 - 0.25 * 87.95 * 365 / 7 (1146.49) = 166.01 a year = 13.83 a month (3.18 a week)
    # 2026/27: 1312.50 - 0.25 * 84.45 * 365 / 7 (1100.87) = 211.63 a year = 17.64 a month (4.06 a week)
    office = CouncilTaxSettings(band_d_annual=D(2250), max_support_share=D(1), taper=D("0.25"), band_cap="B")
    adults = (Adult(30, take_home_monthly=D(780)),)
    result = ctr("ENGLAND", adults, day, office, tenure="OWNED_OUTRIGHT", council_tax_band="D")
    assert result.monthly == {Y2025: D("13.83"), Y2026: D("17.64")}[day]
    # a minimum award of £5 a week: both years' support is below it
    strict = CouncilTaxSettings(**{**office.__dict__, "minimum_award_weekly": D(5)})
    result = ctr("ENGLAND", adults, day, strict, tenure="OWNED_OUTRIGHT", council_tax_band="D")
    assert (result.status, result.reason) == ("unlikely", "benefits.reason.ctr.income_too_high")


@YEARS
def test_england_office_capital_limit_refuses_savings_over_it(day):
    office = CouncilTaxSettings(band_d_annual=D(2250), capital_limit=D(6000))
    result = ctr("ENGLAND", (Adult(30),), day, office, tenure="OWNED_OUTRIGHT", council_tax_band="C", savings=D(7000))
    assert (result.status, result.reason, result.reason_params["limit"]) == (
        "unlikely", "benefits.reason.savings_over", D(6000))


@YEARS
def test_england_uc_and_no_earnings_gets_the_default_most_support(day):
    # band A: 1800 * 6/9 = 1200, less 25% = 900; 80% = 720 a year = 60.00 a month
    result = ctr("ENGLAND", (Adult(30),), day, CouncilTaxSettings(band_d_annual=D(1800)), tenure="RENT_FROM_COUNCIL",
                 rent_monthly=D(400), council_tax_band="A")
    assert (result.status, result.monthly) == ("possible", D("60.00"))
    assert "benefits.line.ctr.uc_no_earnings" in [line.message_key for line in result.lines]


@YEARS
def test_pensioners_on_guarantee_credit_with_20000_saved_get_the_whole_bill(day):
    # the example: the £16,000 limit does not apply on guarantee credit (SI 2012/2885 Sch. 1 para. 13)
    # band B: 1800 * 7/9 = 1400 a year, a couple (no discount), 100% = 116.67 a month
    result = ctr("ENGLAND", (Adult(70), Adult(72)), day, CouncilTaxSettings(band_d_annual=D(1800)),
                 tenure="OWNED_OUTRIGHT", council_tax_band="B", savings=D(20000),
                 benefits_received=frozenset({"pension_credit"}))
    assert (result.status, result.monthly) == ("likely", D("116.67"))


@YEARS
def test_pensioners_over_16000_without_pension_credit_are_unlikely(day):
    result = ctr("ENGLAND", (Adult(70, state_pension_annual=D(16000)),), day, tenure="OWNED_OUTRIGHT",
                 council_tax_band="B", savings=D(20000))
    assert (result.status, result.reason) == ("unlikely", "benefits.reason.savings_over")


# State Pension £16,000 a year: 16000 / 52 = 307.69 a week, less income tax (16000 - 12570) * 20% / 52 = 13.19:
# income 294.50 a week, over Pension Credit's 227.10 / 238.00 and too much for savings credit (17.30 or 17.96 less
# 40% of the income over the guarantee is below 0). Needs: pension-age Housing Benefit's personal allowance, the
# higher rate (244.40 / 256.00) when State Pension age was reached before 1 April 2021 (aged 80), else 227.10 /
# 238.00 (aged 68); Wales and Scotland always use the higher rate.
PENSIONER_80, PENSIONER_68 = Adult(80, state_pension_annual=D(16000)), Adult(68, state_pension_annual=D(16000))


def test_pension_age_means_are_housing_benefits_needs_and_the_pensioner_income():
    assert means.pension_age_means(ctx(adults=(PENSIONER_68,))) == (D("238.00"), D("294.50"))
    assert means.pension_age_means(ctx("WALES", adults=(PENSIONER_68,))) == (D("256.00"), D("294.50"))
    assert means.pension_age_means(ctx(adults=(PENSIONER_80,), day=Y2025)) == (D("244.40"), D("294.50"))


@YEARS
def test_england_pension_age_scheme_single_aged_80(day):
    # band C: 2250 * 8/9 = 2000, less 25% = 1500; 100% support
    # 2025/26: 0.2 * (294.50 - 244.40) * 365 / 7 = 522.47; 1500 - 522.47 = 977.53 a year = 81.46 a month
    # 2026/27: 0.2 * (294.50 - 256.00) * 365 / 7 = 401.50; 1500 - 401.50 = 1098.50 a year = 91.54 a month
    result = ctr("ENGLAND", (PENSIONER_80,), day, CouncilTaxSettings(band_d_annual=D(2250)),
                 tenure="OWNED_OUTRIGHT", council_tax_band="C")
    assert (result.status, result.monthly) == ("likely", {Y2025: D("81.46"), Y2026: D("91.54")}[day])


@YEARS
def test_england_pension_age_scheme_single_aged_68_has_the_lower_allowance(day):
    # 2025/26: 0.2 * (294.50 - 227.10) * 365 / 7 = 702.89; 1500 - 702.89 = 797.11 a year = 66.43 a month
    # 2026/27: 0.2 * (294.50 - 238.00) * 365 / 7 = 589.21; 1500 - 589.21 = 910.79 a year = 75.90 a month
    result = ctr("ENGLAND", (PENSIONER_68,), day, CouncilTaxSettings(band_d_annual=D(2250)),
                 tenure="OWNED_OUTRIGHT", council_tax_band="C")
    assert result.monthly == {Y2025: D("66.43"), Y2026: D("75.90")}[day]


@YEARS
def test_wales_pension_age_scheme_uses_the_higher_allowance_at_68(day):
    # the bill given, 1500: as England's aged 80 above, 81.46 (2025/26) and 91.54 (2026/27)
    result = ctr("WALES", (PENSIONER_68,), day, tenure="OWNED_OUTRIGHT", council_tax_annual=D(1500))
    assert (result.status, result.monthly) == ("likely", {Y2025: D("81.46"), Y2026: D("91.54")}[day])


@YEARS
def test_scotland_pension_age_scheme_band_d(day):
    # Scottish income tax is less: 2025/26 19% on 2,827 (the starter band) and 20% on 603 = 657.73 a year, 12.65 a
    # week; 2026/27 all 3,430 in the starter band at 19% = 651.70, 12.53 a week. Income 295.04 / 295.16 a week.
    # band D 1500, less 25% = 1125
    # 2025/26: 0.2 * (295.04 - 244.40) * 365 / 7 = 528.10; 1125 - 528.10 = 596.90 a year = 49.74 a month
    # 2026/27: 0.2 * (295.16 - 256.00) * 365 / 7 = 408.38; 1125 - 408.38 = 716.62 a year = 59.72 a month
    result = ctr("SCOTLAND", (PENSIONER_68,), day, CouncilTaxSettings(band_d_annual=D(1500)),
                 tenure="OWNED_OUTRIGHT", council_tax_band="D")
    assert (result.status, result.monthly) == ("likely", {Y2025: D("49.74"), Y2026: D("59.72")}[day])


@YEARS
def test_without_band_d_or_a_bill_no_amount_is_given(day):
    on_uc = ctr("ENGLAND", (Adult(30),), day, tenure="RENT_FROM_COUNCIL", rent_monthly=D(400), council_tax_band="B")
    assert (on_uc.status, on_uc.monthly, on_uc.lines[0].message_key) == ("likely", 0, "benefits.line.ctr.need_band")
    earning = ctr("ENGLAND", (Adult(30, take_home_monthly=D(2500)),), day, tenure="OWNED_OUTRIGHT")
    assert (earning.status, earning.monthly) == ("possible", 0)


def test_no_rent_and_no_bill_asks_whether_they_pay():
    result = ctr("ENGLAND", (Adult(30),), Y2026, council_tax_band="B")
    assert result.status == "possible" and result.reason == "benefits.reason.ctr.if_liable"


# --- the office's settings ----------------------------------------------------------------------------------------

def test_office_settings_keep_only_what_was_given():
    assert check_council_tax_settings({}) == {}
    checked = check_council_tax_settings({"band_d_annual": 2280, "band_cap": "d", "minimum_award_weekly": 3.5})
    assert checked == {"band_d_annual": 2280.0, "band_cap": "D", "minimum_award_weekly": 3.5}
    settings = council_tax_settings_from(checked)
    assert settings == CouncilTaxSettings(band_d_annual=D("2280.0"), minimum_award_weekly=D("3.5"), band_cap="D")
    assert council_tax_settings_from({"band_d_annual": 0, "band_cap": "none"}) == CouncilTaxSettings()
    assert council_tax_settings_from(None) is None


@pytest.mark.parametrize("raw, message", [
    ([1], "must be a [council_tax] section"),
    ({"band_d": 1}, "no council tax setting called council_tax.band_d"),
    ({"band_d_annual": -1}, "band_d_annual must be pounds a year"),
    ({"band_d_annual": float("nan")}, "band_d_annual must be"),
    ({"band_d_annual": float("inf")}, "band_d_annual must be"),
    ({"band_d_annual": "2000"}, "band_d_annual must be"),
    ({"max_support_share": True}, "max_support_share must be a share"),
    ({"max_support_share": 80}, "max_support_share must be a share from 0 to 1"),
    ({"taper": 1.5}, "taper must be a share"),
    ({"capital_limit": 10 ** 9}, "capital_limit must be pounds"),
    ({"minimum_award_weekly": 500}, "minimum_award_weekly must be pounds a week"),
    ({"band_cap": "I"}, "band_cap must be one of A, B"),
    ({"band_cap": 4}, "band_cap must be one of"),
])
def test_office_settings_refuse_wrong_values_plainly(raw, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        check_council_tax_settings(raw)

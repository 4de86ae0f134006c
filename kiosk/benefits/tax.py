"""Income tax, National Insurance and take-home pay, for Universal Credit's net earnings and the earnings tests.

    >>> from decimal import Decimal
    >>> import datetime as dt
    >>> from kiosk.benefits.rates import rates_on
    >>> rates = rates_on(dt.date(2026, 4, 6))
    >>> income_tax(Decimal(20000), rates), national_insurance(Decimal(20000), rates)
    (Decimal('1486.00'), Decimal('594.40'))
    >>> take_home_monthly(Decimal(20000), rates)
    Decimal('1493.30')

Employment income, self-employed profit and pensions, on a whole year, with no pension contributions or other
reliefs: a kiosk estimate, not a payslip. Scotland has its own income tax bands; National Insurance is the same
everywhere. No employee National Insurance is due at or above State Pension age (SSCBA 1992 s.6(3)). Class 4 stops
from the first tax year that starts after State Pension age is reached; we stop it at State Pension age itself (a
simplification: the kiosk knows the age, not the birthday).
"""

from __future__ import annotations

from decimal import Decimal

from kiosk.benefits.rates import Rates, pence

ZERO = Decimal(0)


def personal_allowance(income: Decimal, rates: Rates) -> Decimal:
    """The Personal Allowance after the taper: £1 less for every £2 of income over £100,000.

    :param income: adjusted net income for the year.
    :param rates: the tax year's rates.
    """
    allowance = rates.money("income_tax.personal_allowance")
    over = income - rates.money("income_tax.personal_allowance_taper_start")
    if over > 0:
        allowance -= over * rates.money("income_tax.personal_allowance_taper_share")
    return max(ZERO, allowance)


def _banded(taxable: Decimal, bands: list[tuple[Decimal | None, Decimal]]) -> Decimal:
    tax, bottom = ZERO, ZERO
    for top, rate in bands:
        upper = taxable if top is None else min(taxable, top)
        if upper > bottom:
            tax += (upper - bottom) * rate
        if top is None or taxable <= top:
            break
        bottom = top
    return tax


def income_tax(income: Decimal, rates: Rates, scotland: bool = False) -> Decimal:
    """Income tax for a year on employment income.

    :param income: gross income for the year.
    :param rates: the tax year's rates.
    :param scotland: a Scottish taxpayer (Scottish bands and rates).
    """
    taxable = max(ZERO, Decimal(income) - personal_allowance(Decimal(income), rates))
    m = rates.money
    if scotland:
        bands = [(m("income_tax.scotland_starter_band"), m("income_tax.scotland_starter_rate")),
                 (m("income_tax.scotland_basic_band_top"), m("income_tax.scotland_basic_rate")),
                 (m("income_tax.scotland_intermediate_band_top"), m("income_tax.scotland_intermediate_rate")),
                 (m("income_tax.scotland_higher_band_top"), m("income_tax.scotland_higher_rate")),
                 (m("income_tax.additional_rate_threshold"), m("income_tax.scotland_advanced_rate")),
                 (None, m("income_tax.scotland_top_rate"))]
    else:
        bands = [(m("income_tax.basic_rate_band"), m("income_tax.basic_rate")),
                 (m("income_tax.additional_rate_threshold"), m("income_tax.higher_rate")),
                 (None, m("income_tax.additional_rate"))]
    return pence(_banded(taxable, bands))


def national_insurance(income: Decimal, rates: Rates, pension_age: bool = False) -> Decimal:
    """Class 1 employee National Insurance for a year: the main rate between the Primary Threshold and the Upper
    Earnings Limit, the upper rate above it; none at or above State Pension age (SSCBA 1992 s.6(3)).

    :param income: gross employment income for the year.
    :param rates: the tax year's rates.
    :param pension_age: the employee has reached State Pension age.
    """
    if pension_age:
        return ZERO
    m = rates.money
    threshold, limit = m("national_insurance.primary_threshold"), m("national_insurance.upper_earnings_limit")
    income = Decimal(income)
    main = max(ZERO, min(income, limit) - threshold) * m("national_insurance.main_rate")
    upper = max(ZERO, income - limit) * m("national_insurance.upper_rate")
    return pence(main + upper)


def class_4_national_insurance(profit: Decimal, rates: Rates, pension_age: bool = False) -> Decimal:
    """Class 4 National Insurance on self-employed profit for a year: the main rate between the Lower and Upper
    Profits Limits, the upper rate above (SSCBA 1992 s.15); none at or above State Pension age.

    :param profit: self-employed profit for the year.
    :param rates: the tax year's rates.
    :param pension_age: the person has reached State Pension age.
    """
    if pension_age:
        return ZERO
    m = rates.money
    lower = m("national_insurance_class_4.lower_profits_limit")
    upper = m("national_insurance_class_4.upper_profits_limit")
    profit = Decimal(profit)
    main = max(ZERO, min(profit, upper) - lower) * m("national_insurance_class_4.main_rate")
    above = max(ZERO, profit - upper) * m("national_insurance_class_4.upper_rate")
    return pence(main + above)


def take_home_annual(income: Decimal, rates: Rates, scotland: bool = False, pension_age: bool = False) -> Decimal:
    """Gross income less income tax and National Insurance, for a year.

    :param income: gross employment income for the year.
    :param rates: the tax year's rates.
    :param scotland: a Scottish taxpayer.
    :param pension_age: at or above State Pension age (no employee National Insurance).
    """
    income = Decimal(income)
    return income - income_tax(income, rates, scotland) - national_insurance(income, rates, pension_age)


def take_home_monthly(income: Decimal, rates: Rates, scotland: bool = False, pension_age: bool = False) -> Decimal:
    """Take-home pay a month, to the penny: what Universal Credit counts as earnings.

    :param income: gross employment income for the year.
    :param rates: the tax year's rates.
    :param scotland: a Scottish taxpayer.
    :param pension_age: at or above State Pension age (no employee National Insurance).
    """
    return pence(take_home_annual(income, rates, scotland, pension_age) / 12)


def earnings_take_home_annual(employment: Decimal, self_employment: Decimal, pensions: Decimal, rates: Rates,
                              scotland: bool = False, pension_age: bool = False) -> Decimal:
    """Employment pay and self-employed profit after the income tax and National Insurance they bring, for a year.

    Pensions are taxed first, so they use up the Personal Allowance before earnings do (as a PAYE tax code does);
    the tax on the pensions themselves is not taken off here, because Universal Credit counts pensions before tax.

    :param employment: gross employment income for the year.
    :param self_employment: self-employed profit for the year.
    :param pensions: State Pension and other pensions for the year.
    :param rates: the tax year's rates.
    :param scotland: a Scottish taxpayer.
    :param pension_age: at or above State Pension age (no Class 1 or Class 4 National Insurance).

    >>> import datetime as dt
    >>> from kiosk.benefits.rates import rates_on
    >>> earnings_take_home_annual(Decimal(0), Decimal(20000), Decimal(0), rates_on(dt.date(2026, 4, 6)))
    Decimal('18068.20')
    """
    employment, self_employment, pensions = Decimal(employment), Decimal(self_employment), Decimal(pensions)
    tax = (income_tax(employment + self_employment + pensions, rates, scotland)
           - income_tax(pensions, rates, scotland))
    return (employment + self_employment - tax - national_insurance(employment, rates, pension_age)
            - class_4_national_insurance(self_employment, rates, pension_age))


def gross_from_take_home(take_home_year: Decimal, rates: Rates, scotland: bool = False,
                         pension_age: bool = False) -> Decimal:
    """The gross yearly income that leaves ``take_home_year`` after tax and National Insurance, to the penny.

    Used when the questionnaire gave take-home pay and a rule needs gross pay (the child benefit charge, the
    Carer's Allowance earnings limit, sick and maternity pay).

    :param take_home_year: take-home pay for a year.
    :param rates: the tax year's rates.
    :param scotland: a Scottish taxpayer.
    :param pension_age: at or above State Pension age (no employee National Insurance).

    >>> import datetime as dt
    >>> from kiosk.benefits.rates import rates_on
    >>> gross_from_take_home(Decimal("17919.60"), rates_on(dt.date(2026, 4, 6)))
    Decimal('20000.00')
    """
    target = Decimal(take_home_year)
    low, high = target, target * 3 + 1000
    for _ in range(60):
        middle = pence((low + high) / 2)
        if take_home_annual(middle, rates, scotland, pension_age) < target:
            low = middle + Decimal("0.01")
        else:
            high = middle
        if low >= high:
            break
    return pence(high)


def child_benefit_charge(child_benefit_year: Decimal, income: Decimal, rates: Rates) -> Decimal:
    """The High Income Child Benefit Charge: 1% of the Child Benefit for each £200 of income over £60,000, all of it
    from £80,000.

    :param child_benefit_year: the household's Child Benefit for the year.
    :param income: the higher earner's adjusted net income for the year.
    :param rates: the tax year's rates.
    """
    start, end = rates.money("child_benefit.hicbc_start"), rates.money("child_benefit.hicbc_end")
    if income <= start:
        return ZERO
    if income >= end:
        return Decimal(child_benefit_year)
    step = (end - start) / 100
    percent = int((Decimal(income) - start) / step)
    return pence(Decimal(child_benefit_year) * percent / 100)

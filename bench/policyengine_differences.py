"""Known classes of difference between the kiosk and PolicyEngine UK, each recognised by a function.

A class is a function ``(amount, household, year, results, pe, ours, theirs) -> bool`` that says whether it explains
the difference in ``amount`` (a name from ``AMOUNTS`` in benefits_vs_policyengine.py) for this household: its JSON
(as the kiosk read it), the tax year (2025 is 2025/26), the kiosk's ``Results``, PolicyEngine's yearly amounts by
variable, and the two monthly amounts. ``classify`` returns the name of the first class that does; the order goes
from the most specific cause to the most general. docs/benefits-differences.md lists every class with the regulation
that decides it and which side the law is on.

Each class is marked with ``@kiosk_bug(...)``: ``False`` where PolicyEngine departs from the law or does not model
something the law decides (the kiosk follows the law, and these households are left out of the "excluding
law-decided classes" agreement); ``True`` where the kiosk is wrong (they count against the target, and the class is
deleted once the kiosk is fixed). A class not marked counts as a kiosk bug.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from kiosk.benefits.household import age_on, household_from_json
from kiosk.benefits.rates import monthly_from_weekly, rates_on
from kiosk.benefits.rules.predicates import under_state_pension_age
from kiosk.benefits.rules.uc_housing import bedroom_entitlement
from kiosk.benefits.rules.universal_credit import earnings_deduction
from kiosk.benefits.tax import earnings_take_home_annual

UC_AMOUNTS = ("universal_credit", "uc_maximum_amount", "uc_benefit_cap_reduction")
#: Amounts that follow Universal Credit: paid with it, or worked out from it.
FOLLOWS_UC = ("scottish_child_payment", "council_tax_reduction", "housing_benefit")


def _ages(household: dict, year: int) -> list[tuple[int, dict]]:
    """Each child's age on 6 October of the tax year, with the child."""
    day = dt.date(year, 10, 6)
    return [(age_on(dt.date.fromisoformat(c["birth_date"]), day) if "birth_date" in c else c["age"], c)
            for c in household.get("children", [])]


def _pe_monthly(pe: dict, variable: str) -> Decimal:
    return Decimal(str(round(pe.get(variable, 0.0) / 12, 2)))


def kiosk_bug(flag: bool):
    """Mark a class: ``False`` where the law is on the kiosk's side (or PolicyEngine leaves out what the law
    decides), ``True`` where the kiosk is wrong."""
    def mark(check):
        check.kiosk_bug = flag
        return check
    return mark


def is_kiosk_bug(name: str) -> bool:
    """Whether the class called ``name`` is a kiosk bug (unmarked classes and "" count as one)."""
    check = next((c for c in CLASSES if c.__name__ == name), None)
    return getattr(check, "kiosk_bug", True)


@kiosk_bug(False)
def pe_no_bedroom_16_19(amount, household, year, results, pe, ours, theirs) -> bool:
    """A private renter with a young person aged 16 to 19 in the household: PolicyEngine's size criteria give a room
    only to a child under 16 or a non-dependant, none to a qualifying young person (UC Regs 2013 Sch. 4 para 9(1):
    they are in the extended benefit unit; para 10(1)(b): a room for each person who is not a child, "child" being
    under 16, Welfare Reform Act 2012 s.40). Recognised only where PolicyEngine's housing element is exactly the
    Local Housing Allowance for the kiosk's bedrooms less the young people's (children whose sex the kiosk was not
    given counted as boys, as PolicyEngine is told), and the UC difference is no more than the housing element's."""
    if amount not in UC_AMOUNTS + ("uc_housing_element",) + FOLLOWS_UC or household.get("tenure") != "RENT_PRIVATELY":
        return False
    day = dt.date(year, 10, 6)
    young = [c for age, c in _ages(household, year) if 16 <= age <= 19]
    if not young:
        return False
    # PolicyEngine is told MALE for a child whose sex the kiosk was not given (it must have one)
    others = {**household, "children": [{"sex": "MALE", **c} for c in household.get("children", []) if c not in young]}
    size = bedroom_entitlement(household_from_json(others, on_date=day), rates_on(day))
    size = "1" if size == "shared" else size  # a lone renter with a young person is never "shared"
    lha = household.get("lha_monthly", {})
    if size not in lha:
        return False
    expected = min(Decimal(str(household.get("rent_monthly", 0))), Decimal(str(lha[size])))
    housing = results.universal_credit.housing_element
    theirs_housing = _pe_monthly(pe, "uc_housing_costs_element")
    return abs(theirs_housing - expected) <= 1 and housing > theirs_housing + 1 and (
        amount == "uc_housing_element" or abs(ours - theirs) <= housing - theirs_housing + 1)


@kiosk_bug(False)
def scottish_carer_supplement(amount, household, year, results, pe, ours, theirs) -> bool:
    """Carer's Allowance / Carer Support Payment in Scotland: the difference is the Scottish Carer Supplement, which
    the kiosk adds and PolicyEngine 2.162.10 leaves out in 2025/26."""
    carers = sum(1 for a in household["adults"] if a.get("caring_hours_weekly", 0) >= 35)
    weekly = rates_on(dt.date(year, 10, 6)).money("carers_allowance.scottish_carer_supplement")
    return (amount == "carers_allowance" and household["country"] == "SCOTLAND" and year == 2025
            and abs(ours - theirs - monthly_from_weekly(weekly * carers)) <= 1)


@kiosk_bug(True)
def follows_universal_credit(amount, household, year, results, pe, ours, theirs) -> bool:
    """An amount that follows Universal Credit, for a household whose UC differs (or is nil on one side)."""
    uc_ours = results.get("universal_credit").monthly
    uc_theirs = _pe_monthly(pe, "universal_credit")
    return amount in FOLLOWS_UC and abs(uc_ours - uc_theirs) > 1


@kiosk_bug(True)
def state_pension_age_rising(amount, household, year, results, pe, ours, theirs) -> bool:
    """2026/27: someone aged 66 born after 5 April 1960, under State Pension age for PolicyEngine (66 and some
    months), at it for the kiosk (66)."""
    return year == 2026 and any(adult["age"] == 66 for adult in household["adults"] if "age" in adult)


@kiosk_bug(False)
def pe_floor_for_side_self_employment(amount, household, year, results, pe, ours, theirs) -> bool:
    """Someone self-employed whose profit is less than their pay: PolicyEngine applies the minimum income floor to
    anyone with self-employed income; the law only to someone whose trade is their main employment (UC Regs 2013
    reg. 64(b), reg. 62(1)(a)). Recognised where PolicyEngine applies the floor, the kiosk's working has no floor
    line, and PolicyEngine's UC is lower by no more than 55% of its floor."""
    side = [a for a in household["adults"]
            if 0 < a.get("self_employment_income_annual", 0) < a.get("employment_income_annual", 0)]
    floor_lines = [line for line in results.universal_credit.lines
                   if line.message_key == "benefits.line.uc.minimum_income_floor"]
    most = Decimal("0.55") * _pe_monthly(pe, "uc_minimum_income_floor")
    return (amount in UC_AMOUNTS + FOLLOWS_UC and bool(side) and not floor_lines and pe.get("uc_mif_applies", 0) > 0
            and 0 < ours - theirs <= most + 1)


@kiosk_bug(False)
def pe_pay_holds_the_allowance(amount, household, year, results, pe, ours, theirs) -> bool:
    """Pay beside a State Pension, or beside a private pension larger than the pay: UC takes off the income tax paid
    "in respect of the employment" (UC Regs 2013 reg. 55(5)(b)), which under PAYE includes the State Pension's tax
    (paid without tax taken off, it is collected through the tax code on the pay) and leaves the pay with no
    allowance when a larger pension holds it; PolicyEngine taxes the pay as if it were the only income. Recognised
    only where the difference is exactly 55% of the tax that separates the two (after the work allowance)."""
    if amount not in UC_AMOUNTS + FOLLOWS_UC:
        return False
    day = dt.date(year, 10, 6)
    rates, home = rates_on(day), household_from_json(household, on_date=day)
    earnings = [line for line in results.universal_credit.lines if line.message_key == "benefits.line.uc.earnings"]
    if not earnings:
        return False
    allowance = Decimal(str(earnings[0].params["work_allowance"]))
    alone = sum((earnings_take_home_annual(a.employment_income_annual, a.self_employment_income_annual, Decimal(0),
                                           rates, home.country == "SCOTLAND",
                                           not under_state_pension_age(a, rates)) / 12 for a in home.adults),
                Decimal(0))
    extra = earnings_deduction(alone, allowance, rates) - results.universal_credit.earnings_deduction
    # with a young person aged 16 to 19 as well, PolicyEngine's housing element can be short by a bedroom too
    gap = _bedroom_gap(household, year, results, pe) if amount == "universal_credit" else Decimal(0)
    return extra > 1 and abs(theirs - max(Decimal(0), ours - extra - gap)) <= 1


def _bedroom_gap(household, year, results, pe) -> Decimal:
    """How much more the kiosk's housing element is than PolicyEngine's where ``pe_no_bedroom_16_19`` explains the
    housing element (else nothing)."""
    housing = results.universal_credit.housing_element
    theirs = _pe_monthly(pe, "uc_housing_costs_element")
    if pe_no_bedroom_16_19("uc_housing_element", household, year, results, pe, housing, theirs):
        return housing - theirs
    return Decimal(0)


@kiosk_bug(False)
def pe_ctr_scheme_not_simulated(amount, household, year, results, pe, ours, theirs) -> bool:
    """England at working age: each council sets its own Council Tax Reduction scheme (Local Government Finance Act
    1992 s.13A and Sch. 1A). PolicyEngine simulates only five councils' schemes (Kingston upon Thames, Merton,
    Newham, Oxford, Westminster: policyengine_uk/variables/gov/local_authorities/council_tax_reduction/config.py,
    ``is_supported_scheme``), chosen by the household's ``local_authority``, which the generated households leave at
    its default (Maidstone); elsewhere it takes the amount reported in the Family Resources Survey
    (``council_tax_benefit_reported``), nil for a household given by hand. The kiosk prices the council's scheme
    from the documented default an office can set (docs/adr/011-council-tax-reduction-default-scheme.md). Only where
    PolicyEngine gives nil, says the family's scheme is not one it simulates, and the kiosk used its England
    working-age default."""
    decision = results.get("council_tax_reduction")
    return (amount == "council_tax_reduction" and household["country"] == "ENGLAND" and theirs == 0
            and not pe.get("council_tax_reduction_scheme_supported", 1)
            and any(line.message_key == "benefits.line.ctr.local_scheme" for line in decision.lines))


@kiosk_bug(False)
def pe_ctr_uc_needs_left_out(amount, household, year, results, pe, ours, theirs) -> bool:
    """Wales and Scotland at working age, on Universal Credit: the applicable amount of someone on UC is their UC
    maximum amount, a month times 12 divided by 52, and their income the UC award plus the income the Secretary of
    State worked out for it (Wales: WSI 2013/3029 Sch. 6 para. 3; Scotland: the UC maximum amount less the housing
    costs element, with the UC award counted as income, SSI 2021/249 regs. 35 and 57, as in SSI 2012/303 reg. 23;
    England's default scheme likewise, SI 2012/2886 Sch. para. 37). PolicyEngine counts the UC award as income but
    sets it against the legacy personal allowances and premiums (``council_tax_reduction_applicable_amount``),
    leaving out the UC elements for children, housing, disability and caring; to the award it adds the legacy
    income (Child Benefit in, UC's assumed income from savings left out) where the UC income is due. It works the
    UC route itself for England's councils (``_legacy.legacy_council_tax_reduction``: ``uc_maximum_amount`` against
    ``uc_earned_income_before_work_allowance`` + ``uc_unearned_income`` + ``universal_credit``) but not for the
    Welsh and Scottish national schemes. Either side may be the higher (PolicyEngine's legacy allowances and
    premiums can be more than the UC maximum amount, and with the minimum income floor the UC income is more).
    Only where that route, with PolicyEngine's own UC figures, liability and 20% taper, gives the kiosk's amount to
    within £1 a month."""
    if amount != "council_tax_reduction" or household["country"] not in ("WALES", "SCOTLAND"):
        return False
    uc = results.universal_credit
    if not results.get("universal_credit").monthly or pe.get("council_tax_reduction_pensioner"):
        return False
    needs = Decimal(str(uc.maximum_amount)) * 12
    income = Decimal(str(pe.get("uc_earned_income_before_work_allowance", 0.0) + pe.get("uc_unearned_income", 0.0)
                         + pe.get("universal_credit", 0.0)))
    liability = Decimal(str(pe.get("council_tax_reduction_maximum_eligible_liability", 0.0)))
    expected = max(Decimal(0), liability - Decimal("0.2") * max(Decimal(0), income - needs)) / 12
    return abs(expected - ours) <= 1


@kiosk_bug(False)
def winter_aged_80_from_bare_age(amount, household, year, results, pe, ours, theirs) -> bool:
    """Someone given by a bare age of 80 (their age on 6 October, no birth date): the winter payment's higher rate
    is for a person aged 80 or over in the qualifying week in September (SI 2025/969 reg. 3; Pension Age Winter
    Heating Payment likewise), which a bare age of 80 on 6 October cannot tell (born 22 September to 6 October they
    were 79). The kiosk takes the under-80 rate (``pension_extras.born_before_date`` cannot tell, so not 80);
    PolicyEngine takes the age as it is given. Only where giving that person a birth date a year earlier (so 80 in
    the week) makes the kiosk's payment PolicyEngine's to within £1 a month."""
    if amount != "winter_payment":
        return False
    older = [dict(adult, age=81) if adult.get("age") == 80 and "birth_date" not in adult else adult
             for adult in household["adults"]]
    if older == household["adults"]:
        return False
    from kiosk.benefits.check import check
    day = dt.date(year, 10, 6)
    again = check(household_from_json({**household, "adults": older}, on_date=day), day).get("winter_fuel_payment")
    kept = Decimal(0) if again.status == "unlikely" else (again.one_off or Decimal(0))
    return abs(kept / 12 - theirs) <= 1


@kiosk_bug(False)
def pe_ctr_no_tariff_income(amount, household, year, results, pe, ours, theirs) -> bool:
    """Council Tax Reduction with savings over the lower capital limit: every scheme counts an income from capital
    (pension age £1 a week for each £500 or part over £10,000: SI 2012/2885 Sch. 1, WSI 2013/3029 Sch. 1, SSI
    2012/319, as SI 2006/214 reg. 29(2); working age £1 for each £250 or part over £6,000: WSI 2013/3029 Sch. 6,
    SSI 2021/249), and PolicyEngine's ``council_tax_reduction_applicable_income`` has none (capital only tests the
    £16,000 limit). Only where adding that tariff income to PolicyEngine's own income, with its own applicable
    amount, liability and 20% taper, gives the kiosk's amount to within £1 a month."""
    if amount != "council_tax_reduction" or household["country"] not in ("ENGLAND", "WALES", "SCOTLAND"):
        return False
    savings = Decimal(str(household.get("savings", 0)))
    lower, step = (10_000, 500) if pe.get("council_tax_reduction_pensioner") else (6_000, 250)
    if savings <= lower:
        return False
    tariff = Decimal(math.ceil((savings - lower) / step)) * 52  # £1 a week for each step or part of one
    income = Decimal(str(pe.get("council_tax_reduction_applicable_income", 0.0))) + tariff
    needs = Decimal(str(pe.get("council_tax_reduction_applicable_amount", 0.0)))
    liability = Decimal(str(pe.get("council_tax_reduction_maximum_eligible_liability", 0.0)))
    expected = max(Decimal(0), liability - Decimal("0.2") * max(Decimal(0), income - needs)) / 12
    return abs(expected - ours) <= 1


@kiosk_bug(False)
def pe_ctr_pension_age_disregards_and_children(amount, household, year, results, pe, ours, theirs) -> bool:
    """Council Tax Reduction at pension age: the schemes take the income as pension-age Housing Benefit does and
    need the amounts for children as it does, and PolicyEngine's ``council_tax_reduction_applicable_income`` and
    ``_applicable_amount`` leave out three parts of it: the £20 earnings disregard for a carer or someone on
    Attendance Allowance, DLA or PIP in place of the £5 / £10 (SI 2012/2885 Sch. 4 paras. 4 and 5, WSI 2013/3029
    Sch. 3, SSI 2012/319 Sch. 2, as SI 2006/214 Sch. 4; its own documentation says "the £20 disregards ... are not
    modelled"), the income assumed from savings over £10,000 (SI 2012/2885 Sch. 1, as SI 2006/214 reg. 29(2); the
    class ``pe_ctr_no_tariff_income``), and the child or young person amounts with the disabled child premiums (SI
    2012/2885 Sch. 2 para. 2 and Part 3, WSI 2013/3029 Sch. 2, SSI 2012/319 Sch. 1: its applicable amount is the
    personal allowance and the severe disability and carer premiums only). Its own pension-age Housing Benefit has
    the first two (``housing_benefit_applicable_income``). Only where a disregard or a child is in it, and
    PolicyEngine's Housing Benefit income against its CTR applicable amount plus the kiosk's child parts, with its
    own liability and 20% taper, gives the kiosk's amount to within £1 a month."""
    if amount != "council_tax_reduction" or not pe.get("council_tax_reduction_pensioner"):
        return False
    from kiosk.benefits.rules import RULES
    from kiosk.benefits.rules.decisions import Context
    from kiosk.benefits.rules.housing_benefit import applicable_amount_parts
    day = dt.date(year, 10, 6)
    ctx = Context(household_from_json(household, on_date=day), day, rules=RULES)
    children = sum((part for key, part in applicable_amount_parts(ctx)
                    if key in ("benefits.line.hb.children", "benefits.line.hb.disabled_children")), Decimal(0))
    income = Decimal(str(pe.get("housing_benefit_applicable_income", 0.0)))
    ctr_income = Decimal(str(pe.get("council_tax_reduction_applicable_income", 0.0)))
    savings = Decimal(str(household.get("savings", 0)))
    tariff = Decimal(math.ceil((savings - 10_000) / 500)) * 52 if savings > 10_000 else Decimal(0)
    if not children and income >= ctr_income + tariff - 1:
        return False  # neither a larger disregard nor a child: not this class
    needs = Decimal(str(pe.get("council_tax_reduction_applicable_amount", 0.0))) + children * 52
    liability = Decimal(str(pe.get("council_tax_reduction_maximum_eligible_liability", 0.0)))
    expected = max(Decimal(0), liability - Decimal("0.2") * max(Decimal(0), income - needs)) / 12
    return abs(expected - ours) <= 1


@kiosk_bug(False)
def pe_childcare_cap_counts_young_people(amount, household, year, results, pe, ours, theirs) -> bool:
    """The childcare element's cap for one child or for two or more counts the children the childcare is for: a
    child (under 16), or a qualifying young person before the 1 September after their 16th birthday (UC Regs 2013
    reg. 33(1)(b), reg. 34(1)-(2), reg. 36). PolicyEngine (``uc_childcare_element_eligible_children``) counts every
    child with a child element, so a young person of 16 to 19 in education makes its cap the one for two or more.
    Only where the kiosk counts one child under 16 and two or more children for the child element, PolicyEngine's
    childcare element is 85% of the costs up to the two-or-more cap, and the difference is no more than the two
    elements' (PolicyEngine higher)."""
    if amount not in UC_AMOUNTS + ("uc_childcare_element",) or ours >= theirs:
        return False
    ages = [age for age, _ in _ages(household, year)]
    if sum(1 for age in ages if age < 16) != 1 or len(ages) < 2:
        return False
    rates = rates_on(dt.date(year, 10, 6))
    costs = Decimal(str(household.get("childcare_monthly", 0))) * rates.money("universal_credit.childcare_share")
    expected = min(rates.money("universal_credit.childcare_cap_two_or_more"), costs.quantize(Decimal("0.01")))
    element = results.universal_credit.childcare_element
    theirs_element = _pe_monthly(pe, "uc_childcare_element")
    return (element > 0 and abs(theirs_element - expected) <= 1 and theirs_element > element + 1
            and theirs - ours <= theirs_element - element + 1)


#: Cut-offs of SPCA 2002 s.3(1)(a) as amended (State Pension age before 6 April 2016): everyone born before 6 April
#: 1951 reached it in time, and no one born from 6 April 1953; between, a woman did and a man did not.
SAVINGS_CREDIT_ALL_BEFORE, SAVINGS_CREDIT_NONE_FROM = dt.date(1951, 4, 6), dt.date(1953, 4, 6)


@kiosk_bug(False)
def savings_credit_input_cannot_decide(amount, household, year, results, pe, ours, theirs) -> bool:
    """Savings credit for someone given by a bare age, no birth date, whose possible birth dates (their age on 6
    October) straddle the cut-offs: savings credit needs State Pension age reached before 6 April 2016 (SPCA 2002
    s.3(1)(a) as amended by the Pensions Act 2014 Sch. 12), which for someone born from 6 April 1951 to 5 April 1953
    depends on their sex (Pensions Act 1995 Sch. 4 para. 1: a woman reached it before 6 April 2016, a man did not)
    and on the exact date. The household format has no adult sex and the age does not give the date, so the input
    cannot decide; the kiosk takes a man's dates from the middle of the year of birth (kiosk/benefits/rules/
    pension_credit.py says so); the generator tells PolicyEngine the second adult is a woman. Only where the kiosk
    has no savings credit and PolicyEngine's savings credit is the whole difference."""
    if amount != "pension_credit" or ours >= theirs:
        return False
    undecided = False
    for adult in household["adults"]:
        if "birth_date" in adult or "age" not in adult:
            continue
        latest = dt.date(year - adult["age"], 10, 6)
        earliest = dt.date(year - adult["age"] - 1, 10, 7)
        undecided |= earliest < SAVINGS_CREDIT_NONE_FROM and latest >= SAVINGS_CREDIT_ALL_BEFORE
    decision = results.get("pension_credit")
    has_savings_credit = any("savings_credit" in line.message_key for line in decision.lines)
    return undecided and not has_savings_credit and abs(ours + _pe_monthly(pe, "savings_credit") - theirs) <= 1


#: In order, most specific first. Where PolicyEngine does not work Council Tax Reduction out at all, nothing else
#: explains the difference, so that class comes first.
CLASSES = [pe_ctr_scheme_not_simulated, pe_ctr_uc_needs_left_out, pe_ctr_no_tariff_income,
           winter_aged_80_from_bare_age, pe_no_bedroom_16_19, scottish_carer_supplement, follows_universal_credit,
           state_pension_age_rising, pe_floor_for_side_self_employment, pe_pay_holds_the_allowance,
           pe_ctr_pension_age_disregards_and_children, pe_childcare_cap_counts_young_people,
           savings_credit_input_cannot_decide]


def classify(amount, household, year, results, pe, ours, theirs) -> str:
    """The name of the first known class of difference that explains this one, or ""."""
    for check in CLASSES:
        if check(amount, household, year, results, pe, ours, theirs):
            return check.__name__
    return ""

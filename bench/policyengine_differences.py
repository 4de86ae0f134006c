"""Known classes of difference between the kiosk and PolicyEngine UK, each recognised by a function.

A class is a function ``(amount, household, year, results, pe, ours, theirs) -> bool`` that says whether it explains
the difference in ``amount`` (a name from ``AMOUNTS`` in benefits_vs_policyengine.py) for this household: its JSON
(as the kiosk read it), the tax year (2025 is 2025/26), the kiosk's ``Results``, PolicyEngine's yearly amounts by
variable, and the two monthly amounts. ``classify`` returns the name of the first class that does; the order goes
from the most specific cause to the most general. docs/benefits-differences.md lists every class with the regulation
that decides it and which side the law is on.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kiosk.benefits.household import age_on

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


def self_employed(amount, household, year, results, pe, ours, theirs) -> bool:
    """Someone is self-employed: the kiosk does not count self-employed earnings in UC yet, and PolicyEngine takes
    the minimum income floor to apply."""
    return (amount.startswith("uc") or amount in UC_AMOUNTS + FOLLOWS_UC + ("child_benefit",)) and any(
        adult.get("self_employment_income_annual") for adult in household["adults"])


def pension_income_not_counted(amount, household, year, results, pe, ours, theirs) -> bool:
    """Someone has a State Pension or another pension, and the kiosk's UC leaves it out of unearned income."""
    pensions = sum(Decimal(str(a.get("state_pension_annual", 0) + a.get("private_pension_annual", 0)))
                   for a in household["adults"]) / 12
    counted = results.universal_credit.unearned_income_deduction
    on_uc = results.get("universal_credit").monthly > 0 or pe.get("universal_credit", 0) > 0
    return (amount in UC_AMOUNTS + FOLLOWS_UC and pensions > 0 and counted < pensions - 1
            and on_uc)  # a pensioner household off UC has no UC to leave pensions out of


def aged_19_terminal_date(amount, household, year, results, pe, ours, theirs) -> bool:
    """A young person aged 19 in education: PolicyEngine and the kiosk end their time as a qualifying young person
    on different days."""
    return (amount.startswith("uc") or amount in UC_AMOUNTS + FOLLOWS_UC + ("child_benefit",)) and any(
        age == 19 and child.get("in_education", True) for age, child in _ages(household, year))


def pe_no_bedroom_16_19(amount, household, year, results, pe, ours, theirs) -> bool:
    """A private renter with a young person aged 16 to 19: PolicyEngine gives them no bedroom."""
    housing = results.universal_credit.housing_element
    return (amount in UC_AMOUNTS + ("uc_housing_element",) + FOLLOWS_UC and household.get("tenure") == "RENT_PRIVATELY"
            and housing > _pe_monthly(pe, "uc_housing_costs_element") + 1
            and any(16 <= age <= 19 and child.get("in_education", True) for age, child in _ages(household, year)))


def kiosk_bedrooms_ignore_sex(amount, household, year, results, pe, ours, theirs) -> bool:
    """A private renter with two or more children under 16 where the kiosk allows more bedrooms than the law: it gives
    each child aged 10 to 15 a room of their own instead of pairing children of the same sex."""
    housing = results.universal_credit.housing_element
    under_16 = [child for age, child in _ages(household, year) if age < 16]
    return (amount in UC_AMOUNTS + ("uc_housing_element",) + FOLLOWS_UC and household.get("tenure") == "RENT_PRIVATELY"
            and housing > _pe_monthly(pe, "uc_housing_costs_element") + 1 and len(under_16) >= 2)


def carer_element_with_partners_lcwra(amount, household, year, results, pe, ours, theirs) -> bool:
    """A couple who both have LCWRA, one a carer: the kiosk drops the carer element."""
    adults = household["adults"]
    return (amount in UC_AMOUNTS + ("uc_carer_element",) + FOLLOWS_UC and len(adults) == 2
            and all(adult.get("has_lcwra") for adult in adults)
            and results.universal_credit.carer_element < _pe_monthly(pe, "uc_carer_element"))


def dla_mobility_only(amount, household, year, results, pe, ours, theirs) -> bool:
    """A child gets DLA's mobility component only: the kiosk gives no disabled child addition."""
    return (amount in UC_AMOUNTS + ("uc_disabled_child_element",) + FOLLOWS_UC
            and any(c.get("dla_mobility", "NONE") != "NONE" and c.get("dla_care", "NONE") == "NONE"
                    for c in household.get("children", []))
            and results.universal_credit.disabled_child_element
            < _pe_monthly(pe, "uc_individual_disabled_child_element"))


def hicbc_adjusted_net_income(amount, household, year, results, pe, ours, theirs) -> bool:
    """Child Benefit less the High Income Child Benefit Charge, where someone has income other than employment: the
    kiosk charges on the higher earner's employment income alone, PolicyEngine on adjusted net income."""
    return amount == "child_benefit" and any(
        a.get("state_pension_annual") or a.get("private_pension_annual") or a.get("self_employment_income_annual")
        for a in household["adults"])


def scottish_carer_supplement(amount, household, year, results, pe, ours, theirs) -> bool:
    """Carer's Allowance / Carer Support Payment in Scotland: the difference is the Scottish Carer Supplement, which
    the kiosk adds and PolicyEngine 2.162.10 leaves out in 2025/26."""
    return amount == "carers_allowance" and household["country"] == "SCOTLAND" and year == 2025 and ours > theirs


def claimant_under_18(amount, household, year, results, pe, ours, theirs) -> bool:
    """A claimant aged 16 or 17: the kiosk says UC is "possible" with no amount, PolicyEngine pays it."""
    return (amount in UC_AMOUNTS + FOLLOWS_UC and results.get("universal_credit").monthly == 0
            and any(adult.get("age", 99) < 18 for adult in household["adults"]))


def childcare_with_one_partner_in_work(amount, household, year, results, pe, ours, theirs) -> bool:
    """A couple of whom only one is in paid work: the kiosk gives the childcare element, PolicyEngine does not."""
    adults = household["adults"]
    working = [a for a in adults if a.get("employment_income_annual") or a.get("self_employment_income_annual")]
    return (amount in UC_AMOUNTS + ("uc_childcare_element",) + FOLLOWS_UC and len(adults) == 2 and len(working) == 1
            and results.universal_credit.childcare_element > _pe_monthly(pe, "uc_childcare_element") + 1)


def follows_universal_credit(amount, household, year, results, pe, ours, theirs) -> bool:
    """An amount that follows Universal Credit, for a household whose UC differs (or is nil on one side)."""
    uc_ours = results.get("universal_credit").monthly
    uc_theirs = _pe_monthly(pe, "universal_credit")
    return amount in FOLLOWS_UC and bool(uc_ours or uc_theirs) and (
        abs(uc_ours - uc_theirs) > 1 or not uc_ours or not uc_theirs)  # off UC on both sides, nothing follows it


def state_pension_age_rising(amount, household, year, results, pe, ours, theirs) -> bool:
    """2026/27: someone aged 66 born after 5 April 1960, under State Pension age for PolicyEngine (66 and some
    months), at it for the kiosk (66)."""
    return year == 2026 and any(adult["age"] == 66 for adult in household["adults"] if "age" in adult)


CLASSES = [self_employed, pension_income_not_counted, aged_19_terminal_date, pe_no_bedroom_16_19,
           kiosk_bedrooms_ignore_sex, carer_element_with_partners_lcwra, dla_mobility_only, hicbc_adjusted_net_income,
           scottish_carer_supplement, claimant_under_18, childcare_with_one_partner_in_work, follows_universal_credit,
           state_pension_age_rising]


def classify(amount, household, year, results, pe, ours, theirs) -> str:
    """The name of the first known class of difference that explains this one, or ""."""
    for check in CLASSES:
        if check(amount, household, year, results, pe, ours, theirs):
            return check.__name__
    return ""


# --- pension age, Council Tax Reduction and the winter payments (added after the classes above) ----------------


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


def pe_ctr_uc_needs_left_out(amount, household, year, results, pe, ours, theirs) -> bool:
    """Wales and Scotland at working age, on Universal Credit: the applicable amount of someone on UC is their UC
    maximum amount, a month times 12 divided by 52 (Wales: WSI 2013/3029 Sch. 6 para. 3; Scotland: the UC maximum
    amount less the housing costs element, with the UC award counted as income, SSI 2021/249 regs. 35 and 57, as in
    SSI 2012/303 reg. 23). PolicyEngine counts the UC award as income but sets it against the legacy personal
    allowances and premiums (``council_tax_reduction_applicable_amount``), leaving out the UC elements for children,
    housing, disability and caring; it also counts Child Benefit, which the kiosk leaves out (Wales
    and Scotland disregard it as Housing Benefit does, SI 2006/213 Sch. 5 para. 65; the schemes' own paragraph not
    checked). Only where putting the UC maximum amount in place of
    PolicyEngine's applicable amount, and its income less Child Benefit, with its own liability and 20% taper, gives
    the kiosk's amount to within £1 a month."""
    if amount != "council_tax_reduction" or household["country"] not in ("WALES", "SCOTLAND") or ours <= theirs:
        return False
    uc = results.universal_credit
    if not results.get("universal_credit").monthly or pe.get("council_tax_reduction_pensioner"):
        return False
    needs = Decimal(str(uc.maximum_amount)) * 12
    income = Decimal(str(pe.get("council_tax_reduction_applicable_income", 0.0) - pe.get("child_benefit", 0.0)))
    liability = Decimal(str(pe.get("council_tax_reduction_maximum_eligible_liability", 0.0)))
    if Decimal(str(pe.get("council_tax_reduction_applicable_amount", 0.0))) >= needs - 12:
        return False
    expected = max(Decimal(0), liability - Decimal("0.2") * max(Decimal(0), income - needs)) / 12
    return abs(expected - ours) <= 1


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
    from kiosk.benefits.household import household_from_json
    day = dt.date(year, 10, 6)
    again = check(household_from_json({**household, "adults": older}, on_date=day), day).get("winter_fuel_payment")
    kept = Decimal(0) if again.status == "unlikely" else (again.one_off or Decimal(0))
    return abs(kept / 12 - theirs) <= 1


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
    tariff = Decimal(-((lower - savings) // step)) * 52  # £1 a week for each step or part of one
    income = Decimal(str(pe.get("council_tax_reduction_applicable_income", 0.0))) + tariff
    needs = Decimal(str(pe.get("council_tax_reduction_applicable_amount", 0.0)))
    liability = Decimal(str(pe.get("council_tax_reduction_maximum_eligible_liability", 0.0)))
    expected = max(Decimal(0), liability - Decimal("0.2") * max(Decimal(0), income - needs)) / 12
    return abs(expected - ours) <= 1


#: Tried before every other class: where PolicyEngine does not work the amount out at all, nothing else explains
#: the difference.
CLASSES = [pe_ctr_scheme_not_simulated, pe_ctr_uc_needs_left_out, pe_ctr_no_tariff_income,
           winter_aged_80_from_bare_age] + CLASSES

#: Each class is a kiosk bug (True: it counts against the issue's targets, is to be fixed, and the class then
#: deleted) or not (False: PolicyEngine departs from the law, does not model something, or the input cannot decide;
#: households it explains are left out of the agreement the targets are measured on). docs/benefits-differences.md
#: gives the regulation for each.
KIOSK_BUG = {
    "self_employed": True, "pension_income_not_counted": True, "aged_19_terminal_date": True,
    "pe_no_bedroom_16_19": False, "kiosk_bedrooms_ignore_sex": True, "carer_element_with_partners_lcwra": True,
    "dla_mobility_only": True, "hicbc_adjusted_net_income": True, "scottish_carer_supplement": False,
    "claimant_under_18": True, "childcare_with_one_partner_in_work": True, "follows_universal_credit": True,
    "state_pension_age_rising": True,
    "pe_ctr_scheme_not_simulated": False, "pe_ctr_uc_needs_left_out": False, "pe_ctr_no_tariff_income": False,
    "winter_aged_80_from_bare_age": False,
}


def kiosk_bug(cause: str) -> bool:
    """Whether the class of difference named ``cause`` is a kiosk bug (an unknown name counts as one)."""
    return KIOSK_BUG.get(cause, True)

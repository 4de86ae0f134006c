"""Universal Credit's housing element: social rent in full, private rent up to the Local Housing Allowance for the
bedrooms the household is allowed.

    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> from kiosk.benefits.rates import rates_on
    >>> import datetime as dt
    >>> rates = rates_on(dt.date(2026, 4, 6))
    >>> children = (Child(12, sex="MALE"), Child(14, sex="MALE"), Child(4, sex="FEMALE"))
    >>> bedroom_entitlement(Household("ENGLAND", (Adult(40),), children), rates)
    '3'

Bedrooms follow UC Regulations 2013 Sch. 4 para 10: one for the renter (a couple shares it); one for each other
person aged 16 or over; two children of the same sex under 16 share; any two children under 10 share; any other
child has a room of their own; at most 4 bedrooms for the Local Housing Allowance (Sch. 4 para 26). Simplifications:
no non-dependants, no extra room for a disabled child who cannot share, a foster carer or an overnight carer.
"""

from __future__ import annotations

from decimal import Decimal
import datetime as dt
from typing import Callable, Iterable

from kiosk.benefits.household import SOCIAL_TENURES, Adult, Child, Household
from kiosk.benefits.rates import Rates, pence
from kiosk.benefits.rules.decisions import ZERO, Context, Line
from kiosk.benefits.rules.predicates import uc_claimants

#: Children under this age share a room whatever their sex (Sch. 4 para 10(1)(d)).
SHARE_ANY_SEX_UNDER = 10
#: Children under this age share a room with a child of the same sex (Sch. 4 para 10(1)(c)); from it, a person has
#: a room of their own (para 10(1)(b)).
SHARE_SAME_SEX_UNDER = 16


def _rooms_by_group(boys_10_15: int, boys_under_10: int, girls_10_15: int, girls_under_10: int,
                    unknown_10_15: int, unknown_under_10: int) -> int:
    """The fewest rooms children under 16 need, from how many there are of each sex and age group.

    Children aged 10 to 15 can only share with a child of the same sex, so they pair among themselves first; an odd
    one out shares with a younger child of the same sex when there is one (that never costs a room: see the tests'
    brute force). Everyone under 10 left then pairs up, whatever their sex. A child whose sex we do not know pairs
    only by the under-10 rule.
    """
    rooms = unknown_10_15
    under_10 = boys_under_10 + girls_under_10 + unknown_under_10
    for older, younger_same_sex in ((boys_10_15, boys_under_10), (girls_10_15, girls_under_10)):
        rooms += (older + 1) // 2
        if older % 2 and younger_same_sex:
            under_10 -= 1
    return rooms + (under_10 + 1) // 2


def _groups(children: Iterable[Child]) -> dict[tuple[str | None, bool], int]:
    groups: dict[tuple[str | None, bool], int] = {}
    for child in children:
        key = (child.sex, child.age < SHARE_ANY_SEX_UNDER)
        groups[key] = groups.get(key, 0) + 1
    return groups


def child_bedrooms(children: Iterable[Child], best_case: bool = False) -> int:
    """Bedrooms the children need, before the LHA's limit of 4 (UC Regulations 2013 Sch. 4 para 10(1)(b)-(f)).

    :param children: the children living with the household (any aged 16 or over has a room of their own).
    :param best_case: give each child whose sex we do not know the sex that needs fewest rooms (else they pair only
        by the under-10 rule: the count we use, said in the working).

    >>> child_bedrooms([Child(11, sex="FEMALE"), Child(13, sex="FEMALE"), Child(3), Child(8)])
    2
    """
    children = list(children)
    older = sum(1 for child in children if child.age >= SHARE_SAME_SEX_UNDER)
    g = _groups(child for child in children if child.age < SHARE_SAME_SEX_UNDER)
    boys_old, boys_young, girls_old, girls_young = g.get(("MALE", False), 0), g.get(("MALE", True), 0), \
        g.get(("FEMALE", False), 0), g.get(("FEMALE", True), 0)
    unknown_old, unknown_young = g.get((None, False), 0), g.get((None, True), 0)
    if not best_case:
        return older + _rooms_by_group(boys_old, boys_young, girls_old, girls_young, unknown_old, unknown_young)
    # only how many of the unknown are boys matters, so try every split
    return older + min(_rooms_by_group(boys_old + a, boys_young + b, girls_old + unknown_old - a,
                                       girls_young + unknown_young - b, 0, 0)
                       for a in range(unknown_old + 1) for b in range(unknown_young + 1))


def sex_changes_bedrooms(household: Household, rates: Rates) -> bool:
    """Knowing the sex of the children we do not know it for could give fewer bedrooms within the LHA's 4 (so the
    working says what we assumed, and the questionnaire has a reason to ask)."""
    if all(child.sex is not None for child in household.children):
        return False
    most = int(rates["universal_credit.max_bedrooms"])
    return (min(most, 1 + child_bedrooms(household.children, best_case=True))
            < min(most, 1 + child_bedrooms(household.children)))


def shared_rate_exception(adult: Adult) -> bool:
    """The renter is excepted from the shared accommodation rate by a disability benefit: Attendance Allowance or
    the daily living component of PIP or Adult Disability Payment, at either rate (UC Regulations 2013 Sch. 4 para.
    29(5); the middle or highest care rate of DLA too, which the household format does not take for an adult). The
    other exceptions of para. 29 (care leavers under 25, hostel residents, MAPPA, victims of domestic abuse or
    trafficking) are not asked."""
    return adult.pip_daily_living != "NONE" or adult.attendance_allowance != "NONE"


def bedroom_entitlement(household: Household, rates: Rates, on_date: dt.date | None = None) -> str:
    """The Local Housing Allowance size: "shared" for a specified renter (Sch. 4 paras 27-28): single, or a member of
    a couple claiming as a single person (``uc_claimants``), under 35, not excepted (para. 29), with no children;
    else 1 to 4 bedrooms: one for the renter or couple and the children's rooms (Sch. 4 para 10), at most 4 (para 26).
    """
    claimants = uc_claimants(household, rates, on_date)
    if (len(claimants) == 1 and not household.children
            and claimants[0].age < rates["universal_credit.shared_accommodation_age"]
            and not shared_rate_exception(claimants[0])):
        return "shared"
    rooms = 1 + child_bedrooms(household.children)
    return str(min(rooms, int(rates["universal_credit.max_bedrooms"])))


def housing_element(ctx: Context) -> tuple[Decimal, list[Line]]:
    """The housing element and its working: social rent in full; private rent up to the Local Housing Allowance
    (the household's rates, else the office's; with neither, the rent, said so)."""
    household = ctx.household
    if not household.rents:
        return ZERO, []
    rent = pence(household.rent_monthly)
    if household.tenure in SOCIAL_TENURES:
        return rent, [Line("benefits.line.uc.housing_social", rent)]
    size = bedroom_entitlement(household, ctx.rates, ctx.on_date)
    lha = household.lha_monthly or ctx.office_lha or {}
    shared = size == "shared"
    notes = [Line("benefits.line.uc.bedrooms_sex_unknown", None, {"bedrooms": int(size)}, kind="note")
             ] if not shared and sex_changes_bedrooms(household, ctx.rates) else []
    if size not in lha:
        key = "benefits.line.uc.housing_no_lha_shared" if shared else "benefits.line.uc.housing_no_lha"
        return rent, [Line(key, rent, {} if shared else {"bedrooms": int(size)})] + notes
    allowed = min(rent, pence(Decimal(lha[size])))
    key = "benefits.line.uc.housing_private_shared" if shared else "benefits.line.uc.housing_private"
    params = {"lha": pence(lha[size]), "rent": rent} | ({} if shared else {"bedrooms": int(size)})
    return allowed, [Line(key, allowed, params)] + notes


#: This module's predicates by name (each has its own test).
PREDICATES: dict[str, Callable[..., bool]] = {f.__name__: f for f in (sex_changes_bedrooms, shared_rate_exception)}

#: This module's amount functions by name (each has its own test).
AMOUNTS: dict[str, Callable[..., object]] = {f.__name__: f for f in (
    child_bedrooms, bedroom_entitlement, housing_element)}

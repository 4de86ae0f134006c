"""Turn the questionnaire's answers into the ``Household`` the rules check.

    >>> from kiosk.benefits.flow import start, step
    >>> state = start("england")
    >>> for answer in ["england", "30", "no", "no", "0", "no", "no", {"amount": "0", "per": "week"}, "no", "0",
    ...                "rent_private", {"amount": "600", "per": "month"}, "c", "dont_know", "none", ["none"]]:
    ...     state = step(state, answer)
    >>> state.node
    'results'
    >>> household = household_from_state(state)
    >>> household.adults[0].age, household.tenure, household.rent_monthly
    (30, 'RENT_PRIVATELY', Decimal('600.00'))

Only the answers on the route the person took count: an answer left over from a route they went back on is ignored.
"""

from __future__ import annotations

from decimal import Decimal

from kiosk.benefits.flow import FlowState, path
from kiosk.benefits.household import Adult, Child, Household
from kiosk.benefits.rates import pence

TENURE = {"rent_council": "RENT_FROM_COUNCIL", "rent_housing_association": "RENT_FROM_HA",
          "rent_private": "RENT_PRIVATELY", "own_mortgage": "OWNED_WITH_MORTGAGE", "own_outright": "OWNED_OUTRIGHT",
          "no_rent": "NO_RENT"}
PIP = {"none": "NONE", "standard": "STANDARD", "enhanced": "ENHANCED"}
SAVINGS = {"none": Decimal(0), "under_6000": Decimal(0), "over_16000": Decimal("16000.01")}
#: Attendance Allowance and DLA mobility: "I'm not sure" counts as not getting it (the results say to check).
RATE = {"higher": "HIGHER", "lower": "LOWER", "no": "NONE", "not_sure": "NONE"}
CARES_FOR = {"partner": "PARTNER", "child": "CHILD", "someone_else": "SOMEONE_ELSE"}
SEX = {"boy": "MALE", "girl": "FEMALE", "prefer_not_to_say": None}


def monthly(answer) -> Decimal:
    """A money answer ``(amount, "week" | "month")`` as £ a month (weekly x 52 / 12)."""
    if answer is None:
        return Decimal(0)
    amount, per = answer if isinstance(answer, tuple) else (answer, "month")
    return pence(amount * 52 / 12) if per == "week" else pence(amount)


def yearly(answer) -> Decimal:
    """A money answer ``(amount, "week" | "month")`` as £ a year (weekly x 52, monthly x 12)."""
    if answer is None:
        return Decimal(0)
    amount, per = answer if isinstance(answer, tuple) else (answer, "month")
    return pence(amount * (52 if per == "week" else 12))


def _caring(hours: int, cares_for: str | None) -> dict:
    """Caring hours, and whom for: someone who lives alone with no children can only care for someone else."""
    if not hours:
        return {"caring_hours_weekly": Decimal(0), "is_carer": False}
    return {"caring_hours_weekly": Decimal(hours), "is_carer": True,
            "cares_for": CARES_FOR[cares_for] if cares_for else "SOMEONE_ELSE"}


def _lcwra(answer) -> dict:
    if answer == "lcwra_before_april_2026":
        return {"has_lcwra": True, "lcwra_new_claimant": False}
    if answer == "lcwra_since_april_2026":
        return {"has_lcwra": True, "lcwra_new_claimant": True}
    return {}


def _person(answers: dict) -> Adult:
    effect = answers.get("health_work")
    return Adult(
        age=answers["age"],
        hours_worked_weekly=Decimal(answers.get("work_hours", 0)),
        take_home_monthly=monthly(answers["work_pay"]) if "work_pay" in answers else None,
        is_disabled=answers.get("health") == "yes",
        health_limits_work=effect in ("cannot_work", "limits_work", "off_sick"),
        cannot_work=effect == "cannot_work",
        off_sick=effect == "off_sick",
        self_employment_income_annual=yearly(answers.get("self_employed_profit")),
        state_pension_annual=yearly(answers.get("state_pension")),
        private_pension_annual=yearly(answers.get("private_pension")),
        pip_daily_living=PIP[answers.get("pip_daily_living", "none")],
        pip_mobility=PIP[answers.get("pip_mobility", "none")],
        attendance_allowance=RATE[answers.get("attendance_allowance", "no")],
        **_caring(answers.get("caring_hours", 0), answers.get("caring_for")),
        **_lcwra(answers.get("health_assessed")))


def _partner(answers: dict) -> Adult:
    effect = answers.get("partner_health", "no")
    return Adult(
        age=answers["partner_age"],
        hours_worked_weekly=Decimal(answers.get("partner_work_hours", 0)),
        take_home_monthly=monthly(answers["partner_work_pay"]) if "partner_work_pay" in answers else None,
        is_disabled=effect != "no",
        health_limits_work=effect != "no",
        cannot_work=effect == "cannot_work",
        self_employment_income_annual=yearly(answers.get("partner_self_employed_profit")),
        state_pension_annual=yearly(answers.get("partner_state_pension")),
        private_pension_annual=yearly(answers.get("partner_private_pension")),
        pip_daily_living=PIP[answers.get("partner_pip", "none")],
        attendance_allowance=RATE[answers.get("partner_attendance_allowance", "no")],
        **_caring(answers.get("partner_caring_hours", 0), answers.get("partner_caring_for")),
        **_lcwra(answers.get("partner_health_assessed")))


def _children(answers: dict) -> tuple[Child, ...]:
    """The children, eldest first. The counts (born before 2017, disabled, highest care rate) are taken to be the
    eldest, as are the mobility answers, one for each disabled child; each child's sex stays with that child (the
    n-th age typed)."""
    typed = answers.get("children_ages", ())
    sexes = [SEX[answers.get(f"child_sex_{n}", "prefer_not_to_say")] for n in range(1, len(typed) + 1)]
    eldest_first = sorted(zip(typed, sexes), key=lambda child: -child[0])
    before = answers.get("children_born_before_2017")
    disabled = answers.get("children_disabled", 0)
    highest = answers.get("children_dla_highest", 0)
    return tuple(Child(age=age,
                       sex=sex,
                       born_before_april_2017=None if before is None else number < before,
                       is_disabled=number < disabled,
                       dla_care="HIGHER" if number < highest else "NONE",
                       dla_mobility=RATE[answers.get(f"child_mobility_{number + 1}", "no")] if number < disabled
                       else "NONE")
                 for number, (age, sex) in enumerate(eldest_first))


def household_from_state(state: FlowState) -> Household:
    """The household the answers on the current route describe.

    :param state: a questionnaire at (or on its way to) the results.
    """
    answers = {key: state.answers[key] for key in path(state)}
    adults = (_person(answers),) + ((_partner(answers),) if answers.get("partner") == "yes" else ())
    band = answers.get("council_tax_band")
    bill = answers.get("council_tax_bill")
    savings = SAVINGS.get(answers.get("savings", "none"), Decimal(0))
    if answers.get("savings") == "6000_to_16000":
        savings = answers.get("savings_amount", Decimal(6000))
    return Household(
        country=answers.get("nation", state.default_nation).upper(),
        adults=adults,
        children=_children(answers),
        rent_monthly=monthly(answers.get("rent")),
        tenure=TENURE[answers.get("housing", "no_rent")],
        council_tax_band=None if band in (None, "not_sure") else band.upper(),
        council_tax_annual=None if bill in (None, "dont_know") else bill,
        other_income_monthly=monthly(answers.get("other_income")),
        savings=savings,
        childcare_monthly=monthly(answers.get("childcare_costs")),
        benefits_received=frozenset(answers.get("benefits_received", ())),
        expecting_baby=answers.get("expecting") == "yes",
        bereaved=answers.get("bereaved") == "yes",
    )

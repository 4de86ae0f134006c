"""The registry of benefit rules: named predicates, named amount functions, and one deciding rule per benefit.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Household
    >>> ctx = Context(Household("ENGLAND", (Adult(age=30),)), dt.date(2026, 4, 6))
    >>> decision = ctx.decision("universal_credit")
    >>> decision.status, decision.monthly
    ('likely', Decimal('424.90'))
    >>> sorted(rules())[:3]
    ['access_to_work', 'bereavement_support', 'budgeting_advance']

Each benefit in ``assets/rules/benefits.toml`` names its rule here (a test checks that every name exists). A rule
takes a ``Context`` (the household, the date and the rates in force) and returns a ``Decision``: a status (likely,
possible, unlikely), a reason as a message key with its parameters, the money, and the lines of "How we worked this
out". Rules are small and built from predicates and amount functions registered by name, each one concept and each
unit-tested; passported help asks the context for the decisions it follows from (``ctx.decision("universal_credit")``).

The rules live in ``benefits_uc.py`` (Universal Credit), ``benefits_cash.py`` (the other money benefits),
``benefits_disability.py`` (assessment-based: ranges) and ``benefits_passported.py`` (help that follows from the
others). Nothing here logs: households are personal.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Mapping

from kiosk.benefits.household import Adult, Child, Household
from kiosk.benefits.rates import Rates, rates_on
from kiosk.benefits.tax import gross_from_take_home, take_home_monthly

LIKELY, POSSIBLE, UNLIKELY = "likely", "possible", "unlikely"
STATUSES = (LIKELY, POSSIBLE, UNLIKELY)
ZERO = Decimal(0)

#: Rules by name: ``Context -> Decision``. Filled by the rule modules when ``rules()`` imports them.
RULES: dict[str, Callable[["Context"], "Decision"]] = {}
#: Named yes/no tests, one concept each.
PREDICATES: dict[str, Callable[..., bool]] = {}
#: Named amount functions, one concept each.
AMOUNTS: dict[str, Callable[..., Decimal]] = {}


def rule(name: str):
    """Register the function as the rule called ``name`` (the name ``benefits.toml`` uses).

    :param name: the rule's name.
    """
    def register(function):
        if name in RULES:
            raise ValueError(f"two rules are called {name}")
        RULES[name] = function
        return function
    return register


def predicate(function):
    """Register a predicate under its own name."""
    PREDICATES[function.__name__] = function
    return function


def amount(function):
    """Register an amount function under its own name."""
    AMOUNTS[function.__name__] = function
    return function


@functools.cache
def rules() -> Mapping[str, Callable[["Context"], "Decision"]]:
    """Every rule by name, after importing the modules that register them."""
    from kiosk.benefits.rules import cash, disability, passported, universal_credit  # noqa: F401
    return RULES


@dataclass(frozen=True)
class Line:
    """One line of "How we worked this out".

    :param key: message key, e.g. "benefits.line.uc.standard_allowance_single".
    :param amount: the money on this line, £ a month (None for a note).
    :param params: values for the message's placeholders.
    :param kind: "add", "subtract", "total" or "note".
    """

    key: str
    amount: Decimal | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    kind: str = "add"


@dataclass(frozen=True)
class Decision:
    """What a rule decided for one benefit.

    :param status: likely, possible or unlikely.
    :param reason: message key of the plain-English reason.
    :param params: values for the reason's placeholders.
    :param monthly: the regular amount we estimate, £ a month (0 when none or not estimated).
    :param monthly_range: (lowest, highest) £ a month for benefits that depend on an assessment.
    :param one_off: a lump sum or a yearly payment, £ (None when none).
    :param lines: the working.
    :param next_steps: message keys of what to do next.
    :param in_kind: help given as goods or services, not money.
    """

    status: str
    reason: str
    params: Mapping[str, object] = field(default_factory=dict)
    monthly: Decimal = ZERO
    monthly_range: tuple[Decimal, Decimal] | None = None
    one_off: Decimal | None = None
    lines: tuple[Line, ...] = ()
    next_steps: tuple[str, ...] = ()
    in_kind: bool = False

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {self.status!r}")


def likely(reason: str, **kwargs) -> Decision:
    """A likely decision (shorthand)."""
    return Decision(LIKELY, reason, **kwargs)


def possible(reason: str, **kwargs) -> Decision:
    """A possible decision (shorthand)."""
    return Decision(POSSIBLE, reason, **kwargs)


def unlikely(reason: str, **kwargs) -> Decision:
    """An unlikely decision (shorthand)."""
    return Decision(UNLIKELY, reason, **kwargs)


class Context:
    """A household on a date, with the rates in force, and every decision made so far (each made once).

    :param household: who the check is about.
    :param on_date: the date the check is for; it chooses the rates and date-dependent rules.
    :param rates: the rates to use (default: those in force on ``on_date``).
    :param office_lha: the office's Local Housing Allowance rates, £ a month by size ("shared", "1" .. "4"),
        used when the household gives none.
    """

    def __init__(self, household: Household, on_date: dt.date, rates: Rates | None = None,
                 office_lha: Mapping[str, Decimal] | None = None) -> None:
        self.household = household
        self.on_date = on_date
        self.rates = rates or rates_on(on_date)
        self.office_lha = office_lha
        self._decisions: dict[str, Decision] = {}
        self._deciding: set[str] = set()
        self._cache: dict[object, object] = {}

    @property
    def scotland(self) -> bool:
        """The household lives in Scotland (Scottish income tax, Scottish benefits)."""
        return self.household.country == "SCOTLAND"

    def decision(self, name: str) -> Decision:
        """The decision of the rule ``name``, made once per context.

        :param name: a rule name.
        :raises RuntimeError: rules that depend on each other in a circle.
        """
        if name not in self._decisions:
            if name in self._deciding:
                raise RuntimeError(f"the rule {name} depends on itself")
            self._deciding.add(name)
            try:
                self._decisions[name] = rules()[name](self)
            finally:
                self._deciding.discard(name)
        return self._decisions[name]

    def remember(self, key: object, make: Callable[[], object]):
        """A value worked out once per context (e.g. the Universal Credit calculation).

        :param key: what it is.
        :param make: how to work it out.
        """
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def net_monthly(self, adult: Adult) -> Decimal:
        """The adult's take-home pay a month: as given, or worked out from gross pay."""
        if adult.take_home_monthly is not None:
            return adult.take_home_monthly
        if adult.employment_income_annual <= 0:
            return ZERO
        return take_home_monthly(adult.employment_income_annual, self.rates, self.scotland)

    def gross_annual(self, adult: Adult) -> Decimal:
        """The adult's gross pay a year: as given, or worked out from take-home pay."""
        if adult.employment_income_annual > 0 or not adult.take_home_monthly:
            return adult.employment_income_annual
        return self.remember(("gross", id(adult)), lambda: gross_from_take_home(
            adult.take_home_monthly * 12, self.rates, self.scotland))

    def household_net_monthly(self) -> Decimal:
        """Take-home pay a month of all the adults together."""
        return sum((self.net_monthly(adult) for adult in self.household.adults), ZERO)


# --- predicates shared by several rules ------------------------------------------------------------------------


@predicate
def under_state_pension_age(adult: Adult, rates: Rates) -> bool:
    """The adult is under State Pension age (66; see the rates file on the rise to 67)."""
    return adult.age < rates["universal_credit.state_pension_age"]


@predicate
def working_age_household(household: Household, rates: Rates) -> bool:
    """At least one adult is under State Pension age, so the household is on working-age benefits."""
    return any(under_state_pension_age(adult, rates) for adult in household.adults)


@predicate
def cares_35_hours(adult: Adult, rates: Rates) -> bool:
    """The adult cares for someone at least 35 hours a week (``is_carer`` with no hours given counts)."""
    if adult.caring_hours_weekly is None:
        return adult.is_carer
    return adult.caring_hours_weekly >= rates["carers_allowance.min_hours"]


@predicate
def qualifying_child(child: Child) -> bool:
    """Counts as a child for benefits: under 16, or under 20 in approved education or training."""
    return child.age < 16 or (child.age < 20 and child.in_education)


@predicate
def born_before(child: Child, cutoff: dt.date, on_date: dt.date) -> bool:
    """The child was born before ``cutoff``: from the birth date, the questionnaire's answer, or else the age.

    From an age alone the birth date is taken as the middle of the possible year: a child aged 9 on 6 April 2026
    was born between 7 April 2016 and 6 April 2017, so before 6 April 2017 for all but one day.

    :param child: the child.
    :param cutoff: e.g. 6 April 2017.
    :param on_date: the date the age is on.
    """
    if child.birth_date is not None:
        return child.birth_date < cutoff
    if child.born_before_april_2017 is not None and cutoff == dt.date(2017, 4, 6):
        return child.born_before_april_2017
    latest = _years_before(on_date, child.age)  # born on or before this day
    earliest = _years_before(on_date, child.age + 1) + dt.timedelta(days=1)
    return earliest + (latest - earliest) / 2 < cutoff


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@predicate
def responsible_for_child(household: Household) -> bool:
    """The household has at least one child who counts for benefits."""
    return any(qualifying_child(child) for child in household.children)


@predicate
def gets_disability_benefit(household: Household) -> bool:
    """Someone gets PIP or Adult Disability Payment, or a child gets DLA care or Child Disability Payment."""
    return (any(adult.gets_pip for adult in household.adults)
            or any(child.dla_care != "NONE" for child in household.children))


@predicate
def gets_universal_credit(ctx: Context) -> bool:
    """The household already gets Universal Credit or is likely to."""
    return ("universal_credit" in ctx.household.benefits_received
            or ctx.decision("universal_credit").status == LIKELY)


@predicate
def may_get_universal_credit(ctx: Context) -> bool:
    """The household gets Universal Credit, or is likely or possibly entitled to it."""
    return gets_universal_credit(ctx) or ctx.decision("universal_credit").status == POSSIBLE


@predicate
def gets_means_tested_benefit(ctx: Context) -> bool:
    """The household gets (or is likely to get) Universal Credit, Pension Credit or Housing Benefit."""
    received = ctx.household.benefits_received
    return gets_universal_credit(ctx) or bool(received & {"pension_credit", "housing_benefit"})

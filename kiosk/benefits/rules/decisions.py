"""What a benefit rule returns (``Decision``, with its ``Line``s of working) and what it is given (``Context``).

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules import RULES
    >>> ctx = Context(Household("ENGLAND", (Adult(age=30),)), dt.date(2026, 4, 6), rules=RULES)
    >>> decision = ctx.decision("universal_credit")
    >>> decision.status, decision.monthly
    ('likely', Decimal('424.90'))

A rule takes a ``Context`` (the household, the date, the rates in force, and the table of rules by name) and
returns a ``Decision``: a status (likely, possible, unlikely), a reason as a message key with its parameters, the
money, and the lines of "How we worked this out". Passported help asks the context for the decisions it follows from
(``ctx.decision("universal_credit")``), so a ``Context`` is given the rules when it is made: the whole table is
``kiosk.benefits.rules.RULES``. This module imports no rule (only the shared predicates, which import it only
for type checking), so every rule module can import it. Nothing here logs:
households are personal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Mapping

from kiosk.benefits.council_tax_settings import CouncilTaxSettings
from kiosk.benefits.household import Adult, Household
from kiosk.benefits.rates import Rates, pence, rates_on
from kiosk.benefits.rules.predicates import under_state_pension_age
from kiosk.benefits.rules.statuses import LIKELY, POSSIBLE, STATUSES, UNLIKELY
from kiosk.benefits.tax import earnings_take_home_annual, gross_from_take_home, take_home_monthly

ZERO = Decimal(0)


@dataclass(frozen=True)
class Line:
    """One line of "How we worked this out".

    :param message_key: catalogue key, e.g. "benefits.line.uc.standard_allowance_single".
    :param amount: the money on this line, £ a month (None for a note).
    :param params: values for the message's placeholders.
    :param kind: "add", "subtract", "total" or "note".
    """

    message_key: str
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


#: A rule: the decision for one benefit, from a context.
Rule = Callable[["Context"], Decision]


class Context:
    """A household on a date, with the rates in force, and every decision made so far (each made once).

    :param household: who the check is about.
    :param on_date: the date the check is for; it chooses the rates and date-dependent rules.
    :param rates: the rates to use (default: those in force on ``on_date``).
    :param office_lha: the office's Local Housing Allowance rates, £ a month by size ("shared", "1" .. "4"),
        used when the household gives none.
    :param office_ctr: the office's council tax settings (its council's Band D; England's working-age scheme), or
        None (no Band D; the default scheme).
    :param rules: every rule by name (``kiosk.benefits.rules.RULES``): what ``decision(name)`` runs. It is passed in,
        not imported, because the rules themselves import this module.
    """

    def __init__(self, household: Household, on_date: dt.date, rates: Rates | None = None,
                 office_lha: Mapping[str, Decimal] | None = None, *, rules: Mapping[str, Rule],
                 office_ctr: CouncilTaxSettings | None = None) -> None:
        self.household = household
        self.on_date = on_date
        self.rules = rules
        self.rates = rates or rates_on(on_date)
        self.office_lha = office_lha
        self.office_ctr = office_ctr
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
        :raises KeyError: no rule of that name in this context's rules.
        :raises RuntimeError: rules that depend on each other in a circle.
        """
        if name not in self._decisions:
            if name in self._deciding:
                raise RuntimeError(f"the rule {name} depends on itself")
            self._deciding.add(name)
            try:
                self._decisions[name] = self.rules[name](self)
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

    def pension_age(self, adult: Adult) -> bool:
        """The adult has reached State Pension age (no employee or Class 4 National Insurance: SSCBA 1992 s.6(3))."""
        return not under_state_pension_age(adult, self.rates)

    def net_monthly(self, adult: Adult) -> Decimal:
        """The adult's earnings a month after tax and National Insurance, as Universal Credit counts them (UC
        Regulations 2013 regs 55 and 57): take-home pay as given, or worked out from gross pay, plus self-employed
        profit less the income tax and Class 4 National Insurance on it. Only the tax "in respect of the employment"
        is taken off (reg. 55(5)(b)): the State Pension, paid without tax taken off, uses up the Personal Allowance
        first (PAYE collects its tax through the tax code on the pay); another pension does so only when it is
        larger than the earnings (the main source, which holds the allowance in the PAYE codes), else it is taxed on
        its own."""
        pension_age = self.pension_age(adult)
        earned = adult.employment_income_annual + adult.self_employment_income_annual
        pensions = adult.state_pension_annual + (
            adult.private_pension_annual if adult.private_pension_annual > earned else ZERO)
        if adult.take_home_monthly is not None:
            employed = adult.take_home_monthly
        elif adult.employment_income_annual <= 0:
            employed = ZERO
        elif not pensions and not adult.self_employment_income_annual:
            employed = take_home_monthly(adult.employment_income_annual, self.rates, self.scotland, pension_age)
        else:
            return pence(earnings_take_home_annual(adult.employment_income_annual, adult.self_employment_income_annual,
                                                   pensions, self.rates, self.scotland, pension_age) / 12)
        if adult.self_employment_income_annual <= 0:
            return employed
        # pay given as take-home: its gross, then the profit taxed on top of it
        gross = self.gross_annual(adult) + pensions
        return employed + pence(earnings_take_home_annual(ZERO, adult.self_employment_income_annual, gross,
                                                          self.rates, self.scotland, pension_age) / 12)

    def gross_annual(self, adult: Adult) -> Decimal:
        """The adult's gross pay a year: as given, or worked out from take-home pay."""
        if adult.employment_income_annual > 0 or not adult.take_home_monthly:
            return adult.employment_income_annual
        return self.remember(("gross", id(adult)), lambda: gross_from_take_home(
            adult.take_home_monthly * 12, self.rates, self.scotland, self.pension_age(adult)))

    def household_net_monthly(self) -> Decimal:
        """Take-home pay a month of all the adults together."""
        return sum((self.net_monthly(adult) for adult in self.household.adults), ZERO)

"""Check all 35 benefits for a household on a date: the API the results screen and ``kiosk benefits`` use.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.household import Adult, Child, Household
    >>> household = Household("ENGLAND", (Adult(age=34),), (Child(age=6),), rent_monthly=Decimal(550),
    ...                       tenure="RENT_FROM_HA")
    >>> results = check(household, dt.date(2026, 6, 1))
    >>> results.tax_year
    '2026-27'
    >>> [(r.id, r.status, r.monthly) for r in results.eligible[:3]]  # doctest: +NORMALIZE_WHITESPACE
    [('universal_credit', 'likely', Decimal('1278.84')), ('new_style_jsa', 'possible', Decimal('414.05')),
     ('child_benefit', 'likely', Decimal('117.22'))]
    >>> uc = results.get("universal_credit")
    >>> uc.reason, [line.message_key for line in uc.lines][:2]
    ('benefits.reason.uc.likely', ['benefits.line.uc.standard_allowance_single', 'benefits.line.uc.child_element'])
    >>> uc.claim_url
    'https://www.gov.uk/apply-universal-credit'

A screen shows ``results.eligible`` (likely and possible, biggest first: monthly amount, then the top of a range,
then a one-off payment spread over a year) and ``results.unlikely`` apart, each with its reason. Every text is a
message key with parameters (``kiosk.benefits.messages.text`` renders them in English or Welsh): ``Result.reason`` and
``reason_params``, ``lines`` for "How we worked this out" (for Universal Credit every element and deduction), and
``next_steps``. Names, summaries and claim links come from ``assets/rules/benefits.toml`` for the household's nation.

``on_date`` chooses the rates and the rules in force (the two-child limit, the health element, sick pay);
without it, ``kiosk.benefits.rates.today()`` is used ($JOBPOINT_TODAY pins it). Nothing is logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kiosk.benefits.council_tax_settings import CouncilTaxSettings
from kiosk.benefits.definitions import Benefit, all_benefits
from kiosk.benefits.household import Household
from kiosk.benefits.rates import RULES_DIR, Rates, rates_on, today
from kiosk.benefits.rules import RULES
from kiosk.benefits.rules.decisions import LIKELY, UNLIKELY, ZERO, Context, Decision, Line, unlikely
from kiosk.benefits.rules.universal_credit import UcCalculation, universal_credit

STATUS_ORDER = {"likely": 0, "possible": 1, "unlikely": 2}


@dataclass(frozen=True)
class Result:
    """What the check found for one benefit, ready for a results screen.

    ``monthly`` is the regular amount we estimate (£ a month; 0 when there is none or it cannot be estimated),
    ``monthly_range`` the (lowest, highest) an assessment could give, ``one_off`` a lump sum or yearly payment.
    """

    id: str
    name: Mapping[str, str]
    summary: Mapping[str, str]
    runs: Mapping[str, str]
    kind: str
    status: str
    reason: str
    reason_params: Mapping[str, object] = field(default_factory=dict)
    monthly: Decimal = ZERO
    monthly_range: tuple[Decimal, Decimal] | None = None
    one_off: Decimal | None = None
    lines: tuple[Line, ...] = ()
    next_steps: tuple[str, ...] = ()
    claim_url: str = ""
    claim_phone: str = ""
    in_kind: bool = False
    in_nation: bool = True

    def sort_key(self, position: int) -> tuple:
        """Biggest first: monthly amount, then the top of a range, then a one-off spread over a year."""
        top = self.monthly_range[1] if self.monthly_range else ZERO
        spread = (self.one_off or ZERO) / 12
        return (self.status == UNLIKELY, -self.monthly, -top, -spread, STATUS_ORDER[self.status], position)


@dataclass(frozen=True)
class Results:
    """Every benefit checked, biggest first, with the Universal Credit working.

    :param on_date: the date checked.
    :param tax_year: e.g. "2026-27".
    :param provisional: the date is after the newest rates we have; last year's were used.
    :param results: every benefit, likely and possible first (biggest first), then unlikely.
    :param universal_credit: the full UC calculation (its figures are the CLI's ``universal_credit`` object).
    """

    on_date: dt.date
    tax_year: str
    provisional: bool
    results: tuple[Result, ...]
    universal_credit: UcCalculation

    @property
    def eligible(self) -> tuple[Result, ...]:
        """Likely and possible results, biggest first."""
        return tuple(r for r in self.results if r.status != UNLIKELY)

    @property
    def unlikely(self) -> tuple[Result, ...]:
        """Unlikely results for this nation, to list apart with their reasons."""
        return tuple(r for r in self.results if r.status == UNLIKELY and r.in_nation)

    def get(self, benefit_id: str) -> Result:
        """The result for one benefit by id."""
        for result in self.results:
            if result.id == benefit_id:
                return result
        raise KeyError(benefit_id)

    @property
    def likely_monthly_total(self) -> Decimal:
        """The sum of the monthly amounts of the likely results."""
        return sum((r.monthly for r in self.results if r.status == LIKELY), ZERO)


def _result(item: Benefit, decision: Decision, in_nation: bool) -> Result:
    return Result(id=item.id, name=item.name, summary=item.summary, runs=item.runs, kind=item.kind,
                  status=decision.status, reason=decision.reason, reason_params=dict(decision.params),
                  monthly=decision.monthly, monthly_range=decision.monthly_range, one_off=decision.one_off,
                  lines=decision.lines, next_steps=decision.next_steps, claim_url=item.claim_url,
                  claim_phone=item.claim_phone, in_kind=decision.in_kind, in_nation=in_nation)


def check(household: Household, on_date: dt.date | None = None, *, rates: Rates | None = None,
          office_lha: Mapping[str, Decimal] | None = None, rates_folder: Path = RULES_DIR,
          office_ctr: CouncilTaxSettings | None = None) -> Results:
    """Check every benefit for ``household`` on ``on_date``.

    :param household: who the check is about.
    :param on_date: the date (default: today, or $JOBPOINT_TODAY).
    :param rates: rates to use instead of those in force on the date (for tests of a change in rates).
    :param office_lha: the office's Local Housing Allowance rates, £ a month by "shared", "1" .. "4".
    :param rates_folder: where the rates files are (the central service's copy, or the kiosk's own).
    :param office_ctr: the office's council tax settings: its council's Band D, and England's working-age scheme as
        its council runs it (None: no Band D, and the default scheme).
    :raises kiosk.benefits.rates.RatesUnavailable: a date before the earliest rates.
    """
    day = on_date or today()
    ctx = Context(household, day, rates or rates_on(day, rates_folder), office_lha, rules=RULES,
                  office_ctr=office_ctr)
    found = []
    for item in all_benefits():
        local = item.for_nation(household.country)
        if household.country not in item.nations:
            decision = unlikely("benefits.reason.not_in_nation")
            found.append(_result(local, decision, in_nation=False))
            continue
        if item.rule not in RULES:
            raise LookupError(f"benefit {item.id} names the rule {item.rule}, which does not exist")
        found.append(_result(local, ctx.decision(item.rule), in_nation=True))
    ordered = sorted(enumerate(found), key=lambda pair: pair[1].sort_key(pair[0]))
    return Results(day, ctx.rates.tax_year, ctx.rates.provisional, tuple(r for _, r in ordered),
                   universal_credit(ctx))


#: The config settings that hold the office's Local Housing Allowance, by bedroom size.
LHA_SETTINGS = {"shared": "lha.shared_monthly", "1": "lha.one_bedroom_monthly", "2": "lha.two_bedrooms_monthly",
                "3": "lha.three_bedrooms_monthly", "4": "lha.four_bedrooms_monthly"}


def office_lha_from_settings(settings: Mapping) -> dict[str, Decimal] | None:
    """The office's Local Housing Allowance rates from the kiosk's config, for ``check(office_lha=...)``.

    :param settings: the checked config; a rate of 0 means not set, and is left out.
    :returns: £ a month by "shared", "1" .. "4", or None when none is set.
    """
    rates = {size: Decimal(str(settings.get(key, 0) or 0)) for size, key in LHA_SETTINGS.items()}
    rates = {size: rate for size, rate in rates.items() if rate > 0}
    return rates or None

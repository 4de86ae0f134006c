"""The benefit rules: one deciding rule per benefit, by the name ``assets/rules/benefits.toml`` gives it.

    >>> import datetime as dt
    >>> from kiosk.benefits.household import Adult, Household
    >>> from kiosk.benefits.rules.decisions import Context
    >>> sorted(RULES)[:3]
    ['access_to_work', 'attendance_allowance', 'bereavement_support']
    >>> ctx = Context(Household("ENGLAND", (Adult(age=30),)), dt.date(2026, 4, 6), rules=RULES)
    >>> ctx.decision("universal_credit").status
    'likely'

Each rule module lists what it defines in plain tables: ``RULES`` (name -> rule), and ``PREDICATES`` and ``AMOUNTS``
(the named yes/no tests and amount functions, each unit-tested on its own). This package only merges them, and a
name defined twice stops the import. Nothing registers itself on import, so the modules import one way only:

- ``decisions.py``: ``Context``, ``Decision``, ``Line`` and the statuses (imports no rule);
- ``predicates.py``: the predicates several rules share;
- ``cash.py`` (the money benefits other than Universal Credit), ``universal_credit.py`` (with its housing element
  in ``uc_housing.py`` and the benefit cap in ``benefit_cap.py``), ``disability.py`` (assessment-based: ranges) and
  ``passported.py`` (help that follows from the others);
- at State Pension age: ``state_pension_age.py``, ``pension_age.py`` (the pensioner means test), ``pension_credit.py``,
  ``housing_benefit.py`` and ``pension_extras.py`` (Attendance Allowance, the winter payments, the free TV licence);
- ``scotland.py`` (the Social Security Scotland payments; ``passported`` hands it the Scottish maternity grant and
  Healthy Start);
- ``council_tax.py`` with ``council_tax_means.py`` (Council Tax Reduction, priced).

A rule that follows from another asks the ``Context`` for it by name (``ctx.decision("universal_credit")``), which is
why a ``Context`` is given ``RULES`` when it is made (``kiosk.benefits.check.check`` does).
"""

from __future__ import annotations

from typing import Callable, Mapping, TypeVar

from kiosk.benefits.rules import (benefit_cap, cash, council_tax, council_tax_means, disability, housing_benefit,
                                  passported, pension_age, pension_credit, pension_extras, predicates, scotland,
                                  uc_housing, uc_income_floor, universal_credit)
from kiosk.benefits.rules.decisions import Rule

Value = TypeVar("Value")


def merge_tables(*tables: Mapping[str, Value]) -> dict[str, Value]:
    """One table from several, refusing a name that two of them define.

    :param tables: tables by name, e.g. each rule module's ``RULES``.
    :raises ValueError: a name in two tables.

    >>> merge_tables({"a": 1}, {"b": 2})
    {'a': 1, 'b': 2}
    >>> merge_tables({"a": 1}, {"a": 2})
    Traceback (most recent call last):
    ValueError: two tables define a
    """
    merged: dict[str, Value] = {}
    for table in tables:
        for name, value in table.items():
            if name in merged:
                raise ValueError(f"two tables define {name}")
            merged[name] = value
    return merged


#: Every rule by name: ``Context -> Decision``.
RULES: dict[str, Rule] = merge_tables(cash.RULES, disability.RULES, passported.RULES, universal_credit.RULES,
                                      pension_credit.RULES, housing_benefit.RULES, pension_extras.RULES,
                                      scotland.RULES, council_tax.RULES)
#: Every named yes/no test, one concept each.
PREDICATES: dict[str, Callable[..., bool]] = merge_tables(
    predicates.PREDICATES, cash.PREDICATES, disability.PREDICATES, passported.PREDICATES,
    universal_credit.PREDICATES, uc_housing.PREDICATES, benefit_cap.PREDICATES, pension_age.PREDICATES,
    pension_credit.PREDICATES, housing_benefit.PREDICATES, pension_extras.PREDICATES, scotland.PREDICATES,
    council_tax.PREDICATES, council_tax_means.PREDICATES, uc_income_floor.PREDICATES)
#: Every named amount function, one concept each.
AMOUNTS: dict[str, Callable[..., object]] = merge_tables(
    cash.AMOUNTS, disability.AMOUNTS, universal_credit.AMOUNTS, uc_housing.AMOUNTS, benefit_cap.AMOUNTS,
    pension_age.AMOUNTS, pension_credit.AMOUNTS, housing_benefit.AMOUNTS, pension_extras.AMOUNTS, scotland.AMOUNTS,
    council_tax.AMOUNTS, council_tax_means.AMOUNTS, uc_income_floor.AMOUNTS)

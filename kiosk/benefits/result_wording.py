"""How one benefits result reads, in English or Welsh: for the results screen and the printout alike.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.check import check
    >>> from kiosk.benefits.household import Adult, Household
    >>> results = check(Household("ENGLAND", (Adult(age=30),), (), rent_monthly=Decimal(500),
    ...                 tenure="RENT_FROM_COUNCIL"), dt.date(2026, 6, 1))
    >>> uc = results.get("universal_credit")
    >>> amount_words(uc, "en")
    'About £924.90 a month'
    >>> line_words(uc.lines[0], "cy")[:8]
    'Lwfans s'
"""

from __future__ import annotations

from kiosk.benefits.check import Result
from kiosk.benefits.rules.decisions import Line
from kiosk.benefits.messages import text


def amount_words(result: Result, language: str) -> str:
    """The estimated amount: a month, a range, a one-off payment, help in kind, or that we cannot say.

    :param result: one benefit's result.
    :param language: "en" or "cy".
    """
    if result.monthly:
        return text("benefits.amount.monthly", language, amount=result.monthly)
    if result.monthly_range:
        low, high = result.monthly_range
        return text("benefits.amount.range", language, low=low, high=high)
    if result.one_off:
        return text("benefits.amount.one_off", language, amount=result.one_off)
    if result.in_kind:
        return text("benefits.amount.in_kind", language)
    return text("benefits.amount.not_estimated", language)


def status_words(result: Result, language: str) -> str:
    """"You are likely to get this", "You might get this" or "You are unlikely to get this"."""
    return text(f"benefits.status.{result.status}", language)


def reason_words(result: Result, language: str) -> str:
    """Why: the rule's reason with its figures filled in."""
    return text(result.reason, language, **result.reason_params)


def line_words(line: Line, language: str) -> str:
    """One line of "How we worked this out", with its amount (a deduction says "minus").

    :param line: a ``Line`` of the result.
    :param language: "en" or "cy".
    """
    words = text(line.message_key, language, **line.params)
    if line.amount is None or line.kind == "note":
        return words
    kind = line.kind if line.kind in ("add", "subtract", "total") else "add"
    return text(f"benefits.line_amount.{kind}", language, text=words, amount=line.amount)


def working_words(result: Result, language: str) -> str:
    """"How we worked this out", one line each."""
    return "\n".join(line_words(line, language) for line in result.lines)


def next_step_words(result: Result, language: str) -> list[str]:
    """What to do next, one sentence per step."""
    return [text(key, language) for key in result.next_steps]


def claim_words(result: Result, language: str) -> str:
    """How to claim by phone, or "" when there is no number."""
    return text("benefits.results.phone", language, phone=result.claim_phone) if result.claim_phone else ""


def joined(parts) -> str:
    """Several sentences one under another, leaving out empty ones."""
    return "\n".join(part for part in parts if part)

"""How one benefits result reads, in English or Welsh: for the results screen and the printout alike.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from kiosk.benefits.check import check
    >>> from kiosk.benefits.household import Adult, Household
    >>> results = check(Household("ENGLAND", (Adult(age=30),), (), rent_monthly=Decimal(500),
    ...                 tenure="RENT_FROM_COUNCIL"), dt.date(2026, 6, 1))
    >>> uc = results.get("universal_credit")
    >>> amount_words(uc, "en")
    'About £925 a month'
    >>> total_words(results, "en")    # with the other benefits they are likely to get
    'About £937 a month'
    >>> line_words(uc.lines[0], "cy")[:8]
    'Lwfans s'
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from kiosk.benefits.check import Result, Results
from kiosk.benefits.rules.decisions import Line
from kiosk.benefits.messages import text


def pounds(amount: Decimal) -> Decimal:
    """An estimate to the nearest pound: pence would claim a precision an estimate does not have (the working
    keeps them).

    :param amount: pounds, e.g. Decimal("1422.57") -> Decimal("1423").
    """
    return Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def amount_words(result: Result, language: str) -> str:
    """The estimated amount, to the pound: a month, a range, a one-off payment, help in kind, or that we cannot say.

    :param result: one benefit's result.
    :param language: "en" or "cy".
    """
    if result.monthly:
        return text("benefits.amount.monthly", language, amount=pounds(result.monthly))
    if result.monthly_range:
        low, high = result.monthly_range
        return text("benefits.amount.range", language, low=pounds(low), high=pounds(high))
    if result.one_off:
        return text("benefits.amount.one_off", language, amount=pounds(result.one_off))
    if result.in_kind:
        return text("benefits.amount.in_kind", language)
    return text("benefits.amount.not_estimated", language)


def total_words(results: Results, language: str) -> str:
    """What the benefits the person is likely to get add up to, to the pound ("About £1,423 a month"); "" when
    none of them is a monthly amount.

    :param results: the whole check.
    :param language: "en" or "cy".
    """
    total = pounds(results.likely_monthly_total)
    return text("benefits.amount.monthly", language, amount=total) if total else ""


def status_words(result: Result, language: str) -> str:
    """"You are likely to get this", "You might get this" or "You are unlikely to get this"."""
    return text(f"benefits.status.{result.status}", language)


def reason_words(result: Result, language: str) -> str:
    """Why: the rule's reason with its figures filled in; the amount someone could get to the pound, as on the line
    above it (a limit that rules a benefit out keeps its pence)."""
    params = dict(result.reason_params)
    amount = params.get("amount")
    if result.status != "unlikely" and isinstance(amount, Decimal):
        params["amount"] = pounds(amount)
    return text(result.reason, language, **params)


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


def web_address(url: str) -> str:
    """A web address as people type it, without "https://" ("www.gov.uk/apply-universal-credit"): shorter, so it
    fits beside its QR code.

    :param url: the full address.
    """
    return url.removeprefix("https://").removeprefix("http://")


def joined(parts) -> str:
    """Several sentences one under another, leaving out empty ones."""
    return "\n".join(part for part in parts if part)

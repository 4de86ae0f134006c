"""The words of the benefits checker, in English and Welsh, with money and numbers filled in.

    >>> from decimal import Decimal
    >>> text("benefits.reason.uc.likely", amount=Decimal("1234.5"))
    'From your answers you could get about £1,234.50 a month.'
    >>> text("benefits.reason.savings_over", "cy", limit=Decimal(16000))
    'Mae eich cynilion dros £16,000.'
    >>> money(Decimal("12.5")), money(Decimal(500))
    ('£12.50', '£500')

The messages are in the kiosk's catalogues (``assets/locale/<lang>/LC_MESSAGES/jobpoint.po``, read with
``kiosk.i18n``) under keys starting ``benefits.``. A message with a ``{count}`` has plural forms (Welsh has six),
chosen by the ``count`` parameter. Parameters that are ``Decimal`` are money (``£1,234.50``, whole pounds without
pence); whole numbers and text are shown as they are. The screens use ``text`` with the app's language.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kiosk.i18n import LANGUAGES, load_catalogues, read_catalogue

MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"),
          "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                 "Tachwedd", "Rhagfyr")}
#: Keys for the screens that no rule names: status labels, amounts, headings, the estimate notice, the start page,
#: the keypad and the printout.
SCREEN_KEYS = ("benefits.status.likely", "benefits.status.possible", "benefits.status.unlikely",
               "benefits.amount.monthly", "benefits.amount.range", "benefits.amount.one_off",
               "benefits.amount.in_kind", "benefits.amount.not_estimated", "benefits.progress",
               "benefits.section.household", "benefits.section.money", "benefits.section.health",
               "benefits.section.home", "benefits.section.savings",
               "benefits.check_answers.title", "benefits.check_answers.change", "benefits.results.title",
               "benefits.results.unlikely_title", "benefits.results.total_intro", "benefits.results.how_we_worked",
               "benefits.results.next_steps",
               "benefits.results.claim", "benefits.results.phone", "benefits.estimate_notice",
               "benefits.provisional_rates", "benefits.q.period.week", "benefits.q.period.month",
               "benefits.choices_hint", "benefits.keypad.child_hint", "benefits.keypad.delete",
               "benefits.keypad.clear", "benefits.keypad.pounds", "benefits.what_this_means", "benefits.answer.money",
               "benefits.line_amount.add",
               "benefits.line_amount.subtract", "benefits.line_amount.total")


def read_messages() -> dict[str, dict[str, str]]:
    """Every ``benefits.`` message in the catalogues: ``{language: {key: text}}``; for a message with plural
    forms, its last (the "many") form.
    """
    found: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        found[language] = {}
        for message in read_catalogue(language):
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if isinstance(key, str) and key.startswith("benefits."):
                found[language][key] = message.string[-1] if isinstance(message.string, tuple) else message.string
    return found


@functools.cache
def catalogues():
    """The compiled catalogues (read once)."""
    return load_catalogues()


@functools.cache
def plural_keys() -> frozenset[str]:
    """Keys whose message has plural forms."""
    return frozenset(m.id[0] for m in read_catalogue("en") if isinstance(m.id, tuple))


def money(amount: Decimal) -> str:
    """Pounds as people read them: £1,234.50, or £500 for whole pounds.

    :param amount: pounds.
    """
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def format_params(params: Mapping[str, object], language: str = "en") -> dict[str, str]:
    """Parameters ready for a message: money as £, dates in words, the rest as text.

    :param params: a result's ``reason_params`` or a line's ``params``.
    :param language: "en" or "cy" (for month names).
    """
    shown = {}
    for name, value in params.items():
        if isinstance(value, Decimal):
            shown[name] = money(value)
        elif isinstance(value, dt.date):
            shown[name] = f"{value.day} {MONTHS[language][value.month - 1]} {value.year}"
        else:
            shown[name] = str(value)
    return shown


def text(key: str, language: str = "en", /, **params: Any) -> str:
    """One message in ``language`` with its parameters filled in; Welsh falls back to English, then to the key.

    :param key: e.g. "benefits.reason.uc.likely".
    :param language: "en" or "cy".
    :param params: values for the placeholders.
    """
    catalogue = catalogues().get(language) or catalogues()["en"]
    shown = format_params(params, language)
    if key in plural_keys() and "count" in params:
        shown.pop("count")
        return catalogue.plural(key, int(params["count"]), **shown)
    return catalogue[key].format(**shown)

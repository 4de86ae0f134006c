"""The words of the benefits checker, in English and Welsh, with money and numbers filled in.

    >>> from decimal import Decimal
    >>> text("benefits.reason.uc.likely", amount=Decimal("1234.5"))
    'From your answers you could get about £1,234.50 a month.'
    >>> text("benefits.reason.savings_over", "cy", limit=Decimal(16000))
    'Mae eich cynilion dros £16,000.'
    >>> money(Decimal("12.5")), money(Decimal(500))
    ('£12.50', '£500')

The messages are in ``assets/locale/benefits_messages.tsv`` (key, English, Welsh) until they are merged into the
kiosk's catalogues (``assets/locale/<lang>/LC_MESSAGES/jobpoint.po``); a key found in a catalogue wins, so nothing
changes when the merge happens. Parameters that are ``Decimal`` are money (``£1,234.50``, whole pounds without
pence); whole numbers and text are shown as they are. The screens can use ``format_params`` with the app's own
catalogue lookups.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from kiosk.assets import ASSETS

MESSAGES_FILE = ASSETS / "locale" / "benefits_messages.tsv"
LANGUAGES = ("en", "cy")
MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"),
          "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                 "Tachwedd", "Rhagfyr")}
#: Keys for the screens that no rule names: status labels, amounts, headings, the estimate notice.
SCREEN_KEYS = ("benefits.status.likely", "benefits.status.possible", "benefits.status.unlikely",
               "benefits.amount.monthly", "benefits.amount.range", "benefits.amount.one_off",
               "benefits.amount.in_kind", "benefits.amount.not_estimated", "benefits.progress",
               "benefits.check_answers.title", "benefits.check_answers.change", "benefits.results.title",
               "benefits.results.unlikely_title", "benefits.results.how_we_worked", "benefits.results.next_steps",
               "benefits.results.claim", "benefits.results.phone", "benefits.estimate_notice",
               "benefits.provisional_rates", "benefits.q.period.week", "benefits.q.period.month")


def read_messages(path: Path = MESSAGES_FILE) -> dict[str, dict[str, str]]:
    """Read the messages file: ``{language: {key: text}}``.

    :param path: a TSV file with the columns key, English, Welsh.
    """
    found: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            found["en"][row["key"]] = row["English"]
            found["cy"][row["key"]] = row["Welsh"]
    return found


@functools.cache
def messages() -> dict[str, dict[str, str]]:
    """Every benefits message by language, the catalogues' text winning over the TSV's (read once)."""
    found = read_messages()
    try:
        from kiosk.i18n import read_catalogue
        for language in LANGUAGES:
            for message in read_catalogue(language):
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                if isinstance(key, str) and key.startswith("benefits.") and isinstance(message.string, str) \
                        and message.string:
                    found[language][key] = message.string
    except (OSError, ValueError):
        pass  # no catalogue: the TSV is complete on its own
    return found


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


def text(key: str, language: str = "en", **params: object) -> str:
    """One message in ``language`` with its parameters filled in; Welsh falls back to English, then to the key.

    :param key: e.g. "benefits.reason.uc.likely".
    :param language: "en" or "cy".
    :param params: values for the placeholders.
    """
    found = messages()
    template = found.get(language, {}).get(key) or found["en"].get(key) or key
    return template.format(**format_params(params, language))

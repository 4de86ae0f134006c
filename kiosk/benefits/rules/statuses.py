"""The three statuses a benefit decision can have, on their own so that ``predicates`` can use them without
importing ``decisions`` (which uses ``predicates.under_state_pension_age`` for National Insurance)."""

LIKELY, POSSIBLE, UNLIKELY = "likely", "possible", "unlikely"
STATUSES = (LIKELY, POSSIBLE, UNLIKELY)

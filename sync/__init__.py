"""Sync with the central service: vacancies, office config and rates in; anonymous counts and fleet health out.

    credentials   enrolment and the 0600 credential file          (kiosk enrol TOKEN)
    client        the HTTP client and its few failure types        (SyncFailed: Offline, Unauthorised, ...)
    vacancy_sync  the changes feed: stage, apply in one transaction, verify against the server's checksum
    office        the office config and benefit rates, checked, last good copy kept
    usage         per-hour counts and an outbox sent exactly once
    heartbeat     fleet health every 60 to 120 seconds
    background    SyncWorker, the thread the app starts           (kiosk sync --once runs one round)

Like ``kiosk/``, this package runs without a window and never imports ``screens/``. ``sync/central/`` is the
reference central service, a separate program (``kiosk-central``).
"""

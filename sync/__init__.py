"""Sync with the central service: vacancies and rates in, anonymised counts and fleet health out (to come).

Like ``kiosk/``, this package runs without a window and never imports ``screens/``.
"""

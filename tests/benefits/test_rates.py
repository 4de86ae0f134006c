"""Rates follow the date: the year in force, provisional after the newest, refused before the oldest, and a
configurable "today"."""

import datetime as dt

import pytest

from kiosk.benefits.rates import RatesUnavailable, rates_on, today


def test_the_year_in_force_is_chosen_by_date():
    assert rates_on(dt.date(2025, 4, 6)).tax_year == "2025-26"
    assert rates_on(dt.date(2027, 4, 5)).tax_year == "2026-27"


def test_after_the_newest_year_its_rates_are_used_and_marked_provisional():
    rates = rates_on(dt.date(2027, 4, 6))
    assert rates.tax_year == "2026-27" and rates.provisional


def test_before_the_oldest_year_there_are_no_rates():
    with pytest.raises(RatesUnavailable, match="2025-04-05"):
        rates_on(dt.date(2025, 4, 5))


def test_a_missing_rate_is_named():
    with pytest.raises(KeyError, match=r"no rate 'nothing\.here' for 2026-27"):
        rates_on(dt.date(2026, 4, 6))["nothing.here"]


def test_today_can_be_pinned_for_tests(monkeypatch):
    monkeypatch.setenv("JOBPOINT_TODAY", "2026-04-06")
    assert today() == dt.date(2026, 4, 6)
    monkeypatch.setenv("JOBPOINT_TODAY", "tomorrow")
    with pytest.raises(ValueError, match="JOBPOINT_TODAY must be a date"):
        today()
    monkeypatch.delenv("JOBPOINT_TODAY")
    assert today() == dt.date.today()


def test_the_offices_lha_rates_come_from_config_and_cap_private_rent():
    """A private renter's housing element is capped at the office's LHA set in config (0 means not set)."""
    import datetime as dt
    from decimal import Decimal

    from kiosk.benefits.check import check, office_lha_from_settings
    from kiosk.benefits.household import Adult, Household
    from kiosk.config import parse_values

    settings = parse_values({"lha": {"one_bedroom_monthly": 600, "shared_monthly": 350}})
    assert office_lha_from_settings(settings) == {"shared": 350, "1": 600}
    assert office_lha_from_settings(parse_values({})) is None
    # A single person of 40 renting privately: entitled to one bedroom; rent £900 a month, LHA £600.
    household = Household("ENGLAND", (Adult(age=40),), (), rent_monthly=Decimal(900), tenure="RENT_PRIVATELY")
    capped = check(household, dt.date(2026, 6, 1), office_lha=office_lha_from_settings(settings))
    assert capped.universal_credit.housing_element == Decimal(600)
    uncapped = check(household, dt.date(2026, 6, 1))
    assert uncapped.universal_credit.housing_element != Decimal(600)

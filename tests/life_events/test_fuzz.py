"""Fuzzing the life-event loader: any file, however broken, is read or refused with ``LifeEventError`` naming the
file, and never another error (a traceback on a kiosk's screen)."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.life_events.content import EVENTS_DIR, LifeEventError, parse_event, read_event

GOOD = tomllib.loads((EVENTS_DIR / "lost_job.toml").read_text(encoding="utf-8"))
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30)
    | st.dates() | st.datetimes() | st.text(max_size=20).map("https://".__add__)
    | st.sampled_from(["https://www.gov.uk/x", "0800 328 5644", "dwp", "no", "work"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["en", "cy", "who", "title", "why", "how", "when", "link", "phone", "source", "nations", "answers", "step",
         "checked", "work", "partner"]) | st.text(max_size=8), inner, max_size=5),
    max_leaves=20)


def _check(data, where="lost_job.toml"):
    try:
        parse_event(data, where)
    except LifeEventError as refused:
        assert str(refused).startswith(where)


@pytest.mark.thorough
@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_any_data_is_read_or_refused_plainly(data):
    _check(data)


@pytest.mark.thorough
@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(GOOD)), VALUES)
def test_a_good_file_with_one_field_broken_is_read_or_refused_plainly(field, value):
    _check({**GOOD, field: value})


@pytest.mark.thorough
@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10), st.sampled_from(["who", "title", "why", "how", "when", "link", "link_cy", "phone",
                                            "phone_cy", "source", "checked", "nations"]), VALUES)
def test_a_good_file_with_one_step_field_broken_is_read_or_refused_plainly(number, field, value):
    steps = [dict(step) for step in GOOD["step"]]
    steps[number % len(steps)][field] = value
    _check({**GOOD, "step": steps})


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_in_the_file_are_read_or_refused_plainly(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("events") / "lost_job.toml"
    path.write_bytes(raw)
    try:
        read_event(path)
    except LifeEventError as refused:
        assert str(refused).startswith("lost_job.toml")


def test_the_dates_checked_are_dates_not_text():
    assert GOOD["checked"] == dt.date(2026, 12, 5)

"""Fuzzing: `kiosk cv-pdf` on any CV file exits 0, or 2 with one line and no traceback.

The strategies are bench/fuzz.py's: 150 examples here, and as many as asked for there."""

import pytest
from hypothesis import given, settings

from bench.fuzz import cv_target

STRATEGY, CHECK = cv_target()


@pytest.mark.thorough
@settings(max_examples=150)
@given(STRATEGY)
def test_kiosk_cv_pdf_on_any_file_exits_0_or_2_with_one_line(case):
    CHECK(case)

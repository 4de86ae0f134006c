"""Fuzzing (hypothesis, 150
examples): `kiosk cv-pdf` (in-process) on any CV file exits 0, or 2 with one line and no traceback.
The strategies are bench/fuzz.py's, which runs them at scale."""

from hypothesis import given, settings

from bench.fuzz import cv_target

STRATEGY, CHECK = cv_target()


@settings(max_examples=150)
@given(STRATEGY)
def test_kiosk_cv_pdf_on_any_file_exits_0_or_2_with_one_line(case):
    CHECK(case)

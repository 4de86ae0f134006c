"""Millimetres and colours, computed without a window."""

import pytest

from kiosk.display import MIN_TARGET_MM, Screen
from kiosk.theme import PALETTES, contrast_ratio


@pytest.mark.parametrize("width, height, diagonal, expected_px", [
    (1920, 1080, 21.5, 61),   # 102 dpi
    (1080, 1920, 21.5, 61),   # the same panel turned
    (1920, 1080, 15.6, 84),   # a small, dense panel needs more pixels for the same 15 mm
    (3840, 2160, 32.0, 82),
])
def test_a_15_mm_target_in_pixels(width, height, diagonal, expected_px):
    assert Screen(width, height, diagonal).px(MIN_TARGET_MM) == expected_px


def test_reach_band_is_a_share_of_a_tall_screen_but_always_visibly_lower():
    tall = Screen(1080, 1920, 43.0)  # about 535 mm tall
    assert tall.reach_fraction(320) == pytest.approx(320 / tall.height_mm)
    assert Screen(1920, 1080, 21.5).reach_fraction(320) == 0.65


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", PALETTES.values(), ids=PALETTES.keys())
def test_every_text_colour_has_at_least_4_5_to_1_contrast(palette):
    for name, (text, background) in palette.text_pairs().items():
        assert contrast_ratio(text, background) >= 4.5, f"{palette.name}: {name}"


def test_high_contrast_is_yellow_on_black():
    palette = PALETTES["high_contrast"]
    assert (palette.page_text, palette.page) == ("#ffdd00", "#0b0c0c")

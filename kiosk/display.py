"""Physical sizes: turn millimetres into pixels for the screen the kiosk is on.

    >>> screen = Screen(width_px=1920, height_px=1080, diagonal_inches=21.5)
    >>> round(screen.px_per_mm, 2)
    4.03
    >>> screen.px(15)          # the smallest touch target
    61

Every size in the interface is given in millimetres, so a 15 mm button is 15 mm on a 15-inch panel and on a
32-inch one, whatever the resolution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MM_PER_INCH = 25.4
#: The smallest touch target, on every screen (research/kiosk.md 3.2: at least 15 mm for a public kiosk).
MIN_TARGET_MM = 15.0
#: Gap between touch targets.
TARGET_GAP_MM = 4.0
#: Body text size (the em, not the cap height): about 0.5 degrees of cap height at 500 mm.
BODY_TEXT_MM = 6.0
HEADING_TEXT_MM = 10.0


@dataclass(frozen=True)
class Screen:
    """A screen of a given resolution and physical diagonal.

    :param width_px: width in pixels (of the window, which fills the screen on a kiosk).
    :param height_px: height in pixels.
    :param diagonal_inches: the panel's physical diagonal.
    """

    width_px: int
    height_px: int
    diagonal_inches: float

    @property
    def px_per_mm(self) -> float:
        """Pixels in one millimetre (square pixels assumed, as on every current panel)."""
        return math.hypot(self.width_px, self.height_px) / (self.diagonal_inches * MM_PER_INCH)

    @property
    def height_mm(self) -> float:
        """The screen's physical height."""
        return self.height_px / self.px_per_mm

    def px(self, mm: float) -> int:
        """Whole pixels for a length in millimetres, rounded up so a minimum is never undershot.

        :param mm: the length.
        """
        return math.ceil(mm * self.px_per_mm - 1e-9)

    def mm(self, px: float) -> float:
        """Millimetres for a length in pixels.

        :param px: the length.
        """
        return px / self.px_per_mm

    def reach_fraction(self, reach_height_mm: float, most: float = 0.65) -> float:
        """The share of the screen's height, from the bottom, that "Move everything lower" draws into.

        :param reach_height_mm: how high above the bottom edge a seated or short person can reach.
        :param most: the largest share used, so the option visibly moves things even on a short screen.
        """
        return min(most, reach_height_mm / self.height_mm)

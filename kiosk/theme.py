"""Colours: the GOV.UK palette, the high-contrast palette, and the contrast check both must pass.

    >>> round(contrast_ratio("#ffffff", "#00703c"), 2)
    6.21

The screens take every colour from a ``Palette``; a test checks each text/background pair against WCAG's 4.5:1.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


def _channel(value: float) -> float:
    # WCAG 2.x relative luminance: linearise each sRGB channel.
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour, 0 (black) to 1 (white).

    :param colour: e.g. "#0b0c0c".
    """
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours, 1 to 21.

    :param first: a ``#rrggbb`` colour.
    :param second: another.
    """
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgba(colour: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """A ``#rrggbb`` colour as the 0-1 RGBA tuple Kivy uses.

    :param colour: e.g. "#ffdd00".
    :param alpha: opacity.
    """
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return (red, green, blue, alpha)


@dataclass(frozen=True)
class Palette:
    """Every colour the interface uses. Pairs named ``x`` and ``x_text`` are a background and its text."""

    name: str
    page: str
    page_text: str
    secondary_text: str
    header: str
    header_text: str
    primary: str
    primary_text: str
    secondary: str
    secondary_text_on: str
    warning: str
    warning_text: str
    focus: str
    focus_text: str
    border: str
    #: The on-screen keyboard: its tray, letter keys, action keys (Shift, Delete, 123) and the Done key. Key text
    #: must reach 7:1 (AAA), more than the 4.5:1 elsewhere: keys are read at a glance, often at arm's length.
    keyboard: str
    key: str
    key_text: str
    key_action: str
    key_action_text: str
    key_done: str
    key_done_text: str

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Each text colour with the background it is drawn on, by name, for the contrast test."""
        return {
            "page": (self.page_text, self.page),
            "secondary text": (self.secondary_text, self.page),
            "header": (self.header_text, self.header),
            "primary button": (self.primary_text, self.primary),
            "secondary button": (self.secondary_text_on, self.secondary),
            "warning button": (self.warning_text, self.warning),
            "focus": (self.focus_text, self.focus),
            **self.key_pairs(),
        }

    def key_pairs(self) -> dict[str, tuple[str, str]]:
        """Each on-screen keyboard key's text colour with its key colour, for the 7:1 test."""
        return {
            "key": (self.key_text, self.key),
            "action key": (self.key_action_text, self.key_action),
            "done key": (self.key_done_text, self.key_done),
            "pressed key": (self.focus_text, self.focus),
        }

    def colours(self) -> dict[str, str]:
        """Every colour by field name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}


# GOV.UK Frontend colours: text #0b0c0c, secondary text #505a5f, button green #00703c (one a page: the thing to do
# next), red #d4351c, light grey #f3f2f1, focus yellow #ffdd00.
STANDARD = Palette(
    name="standard",
    page="#ffffff", page_text="#0b0c0c", secondary_text="#505a5f",
    header="#0b0c0c", header_text="#ffffff",
    primary="#00703c", primary_text="#ffffff",
    secondary="#f3f2f1", secondary_text_on="#0b0c0c",
    warning="#d4351c", warning_text="#ffffff",
    focus="#ffdd00", focus_text="#0b0c0c",
    border="#0b0c0c",
    # GOV.UK mid grey tray; white keys; light grey action keys; GOV.UK dark blue for Done (the brand blue with white
    # text is only 5.2:1).
    keyboard="#b1b4b6", key="#ffffff", key_text="#0b0c0c", key_action="#f3f2f1", key_action_text="#0b0c0c",
    key_done="#003078", key_done_text="#ffffff",
)

# Yellow on black, for people with low vision; buttons turn the pair round so they stand out as solid blocks.
HIGH_CONTRAST = Palette(
    name="high_contrast",
    page="#0b0c0c", page_text="#ffdd00", secondary_text="#ffffff",
    header="#000000", header_text="#ffdd00",
    primary="#ffdd00", primary_text="#0b0c0c",
    secondary="#0b0c0c", secondary_text_on="#ffdd00",
    warning="#ffffff", warning_text="#0b0c0c",
    focus="#ffffff", focus_text="#0b0c0c",
    border="#ffdd00",
    keyboard="#000000", key="#0b0c0c", key_text="#ffdd00", key_action="#0b0c0c", key_action_text="#ffffff",
    key_done="#ffdd00", key_done_text="#0b0c0c",
)

PALETTES = {p.name: p for p in (STANDARD, HIGH_CONTRAST)}

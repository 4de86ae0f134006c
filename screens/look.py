"""Sizes and colours for the kv rules, worked out from millimetres and the person's choices.

    look = Look()
    look.update_screen(1920, 1080, diagonal_inches=21.5)
    look.target            # pixels in the smallest touch target (15 mm)

kv rules read ``app.look.<name>``; when the window, the text size or the colour scheme changes, every bound
rule redraws by itself.
"""

from kivy.event import EventDispatcher
from kivy.properties import (BooleanProperty, ColorProperty, NumericProperty, ObjectProperty,
                             StringProperty)

from kiosk import display, theme
from screens.kv_bindings import set_watched


class Look(EventDispatcher):
    """What the screens are drawn with; change ``text_scale`` or ``palette_name`` and everything follows."""

    screen = ObjectProperty(display.Screen(1920, 1080, 21.5))
    text_scale = NumericProperty(1.0)
    palette_name = StringProperty("standard")
    portrait = BooleanProperty(False)

    px_per_mm = NumericProperty(4.0)
    target = NumericProperty(60)
    gap = NumericProperty(16)
    pad = NumericProperty(16)
    margin = NumericProperty(32)
    body = NumericProperty(24)
    heading = NumericProperty(40)
    title = NumericProperty(56)
    focus_bar = NumericProperty(4)
    measure = NumericProperty(1000)

    page = ColorProperty()
    page_text = ColorProperty()
    secondary_text = ColorProperty()
    header = ColorProperty()
    header_text = ColorProperty()
    primary = ColorProperty()
    primary_text = ColorProperty()
    secondary = ColorProperty()
    secondary_text_on = ColorProperty()
    warning = ColorProperty()
    warning_text = ColorProperty()
    focus = ColorProperty()
    focus_text = ColorProperty()
    border = ColorProperty()
    keyboard = ColorProperty()
    key = ColorProperty()
    key_text = ColorProperty()
    key_action = ColorProperty()
    key_action_text = ColorProperty()
    key_done = ColorProperty()
    key_done_text = ColorProperty()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fbind("screen", self.refresh)
        self.fbind("text_scale", self.refresh)
        self.fbind("palette_name", self.refresh)
        self.refresh()

    def update_screen(self, width_px: int, height_px: int, diagonal_inches: float) -> None:
        """Recompute sizes for a window of this many pixels on a panel of this diagonal.

        :param width_px: window width.
        :param height_px: window height.
        :param diagonal_inches: the panel's physical diagonal from config.
        """
        self.screen = display.Screen(int(width_px), int(height_px), diagonal_inches)

    def mm(self, millimetres: float) -> int:
        """Pixels for a length in millimetres.

        :param millimetres: the length.
        """
        return self.screen.px(millimetres)

    def refresh(self, *_args) -> None:
        """Recompute every size and colour from the screen, the text size and the palette."""
        screen, scale = self.screen, self.text_scale
        sizes = {"px_per_mm": screen.px_per_mm, "portrait": screen.height_px > screen.width_px,
                 "target": screen.px(display.MIN_TARGET_MM), "gap": screen.px(display.TARGET_GAP_MM),
                 "pad": screen.px(4), "margin": screen.px(8), "focus_bar": screen.px(1.2),
                 "body": screen.px(display.BODY_TEXT_MM * scale),
                 "measure": screen.px(display.BODY_TEXT_MM * scale * 40),  # about 75 characters
                 "heading": screen.px(display.HEADING_TEXT_MM * scale), "title": screen.px(14 * scale)}
        palette = theme.PALETTES[self.palette_name]
        colours = {name: theme.rgba(colour) for name, colour in palette.colours().items()}
        # Each through set_watched: a kv rule left bound to a widget that no longer exists would otherwise stop the
        # change part way, and leave the rest of the screens in the old look.
        for name, value in (sizes | colours).items():
            set_watched(self, name, value)

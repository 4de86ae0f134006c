"""``Outline``: a rectangle's border as four filled rectangles, for the .kv rules' borders and focus rings.

    canvas.after:
        Color:
            rgba: app.look.border
        Outline:
            rectangle: (self.x + 1, self.y + 1, self.width - 2, self.height - 2)
            width: app.look.focus_bar * 0.4

It draws what Kivy's ``Line(rectangle=..., width=...)`` draws (a band ``width`` either side of the rectangle's edge)
without Line's cost: a Line wider than one pixel, drawn in a colour that is not fully opaque, pushes and pops a
stencil for every frame, and the kiosk's borders are often transparent on purpose (a button not pressed, a field
not focused, a panel hidden by opacity 0). With software GL each such Line cost about 2 ms a frame, half of every
frame's time on a question page (docs/adr/016-outlines-are-rectangles.md).
"""

from __future__ import annotations

from kivy.factory import Factory
from kivy.graphics import InstructionGroup, Rectangle


class Outline(InstructionGroup):
    """Four rectangles around ``rectangle`` (x, y, width, height), each ``width`` either side of the edge."""

    def __init__(self, **kwargs) -> None:
        super().__init__()
        self._rectangle = (0.0, 0.0, 0.0, 0.0)
        self._width = 1.0
        self._sides = [Rectangle() for _ in range(4)]
        for side in self._sides:
            self.add(side)
        for name, value in kwargs.items():
            setattr(self, name, value)

    @property
    def rectangle(self) -> tuple[float, float, float, float]:
        """The rectangle whose edge the border follows: (x, y, width, height)."""
        return self._rectangle

    @rectangle.setter
    def rectangle(self, value) -> None:
        self._rectangle = tuple(float(part) for part in value)
        self._place()

    @property
    def width(self) -> float:
        """How far the border reaches either side of the edge (as Line's ``width``)."""
        return self._width

    @width.setter
    def width(self, value: float) -> None:
        self._width = max(0.0, float(value))
        self._place()

    def _place(self) -> None:
        x, y, wide, high = self._rectangle
        w = self._width
        bottom, top, left, right = self._sides
        bottom.pos, bottom.size = (x - w, y - w), (wide + 2 * w, 2 * w)
        top.pos, top.size = (x - w, y + high - w), (wide + 2 * w, 2 * w)
        left.pos, left.size = (x - w, y + w), (2 * w, max(0.0, high - 2 * w))
        right.pos, right.size = (x + wide - w, y + w), (2 * w, max(0.0, high - 2 * w))


Factory.register("Outline", cls=Outline)

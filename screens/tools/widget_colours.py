"""The colour a person sees behind a widget on the kiosk's window, for the layout check's contrast rule.

    behind = background_of(label)                     # RGBA, 0 to 1, as drawn
    ratio = contrast_ratio(hex_colour(blend(label.color, behind)), hex_colour(behind))

Only what is drawn counts: untextured rectangles in the widget's own canvas.before, then those of widgets drawn
before it (earlier siblings, its parent, and outwards), translucent ones blended over the first opaque one, else the
window's clear colour.
"""

from __future__ import annotations


def background_of(widget) -> tuple[float, float, float, float]:
    """The colour drawn behind the middle of ``widget``: rectangles in its own canvas.before, then in earlier
    siblings', its parent's, and so on outwards, blended over one another until an opaque one; else the window's
    clear colour."""
    from kivy.core.window import Window
    from kivy.uix.stencilview import StencilView
    point = widget.to_window(*widget.center)
    layers = []
    node, own, clipped = widget, True, False
    while node is not None and node is not Window:
        canvases = [node.canvas.before] if own else [node.canvas.before, node.canvas]
        colours = [rgba for canvas in reversed(canvases) for rgba in reversed(fills_at(node, canvas, point))]
        layers += colours
        if any(rgba[3] >= 0.999 for rgba in colours):
            break
        parent = node.parent
        if parent is None or parent is node:
            break
        # Beyond a scrolling page, its neighbours (the header, the navigation bar) are never behind what it shows:
        # only text scrolled out of sight is over them, and the page hides it.
        clipped = clipped or isinstance(node, StencilView)
        siblings = [] if clipped else parent.children
        for sibling in siblings[siblings.index(node) + 1:] if siblings else ():  # drawn before node
            if sibling.opacity > 0:
                layers += [rgba for canvas in (sibling.canvas, sibling.canvas.before)
                           for rgba in reversed(fills_at(sibling, canvas, point))]
        node, own = parent, False
    colour = tuple(Window.clearcolor)
    opaque = next((i for i, rgba in enumerate(layers) if rgba[3] >= 0.999), None)
    if opaque is not None:
        colour, layers = layers[opaque], layers[:opaque]
    for rgba in reversed(layers):
        colour = blend(rgba, colour)
    return colour


def fills_at(widget, canvas, point) -> list[tuple[float, float, float, float]]:
    """The colours of untextured rectangles in ``canvas`` covering ``point``, in drawing order; plain instruction
    groups (the read-aloud highlight) are looked into, borders (``Outline``) are not."""
    from kivy.graphics import BorderImage, Color, InstructionGroup, Rectangle, RoundedRectangle
    from kivy.graphics.instructions import Canvas
    # A shape with no Color before it in its own canvas takes whatever colour was set last elsewhere (Kivy's own
    # scroll bars and screen transitions): not a background this can know, so not one at all.
    colour: tuple | None = None
    found = []
    plain = (None, Rectangle().texture)  # a shape with no picture of its own is drawn with Kivy's blank texture
    instructions = list(canvas.children)
    while instructions:
        instruction = instructions.pop(0)
        if type(instruction) is InstructionGroup and not isinstance(instruction, Canvas):
            instructions[:0] = instruction.children
        elif isinstance(instruction, Color):
            colour = tuple(instruction.rgba)
        elif isinstance(instruction, (Rectangle, RoundedRectangle, BorderImage)) and instruction.texture in plain \
                and colour is not None and colour[3] > 0:
            x, y = widget.to_window(*instruction.pos)
            wide, high = instruction.size
            if x <= point[0] <= x + wide and y <= point[1] <= y + high:
                found.append(colour)
    return found


def blend(top, under) -> tuple[float, float, float, float]:
    """``top`` (RGBA) drawn over the opaque colour ``under``: an opaque colour."""
    alpha = top[3]
    return (*(t * alpha + u * (1 - alpha) for t, u in zip(top[:3], under[:3])), 1.0)


def hex_colour(rgba) -> str:
    """An RGBA colour (0 to 1) as #rrggbb, its alpha left out.

        >>> hex_colour((1.0, 0.5, 0.0, 1.0))
        '#ff8000'
    """
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgba[:3])

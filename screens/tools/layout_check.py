"""The layout check: what a reviewer looks for on every screen, found by walking the widget tree on the window.

    problems = check(app, "accessibility-en-landscape")     # after the view is open and laid out
    for problem in problems:
        print(problem)      # accessibility-en-landscape: the main button "Done" is off the screen ...

It reports, in plain words with the view and the widget:

- **clipped**: text bigger than its widget (its texture wider or taller than the box, lines dropped from a box of a
  fixed height, or text running off the side of the screen or its page);
- **overlap**: two touch targets on top of each other, or text under a touch target or under other text;
- **small**: a touch target under 15 mm either way (``kiosk.display.MIN_TARGET_MM``, as the look measures it);
- **unreachable**: a touch target (the main, blue button included) neither on the screen nor reachable by scrolling
  a page that shows a scroll bar as its cue; taller than the page that scrolls it, unless it is a card of several
  blocks of text, touched anywhere; or running off the side, where nothing scrolls;
- **contrast**: text against the colour behind it under 4.5:1 (WCAG relative luminance of the theme's colours,
  as drawn: the nearest opaque rectangle behind the text, with translucent ones blended over it).

Only what a person can see is checked: widgets with opacity 0, screens not shown, and whatever an open panel covers
are skipped. ``KNOWN`` (``layout_known.py``) lists problems already known, by pattern, so a tour can fail on new ones
only; it only ever shrinks.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from kiosk.display import MIN_TARGET_MM
from kiosk.theme import contrast_ratio
from screens.tools.layout_known import KNOWN
from screens.tools.widget_colours import background_of, blend, hex_colour

#: Text must reach this contrast against its background (WCAG 2.2 AA for normal text).
LEAST_CONTRAST = 4.5
#: A scroll bar is a cue only if it is this wide (millimetres) and stands out 3:1 from the page (WCAG 1.4.11).
CUE_WIDTH_MM = 2.0
#: Pixels of slack: borders drawn one pixel over the edge, rounding of centred textures.
SLACK = 1.5

@dataclass(frozen=True)
class Problem:
    """One thing wrong with one widget of one view."""

    view: str
    kind: str
    widget: str
    words: str

    @property
    def key(self) -> str:
        """What ``KNOWN`` patterns match: view, kind and widget, without the words (they hold the language)."""
        return f"{self.view} {self.kind} {self.widget}"

    def __str__(self) -> str:
        return f"{self.view}: {self.words} [{self.kind} {self.widget}]"


def unknown(problems: list[Problem]) -> list[Problem]:
    """The problems that no ``KNOWN`` pattern matches.

    :param problems: from ``check``.
    """
    return [problem for problem in problems if not any(fnmatchcase(problem.key, known) for known in KNOWN)]


@dataclass
class _Shown:
    widget: object
    box: tuple[float, float, float, float]  # left, bottom, right, top in window coordinates
    clip: tuple[float, float, float, float]  # what the window and scrolling pages around it let show
    page: object  # the nearest ScrollView around it, or None
    order: int  # drawing order: later is on top
    ancestors: frozenset[int]

    @property
    def seen(self) -> tuple[float, float, float, float]:
        """The part of the box that shows."""
        return _intersect(self.box, self.clip)


def check(app, view: str) -> list[Problem]:
    """Everything wrong with the layout on the window now.

    :param app: the running KioskApp, its view open and laid out (a frame pumped).
    :param view: the view's name, for the report (the tour's picture name).
    """
    from kivy.core.window import Window
    shown = _walk(Window)
    names = _id_names(item.widget for item in shown)
    px_per_mm = app.look.px_per_mm
    problems: list[Problem] = []

    def report(kind, item, words):
        problems.append(Problem(view, kind, _name(item.widget, names), words))

    targets = [item for item in shown if _is_target(item.widget)]
    texts = [item for item in shown if _has_text(item.widget)]
    for item in targets:
        _check_target(item, px_per_mm, report)
    _check_overlaps(targets, texts, report)
    for item in texts:
        _check_text(item, report)
    return problems


def _walk(window) -> list[_Shown]:
    """Every widget a person can see, in drawing order, less those covered by an opaque panel drawn later."""
    from kivy.uix.scrollview import ScrollView
    from kivy.uix.stencilview import StencilView

    from screens.overlays import Overlay
    found: list[_Shown] = []
    screen = (0.0, 0.0, float(window.width), float(window.height))

    def visit(widget, clip, page, ancestors):
        if widget.opacity <= 0:
            return
        box = _box(widget)
        item = _Shown(widget, box, clip, page, len(found), ancestors)
        found.append(item)
        inner = ancestors | {id(widget)}
        if isinstance(widget, StencilView):
            clip = _intersect(clip, box)
        if isinstance(widget, ScrollView):
            page = widget
        for child in reversed(widget.children):  # children[0] is drawn last
            visit(child, clip, page, inner)

    for root in reversed(window.children):
        visit(root, screen, None, frozenset())
    covers = [item for item in found if isinstance(item.widget, Overlay)]
    return [item for item in found
            if not any(cover.order > item.order and id(cover.widget) not in item.ancestors
                       and _inside(item.seen, cover.box) for cover in covers)]


def _check_target(item: _Shown, px_per_mm: float, report) -> None:
    widget = item.widget
    left, bottom, right, top = item.box
    wide, high = right - left, top - bottom
    if wide <= 0 or high <= 0:
        return  # folded away on purpose (a bar with nothing in it)
    least = MIN_TARGET_MM * px_per_mm - 0.5
    what = _describe(widget)
    if wide < least or high < least:
        report("small", item, f"{what} is {wide / px_per_mm:.0f} × {high / px_per_mm:.0f} mm; a touch target needs "
                              f"at least {MIN_TARGET_MM:.0f} mm each way")
    if _same(item.seen, item.box):
        return
    seen_left, _seen_bottom, seen_right, _seen_top = item.seen
    if seen_left > left + SLACK or seen_right < right - SLACK:
        report("unreachable", item, f"{what} runs off the side, where nothing scrolls")
        return
    page = item.page
    if page is None or not page.do_scroll_y or not page.children or page.children[0].height <= page.height + 1:
        report("unreachable", item, f"{what} is off the screen and nothing scrolls to it")
        return
    page_box = _box(page)
    if high > page.height + SLACK and not _is_card(widget):
        report("unreachable", item, f"{what} is taller than the page that scrolls it")
    elif not _cue_visible(page, px_per_mm):
        report("unreachable", item, f"{what} is below the fold and the page shows no scroll bar to say so")
    elif page_box[1] < -SLACK or page_box[3] > _window_height() + SLACK:
        report("unreachable", item, f"{what} is on a page that runs off the screen")


def _is_card(widget) -> bool:
    # A card (a result, a match) is one touch target holding several blocks of text: a touch anywhere on it opens
    # it, so a part scrolled into view is as good as the whole. At the largest text a job match's card can be
    # taller than a landscape page (892 px against 658), and the page scrolls through it as a web page's reflow
    # does (WCAG 1.4.10). A button of one label taller than its page has no part that says what it does.
    from kivy.uix.label import Label
    from kivy.uix.layout import Layout
    return isinstance(widget, Layout) and sum(isinstance(child, Label) for child in widget.children) >= 2


def _check_overlaps(targets: list[_Shown], texts: list[_Shown], report) -> None:
    for index, first in enumerate(targets):
        for second in targets[index + 1:]:
            apart = _related(first, second) or _popped_over(first, second)
            if not apart and _overlap(_as_seen_with(first.box, first, second),
                                      _as_seen_with(second.box, second, first)):
                report("overlap", second, f"{_describe(second.widget)} lies over {_describe(first.widget)}")
    # Text that is not itself a button: under a button, or over other text.
    plain = [item for item in texts if not _is_target(item.widget)]
    for index, text in enumerate(plain):
        ink = _ink_box(text)
        for other in targets:
            apart = _related(text, other) or _popped_over(text, other)
            if not apart and _overlap(_as_seen_with(ink, text, other), _as_seen_with(other.box, other, text)):
                report("overlap", text, f"the text \"{_excerpt(text.widget.text)}\" is under "
                                        f"{_describe(other.widget)}")
        for other in plain[index + 1:]:
            if not _related(text, other) and _overlap(_as_seen_with(ink, text, other),
                                                      _as_seen_with(_ink_box(other), other, text)):
                report("overlap", other, f"the text \"{_excerpt(other.widget.text)}\" lies over the text "
                                         f"\"{_excerpt(text.widget.text)}\"")


def _check_text(item: _Shown, report) -> None:
    widget = item.widget
    from kivy.uix.textinput import TextInput
    if isinstance(widget, TextInput):
        fg = widget.foreground_color if widget.text else widget.hint_text_color
        behind = blend(widget.background_color, background_of(widget))
        _check_contrast(item, fg, behind, widget.text or widget.hint_text, report)
        return
    left, bottom, right, top = item.box
    tex_wide, tex_high = widget.texture_size
    what = f"the text \"{_excerpt(widget.text)}\""
    if tex_wide > right - left + SLACK or tex_high > top - bottom + SLACK:
        report("clipped", item, f"{what} needs {tex_wide:.0f} × {tex_high:.0f} px but has {right - left:.0f} × "
                                f"{top - bottom:.0f}")
    elif widget.text_size[1] is not None and _dropped_lines(widget):
        report("clipped", item, f"{what} has lines cut off at the bottom of its box")
    elif widget.text_size[0] is not None and (split := _split_word(widget)):
        report("clipped", item, f"the word \"{split}\" is wider than its box, so it is split across lines")
    else:
        ink = _ink_box(item)
        seen = _intersect(ink, item.clip)
        if seen[0] > ink[0] + SLACK or seen[2] < ink[2] - SLACK:
            report("clipped", item, f"{what} runs off the side of the screen")
    _check_contrast(item, widget.color, background_of(widget), widget.text, report)


def _check_contrast(item: _Shown, colour, behind, text: str, report) -> None:
    if colour[3] < 0.05:
        return  # text hidden on purpose (a label kept in place, empty of meaning)
    ink = hex_colour(blend(colour, behind))
    ratio = contrast_ratio(ink, hex_colour(behind))
    if ratio < LEAST_CONTRAST:
        report("contrast", item, f"the text \"{_excerpt(text)}\" is {ratio:.1f}:1 against its background ({ink} on "
                                 f"{hex_colour(behind)}); text needs at least {LEAST_CONTRAST}:1")


def _dropped_lines(widget) -> bool:
    """True when a label whose box has a fixed height would need more height for all its lines."""
    from kivy.core.text import Label as CoreLabel
    options = dict(widget._label.options)
    options["text_size"] = (widget.text_size[0], None)
    measure = CoreLabel(**options)
    measure.refresh()
    return measure.content_height > widget.text_size[1] + SLACK


def _split_word(widget) -> str:
    """A word of a wrapped label too wide for a line of its box (Kivy then breaks it inside the word), or "".

    Web and email addresses are not words: they may break anywhere, as GOV.UK pages break them.
    """
    room = widget.text_size[0] - widget.padding[0] - widget.padding[2] + SLACK
    for word in dict.fromkeys(widget.text.split()):
        if len(word) > 4 and not any(mark in word for mark in "/@") and widget._label.get_extents(word)[0] > room:
            return word
    return ""


def _cue_visible(page, px_per_mm: float) -> bool:
    bar = page.bar_inactive_color
    if page.bar_width < CUE_WIDTH_MM * px_per_mm - 0.5 or bar[3] < 0.5:
        return False
    behind = background_of(page)
    return contrast_ratio(hex_colour(blend(bar, behind)), hex_colour(behind)) >= 3


def _is_target(widget) -> bool:
    from kivy.uix.behaviors import ButtonBehavior
    from kivy.uix.textinput import TextInput
    return isinstance(widget, (ButtonBehavior, TextInput)) and not widget.disabled


def _has_text(widget) -> bool:
    from kivy.uix.label import Label
    from kivy.uix.textinput import TextInput
    if isinstance(widget, TextInput):
        return bool(widget.text or widget.hint_text)
    return isinstance(widget, Label) and bool(widget.text.strip()) and not widget.disabled


def _describe(widget) -> str:
    from kivy.uix.textinput import TextInput
    if isinstance(widget, TextInput):
        return "a text field"
    text = getattr(widget, "text", "")
    main = getattr(widget, "kind", "") == "primary"
    if text.strip():
        return f"the {'main ' if main else ''}button \"{_excerpt(text)}\""
    return f"a {'main ' if main else ''}{type(widget).__name__} with no words"


def _excerpt(text: str, most: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[:most - 1] + "…"


def _id_names(widgets) -> dict[int, str]:
    names: dict[int, str] = {}
    for widget in widgets:
        for name, child in widget.ids.items():
            names.setdefault(id(child.__self__), name)
    return names


def _name(widget, names: dict[int, str]) -> str:
    name = names.get(id(widget))
    return f"{type(widget).__name__}#{name}" if name else type(widget).__name__


def _box(widget) -> tuple[float, float, float, float]:
    x, y = widget.to_window(widget.x, widget.y)
    return (x, y, x + widget.width, y + widget.height)


def _ink_box(item: _Shown) -> tuple[float, float, float, float]:
    """Where a label's texture is drawn: centred on the widget (Kivy's Label rule)."""
    from kivy.uix.textinput import TextInput
    if isinstance(item.widget, TextInput):
        return item.box
    left, bottom, right, top = item.box
    wide, high = item.widget.texture_size
    middle_x, middle_y = (left + right) / 2, (bottom + top) / 2
    return (middle_x - wide / 2, middle_y - high / 2, middle_x + wide / 2, middle_y + high / 2)


def _as_seen_with(box, item: _Shown, other: _Shown):
    # Two things on one page overlap wherever the page is scrolled to; otherwise only the parts that show can.
    return box if item.page is other.page else _intersect(box, item.clip)


def _popped_over(first: _Shown, second: _Shown) -> bool:
    """True when one of the two is a popup shown over the other on purpose: the accented letters of a held key."""
    return any(getattr(item.widget, "variant", None) is True for item in (first, second))


def _related(first: _Shown, second: _Shown) -> bool:
    return id(first.widget) in second.ancestors or id(second.widget) in first.ancestors


def _intersect(a, b):
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _overlap(a, b) -> bool:
    left, bottom, right, top = _intersect(a, b)
    return right - left > SLACK and top - bottom > SLACK


def _same(a, b) -> bool:
    return all(abs(p - q) <= SLACK for p, q in zip(a, b))


def _inside(box, outer) -> bool:
    return box[2] <= box[0] or box[3] <= box[1] or (
        box[0] >= outer[0] - SLACK and box[1] >= outer[1] - SLACK and box[2] <= outer[2] + SLACK
        and box[3] <= outer[3] + SLACK)


def _window_height() -> float:
    from kivy.core.window import Window
    return float(Window.height)

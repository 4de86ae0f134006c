"""What every page of the CV builder shares: the step page (progress, advice, the way on), text fields with friendly
counters and plain messages, and toggle chips.

A CV step screen declares its own widgets inside a ``CvStepPage``; the page puts them between the heading and the
buttons that move on, so each step's .kv file holds only what is particular to it.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import (AliasProperty, BooleanProperty, ListProperty, NumericProperty, ObjectProperty,
                             StringProperty)
from kivy.uix.boxlayout import BoxLayout
from kivy.graphics import Color, Rectangle

from screens.outline import Outline
from kivy.uix.widget import Widget

from kiosk.cv.model import LIMITS
from kiosk.cv.advice import advice_for
from kiosk.cv.steps import STEPS, has_content, next_step, step_number
from screens.base import KioskScreen
from screens.read_aloud import question_parts
from screens.widgets import running_app
from screens.widgets import KTextInput


class CvScreen(KioskScreen):
    """Base for the CV builder's screens: they belong to the "cv" section (Start again empties the CV)."""

    section = StringProperty("cv")

    @property
    def cv(self):
        """The CV being built: the session's, so the wipe takes it."""
        return running_app().session.cv


class CvStepScreen(CvScreen):
    """One step of the CV. ``step`` is one of ``kiosk.cv.steps.STEPS``; subclasses fill in ``load`` and ``store``."""

    step = StringProperty("")
    #: Step number and count, and which steps hold something, for the progress bar.
    number = NumericProperty(1)
    count = NumericProperty(len(STEPS))
    done = ListProperty([])

    def on_pre_enter(self, *_args) -> None:
        """Show the CV's current content for this step, and where the person is in the journey."""
        self.number = step_number(self.step)
        self.load()
        self.refresh_progress()
        self.ids.page.scroll_y = 1

    def on_pre_leave(self, *_args) -> None:
        """Keep what was typed: it goes into the session's CV whichever way the person leaves."""
        self.store()

    def refresh_progress(self) -> None:
        """Mark the steps that hold something (filled segments of the bar), and show where the person is."""
        self.done = [has_content(self.cv, step) for step in STEPS]
        progress = self.ids.page.ids.progress
        progress.number, progress.done = self.number, self.done

    def reset(self) -> None:
        """After a wipe the session's CV is empty: show that, so no chip or list keeps anything of the person's."""
        super().reset()
        for widget in self.walk(restrict=True):
            if isinstance(widget, CvField):
                widget.message_key = ""
        self.clear_shown()
        self.done = []

    def clear_shown(self) -> None:
        """Show the (now empty) CV; screens whose ``load`` is costly override this with a plain clear, because
        every wipe runs it on every screen."""
        self.load()

    def load(self) -> None:
        """Fill the step's widgets from the CV (subclasses)."""

    def store(self) -> None:
        """Put what the widgets hold into the CV (subclasses whose widgets do not write it as they change)."""

    def go_next(self) -> None:
        """On to the next step (or the preview after the last)."""
        self.go_to(next_step(self.step))

    def go_to(self, step: str) -> None:
        """Open a step, the preview or the start page.

        :param step: a step name, "preview" or "cv".
        """
        app = running_app()
        app.nav.go(step if step == "cv" else f"cv_{step}")


class CvStepPage(BoxLayout):
    """The page of a step: progress, heading, "Read this page aloud" and advice, then the step's own widgets and
    "See my CV"; under the page, always in view, its Continue ("Next step", or "Skip this step" while empty).
    The one way back is the shell's back link at the top.

    Children given in a screen's .kv rule go into the middle (``ids.body``).
    """

    screen = ObjectProperty(None)
    heading_key = StringProperty("")
    #: "Next" reads "Skip" while the step holds nothing, so moving on without filling it in is plainly allowed.
    has_content = BooleanProperty(False)

    def _get_scroll_y(self) -> float:
        return self.ids.scroller.scroll_y if "scroller" in self.ids else 1.0

    def _set_scroll_y(self, value: float) -> bool:
        # Always passed on: a plain property already at 1 ignored "scroll_y = 1", so a step opened again where the
        # person had scrolled it last time (the Welsh contact step opened past its heading: issue #18).
        self.ids.scroller.scroll_y = value
        return True

    #: Where the page is scrolled (its ``Page``'s ``scroll_y``): screens set it to 1 when they open.
    scroll_y = AliasProperty(_get_scroll_y, _set_scroll_y)

    def add_widget(self, widget, *args, **kwargs):
        """Children from the screen's rule go into the body; the page's own parts are laid out by its rule."""
        # The page's own rule is applied (and its ids set) before the screen's rule adds the step's widgets; its
        # last part, the pinned Continue, is added (and gets its id) after the body, so it marks the rule's end.
        if "pinned" in self.ids:
            return self.ids.body.add_widget(widget, *args, **kwargs)
        return super().add_widget(widget, *args, **kwargs)

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads (``app.reader``): the step as a question page, its words, fields'
        labels, hints and messages, and its choices, a chosen one said as chosen (``question_parts``); not the
        error summary, whose messages are read at their fields, nor "See my CV"."""
        ids = self.ids
        return question_parts(ids.column, running_app().t, skip=[ids.summary, ids.nav])

    def advice(self, t, screen) -> list[str]:
        """This step's tips in the person's language.

        :param t: the catalogue.
        :param screen: the step's screen (passed so that kv redraws the tips when it is set).
        """
        return advice_for(screen.step, t.language) if screen is not None and screen.step else []


class CvProgress(BoxLayout):
    """"Step 3 of 8" and a bar of segments: filled for steps that hold something, outlined for the current one."""

    number = NumericProperty(1)
    done = ListProperty([])


class CvProgressBar(Widget):
    """One segment a step: filled when the step holds something, outlined when empty, underlined when current.

    Filled and outlined differ in shape as well as colour, so the bar does not rely on colour alone.
    """

    number = NumericProperty(1)
    done = ListProperty([])
    #: (fill, outline, page) colours from the palette, so high contrast follows.
    colours = ListProperty([(0, 0, 0, 1), (0, 0, 0, 1), (1, 1, 1, 1)])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        redraw = Clock.create_trigger(self._redraw, 0)
        self.bind(pos=redraw, size=redraw, number=redraw, done=redraw, colours=redraw)

    def _redraw(self, _dt=None) -> None:
        count = len(self.done) or len(STEPS)
        gap = self.height * 0.4
        width = (self.width - gap * (count - 1)) / count
        bar = self.height * 0.7
        fill, outline, _page = self.colours
        self.canvas.clear()
        with self.canvas:
            for index in range(count):
                x = self.x + index * (width + gap)
                y = self.y + self.height - bar
                Color(*outline)
                Outline(rectangle=(x, y, width, bar), width=1.5)
                if index < len(self.done) and self.done[index]:
                    Color(*fill)
                    Rectangle(pos=(x, y), size=(width, bar))
                if index + 1 == int(self.number):
                    Color(*outline)
                    Rectangle(pos=(x, self.y), size=(width, self.height * 0.18))


class CvTextInput(KTextInput):
    """A text field that stops at its limit (``kiosk.cv.model.LIMITS``), so nothing typed is silently cut later."""

    limit = NumericProperty(0)
    #: The tallest a field for writing may be (0: no limit): the page's height, less room for its label, so with
    #: the keyboard open at 200 % text the whole field still fits above it.
    most_height = NumericProperty(0)

    def insert_text(self, substring, from_undo=False):
        """Insert what was typed, as much of it as fits."""
        if self.limit:
            room = int(self.limit) - len(self.text) + len(self.selection_text)
            substring = substring[:max(0, room)]
        return super().insert_text(substring, from_undo=from_undo)


class CvField(BoxLayout):
    """A labelled text field with a counter ("12 of 80 letters used") and a plain message when it needs a change.

    ``limit_name`` names the field's limit in ``kiosk.cv.model.LIMITS``; ``message_key`` is a catalogue key or "".
    """

    label_key = StringProperty("")
    hint_key = StringProperty("")
    limit_name = StringProperty("")
    multiline = BooleanProperty(False)
    #: The tallest its field for writing may be (``CvTextInput.most_height``).
    most_height = NumericProperty(0)
    #: Which on-screen keyboard layout the field opens with: "mail", "tel" or "text" (``screens/keyboard``).
    input_type = StringProperty("text")
    message_key = StringProperty("")
    text = StringProperty("")
    #: The most characters the field takes (from ``limit_name``).
    limit = NumericProperty(0)

    def on_limit_name(self, _field, name: str) -> None:
        """Look the limit up when the .kv file names it."""
        self.limit = LIMITS.get(name, 0)

    def set_text(self, text: str) -> None:
        """Show ``text`` in the field (the CV's), with an empty undo history.

        :param text: the text.
        """
        field = self.ids.input
        field.text = text
        field.reset_undo()
        self.text = text
        self.message_key = ""


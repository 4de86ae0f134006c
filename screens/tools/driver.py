"""Drive the kiosk in-process without a person: used by ``kiosk tour`` and by the UI tests.

    driver = Driver()                      # opens (or reuses) the one Kivy window of this process
    app = driver.start(KioskApp(...))      # what App.run() does, minus the blocking loop
    driver.tap(app.shell.ids.accessibility)
    driver.screenshot("a11y.png")
    driver.stop(app)

Frames advance only when ``pump`` is called, exceptions go to Kivy's ExceptionManager exactly as in the real
main loop, and touches are real touch events dispatched through the window. With ``draws`` False (the UI tests'
default) frames are laid out but not drawn, except the one a screenshot reads: on 2 cores Mesa's software renderer
spends about 100 ms drawing each 1080p frame, most of a screen test's time, and no test but a screenshot looks at
the pixels of the window (a label's texture is made as its text is laid out, drawn or not). An undrawn frame
takes a millisecond or two, so each moves Kivy's clock on ``UNDRAWN_FRAME_S`` as well, what a drawn frame took:
animations and delayed events reach their end after as many frames as before.
"""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

from kivy.base import EventLoop, ExceptionManager

#: Seconds Kivy's clock moves on for each frame pumped while ``draws`` is False (about what drawing one took).
UNDRAWN_FRAME_S = 0.1


class Driver:
    """A small robot for one Kivy window."""

    def __init__(self) -> None:
        EventLoop.ensure_window()
        from kivy.core.window import Window
        self.window = Window
        #: Seconds from the last ``tap``'s touch to the first frame drawn after it (bench/journeys.py).
        self.last_touch_seconds = 0.0
        #: Seconds from the last ``tap``'s touch to the end of the frames after it: what a page that shows its top
        #: first and the rest on the next frame (the benefits results) takes in all.
        self.last_settled_seconds = 0.0
        #: False: frames are laid out but not drawn (a screenshot still draws the frame it reads).
        self.draws = True
        from kivy.clock import Clock
        real_time = Clock.time
        self._clock_ahead = 0.0
        Clock.time = lambda: real_time() + self._clock_ahead

    def start(self, app):
        """Start ``app`` in this window and draw its first frame.

        :param app: a new, not yet started App.
        """
        app._run_prepare()
        self.pump(2)
        return app

    def stop(self, app) -> None:
        """Stop ``app`` and clear the window for the next one.

        :param app: the App from ``start``.
        """
        from kivy.app import App
        from kivy.config import Config
        # A button touched last turns back from "down" after min_state_time: let that happen while its app runs.
        if self.draws:  # undrawn frames move the clock on instead (a button's release waits on Kivy's clock)
            time.sleep(float(Config.get("graphics", "min_state_time")) + 0.01)
        self.pump(2)
        for child in self.window.children[:]:
            self.window.remove_widget(child)
        self.pump(2)  # let pending triggers run while their app is still the running one
        app.dispatch("on_stop")  # also resets kv's cached `app`, so the next App's rules bind to it
        App._running_app = None

    def pump(self, frames: int = 1, draw: bool = True) -> None:
        """Advance ``frames`` frames: clock, input, layout, drawing; errors handled as the main loop does.

        :param frames: how many.
        :param draw: False to skip drawing them (the next frame drawn shows everything): layout and text sizes
            still settle, and labels whose text changes again meanwhile are rendered once instead of each time.
        """
        draw = draw and self.draws
        if not draw:  # a handler that returns True stops the window's own on_draw/on_flip
            self.window.fbind("on_draw", _skip)
            self.window.fbind("on_flip", _skip)
        try:
            for _ in range(frames):
                if not self.draws:
                    self._clock_ahead += UNDRAWN_FRAME_S
                self._as_main_loop(EventLoop.idle)
        finally:
            if not draw:
                self.window.funbind("on_draw", _skip)
                self.window.funbind("on_flip", _skip)

    @staticmethod
    def _as_main_loop(action, *args) -> None:
        # What kivy.base.EventLoop.mainloop does with an exception: ask the ExceptionManager.
        try:
            action(*args)
        except BaseException as error:
            if ExceptionManager.handle_exception(error) == ExceptionManager.RAISE:
                raise

    def wait_until(self, predicate, timeout: float = 3.0) -> None:
        """Pump frames until ``predicate()`` is true.

        :param predicate: a function of no arguments.
        :param timeout: seconds before giving up with AssertionError.
        """
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(1)
            if predicate():
                return
        raise AssertionError(f"condition not met within {timeout:.1f} s")

    def tap(self, widget) -> None:
        """Touch the middle of a widget and let go.

        :param widget: any widget on screen.
        """
        # Where it is when the touch lands, after the frame's clock has laid out what changed since (a person
        # touches what the screen shows).
        self._tap(lambda: widget.to_window(*widget.center))

    def tap_at(self, x: float, y: float) -> None:
        """Touch a point in window coordinates (origin bottom left) and let go.

        :param x: from the left.
        :param y: from the bottom.
        """
        self._tap(lambda: (x, y))

    def _tap(self, where) -> None:
        """Touch the point ``where()`` gives as the touch lands, and let go."""
        from kivy.tests.common import UnitTestTouch
        touch = lambda: UnitTestTouch(*where())  # made as it lands
        # A person touches what the screen shows: whatever the caller changed since the last frame (a text size, a
        # page) is laid out first, as it would be drawn before anyone could touch it.
        self.pump(1)
        if not self.draws:
            started = time.perf_counter()
            self._put_touch(touch)
            self.pump(3)  # the touch's own frame, then two more (what it schedules runs on the next)
            self.last_touch_seconds = self.last_settled_seconds = time.perf_counter() - started
            return
        from kivy.graphics.opengl import glFinish
        flips: list[bool] = []
        on_flip = self.window.fbind("on_flip", lambda *_args: flips.append(True))
        # GL draws asynchronously (Mesa's software renderer on threads of its own). A person's touches are seconds
        # apart, so the last frame is long finished when the next touch comes: finish it before the clock starts,
        # and finish the frame this touch draws before the clock stops, so each touch is charged its own frame.
        glFinish()
        started, shown = time.perf_counter(), None
        try:
            self._put_touch(touch)
            for _ in range(3):  # the touch's own frame, then two more (what it schedules runs on the next)
                self.pump(1)
                if flips and shown is None:
                    glFinish()
                    shown = time.perf_counter()
            glFinish()
            settled = time.perf_counter()
        finally:
            self.window.unbind_uid("on_flip", on_flip)
        # What a person waits for: from their finger to the first frame that shows what it did. A touch that
        # changes nothing on screen draws no frame; then it is the time to handle it and run what it scheduled.
        self.last_touch_seconds = (shown or settled) - started
        self.last_settled_seconds = settled - started

    def _put_touch(self, touch) -> None:
        """Have the next frame make ``touch()`` and dispatch it, touching down and letting go."""
        # Handled by the next frame where the main loop handles input: after its clock tick and before drawing, so
        # what the touch schedules for the next frame runs on the frame after the one that answers it, as on the
        # kiosk. (Dispatched before the frame, it ran on the same frame.) Dispatched as before, straight to the
        # window, not through Kivy's input post-processing, which the tests never went through.
        loop = EventLoop

        def dispatch_input_and_the_touch() -> None:
            del loop.dispatch_input  # back to the class's own, for the frames after this one
            loop.dispatch_input()
            landed = touch()
            landed.touch_down()
            landed.touch_up()

        loop.dispatch_input = dispatch_input_and_the_touch

    def type_text(self, text: str) -> None:
        """Type text as a physical keyboard would, into the focused field.

        :param text: the characters.
        """
        self._as_main_loop(self.window.dispatch, "on_textinput", text)
        self.pump(1)

    def press_key(self, keycode: int, modifiers: list[str] | None = None) -> None:
        """Press and release a key (27 Escape, 13 Enter, 282 F1 ...).

        :param keycode: Kivy/SDL keycode.
        :param modifiers: e.g. ["alt"].
        """
        # As SDL's event loop does: on_keyboard follows unless on_key_down consumed the key.
        if not self.window.dispatch("on_key_down", keycode, 0, None, modifiers or []):
            self.window.dispatch("on_keyboard", keycode, 0, None, modifiers or [])
        self.window.dispatch("on_key_up", keycode, 0)
        self.pump(1)

    def resize(self, width: int, height: int) -> None:
        """Resize the window, e.g. to portrait, and redraw.

        :param width: pixels.
        :param height: pixels.
        """
        self.window.size = (width, height)
        self.pump(3)

    def screenshot(self, path) -> str:
        """Save the last drawn frame as a PNG.

        :param path: where.
        """
        from kivy.graphics.opengl import GL_RGB, GL_UNSIGNED_BYTE, glReadPixels
        draws, self.draws = self.draws, True
        try:
            self.window.canvas.ask_update()  # drawn whole, though earlier frames were only laid out
            self.pump(1)
        finally:
            self.draws = draws
        width, height = (int(side) for side in self.window.size)
        write_png(path, glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE), width, height)
        return str(path)


def write_png(path, pixels: bytes, width: int, height: int) -> None:
    """Write RGB pixels read from GL (bottom row first) as a PNG file, top row first.

    Compressed at zlib's quickest level: half the time of SDL's own writer (``Window.screenshot``), which the tour
    otherwise spends on each of its pictures, for files about half as big again.

    :param path: the file.
    :param pixels: ``width * height * 3`` bytes, rows from the bottom.
    :param width: pixels.
    :param height: pixels.
    """
    stride = width * 3
    rows = b"".join(b"\x00" + pixels[row * stride:(row + 1) * stride] for row in range(height - 1, -1, -1))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits a channel, RGB, no interlace
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1))
                           + chunk(b"IEND", b""))


def _skip(*_args) -> bool:
    return True

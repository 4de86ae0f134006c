"""When the on-screen keyboard shows: for the text field that has the focus, and only while it has it.

    app.keyboard.focus_changed(field, True)   # KTextInput.on_focus calls this; the keyboard opens for the field
    app.keyboard.close()                      # an overlay or the idle warning: the field lets go, the keys go away

The keyboard (``board.OnScreenKeyboard``) is the shell's last row, so the page above shrinks by its height; once
the page has its new size the focused field is scrolled into view in its page.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.uix.scrollview import ScrollView
from kivy.uix.textinput import TextInput

#: Height of a key. At least the 15 mm of every touch target, a little more because keys are pressed in a row.
KEY_MM = 16
#: Widest a letter key gets on a wide screen: wider keys only spread the letters further apart.
MAX_KEY_MM = 24
#: Narrowest a key of the "à é ŵ" page gets (its gap included): at least 15 mm to touch.
MIN_ACCENT_KEY_MM = 17


class KeyboardDock:
    """Opens and closes the shell's on-screen keyboard as text fields take and lose the focus.

    :param app: the ``KioskApp``.
    """

    def __init__(self, app) -> None:
        self.app = app
        self._settle = Clock.create_trigger(self._after_focus_change, 0)
        self._scroll = Clock.create_trigger(self.scroll_to_focused, 0)

    @property
    def board(self):
        """The shell's ``OnScreenKeyboard``."""
        return self.app.shell.ids.keyboard

    def watch(self) -> None:
        """Scroll the field into view whenever the keyboard changes height (a layout with more rows)."""
        self.board.bind(height=self._on_height)

    def unwatch(self) -> None:
        """Stop (the App stopped)."""
        self.board.unbind(height=self._on_height)

    def focus_changed(self, field, focused: bool) -> None:
        """A text field took or lost the focus.

        Going from one field to the next, the first loses the focus before the next takes it: deciding a frame
        later keeps the keyboard up instead of closing it and opening it again (the page would jump twice).

        :param field: the field.
        :param focused: True when it took the focus.
        """
        if focused:
            self.board.open_for(field)
            self._scroll()
        self._settle()

    def _after_focus_change(self, _dt=None) -> None:
        field = self.focused_field()
        board = self.board
        if field is None:
            if board.shown:
                board.close()
        elif board.target is not field:
            board.open_for(field)
            self._scroll()

    def close(self) -> None:
        """Take the focus from the field being typed in, which puts the keyboard away."""
        field = self.focused_field()
        if field is not None:
            field.focus = False
        self.board.close()

    def focused_field(self):
        """The text field with the focus on the screen showing or an overlay, or None."""
        shell = self.app.shell
        for root in (shell.ids.overlays, shell.ids.full_overlays, self.app.sm):
            for widget in root.walk(restrict=True):
                if isinstance(widget, TextInput) and widget.focus and widget.get_root_window() is not None:
                    return widget
        return None

    def _on_height(self, *_args) -> None:
        self._scroll()

    def scroll_to_focused(self, _dt=None, again: bool = True) -> None:
        """Scroll the focused text field into view, with its question when there is room, in its page.

        Runs once at once and once a frame later: the page takes its new height in the layout pass after the
        keyboard changes height, and scrolling before that would aim at the old one.

        :param again: do it again on the next frame.
        """
        field = self.focused_field()
        if field is None:
            return
        if again:
            Clock.schedule_once(lambda _dt: self.scroll_to_focused(again=False), 0)
        page = field.parent
        while page is not None and not isinstance(page, ScrollView):
            page = page.parent
        if page is None or not page.children:
            return
        # The largest block round the field that fits (its label, hint and counter; or the field and its
        # suggestions), then the field itself: scroll_to moves as little as it can, so the field is sure to show.
        block, content = field, page.children[0]
        while block.parent not in (None, content, page) and block.parent.height <= page.height:
            block = block.parent
        if block is not field:
            page.scroll_to(block, padding=0, animate=False)
            page.update_from_scroll()  # ScrollView moves its content a frame later: the next scroll_to needs it now
            page.scroll_to(field, padding=0, animate=False)
        elif field.parent not in (content, page) and content.height > page.height:
            # Not room for all of it (large text on a wide screen): the field at the bottom of the page, so what
            # is above it, the question, gets all the room there is.
            _, field_y = content.to_widget(*field.to_window(field.x, field.y))
            bottom = field_y - content.y - self.app.look.pad
            page.scroll_y = min(1, max(0, bottom / (content.height - page.height)))
        else:
            padding = max(0, min(self.app.look.target, (page.height - field.height) / 2))
            page.scroll_to(field, padding=padding, animate=False)

"""CV step 1: contact details. Only the name is needed; a phone number or email, if given, is checked with a plain
message, and the person stays on the page (with what they typed) until it is right or cleared."""

from __future__ import annotations

from kiosk.cv.checks import check_email, check_name, check_phone
from screens.cv.widgets import CvStepScreen
from screens.patterns import show_problems
from screens.widgets import running_app

#: Each field, the CV contact attribute it fills, and its check (None: anything goes).
FIELDS = (("name", None), ("phone", check_phone), ("email", check_email), ("town", None))


class CvContactScreen(CvStepScreen):
    """Name, phone, email and town or city."""

    def on_kv_post(self, base_widget) -> None:
        """Write each field into the CV as it is typed, and check it when the person moves to another."""
        super().on_kv_post(base_widget)
        for name, _check in FIELDS:
            field = self.ids[name]
            field.bind(text=lambda _field, text, name=name: self.on_field(name, text))
            field.ids.input.bind(focus=lambda _input, focused, name=name: None if focused else self.check_field(name))

    def load(self) -> None:
        """Show the CV's contact details."""
        self.ids.page.ids.summary.clear()
        for name, _check in FIELDS:
            self.ids[name].set_text(getattr(self.cv.contact, name))

    def on_field(self, name: str, text: str) -> None:
        """Keep the CV in step with a field as it is typed in; a message goes once the text changes.

        :param name: "name", "phone", "email" or "town".
        :param text: what the field holds.
        """
        setattr(self.cv.contact, name, text)
        self.ids[name].message_key = ""
        self.refresh_progress()

    def check_field(self, name: str) -> bool:
        """Check one field (when the person leaves it, and before moving on); show a message if it needs a change.

        :param name: "name", "phone", "email" or "town".
        :returns: True when it will do.
        """
        check = dict(FIELDS)[name]
        key = check(getattr(self.cv.contact, name)) if check else None
        if name == "name" and self.cv.contact.name.strip():
            key = check_name(self.cv.contact.name)  # a name is only needed at the end, but if typed it must be one
        self.ids[name].message_key = key or ""
        return key is None

    def go_next(self) -> None:
        """Move on only when the phone and email are right (or empty); otherwise the error summary at the top of
        the page links to each field that needs a change."""
        problems = [self.ids[name] for name, _check in FIELDS if not self.check_field(name)]
        summary = self.ids.page.ids.summary
        if problems:
            t = running_app().t
            show_problems(summary, [(t[field.message_key], field.ids.input) for field in problems])
            return
        summary.clear()
        super().go_next()

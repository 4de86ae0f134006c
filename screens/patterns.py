"""GOV.UK patterns pages share: the error summary at the top of the page, the message by a field, and details.

    summary = screen.ids.summary
    show_problems(summary, [(message, field.ids.input)])   # "There is a problem", a link a message, spoken
    summary.clear()
    Details(summary="How we worked this out", text="...")  # a link that opens the text under it


A page with answers that need a change shows a red-bordered "There is a problem" box at its top, one link a
problem; touching a link brings the field into view and, for a text field, puts the cursor in it. The message by
the field is an ``ErrorMessage`` (widgets.kv) and a text field shows its problem by a border in the error colour
(``KTextInput.error``). Modelled on GOV.UK Frontend's error summary and error message components.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView
from kivy.uix.textinput import TextInput

from screens.widgets import running_app


class Spoken(ButtonBehavior, Label):
    """Text to touch, said aloud as it is touched (only when the person turned read-aloud on)."""

    def on_press(self) -> None:
        """Read the words aloud."""
        app = running_app()
        if self.text and hasattr(app, "access"):
            app.access.speak(self.text)


class Link(Spoken):
    """A GOV.UK link: underlined text with no box, at least 15 mm tall; yellow behind it while pressed."""


class BackLink(Spoken):
    """GOV.UK back link: "Back" after a left-pointing chevron, at the top of the page under the header.

    The shell holds one (``shell.ids.back``) for every page but home; pages add no Back of their own.
    """


class WarningText(BoxLayout):
    """GOV.UK warning text: bold words after a "!" in a black circle, for something the person must know first.

    Read aloud after "Warning:", as GOV.UK Frontend's hidden "Warning" is read by a screen reader.
    """

    text = StringProperty("")


class ErrorLink(Link):
    """One problem in the summary: its message, red and underlined, a link to the field."""


class ErrorSummary(BoxLayout):
    """"There is a problem" and a link to each field that needs a change; nothing (and no height) without problems.

    ``problems`` is a list of (message, widget): the message as the person reads it, and the field it is about
    (a text field gets the focus when its link is touched; anything else is brought into view).
    """

    problems = ListProperty([])

    def on_problems(self, _summary, problems) -> None:
        """Make one link a problem."""
        links = self.ids.links
        links.clear_widgets()
        for message, target in problems:
            link = ErrorLink(text=message)
            link.bind(on_release=lambda _link, target=target: bring_to(target))
            links.add_widget(link)

    def clear(self) -> None:
        """No problems: the summary goes."""
        self.problems = []


class Details(BoxLayout):
    """GOV.UK details: a link with a triangle ("How we worked this out") that opens or closes the text under it.

    For what most people need not read: the working behind a result, what a word means. Closed, the text is
    neither shown nor read aloud (it has no height and no text), so the page stays short.
    """

    summary = StringProperty("")
    text = StringProperty("")
    open = BooleanProperty(False)

    def toggle(self) -> None:
        """Open the text, or close it."""
        self.open = not self.open


def show_problems(summary: ErrorSummary, problems: list[tuple[str, object]]) -> None:
    """Show the summary at the top of its page, scroll up to it, and read it aloud.

    GOV.UK moves the focus to the summary, so a screen reader reads it first; here the page scrolls to its top and
    read-aloud says "There is a problem" and each message after "Error:".

    :param summary: the page's ``ErrorSummary``.
    :param problems: (message, field) pairs, in the page's order.
    """
    summary.problems = list(problems)
    page = _scroller_of(summary)
    if page is not None:
        page.scroll_y = 1
    app = running_app()
    words = [app.t["patterns.there_is_a_problem"]]
    words += [app.t.text("patterns.error_spoken", message=message) for message, _target in problems]
    app.access.speak(" ".join(words))


def bring_to(target) -> None:
    """Scroll ``target`` into view in its page and, if it is a text field, give it the focus (the keyboard opens).

    :param target: the widget a problem is about.
    """
    page = _scroller_of(target)
    if page is not None:
        page.scroll_to(target, padding=running_app().look.target, animate=False)
    if isinstance(target, TextInput):
        target.focus = True


def _scroller_of(widget):
    parent = widget.parent
    while parent is not None and not isinstance(parent, ScrollView):
        parent = parent.parent
    return parent

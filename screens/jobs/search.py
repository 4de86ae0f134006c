"""Job search, first page: what job, and where. Suggestions appear under the field being typed in from the
second letter; "Search" opens the results.

The words and the place live in the session, not in this screen, so a wipe or "Start again" clears them.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from screens.base import KioskScreen, show_only
from screens.patterns import show_problems
from screens.read_aloud import question_parts
from screens.widgets import running_app
from screens.widgets import KButton

#: Suggestions shown under a field: few enough to fit above the docked keyboard.
MAX_SUGGESTIONS = 5


class JobSearchScreen(KioskScreen):
    """"What job are you looking for?" and "Where?", with type-ahead, and the Search button.

    When the kiosk has no vacancies (no cache yet), it says so in plain words instead.
    """

    available = BooleanProperty(True)
    #: Why the place cannot be searched (a place the kiosk does not know), or "".
    where_message = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._suggest_trigger = Clock.create_trigger(self._refresh_suggestions, 0)

    def on_kv_post(self, base_widget) -> None:
        """Keep what is being typed in view when the docked keyboard takes or gives back room."""
        super().on_kv_post(base_widget)
        self.ids.page.bind(height=lambda *_args: self._suggest_trigger())

    def on_pre_enter(self, *_args) -> None:
        """Show the form (or why there is none), with the session's words and place in the fields."""
        app = running_app()
        self.available = app.services.job_search is not None
        ids = self.ids
        if not self.available:
            show_only(ids.column, [ids.unavailable])
            return
        with_place = app.services.places is not None
        self.where_message = ""
        ids.summary.clear()
        show_only(ids.column, [ids.summary, ids.question, ids.hint, ids.read_page, ids.what_box,
                               *([ids.where_label, ids.where_hint, ids.where_box] if with_place else []),
                               ids.search, ids.updated])
        # "Did you mean" or Start again may have changed the words while this page was not showing.
        for field, value in ((ids.what, app.session.search_text), (ids.where, app.session.search_place)):
            if field.text != value:
                field.text = value

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the questions and hints, any error by its field (not again in the
        summary at the top), and the suggestions offered as the choices they are."""
        return question_parts(self.ids.column, running_app().t, skip=[self.ids.summary])

    def on_leave(self, *_args) -> None:
        """Put the suggestions away."""
        self._show_suggestions(self.ids.what_suggestions, [])
        self._show_suggestions(self.ids.where_suggestions, [])

    def on_what(self, text: str) -> None:
        """Keep the session's search words in step with the field, and suggest job titles.

        :param text: what the field holds now.
        """
        running_app().session.search_text = text
        self._suggest_trigger()

    def on_where(self, text: str) -> None:
        """Keep the session's place in step with the field, and suggest places.

        :param text: what the field holds now.
        """
        running_app().session.search_place = text
        self._suggest_trigger()

    def on_focus_change(self) -> None:
        """Suggestions show only under the field being typed in."""
        self._suggest_trigger()

    def _refresh_suggestions(self, _dt=None) -> None:
        app = running_app()
        ids = self.ids
        what, where = [], []
        if app.services.job_search is not None and ids.what.focus:
            what = self._fresh(app.services.job_search.suggest(ids.what.text, language=app.lang), ids.what.text)
        if app.services.places is not None and ids.where.focus:
            where = self._fresh(app.services.places.suggest(ids.where.text), ids.where.text)
        self._show_suggestions(ids.what_suggestions, what)
        self._show_suggestions(ids.where_suggestions, where)
        if ids.what.focus:
            Clock.schedule_once(lambda _dt: self._keep_in_view(ids.what_box), 0)
        elif ids.where.focus:
            # The place is the last thing to type: show the Search button under it too.
            Clock.schedule_once(lambda _dt: self._keep_in_view(ids.where_box, ids.search), 0)

    @staticmethod
    def _fresh(suggestions: list[str], typed: str) -> list[str]:
        typed = typed.strip().casefold()
        return [s for s in suggestions if s.casefold() != typed][:MAX_SUGGESTIONS]

    def _show_suggestions(self, box, suggestions: list[str]) -> None:
        if [child.text for child in reversed(box.children)] == suggestions:
            return
        box.clear_widgets()
        field = self.ids.what if box is self.ids.what_suggestions else self.ids.where
        for suggestion in suggestions:
            button = KButton(text=suggestion, kind="secondary", fit=True)
            button.bind(on_release=lambda b, f=field: self.choose(f, b.text))
            box.add_widget(button)

    def _keep_in_view(self, box, below=None) -> None:
        # The field and its suggestions (and the Search button) above the docked keyboard, as far as they fit; the
        # field itself always. scroll_to moves as little as it can, so the field is scrolled to last.
        # ScrollView moves its content only a frame after scroll_y changes, so each scroll_to is given it at once.
        page = self.ids.page
        if below is not None and below.parent is not None and box.top - below.y <= page.height:
            page.scroll_to(below, padding=0, animate=False)
            page.update_from_scroll()
        if box.height <= page.height:
            page.scroll_to(box, padding=0, animate=False)
            page.update_from_scroll()
        page.scroll_to(box.children[-1], padding=0, animate=False)

    def choose(self, field, suggestion: str) -> None:
        """Put a suggestion in its field; after a job title, go on to "Where?".

        :param field: the ``what`` or ``where`` field.
        :param suggestion: the text of the suggestion touched.
        """
        field.text = suggestion
        field.cursor = (len(suggestion), 0)
        self._show_suggestions(self.ids.what_suggestions if field is self.ids.what else self.ids.where_suggestions,
                               [])
        if field is self.ids.what and self.ids.where.parent is not None:
            # After this touch ends Kivy unfocuses every field, so focus the next one a frame later.
            Clock.schedule_once(lambda _dt: setattr(self.ids.where, "focus", True), 0)

    def next_field(self) -> None:
        """Enter in "What job": go on to "Where?" if there is one, otherwise search."""
        if self.ids.where.parent is not None:
            Clock.schedule_once(lambda _dt: setattr(self.ids.where, "focus", True), 0)
        else:
            self.search()

    def search(self) -> None:
        """Open the results for the words and place typed, from the first page; a place the kiosk does not know
        is a problem to put right here, before any search."""
        ids = self.ids
        for field in (ids.what, ids.where):
            field.focus = False
        app = running_app()
        place = ids.where.text.strip()
        if place and app.services.places is not None and app.services.places.resolve(place) is None:
            self.where_message = app.t.text("patterns.place_unknown", place=place)
            show_problems(ids.summary, [(self.where_message, ids.where)])
            return
        self.where_message = ""
        ids.summary.clear()
        app.sm.get_screen("jobs_results").page = 0
        app.nav.go("jobs_results")

    def reset(self) -> None:
        """Empty both fields and their suggestions, and any message about them."""
        super().reset()
        self.where_message = ""
        self.ids.summary.clear()
        self._suggest_trigger.cancel()
        self._show_suggestions(self.ids.what_suggestions, [])
        self._show_suggestions(self.ids.where_suggestions, [])

"""Explore careers, first page: "Find any job" by its name, every career by name, one touch each, and the young
people's page.

The careers are the CV builder's job families, in alphabetical order in the person's language (a Welsh page sorts
by the Welsh names). The buttons are made again when the language changes. "Find any job" offers those careers and
the ONS's list of jobs (``kiosk.careers.finding``); what is typed stays in the field until the session ends, and is
neither kept nor counted.
"""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import ListProperty, StringProperty

from kiosk.careers.finding import Found, find_careers
from kiosk.cv.suggestions import GENERAL, occupations, title_words
from screens.base import KioskScreen
from screens.careers.ons_career import open_unit_group
from screens.read_aloud import page_parts
from screens.widgets import ChevronButton, running_app


def open_career(app, family_key: str) -> None:
    """Show one career's page.

    :param app: the KioskApp.
    :param family_key: a key of ``kiosk.cv.suggestions.Occupations.families`` (not "general").
    """
    app.sm.get_screen("career").show_career(family_key)
    app.nav.go("career")


def career_names(language: str) -> list[tuple[str, str]]:
    """(family key, name) of every career, sorted by name in the language.

    :param language: "en" or "cy".
    """
    families = [f for f in occupations().families.values() if f.key != GENERAL]
    return sorted(((f.key, f.name(language)) for f in families), key=lambda pair: pair[1].casefold())


class CareersScreen(KioskScreen):
    """"Explore careers": "Find any job", and the careers as buttons that open their pages."""

    #: The catalogue key of what the last search says ("" before one).
    found_key = StringProperty("")
    #: What the last search found.
    found = ListProperty([])

    def on_kv_post(self, base_widget) -> None:
        """List the careers, and list them again in the other language when it changes."""
        super().on_kv_post(base_widget)
        app = App.get_running_app()
        if app is not None:
            app.bind(lang=lambda *_args: (self.fill(), self._show_found()))
        self.fill()
        self.fbind("found", lambda *_args: self._show_found())

    def fill(self) -> None:
        """Make a button for each career, in the order of their names in the person's language."""
        app = running_app()
        box = self.ids.careers
        box.clear_widgets()
        for key, name in career_names(app.lang):
            button = ChevronButton(text=name)
            button.family_key = key
            button.bind(on_release=lambda pressed: open_career(running_app(), pressed.family_key))
            box.add_widget(button)

    def find(self) -> None:
        """"Find any job": the careers and ONS jobs whose names hold the words typed, each a button."""
        app = running_app()
        text = self.ids.find.text
        self.ids.find.focus = False
        if not title_words(text):
            self.found_key, self.found = "careers.find_empty", []
            return
        self.found = find_careers(text)
        self.found_key = "careers.found_some" if self.found else "careers.found_none"
        app.services.count("careers_searched")
        # Two frames on: the buttons are laid out on the next, and the page's height follows them on the one after.
        Clock.schedule_once(lambda _dt: Clock.schedule_once(self._bring_up_what_was_found, 0), 0)

    def _bring_up_what_was_found(self, _dt=None) -> None:
        # The field at the top of the page, and what it found under it: at large text it is all under the fold,
        # where nobody would know to look.
        page, field = self.ids.page, self.ids.find
        content = page.children[0]
        if content.height > page.height:
            below_top = content.top - field.top - running_app().look.gap
            page.scroll_y = max(0.0, min(1.0, 1 - below_top / (content.height - page.height)))

    def _show_found(self) -> None:
        app = running_app()
        box = self.ids.found
        box.clear_widgets()
        families = occupations().families
        for found in self.found:
            if found.family_key:
                button = ChevronButton(text=families[found.family_key].name(app.lang))
            else:
                button = ChevronButton(text=found.group.title)
            button.found = found
            button.bind(on_release=lambda pressed: self._open(pressed.found))
            box.add_widget(button)

    @staticmethod
    def _open(found: Found) -> None:
        app = running_app()
        if found.family_key:
            open_career(app, found.family_key)
        else:
            open_unit_group(app, found.group.code)

    def reset(self) -> None:
        """Forget what was typed and found."""
        super().reset()
        self.ids.find.text = ""
        self.found_key, self.found = "", []

    def on_pre_enter(self, *_args) -> None:
        """Count the visit to the careers (once a visit)."""
        app = running_app()
        app.services.count_once(app.session, "careers_opened")

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the heading and what to do, then every career, as they are this
        page's choices."""
        return page_parts(self.ids.column, buttons=True)

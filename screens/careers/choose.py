"""Explore careers, first page: every career by name, one touch each, and the young people's page.

The careers are the CV builder's job families, in alphabetical order in the person's language (a Welsh page sorts
by the Welsh names). The buttons are made again when the language changes.
"""

from __future__ import annotations

from kivy.app import App

from kiosk.cv.suggestions import GENERAL, occupations
from screens.base import KioskScreen
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
    """"Explore careers": the careers as buttons that open their pages."""

    def on_kv_post(self, base_widget) -> None:
        """List the careers, and list them again in the other language when it changes."""
        super().on_kv_post(base_widget)
        app = App.get_running_app()
        if app is not None:
            app.bind(lang=lambda *_args: self.fill())
        self.fill()

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

    def on_pre_enter(self, *_args) -> None:
        """Count the visit to the careers (once a visit)."""
        app = running_app()
        app.services.count_once(app.session, "careers_opened")

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the heading and what to do, then every career, as they are this
        page's choices."""
        return page_parts(self.ids.column, buttons=True)

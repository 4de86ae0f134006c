"""The privacy notice and the accessibility statement: reached by touch from the attract and About pages, read
aloud in full part by part, and wholly in Welsh when the kiosk is in Welsh (issue #18, point 8)."""

import pytest
from kivy.uix.label import Label

from kiosk.i18n import load_catalogues
from screens.widgets import ReadPageButton
from tests.screens.helpers import touch
from tests.screens.reading import Recorder
from tests.sizes import PORTRAIT

STATEMENTS = ("privacy", "accessibility_statement")


def shown_texts(screen):
    """The text of every label on a screen, top to bottom, but "Read this page aloud" (the same on every page)."""
    return [w.text for w in screen.walk(restrict=True)
            if isinstance(w, Label) and not isinstance(w, ReadPageButton) and w.text.strip()]


def statement_keys(name):
    """The catalogue keys of a statement page's own words."""
    prefix = {"privacy": "privacy.", "accessibility_statement": "a11y_statement."}[name]
    return sorted(key for key in load_catalogues()["en"].keys if key.startswith(prefix))


def test_from_the_attract_screen_the_privacy_page_opens_and_back_leads_home(app, driver):
    attract = app.sm.get_screen("attract")
    link = attract.ids.links.ids.privacy
    assert link.height >= app.look.target  # 15 mm
    touch(driver, link)
    assert app.sm.current == "privacy"
    assert app.session.in_use  # a person is here: the page is cleared away like any other when they leave
    texts = shown_texts(app.screen)
    assert texts[0] == "Privacy: what happens to your details"
    assert any("24 hours" in text and "end-to-end" in text for text in texts)
    touch(driver, app.shell.ids.back)
    assert app.sm.current == "home"


def test_about_leads_to_the_accessibility_statement_and_back(make_app, driver):
    app = make_app(start_screen="home")
    touch(driver, app.sm.get_screen("home").ids.about)
    assert app.sm.current == "about"
    link = app.screen.ids.links.ids.accessibility_statement
    assert link.height >= app.look.target
    touch(driver, link)
    assert app.sm.current == "accessibility_statement"
    texts = shown_texts(app.screen)
    assert texts[0] == "Accessibility statement"
    assert any("15 millimetres" in text for text in texts)
    touch(driver, app.shell.ids.back)
    assert app.sm.current == "about"


def test_with_read_aloud_on_the_whole_page_is_read_part_by_part_not_only_its_heading(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_read_aloud(True)
    app.nav.go("about")
    driver.pump(2)
    recorder = Recorder(app)
    touch(driver, app.screen.ids.links.ids.privacy)
    driver.pump(2)
    assert app.reader.source is app.screen and app.reader.current.text == "Privacy: what happens to your details"
    recorder.finish_all(driver)
    said = recorder.texts()
    english = load_catalogues()["en"]
    shown = shown_texts(app.screen)
    # The link's own words as it was touched (the same as the heading), then the page, every line but the button.
    assert said == [english["statements.privacy_link"], *shown]
    assert said[-1] == english["privacy.questions_body"]
    assert {language for _text, language in recorder.said} == {"en"}


@pytest.mark.parametrize("name", STATEMENTS)
def test_the_welsh_statements_have_no_english_line(make_app, driver, name):
    app = make_app(start_screen="home", size=PORTRAIT)
    touch(driver, app.shell.ids.lang_cy)
    app.nav.go("about")
    driver.pump(2)
    touch(driver, app.screen.ids.links.ids[name])
    assert app.sm.current == name
    catalogues = load_catalogues()
    english = {catalogues["en"][key] for key in statement_keys(name)}
    welsh = [catalogues["cy"][key] for key in statement_keys(name)]
    texts = shown_texts(app.screen)
    assert sorted(texts) == sorted(welsh)  # every line of the page is one of its Welsh messages, and each shows
    assert not set(texts) & english

"""The staff screens say what a person can act on, in the kiosk's language (issue #18, point 5).

They used to show "Printer (pdf_file): ready - writes PDF files to ~/.local/share/...", English lines on Welsh
screens, and a maintenance screen partly in English. Now each device line is a sentence from the catalogue, and the
providers' own details stay in the log.
"""

import logging

import pytest
from kivy.uix.label import Label

from device import KINDS
from kiosk.i18n import load_catalogues
from tests.screens.helpers import touch
from tests.screens.staff.test_modes import insert, type_pin

pytestmark = pytest.mark.ui

#: Every provider's name: none of them may appear on a staff screen.
PROVIDERS = {provider for kind in KINDS.values() for provider in kind.providers}


def open_maintenance(driver, app):
    insert(driver, app, role="maintenance")
    type_pin(driver, app, "1234")
    return app.shell.overlay


def open_tools(driver, app):
    insert(driver, app)
    type_pin(driver, app, "1234")
    touch(driver, app.shell.ids.assisted_banner.ids.tools)
    return app.shell.overlay


def shown_lines(panel) -> list[str]:
    """Every line of text the panel shows, from every label in it (buttons and headings too)."""
    lines = []
    for widget in panel.walk(restrict=True):
        if isinstance(widget, Label) and widget.opacity > 0 and widget.text:
            lines += [line.strip() for line in widget.text.splitlines() if line.strip()]
    return lines


def english_catalogue_lines() -> set[str]:
    """Every line of every English message, as it would show with no placeholder filled in."""
    english = load_catalogues()["en"]
    return {line.strip() for key in english.keys for line in english[key].splitlines() if line.strip()}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_device_line_names_a_provider_or_a_path(make_app, driver, language, settings):
    settings["ui.default_language"] = language
    app = make_app(start_screen="home")
    panel = open_maintenance(driver, app)
    lines = panel.ids.devices.text.splitlines()
    assert len(lines) == 3, lines  # card reader, printer, read-aloud
    for line in lines + app.staff.status_text().splitlines():
        words = set(line.replace("(", " ").replace(")", " ").replace(":", " ").split())
        assert not words & PROVIDERS, line
        assert "/" not in line and "~" not in line, line
        assert line[0].isupper() and line.endswith("."), f"a whole sentence: {line!r}"


def test_the_welsh_maintenance_screen_has_no_english_line(make_app, driver, settings):
    settings["ui.default_language"] = "cy"
    app = make_app(start_screen="home")
    # Something in the log, so the log summary has lines to show (the message itself is English, for IT).
    logging.getLogger("jobpoint.printer").warning("queue kiosk: printing (media-jam-error)")
    panel = open_maintenance(driver, app)
    assert app.t.language == "cy"
    app.staff.refresh_maintenance()
    driver.pump(2)
    english = english_catalogue_lines()
    cymraeg = load_catalogues()["cy"]
    same_in_both = {cymraeg["lang.en"], cymraeg["lang.cy"]}  # each language's own name, on its button
    lines = shown_lines(panel)
    assert any("Rhybudd: argraffydd" in line for line in lines), lines
    english_lines = [line for line in lines if line in english and line not in same_in_both]
    assert not english_lines
    assert not any("media-jam" in line or "jobpoint." in line for line in lines), "raw log text stays in the log"


def test_the_welsh_staff_tools_have_no_english_line(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.shell.ids.lang_cy)
    driver.pump(2)
    tools = open_tools(driver, app)
    english = english_catalogue_lines()
    assert not [line for line in shown_lines(tools) if line in english]


def test_a_printer_on_files_reads_as_a_sentence_saying_what_to_do(make_app, driver):
    app = make_app(start_screen="home")
    tools = open_tools(driver, app)
    (printer_line,) = [line for line in tools.status_text.splitlines() if "print" in line.lower()]
    assert printer_line == ("Printing to files: no printer found. Nothing comes out on paper. Check the printer is "
                            "plugged in and set up.")
    assert "degraded" not in tools.status_text and "fallback" not in tools.status_text


def test_maintenance_keeps_the_language_the_kiosk_was_in_and_the_next_person_gets_the_default(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.shell.ids.lang_cy)
    driver.pump(2)
    panel = open_maintenance(driver, app)
    assert app.lang == "cy" and panel.ids.devices.text.startswith("Heb ddod o hyd i ddarllenydd cardiau")
    app.services.devices.card.remove_card()
    driver.pump(3)
    assert app.lang == app.session.default_language == "en"

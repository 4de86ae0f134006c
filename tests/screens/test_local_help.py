""""Help near you" (issue #19 point 3), by touch: on home only when the office lists some help; its kinds of help
(only those with organisations in them), then one kind's organisations with what they do, when they are open,
their phone number and a QR code; in Welsh; read aloud; printed on one page whose text reads back; counted.

The office's list is the demo office's (``assets/demo/office.toml``), put where the central service's would be.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from kivy.uix.label import Label

from kiosk.local_help import by_category, code_text, demo_local_help
from kiosk.spoken import spoken
from screens.local_help import GroupButton, LocalHelpCard
from sync.office import OFFICE_FILE, write_demo_office
from sync.usage import EVENTS, UsageCounter
from tests.screens.helpers import touch
from tests.screens.reading import Recorder

DEMO = dict(by_category(demo_local_help()))


@pytest.fixture
def usage(tmp_path):
    return UsageCounter(tmp_path / "usage.sqlite")


@pytest.fixture
def demo_office(settings):
    """The kiosk has the demo office's config, as `kiosk demo-data` leaves it."""
    assert write_demo_office(settings["kiosk.data_dir"])


def counted(usage) -> dict[str, int]:
    totals: dict[str, int] = {}
    for (_hour, event), n in usage.pending().items():
        totals[event] = totals.get(event, 0) + n
    return totals


def shown_texts(root) -> list[str]:
    """The text of every label showing under ``root``, top to bottom."""
    return [w.text for w in root.walk(restrict=True) if isinstance(w, Label) and w.text and w.parent is not None]


def group_buttons(app) -> list[GroupButton]:
    return list(reversed(app.sm.get_screen("local_help").ids.groups.children))


def cards(app) -> list[LocalHelpCard]:
    return list(reversed(app.sm.get_screen("local_help_group").ids.cards.children))


def open_kind(app, driver, label: str) -> None:
    """From home, touch "Help near you", then the kind of help with this label."""
    touch(driver, app.sm.get_screen("home").ids.local_help)
    assert app.sm.current == "local_help"
    touch(driver, next(button for button in group_buttons(app) if button.text == label))
    assert app.sm.current == "local_help_group"


def test_home_offers_help_near_you_only_when_the_office_lists_some(make_app, driver, settings):
    app = make_app(start_screen="home")
    home = app.sm.get_screen("home")
    assert home.ids.local_help.parent is None, "no office list: no button that leads to nothing"
    write_demo_office(settings["kiosk.data_dir"])
    app.nav.go("about")
    app.nav.back()  # home shows again, and reads the office's list again: no restart needed
    assert home.ids.local_help.parent == home.ids.more
    assert home.ids.local_help.height >= app.look.mm(28) * 0.99, "as tall as the three services"


def test_kinds_of_help_then_organisations_with_codes_by_touch(make_app, driver, demo_office, usage):
    app = make_app(start_screen="home", usage=usage)
    touch(driver, app.sm.get_screen("home").ids.local_help)
    # Only the kinds with an organisation in them, in the fixed order, the uncategorised last as "Other help".
    assert [button.text for button in group_buttons(app)] == [app.t[f"local_help.group.{group}"] for group in DEMO]
    assert group_buttons(app)[-1].text == "Other help"
    assert all(button.height >= app.look.target for button in group_buttons(app))
    touch(driver, next(button for button in group_buttons(app) if button.text == "Money and debt advice"))
    screen = app.screen
    assert screen.ids.title.text == "Money and debt advice"
    shown = cards(app)
    assert [card.ids.name.text for card in shown] == [entry["name"] for entry in DEMO["money"]]
    advice = shown[0]
    assert advice.ids.name.parent is advice and advice.ids.name.texture_size[1] > 0
    assert advice.ids.phone.text == "Phone: 0800 144 8848"
    assert advice.ids.opening.text.startswith("Open: Monday to Friday, 9am to 5pm")
    assert advice.ids.code_words.text == "Scan the code to open their website: www.citizensadvice.org.uk"
    assert advice.texture is not None and advice.ids.code.width >= app.look.mm(35) * 0.99
    # Back, and another kind: a QR code of a phone number for an organisation with no website.
    touch(driver, screen.ids.other_help)
    assert app.sm.current == "local_help"
    touch(driver, next(button for button in group_buttons(app) if button.text == "Food and essentials"))
    food_bank = cards(app)[0]
    assert code_text(food_bank.entry) == "tel:01134960200" and food_bank.texture is not None
    assert food_bank.ids.code_words.text == "Scan the code to call them."
    # Counted: the list opened once, each kind looked at once; never which organisation.
    touch(driver, app.screen.ids.other_help)
    touch(driver, group_buttons(app)[1])
    assert counted(usage) == {"session_started": 1, "local_help_opened": 1, "local_help_money": 1,
                              "local_help_food": 1}
    assert set(counted(usage)) <= EVENTS


def test_an_entry_without_a_website_or_opening_times_leaves_those_lines_out(make_app, driver, settings):
    office = {"office_id": "leeds", "name": "Leeds", "config_version": "3",
              "lha": dict.fromkeys(("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly",
                                    "three_bedrooms_monthly", "four_bedrooms_monthly"), 0),
              "local_help": [{"name": "[b]Drop-in[/b]", "phone": "", "url": "", "about_en": "Tea and a chat."}]}
    (settings["kiosk.data_dir"] / OFFICE_FILE).write_text(json.dumps(office), encoding="utf-8")
    app = make_app(start_screen="home")
    open_kind(app, driver, "Other help")
    card = cards(app)[0]
    # What the office wrote is plain text: markup in it shows as typed.
    assert shown_texts(card) == ["[b]Drop-in[/b]", "Tea and a chat."]
    assert card.texture is None and not card.ids.name.markup


def test_welsh_shows_the_offices_welsh_and_the_kiosks_words(make_app, driver, demo_office):
    app = make_app(start_screen="home")
    touch(driver, app.shell.ids.lang_cy)
    assert app.sm.get_screen("home").ids.local_help.text == "Help yn agos atoch chi"
    open_kind(app, driver, "Iechyd a lles")
    nhs = cards(app)[0]
    assert nhs.ids.about.text == DEMO["health"][0]["about_cy"]
    assert nhs.ids.opening.text == "Ar agor: Bob dydd, ddydd a nos."
    assert nhs.ids.phone.text == "Ffôn: 111"
    assert nhs.ids.code_words.text == "Sganiwch y cod i agor eu gwefan: 111.nhs.uk"
    # A change of language on the page redraws the office's words too.
    touch(driver, app.shell.ids.lang_en)
    driver.pump(2)
    assert nhs.ids.opening.text == "Open: Every day, day and night."


def test_the_kinds_of_help_are_read_aloud_as_the_choices_they_are(make_app, driver, demo_office):
    app = make_app(start_screen="home")
    touch(driver, app.sm.get_screen("home").ids.local_help)
    screen = app.screen
    recorder = Recorder(app)
    touch(driver, screen.ids.read_page)
    recorder.finish_all(driver)
    assert recorder.texts() == [spoken(text, "en") for text in (
        screen.ids.title.text, screen.ids.intro.text, *(button.text for button in group_buttons(app)))]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_page_is_read_aloud_without_web_addresses(make_app, driver, demo_office, language):
    app = make_app(start_screen="home")
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    open_kind(app, driver, app.t["local_help.group.housing"])
    screen = app.screen
    recorder = Recorder(app)
    touch(driver, screen.ids.read_page)
    recorder.finish_all(driver)
    said = recorder.texts()
    assert {voice for _text, voice in recorder.said} == {language}
    first = cards(app)[0].ids
    expected = [spoken(text, language) for text in (screen.ids.title.text, screen.ids.intro.text, first.name.text,
                                                    first.about.text, first.opening.text, first.phone.text)]
    assert said[:len(expected)] == expected
    assert spoken(app.t["local_help.code_web_spoken"], language) in said, "Shelter's code, said without the address"
    assert not any("shelter.org.uk" in text for text in said)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("language", ["en", "cy"])
def test_print_gives_one_page_whose_text_reads_back(make_app, driver, demo_office, usage, tmp_path, language):
    app = make_app(start_screen="home", usage=usage)
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    open_kind(app, driver, app.t["local_help.group.health"])
    folder = app.services.printer.folder
    before = set(folder.glob("*.pdf"))
    touch(driver, app.screen.ids.print_list)
    assert app.panels["print"].ok
    [printed] = set(folder.glob("*.pdf")) - before
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    text = " ".join(subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for entry in DEMO["health"]:
        assert entry["name"] in text and entry["phone"] in text
        assert " ".join(entry[f"opening_{language}"].split()) in text
    assert app.t["local_help.group.health"] in text
    # The tests' printer writes files, not paper: nothing counted as printed (as every printout).
    assert "local_help_printed" not in counted(usage)

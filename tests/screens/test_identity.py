"""The organisation's and the office's names from the synced office config, in the header and on the attract
screen; the kiosk's own name when there is none or it is refused (issue #18, point 8)."""

import json

import pytest

from sync.office import OFFICE_FILE
from tests.screens.helpers import finish_by_touch, touch

OFFICE = {"office_id": "leeds", "name": "Leeds City Jobcentre", "config_version": "3",
          "lha": dict.fromkeys(("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly",
                                "three_bedrooms_monthly", "four_bedrooms_monthly"), 0),
          "local_help": [],
          "organisation": {"name": "Department for Work and Pensions", "name_cy": "Yr Adran Gwaith a Phensiynau"}}


def save_office(settings, office):
    """Leave an office config where the sync leaves it."""
    (settings["kiosk.data_dir"] / OFFICE_FILE).write_text(json.dumps(office), encoding="utf-8")


def test_the_synced_organisation_and_office_are_shown_in_both_languages(make_app, driver, settings):
    save_office(settings, OFFICE)
    app = make_app()
    assert app.shell.ids.brand.text == "Department for Work and Pensions"
    office = app.sm.get_screen("attract").ids.office
    assert office.text == "Leeds City Jobcentre" and office.opacity == 1
    touch(driver, app.shell.ids.lang_cy)
    assert app.shell.ids.brand.text == "Yr Adran Gwaith a Phensiynau"
    assert app.sm.current == "home"  # the header stays on the home screen


def test_a_config_synced_during_a_visit_shows_for_the_next_person(make_app, driver, settings):
    app = make_app(start_screen="home")
    assert app.shell.ids.brand.text == "Jobpoint"
    save_office(settings, OFFICE)
    finish_by_touch(driver, app)
    assert app.sm.current == "attract"
    assert app.shell.ids.brand.text == "Department for Work and Pensions"


def test_without_a_usable_organisation_the_kiosk_shows_its_own_name(make_app, driver, settings):
    save_office(settings, {**OFFICE, "organisation": {"name": "x" * 10_000}})  # refused: far too long
    app = make_app()
    assert app.shell.ids.brand.text == "Jobpoint"
    assert app.sm.get_screen("attract").ids.office.opacity == 0


def png(path, width, height):
    from PIL import Image
    Image.new("RGB", (width, height), (0, 94, 165)).save(path)
    return path


def test_the_logo_from_the_config_sits_beside_the_name_in_the_header(make_app, driver, settings, tmp_path):
    settings["display.logo"] = png(tmp_path / "logo.png", 300, 100)
    save_office(settings, OFFICE)
    app = make_app(start_screen="home")
    logo, brand, header = app.shell.ids.logo, app.shell.ids.brand, app.shell.ids.header
    assert logo.texture is not None and logo.opacity == 1
    assert logo.height == app.look.mm(14) and abs(logo.width - 3 * logo.height) <= 1, "its own shape"
    assert logo.right <= brand.x and header.y <= logo.y and logo.top <= header.top


@pytest.mark.parametrize("make_file, says", [
    (lambda path: path.write_text("not a picture"), "is not a PNG picture"),
    (lambda path: png(path, 2500, 10), "is 2500 by 10 pixels; a logo may be at most 2000 each way"),
    (lambda path: path.write_bytes(b"\x89PNG" + bytes(2 * 1024 * 1024)), "a logo may be at most 1,048,576"),
    (lambda path: None, "cannot be read"),
])
def test_a_logo_the_kiosk_cannot_show_leaves_the_name_alone_and_says_why(make_app, settings, tmp_path, caplog,
                                                                         make_file, says):
    path = tmp_path / "logo.png"
    make_file(path)
    settings["display.logo"] = path
    app = make_app(start_screen="home")
    assert app.logo == "" and app.shell.ids.logo.width == 0 and app.shell.ids.brand.text == "Jobpoint"
    assert any(says in record.getMessage() and "showing the name alone" in record.getMessage()
               for record in caplog.records), [r.getMessage() for r in caplog.records]

"""The kiosk's own on-screen keyboard, driven by touches: names with accents by press-and-hold, the email and phone
layouts, keys read aloud (never a PIN's digits), labels in Welsh, the field and the page end kept above it,
and keys large and clear enough in every palette, orientation and text size."""

import pytest

from kiosk.display import MIN_TARGET_MM
from kiosk.theme import PALETTES, contrast_ratio
from screens.keyboard.accents import every_accented, variants
from screens.widgets import KTextInput
from tests.screens.helpers import (hold_key, key_button, on_screen_keyboard, tap_key, touch, type_on_keyboard,
                                   window_box)
from tests.sizes import LANDSCAPE, PORTRAIT

#: Letters the keyboard must offer: Welsh, then the Latin letters of names common in Great Britain.
NEEDED = {
    "Welsh": "âêîôûŵŷäëïöüẁẃỳáéíóú",
    "Polish": "ąćęłńóśźż",
    "Romanian": "șțăâî",
    "Lithuanian": "ąčęėįšųūž",
    "Portuguese": "áâãàçéêíóôõú",
    "Spanish": "áéíñóúü",
    "French": "àâæçéèêëîïôœùûüÿ",
    "German": "äöüß",
    "Turkish": "çğıöşü",
    "Irish": "áéíóú",
    "Scottish Gaelic": "àèìòù",
}


def open_contact(app, driver):
    """CV builder, first step: name, phone, email, town."""
    app.nav.begin()
    app.nav.go("cv_contact")
    driver.pump(2)
    return app.screen


def said_words(app):
    """Turn read-aloud on and collect what the speech provider is asked to say from now on."""
    app.access.set_read_aloud(True)
    said = []
    speech = app.services.speech
    original = speech._speak
    speech._speak = lambda text, language: (said.append(text), original(text, language))
    return said


@pytest.mark.parametrize("language", sorted(NEEDED))
def test_every_letter_of_the_names_is_offered_in_both_cases(language):
    letters = NEEDED[language]
    offered = set(every_accented())
    assert set(letters) <= offered, set(letters) - offered
    capitals = set(every_accented(upper=True))
    assert {letter.upper() for letter in letters if letter not in "ıß"} <= capitals
    for letter in letters:  # each one is held on the letter it is written as
        assert any(letter in variants(base) for base in "acegilnostuwyz"), letter


def test_a_name_typed_with_press_and_hold(make_app, driver):
    app = make_app(start_screen="home")
    screen = open_contact(app, driver)
    field = screen.ids.name.ids.input
    touch(driver, field)
    assert on_screen_keyboard(app).layout_name == "letters"
    type_on_keyboard(driver, app, "Łukasz Müller")
    assert field.text == "Łukasz Müller"
    assert screen.ids.name.text == "Łukasz Müller"
    tap_key(driver, app, "shift")
    hold_key(driver, app, "S")
    assert field.text == "Łukasz Müller", "holding a letter types nothing until an accent is chosen"
    assert [k.text for k in on_screen_keyboard(app).variant_buttons()] == ["Ś", "Š", "Ș", "Ş", "ẞ"]
    tap_key(driver, app, "Ș")
    assert field.text.endswith("Ș") and not on_screen_keyboard(app).shift, "Shift is for one letter"
    assert not on_screen_keyboard(app).variant_buttons(), "the accents go once one is chosen"


def test_the_accents_key_shows_every_accented_letter(make_app, driver):
    app = make_app(start_screen="home")
    touch(driver, open_contact(app, driver).ids.town.ids.input)
    tap_key(driver, app, "à é ŵ")
    keyboard = on_screen_keyboard(app)
    shown = [k.text for k in keyboard.key_buttons() if k.key.kind == "char"]
    assert shown == every_accented()
    tap_key(driver, app, "shift")
    assert [k.text for k in keyboard.key_buttons() if k.key.kind == "char"] == every_accented(upper=True)
    tap_key(driver, app, "Ŵ")
    tap_key(driver, app, "ABC")
    tap_key(driver, app, "y")
    assert app.screen.ids.town.ids.input.text == "Ŵy"


def test_the_email_layout_has_the_at_sign_and_the_endings(make_app, driver):
    app = make_app(start_screen="home")
    field = open_contact(app, driver).ids.email.ids.input
    touch(driver, field)
    keyboard = on_screen_keyboard(app)
    assert keyboard.layout_name == "email"
    assert not [k for k in keyboard.key_buttons() if k.key.kind == "space"], "an email address has no spaces"
    type_on_keyboard(driver, app, "sam")
    tap_key(driver, app, "@")
    type_on_keyboard(driver, app, "example")
    tap_key(driver, app, ".co.uk")
    assert field.text == "sam@example.co.uk"


def test_the_phone_layout_has_digits_plus_and_space(make_app, driver):
    app = make_app(start_screen="home")
    field = open_contact(app, driver).ids.phone.ids.input
    touch(driver, field)
    keyboard = on_screen_keyboard(app)
    assert keyboard.layout_name == "phone"
    assert not [k for k in keyboard.key_buttons() if k.key.kind == "char" and k.text.isalpha()]
    for label in "+44":
        tap_key(driver, app, label)
    tap_key(driver, app, "space")
    for label in "7700":
        tap_key(driver, app, label)
    tap_key(driver, app, "delete")
    assert field.text == "+44 770"


def test_done_closes_the_keyboard_and_the_page_gets_its_room_back(make_app, driver):
    app = make_app(start_screen="home")
    screen = open_contact(app, driver)
    page_height = screen.ids.page.height
    touch(driver, screen.ids.name.ids.input)
    driver.pump(2)
    assert screen.ids.page.height < page_height - on_screen_keyboard(app).height + 1
    tap_key(driver, app, "enter")
    driver.pump(2)
    assert not screen.ids.name.ids.input.focus and on_screen_keyboard(app).height == 0
    assert screen.ids.page.height == page_height


def test_keys_are_read_aloud_in_the_persons_language(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_language("cy")
    touch(driver, open_contact(app, driver).ids.name.ids.input)
    said = said_words(app)
    for label in ("a", ".", "space", "delete", "123"):
        tap_key(driver, app, label)
    assert said == ["a", "atalnod llawn", "Bwlch", "Dileu", "Rhifau a symbolau"], "a mark is said by its name"
    assert {k.text for k in on_screen_keyboard(app).key_buttons()} >= {"Bwlch", "Dileu", "Wedi gorffen", "ABC"}


def test_a_pin_typed_on_the_keyboard_is_never_spoken(make_app, driver):
    app = make_app(start_screen="home")
    app.nav.begin()
    app.nav.go("jobs")
    pin = KTextInput(password=True, input_type="number")
    app.screen.ids.column.add_widget(pin)
    driver.pump(2)
    said = said_words(app)
    touch(driver, pin)
    assert on_screen_keyboard(app).layout_name == "pin"
    for digit in "5937":
        tap_key(driver, app, digit)
    tap_key(driver, app, "delete")
    assert pin.text == "593"
    assert said[:4] == [app.t["keyboard.say.masked"]] * 4
    assert not any(char.isdigit() for words in said for char in words), said


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["text100", "text200"])
def test_the_field_its_question_and_the_page_end_stay_above_the_keyboard(make_app, driver, size, scale):
    app = make_app(size=size, start_screen="home")
    app.access.set_text_scale(scale)
    screen = open_contact(app, driver)
    page = screen.ids.page.ids.scroller
    for name in ("name", "town"):  # the first field, and the last, furthest down the page
        field = screen.ids[name].ids.input
        touch(driver, field)
        driver.pump(3)
        keyboard_top = window_box(on_screen_keyboard(app))[3]
        _, page_bottom, _, page_top = window_box(page)
        assert page_bottom >= keyboard_top - 1
        _, bottom, _, top = window_box(field)
        assert page_bottom - 1 <= bottom and top <= page_top + 1, name
        _, screen_bottom, _, _ = window_box(app.shell.ids.sm)
        assert screen_bottom == pytest.approx(keyboard_top, abs=1), "the page ends just above the keys"
        if scale == 1.0:  # the question too, when the page has room for it
            _, label_bottom, _, label_top = window_box(screen.ids[name].children[-1])
            assert page_bottom - 1 <= label_bottom and label_top <= page_top + 1, name


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["text100", "text200"])
def test_every_key_of_every_layout_is_at_least_15_mm(make_app, driver, size, scale):
    app = make_app(size=size, start_screen="home")
    app.access.set_text_scale(scale)
    touch(driver, open_contact(app, driver).ids.name.ids.input)
    keyboard = on_screen_keyboard(app)
    minimum = MIN_TARGET_MM * app.look.px_per_mm - 0.5
    for layout in ("letters", "numbers", "accents", "email", "phone", "pin"):
        keyboard.layout_name = layout
        driver.pump(2)
        for key in keyboard.key_buttons():
            assert key.width >= minimum and key.height >= minimum, (layout, key.text)
            left, bottom, right, _top = window_box(key)
            assert left >= 0 and right <= size[0] and window_box(keyboard)[1] <= bottom, (layout, key.text)
            assert key.texture_size[0] <= key.width and key.texture_size[1] <= key.height, (layout, key.text)


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_key_text_is_at_least_7_to_1_against_its_key(palette):
    for name, (text, background) in PALETTES[palette].key_pairs().items():
        assert contrast_ratio(text, background) >= 7, (palette, name)


def test_high_contrast_keys_are_drawn_in_the_high_contrast_colours(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_high_contrast(True)
    touch(driver, open_contact(app, driver).ids.name.ids.input)
    key = key_button(app, "q")
    palette = PALETTES["high_contrast"]
    as_hex = "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in key.color[:3]))
    assert as_hex == palette.key_text


def test_an_overlay_puts_the_keyboard_away(make_app, driver):
    app = make_app(start_screen="home")
    field = open_contact(app, driver).ids.name.ids.input
    touch(driver, field)
    assert on_screen_keyboard(app).height > 0
    driver.tap(app.shell.ids.accessibility)
    driver.pump(2)
    assert not field.focus and on_screen_keyboard(app).height == 0


def test_going_back_to_a_layout_reuses_its_keys_and_they_still_type(make_app, driver):
    app = make_app(start_screen="home")
    contact = open_contact(app, driver)
    name, phone = contact.ids.name.ids.input, contact.ids.phone.ids.input
    touch(driver, name)
    keyboard = on_screen_keyboard(app)
    letters = set(map(id, keyboard.key_buttons()))
    touch(driver, phone)
    assert keyboard.layout_name == "phone" and not letters & set(map(id, keyboard.key_buttons()))
    touch(driver, name)
    assert keyboard.layout_name == "letters"
    assert set(map(id, keyboard.key_buttons())) == letters, "the letter keys made the first time"
    assert all(key in keyboard.children for key in keyboard.key_buttons())
    type_on_keyboard(driver, app, "sam")
    touch(driver, phone)
    tap_key(driver, app, "0")
    assert name.text.lower() == "sam" and phone.text == "0"

"""Every word on screen comes from the catalogues, and English and Welsh are both complete."""

import re
import string
from pathlib import Path

import pytest

from kiosk.i18n import LANGUAGES, load_catalogues, read_catalogue

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "screens"


def messages(language):
    return {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in read_catalogue(language) if m.id}


def placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def used_keys():
    """Keys the screens ask for: app.t["key"], app.t.plural("key", ...), heading_key: "key", ... ."""
    keys = set()
    for path in list(SCREENS.rglob("*.kv")) + list(SCREENS.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'\.t\[\s*"([a-z_.0-9]+)"\s*\]', text))
        keys |= set(re.findall(r'\.t\.(?:plural|text)\(\s*"([a-z_.0-9]+)"', text))
        keys |= set(re.findall(r'_key["\']?\s*[:=]\s*"([a-z_]+\.[a-z_.0-9]+)"', text))
        keys |= set(re.findall(r'"(?:heading|body)_key":\s*"([a-z_.0-9]+)"', text))
    return keys


def test_both_languages_have_exactly_the_same_keys_all_translated():
    english, welsh = messages("en"), messages("cy")
    assert set(english) == set(welsh), set(english) ^ set(welsh)
    for key, message in {**english, **welsh}.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"{key} is empty"


def test_placeholders_match_between_languages():
    english, welsh = messages("en"), messages("cy")
    for key in english:
        forms = lambda m: m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set().union(*(placeholders(s) for s in forms(english[key])))
        for text in forms(welsh[key]):
            assert placeholders(text) == wanted, key


def test_welsh_plural_forms_cover_every_number():
    welsh = load_catalogues()["cy"]
    for count in (0, 1, 2, 3, 4, 6, 11, 30, 100):
        assert str(count) in welsh.plural("idle.seconds_left", count)


def test_every_key_the_screens_use_exists():
    keys = used_keys()
    assert len(keys) > 30, "the pattern finds the keys (or this test proves nothing)"
    missing = keys - set(messages("en"))
    assert not missing


def test_every_message_key_the_windowless_code_gives_exists():
    # Failures, checks and answers outside screens/ all name their catalogue key ``message_key``, so one pattern
    # finds them: a key mistyped in sync/ or device/ would otherwise show only when that failure happens.
    keys = set()
    for folder in ("kiosk", "sync", "device"):
        for path in (ROOT / folder).rglob("*.py"):
            keys |= set(re.findall(r'message_key\s*[:=]\s*"([a-z_]+\.[a-z_.0-9]+)"', path.read_text(encoding="utf-8")))
    assert len(keys) > 15, "the pattern finds the keys (or this test proves nothing)"
    missing = keys - set(messages("en"))
    assert not missing, missing


@pytest.mark.parametrize("path", sorted(SCREENS.rglob("*.kv")), ids=lambda p: str(p.relative_to(SCREENS)))
def test_no_text_is_written_into_the_layout(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = re.match(r'\s*text:\s*(["\'])(.+)\1\s*$', line)
        # A key of a number keypad ("7") reads the same in every language.
        if match and match.group(2).isdigit() and len(match.group(2)) == 1:
            continue
        assert not match, f"{path.name}:{number} shows text that is not in a catalogue: {line.strip()}"


def test_a_missing_welsh_message_falls_back_to_english_and_is_logged(caplog):
    welsh = load_catalogues()["cy"]
    welsh.keys = welsh.keys - {"shell.back"}
    assert welsh["shell.back"] == "Back"
    assert "message shell.back missing in cy" in caplog.text


def test_the_language_switch_names_each_language_in_itself():
    assert LANGUAGES == {"en": "English", "cy": "Cymraeg"}

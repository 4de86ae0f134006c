"""The README is the contract: it documents every setting and both commands."""

from pathlib import Path

from kiosk.cli.main import settings_table
from kiosk.config import SETTINGS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_settings_table_exactly_as_declared():
    assert settings_table(markdown=True) in README, "regenerate it with: kiosk settings --markdown"


def test_readme_names_every_setting():
    missing = [s.key for s in SETTINGS if f"`{s.key}`" not in README]
    assert not missing


def test_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README and "ARGS=--kiosk" in README

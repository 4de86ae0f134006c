"""Settings: declared once, checked with messages that name the setting."""

import logging
import os
import subprocess
import sys

import pytest

from kiosk.config import CONFIG_ENV, SETTINGS, ConfigError, defaults, load_config


def write(tmp_path, text):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_overrides_only_what_it_names(tmp_path):
    values = load_config(write(tmp_path, '[idle]\nseconds = 120\n[ui]\ndefault_language = "cy"\n'))
    assert values["idle.seconds"] == 120 and values["ui.default_language"] == "cy"
    assert values["idle.warning_seconds"] == defaults()["idle.warning_seconds"]


@pytest.mark.parametrize("text, message", [
    ("[idle]\nseconds = \"ninety\"\n", "idle.seconds must be a whole number of seconds from 10 to 3600, not 'ninety'"),
    ("[idle]\nseconds = 5\n", "idle.seconds must be a whole number of seconds from 10 to 3600, not 5"),
    ("[idle]\nwarning_seconds = true\n", "idle.warning_seconds must be a whole number"),
    ("[ui]\ndefault_language = \"fr\"\n", "ui.default_language must be one of 'en', 'cy', not 'fr'"),
    ("[central]\nurl = \"ftp://x\"\n", "central.url must be a web address starting http:// or https://"),
    ("[display]\ndiagonal_inches = 0\n", "display.diagonal_inches must be a number of inches from 7 to 100"),
    ("[idle]\nsecond = 90\n", "there is no setting called idle.second. Did you mean idle.seconds?"),
    ("idle = 90\n", "\"idle\" must be a [section] heading"),
    ("[idle\nseconds = 90\n", "is not valid TOML"),
])
def test_a_bad_value_gets_a_message_naming_the_setting(tmp_path, text, message):
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text))
    assert message in str(error.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_every_setting_has_a_description_and_a_valid_default():
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    for setting in SETTINGS:
        assert setting.description.endswith(".") and len(setting.description) > 20, setting.key
        setting.parse(setting.key, setting.default)


def test_kiosk_run_with_a_bad_config_exits_with_the_message_and_no_window(tmp_path):
    path = write(tmp_path, "[idle]\nseconds = -1\n")
    result = subprocess.run([sys.executable, "-m", "kiosk", "run", "--config", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "idle.seconds must be a whole number of seconds from 10 to 3600, not -1" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_config_says_a_good_file_is_good(tmp_path):
    path = write(tmp_path, "[kiosk]\nid = \"leeds-3\"\n")
    result = subprocess.run([sys.executable, "-m", "kiosk", "check-config", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "all settings are good" in result.stdout


def test_kiosk_run_with_a_config_file_hands_that_file_to_the_processes_it_starts(tmp_path, monkeypatch):
    # The vacancy sync runs as `kiosk sync` in a child (sync/vacancy_process.py), which reads $JOBPOINT_CONFIG:
    # without this it would read /etc/jobpoint/kiosk.toml, not the file this kiosk was started with.
    import kiosk.cli.main as cli
    path = write(tmp_path, "[log]\nlevel = \"DEBUG\"\n")
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    seen = {}

    def run_window(_command):  # the window itself is tested under Xvfb (tests/e2e); here only what it inherits
        return lambda settings, **_kwargs: seen.update(env=os.environ.get(CONFIG_ENV), level=settings["log.level"])

    monkeypatch.setattr(cli, "_ui_command", run_window)
    monkeypatch.chdir(tmp_path)
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        cli.main(["run", "--config", path.name])
    finally:  # main() sets up logging for the process: give the other tests theirs back
        root.handlers[:] = handlers
        root.setLevel(level)
    assert seen == {"env": str(path), "level": "DEBUG"}
    assert load_config(None)["log.level"] == "DEBUG", "a child reading the default finds this kiosk's file"

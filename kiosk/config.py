"""Kiosk settings: each declared once, read from a TOML file, checked with plain messages.

    >>> from kiosk.config import load_config
    >>> config = load_config(None)          # the defaults
    >>> config["idle.seconds"]
    90

A file uses TOML sections for the part before the dot::

    [idle]
    seconds = 120

Every setting is declared in ``SETTINGS`` below with its type, default and a one-line description; the
README's settings table is checked against it by a test, so the two cannot drift apart.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

#: The config file read when ``--config`` is not given, if it exists.
DEFAULT_CONFIG_PATH = Path("/etc/jobpoint/kiosk.toml")
#: Environment variable naming a config file (overridden by ``--config``).
CONFIG_ENV = "JOBPOINT_CONFIG"


class ConfigError(ValueError):
    """A config file or value that cannot be used; the message names the setting and says what is wanted."""


@dataclass(frozen=True)
class Setting:
    """One setting: its dotted key, how to read a value, its default and what it is for."""

    key: str
    parse: Callable[[str, Any], Any]
    default: Any
    description: str


def _whole_number(low: int, high: int, unit: str = "") -> Callable[[str, Any], int]:
    def parse(key: str, value: Any) -> int:
        # TOML gives bool for true/false, and bool is an int in Python: refuse it explicitly.
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(f"{key} must be a whole number{unit} from {low} to {high}, not {value!r}.")
        return value

    return parse


def _number(low: float, high: float, unit: str = "") -> Callable[[str, Any], float]:
    def parse(key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise ConfigError(f"{key} must be a number{unit} from {low:g} to {high:g}, not {value!r}.")
        return float(value)

    return parse


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key} must be some text in quotes, not {value!r}.")
    return value.strip()


def _place(key: str, value: Any) -> str:
    if not isinstance(value, str) or len(value.strip()) > 60:
        raise ConfigError(f"{key} must be a town or postcode in quotes, like \"Leeds\" or \"LS1 4AP\" (or \"\" for "
                          f"none), not {value!r}.")
    return value.strip()


def _one_of(*choices: str) -> Callable[[str, Any], str]:
    def parse(key: str, value: Any) -> str:
        if value not in choices:
            raise ConfigError(f"{key} must be one of {', '.join(repr(c) for c in choices)}, not {value!r}.")
        return value

    return parse


def _pixels_or_auto(key: str, value: Any) -> int | str:
    if value == "auto":
        return value
    return _whole_number(200, 16384, " of pixels (or \"auto\")")(key, value)


def _folder(key: str, value: Any) -> Path:
    return Path(os.path.expanduser(_text(key, value)))


def _file(key: str, value: Any) -> Path:
    return Path(os.path.expanduser(_text(key, value)))


def _hex_aid(key: str, value: Any) -> str:
    text = _text(key, value).replace(" ", "").upper()
    try:
        length = len(bytes.fromhex(text))
    except ValueError:
        length = 0
    if not 5 <= length <= 16:
        raise ConfigError(f"{key} must be an application identifier of 5 to 16 bytes in hex, "
                          f"like \"F04A4F42504F494E5401\", not {value!r}.")
    return text


def _web_address(key: str, value: Any) -> str:
    text = _text(key, value)
    parts = urlparse(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{key} must be a web address starting http:// or https://, not {value!r}.")
    return text.rstrip("/")


def _queue_name(key: str, value: Any) -> str:
    # CUPS queue names: printable, no spaces, "/", "#", "\" or quotes; a leading "-" would read as an option.
    if not isinstance(value, str) or not re.fullmatch(r"(?:[^\s/#\\'\"-][^\s/#\\'\"]{0,126})?", value.strip()):
        raise ConfigError(f"{key} must be the name of a CUPS print queue, like \"kiosk-printer\" (no spaces), or \"\" "
                          f"for the default printer, not {value!r}.")
    return value.strip()


def _optional_folder(key: str, value: Any) -> Path | str:
    if value == "":
        return ""
    return _folder(key, value)


def _optional_file(key: str, value: Any) -> Path | str:
    if value == "":
        return ""
    return _file(key, value)


def _audio_or_folder(key: str, value: Any) -> Path | str:
    if value == "audio":
        return value
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key} must be \"audio\" or a folder for WAV files (tests only), not {value!r}.")
    return _folder(key, value)


def _yes_no(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false (no quotes), not {value!r}.")
    return value


def _time_window(key: str, value: Any) -> str:
    # Local 24-hour times; a window that ends before it starts runs past midnight ("22:00-01:00").
    match = re.fullmatch(r"\s*([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)\s*", value) \
        if isinstance(value, str) else None
    if not match or match.group(1, 2) == match.group(3, 4):
        raise ConfigError(f"{key} must be two different 24-hour times like \"02:00-05:00\", not {value!r}.")
    return "{}:{}-{}:{}".format(*match.groups())


SETTINGS: tuple[Setting, ...] = (
    Setting("kiosk.id", _text, "demo-kiosk-1", "This kiosk's name, unique in the fleet; shown to staff."),
    Setting("kiosk.office_id", _text, "demo-office", "The Jobcentre office this kiosk belongs to."),
    Setting("kiosk.place", _place, "",
            "The office's town or postcode: \"Explore careers\" counts the vacancies near it (\"\": everywhere the "
            "vacancy cache covers)."),
    Setting("kiosk.data_dir", _folder, "~/.local/share/jobpoint",
            "Folder for the vacancy cache and other non-personal data."),
    Setting("display.diagonal_inches", _number(7, 100, " of inches"), 21.5,
            "The screen's physical diagonal; all sizes are worked out in millimetres from it."),
    Setting("display.width", _pixels_or_auto, 1920,
            "Window width in pixels without --kiosk (\"auto\": the whole screen); --kiosk always fills the screen."),
    Setting("display.height", _pixels_or_auto, 1080,
            "Window height in pixels without --kiosk (\"auto\": the whole screen); --kiosk always fills the screen."),
    Setting("display.reach_height_mm", _whole_number(150, 2000, " of millimetres"), 320,
            "With \"Move everything lower\" on, touch targets stay within this height above the screen's bottom edge."),
    Setting("display.logo", _optional_file, "",
            "A PNG of the organisation's logo for the header, beside its name (\"\": none); at most 1 MB and "
            "2000 by 2000 pixels."),
    Setting("display.warm_up", _yes_no, True,
            "Make every customer screen and the printouts' code while the attract screen waits for someone, and tidy "
            "memory there after each visit, so a touch is answered as fast on a first visit as on a later one "
            "(about 90 MiB more memory)."),
    Setting("idle.seconds", _whole_number(10, 3600, " of seconds"), 90,
            "Seconds without a touch before \"Are you still there?\" appears."),
    Setting("idle.long_reading_seconds", _whole_number(10, 3600, " of seconds"), 180,
            "The same, on screens with a lot to read."),
    Setting("idle.warning_seconds", _whole_number(20, 600, " of seconds"), 30,
            "How long \"Are you still there?\" counts down before the screen is cleared."),
    Setting("idle.accessibility_factor", _number(1, 10), 3.0,
            "Idle times are multiplied by this when any accessibility option is on."),
    Setting("ui.default_language", _one_of("en", "cy"), "en",
            "The language each new person starts in: \"en\" (English) or \"cy\" (Cymraeg)."),
    Setting("ui.nation", _one_of("ENGLAND", "WALES", "SCOTLAND"), "ENGLAND",
            "The nation the kiosk is in: the benefits checker offers it first (\"ENGLAND\", \"WALES\" or "
            "\"SCOTLAND\")."),
    Setting("help.front_desk_seconds", _whole_number(30, 1800, " of seconds"), 180,
            "After \"Ask a member of staff for help\", how long the kiosk waits for staff to answer before it asks "
            "the person to go to the front desk."),
    Setting("ui.recover_seconds", _whole_number(3, 600, " of seconds"), 15,
            "How long the out-of-service screen shows after an error before the kiosk starts afresh."),
    Setting("lha.shared_monthly", _number(0, 10_000, " of pounds a month"), 0.0,
            "The office's Local Housing Allowance for a room in a shared home (0: not set); caps private rent."),
    Setting("lha.one_bedroom_monthly", _number(0, 10_000, " of pounds a month"), 0.0,
            "The office's Local Housing Allowance for a home with 1 bedroom (0: not set)."),
    Setting("lha.two_bedrooms_monthly", _number(0, 10_000, " of pounds a month"), 0.0,
            "The office's Local Housing Allowance for a home with 2 bedrooms (0: not set)."),
    Setting("lha.three_bedrooms_monthly", _number(0, 10_000, " of pounds a month"), 0.0,
            "The office's Local Housing Allowance for a home with 3 bedrooms (0: not set)."),
    Setting("lha.four_bedrooms_monthly", _number(0, 10_000, " of pounds a month"), 0.0,
            "The office's Local Housing Allowance for a home with 4 bedrooms (0: not set)."),
    Setting("central.url", _web_address, "http://127.0.0.1:8470",
            "Web address of the central service this kiosk syncs with."),
    Setting("central.credential_file", _file, "~/.config/jobpoint/credential.json",
            "Where `kiosk enrol` keeps this kiosk's credential for the central service (mode 0600)."),
    Setting("sync.vacancies_minutes", _whole_number(1, 1440, " of minutes"), 15,
            "Minutes between vacancy, office config and rates syncs (failures are retried sooner, backing off)."),
    Setting("sync.heartbeat_seconds", _whole_number(60, 120, " of seconds"), 90,
            "Seconds between heartbeats to the central service until it asks for another interval."),
    Setting("sync.timeout_seconds", _whole_number(2, 300, " of seconds"), 20,
            "How long to wait for the central service to answer before trying again later."),
    Setting("update.enabled", _yes_no, False,
            "Install new app versions from the central service (true on kiosk PCs; false on laptops and demos)."),
    Setting("update.root", _folder, "/opt/jobpoint",
            "Folder holding the installed app versions (versions/, current, previous); see docs/updates.md."),
    Setting("update.window", _time_window, "02:00-05:00",
            "Local time window in which the kiosk downloads and switches to a new version, between sessions only."),
    Setting("devices.simulated_fallback", _one_of("warn", "error"), "warn",
            "When a device's real provider cannot run: \"warn\" uses the simulated one and logs a warning; "
            "\"error\" (for production) stops the kiosk instead."),
    Setting("card.aid", _hex_aid, "F04A4F42504F494E5401",
            "The staff-card application's identifier (AID, hex), selected to recognise a staff card."),
    Setting("card.trusted_key_file", _file, "/etc/jobpoint/staff-card-issuer.pub",
            "PEM file of the card issuer public key(s) a staff card's certificate must be signed by."),
    Setting("card.reader", _text, "auto",
            "Which smart-card reader to use: \"auto\" (the first one) or part of the reader's name."),
    Setting("printer.queue", _queue_name, "",
            "The CUPS print queue to print to (\"\": the default printer set in CUPS)."),
    Setting("printer.folder", _optional_folder, "",
            "Where the PDF-file printer (laptops, tests) writes each job (\"\": \"printed\" in kiosk.data_dir)."),
    Setting("speech.output", _audio_or_folder, "audio",
            "Where read-aloud goes: \"audio\" (the speakers) or a folder for WAV files "
            "(tests only: keeps what is said)."),
    Setting("speech.volume", _whole_number(0, 100, " of percent"), 50,
            "Read-aloud volume each new person starts with, in percent (50: espeak-ng's normal loudness)."),
    Setting("speech.rate", _whole_number(80, 300, " of words a minute"), 150,
            "How fast read-aloud speaks, in words a minute (espeak-ng's own default is 175)."),
    Setting("log.level", _one_of("DEBUG", "INFO", "WARNING", "ERROR"), "INFO",
            "How much the kiosk logs to standard error (journald)."),
)

SETTINGS_BY_KEY: dict[str, Setting] = {setting.key: setting for setting in SETTINGS}


def defaults() -> dict[str, Any]:
    """Every setting at its default value, keyed by dotted key."""
    return {s.key: s.parse(s.key, s.default) for s in SETTINGS}


def parse_values(raw: dict[str, Any], source: str = "the config") -> dict[str, Any]:
    """Check a nested TOML mapping and return it merged over the defaults.

    :param raw: what ``tomllib`` read, e.g. ``{"idle": {"seconds": 120}}``.
    :param source: where it came from, for messages.
    :raises ConfigError: on an unknown setting or a value of the wrong kind, naming the setting.
    """
    values = defaults()
    for section, table in raw.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: \"{section}\" must be a [section] heading, not a single value.")
        for name, value in table.items():
            key = f"{section}.{name}"
            setting = SETTINGS_BY_KEY.get(key)
            if setting is None:
                guess = difflib.get_close_matches(key, SETTINGS_BY_KEY, n=1)
                hint = f" Did you mean {guess[0]}?" if guess else ""
                raise ConfigError(f"{source}: there is no setting called {key}.{hint}")
            try:
                values[key] = setting.parse(key, value)
            except ConfigError as error:
                raise ConfigError(f"{source}: {error}") from None
    return values


def load_config(path: str | os.PathLike | None) -> dict[str, Any]:
    """Read settings from a TOML file, or the defaults when there is no file.

    :param path: the file; ``None`` means ``$JOBPOINT_CONFIG``, then /etc/jobpoint/kiosk.toml if it exists.
    :raises ConfigError: if the file is missing, is not valid TOML, or holds a bad setting.
    """
    if path is None:
        path = os.environ.get(CONFIG_ENV) or (DEFAULT_CONFIG_PATH if DEFAULT_CONFIG_PATH.exists() else None)
    if path is None:
        return defaults()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"The config file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"The config file {path} cannot be read: {error}.") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}.") from None
    return parse_values(raw, source=str(path))

"""The central service's settings: each declared once, read from a TOML file, overridden by environment variables.

    >>> settings = load_settings(None, environ={"JOBPOINT_CENTRAL_NEXT_BEAT_S": "120"})
    >>> settings.next_beat_s, settings.tombstone_days
    (120, 30)

A config file holds the settings as top-level keys::

    database_url = "postgresql+psycopg://jobpoint@db.internal/jobpoint"
    public_url = "https://jobs-kiosk.example.gov.uk"
    session_secret = "long random text"

Each setting can also come from ``JOBPOINT_CENTRAL_<NAME>`` (upper case), which wins over the file, so a
container or a systemd unit can pass secrets without writing them into the file. ``kiosk-central settings``
lists them all; docs/central-service.md has the same table, kept equal by a test.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kiosk.assets import ASSETS

#: The config file read when ``--config`` is not given, if it exists.
DEFAULT_CONFIG_PATH = Path("/etc/jobpoint/central.toml")
#: Environment variable naming a config file (``--config`` wins over it).
CONFIG_ENV = "JOBPOINT_CENTRAL_CONFIG"
#: Prefix of the environment variables that override single settings.
ENV_PREFIX = "JOBPOINT_CENTRAL_"
DEFAULT_DATABASE = Path("~/.local/share/jobpoint-central/central.db")


class SettingsError(ValueError):
    """A config file or value that cannot be used; the message names the setting and says what is wanted."""


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{key} must be some text in quotes, not {value!r}.")
    return value.strip()


def _whole(low: int, high: int, unit: str) -> Callable[[str, Any], int]:
    def parse(key: str, value: Any) -> int:
        if isinstance(value, str) and value.strip().isdigit():  # environment variables are always text
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SettingsError(f"{key} must be a whole number of {unit} from {low} to {high}, not {value!r}.")
        return value

    return parse


def _database_url(key: str, value: Any) -> str:
    text = _text(key, value)
    if not text.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
        raise SettingsError(f"{key} must start sqlite:/// or postgresql+psycopg://, not {value!r}.")
    if text.startswith("postgresql://"):
        # SQLAlchemy's bare postgresql:// means psycopg2, which we do not install; psycopg 3 is the driver.
        text = "postgresql+psycopg://" + text.removeprefix("postgresql://")
    if text.startswith("sqlite:///~"):
        text = "sqlite:///" + os.path.expanduser(text.removeprefix("sqlite:///"))
    return text


def _web_address(key: str, value: Any) -> str:
    text = _text(key, value)
    parts = urlparse(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(f"{key} must be a web address starting http:// or https://, not {value!r}.")
    return text.rstrip("/")


def _folder(key: str, value: Any) -> Path:
    return Path(os.path.expanduser(_text(key, value)))


def _yes_no(key: str, value: Any) -> bool:
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):  # environment variables are text
        value = value.strip().lower() == "true"
    if not isinstance(value, bool):
        raise SettingsError(f"{key} must be true or false, not {value!r}.")
    return value


def _secret(key: str, value: Any) -> str:
    if value == "":
        return ""
    text = _text(key, value)
    if len(text) < 32:
        raise SettingsError(f"{key} must be at least 32 characters of random text (or left empty).")
    return text


@dataclass(frozen=True)
class CentralSettings:
    """Every setting of the central service, checked (see ``SETTINGS`` for what each does)."""

    @property
    def snapshots_folder(self) -> Path:
        """Where vacancy snapshots are kept: ``snapshots_dir``, else beside a SQLite database, else the default."""
        if self.snapshots_dir is not None:
            return self.snapshots_dir
        if self.database_url.startswith("sqlite:///"):
            return Path(self.database_url.removeprefix("sqlite:///")).expanduser().parent / "snapshots"
        return DEFAULT_DATABASE.parent.expanduser() / "snapshots"

    database_url: str = f"sqlite:///{DEFAULT_DATABASE.expanduser()}"
    public_url: str = "http://127.0.0.1:8470"
    tombstone_days: int = 30
    next_beat_s: int = 90
    rates_dir: Path = ASSETS / "rules"
    snapshots_dir: Path | None = None
    snapshot_every_changes: int = 20_000
    session_secret: str = ""
    monitoring_token: str = ""
    session_hours: int = 8
    dashboard_cache_s: int = 15
    max_body_bytes: int = 2 * 1024 * 1024
    busy_in_flight: int = 24
    busy_retry_after_s: int = 30
    api_docs: bool = False


#: (name, parser, description); the defaults are those of ``CentralSettings``.
SETTINGS: tuple[tuple[str, Callable[[str, Any], Any], str], ...] = (
    ("database_url", _database_url,
     "Where the data lives: sqlite:///PATH (a file, WAL mode) or postgresql+psycopg://USER@HOST/DB."),
    ("public_url", _web_address,
     "The address phones and kiosks reach the service at; hand-off links start with it (use https)."),
    ("tombstone_days", _whole(1, 3650, "days"),
     "How long withdrawn vacancies stay in the feed; a kiosk whose cursor is older does a full resync."),
    ("next_beat_s", _whole(30, 3600, "seconds"),
     "Seconds between kiosk heartbeats; a kiosk is offline after 3 of them with no beat."),
    ("rates_dir", _folder, "Folder of benefit rates files (rates-*.toml) served at /v1/rates."),
    ("snapshots_dir", _folder,
     "Folder of vacancy snapshots for a kiosk's first sync (kiosk-central snapshot), served at "
     "/v1/vacancies/snapshot/files/ (or by nginx from this folder); default: snapshots/ beside a SQLite database, "
     "else ~/.local/share/jobpoint-central/snapshots."),
    ("snapshot_every_changes", _whole(1, 10_000_000, "changes"),
     "An ingest that changes at least this many vacancies builds a new snapshot."),
    ("session_secret", _secret,
     "At least 32 random characters that key the sign-in form's anti-forgery tokens; empty: a key the service "
     "makes once and keeps in its database."),
    ("monitoring_token", _secret,
     "At least 32 random characters: the bearer token the department's monitoring sends for /metrics "
     "(Prometheus) and /v1/fleet/alerts (JSON); empty: both are off."),
    ("session_hours", _whole(1, 24, "hours"), "How long a dashboard login lasts."),
    ("dashboard_cache_s", _whole(0, 300, "seconds"),
     "How long each worker keeps the fleet's state it worked out for the dashboard's pages (the page says when "
     "it was worked out); while the whole fleet's page is in use (an hour since the last), a thread works it out "
     "again before it expires. 0: every time (slow at thousands of kiosks)."),
    ("max_body_bytes", _whole(1_100_000, 1 << 30, "bytes"),
     "The largest request body accepted (413 above it, before it is read); at least a hand-off's 1 MiB."),
    ("busy_in_flight", _whole(0, 10_000, "requests"),
     "Requests one worker may have in hand before it answers a kiosk's background call (heartbeat, changes, "
     "config, rates, usage, update check) with 503 and Retry-After, so a fleet starting at once queues at the "
     "kiosks, not in the service; help requests, the dashboard and hand-offs are always let in. 0: never refuse."),
    ("busy_retry_after_s", _whole(1, 3600, "seconds"),
     "The least Retry-After a busy worker gives; each refusal gives a random one up to twice this, to spread the "
     "kiosks out."),
    ("api_docs", _yes_no,
     "true: interactive API docs at /docs and /redoc (their scripts come from the jsDelivr CDN: for a "
     "development machine); false: none (docs/openapi.json is the reference)."),
)


def _default(name: str) -> Any:
    return next(f.default for f in fields(CentralSettings) if f.name == name)


def settings_table(markdown: bool = False) -> str:
    """Every setting with its default, environment variable and description.

    :param markdown: True for the Markdown table in docs/central-service.md.
    """
    rows = ["| Setting | Environment variable | Default | What it does |", "| --- | --- | --- | --- |"]
    plain = []
    for name, _parse, description in SETTINGS:
        default = _default(name)
        shown = "(a file in ~/.local/share/jobpoint-central)" if name == "database_url" else \
            "assets/rules/" if name == "rates_dir" else \
            "(beside the database)" if name == "snapshots_dir" else \
            repr(default) if isinstance(default, str) else \
            str(default).lower() if isinstance(default, bool) else default  # as TOML writes it
        rows.append(f"| `{name}` | `{ENV_PREFIX}{name.upper()}` | `{shown}` | {description} |")
        plain.append(f"{name} = {shown}   (${ENV_PREFIX}{name.upper()})\n    {description}")
    return "\n".join(rows if markdown else plain)


def parse_settings(raw: dict[str, Any], source: str = "the config",
                   environ: dict[str, str] | None = None) -> CentralSettings:
    """Check values from a file, then apply environment overrides.

    :param raw: what ``tomllib`` read.
    :param source: where it came from, for messages.
    :param environ: the environment (default ``os.environ``).
    :raises SettingsError: naming the setting that is wrong.
    """
    environ = os.environ if environ is None else environ
    parsers = {name: parse for name, parse, _ in SETTINGS}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in parsers:
            guess = difflib.get_close_matches(key, parsers, n=1)
            hint = f" Did you mean {guess[0]}?" if guess else ""
            raise SettingsError(f"{source}: there is no setting called {key}.{hint}")
        try:
            values[key] = parsers[key](key, value)
        except SettingsError as error:
            raise SettingsError(f"{source}: {error}") from None
    for name, parse in parsers.items():
        variable = ENV_PREFIX + name.upper()
        if variable in environ:
            try:
                values[name] = parse(name, environ[variable])
            except SettingsError as error:
                raise SettingsError(f"${variable}: {error}") from None
    return replace(CentralSettings(), **values)


def load_settings(path: str | os.PathLike | None, environ: dict[str, str] | None = None) -> CentralSettings:
    """Read the settings from a TOML file (or none), with environment overrides.

    :param path: the file; ``None`` means ``$JOBPOINT_CENTRAL_CONFIG``, then /etc/jobpoint/central.toml if it
        exists, else the defaults.
    :param environ: the environment (default ``os.environ``).
    :raises SettingsError: if the file is missing, not TOML, or holds a bad setting.
    """
    environ = os.environ if environ is None else environ
    if path is None:
        path = environ.get(CONFIG_ENV) or (DEFAULT_CONFIG_PATH if DEFAULT_CONFIG_PATH.exists() else None)
    if path is None:
        return parse_settings({}, environ=environ)
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"The config file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"The config file {path} cannot be read: {error}.") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path} is not valid TOML: {error}.") from None
    return parse_settings(raw, source=str(path), environ=environ)

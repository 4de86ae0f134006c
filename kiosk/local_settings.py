"""Settings changed on the kiosk itself, in maintenance mode, kept across restarts in ``kiosk.data_dir``.

    settings = apply_local_settings(load_config(None))       # at start-up, after the config file
    save_local_setting(settings, "ui.default_language", "cy")  # maintenance mode

The config file (from deployment) says how a kiosk starts; a change made at the kiosk by IT staff overrides it
until the file is removed. Only the settings in ``CHANGEABLE`` can be changed this way, and each value is checked
exactly as the config file's are.
"""

from __future__ import annotations

import json
import logging
import os
import tomllib
from pathlib import Path
from typing import Any

from kiosk.config import SETTINGS_BY_KEY, ConfigError

log = logging.getLogger("jobpoint.config")

LOCAL_FILE = "local-settings.toml"
#: What maintenance mode may change.
CHANGEABLE = ("ui.default_language",)


def local_settings_path(settings: dict[str, Any]) -> Path:
    """Where this kiosk keeps the settings changed in maintenance mode.

    :param settings: the checked config.
    """
    return Path(settings["kiosk.data_dir"]) / LOCAL_FILE


def apply_local_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings with any maintenance-mode changes applied; a bad local file is logged and ignored.

    :param settings: the checked config.
    """
    path = local_settings_path(settings)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        log.warning("ignoring %s: %s", path, type(error).__name__)
        return settings
    merged = dict(settings)
    for section, table in raw.items():
        for name, value in (table.items() if isinstance(table, dict) else ()):
            key = f"{section}.{name}"
            if key not in CHANGEABLE:
                log.warning("ignoring %s in %s: it cannot be changed on the kiosk", key, path)
                continue
            try:
                merged[key] = SETTINGS_BY_KEY[key].parse(key, value)
            except ConfigError as error:
                log.warning("ignoring %s", error)
    return merged


def save_local_setting(settings: dict[str, Any], key: str, value: Any) -> None:
    """Change one setting now and for later starts.

    :param settings: the app's settings, changed in place.
    :param key: one of ``CHANGEABLE``.
    :param value: checked as the config file's value would be.
    :raises ConfigError: for a setting that cannot be changed here or a bad value.
    """
    if key not in CHANGEABLE:
        raise ConfigError(f"{key} cannot be changed on the kiosk.")
    settings[key] = SETTINGS_BY_KEY[key].parse(key, value)
    path = local_settings_path(settings)
    current = {}
    try:
        current = {f"{s}.{n}": v for s, t in tomllib.loads(path.read_text(encoding="utf-8")).items()
                   if isinstance(t, dict) for n, v in t.items() if f"{s}.{n}" in CHANGEABLE}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        pass
    current[key] = settings[key]
    lines = ["# Changed on this kiosk in maintenance mode. Delete this file to go back to the config file."]
    for section in sorted({k.split(".")[0] for k in current}):
        lines.append(f"[{section}]")
        # JSON string escapes are valid TOML basic-string escapes.
        lines += [f"{k.split('.', 1)[1]} = {json.dumps(v)}" for k, v in sorted(current.items())
                  if k.split(".")[0] == section]
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp")
    scratch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(scratch, path)
    log.info("maintenance: %s changed", key)

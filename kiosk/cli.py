"""The ``kiosk`` command.

    kiosk run [--kiosk] [--config FILE]     start the kiosk (in a window, or locked fullscreen)
    kiosk tour --out DIR [--config FILE]    render every screen to PNG, in English and Welsh
    kiosk settings [--markdown]             list every setting with its default and meaning
    kiosk check-config FILE                 check a config file and say what is wrong with it

The windowed commands live in ``screens/``, which nothing in the core imports: they are found through the
``jobpoint.ui`` entry points declared in pyproject.toml.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import entry_points

from kiosk import __version__
from kiosk.config import SETTINGS, ConfigError, load_config
from kiosk.logs import setup_logging


def _ui_command(name: str):
    for entry in entry_points(group="jobpoint.ui"):
        if entry.name == name:
            return entry.load()
    raise SystemExit(f"kiosk: the '{name}' command is not installed (pip install -e . adds it).")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Jobpoint: the Jobcentre self-service kiosk.")
    parser.add_argument("--version", action="version", version=f"jobpoint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="start the kiosk")
    run.add_argument("--kiosk", action="store_true",
                     help="locked fullscreen kiosk mode: no way out by keyboard or window manager")
    run.add_argument("--config", metavar="FILE", help="TOML config file (default: $JOBPOINT_CONFIG, then "
                                                      "/etc/jobpoint/kiosk.toml if it exists)")

    tour = commands.add_parser("tour", help="render every screen to PNG files, without anyone touching it")
    tour.add_argument("--out", metavar="DIR", required=True, help="folder for the PNG files")
    tour.add_argument("--config", metavar="FILE", help="TOML config file")

    settings = commands.add_parser("settings", help="list every setting")
    settings.add_argument("--markdown", action="store_true", help="as the Markdown table in README.md")

    check = commands.add_parser("check-config", help="check a config file")
    check.add_argument("file", metavar="FILE")
    return parser


def settings_table(markdown: bool = False) -> str:
    """Every setting with its default and description, as plain text or as the README's Markdown table.

    :param markdown: True for the Markdown table.
    """
    if markdown:
        rows = ["| Setting | Default | What it does |", "| --- | --- | --- |"]
        rows += [f"| `{s.key}` | `{_toml_value(s.default)}` | {s.description} |" for s in SETTINGS]
    else:
        rows = [f"{s.key} = {_toml_value(s.default)}\n    {s.description}" for s in SETTINGS]
    return "\n".join(rows)


def _toml_value(value) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def main(argv: list[str] | None = None) -> int:
    """Run the ``kiosk`` command.

    :param argv: the arguments (default: the command line).
    :returns: the exit status: 0 done, 2 bad config or arguments.
    """
    args = build_parser().parse_args(argv)
    if args.command == "settings":
        print(settings_table(args.markdown))
        return 0
    try:
        settings = load_config(args.file if args.command == "check-config" else args.config)
    except ConfigError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    if args.command == "check-config":
        print(f"{args.file}: all settings are good.")
        return 0
    setup_logging(settings["log.level"])
    if args.command == "run":
        return _ui_command("run")(settings, kiosk=args.kiosk)
    return _ui_command("tour")(settings, out=args.out)

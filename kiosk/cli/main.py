"""The ``kiosk`` command.

    kiosk run [--kiosk] [--config FILE]     start the kiosk (in a window, or locked fullscreen)
    kiosk tour --out DIR [--only PREFIX,...] [--set representative] [--orientation landscape|portrait] [--jobs N]
               [--variants NAME,...|none] [--no-pictures] [--strict]
                                            render every screen to PNG, in English and Welsh, and check its layout
    kiosk settings [--markdown]             list every setting with its default and meaning
    kiosk check-config FILE                 check a config file and say what is wrong with it
    kiosk demo-data --vacancies N [--seed S]  fill the vacancy cache with realistic demo vacancies
    kiosk search TEXT [--near PLACE] ...    search the vacancy cache from the command line
    kiosk cv-pdf --cv FILE.json --out FILE.pdf [--layout NAME] [--text FILE.txt] [--large-print]  a CV's PDF
    kiosk devices [--config FILE]           each device's provider and health
    kiosk enrol TOKEN [--name NAME]         join the fleet with a one-time token from IT staff
    kiosk sync --once [--full]              sync with the central service once, with a progress line
    kiosk update apply [--config FILE]      as root before a start: switch to the version the app asked for

The windowed commands live in ``screens/``, which nothing in the core imports: they are found through the
``jobpoint.ui`` entry points declared in pyproject.toml.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
from importlib.metadata import PackageNotFoundError, distribution

from kiosk import __version__
from kiosk.config import CONFIG_ENV, SETTINGS, ConfigError, load_config
from kiosk.jobs.facets import POSTED_WITHIN
from kiosk.jobs.query import RADII, SORTS
from kiosk.logs import setup_logging
from kiosk.jobs.vacancies import CONTRACTS, HOURS_BANDS, PAY_STEPS


#: The widest search the CLI takes, miles: what the screen offers at most.
MAX_RADIUS = RADII[-1]
#: Pages of results: 300,000 vacancies are 15,000 pages of 20.
MAX_PAGE = 100_000


def radius_miles(value: str) -> float:
    """An argparse type: a distance in miles from 1 to 50 (what the screen offers is 1, 3, 5 ... 50)."""
    try:
        miles = float(value)
    except ValueError:
        miles = math.nan
    if not (math.isfinite(miles) and 1 <= miles <= MAX_RADIUS):
        raise argparse.ArgumentTypeError(f"{value[:20]!r} is not a distance from 1 to {MAX_RADIUS} miles")
    return miles


def page_number(value: str) -> int:
    """An argparse type: a page of results from 1 to 100,000."""
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise argparse.ArgumentTypeError(f"{value[:20]!r} is not a page number from 1 to {MAX_PAGE:,}")
    return int(value)


def _ui_command(name: str):
    # Only our own distribution's entry points: scanning every installed package's (entry_points(group=...))
    # costs about 30 ms of the kiosk's start-up.
    try:
        for entry in distribution("jobpoint-kiosk").entry_points.select(group="jobpoint.ui", name=name):
            return entry.load()
    except PackageNotFoundError:
        pass
    raise SystemExit(f"kiosk: the '{name}' command is not installed (pip install -e . adds it).")


def _tour_variants(text: str) -> tuple[str, ...]:
    # The names are checked here, not imported from screens/ (the core never imports it).
    names = () if text == "none" else tuple(name for name in text.split(",") if name)
    wrong = [name for name in names if name not in ("high_contrast", "text150", "text200", "reach")]
    if wrong:
        raise argparse.ArgumentTypeError(f"no variant called {', '.join(wrong)}")
    return names


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
    tour.add_argument("--only", metavar="PREFIX[,PREFIX...]", type=lambda text: text.split(","),
                      help="only the views whose names start with one of these, e.g. staff_,cv_work")
    tour.add_argument("--set", dest="chosen_set", choices=("all", "representative"), default="all",
                      help="representative: each screen and panel in both languages and orientations, plus home's "
                      "variants (a quarter of all; the tests use it)")
    tour.add_argument("--orientation", choices=("landscape", "portrait"), help="only this orientation (both when "
                      "not given)")
    tour.add_argument("--jobs", type=int, metavar="N", help="render in N processes at once (default: one per core, "
                      "at most 4; 1 renders in this process)")
    tour.add_argument("--variants", metavar="NAME[,NAME...]", type=_tour_variants, default=None,
                      help="the looks each view is shown in besides the standard one: high_contrast, text200, "
                      "reach (all three by default; home also text150), or none")
    tour.add_argument("--no-pictures", dest="pictures", action="store_false",
                      help="only lay out and check each view, without drawing it")
    tour.add_argument("--strict", action="store_true",
                      help="end with status 3 when the layout check finds a problem it does not already know")
    tour.add_argument("--config", metavar="FILE", help="TOML config file")

    settings = commands.add_parser("settings", help="list every setting")
    settings.add_argument("--markdown", action="store_true", help="as the Markdown table in README.md")

    check = commands.add_parser("check-config", help="check a config file")
    check.add_argument("file", metavar="FILE")

    demo = commands.add_parser("demo-data", help="fill the vacancy cache with deterministic demo vacancies")
    demo.add_argument("--vacancies", type=int, default=2000, metavar="N", help="how many (default 2000)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="the same seed gives the same vacancies")
    demo.add_argument("--cache", metavar="FILE", help="cache file (default: vacancies.db in kiosk.data_dir)")
    demo.add_argument("--config", metavar="FILE", help="TOML config file")

    search = commands.add_parser("search", help="search the vacancy cache")
    search.add_argument("text", nargs="?", default="", metavar="TEXT", help="words to search for")
    search.add_argument("--near", default="", metavar="PLACE", help="town, postcode district or postcode")
    search.add_argument("--radius", type=radius_miles, default=15, metavar="MILES",
                        help="distance from PLACE, 1 to 50 (15)")
    search.add_argument("--hours", action="append", choices=HOURS_BANDS, default=[], help="hours band (repeatable)")
    search.add_argument("--contract", action="append", choices=CONTRACTS, default=[], help="contract (repeatable)")
    search.add_argument("--min-pay", type=int, choices=PAY_STEPS, metavar="POUNDS",
                        help=f"at least this much a year: {', '.join(map(str, PAY_STEPS))}")
    search.add_argument("--posted-within", type=int, choices=POSTED_WITHIN, metavar="DAYS",
                        help=f"posted in the last {', '.join(map(str, POSTED_WITHIN))} days")
    search.add_argument("--remote", action="store_true", help="remote or hybrid working only")
    search.add_argument("--disability-confident", action="store_true", help="Disability Confident employers only")
    search.add_argument("--sort", choices=SORTS, default="best")
    search.add_argument("--page", type=page_number, default=1, help="page of 20 results, from 1")
    search.add_argument("--as-typed", action="store_true", help="never answer with a correction of misspelt words")
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.add_argument("--cache", metavar="FILE", help="cache file (default: vacancies.db in kiosk.data_dir)")
    search.add_argument("--config", metavar="FILE", help="TOML config file")

    from kiosk.cli.benefits import add_arguments as add_benefits_arguments
    benefits = commands.add_parser("benefits", help="check the 35 benefits for households in a JSON file")
    add_benefits_arguments(benefits)
    benefits.add_argument("--config", metavar="FILE", help="TOML config file")

    from kiosk.cli.cv import add_arguments as add_cv_arguments
    cv_pdf = commands.add_parser("cv-pdf", help="make a CV's PDF (and plain text) from a JSON file")
    add_cv_arguments(cv_pdf)
    cv_pdf.add_argument("--config", metavar="FILE", help="TOML config file")

    devices = commands.add_parser("devices", help="show each device's provider and health")
    devices.add_argument("--config", metavar="FILE", help="TOML config file")

    enrol = commands.add_parser("enrol", help="enrol this kiosk with the central service using a one-time token")
    enrol.add_argument("token", metavar="TOKEN", help="the one-time token from kiosk-central token")
    enrol.add_argument("--name", metavar="NAME", help="this kiosk's name as staff see it (default: kiosk.id)")
    enrol.add_argument("--url", metavar="URL", help="the central service (default: the central.url setting)")
    enrol.add_argument("--config", metavar="FILE", help="TOML config file")

    sync = commands.add_parser("sync", help="sync vacancies, office config, rates and usage counts once")
    sync.add_argument("--once", action="store_true", required=True, help="sync once and stop")
    sync.add_argument("--full", action="store_true", help="fetch every vacancy again, not just the changes")
    sync.add_argument("--cache", metavar="FILE", help="cache file (default: vacancies.db in kiosk.data_dir)")
    sync.add_argument("--config", metavar="FILE", help="TOML config file")
    # The app's sync worker runs the vacancy sync as this command, in a process of its own (sync/vacancy_process.py).
    sync.add_argument("--vacancies-only", action="store_true", help="only the vacancies, no office config, rates "
                                                                     "or usage counts")
    sync.add_argument("--json", action="store_true", help="print what was done (or the error) as one JSON line")
    sync.add_argument("--credential", metavar="FILE", help="credential file (default: central.credential_file)")
    sync.add_argument("--timeout", metavar="SECONDS", type=float,
                      help="seconds to wait for each read from the service (default: sync.timeout_seconds)")

    from kiosk.cli.update import add_arguments as add_update_arguments
    update = commands.add_parser("update", help="app updates (apply: run as root by systemd before each start)")
    add_update_arguments(update)
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
    if isinstance(value, bool):  # as TOML writes them, so a row copied into kiosk.toml works
        return "true" if value else "false"
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
    if args.command in ("run", "tour"):
        if args.command == "run" and args.config:
            # The processes the kiosk starts (the vacancy sync's child: sync/vacancy_process.py) read the same
            # file, not the default one, so a kiosk started with --config logs and behaves as one kiosk.
            os.environ[CONFIG_ENV] = os.path.abspath(args.config)
        from kiosk.cli.services import build_services  # the composition root: every service the screens use
        if args.command == "run":
            return _ui_command("run")(settings, kiosk=args.kiosk, build_services=build_services)
        extra = {} if args.variants is None else {"variants": args.variants}
        return _ui_command("tour")(settings, out=args.out, only=args.only, orientation=args.orientation,
                                   chosen_set=args.chosen_set, jobs=args.jobs, build_services=build_services,
                                   pictures=args.pictures, strict=args.strict, **extra)
    # Printing into a closed pipe (`kiosk search x | head`) ends quietly, as other command-line tools do. Not by
    # restoring SIGPIPE's default: that would also kill `kiosk sync` when a server closes its socket, and any
    # process (a test run) that calls this function.
    try:
        return _command(settings, args)
    except BrokenPipeError:
        _quiet_stdout()
        return 0


def _quiet_stdout() -> None:
    # Python would report the broken pipe again when it flushes stdout at exit: point stdout at /dev/null first.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _command(settings: dict, args) -> int:
    if args.command == "devices":
        from kiosk.cli import devices as cli_devices  # opens the hardware; kept apart so other commands never touch it
        return cli_devices.devices(settings)
    if args.command == "benefits":
        from kiosk.cli import benefits as cli_benefits  # the benefits checker; kept apart so `kiosk run` loads less
        return cli_benefits.benefits(settings, args)
    if args.command == "cv-pdf":
        from kiosk.cli import cv as cli_cv  # the CV printout; kept apart so other commands never load fpdf
        return cli_cv.cv_pdf_command(settings, args)
    if args.command in ("enrol", "sync"):
        from kiosk.cli import sync as cli_sync  # the network client; kept apart so other commands never load it
        return cli_sync.enrol_kiosk(settings, args) if args.command == "enrol" else cli_sync.sync_once(settings, args)
    if args.command == "update":
        from kiosk.cli import update as cli_update  # root's half of an update; other commands never load it
        return cli_update.update_command(settings, args)
    from kiosk.cli import jobs as cli_jobs  # the job-search commands; kept apart so `kiosk run` loads less
    if args.command == "demo-data":
        return cli_jobs.demo_data(settings, args)
    return cli_jobs.search(settings, args)

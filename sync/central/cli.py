"""The ``kiosk-central`` command: run the central service and look after it.

    kiosk-central serve [--host H] [--port 8470] [--workers N]      run the service (uvicorn; N workers on PostgreSQL)
    kiosk-central office-set leeds --config leeds.toml              add or change an office
    kiosk-central local-help list|add|remove|import leeds ...       an office's "Help near you" entries
    kiosk-central token --office leeds [--ttl 3600]                 a one-time enrolment token, with a QR code
    kiosk-central revoke --kiosk k-1a2b... | --token TOKEN          throw a kiosk or a token out
    kiosk-central ingest vacancies.jsonl [--full]                   read schema.org JobPostings into the feed
    kiosk-central ingest job.html --page-url https://...            ... from a saved page's JSON-LD
    kiosk-central ingest --sitemap https://.../sitemap.xml [--full] ... from every job page a sitemap lists
    kiosk-central demo-feed --vacancies 5000 --out demo.jsonl       demo vacancies as JobPostings
    kiosk-central user-add alex --password-file pw.txt              a dashboard user
    kiosk-central release add jobpoint-0.2.0.tar.gz --version 0.2.0  store a kiosk build (release list: all of them)
    kiosk-central ring set canary 0.2.0 | ring clear canary | ring list   rollout rings' target versions
    kiosk-central kiosk-ring k-1a2b... lab|canary|auto               put a kiosk in the lab or canary ring, or not
    kiosk-central snapshot                                          the vacancy snapshot for first syncs
    kiosk-central export --out open-data/                           the open data: CSV, JSON, datapackage.json
    kiosk-central openapi                                           print the OpenAPI spec (docs/openapi.json)
    kiosk-central settings [--markdown]                             every setting

Every command takes ``--config FILE`` (default ``$JOBPOINT_CENTRAL_CONFIG``, then /etc/jobpoint/central.toml);
exit status 0 means done, 1 that some input was refused, 2 bad arguments or config.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from pathlib import Path

from sync.central import clock
from sync.central.cli_local_help import COMMANDS as LOCAL_HELP_COMMANDS
from sync.central.cli_local_help import add_local_help_command
from sync.central.cli_releases import COMMANDS as RELEASE_COMMANDS
from sync.central.cli_releases import add_release_commands
from sync.central.settings import CONFIG_ENV, SettingsError, load_settings, settings_table

DEFAULT_PORT = 8470


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="kiosk-central", description="The Jobpoint central service.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--config", metavar="FILE", help="TOML config file (default: $JOBPOINT_CENTRAL_CONFIG, "
                                                          "then /etc/jobpoint/central.toml if it exists)")
        return sub

    serve = command("serve", "run the service")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1: behind a proxy)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="worker processes sharing the port (default 1; about one per core, on PostgreSQL)")
    token = command("token", "make a one-time enrolment token for an office")
    token.add_argument("--office", required=True, metavar="ID")
    token.add_argument("--ttl", type=int, default=3600, metavar="SECONDS", help="lifetime, 60 to 3600 (3600)")
    revoke = command("revoke", "revoke a kiosk or an enrolment token")
    which = revoke.add_mutually_exclusive_group(required=True)
    which.add_argument("--kiosk", metavar="ID")
    which.add_argument("--token", metavar="TOKEN")
    office = command("office-set", "add or change an office from a TOML file")
    office.add_argument("office_id", metavar="ID")
    office.add_argument("--config-file", "--office-config", dest="office_file", metavar="FILE.toml", required=True,
                        help="the office's name, [lha] and [[local_help]]")
    add_local_help_command(command)
    ingest = command("ingest", "read schema.org JobPostings into the vacancy feed: JSON Lines, a page, or a sitemap")
    ingest.add_argument("file", metavar="FILE.jsonl|FILE.html", nargs="?",
                        help="JSON Lines (one JobPosting a line), or a web page saved as .html (its JSON-LD)")
    ingest.add_argument("--sitemap", metavar="URL|FILE", help="read the JSON-LD of every page this sitemap lists")
    ingest.add_argument("--page-url", metavar="URL", help="the saved page's web address: the way to apply")
    ingest.add_argument("--full", action="store_true", help="the file is the complete list: withdraw the rest")
    demo = command("demo-feed", "write demo vacancies as JobPosting JSON Lines")
    demo.add_argument("--vacancies", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--out", required=True, metavar="FILE.jsonl")
    user = command("user-add", "add a dashboard user, or set a new password")
    user.add_argument("name", metavar="NAME")
    user.add_argument("--password-file", required=True, metavar="FILE", help="a file holding the password")
    add_release_commands(command)
    command("snapshot", "build the vacancy snapshot a new kiosk's first sync downloads")
    export = command("export", "write the open data (CSV, JSON and datapackage.json) to a folder")
    export.add_argument("--out", required=True, metavar="FOLDER")
    command("openapi", "print the OpenAPI spec")
    settings = command("settings", "list every setting")
    settings.add_argument("--markdown", action="store_true")
    return parser


def _fail(message: str, status: int = 2) -> int:
    print(f"kiosk-central: {message}", file=sys.stderr)
    return status


def main(argv: list[str] | None = None) -> int:
    """Run the ``kiosk-central`` command.

    :param argv: the arguments (default: the command line).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    # "office-set ID --config FILE.toml": there --config is the office's file, not the service's.
    if argv[:1] == ["office-set"] and "--config" in argv:
        argv[argv.index("--config")] = "--config-file"
        if "--service-config" in argv:
            argv[argv.index("--service-config")] = "--config"
    args = build_parser().parse_args(argv)
    if args.command == "settings":
        print(settings_table(args.markdown))
        return 0
    try:
        settings = load_settings(args.config)
    except SettingsError as error:
        return _fail(str(error))
    if args.command == "demo-feed":
        return demo_feed(args)
    if args.command == "serve":
        import uvicorn

        from kiosk.logs import setup_logging
        from sync.central.app import create_app
        setup_logging("INFO")  # journald-friendly lines on standard output, like the kiosk's
        if not 1 <= args.workers <= 64:
            return _fail("--workers must be from 1 to 64.")
        if args.workers > 1 and settings.database_url.startswith("sqlite"):
            return _fail("--workers above 1 needs PostgreSQL (database_url): one SQLite file takes one writer.")
        if args.workers > 1:
            # Each worker process builds its own app from the same config (sync.central.asgi).
            if args.config:
                os.environ[CONFIG_ENV] = str(Path(args.config).resolve())
            uvicorn.run("sync.central.asgi:app", workers=args.workers, host=args.host, port=args.port,
                        log_level="info", proxy_headers=True, server_header=False)
            return 0
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info",
                    proxy_headers=True, server_header=False)
        return 0
    if args.command == "openapi":
        from sync.central.app import create_app
        from sync.central.storage import open_storage
        print(openapi_text(create_app(settings, storage=open_storage("sqlite://"))))
        return 0
    from sync.central.storage import open_storage
    storage = open_storage(settings.database_url)
    try:
        return _COMMANDS[args.command](storage, settings, args)
    finally:
        storage.close()


def openapi_text(app) -> str:
    """The app's OpenAPI spec as docs/openapi.json holds it (sorted keys, 2-space indent, final newline)."""
    return json.dumps(app.openapi(), indent=2, sort_keys=True, ensure_ascii=False)


def token(storage, settings, args) -> int:
    """Print a one-time enrolment token and its QR code."""
    import qrcode

    from sync.central.enrolment import NoSuchOffice, make_token
    try:
        text = make_token(storage, args.office, args.ttl, clock.now())
    except NoSuchOffice:
        return _fail(f"there is no office called {args.office}; add it first with "
                     f"kiosk-central office-set {args.office} --config OFFICE.toml")
    except ValueError as error:
        return _fail(str(error))
    code = qrcode.QRCode(border=2)
    code.add_data(text)
    code.print_ascii(out=sys.stdout, invert=True)
    minutes = args.ttl // 60
    print(f"\nEnrolment token for {args.office}: {text}\nIt works once, for {minutes} minutes. On the kiosk: "
          f"kiosk enrol {text}")
    return 0


def revoke(storage, settings, args) -> int:
    """Revoke a kiosk (its credential stops working) or an unused token."""
    from sync.central.enrolment import BadToken, NoSuchKiosk, revoke_kiosk, revoke_token
    try:
        if args.kiosk:
            revoke_kiosk(storage, args.kiosk, clock.now())
            print(f"Kiosk {args.kiosk} is revoked: it can no longer sync. Enrol it again to bring it back.")
        else:
            revoke_token(storage, args.token)
            print("The token is revoked.")
    except NoSuchKiosk:
        return _fail(f"there is no kiosk {args.kiosk}.", 1)
    except BadToken:
        return _fail("there is no such token.", 1)
    return 0


def office_set(storage, settings, args) -> int:
    """Add or change an office from its TOML file."""
    from sync.central.offices import (BadOfficeConfig, check_office_config, check_office_id, read_office_file,
                                      set_office)
    path = Path(args.office_file)
    try:
        check_office_id(args.office_id)
        name, config = check_office_config(read_office_file(path))
    except BadOfficeConfig as error:
        return _fail(f"{path}: {error}")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"{path} cannot be read: {error.__class__.__name__}.")
    except tomllib.TOMLDecodeError as error:
        return _fail(f"{path} is not valid TOML: {error}.")
    version = set_office(storage, args.office_id, name, config, clock.now())
    print(f"Office {args.office_id} ({name}) is at config version {version}.")
    return 0


def ingest(storage, settings, args) -> int:
    """Read JobPostings into the feed and print what happened."""
    from sync.central.ingest import ingest_file, ingest_sitemap
    from sync.central.sitemap import PageError
    from sync.central.snapshots import build_snapshot, latest_manifest
    if (args.file is None) == (args.sitemap is None):
        return _fail("give a file to ingest, or --sitemap with a sitemap's address, not both.")
    if args.page_url and not args.page_url.lower().startswith(("https://", "http://")):
        return _fail(f"--page-url must be a web address starting https:// or http://, not {args.page_url[:60]}.")
    places = None
    try:
        from kiosk.jobs.places import load_places
        places = load_places()
    except FileNotFoundError:
        print("kiosk-central: the place data is not built (python -m kiosk.assets_build); vacancies without "
              "latitude and longitude will have no position.", file=sys.stderr)
    try:
        if args.sitemap:
            result = ingest_sitemap(storage, args.sitemap, clock.now(), full=args.full, places=places,
                                    tombstone_days=settings.tombstone_days)
        else:
            result = ingest_file(storage, Path(args.file), clock.now(), full=args.full, places=places,
                                 tombstone_days=settings.tombstone_days, page_url=args.page_url)
    except PageError as error:
        return _fail(f"{error}. Nothing was changed.")
    except OSError as error:
        return _fail(f"{args.file} cannot be read: {error.strerror or error.__class__.__name__}.")
    print(result.report())
    a = result.applied
    if a.added + a.updated + a.withdrawn >= settings.snapshot_every_changes or \
            latest_manifest(settings.snapshots_folder) is None:
        _print_snapshot(build_snapshot(storage, settings.snapshots_folder, clock.now()))
    return 1 if result.refused_count else 0


def _print_snapshot(manifest) -> None:
    print(f"Snapshot {manifest.file}: {manifest.count:,} vacancies at seq {manifest.seq:,}, "
          f"{manifest.bytes / 1e6:,.1f} MB ({manifest.raw_bytes / 1e6:,.1f} MB unzipped).")


def snapshot(storage, settings, args) -> int:
    """Build the vacancy snapshot now and make it the one kiosks download (one server at a time builds it)."""
    from sync.central.snapshots import build_snapshot
    with storage.only_one("snapshot") as mine:
        if not mine:
            print("Another server is building the snapshot now: this one leaves it to that one.")
            return 0
        _print_snapshot(build_snapshot(storage, settings.snapshots_folder, clock.now()))
    return 0


def demo_feed(args) -> int:
    """Write ``kiosk.jobs.demo_data`` vacancies as JobPosting JSON Lines."""
    from kiosk.benefits.rates import today
    from kiosk.jobs.demo_data import generate_vacancies
    from kiosk.jobs.job_titles import load_job_titles
    from kiosk.jobs.places import load_places
    from sync.central.jobposting import to_job_posting
    if args.vacancies < 1:
        return _fail("--vacancies must be at least 1.")
    try:
        places, titles = load_places(), load_job_titles()
    except FileNotFoundError as error:
        return _fail(str(error))
    with open(args.out, "w", encoding="utf-8") as out:
        for vacancy in generate_vacancies(args.vacancies, args.seed, places, titles, today()):
            out.write(json.dumps(to_job_posting(vacancy), ensure_ascii=False) + "\n")
    print(f"{args.out}: {args.vacancies:,} demo JobPostings.")
    return 0


def user_add(storage, settings, args) -> int:
    """Add a dashboard user, reading the password from a file (never from the command line)."""
    from sync.central.passwords import BadUser, add_user
    try:
        password = Path(args.password_file).read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"{args.password_file} cannot be read: {error.__class__.__name__}.")
    try:
        new = add_user(storage, args.name, password, clock.now())
    except BadUser as error:
        return _fail(str(error))
    print(f"Dashboard user {args.name} {'added' if new else 'has a new password'}.")
    return 0


def export(storage, settings, args) -> int:
    """Write the open data to a folder: each dataset as CSV and JSON, and datapackage.json."""
    from sync.central.open_data import write_export
    try:
        written = write_export(storage, Path(args.out), clock.now())
    except OSError as error:
        return _fail(f"{args.out} cannot be written: {error.__class__.__name__}.")
    print(f"Wrote {len(written)} files to {args.out}: {', '.join(path.name for path in written)}.")
    return 0


_COMMANDS = {"token": token, "revoke": revoke, "office-set": office_set, "ingest": ingest, "user-add": user_add,
             "export": export, "snapshot": snapshot}
_COMMANDS.update(RELEASE_COMMANDS)
_COMMANDS.update(LOCAL_HELP_COMMANDS)

if __name__ == "__main__":
    sys.exit(main())

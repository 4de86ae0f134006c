"""The ``kiosk-central local-help`` command: an office's "Help near you" list, for office IT.

    kiosk-central local-help list leeds
    kiosk-central local-help add leeds --name "Leeds Food Bank" --category food --phone "0113 496 0200" \\
        --about-en "Emergency food." --about-cy "Bwyd brys." --opening-en "Monday, 11am to 2pm"
    kiosk-central local-help remove leeds 3                  (the number ``list`` shows)
    kiosk-central local-help import leeds help.toml          (its [[local_help]] entries replace the list)
    kiosk-central local-help import leeds help.toml --append (... or go after it)

Each change is checked as an office file is (``sync.central.local_help_edit``) and raises the office's config
version, so its kiosks fetch the new list at their next sync. Exit status 0 means done, 1 that the change was
refused (the message says why, and nothing changed), 2 bad arguments.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from sync.central import clock
from sync.local_help import CATEGORIES

#: The ``add`` options and the entry field each fills.
FIELDS = {"name": "name", "category": "category", "phone": "phone", "url": "url", "about_en": "about_en",
          "about_cy": "about_cy", "opening_en": "opening_en", "opening_cy": "opening_cy"}


def add_local_help_command(command) -> None:
    """Add ``local-help`` to the ``kiosk-central`` parser.

    :param command: the parser's ``command(name, help)`` helper, which adds ``--config``.
    """
    parser = command("local-help", "list, add, remove or import an office's \"Help near you\" entries")
    parser.add_argument("action", choices=("list", "add", "remove", "import"))
    parser.add_argument("office_id", metavar="OFFICE_ID")
    parser.add_argument("what", nargs="?", metavar="NUMBER|FILE.toml",
                        help="remove: the entry's number, as list shows it; import: a TOML file of [[local_help]]")
    parser.add_argument("--append", action="store_true", help="import: add the file's entries after the list's")
    parser.add_argument("--name", help="add: the organisation's name (needed)")
    parser.add_argument("--category", choices=CATEGORIES, help="add: the kind of help (none: \"Other help\")")
    parser.add_argument("--phone", help="add: its phone number, as people dial it")
    parser.add_argument("--url", help="add: its web address, starting https://")
    for field in ("about_en", "about_cy", "opening_en", "opening_cy"):
        what = "what it does" if field.startswith("about") else "when it is open"
        parser.add_argument(f"--{field.replace('_', '-')}", dest=field,
                            help=f"add: {what}, in {'English' if field.endswith('en') else 'Welsh'}")


def _fail(message: str, status: int = 1) -> int:
    print(f"kiosk-central: {message}", file=sys.stderr)
    return status


def local_help(storage, settings, args) -> int:
    """``local-help list|add|remove|import OFFICE_ID ...``."""
    from sync.central.local_help_edit import (BadOfficeConfig, NoSuchOffice, add_local_help, describe,
                                              entries_from_file, local_help_of, remove_local_help,
                                              replace_local_help)
    office = args.office_id
    try:
        if args.action == "list":
            entries = local_help_of(storage, office)
            print(f"{office} lists {len(entries)} local help {'entry' if len(entries) == 1 else 'entries'}.")
            for number, entry in enumerate(entries, 1):
                print(describe(number, entry))
            return 0
        if args.action == "add":
            if not args.name:
                return _fail("local-help add needs --name, e.g. --name \"Leeds Food Bank\".", 2)
            version = add_local_help(storage, office, {field: getattr(args, option) for option, field
                                                       in FIELDS.items()}, clock.now())
            done = f"Added {args.name}."
        elif args.action == "remove":
            if not (args.what or "").isdigit():
                return _fail("local-help remove needs the entry's number, as local-help list shows it.", 2)
            number, entries = int(args.what), local_help_of(storage, office)
            version = remove_local_help(storage, office, number, clock.now())
            done = f"Removed {entries[number - 1]['name']}."
        else:
            if not args.what:
                return _fail("local-help import needs a TOML file holding [[local_help]] entries.", 2)
            path = Path(args.what)
            try:
                entries = entries_from_file(path)
            except (OSError, UnicodeDecodeError) as error:
                return _fail(f"{path} cannot be read: {error.__class__.__name__}.", 2)
            except tomllib.TOMLDecodeError as error:
                return _fail(f"{path} is not valid TOML: {error}.", 2)
            if not isinstance(entries, list):
                return _fail(f"{path}: local_help must be a list of [[local_help]] entries.")
            kept = local_help_of(storage, office) if args.append else []
            version = replace_local_help(storage, office, [*kept, *entries], clock.now())
            count = f"{len(entries)} {'entry' if len(entries) == 1 else 'entries'}"
            done = f"{count} {'added' if args.append else 'now make the list'}."
    except NoSuchOffice as error:
        return _fail(str(error))
    except BadOfficeConfig as error:
        return _fail(f"{office} was not changed: {error}")
    print(f"{done} {office} is at config version {version}; its kiosks get the list at their next sync.")
    return 0


COMMANDS = {"local-help": local_help}

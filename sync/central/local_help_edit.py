"""Editing one office's "Help near you" list on the central service: the CLI's and the dashboard's one way in.

    entries = local_help_of(storage, "leeds")                          # [] for an office with none
    version = add_local_help(storage, "leeds", {"name": "Food bank", "phone": "0113 496 0200"}, now)
    version = remove_local_help(storage, "leeds", 2, now)              # the second, as listed
    version = replace_local_help(storage, "leeds", entries_from_file(Path("help.toml")), now)

Every change checks the whole list with the same checks as an office file (``sync.central.offices``: at most 30
entries, each field's length, a category from the list, a web address starting https://) and saves it with the
office's other settings, so its config version goes up and every kiosk of the office fetches it at its next sync.
A refused change leaves the list as it was; each error is a ``BadOfficeConfig`` in plain English.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select

from sync.central.offices import (BadOfficeConfig, HELP_KEYS, check_local_help, check_office_id, read_office_file,
                                  set_office)
from sync.central.schema import offices
from sync.central.storage import Storage


class NoSuchOffice(BadOfficeConfig):
    """The office has no config on this service yet."""


def _office(storage: Storage, office_id: str) -> tuple[str, dict]:
    """The office's name and stored config.

    :raises NoSuchOffice: it has none.
    """
    check_office_id(office_id)
    with storage.engine.connect() as conn:
        row = conn.execute(select(offices).where(offices.c.office_id == office_id)).first()
    if row is None:
        raise NoSuchOffice(f"there is no office called {office_id}; add it first with "
                           f"kiosk-central office-set {office_id} --config OFFICE.toml")
    return row.name, json.loads(row.config)


def office_name(storage: Storage, office_id: str) -> str:
    """The office's name.

    :raises NoSuchOffice: the office has no config.
    """
    return _office(storage, office_id)[0]


def local_help_of(storage: Storage, office_id: str) -> list[dict]:
    """The office's local help entries, in the order the kiosk lists them within each kind of help.

    :param storage: the database.
    :param office_id: the office.
    :raises NoSuchOffice: the office has no config.
    """
    return list(_office(storage, office_id)[1].get("local_help", []))


def replace_local_help(storage: Storage, office_id: str, entries: list, now: dt.datetime) -> int:
    """Check a whole new list and save it in place of the office's; returns the office's config version.

    :param storage: the database.
    :param office_id: the office.
    :param entries: the entries, as an office file's ``[[local_help]]`` (only the fields ``HELP_KEYS``).
    :param now: the current time (UTC).
    :raises BadOfficeConfig: the list or an entry is wrong (nothing is saved); ``NoSuchOffice``.
    """
    name, config = _office(storage, office_id)
    config["local_help"] = check_local_help(entries)
    return set_office(storage, office_id, name, config, now)


def add_local_help(storage: Storage, office_id: str, entry: dict, now: dt.datetime) -> int:
    """Add one entry at the end of the office's list; returns the office's config version.

    :param entry: the new entry (``name`` and any of the other ``HELP_KEYS``; empty ones are left out).
    :raises BadOfficeConfig: the entry is wrong, or the list is full (nothing is saved); ``NoSuchOffice``.
    """
    given = {key: value for key, value in entry.items() if value not in (None, "")}
    return replace_local_help(storage, office_id, [*local_help_of(storage, office_id), given], now)


def remove_local_help(storage: Storage, office_id: str, number: int, now: dt.datetime) -> int:
    """Take one entry off the office's list by its number (1 for the first, as ``local-help list`` shows).

    :raises BadOfficeConfig: there is no entry with that number; ``NoSuchOffice``.
    """
    entries = local_help_of(storage, office_id)
    if not 1 <= number <= len(entries):
        raise BadOfficeConfig(f"there is no entry number {number}: the list has {len(entries)}.")
    del entries[number - 1]
    return replace_local_help(storage, office_id, entries, now)


def entries_from_file(path: Path) -> list:
    """The ``[[local_help]]`` entries of a TOML file (an office's whole file, or one holding only its local help).

    :param path: the file (at most ``sync.central.offices.MAX_FILE_BYTES``).
    :raises BadOfficeConfig: too large, or no ``[[local_help]]`` in it.
    :raises OSError, UnicodeDecodeError, tomllib.TOMLDecodeError: unreadable, not UTF-8, or not TOML.
    """
    data = read_office_file(path)
    if "local_help" not in data:
        raise BadOfficeConfig("the file has no [[local_help]] entries.")
    return data["local_help"]


def describe(number: int, entry: dict) -> str:
    """One entry as ``local-help list`` prints it: number, kind of help, name, phone and web address.

    :param number: its number in the list, from 1.
    :param entry: the entry.

        >>> describe(2, {"name": "Shelter", "category": "housing", "phone": "0808 800 4444", "url": ""})
        '2. Shelter [housing] 0808 800 4444'
    """
    parts = [f"{number}. {entry['name']}", f"[{entry.get('category') or 'other'}]",
             *(entry[key] for key in ("phone", "url") if entry.get(key))]
    return " ".join(parts)


__all__ = ["HELP_KEYS", "BadOfficeConfig", "NoSuchOffice", "add_local_help", "describe", "entries_from_file",
           "local_help_of", "office_name", "remove_local_help", "replace_local_help"]

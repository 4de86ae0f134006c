"""Each office's config: its name, Local Housing Allowance figures and local help, with a version number.

    name, config = check_office_config(tomllib.loads(Path("leeds.toml").read_text()))
    version = set_office(storage, "leeds", name, config, now)    # kiosk-central office-set leeds --config ...
    office_config(storage, "leeds")                             # GET /v1/offices/leeds/config

The file looks like this (every key but ``name`` may be left out; LHA figures are pounds a month)::

    name = "Leeds Jobcentre"
    [organisation]                # optional: shown in the kiosk's header instead of the product's name
    name = "Department for Work and Pensions"
    name_cy = "Yr Adran Gwaith a Phensiynau"
    [lha]
    shared_monthly = 420.0
    one_bedroom_monthly = 550.0
    [[local_help]]
    name = "Leeds Citizens Advice"
    phone = "0113 000 0000"
    url = "https://example.org"
    about_en = "Free advice on money, work and housing."
    about_cy = "Cyngor am ddim."
    category = "money"            # optional: digital, money, food, housing, health, training or childcare
    opening_en = "Monday to Friday, 9am to 5pm"   # optional, with opening_cy
    opening_cy = "Dydd Llun i ddydd Gwener, 9yb i 5yp"
    [council_tax]                 # optional: the council's Band D, and England's working-age CTR scheme
    band_d_annual = 2280.0        # pounds a year
    max_support_share = 0.8       # England working age: the most of the bill the scheme pays
    taper = 0.2
    capital_limit = 16000
    minimum_award_weekly = 0
    band_cap = "none"             # or "A" .. "H": support up to that band's bill

The version goes up by one only when something changed, so a kiosk's heartbeat shows whether it has the
latest config.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from kiosk.benefits.council_tax_settings import check_council_tax_settings

from sync.central.schema import offices
from sync.central.storage import Storage
from sync.local_help import ALL_KEYS, check_new_fields

LHA_KEYS = ("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly", "three_bedrooms_monthly",
            "four_bedrooms_monthly")
HELP_KEYS = ALL_KEYS
MAX_LOCAL_HELP = 30
ORGANISATION_KEYS = ("name", "name_cy")
#: The longest organisation name: it shares one line of the header with the language and help buttons.
MAX_ORGANISATION_NAME = 100
#: The largest office file read: 30 full local-help entries take about 90 KB.
MAX_FILE_BYTES = 256 * 1024
_OFFICE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class BadOfficeConfig(ValueError):
    """An office config that cannot be used; the message names the key and says what is wanted."""


def check_office_id(office_id: str) -> str:
    """An office id: 1 to 64 lower-case letters, digits and dashes, like ``leeds-city``.

    :raises BadOfficeConfig: otherwise.
    """
    if not isinstance(office_id, str) or not _OFFICE_ID.match(office_id):
        raise BadOfficeConfig(f"An office id is 1 to 64 lower-case letters, digits and dashes, not {office_id!r}.")
    return office_id


def _text(value: Any, key: str, limit: int, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if required and (value is None or (isinstance(value, str) and not value.strip())):
        raise BadOfficeConfig(f"{key} is missing.")
    if not isinstance(value, str) or len(value.strip()) > limit or _CONTROL.search(value):
        raise BadOfficeConfig(f"{key} must be text of at most {limit} characters, without control characters.")
    return value.strip()


def read_office_file(path: Path) -> dict:
    """Read an office's TOML file, refusing one too large or too deeply nested to be an office's config.

    :param path: the file.
    :raises BadOfficeConfig: too large, or too deeply nested.
    :raises OSError, UnicodeDecodeError, tomllib.TOMLDecodeError: unreadable, not UTF-8, or not TOML.
    """
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise BadOfficeConfig(f"the file is larger than {MAX_FILE_BYTES // 1024} KB; an office's config is far "
                              "smaller.")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except RecursionError:
        raise BadOfficeConfig("the file is nested too deeply to be an office's config.") from None


def check_office_config(raw: dict) -> tuple[str, dict]:
    """Check an office config file's contents; returns (name, config for the API).

    :param raw: what ``tomllib`` read.
    :raises BadOfficeConfig: naming the key that is wrong.
    """
    unknown = set(raw) - {"name", "organisation", "lha", "local_help", "council_tax"}
    if unknown:
        raise BadOfficeConfig(f"There is no office setting called {sorted(unknown)[0]} "
                              "(the settings are name, [organisation], [lha], [[local_help]] and [council_tax]).")
    name = _text(raw.get("name"), "name", 200, required=True)
    lha_raw = raw.get("lha", {})
    if not isinstance(lha_raw, dict):
        raise BadOfficeConfig("lha must be a [lha] section.")
    lha = {}
    for key in LHA_KEYS:
        value = lha_raw.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10_000:
            raise BadOfficeConfig(f"lha.{key} must be pounds a month from 0 to 10000, not {value!r}.")
        lha[key] = float(value)
    if set(lha_raw) - set(LHA_KEYS):
        raise BadOfficeConfig(f"There is no LHA figure called lha.{sorted(set(lha_raw) - set(LHA_KEYS))[0]}.")
    config = {"lha": lha, "local_help": check_local_help(raw.get("local_help", []))}
    if "organisation" in raw:  # left out when not given, so an old office's config (and version) stays the same
        config["organisation"] = _check_organisation(raw["organisation"])
    if "council_tax" in raw:  # left out when not given, so an old office's config (and version) stays the same
        try:
            config["council_tax"] = check_council_tax_settings(raw["council_tax"])
        except ValueError as error:
            raise BadOfficeConfig(str(error)) from None
    return name, config


def check_local_help(helps: Any) -> list[dict]:
    """Check an office's local help entries (``[[local_help]]``, the CLI's and the dashboard's); returns them as
    the API gives them.

    :param helps: the list of entries as read.
    :raises BadOfficeConfig: more than ``MAX_LOCAL_HELP`` entries, or an entry that is wrong (naming it by number).
    """
    if not isinstance(helps, list) or len(helps) > MAX_LOCAL_HELP:
        raise BadOfficeConfig(f"local_help must be up to {MAX_LOCAL_HELP} [[local_help]] entries.")
    local_help = []
    for number, entry in enumerate(helps, 1):
        where = f"local_help entry {number}"
        if not isinstance(entry, dict) or set(entry) - set(HELP_KEYS):
            raise BadOfficeConfig(f"{where} may only have {', '.join(HELP_KEYS)}.")
        item = {"name": _text(entry.get("name"), f"{where} name", 200, required=True),
                "phone": _text(entry.get("phone"), f"{where} phone", 40),
                "url": _text(entry.get("url"), f"{where} url", 500),
                "about_en": _text(entry.get("about_en"), f"{where} about_en", 1000),
                "about_cy": _text(entry.get("about_cy"), f"{where} about_cy", 1000)}
        if item["url"] and not item["url"].startswith(("https://", "http://")):
            raise BadOfficeConfig(f"{where} url must start https://.")
        try:
            item.update(check_new_fields(entry, where))
        except ValueError as error:
            raise BadOfficeConfig(str(error)) from None
        local_help.append(item)
    return local_help


def _check_organisation(raw: Any) -> dict:
    if not isinstance(raw, dict) or set(raw) - set(ORGANISATION_KEYS):
        raise BadOfficeConfig("organisation must be an [organisation] section with only "
                              f"{', '.join(ORGANISATION_KEYS)}.")
    return {"name": _text(raw.get("name"), "organisation name", MAX_ORGANISATION_NAME, required=True),
            "name_cy": _text(raw.get("name_cy"), "organisation name_cy", MAX_ORGANISATION_NAME)}


def set_office(storage: Storage, office_id: str, name: str, config: dict, now: dt.datetime) -> int:
    """Create or update an office; returns its config version (raised only when something changed).

    :param storage: the database.
    :param office_id: checked with ``check_office_id``.
    :param name: the office's name.
    :param config: from ``check_office_config``.
    :param now: the current time (UTC).
    :raises BadOfficeConfig: ``config`` is not what ``check_office_config`` makes (kiosks could not read it).
    """
    check_office_id(office_id)
    if not _has_config_shape(config):
        raise BadOfficeConfig("an office's config must have its [lha] figures and its [[local_help]] list.")
    text = json.dumps(config, sort_keys=True)
    with storage.write() as conn:
        row = conn.execute(select(offices).where(offices.c.office_id == office_id)).first()
        if row is None:
            conn.execute(insert(offices).values(office_id=office_id, name=name, config=text, config_version=1,
                                                updated_at=now))
            return 1
        if row.name == name and row.config == text:
            return row.config_version
        conn.execute(update(offices).where(offices.c.office_id == office_id).values(
            name=name, config=text, config_version=row.config_version + 1, updated_at=now))
        return row.config_version + 1


def office_config(storage: Storage, office_id: str) -> dict | None:
    """The office's config as ``GET /v1/offices/{office_id}/config`` returns it, or None if there is none.

    :param storage: the database.
    :param office_id: the office.
    """
    with storage.engine.connect() as conn:
        row = conn.execute(select(offices).where(offices.c.office_id == office_id)).first()
    if row is None:
        return None
    try:
        config = json.loads(row.config)
    except ValueError:
        config = None
    if not _has_config_shape(config):
        # A row written by hand or by an old version: answered as "no config yet" (404, which the kiosk reports
        # and retries), not a server error on every sync of every kiosk in the office.
        return None
    return {"office_id": row.office_id, "name": row.name, "config_version": str(row.config_version), **config}


def _has_config_shape(config: Any) -> bool:
    return (isinstance(config, dict) and isinstance(config.get("lha"), dict)
            and isinstance(config.get("local_help"), list))

"""The office's config and the benefit rates from the central service, checked, with the last good copy kept.

    fetch_office_config(client, "leeds", data_dir)     # -> OfficeConfig, saved as office-config.json
    fetch_rates(client, data_dir)                       # -> the rates folder, checked with the kiosk's own loader
    config = read_office_config(data_dir)               # the app: last good config, or None
    folder = rates_folder(data_dir)                     # the app: last good rates folder, or None (use assets/)

A reply that fails a check is refused with a plain message and the last good copy stays in use. Files are
written to a temporary name and renamed, so a crash leaves the old copy or the new one.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kiosk.benefits.check import office_lha_from_settings
from kiosk.benefits.council_tax_settings import (CouncilTaxSettings, check_council_tax_settings,
                                                 council_tax_settings_from)
from kiosk.benefits.rates import RULES_DIR, all_rates
from sync.client import BadData, CentralClient
from sync.files import write_atomically
from sync.local_help import check_new_fields

log = logging.getLogger(__name__)

OFFICE_FILE = "office-config.json"
RATES_POINTER = "rates.json"
LHA_KEYS = ("shared_monthly", "one_bedroom_monthly", "two_bedrooms_monthly", "three_bedrooms_monthly",
            "four_bedrooms_monthly")
_HELP_KEYS = ("name", "phone", "url", "about_en", "about_cy")
#: The longest text of each office field, and the most local help entries: beyond anything the central service
#: itself allows (30 entries, names of 200 characters, descriptions of 1,000: sync.central.offices), and small
#: enough that a broken or hostile reply cannot fill the kiosk's memory or screens (it is refused whole).
_TEXT_LIMITS = {"office_id": 64, "name": 200, "config_version": 64, "phone": 40, "url": 500, "about_en": 2000,
                "about_cy": 2000}
#: The longest organisation name taken (the service allows 100): it goes in the header, on one line.
MAX_ORGANISATION_NAME = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_LOCAL_HELP = 200
#: The most rates files, and the longest one (today's are about 10 KB each).
MAX_RATES_FILES = 20
MAX_RATES_BYTES = 512 * 1024
_RATES_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,60}\.toml$")


@dataclass(frozen=True)
class OfficeConfig:
    """An office's settings from the central service."""

    office_id: str
    name: str
    config_version: str
    lha: dict
    local_help: list
    council_tax: dict = field(default_factory=dict)
    #: ``name`` and ``name_cy`` of the organisation running the kiosk, or empty: the kiosk's own name is shown.
    organisation: dict = field(default_factory=dict)

    def lha_settings(self) -> dict[str, float]:
        """The LHA figures as kiosk settings (``lha.shared_monthly`` ...), to lay over the config file's."""
        return {f"lha.{key}": float(value) for key, value in self.lha.items()}


def check_office_config(data) -> OfficeConfig:
    """Check an office config reply.

    :param data: the decoded JSON.
    :raises BadData: naming the field that is wrong.
    """
    if not isinstance(data, dict):
        raise BadData("The office config is not a JSON object.")
    for key in ("office_id", "name", "config_version"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise BadData(f"The office config has no {key}.")
        if len(data[key]) > _TEXT_LIMITS[key]:
            raise BadData(f"The office config's {key} is longer than {_TEXT_LIMITS[key]} characters.")
    lha = data.get("lha")
    if not isinstance(lha, dict) or set(lha) != set(LHA_KEYS):
        raise BadData(f"The office config's lha must have exactly: {', '.join(LHA_KEYS)}.")
    for key, value in lha.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10_000:
            raise BadData(f"The office config's lha.{key} must be pounds a month from 0 to 10000.")
    helps = data.get("local_help")
    if not isinstance(helps, list):
        raise BadData("The office config's local_help must be a list.")
    if len(helps) > MAX_LOCAL_HELP:
        raise BadData(f"The office config has {len(helps):,} local_help entries; the kiosk takes at most "
                      f"{MAX_LOCAL_HELP}.")
    for number, item in enumerate(helps, 1):
        if not isinstance(item, dict) or not all(isinstance(item.get(k, ""), str) for k in _HELP_KEYS) \
                or not item.get("name"):
            raise BadData(f"The office config's local_help entry {number} needs a name, and text for "
                          f"{', '.join(_HELP_KEYS[1:])}.")
        long = [k for k in _HELP_KEYS if len(item.get(k, "")) > _TEXT_LIMITS.get(k, _TEXT_LIMITS["name"])]
        if long:
            raise BadData(f"The office config's local_help entry {number} has a {long[0]} longer than "
                          f"{_TEXT_LIMITS.get(long[0], _TEXT_LIMITS['name'])} characters.")
        try:
            check_new_fields(item, f"office config's local_help entry {number}")
        except ValueError as error:
            raise BadData(str(error)) from None
    if any(isinstance(item.get("url"), str) and item["url"] and not item["url"].startswith(("https://", "http://"))
           for item in helps):
        raise BadData("A local_help web address must start with https:// or http://.")
    council_tax = data.get("council_tax")
    if council_tax is None:  # from a central service (or a saved copy) older than the setting
        council_tax = {}
    if not isinstance(council_tax, dict):
        raise BadData("The office config's council_tax must be an object.")
    try:
        council_tax = check_council_tax_settings({k: v for k, v in council_tax.items() if v is not None})
    except ValueError as error:
        raise BadData(f"The office config's {str(error)[0].lower()}{str(error)[1:]}") from None
    return OfficeConfig(data["office_id"], data["name"], data["config_version"],
                        {k: lha[k] for k in LHA_KEYS},
                        [{**{k: item.get(k, "") for k in _HELP_KEYS}, **check_new_fields(item, "")}
                         for item in helps], council_tax,
                        check_organisation(data.get("organisation")))


def check_organisation(raw) -> dict:
    """Check the office config's organisation: ``{"name": ..., "name_cy": ...}``, or {} when there is none.

    :param raw: the reply's ``organisation`` (None from a service older than the setting).
    :raises BadData: not an object, no name, a name too long or holding control characters.
    """
    if raw is None or raw == {}:  # None from the service; {} from the kiosk's own saved copy
        return {}
    if not isinstance(raw, dict):
        raise BadData("The office config's organisation must be an object.")
    names = {}
    for key in ("name", "name_cy"):
        value = raw.get(key) or ""
        if not isinstance(value, str) or len(value) > MAX_ORGANISATION_NAME or _CONTROL.search(value):
            raise BadData(f"The office config's organisation {key} must be text of at most "
                          f"{MAX_ORGANISATION_NAME} characters, without control characters.")
        names[key] = value.strip()
    if not names["name"]:
        raise BadData("The office config's organisation has no name.")
    return names


def fetch_office_config(client: CentralClient, office_id: str, data_dir: Path) -> OfficeConfig:
    """Fetch, check and keep this office's config.

    :param client: a client with the kiosk's credential.
    :param office_id: this kiosk's office, from enrolment.
    :param data_dir: ``kiosk.data_dir``.
    :raises SyncFailed: could not fetch, or the reply failed a check (the last good copy stays).
    """
    config = check_office_config(client.get_json(f"/v1/offices/{office_id}/config"))
    if config.office_id != office_id:
        raise BadData(f"The central service sent the config of office {config.office_id!r}, not {office_id!r}.")
    write_atomically(Path(data_dir) / OFFICE_FILE, json.dumps(asdict(config), ensure_ascii=False).encode())
    return config


def write_demo_office(data_dir: Path) -> bool:
    """Put the demo office's config (its "Help near you": ``assets/demo/office.toml``) in place on a kiosk that has
    none from the central service, for ``make run``; a config fetched later replaces it. False if one was there.

    :param data_dir: ``kiosk.data_dir``.
    """
    import tomllib

    from kiosk.local_help import DEMO_OFFICE
    path = Path(data_dir) / OFFICE_FILE
    if path.exists():
        return False
    demo = tomllib.loads(DEMO_OFFICE.read_text(encoding="utf-8"))
    config = check_office_config({"office_id": "demo", "name": demo["name"], "config_version": "demo",
                                  "lha": dict.fromkeys(LHA_KEYS, 0), "local_help": demo["local_help"]})
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(asdict(config), ensure_ascii=False).encode())
    return True


def read_office_config(data_dir: Path) -> OfficeConfig | None:
    """The last good office config, or None if none was ever fetched (or the file is damaged).

    :param data_dir: ``kiosk.data_dir``.
    """
    try:
        return check_office_config(json.loads((Path(data_dir) / OFFICE_FILE).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError, BadData) as error:
        log.warning("the saved office config cannot be used: %s", type(error).__name__ if isinstance(
            error, RecursionError) else error)
        return None


def fetch_rates(client: CentralClient, data_dir: Path) -> Path:
    """Fetch the benefit rates files, check them with the kiosk's own loader, and make them the ones in use.

    :param client: a client with the kiosk's credential.
    :param data_dir: ``kiosk.data_dir``.
    :returns: the folder now holding the rates files.
    :raises SyncFailed: could not fetch, or a file failed the loader's checks (the last good copy stays).
    """
    data = client.get_json("/v1/rates")
    if not isinstance(data, dict) or not isinstance(data.get("version"), str) \
            or not re.fullmatch(r"[0-9a-f]{8,64}", data["version"]) or not isinstance(data.get("files"), dict) \
            or not data["files"]:
        raise BadData("The rates reply needs a version (hex) and some files.")
    if len(data["files"]) > MAX_RATES_FILES:
        raise BadData(f"The rates reply has {len(data['files']):,} files; the kiosk takes at most {MAX_RATES_FILES}.")
    data_dir = Path(data_dir)
    current = rates_folder(data_dir)
    target = data_dir / f"rates-{data['version']}"
    if current == target:
        return current
    data_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".rates-", dir=data_dir))
    try:
        for name, text in data["files"].items():
            if not isinstance(name, str) or not _RATES_NAME.match(name) or not isinstance(text, str):
                raise BadData(f"The rates reply has a file with a name or content that cannot be used ({name!r:.40}).")
            if len(text) > MAX_RATES_BYTES:
                raise BadData(f"The rates file {name} is longer than the {MAX_RATES_BYTES:,} characters the kiosk "
                              "takes.")
            # The kiosk's loader reads rates-*.toml: the protocol's example names omit the prefix.
            (scratch / (name if name.startswith("rates-") else f"rates-{name}")).write_text(text, encoding="utf-8")
        _check_rates(scratch)
        if target.exists():
            shutil.rmtree(target)
        os.replace(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    write_atomically(data_dir / RATES_POINTER, json.dumps({"version": data["version"],
                                                           "folder": target.name}).encode())
    if current is not None and current != target:
        shutil.rmtree(current, ignore_errors=True)
    return target


def _check_rates(folder: Path) -> None:
    try:
        # Unwrapped: the loader caches by folder, and this scratch folder is about to be renamed.
        years = all_rates.__wrapped__(folder)
    except RecursionError:
        raise BadData("The rates files from the central service are nested too deeply to read.") from None
    except (ValueError, KeyError, TypeError, OSError) as error:
        raise BadData(f"The rates files from the central service failed the kiosk's checks: {error}") from None
    if not years:
        raise BadData("The rates reply holds no rates files.")
    if years[0].starts > dt.date.today():
        raise BadData("The rates from the central service do not cover today.")
    # The rules look figures up by key: a year missing one the kiosk's own files have would fail mid-check.
    needed = set(all_rates()[-1].figures)
    for year in years:
        missing = sorted(needed - set(year.figures))
        if missing:
            raise BadData(f"The {year.tax_year} rates from the central service lack {len(missing)} figures "
                          f"the benefits checker needs, e.g. {missing[0]}.")


def rates_folder(data_dir: Path) -> Path | None:
    """The folder of the last good rates from the central service, or None (the kiosk's own assets apply).

    :param data_dir: ``kiosk.data_dir``.
    """
    try:
        pointer = json.loads((Path(data_dir) / RATES_POINTER).read_text(encoding="utf-8"))
        folder = Path(data_dir) / pointer["folder"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return folder if folder.is_dir() else None


@dataclass(frozen=True)
class LocalOffice:
    """What the benefits checker takes from the office: rates, housing allowance, council tax and local help.

    :param rates_folder: the benefit rates in use: the central service's last good copy, else the kiosk's own.
    :param lha: the office's Local Housing Allowance, £ a month by "shared", "1" .. "4", or None when unknown.
    :param local_help: the office's local help entries (name, phone, url, about_en, about_cy).
    :param council_tax: the office's council tax settings (its council's Band D, England's working-age scheme), or
        None when the office has set none.
    :param office_name: the office's name ("" before the first config arrives).
    :param organisation: the organisation's ``name`` and ``name_cy``, or {} (the kiosk shows its own name).
    """

    rates_folder: Path
    lha: dict | None
    local_help: tuple
    council_tax: CouncilTaxSettings | None = None
    office_name: str = ""
    organisation: dict = field(default_factory=dict)


def local_office(settings) -> LocalOffice:
    """The office's figures as the kiosk should use them now (read from files: cheap, and always the newest).

    The central service's office config wins over the config file's ``lha.*`` settings, size by size, because it
    is the newer and the one IT staff manage for the whole office; a size it leaves at 0 keeps the file's figure.

    :param settings: the kiosk's checked config (``kiosk.data_dir``, ``lha.*``).
    """
    data_dir = Path(settings["kiosk.data_dir"])
    office = read_office_config(data_dir)
    figures = dict(settings)
    if office is not None:
        figures.update({key: value for key, value in office.lha_settings().items() if value > 0})
    return LocalOffice(rates_folder=rates_folder(data_dir) or RULES_DIR, lha=office_lha_from_settings(figures),
                       local_help=tuple(office.local_help) if office is not None else (),
                       council_tax=council_tax_settings_from(office.council_tax) if office is not None else None,
                       office_name=office.name if office is not None else "",
                       organisation=dict(office.organisation) if office is not None else {})

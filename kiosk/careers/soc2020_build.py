"""Read the ONS's SOC 2020 unit groups (what each job involves, its tasks and typical ways in) at build time.

``python -m kiosk.assets_build`` writes what ``unit_groups_file`` returns to ``assets/generated/soc2020.json.gz``,
from ``assets/careers/sources/soc2020-volume1.xlsx``: ONS, "SOC 2020 Volume 1: structure and descriptions of unit
groups" (the Excel edition of 16 October 2024), Crown copyright, Open Government Licence v3.0. The workbook is read
with openpyxl taken from its pinned wheel, as the other build inputs are, so nothing is installed for it.

ONS marks each task and related job title with "~" and an empty cell with "<blank>"; in a few cells a "~" is
missing between two titles, the first ending in brackets:

    >>> split_list("~enters data\\n\\n~checks figures")
    ['enters data', 'checks figures']
    >>> split_list("~Bar supervisor\\n\\n~Foreman (catering)Head waiter")
    ['Bar supervisor', 'Foreman (catering)', 'Head waiter']
    >>> clean_text("<blank>"), clean_text("  Care workers  ")
    ('', 'Care workers')
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kiosk.assets import ASSETS
from kiosk.careers.soc2020 import SOC2020_FORMAT

SOC2020_VOLUME = ASSETS / "careers" / "sources" / "soc2020-volume1.xlsx"
_SHEET = "SOC2020 descriptions"
#: The workbook's columns, by the words their headings start with (ONS's headings have stray spaces and breaks).
_COLUMNS = {"code": "soc 2020 unit group", "title": "soc 2020 group title", "description": "group description",
            "entry": "typical entry routes", "tasks": "tasks", "related": "related job titles"}
_UNIT_GROUP = re.compile(r"\d{4}")


def clean_text(value: object) -> str:
    """One cell's text with ONS's "<blank>" as empty and the spaces and line breaks at its ends taken off.

    :param value: a cell's value (text, a number or None).
    """
    text = "" if value is None else str(value).strip()
    return "" if text == "<blank>" else re.sub(r"[ \t]+", " ", text)


def split_list(value: object) -> list[str]:
    """A "~"-marked list cell (tasks, related job titles) as its items, in ONS's order.

    :param value: the cell's value.
    """
    text = re.sub(r"\)(?=[A-Z])", ")~", clean_text(value))  # "Foreman (catering)Head waiter": two titles
    return [item for item in (clean_text(part) for part in text.split("~")) if item]


def read_unit_groups(xlsx: Path, library_wheels: list[Path]) -> dict[str, list]:
    """Every unit group in the workbook: code -> [title, description, entry routes, tasks, related job titles].

    :param xlsx: ONS's SOC 2020 Volume 1 workbook.
    :param library_wheels: the openpyxl and et-xmlfile wheels, imported from where they lie.
    :raises RuntimeError: if the workbook is not laid out as ONS's is (another edition changed its columns).
    """
    sys.path[:0] = [str(wheel) for wheel in library_wheels if str(wheel) not in sys.path]
    import openpyxl  # type: ignore[import-untyped]  # from the wheels just put on the path, not installed

    workbook = openpyxl.load_workbook(xlsx, read_only=True)
    try:
        rows = workbook[_SHEET].iter_rows(values_only=True)
        headings = [" ".join(str(cell or "").lower().split()) for cell in next(rows)]
        where = {}
        for name, start in _COLUMNS.items():
            found = [n for n, heading in enumerate(headings) if heading.startswith(start)]
            if len(found) != 1:
                raise RuntimeError(f"{xlsx.name}: no single column headed {start!r} in the sheet {_SHEET!r}")
            where[name] = found[0]
        groups: dict[str, list] = {}
        for row in rows:
            code = clean_text(row[where["code"]])
            if not _UNIT_GROUP.fullmatch(code):
                continue  # a major, sub-major or minor group's row, or a gap
            groups[code] = [clean_text(row[where["title"]]), clean_text(row[where["description"]]),
                            clean_text(row[where["entry"]]), split_list(row[where["tasks"]]),
                            split_list(row[where["related"]])]
    finally:
        workbook.close()
    if len(groups) < 400:  # SOC 2020 has 412 unit groups
        raise RuntimeError(f"{xlsx.name}: only {len(groups)} unit groups found; is it SOC 2020 Volume 1?")
    return groups


def unit_groups_file(xlsx: Path, library_wheels: list[Path]) -> dict:
    """The contents of ``soc2020.json.gz``: the format number and every unit group.

    :param xlsx: ONS's SOC 2020 Volume 1 workbook.
    :param library_wheels: the openpyxl and et-xmlfile wheels.
    """
    return {"format": SOC2020_FORMAT, "groups": read_unit_groups(xlsx, library_wheels)}

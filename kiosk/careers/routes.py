"""Typical routes into a career (licences, cards, apprenticeships), from the curated ``assets/careers/routes.toml``.

The open data the kiosk uses (SOC, ESCO) says what a job involves, not what the law or a site asks for before you
start, so these few routes are written by hand, each with the public page that says so.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kiosk.assets import ASSETS

ROUTES_FILE = ASSETS / "careers" / "routes.toml"


class RoutesError(ValueError):
    """The routes file is not as ``load_routes`` expects."""


@dataclass(frozen=True)
class Route:
    """One step into a career, in English and Welsh, with its source page."""

    family: str
    en: str
    cy: str
    source: str

    def text(self, language: str) -> str:
        """The step in "en" or "cy".

        :param language: "en" or "cy".
        """
        return self.cy if language == "cy" else self.en


def load_routes(path: Path | None = None) -> dict[str, tuple[Route, ...]]:
    """Every route, by family key, in the file's order.

    :param path: the TOML file (``ROUTES_FILE`` by default).
    :raises RoutesError: for a route without its texts or with a source that is not an https address.
    """
    data = tomllib.loads((path or ROUTES_FILE).read_text(encoding="utf-8"))
    routes: dict[str, list[Route]] = {}
    for n, entry in enumerate(data.get("route", []), 1):
        fields = {name: entry.get(name) for name in ("family", "en", "cy", "source")}
        if not all(isinstance(v, str) and v.strip() for v in fields.values()):
            raise RoutesError(f"route {n}: family, en, cy and source must all be given")
        if not fields["source"].startswith("https://"):
            raise RoutesError(f"route {n}: the source must be an https address")
        routes.setdefault(fields["family"], []).append(Route(**fields))
    return {key: tuple(value) for key, value in routes.items()}


@cache
def routes_for(family_key: str) -> tuple[Route, ...]:
    """The packaged routes into one career; none for a career without curated routes.

    :param family_key: a key of ``kiosk.cv.suggestions.Occupations.families``.
    """
    return load_routes().get(family_key, ())

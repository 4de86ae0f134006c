"""Every postcode district and town in Great Britain, at every radius the screen offers: the search never fails,
finds every vacancy within the radius and none beyond it.

The search was right for the towns our tests used and crashed near Penzance: a circle reaching west or south of the
National Grid's origin made grid tags with a minus sign, which FTS5 read as syntax. So this sweeps the whole input
space instead: each of the ~2,900 districts and ~5,800 towns in the places asset, at each of ``RADII``, over a small
cache of vacancies scattered round real places (and on the grid's very edges), and compares each search with a
brute-force count.

Distance. The kiosk measures straight lines on the National Grid. The truth we did not write is the great-circle
distance on the Earth: we convert the grid to latitude and longitude with the Ordnance Survey's own formulas
(transverse Mercator on the Airy 1830 ellipsoid, from "A guide to coordinate systems in Great Britain", OS 2020,
annex C) and measure along the sphere. The two differ by the grid's scale factor (0.9996 on the central meridian,
up to about 1.0007 at Great Britain's edges) and the sphere's flattening, under 0.5% in all; so a hit must lie
within the radius plus 0.5% by great circle, and every vacancy within the radius less 0.5% must be found. Against
the grid distance itself the search must agree exactly.
"""

import datetime as dt
import math
import random
import time

import pytest

from kiosk.jobs.cache import open_cache, store_vacancies
from kiosk.jobs.query import METRES_PER_MILE, RADII, JobQuery
from kiosk.jobs.search import JobSearch
from kiosk.jobs.vacancies import GRID_EAST_MAX, GRID_NORTH_MAX, check_vacancy
from tests.jobs.test_search import TODAY, record

pytestmark = pytest.mark.sweep
SLACK = 0.005  # grid against great circle, as said above


# --- the Ordnance Survey's formulas: National Grid to latitude and longitude (OSGB36) --------------------------

A, B = 6377563.396, 6356256.909          # Airy 1830 semi-axes, metres
F0 = 0.9996012717                        # scale factor on the central meridian
LAT0, LON0 = math.radians(49), math.radians(-2)
E0, N0 = 400000, -100000
E2 = 1 - (B * B) / (A * A)
N_ = (A - B) / (A + B)


def _meridional_arc(lat):
    n, n2, n3 = N_, N_ * N_, N_ ** 3
    d, s = lat - LAT0, lat + LAT0
    return B * F0 * ((1 + n + 5 / 4 * n2 + 5 / 4 * n3) * d - (3 * n + 3 * n2 + 21 / 8 * n3) * math.sin(d) * math.cos(s)
                     + (15 / 8 * n2 + 15 / 8 * n3) * math.sin(2 * d) * math.cos(2 * s)
                     - 35 / 24 * n3 * math.sin(3 * d) * math.cos(3 * s))


def grid_to_lat_lon(easting, northing):
    """OS guide annex C, "converting eastings and northings to latitude and longitude" (radians)."""
    lat, m = LAT0, 0.0
    while True:
        lat = (northing - N0 - m) / (A * F0) + lat
        m = _meridional_arc(lat)
        if abs(northing - N0 - m) < 0.00001:
            break
    sin, cos, tan = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = A * F0 / math.sqrt(1 - E2 * sin * sin)
    rho = A * F0 * (1 - E2) / (1 - E2 * sin * sin) ** 1.5
    eta2 = nu / rho - 1
    vii = tan / (2 * rho * nu)
    viii = tan / (24 * rho * nu ** 3) * (5 + 3 * tan ** 2 + eta2 - 9 * tan ** 2 * eta2)
    ix = tan / (720 * rho * nu ** 5) * (61 + 90 * tan ** 2 + 45 * tan ** 4)
    x = 1 / (cos * nu)
    xi = 1 / (cos * 6 * nu ** 3) * (nu / rho + 2 * tan ** 2)
    xii = 1 / (cos * 120 * nu ** 5) * (5 + 28 * tan ** 2 + 24 * tan ** 4)
    xiia = 1 / (cos * 5040 * nu ** 7) * (61 + 662 * tan ** 2 + 1320 * tan ** 4 + 720 * tan ** 6)
    de = easting - E0
    return (lat - vii * de ** 2 + viii * de ** 4 - ix * de ** 6,
            LON0 + x * de - xi * de ** 3 + xii * de ** 5 - xiia * de ** 7)


def great_circle_miles(a, b):
    """Haversine on a sphere of the Earth's mean radius (6,371,008.8 m, IUGG), between two (lat, lon) pairs."""
    (lat1, lon1), (lat2, lon2) = a, b
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h)) / METRES_PER_MILE


def test_the_grid_conversion_matches_the_ordnance_surveys_worked_example():
    # OS guide annex C worked example: E 651409.903, N 313177.270 is 52° 39' 27.2531" N, 1° 43' 4.5177" E (OSGB36)
    lat, lon = grid_to_lat_lon(651409.903, 313177.270)
    assert math.degrees(lat) == pytest.approx(52 + 39 / 60 + 27.2531 / 3600, abs=1e-6)
    assert math.degrees(lon) == pytest.approx(1 + 43 / 60 + 4.5177 / 3600, abs=1e-6)


# --- the sweep ---------------------------------------------------------------------------------------------------


class ByKey:
    """Resolves "P<number>" to the place of that number: the sweep names every place exactly, never by a
    spelling that could be ambiguous (the place look-up itself is tested in test_places.py)."""

    def __init__(self, spots):
        self.spots = spots

    def resolve(self, text):
        return self.spots[int(text[1:])]


def every_place(places):
    districts = [places.district(code) for code in sorted(places._districts)]
    return districts + list(places.towns())


def scattered_vacancies(spots, count=100, seed=3):
    """Vacancies round real places (up to 60 miles off, so every radius has some in and some out), and on the
    grid's corners and edges."""
    rng = random.Random(seed)
    points = [(0, 0), (GRID_EAST_MAX, 0), (0, GRID_NORTH_MAX), (GRID_EAST_MAX, GRID_NORTH_MAX), (85000, 10000)]
    while len(points) < count:
        spot = rng.choice(spots)
        angle, reach = rng.uniform(0, 2 * math.pi), rng.uniform(0, 60) * METRES_PER_MILE
        east, north = int(spot.easting + reach * math.cos(angle)), int(spot.northing + reach * math.sin(angle))
        if 0 <= east <= GRID_EAST_MAX and 0 <= north <= GRID_NORTH_MAX:
            points.append((east, north))
    return [check_vacancy(record(n, easting=e, northing=n_)) for n, (e, n_) in enumerate(points)]


@pytest.mark.timeout(900)  # tens of thousands of searches: under a minute on an idle 2-core machine
def test_every_district_and_town_at_every_radius_finds_exactly_the_vacancies_within_it(places):
    spots = every_place(places)
    assert len(spots) > 8000  # the whole of Great Britain, not a sample
    vacancies = scattered_vacancies(spots)
    db = open_cache(":memory:")
    store_vacancies(db, vacancies)
    search = JobSearch(db, ByKey(spots), today=lambda: TODAY)
    where = {v["id"]: (v["easting"], v["northing"]) for v in vacancies}
    on_earth = {key: grid_to_lat_lon(*point) for key, point in where.items()}
    started, searches = time.perf_counter(), 0
    widest = RADII[-1] * (1 + SLACK)
    for number, spot in enumerate(spots):
        centre = grid_to_lat_lon(spot.easting, spot.northing)
        grid_miles = {key: math.hypot(e - spot.easting, n - spot.northing) / METRES_PER_MILE
                      for key, (e, n) in where.items()}
        # Great circle to every vacancy that could be within the widest radius: a latitude more than that away
        # (69 miles a degree, at least) rules one out without trusting the grid.
        earth_miles = {key: great_circle_miles(centre, point) for key, point in on_earth.items()
                       if abs(point[0] - centre[0]) * 3958.8 <= widest}
        for radius in RADII:
            nearby = [key for key, miles in grid_miles.items() if miles <= radius + 0.01]
            truly_near = {key for key, miles in earth_miles.items() if miles <= radius * (1 - SLACK)}
            if not nearby and not truly_near:
                continue  # nothing to find: still searched below, for errors, at the widest radius
            result = search.search(JobQuery(place=f"P{number}", radius_miles=radius, sort="nearest",
                                            page_size=1000))
            searches += 1
            found = {hit.id for hit in result.hits}
            exact = {key for key in nearby if grid_miles[key] <= radius}
            assert found == exact and result.total == len(exact), (spot.name, radius)
            assert all(earth_miles[key] <= radius * (1 + SLACK) for key in found), (spot.name, radius)
            assert truly_near <= found, (spot.name, radius, truly_near - found)
        # A place with nothing near still searches without error at the widest radius.
        search.search(JobQuery(place=f"P{number}", radius_miles=RADII[-1]))
    print(f"swept {len(spots)} places x {len(RADII)} radii: {searches} searches with vacancies in reach, "
          f"{time.perf_counter() - started:.1f} s")


def test_penzance_truro_falmouth_scilly_and_the_outer_hebrides_search_at_every_radius(places):
    db = open_cache(":memory:")
    store_vacancies(db, [check_vacancy(record(1, easting=147000, northing=30000))])  # Penzance
    search = JobSearch(db, places, today=lambda: dt.date(2026, 11, 22))
    for where in ("TR21", "TR18", "Penzance", "Truro", "Falmouth", "HS1", "HS9", "ZE2"):
        for radius in RADII:
            result = search.search(JobQuery(place=where, radius_miles=radius))
            assert not result.place_unknown, where
    assert search.search(JobQuery(place="TR18", radius_miles=3)).total == 1


@pytest.mark.sweep
def test_any_radius_or_page_is_either_searched_or_refused_plainly(places):
    from hypothesis import given
    from hypothesis import strategies as st

    db = open_cache(":memory:")
    store_vacancies(db, [check_vacancy(record(1))])
    search = JobSearch(db, places, today=lambda: TODAY)

    @given(radius=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**9, 10**9)),
           page=st.integers(-10**12, 10**12), where=st.sampled_from(["LS1", "TR21", "HS1", "ZE3", "Leeds", ""]))
    def searched_or_refused(radius, page, where):
        try:
            query = JobQuery(place=where, radius_miles=radius, page=page)
        except ValueError:
            return
        assert 0 < radius <= 100 and 0 <= page <= 1_000_000
        assert search.search(query).total >= 0

    searched_or_refused()

"""Offline places: building the files, resolving postcodes, districts and towns, type-ahead and distances.

The files are built once per test session with ``build_assets`` (the wheels are cached in ~/.cache/jobpoint/wheels,
so only the first run downloads), unless ``assets/generated`` already holds a current build.
"""

import statistics
import string
import time
from itertools import product

import pytest

from kiosk.assets_build import _national_grid, wgs84_to_bng
from kiosk.jobs.places import ATTRIBUTIONS, load_places, miles_between


def km_apart(place, easting, northing):
    return miles_between(place.easting, place.northing, easting, northing) * 1.609344


@pytest.mark.parametrize("text", ["ls1 4ap", "LS14AP", "  LS1 4AP. ", "Ls1  4aP"])
def test_a_full_postcode_resolves_to_its_district_centroid(places, text):
    place = places.resolve(text)
    district = places.district("LS1")
    assert (place.name, place.kind, place.district) == ("LS1 4AP", "postcode", "LS1")
    assert (place.easting, place.northing) == (district.easting, district.northing)
    assert km_apart(place, 430000, 433500) < 1.5  # Leeds city centre


@pytest.mark.parametrize("text", ["M1", "m1", " M1 ", "m1,"])
def test_a_postcode_district_resolves_to_its_centroid(places, text):
    place = places.resolve(text)
    assert (place.name, place.kind, place.district) == ("M1", "district", "M1")
    assert km_apart(place, 384400, 398000) < 1.5  # Manchester Piccadilly


@pytest.mark.parametrize("text, shown, easting, northing, district", [
    ("Leeds", "Leeds", 430000, 433500, "LS1"),
    ("LEEDS", "Leeds", 430000, 433500, "LS1"),
    ("cardiff", "Cardiff", 318000, 176000, "CF10"),
    ("Caerdydd", "Caerdydd", 318000, 176000, "CF10"),
    ("caerdydd", "Caerdydd", 318000, 176000, "CF10"),
    ("Abertawe", "Abertawe", 265500, 193000, "SA1"),
    ("king's lynn", "King's Lynn", 562000, 320000, "PE30"),
    ("Stoke on Trent", "Stoke-on-Trent", 388000, 345000, "ST4"),
    ("Dùn Èideann", "Dùn Èideann", 325500, 673800, "EH2"),
    ("dun eideann", "Dun Eideann", 325500, 673800, "EH2"),
])
def test_a_town_resolves_by_any_of_its_names_in_any_case(places, text, shown, easting, northing, district):
    place = places.resolve(text)
    assert (place.name, place.kind, place.district) == (shown, "town", district)
    assert km_apart(place, easting, northing) < 2


def test_a_name_shared_by_several_towns_means_the_most_populous(places):
    assert places.resolve("Newport").district == "NP20"  # Newport in Gwent, not the Isle of Wight or Shropshire


@pytest.mark.parametrize("text", ["Atlantis", "ZZ1 1ZZ", "", "   ", "--", "12345", "BT1 1AA", "Belfast", "LS1 4"])
def test_unknown_text_resolves_to_nothing(places, text):
    # Northern Ireland is left out on purpose: Code-Point Open has no BT postcodes.
    assert places.resolve(text) is None


def test_big_towns_lie_near_the_centre_of_their_postcode_district(places):
    far = [(t.name, t.district) for t in places.towns() if t.population >= 100_000
           if km_apart(places.district(t.district), t.easting, t.northing) > 8]
    assert not far


def test_every_position_is_in_great_britain_on_the_national_grid(places):
    towns = places.towns()
    assert len(towns) > 5000 and {t.region for t in towns} == {"ENG", "SCT", "WLS"}
    assert all(0 < t.easting < 700_000 and 0 < t.northing < 1_250_000 for t in towns)


def test_suggestions_start_from_the_second_letter(places):
    assert places.suggest("l") == []
    found = places.suggest("le")
    assert found[:2] == ["Leeds", "Leicester"] and len(found) == 8
    assert all(name.lower().startswith("le") for name in found)


def test_suggestions_put_bigger_towns_first(places):
    population = {}
    for town in places.towns():
        population.setdefault(town.name, town.population)
    found = places.suggest("ca", limit=20)
    assert [population[name] for name in found] == sorted((population[name] for name in found), reverse=True)


def test_suggestions_offer_districts_for_a_postcode_start(places):
    assert places.suggest("ls1", limit=4) == ["LS1", "LS10", "LS11", "LS12"]
    assert places.suggest("ls")[:3] == ["LS1", "LS2", "LS3"]
    assert places.suggest("m1")[0] == "M1"


def test_suggestions_find_welsh_names_once_no_town_name_fits(places):
    assert places.suggest("caerd") == ["Caerdydd"]
    assert "Caerdydd" not in places.suggest("ca")  # the town's own name is already there


def test_suggestions_are_fast_enough_for_every_key_press(places):
    times = []
    for first, second in product(string.ascii_lowercase, repeat=2):
        started = time.perf_counter()
        places.suggest(first + second)
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.001


def test_leeds_to_manchester_is_about_36_miles_as_the_crow_flies(places):
    leeds, manchester = places.resolve("Leeds"), places.resolve("Manchester")
    assert miles_between(leeds.easting, leeds.northing, manchester.easting, manchester.northing) == \
        pytest.approx(36, abs=3)


def test_national_grid_projection_matches_the_ordnance_survey_worked_example():
    # OS "A guide to coordinate systems in Great Britain", annex C: OSGB36 52°39'27.2531"N 1°43'4.5177"E.
    latitude = (52 + 39 / 60 + 27.2531 / 3600) * 3.141592653589793 / 180
    longitude = (1 + 43 / 60 + 4.5177 / 3600) * 3.141592653589793 / 180
    assert _national_grid(latitude, longitude) == pytest.approx((651409.903, 313177.270), abs=0.01)


@pytest.mark.parametrize("latitude, longitude, expected", [
    (51.48, -3.18, (318152.6, 176332.0)),        # Cardiff, as the bng-latlon package gives it
    (53.79648, -1.54785, (429881.0, 433447.2)),  # Leeds
])
def test_gps_positions_convert_to_the_grid_within_a_few_metres(latitude, longitude, expected):
    assert wgs84_to_bng(latitude, longitude) == pytest.approx(expected, abs=3)


def test_the_attribution_file_holds_every_statement_the_licences_require(assets_dir):
    text = (assets_dir / "ATTRIBUTION.txt").read_text(encoding="utf-8")
    assert all(statement in text for statement in ATTRIBUTIONS)
    for source in ("Contains OS data ©", "Contains Royal Mail data ©", "Contains National Statistics data ©",
                   "geonames.org", "CC BY 4.0", "Source: Office for National Statistics licensed under the Open "
                   "Government Licence v.3.0"):
        assert any(source in statement for statement in ATTRIBUTIONS), source


def test_the_places_file_is_small(assets_dir):
    assert (assets_dir / "places.json.gz").stat().st_size < 1_000_000


def test_a_missing_places_file_says_how_to_build_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"python -m kiosk\.assets_build"):
        load_places(tmp_path / "places.json.gz")

"""Positions: GPS latitude/longitude to the British National Grid the kiosk searches by, and back.

    >>> wgs84_to_bng(53.7997, -1.5492)          # Leeds
    (429790, 433806)
    >>> bng_to_wgs84(429790, 433806)
    (53.7997, -1.5492)

The forward conversion is the kiosk's own (``kiosk.assets_build.wgs84_to_bng``: Ordnance Survey's Helmert
transform and transverse Mercator, good to about 5 m). The reverse, used only by ``demo-feed``, undoes each step
(the inverse projection by iteration, then the Helmert transform with its parameters negated), and rounds to
5 decimal places (about 1 m), so a vacancy that goes out and comes back lands within a few metres.
"""

from __future__ import annotations

import math

from kiosk.assets_build import wgs84_to_bng

__all__ = ["bng_to_wgs84", "in_great_britain", "wgs84_to_bng"]

_WGS84 = (6378137.000, 6356752.314245)
_AIRY_1830 = (6377563.396, 6356256.909)
_HELMERT_TO_WGS84 = (446.448, -125.157, 542.060, 20.4894e-6, 0.1502, 0.2470, 0.8421)
_F0, _LAT0, _LON0, _E0, _N0 = 0.9996012717, math.radians(49), math.radians(-2), 400000, -100000


def in_great_britain(latitude: float, longitude: float) -> bool:
    """A rough box round Great Britain and its islands, to refuse positions that cannot be on the National Grid.

    :param latitude: degrees north.
    :param longitude: degrees east.
    """
    return 49.8 <= latitude <= 61.0 and -8.8 <= longitude <= 2.1


def _meridian_arc(lat: float, b: float, n: float) -> float:
    dlat, slat = lat - _LAT0, lat + _LAT0
    return b * _F0 * ((1 + n + 5 / 4 * n ** 2 + 5 / 4 * n ** 3) * dlat
                      - (3 * n + 3 * n ** 2 + 21 / 8 * n ** 3) * math.sin(dlat) * math.cos(slat)
                      + (15 / 8 * n ** 2 + 15 / 8 * n ** 3) * math.sin(2 * dlat) * math.cos(2 * slat)
                      - 35 / 24 * n ** 3 * math.sin(3 * dlat) * math.cos(3 * slat))


def _grid_to_osgb36(easting: float, northing: float) -> tuple[float, float]:
    a, b = _AIRY_1830
    e2 = 1 - b * b / (a * a)
    n = (a - b) / (a + b)
    lat, arc = _LAT0, 0.0
    while abs(northing - _N0 - arc) >= 0.00001:
        lat += (northing - _N0 - arc) / (a * _F0)
        arc = _meridian_arc(lat, b, n)
    sin, cos, tan = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * _F0 / math.sqrt(1 - e2 * sin * sin)
    rho = a * _F0 * (1 - e2) / (1 - e2 * sin * sin) ** 1.5
    eta2 = nu / rho - 1
    de = easting - _E0
    vii = tan / (2 * rho * nu)
    viii = tan / (24 * rho * nu ** 3) * (5 + 3 * tan ** 2 + eta2 - 9 * tan ** 2 * eta2)
    ix = tan / (720 * rho * nu ** 5) * (61 + 90 * tan ** 2 + 45 * tan ** 4)
    x = 1 / (cos * nu)
    xi = 1 / (cos * 6 * nu ** 3) * (nu / rho + 2 * tan ** 2)
    xii = 1 / (cos * 120 * nu ** 5) * (5 + 28 * tan ** 2 + 24 * tan ** 4)
    xiia = 1 / (cos * 5040 * nu ** 7) * (61 + 662 * tan ** 2 + 1320 * tan ** 4 + 720 * tan ** 6)
    return (lat - vii * de ** 2 + viii * de ** 4 - ix * de ** 6,
            _LON0 + x * de - xi * de ** 3 + xii * de ** 5 - xiia * de ** 7)


def _cartesian(lat: float, lon: float, ellipsoid) -> tuple[float, float, float]:
    a, b = ellipsoid
    e2 = 1 - b * b / (a * a)
    nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return nu * math.cos(lat) * math.cos(lon), nu * math.cos(lat) * math.sin(lon), (1 - e2) * nu * math.sin(lat)


def _geodetic(x: float, y: float, z: float, ellipsoid) -> tuple[float, float]:
    a, b = ellipsoid
    e2 = 1 - b * b / (a * a)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        lat = math.atan2(z + e2 * nu * math.sin(lat), p)
    return lat, math.atan2(y, x)


def bng_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """British National Grid metres to GPS latitude and longitude (degrees, 5 decimal places).

    :param easting: metres east.
    :param northing: metres north.
    """
    x, y, z = _cartesian(*_grid_to_osgb36(easting, northing), _AIRY_1830)
    tx, ty, tz, s, rx, ry, rz = _HELMERT_TO_WGS84
    rx, ry, rz = (math.radians(r / 3600) for r in (rx, ry, rz))
    scale = 1 + s
    moved = (tx + scale * x - rz * y + ry * z, ty + rz * x + scale * y - rx * z, tz - ry * x + rx * y + scale * z)
    lat, lon = _geodetic(*moved, _WGS84)
    return round(math.degrees(lat), 5), round(math.degrees(lon), 5)

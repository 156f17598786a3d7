"""Idaho places, offline: ZIP codes with their county and centroid (from the `zipcodes` package), distances."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import zipcodes

# Idaho's bounding box, with a little slack (degrees).
IDAHO_BOX = (41.9, 49.1, -117.35, -110.95)  # lat min, lat max, lon min, lon max
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Zip:
    code: str
    city: str
    county: str  # without the word "County"
    lat: float
    lon: float
    kind: str  # STANDARD, PO BOX, UNIQUE


_FIELDS = ("zip_code", "city", "county", "lat", "long", "zip_code_type", "acceptable_cities")
_ROWS: list[dict[str, Any]] = []
_ZIPS: dict[str, Zip] = {}


def idaho_rows() -> list[dict[str, Any]]:
    """The `zipcodes` package's rows for Idaho (read once: about 0.8 s of CPU, as the package filters every US
    ZIP code; `ccci validate` keeps them in its cache, see `use_zip_rows`)."""
    if not _ROWS:
        _ROWS.extend({k: z.get(k) for k in _FIELDS} for z in zipcodes.filter_by(state="ID"))
    return _ROWS


def idaho_zips() -> dict[str, Zip]:
    """All Idaho ZIP codes the `zipcodes` package knows, by code."""
    if not _ZIPS:
        for z in idaho_rows():
            county = str(z.get("county") or "").removesuffix(" County")
            _ZIPS[z["zip_code"]] = Zip(
                z["zip_code"],
                str(z["city"]),
                county,
                float(z["lat"]),
                float(z["long"]),
                str(z.get("zip_code_type") or ""),
            )
    return _ZIPS


def zip_rows() -> list[dict[str, Any]]:
    """The rows, for a cache (its key must hold the `zipcodes` package's version)."""
    return idaho_rows()


def use_zip_rows(rows: object) -> bool:
    """Take the Idaho rows from a cache that `zip_rows` filled; False (and nothing taken) when they look wrong."""
    if _ROWS:
        return True
    if not (
        isinstance(rows, list)
        and rows
        and all(
            isinstance(r, dict) and isinstance(r.get("zip_code"), str) and isinstance(r.get("city"), str) for r in rows
        )
    ):
        return False
    _ROWS.extend(rows)
    return True


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km, by geopy, on the sphere of the mean Earth radius the finder uses in the
    browser (finder.js haversineKm; the Node parity test, tests/test_finder_parity.py, holds the two together)."""
    return float(_great_circle()((lat1, lon1), (lat2, lon2), radius=EARTH_RADIUS_KM).km)


@lru_cache(maxsize=1)
def _great_circle() -> Any:
    """geopy.distance.great_circle, loaded without geopy/__init__.py, which imports every geocoder and with them
    requests, urllib3 and ssl: ~0.25 s, a quarter of re-checking one changed record among 10,000 (issue 15).
    geopy.distance needs only geopy's point, units, util and format modules (and geographiclib). They are loaded
    under a bare `geopy` package that is taken out of sys.modules again, so that a later `import geopy` gets the
    whole package as usual; the function keeps its own modules. When geopy is already imported, it is used."""
    if "geopy" in sys.modules:
        from geopy.distance import great_circle

        return great_circle
    spec = importlib.util.find_spec("geopy")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("geopy is not installed")
    bare = types.ModuleType("geopy")
    bare.__path__ = list(spec.submodule_search_locations)
    sys.modules["geopy"] = bare
    try:
        return importlib.import_module("geopy.distance").great_circle
    finally:
        for name in [n for n in sys.modules if n == "geopy" or n.startswith("geopy.")]:
            del sys.modules[name]


def in_idaho(lat: float, lon: float) -> bool:
    lat_min, lat_max, lon_min, lon_max = IDAHO_BOX
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


@lru_cache(maxsize=1)
def city_centres() -> dict[str, tuple[float, float, str]]:
    """Idaho city name -> (lat, lon, county): the mean of its STANDARD ZIP centroids (any ZIP if it has none).

    A confidential location takes part in "near me" only at this point, never at its own.
    """
    groups: dict[str, list[Zip]] = {}
    for z in idaho_zips().values():
        groups.setdefault(z.city.lower(), []).append(z)
    out: dict[str, tuple[float, float, str]] = {}
    for name, zs in groups.items():
        std = [z for z in zs if z.kind == "STANDARD"] or zs
        out[name] = (
            round(sum(z.lat for z in std) / len(std), 4),
            round(sum(z.lon for z in std) / len(std), 4),
            std[0].county,
        )
    return out


@lru_cache(maxsize=1)
def county_centres() -> dict[str, tuple[float, float]]:
    """Idaho county name (without "County") -> (lat, lon): the mean of its STANDARD ZIP centroids (any of its
    ZIPs if it has none), the same centre the finder uses for a county."""
    points: dict[str, list[Zip]] = {}
    for z in idaho_zips().values():
        points.setdefault(z.county, []).append(z)
    out: dict[str, tuple[float, float]] = {}
    for county, zs in points.items():
        std = [z for z in zs if z.kind == "STANDARD"] or zs
        out[county] = (round(sum(z.lat for z in std) / len(std), 4), round(sum(z.lon for z in std) / len(std), 4))
    return out

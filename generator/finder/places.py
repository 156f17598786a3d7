"""Idaho places for the finder: the places table (`find/places.json`, generated from `zipcodes`), county centres,
city centres however a record spells the city, and where a location takes part in "near me"."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from generator.finder.text import fold
from generator.records.geo import city_centres, idaho_zips

COORD_DECIMALS = 4


def place_key(name: str) -> str:
    """A city name as the finder looks it up: folded, letters and digits only ("Coeur d'Alene" -> "coeurdalene")."""
    return "".join(ch for ch in fold(" ".join(name.split())).replace(" ", "") if ch.isalnum())


def _round(x: float) -> float:
    return round(float(x), COORD_DECIMALS)


@lru_cache(maxsize=1)
def _centres_by_key() -> dict[str, tuple[float, float, str]]:
    return {place_key(name): centre for name, centre in city_centres().items()}


def city_centre(city: str) -> tuple[float, float, str] | None:
    """The centre of an Idaho city however it is spelled ("Coeur d'Alene" = the ZIP list's "Coeur D Alene")."""
    return _centres_by_key().get(place_key(city))


def location_point(loc: dict[str, Any]) -> tuple[float, float] | None:
    """Where a location takes part in "near me": its own point if public, its city's centre if confidential."""
    addr = loc.get("address") or {}
    if addr.get("state") != "ID":
        geo = loc.get("geo") if not loc.get("confidential") else None
        return (_round(geo["lat"]), _round(geo["lon"])) if geo else None
    if not loc.get("confidential"):
        geo = loc.get("geo")
        if geo:
            return _round(geo["lat"]), _round(geo["lon"])
        z = idaho_zips().get(str(addr.get("postal_code", "")))
        if z:
            return _round(z.lat), _round(z.lon)
    centre = city_centre(str(addr.get("city", "")))
    return (centre[0], centre[1]) if centre else None


def places_table(counties: list[str], spellings: Iterable[str] = ()) -> dict[str, Any]:
    """Idaho ZIP codes and cities with coordinates and county: {"k": [county], "n": [city name],
    "z": {zip: [lat, lon, county#, city#]}, "c": {place_key(city): [lat, lon, county#, city#]}}.
    A city is named as `spellings` (the records' own city names) spell it when they match ("Coeur d'Alene",
    not the ZIP list's "Coeur D Alene")."""
    county_i = {c: i for i, c in enumerate(counties)}
    centres = city_centres()
    ours = {place_key(name): name for name in spellings}
    names: dict[str, str] = {}
    for z in sorted(idaho_zips().values(), key=lambda z: (z.kind != "STANDARD", z.code)):
        names.setdefault(z.city.lower(), ours.get(place_key(z.city), z.city))
    order = sorted(names)
    name_i = {lower: i for i, lower in enumerate(order)}
    zips = {
        code: [_round(z.lat), _round(z.lon), county_i.get(z.county, -1), name_i[z.city.lower()]]
        for code, z in sorted(idaho_zips().items())
    }
    cities = {
        place_key(lower): [centres[lower][0], centres[lower][1], county_i.get(centres[lower][2], -1), name_i[lower]]
        for lower in order
        if lower in centres
    }
    return {"k": counties, "n": [names[lower] for lower in order], "z": zips, "c": cities, "K": county_places(counties)}


def county_places(counties: list[str]) -> dict[str, list[Any]]:
    """A county as a place ("Canyon", "Canyon County"): place_key(county) -> [lat, lon, county#], the centre
    being the mean of the county's standard ZIP centroids (any of its ZIPs if it has none)."""
    points: dict[str, list[tuple[float, float]]] = {}
    std: dict[str, list[tuple[float, float]]] = {}
    for z in idaho_zips().values():
        points.setdefault(z.county, []).append((z.lat, z.lon))
        if z.kind == "STANDARD":
            std.setdefault(z.county, []).append((z.lat, z.lon))
    out: dict[str, list[Any]] = {}
    for i, county in enumerate(counties):
        pts = std.get(county) or points.get(county)
        if pts:
            out[place_key(county)] = [
                _round(sum(p[0] for p in pts) / len(pts)),
                _round(sum(p[1] for p in pts) / len(pts)),
                i,
            ]
    return out

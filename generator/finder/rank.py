"""The order of the finder's results, in Python: the twin of finder.js (findPlace, editDistance, match and its
comparison), so that tests and `make bench` can run the query set (tests/search_queries.yaml) on the shipped
data without a browser; tests/browser/test_finder.py checks that both give the same order.

Words first sort the organizations in two tiers: those scoring at least RELEVANT times the best score, then the
weaker matches (a word found in passing). Near a place each tier falls in three groups, in this order:

0. programs within FAR_KM of the place (counting their services that are not lines),
1. statewide and national lines: organizations whose matching services all serve the whole state or country
   and are hotlines or information lines or have no place to go to,
2. programs farther away.

Listings nobody can reach (no phone, website or e-mail) come after those that can be reached among the groups
0 and 1, and within group 2 (so near a place: near, lines, near or lines unreachable, far, far unreachable).
Then local programs by effective distance (the nearest location, or NEAR_KM for a program that serves the
place's county without a location near it), then by search score. Without a place there is one group:
reachable first, then by score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.finder.index import Searcher
from generator.finder.places import place_key
from generator.finder.text import query_terms
from generator.records.geo import haversine_km

NEAR_KM = 50.0
FAR_KM = 100.0
LINE_CATEGORIES = ("hotline", "information-referral")
RELEVANT = 0.25  # an organization scoring less than this share of the best score is a weaker match
_IDAHO = re.compile(r",?\s*(idaho|id)\.?\s*$", re.IGNORECASE)
_COUNTY_WORD = re.compile(r"^\s*condado\s+de\s+|\s+(county|co\.?|condado)\s*$", re.IGNORECASE)
_ZIP = re.compile(r"^(\d{5})(?:-\d{4})?$")


def edit_distance(a: str, b: str, stop: int) -> int:
    """Optimal string alignment distance (a swap of two letters is one edit), or `stop` when at least that."""
    if abs(len(a) - len(b)) >= stop:
        return stop
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i]
        low = i
        for j in range(1, len(b) + 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur.append(v)
            low = min(low, v)
        if low >= stop:
            return stop
        prev2, prev = prev, cur
    return min(prev[len(b)], stop)


def find_place(places: Mapping[str, Any], text: str) -> tuple[str, list[Any]] | None:
    """A city ("c") or county ("K") entry of the places table for `text` (finder.js: findPlace): exact first,
    then the nearest name one letter off (two from 9 letters on)."""
    t = _IDAHO.sub("", str(text), count=1)
    county = bool(_COUNTY_WORD.search(t))
    key = place_key(_COUNTY_WORD.sub("", t, count=1))
    if not key:
        return None
    tables = [("K", places.get("K", {}))] if county else [("c", places["c"]), ("K", places.get("K", {}))]
    for name, table in tables:
        if key in table:
            return name, table[key]
    limit = 2 if len(key) >= 9 else 1 if len(key) >= 4 else 0
    if not limit:
        return None
    best, best_d = None, limit + 1
    for name, table in tables:
        for k, entry in table.items():
            d = edit_distance(key, k, best_d)
            if d < best_d:
                best_d, best = d, (name, entry)
    return best


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    county: int  # docs.json county number, -1 if unknown


def resolve_place(places: Mapping[str, Any], docs: Mapping[str, Any], text: str) -> Place | None | bool:
    """None for no text, False for a place not found (finder.js: resolvePlace)."""
    t = str(text or "").strip()
    if not t:
        return None
    county_of = {k[0]: i for i, k in enumerate(docs["t"]["k"])}

    def county(i: int) -> int:
        return county_of.get(places["k"][i], -1) if 0 <= i < len(places["k"]) else -1

    m = _ZIP.match(t)
    if m:
        z = places["z"].get(m.group(1))
        return Place(z[0], z[1], county(z[2])) if z else False
    found = find_place(places, t)
    if not found:
        return False
    entry = found[1]
    return Place(entry[0], entry[1], county(entry[2]))


@dataclass(frozen=True)
class Row:
    org: int
    id: str
    km: float | None  # the nearest location of any matching service
    group: int
    services: tuple[int, ...]


def order(
    docs: Mapping[str, Any],
    searcher: Searcher,
    text: str = "",
    place: Place | None = None,
    keep: Callable[[int], bool] | None = None,
) -> list[Row]:
    """The finder's result rows, in order (finder.js: match, then its comparison)."""
    services = docs["s"]
    orgs = docs["o"]
    score: dict[int, float] = {}
    km: dict[int, float] = {}
    eff: dict[int, float] = {}
    local: dict[int, bool] = {}
    matched: dict[int, list[int]] = {}
    inf = float("inf")

    def service_km(i: int) -> float:
        assert place is not None  # only asked near a place
        s = services[i]
        locs = orgs[s["o"]].get("L", [])
        best = inf
        for li in s.get("L", []):
            loc = locs[li] if li < len(locs) else None
            if loc and loc[1] is not None:
                best = min(best, haversine_km(place.lat, place.lon, loc[1], loc[2]))
        return best

    sub_ids = [x[0] for x in docs["t"]["s"]]
    line_cats = {sub_ids.index(c) for c in LINE_CATEGORIES if c in sub_ids}

    def is_line(s: Mapping[str, Any], d: float) -> bool:
        return bool(s.get("g")) and (d > FAR_KM or bool(line_cats & set(s.get("c", []))))

    def visit(i: int, sc: float) -> None:
        o = services[i]["o"]
        if o not in score:
            score[o], km[o], eff[o], local[o] = sc, inf, inf, False
            matched[o] = []
        elif sc > score[o]:
            score[o] = sc
        matched[o].append(i)
        if place is not None:
            d = service_km(i)
            s = services[i]
            km[o] = min(km[o], d)
            if not is_line(s, d):
                local[o] = True
                e = d
                if not s.get("g") and e > NEAR_KM and place.county >= 0 and place.county in s.get("k", []):
                    e = NEAR_KM
                eff[o] = min(eff[o], e)

    terms = query_terms(text, searcher.stop)
    if terms:
        for hit in searcher.search(text, keep):
            visit(hit.ref, hit.score)
    else:
        for i in range(len(services)):
            if keep is None or keep(i):
                visit(i, 0.0)

    def group(o: int) -> int:
        if place is None:
            return 0
        return 1 if not local[o] else 0 if eff[o] <= FAR_KM else 2

    top = max(score.values(), default=0.0)

    def key(o: int) -> tuple[Any, ...]:
        g = group(o)
        return (
            1 if terms and score[o] < RELEVANT * top else 0,
            g == 2,
            1 if orgs[o].get("u") else 0,
            g,
            eff[o] if place is not None and g != 1 else 0.0,
            -score[o] if terms else 0.0,
            o,
        )

    return [
        Row(o, orgs[o]["i"], None if place is None or km[o] == inf else km[o], group(o), tuple(sorted(matched[o])))
        for o in sorted(score, key=key)
    ]

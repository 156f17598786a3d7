"""The finder's routes: for a listing nobody can reach, the line of another organization that can connect the
person to help (a local hotline or information line, else a statewide one). Only numbers already in the data."""

from __future__ import annotations

from typing import Any

ROUTE_CATEGORIES = ("hotline", "information-referral")  # the lines that can connect people to a program
ROUTE_FALLBACK = "idaho-211-careline"


def _first_call(phones: Any) -> list[str] | None:
    """A number to call, or else one to text."""
    return next((p for p in phones or [] if p[1] == "c"), None) or next((p for p in phones or [] if p[1] == "t"), None)


def add_routes(orgs: list[dict[str, Any]], services: list[dict[str, Any]], categories: list[int]) -> None:
    """For each listing nobody can reach ("u"), the line that can help instead ("rt": [org#, phone]): a local
    hotline or information line of another organization serving one of its counties, else Idaho 211 or
    another statewide information line. Only numbers already in the data."""

    served_by: dict[int, set[int]] = {}  # org# -> the counties its services name, from one pass over them
    for s in services:
        served_by.setdefault(s["o"], set()).update(s.get("k", []))

    def counties_of(o: int) -> set[int]:
        return {loc[3] for loc in orgs[o].get("L", []) if loc[3] >= 0} | served_by.get(o, set())

    lines: list[tuple[int, int, set[int], list[str]]] = []  # (scope, org#, counties, phone)
    for s in services:
        o = s["o"]
        if orgs[o].get("u") or not set(s.get("c", [])) & set(categories):
            continue
        phone = _first_call(s.get("p2")) or _first_call(orgs[o].get("p"))
        if phone:
            served = set(s.get("k", [])) | ({loc[3] for loc in orgs[o].get("L", [])} if not s.get("g") else set())
            lines.append((s.get("g", 0), o, served, phone))
    fallback = [line for line in lines if line[0] == 1]
    fallback.sort(key=lambda line: (orgs[line[1]]["i"] != ROUTE_FALLBACK, line[1]))
    for o, org in enumerate(orgs):
        if not org.get("u"):
            continue
        mine = counties_of(o)
        local = [line for line in lines if line[0] == 0 and line[2] & mine]
        local.sort(key=lambda line: (-len(line[2] & mine), line[1]))
        best = local[0] if local else (fallback[0] if fallback else None)
        if best:
            org["rt"] = [best[1], best[3]]

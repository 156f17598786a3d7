"""Clearly fictional synthetic records for benchmarks: "Example Shelter 0042", 208-555-01xx numbers.

Usage: python scripts/synth.py N OUT_DIR [--shape local|mixed|statewide]
(writes OUT_DIR/<id>.yaml through the canonical serializer)

Shapes (issue 15): `local` (the default, as before: three services in four local, one in four statewide),
`mixed` (a third of the services statewide or national), `statewide` (every service statewide: the shape of
many copies of a statewide record).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.records.dataset import SCHEMA_DIR, Taxonomy, load_taxonomy  # noqa: E402
from generator.records.fmt import dump  # noqa: E402
from generator.records.geo import idaho_zips  # noqa: E402

KINDS = ["Shelter", "Legal Aid", "Health Center", "Advocacy Center", "Family Services", "Job Center"]
WORDS = [
    "safe",
    "confidential",
    "free",
    "help",
    "support",
    "housing",
    "legal",
    "advocacy",
    "counseling",
    "families",
    "youth",
    "court",
    "immigration",
    "shelter",
    "rent",
    "food",
    "clothing",
    "interpreter",
    "spanish",
    "medical",
    "crisis",
    "recovery",
    "training",
    "jobs",
    "school",
    "safety",
    "planning",
    "survivors",
    "trauma-informed",
    "peer",
    "group",
    "walk-in",
    "hotline",
]


def _area_codes() -> list[str]:
    import phonenumbers

    codes = ["208", "986"]
    for ac in range(201, 990):
        n = phonenumbers.parse(f"+1{ac}5550100", "US")
        if str(ac) not in codes and phonenumbers.is_valid_number(n):
            codes.append(str(ac))
    return codes


_CODES: list[str] = []


def fictional_phone(i: int) -> str:
    """555-0100 to 555-0199 is reserved for fiction in every North American area code: 208 first, then others,
    so that 10,000 records do not all share 100 numbers."""
    if not _CODES:
        _CODES.extend(_area_codes())
    return f"+1{_CODES[(i // 100) % len(_CODES)]}5550{100 + i % 100}"


SHAPES = ("local", "mixed", "statewide")


def scope_of(shape: str, i: int, s: int) -> str:
    """The coverage scope of record i's service s in a shape."""
    if shape == "statewide":
        return "statewide"
    if shape == "mixed":
        return ["local", "statewide", "local", "national", "local", "local"][(i + s) % 6]
    return ["local", "local", "statewide", "local"][(i + s) % 4]


def record(i: int, tax: Taxonomy, zips: list[Any], rng: random.Random, shape: str = "local") -> dict[str, Any]:
    kind = KINDS[i % len(KINDS)]
    # 6 digits: five would read as a ZIP code in a confidential record
    ident = f"example-{kind.lower().replace(' ', '-')}-{i:06d}"
    z = zips[i % len(zips)]
    areas = sorted(tax.service_areas)
    subs_by_area: dict[str, list[str]] = {}
    for sub, (area, _) in tax.subcategories.items():
        subs_by_area.setdefault(area, []).append(sub)
    confidential = kind == "Shelter" and i % 2 == 0
    loc: dict[str, Any] = {"id": "main", "address": {"city": z.city, "county": z.county, "state": "ID"}}
    if confidential:
        loc["confidential"] = True
    else:
        loc["address"].update({"street": f"{100 + i % 900} Example St", "postal_code": z.code})
        jitter = rng.uniform(-0.01, 0.01)
        loc["geo"] = {"lat": round(z.lat + jitter, 4), "lon": round(z.lon - jitter, 4)}
    services = []
    for s in range(1 + i % 3):
        area = areas[(i + s) % len(areas)]
        scope = scope_of(shape, i, s)
        cov: dict[str, Any] = {"scope": scope}
        if scope == "local":
            cov["counties"] = [z.county]
        services.append(
            {
                "id": f"service-{s + 1}",
                "name": f"{tax.area_name(area)} {s + 1}",
                "service_area": area,
                "categories": [subs_by_area[area][(i + s) % len(subs_by_area[area])]],
                "description": "Fictional test service: " + " ".join(rng.choice(WORDS) for _ in range(18)) + ".",
                "populations": sorted(rng.sample(sorted(tax.populations), 2)),
                "languages": ["en"] + (["es"] if i % 3 == 0 else []),
                "fees": {"type": "free"},
                "hours": "24/7"
                if i % 5 == 0
                else {"weekly": [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}]},
                "how_to_get_help": {"walk_in": i % 2 == 0, "call_first": i % 2 == 1},
                "coverage": cov,
                "locations": ["main"],
            }
        )
    return {
        "id": ident,
        "name": f"Example {kind} {i:04d}",
        "description": "A fictional organization made for benchmarks. " + " ".join(rng.choices(WORDS, k=20)),
        "website": f"https://example-{i:05d}.test/",
        "phones": [{"number": fictional_phone(i), "type": "voice"}],
        "locations": [loc],
        "services": services,
        "verification": {"status": "unverified", "sources": [{"url": f"https://example-{i:05d}.test/about"}]},
    }


def write(n: int, out: Path, seed: int = 42, shape: str = "local") -> list[Path]:
    docs, _ = load_taxonomy(ROOT)
    tax = Taxonomy.from_data(docs)
    zips = sorted((z for z in idaho_zips().values() if z.kind == "STANDARD"), key=lambda z: z.code)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    schema = ROOT / SCHEMA_DIR / "organization.schema.json"
    for i in range(n):
        rec = record(i, tax, zips, rng, shape)
        path = out / f"{rec['id']}.yaml"
        path.write_text(dump(rec, schema), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write N fictional records.")
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--shape", choices=SHAPES, default="local")
    args = parser.parse_args()
    write(args.n, args.out, shape=args.shape)

"""A confidential place cannot leak through any field, in any output.

Secrets (a street, a ZIP code, coordinates and a map link) are planted in every field of a confidential place and
in every text of its record, straight into the data the producers get (validation is skipped on purpose: this
tests the second lock, generator/records/redact.py). Then every output is built for real (a MkDocs build into a
temporary folder, `ccci pages`' files and every export format) and every byte of every file is searched.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.outputs import build_outputs
from generator.opendata import export
from generator.plugin import run_build
from generator.records import leaks
from generator.records.dataset import load_dataset
from generator.records.redact import publishable
from generator.site.settings import from_mkdocs_yml
from tests.sitebuild import SITE_FIXTURES, copy_project

SECRETS = "4821 Zyxwv Lane 83999 43.917353, -116.382917 https://maps.google.com/?q=Qwzmap"
# 83999 is no real ZIP: the finder ships every real Idaho ZIP in find/places.json, which is not a leak.
NEEDLES = ("zyxwv", "83999", "917353", "382917", "qwzmap")
# Values that name something in the taxonomy or are numbers and dates: left as they are so the build runs.
_NOT_TEXT = {
    "service_area",
    "categories",
    "populations",
    "languages",
    "regions",
    "counties",
    "type",
    "status",
    "method",
    "number",
    "extension",
    "last_verified",
    "seen",
    "opens",
    "closes",
    "days",
    "scope",
    "id",
    "confidential",
    "email",
    "state",
    "text_keyword",
    "facts",
    "accessibility",
    "safety",
}


def _plant(value: Any, key: str = "") -> Any:
    """Every text of `value` with the secrets added (iterative; the record is small)."""
    if isinstance(value, dict):
        return {k: _plant(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plant(v, key) for v in value]
    if isinstance(value, str) and key not in _NOT_TEXT:
        return SECRETS if key in ("url", "website") else f"{value} {SECRETS}"
    return value


def _leaky_dataset(root: Path) -> Any:
    ds = load_dataset(root)
    org = next(o for o in ds.organizations if o["id"] == "example-falls-shelter")
    planted = _plant(org)
    planted["website"] = "https://www.google.com/maps/place/Qwzmap"
    planted["alternate_name"] = f"Falls {SECRETS}"
    planted["phones"][0]["description"] = f"Ask for the {SECRETS} door"
    loc = planted["locations"][0]
    loc.update(
        id="4821-zyxwv-lane-83999",
        name=SECRETS,
        description=SECRETS,
        geo={"lat": 43.917353, "lon": -116.382917},
        accessibility=["wheelchair-accessible"],
        safety=["secure-entrance"],
        directions=SECRETS,
    )
    loc["address"] = {
        "street": SECRETS,
        "street2": SECRETS,
        "city": SECRETS,
        "county": "83999 Zyxwv",
        "state": "ID 43.917353",
        "postal_code": "83999",
    }
    for svc in planted["services"]:
        svc["locations"] = ["4821-zyxwv-lane-83999"]
        svc["id"] = "shelter-4821-zyxwv-lane"
    planted["verification"]["notes"] = SECRETS
    ds.organizations[ds.organizations.index(org)] = planted
    return ds


def _leaks(name: str, data: bytes) -> list[str]:
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    low = data.lower()
    return [f"{name}: {n}" for n in NEEDLES if n.encode() in low]


def test_secrets_planted_in_every_field_reach_no_output(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", SITE_FIXTURES / "small")
    ds = _leaky_dataset(root)
    assert any("zyxwv" in str(o).lower() for o in ds.organizations), "the secrets must be planted"

    found: list[str] = []
    site = tmp_path / "site"
    error = run_build(root / "mkdocs.yml", site, ds)  # the real MkDocs build, with this data
    assert error is None, error
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(files) > 20 and any(p.name == "index.html" for p in files)
    for path in files:
        found += _leaks(str(path.relative_to(site)), path.read_bytes())

    out = build_outputs(publishable(ds), from_mkdocs_yml(root / "mkdocs.yml"))  # what `ccci pages` writes
    for name, text in out.pages.items():
        found += _leaks(f"pages/{name}", text.encode("utf-8"))
    for name, blob in out.assets.items():
        found += _leaks(f"pages/{name}", blob)
    for fmt in export.FORMATS:  # `ccci export`, which redacts on its own
        for name, blob in export.files(ds, fmt).items():
            found += _leaks(f"export/{name}", blob)
    assert found == [], found


def test_the_town_survives_when_it_is_a_real_place(tmp_path: Path) -> None:
    """The redaction keeps what may be shown: a real Idaho town, its county and the state."""
    root = copy_project(tmp_path / "project", SITE_FIXTURES / "small")
    ds = publishable(load_dataset(root))
    org = next(o for o in ds.organizations if o["id"] == "example-falls-shelter")
    assert org["locations"][0] == {
        "id": "shelter",
        "confidential": True,
        "address": {"city": "Twin Falls", "county": "Twin Falls", "state": "ID"},
    }


_PIECES = [
    "711",
    "W.",
    "Franklin",
    "St",
    "83702",
    "43.61,",
    "-116.20",
    "maps.google.com/?q=43.6,-116.2",
    "geo:43,-116",
    "///filled.count.soap",
    "8FQJ+2V",
    "corner of",
    "1234 W 500 S",
    "Hwy 95",
    "at",
    "Main",
    "Street",
    "call",
    "24/7",
    "St. Luke's",
    "5th",
    "lat: 43.6",
    "rural route 2 box 9",
    "help",
    "Boise,",
    "(208)",
    "555-0100",
    "mile marker",
]


@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=12).map(" ".join))
@settings(max_examples=400, deadline=None)
def test_scrub_cuts_what_every_pattern_finds_even_when_it_skips_clean_text(text: str) -> None:
    """leaks.scrub skips text in which `find` sees nothing (most text); what it gives is always what substituting
    the map-link words and then every pattern gives."""
    mark = "[removed]"
    full = leaks._TOKEN.sub(lambda m: mark if leaks._MAP_LINK.search(m.group(0)) else m.group(0), text)
    for pattern, _what in leaks.KINDS:
        full = pattern.sub(mark, full)
    assert leaks.scrub(text, mark) == full

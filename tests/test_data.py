"""The real data/ tree: valid, canonical, and true to the project's promises."""

from __future__ import annotations

import os
from collections import Counter

import pytest

from generator.build.check import validate_project
from tests.helpers import REPO, run_ccci

RESULT = validate_project(REPO)
ORGS = RESULT.dataset.organizations


def test_shipped_data_validates() -> None:
    errors = [p for p in RESULT.problems if p.is_error]
    assert errors == [], "\n".join(f"{p.path}:{p.line}:{p.col}: {p.message}" for p in errors)


@pytest.mark.skipif(
    os.environ.get("GITHUB_EVENT_NAME") == "pull_request",
    reason="on a pull request the canonical form is a suggestion (notices from validate.yml); "
    "format.yml applies it after the merge, so it never blocks a contributor",
)
def test_shipped_data_is_canonical() -> None:
    code, out, err = run_ccci(REPO, "fmt", "--check")
    assert (code, out, err) == (0, "", "")


def test_schema_reference_page_is_current() -> None:
    code, out, _ = run_ccci(REPO, "schema-docs", "--check")
    assert (code, out) == (0, "")


def test_at_least_forty_organizations() -> None:
    assert len(ORGS) >= 40


def test_every_record_cites_its_sources() -> None:
    assert all(o["verification"]["sources"] for o in ORGS)


def test_every_district_has_local_services() -> None:
    tax = RESULT.dataset.taxonomy
    regions: Counter[str] = Counter()
    for org in ORGS:
        here = {tax.county_region.get(loc.get("address", {}).get("county", "")) for loc in org.get("locations", [])}
        for svc in org["services"]:
            cov = svc["coverage"]
            here |= set(cov.get("regions", [])) | {tax.county_region.get(c) for c in cov.get("counties", [])}
        regions.update(r for r in here if r)
    assert set(regions) == set(tax.regions), f"districts without a local listing: {set(tax.regions) - set(regions)}"


def test_national_hotline_is_listed() -> None:
    numbers = {ph["number"] for o in ORGS for ph in o.get("phones", [])}
    assert "+18883737888" in numbers  # National Human Trafficking Hotline


@pytest.mark.parametrize("org", ORGS, ids=[o["id"] for o in ORGS])
def test_confidential_locations_hold_only_city_county_state(org: dict) -> None:  # type: ignore[type-arg]
    for loc in org.get("locations", []):
        if loc.get("confidential"):
            assert "geo" not in loc
            assert set(loc["address"]) <= {"city", "county", "state"}

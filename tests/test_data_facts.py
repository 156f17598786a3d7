"""Corrections from the fact-check (issue 11), pinned over the shipped data and hand-written pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.build.check import validate_project
from generator.present import coverage
from tests.helpers import REPO, run_ccci

RESULT = validate_project(REPO)
ORGS = {o["id"]: o for o in RESULT.dataset.organizations}
HOME = (REPO / "docs" / "index.md").read_text()
RIGHTS = (REPO / "docs" / "rights" / "index.md").read_text()


def _text(value: object) -> str:
    if isinstance(value, dict):
        return " ".join(_text(v) for k, v in value.items() if k != "verification")
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def test_bingham_rights_form_must_be_asked_for() -> None:
    svc = next(s for s in ORGS["bingham-county-prosecutor-victim-services"]["services"] if s["id"] == "victim-rights")
    text = " ".join(svc["description"].split())
    assert 'ask the office for the "Request To Exercise Rights" form' in text
    assert "only tells you your rights" in text


def test_988_says_calls_may_go_by_area_code() -> None:
    org = ORGS["988-suicide-and-crisis-lifeline"]
    text = " ".join(org["description"].split())
    assert "area code" in text and "another state" in text
    assert any(p["number"] == "+12083984357" for p in org["phones"])
    assert any(
        s["url"].startswith("https://regulations.justia.com/regulations/fedreg/2024/11/12/")
        for s in org["verification"]["sources"]
    )


def test_home_page_claims_only_what_is_true() -> None:
    home = " ".join(HOME.split())
    assert "people in Idaho answer" not in home
    assert "area code" in home and "tel:+12083984357" in home
    assert "last checked" not in home
    assert 'until then it says "Not yet verified"' in home
    # The wording the home page promises is the wording every unverified listing shows.
    from generator.present.views import verification

    unverified = [o for o in ORGS.values() if o["verification"]["status"] != "verified"]
    assert all(verification(o, dt.date(2026, 11, 30)).text.startswith("Not yet verified") for o in unverified)


def test_emergency_funds_is_sourced_not_promised() -> None:
    assert "- You can get emergency funds." not in RIGHTS
    assert "money.md#emergency-funds" in RIGHTS
    assert "ojp.gov/library/publications/state-crime-victim-compensation-and-assistance-grant-programs-0" in RIGHTS


# Details that point at a confidential place or name its security: bed and room counts, animals it can house,
# how a building is disguised.
REVEALING = re.compile(
    r"\b\d+\s+(beds?|bedrooms?|rooms)\b|\b(six|seven|eight)\s+(beds?|bedrooms?)\b|horses?"
    r"|look like a house|disguised",
    re.IGNORECASE,
)


@pytest.mark.parametrize("oid", sorted(ORGS))
def test_no_revealing_detail_beside_a_confidential_place(oid: str) -> None:
    org = ORGS[oid]
    if not any(loc.get("confidential") for loc in org.get("locations", [])) and not any(
        loc.get("address", {}).get("street") for loc in org.get("locations", [])
    ):
        return
    found = REVEALING.search(_text(org))
    assert found is None, f"{oid}: '{found.group(0)}' tells too much about a private or protected place"


def test_old_phone_or_address_sources_are_in_the_stale_queue() -> None:
    today = dt.date(2026, 11, 30)
    flagged = {oid for oid, o in ORGS.items() if coverage.old_contact_sources(o, today)}
    assert {"idaho-211-careline", "alternatives-to-violence-of-the-palouse"} <= flagged
    code, out, _ = run_ccci(REPO, "stale")
    assert code == 0
    lines = {line.split(":", 1)[0]: line for line in out.splitlines()}
    for oid in flagged:
        if ORGS[oid]["verification"]["status"] != "verified":
            assert "; confirm " in lines[oid] and " source" in lines[oid], lines[oid]


def test_a_source_that_prints_a_safe_house_street_is_named_but_not_linked() -> None:
    """Two news stories printed a confidential shelter's street: its page names them, with no link."""
    from generator.records.dataset import load_dataset
    from generator.records.redact import has_confidential_place
    from generator.site import pages

    cited = [
        (o, s)
        for o in ORGS.values()
        if has_confidential_place(o)
        for s in o["verification"]["sources"]
        if "address" in s.get("facts", [])
    ]
    assert cited, "the shipped data has no such source any more: this test guards nothing"
    out = pages.produce(load_dataset(REPO), {"today": dt.date(2026, 11, 30), "site_name": "Test"})
    for org, src in cited:
        md = out.pages[f"org/{org['id']}.md"]
        assert src["url"] not in md, org["id"]
        assert (src.get("title") or "A public source") in md, org["id"]
    linked = [s["url"] for o in ORGS.values() if not has_confidential_place(o) for s in o["verification"]["sources"]]
    assert any(u in "".join(out.pages.values()) for u in linked)  # other sources keep their links

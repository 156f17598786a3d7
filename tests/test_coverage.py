"""`ccci coverage` and the "Where we have no listing yet" page, on real fixture records in a real project tree."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from generator.build.check import validate_project
from generator.present import coverage
from generator.site.pages import produce
from tests.helpers import FIXTURES, TODAY, make_project, run_ccci
from tests.test_readability import MAX_GRADE, fk_grade, readable_text  # noqa: F401 - fk_grade is a fixture

# A local program with no phone, text or website: it serves Butte County but nobody can reach it yet.
UNREACHABLE = """\
id: example-butte-pantry
name: "Example <b>Butte</b> [Pantry](https://evil.test) @team"
description: A fictional food pantry with no phone or website.
services:
  - id: pantry
    name: Food pantry
    service_area: survivor-centered
    description: Food for anyone who needs it.
    populations: [farmworkers]
    coverage:
      scope: local
      counties: [Butte]
verification:
  status: unverified
  sources:
    - url: https://example-news.test/2015/pantry
      seen: "2015-06"
      facts: [address, services]
"""


def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path, FIXTURES / "valid")
    (root / "data" / "organizations" / "example-butte-pantry.yaml").write_text(UNREACHABLE)
    return root


def test_counts_on_fixture_records(tmp_path: Path) -> None:
    ds = validate_project(project(tmp_path)).dataset
    cov = coverage.compute(ds, dt.date.fromisoformat(TODAY))
    assert (cov.organizations, cov.with_phone, cov.with_contact, cov.confirmed) == (3, 2, 2, 1)
    rows = {r.county: r for r in cov.counties}
    # Example Survivor Services serves the central district (4 counties) and has a phone: reachable there.
    assert [(rows[c].listings, rows[c].reachable) for c in ("Ada", "Boise", "Elmore", "Valley")] == [(1, 1)] * 4
    assert (rows["Butte"].listings, rows["Butte"].reachable) == (1, 0)
    assert (rows["Owyhee"].listings, rows["Owyhee"].reachable) == (0, 0)
    assert cov.counties_reached == 4
    # No reachable local listing first: counties with no listing at all, then those whose listings nobody can reach.
    assert [(r.listings, r.reachable) for r in cov.counties[:40]] == [(0, 0)] * 39 + [(1, 0)]
    assert (cov.counties[0].county, cov.counties[39].county) == ("Adams", "Butte")
    assert [r.county for r in cov.counties[-4:]] == ["Ada", "Boise", "Elmore", "Valley"]
    housing = next(a for a in cov.areas if a.area == "housing")
    assert (housing.local, housing.local_reachable, housing.counties_reached) == (1, 1, 4)
    assert "housing" not in rows["Ada"].areas_missing and "housing" in rows["Butte"].areas_missing
    assert cov.populations["farmworkers"] == 1 and cov.populations["2slgbtqia"] == 1
    assert [c.id for c in cov.calling][0] == "example-butte-pantry"
    pantry = cov.calling[0]
    assert pantry.missing == ["no phone", "no website", "no e-mail"] and pantry.counties == ["Butte"]
    assert pantry.old_sources == [
        {"url": "https://example-news.test/2015/pantry", "seen": "2015-06", "facts": ["address"]}
    ]
    assert {x["number"] for x in cov.lines} >= {"1-800-555-0199"}


def test_old_source_is_measured_from_the_end_of_its_period() -> None:
    org = {
        "verification": {
            "sources": [
                {"url": "https://a.test", "seen": "2021", "facts": ["phone"]},
                {"url": "https://b.test", "seen": "2021-11", "facts": ["address"]},
                {"url": "https://c.test", "seen": "2021-10-31", "facts": ["phone"]},
                {"url": "https://d.test", "seen": "2001", "facts": ["services"]},
                {"url": "https://e.test", "facts": ["phone"]},
            ]
        }
    }
    old = coverage.old_contact_sources(org, dt.date(2026, 11, 30))
    assert [s["url"] for s in old] == ["https://c.test"]


def test_cli_text_json_and_markdown(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out, err = run_ccci(root, "coverage")
    assert (code, err) == (0, "")
    assert out.startswith(f"Coverage on {TODAY}: 3 organizations, 2 with a phone, 2 with any contact")
    assert "4 of 44 counties have a local listing people can reach" in out
    counties = out.split("Counties (no reachable local listing first):\n", 1)[1]
    assert counties.startswith("  Adams (southwest): 0 local listings, 0 reachable; no reachable local listing")
    assert "  Butte (southeastern): 1 local listings, 0 reachable; no reachable local listing in any area" in out
    code, out, _ = run_ccci(root, "coverage", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["counties_reached"] == 4 and data["counties"][39]["county"] == "Butte"
    assert data["calling"][0]["start_from"] == "https://example-news.test/2015/pantry"
    code, out, _ = run_ccci(root, "coverage", "--format", "markdown")
    assert code == 0 and out.startswith(f"## Coverage: 4 of 44 counties have a reachable local listing ({TODAY})")
    assert "| Butte | southeastern | 1 | 0 |" in out
    assert "<b>" not in out and "](https://evil" not in out and "@team" not in out
    assert "- [ ] example-butte-pantry: " in out


def test_cli_reports_bad_data_with_exit_1(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "data" / "organizations" / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    code, _, _ = run_ccci(root, "coverage")
    assert code == 1


def test_gaps_page_is_generated_and_escaped(tmp_path: Path) -> None:
    ds = validate_project(project(tmp_path)).dataset
    page = produce(ds, {"today": dt.date.fromisoformat(TODAY)}).pages["gaps.md"]
    assert 'title: "Where we have no listing yet"' in page
    assert "4 of 44 counties have at least one local listing" in page
    assert "<b>Butte</b>" not in page and "&lt;b&gt;Butte&lt;/b&gt;" in page
    assert '<a href="../counties/butte/">Butte County</a>' in page
    assert '<a href="../org/example-butte-pantry/">' in page  # the volunteers' list
    assert page.index("Butte County") < page.index("Ada County")


def test_gaps_page_is_plain_language(tmp_path: Path, fk_grade) -> None:  # noqa: F811 - the fixture
    """The page's own words (not county or program names, which it cannot choose) read at about grade 8."""
    ds = validate_project(make_project(tmp_path, FIXTURES / "valid")).dataset
    page = produce(ds, {"today": dt.date.fromisoformat(TODAY)}).pages["gaps.md"]
    prose = re.sub(r"<(table|ul)\b.*?</\1>", "", page, flags=re.S)  # tables and lists of names
    text = readable_text(re.sub(r"<[^>]+>", "", prose))
    assert "still growing" in text and fk_grade(text) <= MAX_GRADE, (fk_grade(text), text)


def test_retired_records_are_not_counted(tmp_path: Path) -> None:
    ds = validate_project(project(tmp_path)).dataset
    pantry = next(o for o in ds.organizations if o["id"] == "example-butte-pantry")
    pantry["retired"] = {"reason": "closed", "date": "2026-11-01"}
    cov = coverage.compute(ds, dt.date.fromisoformat(TODAY))
    assert cov.organizations == 2 and "example-butte-pantry" not in {c.id for c in cov.calling}
    assert {r.county: r.listings for r in cov.counties}["Butte"] == 0

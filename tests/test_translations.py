"""`ccci coverage --spanish` (generator/review/translations.py): how many records have Spanish text, per field,
and which still miss it; through the real CLI, on the shipped data and on a project with one record lacking it."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.helpers import FIXTURES, REPO, make_project, run_ccci

FIELDS = [
    ("organization", "es.description"),
    ("organization", "es.name"),
    ("service", "es.name"),
    ("service", "es.description"),
    ("service", "es.eligibility"),
    ("service", "es.fees"),
    ("service", "es.how_to_get_help"),
]


def _json(root: Path) -> dict:
    code, out, err = run_ccci(root, "coverage", "--spanish", "--format", "json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def _shipped_counts() -> tuple[int, int, int]:
    """(organizations, services, services with an eligibility), read straight from the YAML files."""
    orgs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "data" / "organizations").glob("*.yaml")]
    orgs = [o for o in orgs if not isinstance(o.get("retired"), dict)]
    services = [s for o in orgs for s in o["services"]]
    return len(orgs), len(services), sum(1 for s in services if s.get("eligibility"))


def test_shipped_data_has_spanish_text_everywhere_it_can():
    data = _json(REPO)
    orgs, services, eligible = _shipped_counts()
    assert (data["organizations"], data["services"]) == (orgs, services)
    by = {(f["level"], f["field"]): f for f in data["fields"]}
    assert list(by) == FIELDS
    assert by[("organization", "es.description")]["of"] == orgs
    assert by[("service", "es.name")]["of"] == by[("service", "es.description")]["of"] == services
    assert by[("service", "es.eligibility")]["of"] == eligible
    for key, f in by.items():
        assert f["have"] + len(f["missing"]) == f["of"], key
        assert f["optional"] == (key == ("organization", "es.name"))
        if not f["optional"]:  # every shipped record is translated (tests/test_spanish_records.py)
            assert f["missing"] == [], key
    # es.name only where the organization publishes one: most do not, and that is no gap
    assert 0 < by[("organization", "es.name")]["have"] < orgs
    code, out, _err = run_ccci(REPO, "coverage", "--spanish")
    assert code == 0
    assert f"es.description: {orgs} of {orgs} (100%)" in out
    assert "Missing Spanish text: none." in out


LACKING = """\
id: example-no-spanish
name: Example Program Without Spanish
description: A fictional program whose record has no Spanish text yet.
services:
  - id: counseling
    name: Counseling
    service_area: health
    description: Talk with a counselor.
    eligibility: Adults in Ada County.
    fees:
      type: sliding-scale
      description: Pay what you can.
    how_to_get_help:
      steps: Call and ask for a first visit.
      what_to_bring: [An ID, Any court papers]
    es:
      name: Consejería
      how_to_get_help:
        steps: Llame y pida una primera cita.
        what_to_bring: [Una identificación]
    coverage:
      scope: local
      counties: [Ada]
verification:
  status: unverified
  sources:
    - url: https://example.test/program
      seen: "2026-01"
      facts: [description, services]
"""


def test_a_record_lacking_spanish_is_counted_and_listed(tmp_path):
    root = make_project(tmp_path, FIXTURES / "valid")
    (root / "data" / "organizations" / "example-no-spanish.yaml").write_text(LACKING, encoding="utf-8")
    before = _json(make_project(tmp_path / "fixtures-only", FIXTURES / "valid"))
    data = _json(root)
    by = {(f["level"], f["field"]): f for f in data["fields"]}
    old = {(f["level"], f["field"]): f for f in before["fields"]}
    assert data["organizations"] == before["organizations"] + 1
    who = "example-no-spanish/counseling"
    added = {key: sorted(set(by[key]["missing"]) - set(old[key]["missing"])) for key in FIELDS}
    assert added == {
        ("organization", "es.description"): ["example-no-spanish"],
        ("organization", "es.name"): ["example-no-spanish"],
        ("service", "es.name"): [],  # it has a Spanish name
        ("service", "es.description"): [who],
        ("service", "es.eligibility"): [who],
        ("service", "es.fees"): [who],
        ("service", "es.how_to_get_help"): [who],
    }  # one of two things to bring is not the whole
    for key in FIELDS:
        assert by[key]["of"] == old[key]["of"] + 1, key
    assert by[("service", "es.name")]["have"] == old[("service", "es.name")]["have"] + 1

    code, out, err = run_ccci(root, "coverage", "--spanish")
    assert (code, err) == (0, "")
    assert "Missing Spanish text:" in out and "none." not in out
    line = next(x for x in out.splitlines() if x.startswith("  organization es.description ("))
    assert "example-no-spanish" in line
    assert f"  service es.fees ({len(by[('service', 'es.fees')]['missing'])}): " in out and who in out
    assert "  organization es.name" not in out  # optional: counted, not listed

    code, md, _err = run_ccci(root, "coverage", "--spanish", "--format", "markdown")
    assert code == 0
    assert "- [ ] example-no-spanish: `es.description`" in md
    assert "- [ ] example-no-spanish/counseling: `es.fees`" in md


def test_without_spanish_the_plain_coverage_report_is_unchanged():
    code, out, _err = run_ccci(REPO, "coverage", "--format", "json")
    assert code == 0
    assert "counties" in json.loads(out) and "Spanish" not in out


def test_the_strings_table_is_what_yaml_safe_load_reads() -> None:
    """present/strings.table reads the table with libyaml's parser when PyYAML has it (issue 15: 0.35 -> 0.02 s):
    the same rows as PyYAML's pure-Python safe_load, on the shipped table (and, below, on YAML where loaders are
    most likely to differ: implicit types, escapes, block and folded text)."""
    from generator.present import strings

    shipped = REPO / "i18n" / "es" / "strings.yaml"
    assert strings.table(str(shipped)) == yaml.safe_load(shipped.read_text(encoding="utf-8"))["strings"]


def test_the_strings_table_loader_reads_tricky_yaml_as_safe_load_does(tmp_path: Path) -> None:
    from generator.present import strings

    text = (
        "strings:\n"
        "  a.b:\n    en: yes\n    es: 'no'\n"
        '  c.d:\n    en: "Tab\\tand \\u00e9"\n    es: |\n      line one\n      line two\n'
        "  e.f:\n    en: 0x1F\n    es: 1_000\n"
        "  g.h:\n    en: 2026-12-07\n    es: ~\n"
        "  i.j:\n    en: >-\n      folded\n      text\n    es: 1e3\n"
    )
    path = tmp_path / "strings.yaml"
    path.write_text(text, encoding="utf-8")
    assert strings.table(str(path)) == yaml.safe_load(text)["strings"]

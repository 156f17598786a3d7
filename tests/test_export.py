"""Exports: HSDS 3.0 valid against the official schemas, tables with the datapackage's field names, stable ids,
byte-identical builds, nothing private, CSV safe in spreadsheets; the `ccci export` command and the producer."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.build.outputs import PRODUCERS, build_outputs
from generator.opendata import export, hsds
from generator.opendata.hsds_tables import NAMESPACE, uid
from generator.opendata.hsds_terms import terms_by_id
from generator.records.dataset import Dataset, load_dataset
from tests.helpers import FIXTURES, REPO, make_project, run_ccci
from tests.test_readability import MAX_GRADE, fk_grade, readable_text  # noqa: F401 - fk_grade is a fixture

HSDS_DIR = Path(__file__).resolve().parent / "fixtures" / "hsds-3.0"  # vendored, CC BY-SA 4.0 (see its README)
BASE = "https://hsds.invalid/3.0/"


def fixture_project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", FIXTURES / "valid")
    shutil.copytree(REPO / "data" / "search", root / "data" / "search")  # the finder's producer reads it
    shutil.copy(FIXTURES / "export" / "example-full-record.yaml", root / "data" / "organizations")
    return root


@pytest.fixture(scope="module")
def hsds_validators() -> dict[str, Draft202012Validator]:
    """One validator per official HSDS 3.0 schema: files registered under one base URI, formats enforced."""
    registry: Registry = Registry()
    for path in sorted((HSDS_DIR / "schema").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schema["$id"] = BASE + path.name
        registry = registry.with_resource(BASE + path.name, Resource.from_contents(schema, DRAFT202012))
    checker = FormatChecker()
    assert {"uuid", "uri", "email", "date-time"} <= set(checker.checkers)  # the formats HSDS uses are checked
    return {
        name: Draft202012Validator({"$ref": BASE + f"{name}.json"}, registry=registry, format_checker=checker)
        for name in ("organization", "service", "taxonomy_term", "taxonomy")
    }


def hsds_errors(doc: dict[str, Any], validators: dict[str, Draft202012Validator]) -> list[str]:
    """Every organization against organization.json, every service against service.json."""
    errors = []
    for i, org in enumerate(doc["contents"]):
        errors += [f"contents[{i}]: {e.message}" for e in validators["organization"].iter_errors(org)]
        for j, svc in enumerate(org["services"]):
            errors += [f"contents[{i}].services[{j}]: {e.message}" for e in validators["service"].iter_errors(svc)]
    return errors


# ------------------------------------------------------------------------------------------------ HSDS JSON


def test_shipped_data_hsds_validates_with_zero_errors(hsds_validators: dict[str, Draft202012Validator]) -> None:
    ds = load_dataset(REPO)
    assert ds.organizations, "the shipped data/organizations is empty"
    doc = json.loads(export.files(ds, "hsds")["hsds/organizations.json"])
    assert doc["total_items"] == len(ds.organizations) == len(doc["contents"])
    assert hsds_errors(doc, hsds_validators) == []


def test_fixture_records_hsds_validate_and_terms_too(
    tmp_path: Path, hsds_validators: dict[str, Draft202012Validator]
) -> None:
    ds = load_dataset(fixture_project(tmp_path))
    built = hsds.build(ds)
    assert hsds_errors(built.doc, hsds_validators) == []
    for term in built.terms:
        assert list(hsds_validators["taxonomy_term"].iter_errors(term)) == []
    for tax in built.taxonomies:
        assert list(hsds_validators["taxonomy"].iter_errors(tax)) == []


def test_an_attribute_names_its_term_by_id_and_the_terms_are_described_once(tmp_path: Path) -> None:
    """An attribute carries taxonomy_term_id, not the term again (issue 15: the embedded terms were 40% of
    organizations.json); every id is a row of taxonomy_terms.csv, whose taxonomy is a row of taxonomies.csv."""
    files = export.files(load_dataset(fixture_project(tmp_path)), "hsds")
    doc = json.loads(files["hsds/organizations.json"])
    taxonomies = {r["id"]: r["name"] for r in csv.DictReader(io.StringIO(files["hsds/taxonomies.csv"].decode()))}
    terms = {r["id"]: r for r in csv.DictReader(io.StringIO(files["hsds/taxonomy_terms.csv"].decode()))}
    attributes = [a for o in doc["contents"] for s in o["services"] for a in s["attributes"]]
    assert attributes
    for attribute in attributes:
        assert "taxonomy_term" not in attribute, attribute
        term = terms[attribute["taxonomy_term_id"]]
        assert taxonomies[term["taxonomy_id"]] == term["taxonomy"], term
    assert b"taxonomy_detail" not in files["hsds/organizations.json"]


def test_nested_objects_leave_out_the_key_to_what_holds_them_and_the_tables_keep_it(tmp_path: Path) -> None:
    """organizations.json: a service inside its organization has no organization_id, an attribute inside its
    service no link_id or link_entity (issue 15: 28% of the file); a service_at_location keeps its location_id (a
    reference, not its holder). The CSV tables are the same as from the document with every key."""
    ds = load_dataset(fixture_project(tmp_path))
    files = export.files(ds, "hsds")
    doc = json.loads(files["hsds/organizations.json"])
    holders = {"organization": "organization_id", "service": "service_id", "location": "location_id"}
    found: list[str] = []

    def walk(obj: dict[str, Any], table: str) -> None:
        for key, value in obj.items():
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        if table in holders and holders[table] in item:
                            found.append(f"{table}.{key}: {holders[table]}")
                        if "link_id" in item or "link_entity" in item:
                            found.append(f"{table}.{key}: link_id")
                        walk(item, key.removesuffix("s") if key != "addresses" else "address")

    for org in doc["contents"]:
        walk(org, "organization")
    assert found == []
    sals = [x for o in doc["contents"] for s in o["services"] for x in s.get("service_at_locations", [])]
    assert sals and all(x["location_id"] for x in sals)
    full = hsds.build(ds)
    for name, rows in hsds.tables(full).items():
        path, fields = hsds.TABLES[name]
        header = fields.split()
        assert files[f"hsds/{path}"] == export._csv(header, [[row.get(f) for f in header] for row in rows]), path
    services = list(csv.DictReader(io.StringIO(files["hsds/services.csv"].decode())))
    attributes = list(csv.DictReader(io.StringIO(files["hsds/attributes.csv"].decode())))
    assert services and all(r["organization_id"] for r in services)
    assert attributes and all(r["link_id"] and r["link_entity"] for r in attributes)


def test_the_schema_check_can_fail(tmp_path: Path, hsds_validators: dict[str, Draft202012Validator]) -> None:
    doc = hsds.build(load_dataset(fixture_project(tmp_path))).doc
    doc["contents"][0]["id"] = "example-full-record"
    doc["contents"][0]["services"][0]["status"] = "open"
    doc["contents"][0]["website"] = "not a web address"
    errors = hsds_errors(doc, hsds_validators)
    assert any("is not a 'uuid'" in e for e in errors)
    assert any("'open' is not one of" in e for e in errors)
    assert any("is not a 'uri'" in e for e in errors)


def test_tables_have_the_datapackage_field_names(tmp_path: Path) -> None:
    """Each CSV has exactly the fields of its HSDS table (every property that is not a list or object)."""
    files = export.files(load_dataset(fixture_project(tmp_path)), "hsds")
    official = {}
    for path in sorted((HSDS_DIR / "schema").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        fields = [
            k for k, v in schema["properties"].items() if v.get("type") not in ("array", "object") and "$ref" not in v
        ]
        official[schema["path"]] = fields
    ours = {p.removeprefix("hsds/"): f for p, f in files.items() if p.endswith(".csv")}
    assert sorted(ours) == sorted(official)
    for name, content in ours.items():
        header = next(csv.reader(io.StringIO(content.decode("utf-8"))))
        assert header == official[name], name
    example = json.loads((HSDS_DIR / "examples" / "tabular.json").read_text(encoding="utf-8"))
    for name, rows in example.items():
        for row in rows:
            assert set(row) <= set(official[name]), name
    package = json.loads(files["hsds/datapackage.json"])
    assert {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]} == official


def test_tables_hold_the_rows(tmp_path: Path) -> None:
    files = export.files(load_dataset(fixture_project(tmp_path)), "hsds")

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(files[f"hsds/{name}"].decode("utf-8"))))

    assert [r["name"] for r in rows("organizations.csv")] == [
        "Example Full Record Center",
        "Example National Line",
        "Example Survivor Services",
    ]
    services = rows("services.csv")
    assert len(services) == 6 and {r["status"] for r in services} == {"active"}
    org_ids = {r["id"] for r in rows("organizations.csv")}
    assert {r["organization_id"] for r in services} == org_ids
    phones = rows("phones.csv")
    assert {"+12085550142", "+12085550145", "233733"} <= {r["number"] for r in phones}
    assert next(r for r in phones if r["number"] == "+12085550142")["extension"] == "204"
    attributes = rows("attributes.csv")
    term_ids = {r["id"] for r in rows("taxonomy_terms.csv")}
    assert {r["taxonomy_term_id"] for r in attributes} <= term_ids
    assert rows("contacts.csv") == [] and rows("metadata.csv") == []  # no people, no change log


# ------------------------------------------------------------------------------------------------ mapping


def org_doc(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(o for o in doc["contents"] if o["name"] == name)


def attr_codes(obj: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(term code, value) of each attribute, its term found by id as an HSDS reader does (taxonomy_terms)."""
    codes = _term_codes()
    return [(codes[a["taxonomy_term_id"]], a.get("value")) for a in obj.get("attributes", [])]


@functools.lru_cache(maxsize=1)
def _term_codes() -> dict[str, str]:
    return {tid: term["code"] for tid, term in terms_by_id(load_dataset(REPO).taxonomy).items()}


def test_confidential_location_has_no_address_no_coordinates_and_an_attribute(tmp_path: Path) -> None:
    doc = hsds.build(load_dataset(fixture_project(tmp_path))).doc
    locations = {loc["external_identifier"]: loc for loc in org_doc(doc, "Example Full Record Center")["locations"]}
    safe = locations["safe-house"]
    assert "addresses" not in safe and "latitude" not in safe and "longitude" not in safe
    assert ("confidential-location", "true") in attr_codes(safe)
    assert safe["description"] == "General area: Boise, Ada County, ID."  # no name, no description of its own
    assert "name" not in safe
    office = locations["main-office"]
    assert office["addresses"][0] | {"id": "", "location_id": ""} == {
        "id": "",
        "location_id": "",
        "address_1": "100 Example St",
        "address_2": "Suite 200",
        "city": "Boise",
        "region": "Ada County",
        "state_province": "ID",
        "postal_code": "83702",
        "country": "US",
        "address_type": "physical",
    }
    assert (office["latitude"], office["longitude"]) == (43.6187, -116.2035)
    assert [a["description"] for a in office["accessibility"]] == ["Wheelchair accessible", "Elevator"]
    assert (
        locations["east-office"]["description"] == "Address: 5 Example Ave, Nampa, Canyon County, ID (no ZIP "
        "code on record)."
    )


def test_a_record_that_breaks_the_rules_still_leaks_nothing(tmp_path: Path) -> None:
    """Defence in depth: even a confidential place with a street and coordinates (refused by the validator)
    never reaches any export."""
    ds = load_dataset(fixture_project(tmp_path))
    org = next(o for o in ds.organizations if o["id"] == "example-survivor-services")
    shelter = next(loc for loc in org["locations"] if loc["id"] == "shelter")
    shelter["address"].update(street="99 Secret Rd", postal_code="83702")
    shelter["geo"] = {"lat": 43.61, "lon": -116.2}
    shelter["name"] = "Secret House"
    everything = b"".join(b for fmt in export.FORMATS for b in export.files(ds, fmt).values())
    everything += json.dumps(hsds.build(ds).doc).encode()
    assert b"99 Secret Rd" not in everything and b"43.61," not in everything and b"Secret House" not in everything
    assert b"never published" not in everything  # maintainers' notes


def test_services_areas_populations_languages_schedules_coverage(tmp_path: Path) -> None:
    doc = hsds.build(load_dataset(fixture_project(tmp_path))).doc
    org = org_doc(doc, "Example Full Record Center")
    shelter, legal, advocacy = org["services"]
    assert attr_codes(shelter) == [
        ("service-id", "shelter"),
        ("housing", None),
        ("emergency-shelter", None),
        ("transitional-housing", None),
        ("adults", None),
        ("families", None),
        ("fee-type", "sliding-scale"),
        ("walk-in", "no"),
        ("call-first", "yes"),
        ("referral-required", "no"),
    ]
    assert [(x["code"], x["name"]) for x in shelter["languages"]] == [
        ("en", "English"),
        ("es", "Spanish"),
        ("ase", "American Sign Language"),
    ]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in shelter["schedules"]] == [
        ("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")
    ]
    assert [a["name"] for a in shelter["service_areas"]] == ["Central (District 4), Idaho", "Canyon County, Idaho"]
    assert [a["name"] for a in legal["service_areas"]] == ["United States"]
    assert [(s.get("byday"), s["description"]) for s in legal["schedules"]] == [(None, "By appointment only.")]
    assert [(s["byday"], s["opens_at"]) for s in advocacy["schedules"]] == [("TU,TH", "09:00")]
    assert shelter["fees_description"] == "Nobody is turned away for lack of money."
    assert [d["document"] for d in shelter["required_documents"]] == ["Any ID you have", "Your medicines"]
    assert shelter["assured_date"] == "2026-10-01"
    assert ("verification-method", "site-visit") in attr_codes(org)
    hotline = shelter["phones"][0]
    assert (hotline["type"], attr_codes(hotline)) == ("voice", [("hotline", "true"), ("phone-hours", "24/7")])
    desk = org["phones"][0]
    assert ("phone-hours", "mo,tu,we,th,fr 08:30-17:00; sa 10:00-14:00 | Closed on state holidays.") in attr_codes(desk)
    assert [p["type"] for p in org["phones"]] == ["voice", "textphone", "fax", "text"]
    assert org["organization_identifiers"][0]["identifier"] == "example-full-record"


def test_ids_are_uuid5_of_our_ids_and_stable() -> None:
    # Pinned: changing the namespace or the key scheme would give every HSDS consumer new ids.
    assert hsds.uid("organization", "idaho-anti-trafficking-coalition") == "0dfbf630-9bb7-539a-968b-57ab77338547"
    assert re.match(
        r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", hsds.uid("service", "a", "b")
    )


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_outputs_for(load_dataset(REPO))
    second = build_outputs_for(load_dataset(REPO))
    assert first.keys() == second.keys() and all(first[k] == second[k] for k in first)
    ids = [o["id"] for o in json.loads(first["data/hsds/organizations.json"])["contents"]]
    assert len(ids) == len(set(ids))


def build_outputs_for(ds: Dataset) -> dict[str, bytes]:
    out = export.produce(ds, {})
    return {**out.assets, **{k: v.encode() for k, v in out.pages.items()}}


# ------------------------------------------------------------------------------------------------ JSON, CSV


def test_json_export_validates_against_its_own_schema(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    files = export.files(load_dataset(root), "json")
    registry: Registry = Registry()
    for name in export.SCHEMAS:
        schema = json.loads(files[f"schema/{name}.schema.json"])
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    doc = json.loads(files["directory.json"])
    validator = Draft202012Validator(
        json.loads(files["schema/directory.schema.json"]), registry=registry, format_checker=FormatChecker()
    )
    assert list(validator.iter_errors(doc)) == []
    assert [o["id"] for o in doc["organizations"]] == [
        "example-full-record",
        "example-national-line",
        "example-survivor-services",
    ]
    assert "notes" not in doc["organizations"][0]["verification"]
    doc["organizations"][0]["phones"][0]["number"] = "call us"
    assert list(validator.iter_errors(doc)) != []


def test_csv_one_row_per_service_with_its_organization(tmp_path: Path) -> None:
    ds = load_dataset(fixture_project(tmp_path))
    rows = list(csv.DictReader(io.StringIO(export.files(ds, "csv")["services.csv"].decode("utf-8"))))
    assert len(rows) == sum(len(o["services"]) for o in ds.organizations) == 6
    shelter = next(r for r in rows if r["service_id"] == "shelter")
    assert shelter["organization_name"] == "Example Full Record Center"
    assert shelter["service_area_name"] == "Shelter and housing"
    assert shelter["categories"] == "Emergency shelter; Transitional housing"
    assert shelter["fees"] == "Sliding scale: the cost depends on income" and shelter["call_first"] == "yes"
    assert shelter["service_locations"] == "Boise, Ada County, ID (address kept private)"
    assert shelter["coverage_regions"] == "Central (District 4)" and shelter["coverage_counties"] == "Canyon"
    assert shelter["service_phones"] == "208-555-0145 (crisis line, 24/7, English)"
    assert shelter["verification_status"] == "verified" and shelter["last_verified"] == "2026-10-01"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("https://evil.test")', '\'=HYPERLINK("https://evil.test")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("\tTAB", "'\tTAB"),
        ("+12085550100", "+12085550100"),
        ("-116.2", "-116.2"),
        ("Plain text", "Plain text"),
        (True, "yes"),
        (43.6187, "43.6187"),
        (None, ""),
    ],
)
def test_csv_cells_never_become_formulas(value: Any, cell: str) -> None:
    assert export.cell(value) == cell


def test_csv_escapes_a_hostile_name(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = root / "data" / "organizations" / "example-national-line.yaml"
    path.write_text(path.read_text().replace("name: Example National Line", "name: \"=cmd|' /C calc'!A0\""))
    out = export.files(load_dataset(root), "csv")["services.csv"].decode()
    assert ",'=cmd|' /C calc'!A0," in out and ",=cmd" not in out


# ------------------------------------------------------------------------------------------------ command


def test_ccci_export_writes_each_format(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    for fmt, expected in (("json", "directory.json"), ("csv", "services.csv"), ("hsds", "hsds/organizations.json")):
        code, out, err = run_ccci(root, "export", "--format", fmt, "--out", str(tmp_path / "out"))
        assert (code, err) == (0, ""), err
        assert (tmp_path / "out" / expected).is_file()
        assert f"wrote {tmp_path / 'out' / expected} (" in out
    assert len(list((tmp_path / "out" / "hsds").glob("*.csv"))) == len(hsds.TABLES)
    assert (tmp_path / "out" / "hsds" / "organizations.json").read_bytes() == export.files(load_dataset(root), "hsds")[
        "hsds/organizations.json"
    ]


def test_ccci_export_refuses_invalid_records_and_source_folders(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    shutil.copy(FIXTURES / "invalid" / "phone-format" / "phone-format.yaml", root / "data" / "organizations")
    code, out, err = run_ccci(root, "export", "--format", "csv", "--out", str(tmp_path / "out"))
    assert code == 1 and out == "" and "fix them first" in err and "phone-format.yaml:" in err
    assert not (tmp_path / "out").exists()
    code, _, err = run_ccci(root, "export", "--format", "csv", "--out", "data/exports")
    assert code == 2 and "inside the project's sources" in err
    code, _, err = run_ccci(root, "export", "--format", "xml", "--out", "x")
    assert code == 2


# ------------------------------------------------------------------------------------------------ producer


def test_producer_is_registered_and_page_links_every_file(tmp_path: Path) -> None:
    assert "generator.opendata.export:produce" in PRODUCERS
    ds = load_dataset(fixture_project(tmp_path))
    out = export.produce(ds, {})
    assert list(out.pages) == ["data/index.md"]
    page = out.pages["data/index.md"]
    links = set(re.findall(r"\]\(([^)]+)\)", page))
    assets = {k.removeprefix("data/") for k in out.assets}
    assert links <= assets
    assert assets - links <= {f"schema/{n}.schema.json" for n in export.SCHEMAS}
    assert "3 organizations and 6 services" in page
    for line in hsds.NOT_CARRIED:
        assert line in page
    merged = build_outputs(ds, {})
    assert merged.assets["data/hsds/organizations.json"] == out.assets["data/hsds/organizations.json"]


@pytest.mark.slow
def test_site_build_publishes_the_exports(tmp_path: Path) -> None:
    """A real build (ccci build, MkDocs --strict) in a temp copy: /data/ holds the page and the files."""
    if not (REPO / "mkdocs.yml").is_file():
        pytest.skip("mkdocs.yml is not in the repository yet")
    root = tmp_path / "project"
    for name in ("schema", "data", "docs", "site_templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    code, out, err = run_ccci(root, "build", "--site-dir", str(tmp_path / "site"))
    assert code == 0, out + err
    site = tmp_path / "site" / "data"
    assert (site / "index.html").is_file()
    assert (site / "hsds" / "organizations.json").read_bytes() == export.files(load_dataset(root), "hsds")[
        "hsds/organizations.json"
    ]
    assert 'href="hsds/datapackage.json"' in (site / "index.html").read_text()


def test_exports_follow_the_sites_rule_for_confidential_places(tmp_path: Path) -> None:
    """The site redacts records before every producer (redact.publishable); `ccci export` redacts on its own. Both
    must give the same bytes, or the published files and `ccci export` would disagree."""
    from generator.records.redact import publishable

    ds = load_dataset(fixture_project(tmp_path))
    for fmt in export.FORMATS:
        assert export.files(publishable(ds), fmt) == export.files(ds, fmt), fmt


def test_data_page_is_plain_language(fk_grade: Any) -> None:  # noqa: F811 - the imported fixture
    """The data page is read by the public too: the same grade-8 gate as the hand-written guides."""
    page = export.produce(load_dataset(REPO), {}).pages["data/index.md"]
    assert fk_grade(readable_text(page)) <= MAX_GRADE


def test_ccci_export_refuses_a_file_as_out(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    (tmp_path / "a-file").write_text("x")
    code, _, err = run_ccci(root, "export", "--format", "json", "--out", str(tmp_path / "a-file"))
    assert code == 2 and "is a file, not a folder" in err


def test_the_command_offers_every_export_format() -> None:
    from generator.cli import export as cli_export

    assert cli_export.FORMATS == export.FORMATS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20), st.lists(st.text(max_size=20), max_size=3))
def test_hsds_ids_are_uuid5(kind: str, parts: list[str]) -> None:
    """hsds_tables.uid writes uuid5 out for speed (issue 15); the ids must stay what uuid5 gives, or every HSDS id a
    publisher has stored would change."""
    assert uid(kind, *parts) == str(uuid.uuid5(NAMESPACE, "/".join((kind, *parts))))


@settings(max_examples=300, deadline=None)
@example("\r")
@example("\r=1")
@example("=\r\n1")
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)))
def test_a_cell_is_what_it_was_before_the_fast_path(value: Any) -> None:
    """export.cell returns most text as it is (issue 15); what it returns is what its full rules give: line breaks
    made \\n first, then a cell that starts like a formula (and is not a plain number) gets a leading '."""
    if value is None:
        expected = ""
    elif isinstance(value, bool):
        expected = "yes" if value else "no"
    elif isinstance(value, (int, float)):
        expected = repr(value)
    else:
        expected = value.replace("\r\n", "\n").replace("\r", "\n")
        if expected[:1] in ("=", "+", "-", "@", "\t") and not re.match(r"^[+-]?[0-9][0-9 ().-]*$", expected):
            expected = "'" + expected
    assert export.cell(value) == expected

"""`ccci import hsds`: our own export comes back whole (round trip), other HSDS files become unverified drafts with
a report, existing records are never overwritten unless asked, and hostile files give a clear report, no crash."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.opendata import export, hsds_import
from generator.records.dataset import Dataset, load_dataset
from generator.records.load import load_yaml_file
from generator.records.redact import public_record
from tests.helpers import FIXTURES, REPO, make_project, run_ccci

HSDS_DIR = Path(__file__).resolve().parent / "fixtures" / "hsds-3.0"  # vendored, CC BY-SA 4.0 (see its README)
SCHEMA = json.loads((REPO / "schema" / "organization.schema.json").read_text(encoding="utf-8"))


def fixture_project(tmp_path: Path, name: str = "project") -> Path:
    root = make_project(tmp_path / name, FIXTURES / "valid")
    shutil.copy(FIXTURES / "export" / "example-full-record.yaml", root / "data" / "organizations")
    return root


def unverified(ds: Dataset) -> Dataset:
    """What an import gives back on purpose: every draft is unverified until a person confirms it."""
    orgs = []
    for org in ds.organizations:
        org = copy.deepcopy(org)
        org["verification"] = {"status": "unverified", "sources": [{"url": "https://example.test/"}]}
        orgs.append(org)
    return Dataset(root=ds.root, organizations=orgs, taxonomy=ds.taxonomy)


def round_trip(ds: Dataset) -> tuple[dict[str, bytes], dict[str, bytes], hsds_import.ImportResult]:
    first = export.files(ds, "hsds")
    result = hsds_import.import_document(json.loads(first["hsds/organizations.json"]), ds.taxonomy, SCHEMA)
    second = export.files(Dataset(root=ds.root, organizations=result.records, taxonomy=ds.taxonomy), "hsds")
    return export.files(unverified(ds), "hsds"), second, result


# ------------------------------------------------------------------------------------------------ round trip


@pytest.mark.parametrize("where", ["shipped", "fixtures"])
def test_round_trip_loses_nothing_hsds_can_carry(tmp_path: Path, where: str) -> None:
    ds = load_dataset(REPO if where == "shipped" else fixture_project(tmp_path))
    assert ds.organizations
    expected, second, result = round_trip(ds)
    changed = [name for name in expected if expected[name] != second[name]]
    assert changed == []
    # Record by record: equal to what we publish, except the verification (drafts are unverified) and the Spanish
    # text, which HSDS cannot carry (hsds.NOT_CARRIED).
    for original, back in zip(ds.organizations, result.records, strict=True):
        assert english_only(back) == english_only(public_record(original))
        assert "es" not in back and not any("es" in svc for svc in back["services"])
        assert back["verification"]["status"] == "unverified"


def english_only(org: dict[str, Any]) -> dict[str, Any]:
    """A record without its verification and its Spanish text (es, on the organization and its services)."""
    out = {k: v for k, v in org.items() if k not in ("verification", "es")}
    out["services"] = [{k: v for k, v in svc.items() if k != "es"} for svc in org["services"]]
    return out


def test_round_trip_drops_only_the_verification(tmp_path: Path) -> None:
    """Without resetting the verification, the only differences are the HSDS fields that carry it."""
    ds = load_dataset(fixture_project(tmp_path))

    def lines(data: bytes) -> set[str]:  # the file is compact JSON: compare it a value per line
        return {line.strip() for line in json.dumps(json.loads(data), indent=1).splitlines()}

    first = export.files(ds, "hsds")["hsds/organizations.json"]
    _, second, _ = round_trip(ds)
    removed = lines(first) - lines(second["hsds/organizations.json"])
    assert any('"assured_date": "2026-10-01"' in line for line in removed)
    assert any('"value": "site-visit"' in line for line in removed)


def test_round_trip_through_the_commands(tmp_path: Path) -> None:
    source = fixture_project(tmp_path, "source")
    assert run_ccci(source, "export", "--format", "hsds", "--out", str(tmp_path / "a"))[0] == 0
    target = make_project(tmp_path / "target")
    code, out, err = run_ccci(
        target,
        "import",
        "hsds",
        str(tmp_path / "a" / "hsds" / "organizations.json"),
        "--source",
        "https://example-211.test/export.json",
    )
    assert code == 0, out + err
    assert "wrote data/organizations/example-full-record.yaml (draft, 3 services)" in out
    assert "3 draft(s) written, 0 left out" in out
    code, out, _ = run_ccci(target, "validate")
    assert code == 0 and out == "All good: 3 files checked, no problems.\n"
    code, out, _ = run_ccci(target, "fmt", "--check")
    assert code == 0
    draft = load_yaml_file(target / "data" / "organizations" / "example-full-record.yaml").data
    assert draft["verification"]["status"] == "unverified"
    assert draft["verification"]["sources"] == [{"url": "https://example-211.test/export.json"}]
    assert "Imported from an HSDS 3.0 file on 2026-11-28" in draft["verification"]["notes"]
    assert run_ccci(target, "export", "--format", "hsds", "--out", str(tmp_path / "b"))[0] == 0
    for path in sorted((tmp_path / "b" / "hsds").iterdir()):
        expected = export.files(unverified(load_dataset(source)), "hsds")[f"hsds/{path.name}"]
        assert path.read_bytes() == expected, path.name


# ------------------------------------------------------------------------------------------------ the command


def test_existing_records_are_left_untouched_unless_asked(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    assert run_ccci(root, "export", "--format", "hsds", "--out", str(tmp_path / "out"))[0] == 0
    doc = tmp_path / "out" / "hsds" / "organizations.json"
    record = root / "data" / "organizations" / "example-national-line.yaml"
    before = record.read_bytes()
    code, out, _ = run_ccci(root, "import", "hsds", str(doc))
    assert code == 1
    assert (
        "left data/organizations/example-national-line.yaml untouched: it exists (pass --overwrite to replace "
        "it)" in out
    )
    assert record.read_bytes() == before
    code, out, _ = run_ccci(root, "import", "hsds", str(doc), "--dry-run", "--overwrite")
    assert code == 0 and "would write data/organizations/example-national-line.yaml" in out
    assert record.read_bytes() == before
    code, out, _ = run_ccci(root, "import", "hsds", str(doc), "--overwrite")
    assert code == 0 and "wrote data/organizations/example-national-line.yaml (draft, 1 service)" in out
    assert b"status: unverified" in record.read_bytes()


def test_usage_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    assert run_ccci(root, "import", "hsds", "no-such-file.json")[0] == 2
    assert run_ccci(root, "import", "csv", "x.json")[0] == 2
    path = tmp_path / "doc.json"
    path.write_text("[]")
    code, _, err = run_ccci(root, "import", "hsds", str(path), "--source", "http://plain.test/")
    assert code == 2 and "--source must be an https:// address" in err


@pytest.mark.parametrize("example", ["organization_full.json", "service_full.json", "service_list.json"])
def test_the_official_examples_import_without_people(tmp_path: Path, example: str) -> None:
    root = make_project(tmp_path / "p")
    code, out, err = run_ccci(root, "import", "hsds", str(HSDS_DIR / "examples" / example))
    assert code == 0, out + err
    assert err == ""
    written = "".join(p.read_text() for p in (root / "data" / "organizations").glob("*.yaml"))
    assert "Ann Persona" not in written and "A. Persona" not in written  # contacts and `attention` never come in
    assert "are never imported" in out  # contacts, assurer_email
    assert "no CCCI service area: set to 'todo'" in out
    assert "service_at_locations[0].location.addresses[0].country" not in out
    assert "is not an https:// address" in out  # http://example.com websites are refused, not upgraded


# ------------------------------------------------------------------------------------------------ hostile input


def run_import(tmp_path: Path, content: bytes) -> tuple[int, str, str, Path]:
    root = make_project(tmp_path / "p")
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    code, out, err = run_ccci(root, "import", "hsds", str(path))  # a hung import fails on pytest-timeout
    assert "internal error" not in err and "Traceback" not in err + out  # a clear report, never a crash
    assert code in (0, 1)
    for draft in (root / "data" / "organizations").glob("*.yaml"):
        loaded = load_yaml_file(draft)
        assert loaded.problems == [] and isinstance(loaded.data, dict)  # every draft is a readable record
    return code, out, err, root


def good_org(**extra: Any) -> dict[str, Any]:
    org = {
        "id": "11111111-1111-4111-8111-111111111111",
        "name": "Example Help Center",
        "description": "A fictional program that helps people find safe housing.",
        "services": [
            {
                "id": "22222222-2222-4222-8222-222222222222",
                "name": "Housing help",
                "status": "active",
                "description": "Help finding a safe place to stay.",
                "service_areas": [{"id": "33333333-3333-4333-8333-333333333333", "name": "Idaho"}],
            }
        ],
    }
    org.update(extra)
    return org


def test_wrong_types_are_reported_with_their_path(tmp_path: Path) -> None:
    org = good_org(email=["x"], phones="208-555-0100", website=12, locations=[7, {"latitude": "north"}])
    svc = org["services"][0]
    svc.update(
        languages={"code": "es"},
        schedules=[{"opens_at": 900, "byday": "MO"}],
        url=True,
        phones=[{"number": 2085550100}],
        attributes=[{"taxonomy_term": "housing"}],
    )
    doc = {"contents": [org, "not an organization", 42, {"name": 5, "services": []}]}
    code, out, _, root = run_import(tmp_path, json.dumps(doc).encode())
    assert code == 0
    for line in (
        "$.contents[0].email: expected text, found a list: left out",
        "$.contents[0].phones: expected a list, found text: left out",
        "$.contents[0].website: expected text, found a number: left out",
        "$.contents[0].locations[0]: expected an object, found a number: left out",
        "$.contents[0].services[0].languages: expected a list, found an object: left out",
        "$.contents[0].services[0].schedules[0].opens_at: '900' is not a time like 09:00: left out",
        "$.contents[0].services[0].phones[0].number: expected a phone number, found a number: phone left out",
        "$.contents[1]: expected an object, found text: left out",
        "$.contents[3].name: expected text, found a number: left out",
        "$.contents[3]: organization without a usable name: left out",
    ):
        assert line in out
    draft = load_yaml_file(root / "data" / "organizations" / "example-help-center.yaml").data
    assert draft["services"][0]["coverage"] == {"scope": "statewide"}
    assert draft["verification"]["sources"] == [{"url": hsds_import.PLACEHOLDER_SOURCE}]


def test_missing_ids_and_unknown_fields(tmp_path: Path) -> None:
    org = good_org(favourite_colour="blue", **{"x" * 5000: 1})
    del org["id"]
    del org["services"][0]["id"]
    org["services"][0]["secret_field"] = {"nested": True}
    org["services"][0]["wait_time"] = "2 weeks"
    code, out, _, root = run_import(tmp_path, json.dumps([org]).encode())
    assert code == 0
    assert "$[0].favourite_colour: unknown field: left out" in out
    assert "$[0].services[0].secret_field: unknown field: left out" in out
    assert "$[0].services[0].wait_time: not imported: no place for it in our records" in out
    assert "x" * 41 not in out  # a huge field name is shortened in the report
    assert (root / "data" / "organizations" / "example-help-center.yaml").is_file()


def test_five_megabyte_strings_are_left_out(tmp_path: Path) -> None:
    huge = "A" * (5 * 1024 * 1024)
    org = good_org(description=huge, alternate_name=huge)
    org["services"][0].update(eligibility_description=huge, name=huge + "x")
    org["services"].append(
        {
            "name": "Legal help",
            "status": "active",
            "description": huge,
            "service_areas": [{"name": huge}],
            "phones": [{"number": huge}],
        }
    )
    code, out, _, root = run_import(tmp_path, json.dumps({"contents": [org]}).encode())
    assert code == 0
    assert "$.contents[0].description: 5,242,880 characters, more than the 2000 allowed: left out" in out
    assert "$.contents[0].services[0].name: 5,242,881 characters, more than the 150 allowed: left out" in out
    assert "$.contents[0].services[0]: service without a name: left out" in out
    assert "$.contents[0].services[1].phones[0].number: expected a phone number, found long text" in out
    assert "$.contents[0].services[1].description: 5,242,880 characters, more than the 1500 allowed" in out
    assert len(out) < 20_000
    path = root / "data" / "organizations" / "example-help-center.yaml"
    assert path.stat().st_size < 5_000
    draft = load_yaml_file(path).data
    assert draft["description"] == hsds_import.PLACEHOLDER_ORG
    assert [s["name"] for s in draft["services"]] == ["Legal help"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"contents": [\n  {"name": "x",}\n]}', "doc.json:2:16: error: not valid JSON: Expecting property name"),
        (b'{"latitude": NaN}', "doc.json:1:1: error: not valid JSON: NaN is not allowed in JSON"),
        (b"[" * 200_000 + b"]" * 200_000, "doc.json:1:1: error: the JSON is nested too deeply to read"),
        (b'{"name": "caf\xe9"}', "doc.json:1:1: error: not UTF-8 text (bad byte at offset 13)"),
        (b"", "doc.json:1:1: error: not valid JSON: Expecting value"),
    ],
)
def test_unreadable_files_give_a_located_error(tmp_path: Path, content: bytes, message: str) -> None:
    code, out, err, root = run_import(tmp_path, content)
    assert code == 1 and out == ""
    assert err.startswith(str(tmp_path / message.split(":", 1)[0])) and message.split(":", 1)[1] in err
    assert list((root / "data" / "organizations").glob("*.yaml")) == []


@pytest.mark.parametrize("doc", [42, "text", None, {}, {"contents": "x"}, [], {"contents": []}])
def test_documents_without_organizations(tmp_path: Path, doc: Any) -> None:
    code, out, _, _ = run_import(tmp_path, json.dumps(doc).encode())
    assert code == 1
    assert "0 draft(s) written" in out


def test_a_confidential_place_never_keeps_its_street(tmp_path: Path) -> None:
    org = good_org(
        locations=[
            {
                "id": "44444444-4444-4444-8444-444444444444",
                "location_type": "physical",
                "name": "Safe house",
                "latitude": 43.6,
                "longitude": -116.2,
                "addresses": [
                    {
                        "address_1": "99 Secret Rd",
                        "city": "Boise",
                        "region": "Ada County",
                        "state_province": "ID",
                        "postal_code": "83702",
                        "country": "US",
                        "address_type": "physical",
                    }
                ],
                "attributes": [
                    {
                        "taxonomy_term": {
                            "code": "confidential-location",
                            "taxonomy": "CCCI directory fields",
                            "name": "Confidential location",
                        },
                        "value": "true",
                    }
                ],
            }
        ]
    )
    code, out, _, root = run_import(tmp_path, json.dumps(org).encode())
    assert code == 0
    assert "confidential location: street, ZIP code and coordinates dropped" in out
    text = (root / "data" / "organizations" / "example-help-center.yaml").read_text()
    assert "Secret" not in text and "83702" not in text and "43.6" not in text
    assert "confidential: true" in text


def test_too_many_organizations_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli import export as cli_export

    monkeypatch.setattr(cli_export, "MAX_IMPORT_RECORDS", 2)
    doc = [good_org(name=f"Example Help Center {i}") for i in range(3)]
    code, out, err, root = run_import(tmp_path, json.dumps(doc).encode())
    assert code == 1 and "the file holds 3 organizations; import at most 2 at a time" in err
    assert list((root / "data" / "organizations").glob("*.yaml")) == []


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "name",
                    "description",
                    "services",
                    "phones",
                    "number",
                    "locations",
                    "addresses",
                    "schedules",
                    "byday",
                    "opens_at",
                    "service_areas",
                    "attributes",
                    "taxonomy_term",
                    "code",
                    "value",
                    "status",
                    "organization",
                    "contents",
                    "latitude",
                    "city",
                    "languages",
                    "x",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=40,
)


_LEAF = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "Idaho",
            "Ada County, Idaho",
            "MO,TU",
            "09:00",
            "+12085550100",
            "WEEKLY",
            "true",
            "physical",
            "CCCI directory fields",
            "confidential-location",
            "hotline",
            "housing",
            "ID",
            "83702",
        ]
    )
)
_ORGLIKE = st.fixed_dictionaries(
    {
        "name": st.text(min_size=2, max_size=20) | _LEAF,
        "description": _LEAF,
        "locations": st.lists(
            st.dictionaries(
                st.sampled_from(
                    ["id", "name", "description", "latitude", "longitude", "addresses", "attributes", "location_type"]
                ),
                _LEAF
                | st.lists(
                    st.dictionaries(
                        st.sampled_from(
                            ["address_1", "city", "state_province", "postal_code", "region", "taxonomy_term", "value"]
                        ),
                        _LEAF,
                    )
                ),
            )
        ),
        "services": st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.text(min_size=2, max_size=20),
                    "status": st.sampled_from(["active", "inactive", "temporarily closed"]) | _LEAF,
                    "phones": st.lists(
                        st.dictionaries(
                            st.sampled_from(["number", "type", "extension", "languages", "attributes"]), _LEAF
                        ),
                        max_size=3,
                    ),
                    "schedules": st.lists(
                        st.dictionaries(
                            st.sampled_from(["byday", "opens_at", "closes_at", "freq", "notes", "description"]), _LEAF
                        ),
                        max_size=3,
                    ),
                    "service_areas": st.lists(st.dictionaries(st.just("name"), _LEAF), max_size=3),
                    "service_at_locations": st.lists(
                        st.dictionaries(st.sampled_from(["location_id", "location"]), _LEAF)
                    ),
                }
            ),
            min_size=1,
            max_size=3,
        ),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_JSON | st.lists(_ORGLIKE, min_size=1, max_size=3))
def test_any_json_gives_notes_never_an_exception(doc: Any) -> None:
    from generator.records.fmt import dump
    from generator.records.load import load_yaml_bytes

    ds = load_dataset(REPO, paths=[])
    result = hsds_import.import_document(doc, ds.taxonomy, SCHEMA)
    for record in result.records:
        text = dump(record, REPO / "schema" / "organization.schema.json")
        loaded = load_yaml_bytes(text.encode(), "draft.yaml")
        assert loaded.problems == [] and loaded.data == record
    hsds_import.summarize(result.notes)
    if isinstance(doc, list) and doc and all(isinstance(o, dict) and "services" in o for o in doc):
        assert result.records or result.notes  # an organization-like item is either imported or explained

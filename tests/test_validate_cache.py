"""`ccci validate FILE` and its cache (.cache/ccci/validate.json): only the asked files are checked, the others
are read for their cross-record facts, and a cached result is used only while the file's bytes, the schema, the
taxonomy and the rules are the ones it was worked out with (issue 15)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.records.validate import CACHE_FILE, validate_records
from tests.helpers import FIXTURES, REPO, make_project, run_ccci

DAY = dt.date(2026, 11, 28)
GOOD = FIXTURES / "valid" / "example-survivor-services.yaml"


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p")
    orgs = root / "data" / "organizations"
    shutil.copy(GOOD, orgs / "example-survivor-services.yaml")
    # a second record with its own id and website, but the first record's phone number
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("id: example-survivor-services", "id: example-other-services", 1)
    text = text.replace("https://example-survivor-services.test/", "https://example-other-services.test/", 1)
    (orgs / "example-other-services.yaml").write_text(text, encoding="utf-8")
    return root


def _rules(result) -> list[tuple[str, str]]:
    return sorted({(p.path.rsplit("/", 1)[-1], p.rule) for p in result.problems})


def test_one_file_still_sees_a_clash_with_an_unchanged_file(tmp_path):
    root = _project(tmp_path)
    one = root / "data" / "organizations" / "example-survivor-services.yaml"
    for _ in range(2):  # cold, then from the cache
        result = validate_records(root, [one], on=DAY)
        assert result.files == 1
        assert ("example-survivor-services.yaml", "likely-duplicate") in _rules(result)
        assert all(
            p.path == "data/organizations/example-survivor-services.yaml"
            for p in result.problems
            if p.path.startswith("data/organizations/")
        )
    assert (root / CACHE_FILE).is_file()

    # the other file (first in name order) now takes the same id: a check of the unchanged, cached file alone
    # reports the clash on it
    other = root / "data" / "organizations" / "example-other-services.yaml"
    other.write_text(
        other.read_text(encoding="utf-8").replace("id: example-other-services", "id: example-survivor-services", 1),
        encoding="utf-8",
    )
    assert ("example-survivor-services.yaml", "id-unique") in _rules(validate_records(root, [one], on=DAY))
    code, out, _ = run_ccci(root, "validate", "data/organizations/example-survivor-services.yaml")
    clash = "example-survivor-services.yaml:1:5: error: $.id: id 'example-survivor-services' is also"
    assert code == 1 and clash in out


def test_a_stale_cache_entry_is_never_used(tmp_path):
    root = _project(tmp_path)
    one = root / "data" / "organizations" / "example-survivor-services.yaml"
    first = validate_records(root, on=DAY)
    assert not any(p.rule == "placeholder" for p in first.problems)

    # the file changes: its new problem is found (the old entry's hash no longer matches)
    text = one.read_text(encoding="utf-8")
    one.write_text(text.replace("description: ", "description: TODO ", 1), encoding="utf-8")
    assert ("example-survivor-services.yaml", "placeholder") in _rules(validate_records(root, [one], on=DAY))
    one.write_text(text, encoding="utf-8")
    assert _rules(validate_records(root, [one], on=DAY)) == _rules(
        validate_records(root, [one], on=DAY, use_cache=False)
    )

    # the schema changes (name at most 3 characters): every cached result is stale, the new limit applies
    schema_file = root / "schema" / "organization.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["name"]["maxLength"] = 3
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    after = validate_records(root, on=DAY)
    assert not any(p.json_path == "$.name" for p in first.problems)
    assert any(p.json_path == "$.name" and p.is_error for p in after.problems)

    # a cache entry doctored to say "no problems" for other bytes is not believed
    cache = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))
    for entry in cache["files"].values():
        entry["digest"] = "0" * 40
        entry["problems"] = []
    (root / CACHE_FILE).write_text(json.dumps(cache), encoding="utf-8")
    assert _rules(validate_records(root, on=DAY)) == _rules(after)


def test_cached_and_uncached_results_agree_on_the_fixtures(tmp_path):
    root = make_project(tmp_path / "p", FIXTURES / "invalid" / "bad-date")
    shutil.copy(GOOD, root / "data" / "organizations" / GOOD.name)
    fresh = validate_records(root, on=DAY, use_cache=False).problems
    assert fresh
    assert validate_records(root, on=DAY).problems == fresh  # writes the cache
    assert validate_records(root, on=DAY).problems == fresh  # read from it
    assert validate_records(root, on=DAY, keep_data=False).problems == fresh


def _schema_rules(result) -> list[tuple[str, str, str]]:
    return sorted({(p.path.rsplit("/", 1)[-1], p.json_path, p.rule) for p in result.problems})


def test_the_compiled_schema_is_kept_beside_the_cache_and_used_from_there(tmp_path, monkeypatch):
    """fastjsonschema's code for each schema is kept in .cache/ccci (compiling it was a fifth of re-checking one
    changed record among 10,000): a later run uses it, a damaged file is compiled again, --no-cache keeps none."""
    import fastjsonschema

    from generator.records import schema_check

    root = _project(tmp_path)
    one = root / "data" / "organizations" / "example-survivor-services.yaml"
    validate_records(root, on=DAY, use_cache=False)
    assert not list(root.rglob("*.marshal"))  # --no-cache: nothing kept
    good = validate_records(root, on=DAY)
    kept = sorted(p.name for p in (root / CACHE_FILE.parent).glob("*.marshal"))
    assert any(name.startswith("schema-organization-") for name in kept), kept

    # a later run (a new process: nothing compiled in memory) checks a changed record with the kept code only
    text = one.read_text(encoding="utf-8")
    one.write_text(text.replace("id: example-survivor-services", "id: Example Survivor Services", 1), "utf-8")
    expected = _schema_rules(validate_records(root, [one], on=DAY, use_cache=False))
    assert ("example-survivor-services.yaml", "$.id", "id-format") in expected
    schema_check.keep_compiled_in(None)  # forget what this process compiled

    def no_compiling(*args, **kwargs):
        raise AssertionError("the schema was compiled again although its compiled code is kept")

    with monkeypatch.context() as m:
        m.setattr(fastjsonschema, "compile_to_code", no_compiling)
        assert _schema_rules(validate_records(root, [one], on=DAY)) == expected

    # a damaged file is not believed: the schema is compiled again, with the same answers, and kept again
    org_code = next(p for p in (root / CACHE_FILE.parent).glob("schema-organization-*.marshal"))
    org_code.write_bytes(b"not marshal data")
    schema_check.keep_compiled_in(None)
    one.write_text(text.replace("id: example-survivor-services", "id: Example Survivor Service", 1), "utf-8")
    assert _schema_rules(validate_records(root, [one], on=DAY)) == expected
    assert org_code.read_bytes() != b"not marshal data"
    one.write_text(text, "utf-8")
    assert _rules(validate_records(root, on=DAY)) == _rules(good)
    assert sorted(p.name for p in (root / CACHE_FILE.parent).glob("*.marshal")) == kept  # one file per schema


def test_distances_do_not_load_geopys_geocoders_and_geopy_still_imports_whole():
    """haversine_km (checking a record's places) used to import geopy, whose __init__ loads every geocoder with
    requests and ssl: ~0.25 s of re-checking one changed record (issue 15). It now loads geopy.distance alone.
    The distances are geopy's own (the same floats as with geopy imported first), and a later `import geopy`
    still gets the whole package."""
    script = (
        "import sys\n{first}"
        "from generator.records.geo import haversine_km\n"
        "d = [haversine_km(43.615, -116.2023, 47.6777, -116.7805), haversine_km(42.87, -112.44, 42.87, -112.44)]\n"
        "import json\n"
        "print(any(m == 'requests' or m.startswith('geopy.geocoders') for m in sys.modules), json.dumps(d))\n"
        "import geopy, geopy.distance\n"
        "print(geopy.__version__ == geopy.util.__version__, hasattr(geopy, 'Nominatim'))\n"
        "far = geopy.distance.great_circle((43.615, -116.2023), (47.6777, -116.7805), radius=6371.0088)\n"
        "print(json.dumps(far.km))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script.format(first=first)], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        for first in ("", "import geopy\n")
    ]
    assert runs[0][0].startswith("False ")  # no geocoder, no requests
    assert runs[1][0].startswith("True ")  # (geopy imported first: the ordinary import, geocoders and all)
    assert runs[0][0].split(" ", 1)[1] == runs[1][0].split(" ", 1)[1]  # the same distances either way
    assert runs[0][1] == runs[1][1] == "True True"
    distances = json.loads(runs[0][0].split(" ", 1)[1])
    assert distances[1] == 0.0 and distances[0] == json.loads(runs[0][2]) and 400 < distances[0] < 500


def test_checking_a_record_never_changes_it(tmp_path: Path) -> None:
    """The schema gives a location's `confidential` a default (false). fastjsonschema wrote such defaults into the
    record it checked, so a cold `ccci build` published `confidential: false` in directory.json and a cached one
    did not. Checking must leave the record as written."""
    from generator.records.load import load_yaml_file
    from generator.records.schema_check import is_valid

    record = load_yaml_file(FIXTURES / "valid" / "example-survivor-services.yaml").data
    assert record["locations"]
    for loc in record["locations"]:
        loc.pop("confidential", None)
    before = json.dumps(record, sort_keys=True, default=str)
    assert is_valid(record, REPO / "schema" / "organization.schema.json")
    assert json.dumps(record, sort_keys=True, default=str) == before


def test_without_keep_data_no_record_comes_back_and_the_problems_are_the_same(tmp_path):
    """`ccci validate` (keep_data=False) wants only problems: worker processes send no record back."""
    root = make_project(tmp_path / "p", FIXTURES / "invalid" / "bad-date")
    shutil.copy(GOOD, root / "data" / "organizations" / GOOD.name)
    kept = validate_records(root, on=DAY, use_cache=False)
    bare = validate_records(root, on=DAY, use_cache=False, keep_data=False)
    assert kept.problems and bare.problems == kept.problems and bare.files == kept.files
    assert kept.dataset.organizations and not bare.dataset.organizations


def test_a_file_whose_stat_is_unchanged_is_not_read_again_and_any_write_is_seen(tmp_path, monkeypatch):
    """Like git's index: an entry keeps the file's stat, and while it is the same the file is not read to be
    hashed. A write changes the change time (ctime), which no program can set back: the file is read again
    even when its size and modification time are made to look as before."""
    from generator.records import validate

    root = _project(tmp_path)
    one = root / "data" / "organizations" / "example-survivor-services.yaml"
    reads: list[str] = []
    real_read = validate._read
    monkeypatch.setattr(validate, "_read", lambda path: reads.append(Path(path).name) or real_read(path))

    # files written just now are read every time: a write in the same clock tick could leave the stat as it was
    validate_records(root, on=DAY, keep_data=False)
    entries = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))["files"]
    assert entries and all(e["stat"] is None for e in entries.values())
    reads.clear()
    validate_records(root, on=DAY, keep_data=False)
    assert sorted(reads) == ["example-other-services.yaml", "example-survivor-services.yaml"]

    # once they are older than the racy window (here: any age), their stat is kept and they are not read again
    # (by `ccci validate`, which wants only problems: a build reads every record anyway)
    monkeypatch.setattr(validate, "RACY_NS", 0)
    first = validate_records(root, on=DAY, keep_data=False)
    entries = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))["files"]
    assert all(isinstance(e["stat"], list) and e["stat"][0] > 0 for e in entries.values())
    reads.clear()
    assert validate_records(root, on=DAY, keep_data=False).problems == first.problems
    assert reads == []

    # same size, modification time set back: the change time still differs, so the new text is checked
    before = one.stat()
    text = one.read_text(encoding="utf-8")
    start = text.index("\ndescription: ") + len("\ndescription: ")
    one.write_text(text[:start] + "TODO" + text[start + 4 :], encoding="utf-8")  # 4 characters for 4
    os.utime(one, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert one.stat().st_size == before.st_size and one.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    assert ("example-survivor-services.yaml", "placeholder") in _rules(validate_records(root, on=DAY, keep_data=False))
    assert reads == ["example-survivor-services.yaml"]

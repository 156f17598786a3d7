"""The verification queue: `ccci stale --format markdown` (a checklist per record due) and `ccci verify ID`."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.records.load import load_yaml_file
from tests.helpers import FIXTURES, TODAY, make_project, run_ccci


def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", FIXTURES / "valid")
    shutil.copy(FIXTURES / "export" / "example-full-record.yaml", root / "data" / "organizations")
    return root


def record(root: Path, ident: str) -> Path:
    return root / "data" / "organizations" / f"{ident}.yaml"


# ------------------------------------------------------------------------------------------------ verify


def test_verify_stamps_today_status_and_method_in_canonical_form(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out, err = run_ccci(root, "verify", "example-national-line", "--method", "phone", "--role", "CCCI volunteer")
    assert (code, err) == (0, "")
    assert out == f"data/organizations/example-national-line.yaml: Example National Line verified on {TODAY} by phone\n"
    ver = load_yaml_file(record(root, "example-national-line")).data["verification"]
    assert ver == {
        "status": "verified",
        "last_verified": TODAY,
        "method": "phone",
        "verified_by_role": "CCCI volunteer",
        "sources": [{"url": "https://example-national-line.test/about"}],
    }
    assert run_ccci(root, "fmt", "--check")[0] == 0
    assert run_ccci(root, "validate")[1] == "All good: 3 files checked, no problems.\n"
    code, out, _ = run_ccci(root, "stale")
    assert "example-national-line" not in out


def test_verify_again_moves_the_date_and_method(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out, _ = run_ccci(root, "verify", "example-full-record.yaml", "--method", "email")
    assert code == 0 and f"verified on {TODAY} by email" in out
    ver = load_yaml_file(record(root, "example-full-record")).data["verification"]
    assert (ver["last_verified"], ver["method"], ver["verified_by_role"]) == (TODAY, "email", "CCCI volunteer")
    assert ver["notes"] == "A note for maintainers that is never published."


def test_verify_refusals(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, _, err = run_ccci(root, "verify", "example-nationl-line", "--method", "phone")
    assert code == 1
    assert (
        err == "ccci verify: no record 'example-nationl-line' in data/organizations/ (did you mean "
        "'example-national-line'?)\n"
    )
    assert run_ccci(root, "verify", "example-national-line", "--method", "fax")[0] == 2
    assert run_ccci(root, "verify", "example-national-line")[0] == 2
    assert run_ccci(root, "verify", "../../etc/passwd", "--method", "phone")[0] in (1, 2)
    code, _, err = run_ccci(root, "verify", "Bad Id", "--method", "phone")
    assert code == 2 and "is not a record id" in err
    broken = record(root, "example-national-line")
    broken.write_text("id: example-national-line\nname: [unclosed\n")
    code, _, err = run_ccci(root, "verify", "example-national-line", "--method", "phone")
    assert code == 1 and "could not be read; fix it first" in err
    assert broken.read_text() == "id: example-national-line\nname: [unclosed\n"


def test_verify_reports_other_problems_of_the_record(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = record(root, "example-national-line")
    path.write_text(path.read_text().replace('number: "+18005550199"', 'number: "555"'))
    code, out, _ = run_ccci(root, "verify", "example-national-line", "--method", "website")
    assert code == 1
    assert f"verified on {TODAY} by website" in out and "phone-invalid" in out
    assert load_yaml_file(path).data["verification"]["method"] == "website"


# ------------------------------------------------------------------------------------------------ stale


def test_stale_markdown_checklist(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out, err = run_ccci(root, "stale", "--days", "30", "--format", "markdown")
    assert (code, err) == (0, "")
    assert out.startswith(f"## Verification queue: 3 of 3 records due ({TODAY})\n")
    sections = out.split("\n### ")
    assert [s.split("\n", 1)[0] for s in sections[1:]] == [
        "Example National Line",
        "Example Full Record Center",
        "Example Survivor Services",
    ]
    full = sections[2]
    assert "data/organizations/example-full-record.yaml · last verified 2026-10-01 (58 days ago)" in full
    assert (
        "- [ ] Phones: 208-555-0142 \\(phone, ext. 204, Mon-Fri 08:30-17:00; Sat 10:00-14:00 \\(Closed "
        "on state holidays.\\), English and Spanish\\)"
    ) in full
    assert (
        "- [ ] Hours: Emergency shelter: 24/7 · Legal help: By appointment only. · Court advocacy: Tue, Thu "
        "09:00-12:00" in full
    )
    assert "- [ ] Address: Main office: 100 Example St, Suite 200, Boise, Ada County, ID 83702" in full
    assert "- [ ] Address: a confidential place in Boise. Confirm the city only; never write the street down" in full
    assert "Safe house" not in out  # the issue is public: a confidential place is not named
    assert "- [ ] Services still offered: Emergency shelter; Legal help; Court advocacy" in full
    assert "- [ ] Eligibility: Emergency shelter: Adults 18 and older, and their children." in full
    assert "- [ ] When all is confirmed: `ccci verify example-full-record --method phone`" in full
    national = sections[1]
    assert "never verified" in national and "Hours: none listed" in national


def test_stale_markdown_escapes_record_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = record(root, "example-national-line")
    path.write_text(
        path.read_text().replace(
            "name: Example National Line", 'name: "<script>x</script> [a](https://evil.test) @org"'
        )
    )
    code, out, _ = run_ccci(root, "stale", "--format", "markdown")
    assert code == 0
    assert "<script>" not in out and "](https://evil" not in out and "@org" not in out


def test_stale_text_output_is_unchanged(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out, _ = run_ccci(root, "stale", "--days", "30")
    assert code == 0
    assert out == (
        "example-national-line: Example National Line: never verified\n"
        "example-full-record: Example Full Record Center: 2026-10-01 (58 days ago)\n"
        "example-survivor-services: Example Survivor Services: 2026-10-01 (58 days ago)\n"
        "3 of 3 records due for verification (older than 30 days or never verified).\n"
    )


def test_stale_markdown_when_nothing_is_due(tmp_path: Path) -> None:
    root = project(tmp_path)
    record(root, "example-national-line").unlink()
    code, out, _ = run_ccci(root, "stale", "--format", "markdown")
    assert code == 0
    assert out == (
        f"## Verification queue: 0 of 2 records due ({TODAY})\n\n"
        "Records never verified come first, then those verified more than 365 days ago. Call or email the "
        "organization, tick each line once it is confirmed, fix the record if something changed, then run "
        "the command at the end of its list. Never write down a person's name or a private shelter "
        "address.\n\nNothing is due. Every record was verified recently.\n"
    )

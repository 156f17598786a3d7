"""Records and data files cannot turn into tricks: what `ccci` prints, symbolic links, linear-time checks."""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.records import report
from generator.records.problems import Problem
from tests.helpers import FIXTURES, REPO, make_project, run_ccci
from tests.sitebuild import SITE_FIXTURES, copy_project

HOSTILE = "x\x1b]0;owned\x07\x1b[2J\u202eevil\r\n::error file=a::injected %0A\x85\u2028\U000e0041"


def _problem(text: str) -> Problem:
    return Problem(f"data/organizations/{text}.yaml", 3, 4, "error", "$.name", f"unknown '{text}'", "r")


def test_every_report_format_escapes_what_could_rewrite_a_terminal_or_a_ci_log() -> None:
    problems = [_problem(HOSTILE)]
    for name, fmt in report.FORMATS.items():
        out = fmt(problems, 1)
        assert not any(ch in out for ch in "\x1b\x07\r\x85\u202e\u2028\U000e0041"), name
        lines = out.splitlines()
        if name == "github":  # only our own annotation starts a line with '::'
            assert [line.startswith("::") for line in lines] == [True, False]
            assert "%250A" in lines[0]  # GitHub would turn a raw %0A into a line break
        if name == "json":
            assert json.loads(out)["problems"][0]["message"] == problems[0].message  # same text, escaped
        if name == "text":
            assert len(lines) == 2 and "\\x1b" in lines[0] and "\\u202e" in lines[0]


def test_a_record_cannot_inject_a_workflow_command(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "invalid" / "newline-in-one-line-field")
    code, out, _ = run_ccci(root, "validate", "--format", "github")
    assert code == 1
    assert all(line.startswith(("::error ", "::warning ")) or "checked" in line for line in out.splitlines())


def _linked_project(tmp_path: Path) -> tuple[Path, Path]:
    root = make_project(tmp_path / "p", FIXTURES / "valid")
    outside = tmp_path / "outside.yaml"
    record = root / "data" / "organizations" / "example-national-line.yaml"
    outside.write_bytes(record.read_bytes())
    record.unlink()
    os.symlink(outside, record)
    return root, outside


def test_validate_reports_a_linked_record_and_does_not_read_it(tmp_path: Path) -> None:
    root, _ = _linked_project(tmp_path)
    code, out, _ = run_ccci(root, "validate")
    assert code == 1
    assert (
        "data/organizations/example-national-line.yaml:1:1: error: $: is a symbolic link: ccci refuses links "
        "in data/ and docs/"
    ) in out
    assert "1 file checked" in out  # the other record only


def test_fmt_and_verify_never_write_through_a_link(tmp_path: Path) -> None:
    root, outside = _linked_project(tmp_path)
    before = outside.read_bytes()
    outside.write_bytes(before.replace(b"name:", b"name:  ", 1))  # not canonical: fmt would rewrite it
    changed = outside.read_bytes()
    for args in (
        ("fmt",),
        ("fmt", "data/organizations/example-national-line.yaml"),
        ("verify", "example-national-line", "--method", "phone"),
    ):
        code, _, err = run_ccci(root, *args)
        assert code == 1, args
        assert "is a symbolic link; ccci does not write through links" in err, (args, err)
        assert outside.read_bytes() == changed, args


def test_a_linked_folder_of_records_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", FIXTURES / "valid")
    orgs = root / "data" / "organizations"
    real = tmp_path / "elsewhere"
    orgs.rename(real)
    os.symlink(real, orgs)
    code, out, _ = run_ccci(root, "validate")
    assert code == 1 and "data/organizations:1:1: error: $: is a symbolic link" in out
    code, _, err = run_ccci(root, "new", "Some New Organization")
    assert code == 1 and "does not write through links" in err
    assert not (real / "some-new-organization.yaml").exists()


def test_build_refuses_a_link_in_docs(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    secret = tmp_path / "secret.md"
    secret.write_text("# private notes\n")
    os.symlink(secret, root / "docs" / "leak.md")
    code, out, err = run_ccci(root, "build", "--site-dir", str(tmp_path / "site"))
    assert code == 1
    assert "docs/leak.md:1:1: error: $: is a symbolic link" in out + err
    assert not (tmp_path / "site").exists()


def test_no_schema_compares_every_pair_of_list_items() -> None:
    """uniqueItems makes JSON Schema compare every pair of items (3,000 mappings took 17 s): lists are marked
    x-unique-items instead, and rules_safety.duplicate_items checks them by hashing (scripts/bench.py times it)."""
    for path in (REPO / "schema").glob("*.json"):
        assert "uniqueItems" not in path.read_text(encoding="utf-8"), path.name


def test_thousands_of_items_in_a_list_are_checked_for_repeats(tmp_path: Path) -> None:
    """(Thousands of mappings there are type errors first; `make bench` times that case.)"""
    root = make_project(tmp_path)
    tags = "".join(f"  - tag {i}\n" for i in range(3000)) + "  - tag 7\n"
    record = (FIXTURES / "valid" / "example-national-line.yaml").read_text(encoding="utf-8")
    (root / "data" / "organizations" / "example-national-line.yaml").write_text(record + "tags:\n" + tags)
    code, out, _ = run_ccci(root, "validate")
    assert code == 1
    assert "$.tags[3000]: lists the same item twice (item 8 and item 3001): remove the repeat (duplicate-item)" in out

"""`ccci diff [REV]`: in a real git repository, what a change does to the records, in a reviewer's words."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.review.changes import describe
from tests.helpers import FIXTURES, REPO, make_project, run_ccci

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}
    )
    return done.stdout


def repo(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "repo", FIXTURES / "valid")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "records")
    return root


def record(root: Path, name: str = "example-survivor-services") -> Path:
    return root / "data" / "organizations" / f"{name}.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_phone_edit_gives_one_clear_line_on_a_fresh_clone(tmp_path: Path) -> None:
    root = repo(tmp_path)
    edit(record(root), '"+12085550100"', '"+12085550101"')
    git(root, "commit", "-q", "-am", "new hotline number")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True, env={**os.environ, **GIT_ENV})
    ccci = REPO / ".venv" / "bin" / "ccci"
    command = [str(ccci)] if ccci.exists() else ["python", "-m", "generator.cli.main"]
    done = subprocess.run(
        [*command, "diff", "HEAD~1"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **GIT_ENV},
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "Example Survivor Services: crisis line (24/7 help line) changed from 208-555-0100 to 208-555-0101\n"
    )


def test_the_issue_example(tmp_path: Path) -> None:
    root = repo(tmp_path)
    path = record(root)
    edit(path, '"+12085550100"', '"+12085550199"')
    edit(path, 'last_verified: "2026-10-01"', 'last_verified: "2026-11-02"')
    text = path.read_text()
    start, end = text.index("  - id: legal-advocacy"), text.index("verification:")
    path.write_text(text[:start] + text[end:])
    git(root, "commit", "-q", "-am", "changes")
    code, out, err = run_ccci(root, "diff", "HEAD~1")
    assert (code, err) == (0, "")
    assert out == (
        "Example Survivor Services: crisis line (24/7 help line) changed from 208-555-0100 to "
        "208-555-0199; service 'Legal advocacy' removed; verification date moved from 2026-10-01 to "
        "2026-11-02\n"
    )
    code, out, _ = run_ccci(root, "diff", "HEAD~1", "--format", "markdown")
    assert out == (
        "### Changes to 1 record since `HEAD~1`\n\n"
        "- **Example Survivor Services** (data/organizations/example-survivor-services.yaml)\n"
        "  - crisis line \\(24/7 help line\\) changed from 208-555-0100 to 208-555-0199\n"
        "  - service 'Legal advocacy' removed\n"
        "  - verification date moved from 2026-10-01 to 2026-11-02\n"
    )


def test_working_tree_against_head_new_removed_and_layout(tmp_path: Path) -> None:
    root = repo(tmp_path)
    code, out, _ = run_ccci(root, "diff")
    assert (code, out) == (0, "No record changed since HEAD.\n")
    shutil.copy(FIXTURES / "export" / "example-full-record.yaml", root / "data" / "organizations")
    record(root, "example-national-line").unlink()
    edit(
        record(root),
        "categories: [protection-orders, victims-rights]",
        "categories:\n      - protection-orders\n      - victims-rights",
    )
    code, out, _ = run_ccci(root, "diff")
    assert code == 0
    assert out.splitlines() == [
        "Example Full Record Center: new record (3 services: Emergency shelter; Legal help; Court advocacy); "
        "phone (Front desk) 208-555-0142; TTY line 208-555-0143; fax 208-555-0144; text line 233733; "
        "crisis line 208-555-0145 for service 'Emergency shelter'; "
        "place 'Main office': 100 Example St, Suite 200, Boise, Ada County, ID 83702; "
        "place 'east-office': 5 Example Ave, Nampa, Canyon County, ID; place 'north-office': Caldwell, Canyon County, "
        "ID; CONFIDENTIAL place 'Safe house': Boise, Ada County, ID (address kept private); claims it was verified "
        "by site-visit on 2026-10-01 ('CCCI volunteer'): check that a person really confirmed it; "
        "source: https://example-full-record.test/contact",
        "Example National Line: record removed",
        "Example Survivor Services: layout only; no change to the facts",
    ]


def test_services_locations_and_verification_in_words(tmp_path: Path) -> None:
    root = repo(tmp_path)
    path = record(root)
    edit(path, "street: 100 Example St", "street: 200 Example St")
    edit(path, "populations: [adults, families, 2slgbtqia]", "populations: [adults, families, youth]")
    edit(path, 'opens: "09:00"', 'opens: "08:00"')
    edit(path, "status: verified", "status: unverified")
    code, out, _ = run_ccci(root, "diff")
    assert code == 0
    assert out == (
        "Example Survivor Services: location 'Downtown office': address changed from 100 Example St, Boise, Ada "
        "County, ID 83702 to 200 Example St, Boise, Ada County, ID 83702; service 'Emergency shelter': populations "
        "added: Youth and teens; service 'Emergency shelter': populations removed: 2SLGBTQIA+ people; service "
        "'Legal advocacy': hours changed from Mon-Fri 09:00-17:00 (Closed on state holidays.) to Mon-Fri "
        "08:00-17:00 (Closed on state holidays.); status changed from verified to unverified\n"
    )


def test_unreadable_records_are_reported_not_crashed(tmp_path: Path) -> None:
    root = repo(tmp_path)
    record(root).write_text("id: [unclosed\n")
    code, out, err = run_ccci(root, "diff")
    assert (code, err) == (0, "")
    assert out.startswith("Example Survivor Services: could not be read now (")


def test_markdown_escapes_what_records_say(tmp_path: Path) -> None:
    root = repo(tmp_path)
    edit(
        record(root),
        "name: Example Survivor Services",
        'name: "<img src=x onerror=alert(1)> [click](javascript:alert(1)) @team"',
    )
    code, out, _ = run_ccci(root, "diff", "--format", "markdown")
    assert code == 0
    assert "<img" not in out and "](javascript" not in out and "@team" not in out
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(javascript:alert\\(1\\)\\) &#64;team" in out


def test_usage_errors(tmp_path: Path) -> None:
    root = repo(tmp_path)
    code, _, err = run_ccci(root, "diff", "no-such-branch")
    assert code == 2 and "unknown revision 'no-such-branch'" in err
    code, _, err = run_ccci(root, "diff", "--output=/tmp/x")
    assert code == 2
    code, _, err = run_ccci(root, "diff", "-p")
    assert code == 2
    plain = make_project(tmp_path / "plain")
    code, _, err = run_ccci(plain, "diff")
    assert code == 2 and "not a git repository" in err


def test_describe_unit_phrases() -> None:
    old = {
        "name": "A",
        "phones": [{"number": "+12085550100", "type": "voice"}],
        "website": "https://a.test/",
        "services": [{"id": "s", "name": "S", "coverage": {"scope": "statewide"}}],
        "verification": {"status": "unverified", "sources": [{"url": "https://a.test/"}]},
    }
    new = {
        "name": "B",
        "phones": [{"number": "+12085550100", "type": "voice"}, {"number": "+12085550111", "type": "fax"}],
        "services": [{"id": "s", "name": "S", "coverage": {"scope": "local", "counties": ["Ada", "Canyon"]}}],
        "verification": {
            "status": "verified",
            "last_verified": "2026-11-02",
            "method": "phone",
            "sources": [{"url": "https://b.test/"}],
        },
    }
    assert describe(old, new) == [
        "renamed from 'A'",
        "website https://a.test/ removed",
        "fax 208-555-0111 added",
        "service 'S': coverage changed from statewide (all of Idaho) to Ada and Canyon counties",
        "now verified by phone",
        "verification date set to 2026-11-02",
        "source added: https://b.test/",
        "source removed: https://a.test/",
    ]
    assert describe(old, old) == []
    assert describe({"name": 5, "services": "x"}, {"name": None, "phones": 3}) != []  # odd shapes: no crash

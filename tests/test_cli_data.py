"""The data commands as a maintainer runs them: exact output, exit codes, and nothing lost."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REPO, TODAY, make_project, run_ccci

CASE = FIXTURES / "invalid"


def test_json_format(tmp_path: Path) -> None:
    root = make_project(tmp_path, CASE / "zip-county")
    code, out, _ = run_ccci(root, "validate", "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "files": 1,
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "path": "data/organizations/zip-county.yaml",
                "line": 9,
                "col": 15,
                "severity": "error",
                "json_path": "$.locations[0].address.county",
                "message": "ZIP 83702 is in Ada County, not Canyon: check the county or the ZIP",
                "rule": "zip-county",
            }
        ],
    }


def test_github_format(tmp_path: Path) -> None:
    root = make_project(tmp_path, CASE / "unknown-field")
    code, out, _ = run_ccci(root, "validate", "--format", "github")
    assert code == 1
    assert out == (
        "::error file=data/organizations/unknown-field.yaml,line=4,col=1,title=unknown-field::$.phone: unknown "
        "field 'phone': remove it or fix its name (did you mean 'phones'?)\n1 error, 0 warnings in 1 file checked.\n"
    )


def test_validate_named_file_only(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    shutil.copy(CASE / "ssn-in-description" / "ssn-in-description.yaml", root / "data" / "organizations")
    code, out, _ = run_ccci(root, "validate", "data/organizations/example-national-line.yaml")
    assert (code, out) == (0, "All good: 1 file checked, no problems.\n")
    code, out, _ = run_ccci(root, "validate")
    assert code == 1 and "3 files checked" in out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert run_ccci(root, "validate", "no/such/file.yaml")[0] == 2
    assert run_ccci(root, "validate", "--format", "xml")[0] == 2
    assert run_ccci(root, "frobnicate")[0] == 2
    code, _, err = run_ccci(tmp_path.parent, "validate")  # not inside a project
    assert code == 2 and "no CCCI project here" in err


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    path = root / "data" / "organizations" / "example-survivor-services.yaml"
    path.write_text(path.read_text().replace('last_verified: "2026-10-01"', 'last_verified: "2025-06-01"'))
    code, out, _ = run_ccci(root, "validate")
    assert code == 0
    assert out == (
        "data/organizations/example-survivor-services.yaml:71:18: warning: $.verification.last_verified: "
        "'Example Survivor Services' was last verified 2025-06-01, over 12 months ago: call to confirm it, then run "
        "'ccci verify example-survivor-services --method phone' (verification-stale)\n"
        "0 errors, 1 warning in 2 files checked.\n"
    )


def test_likely_duplicate_is_a_warning(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    orgs = root / "data" / "organizations"
    text = (orgs / "example-national-line.yaml").read_text().replace("example-national-line", "example-copy")
    (orgs / "example-copy.yaml").write_text(text.replace("Example National Line", "Example Copy"))
    code, out, _ = run_ccci(root, "validate")
    assert code == 0
    assert (
        "example-national-line.yaml:5:13: warning: $.phones[0].number: +18005550199 is also listed in "
        "data/organizations/example-copy.yaml" in out
    )


def test_new_writes_a_skeleton_with_visible_blanks(tmp_path: Path) -> None:
    """Nothing pre-filled that looks like a real answer: validation names the blanks (issue 14)."""
    root = make_project(tmp_path)
    code, out, _ = run_ccci(root, "new", "Women's & Children's Alliance (Boise)")
    assert code == 0 and out.startswith("wrote data/organizations/womens-and-childrens-alliance-boise.yaml")
    text = (root / "data/organizations/womens-and-childrens-alliance-boise.yaml").read_text()
    assert "statewide" not in text and "survivor-centered" not in text
    code, out, _ = run_ccci(root, "validate")
    assert code == 1 and "2 errors, 6 warnings" in out and "(placeholder)" in out
    assert "unknown service area 'TODO'" in out and "'TODO' is not one of: national, statewide, local" in out
    assert run_ccci(root, "fmt", "--check")[0] == 0
    code, _, err = run_ccci(root, "new", "Women's & Children's Alliance (Boise)")
    assert code == 1 and "already exists" in err


def test_fmt_rewrites_and_check_shows_the_diff(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    path = root / "data" / "organizations" / "example-national-line.yaml"
    canonical = path.read_text()
    messy = canonical.replace('number: "+18005550199"', "number: (800) 555-0199").replace(
        "id: example-national-line\nname: Example National Line\n",
        "name: Example National Line\nid: example-national-line\n",
    )
    path.write_text(messy)
    code, out, err = run_ccci(root, "fmt", "--check")
    assert code == 1
    assert '-  - number: (800) 555-0199\n+  - number: "+18005550199"\n' in out
    assert "1 file(s) not in canonical form: run 'ccci fmt'" in err
    assert path.read_text() == messy  # --check changes nothing
    assert run_ccci(root, "fmt")[0] == 0
    assert path.read_text() == canonical


def test_fmt_leaves_broken_files_untouched(tmp_path: Path) -> None:
    root = make_project(tmp_path, CASE / "duplicate-key")
    path = root / "data" / "organizations" / "duplicate-key.yaml"
    before = path.read_bytes()
    code, _, err = run_ccci(root, "fmt")
    assert code == 1 and "duplicate key 'name'" in err and "left untouched" in err
    assert path.read_bytes() == before


def test_stale_lists_oldest_first(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    code, out, _ = run_ccci(root, "stale", "--days", "30")
    assert code == 0
    assert out == (
        "example-national-line: Example National Line: never verified\n"
        "example-survivor-services: Example Survivor Services: 2026-10-01 (58 days ago)\n"
        "2 of 2 records due for verification (older than 30 days or never verified).\n"
    )
    code, out, _ = run_ccci(root, "stale")
    assert out.splitlines()[0] == "example-national-line: Example National Line: never verified"
    assert out.splitlines()[-1].startswith("1 of 2 records")


ACCEPTANCE = [
    "confidential-street",
    "unknown-field",
    "duplicate-key",
    "javascript-url",
    "ssn-in-description",
    "python-tag",
    "alias-bomb",
]


@pytest.mark.parametrize("case", ACCEPTANCE)
def test_acceptance_cases_through_the_installed_command(case: str, tmp_path: Path) -> None:
    """The real `ccci` entry point, as a maintainer runs it: located error, exit 1, no traceback.
    (How fast one bad record is reported is a `make bench` figure, not an assert here.)"""
    root = make_project(tmp_path, CASE / case)
    exe = Path(sys.executable).with_name("ccci")
    proc = subprocess.run(
        [str(exe), "validate"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "CCCI_TODAY": TODAY},
    )
    assert proc.returncode == 1
    assert proc.stdout == (CASE / case / "expected.txt").read_text()
    assert "Traceback" not in proc.stderr + proc.stdout


def test_repo_is_found_from_a_subfolder() -> None:
    code, out, _ = run_ccci(REPO / "data" / "taxonomy", "schema-docs", "--check")
    assert code == 0 and out == ""


def test_a_command_runs_with_fewer_collector_passes_and_restores_them():
    """`ccci` raises the collector's first threshold while a command runs (a tenth of the build's CPU at 10,000
    records), and puts it back afterwards, also when the command fails."""
    from generator.cli.main import GC_FIRST_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() == (max(before[0], GC_FIRST_THRESHOLD), before[1], before[2])
        raise RuntimeError("the command failed")
    assert gc.get_threshold() == before


def _entry(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`ccci`'s entry point (generator.cli.main:run, as pyproject.toml names it) in a fresh interpreter, after
    `code` has run there."""
    script = f"import atexit, sys\n{code}\nsys.argv = ['ccci', *{list(args)!r}]\n"
    script += "from generator.cli.main import run\nrun()\n"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )


def test_the_command_ends_with_its_status_its_output_and_every_exit_handler():
    """`ccci` ends the process without the interpreter freeing every object (4.4 s after a 10,000-record build),
    but as a normal exit would: what it printed is all there, exit handlers (logging, multiprocessing, tempfile
    clean-ups) have run, and the status is the command's."""
    done = "atexit.register(lambda: print('exit handler ran', file=sys.stderr))"
    ok = _entry(done, "--version")
    assert (ok.returncode, ok.stdout.strip()) == (0, f"ccci {__import__('generator').__version__}")
    assert "exit handler ran" in ok.stderr
    usage = _entry(done, "no-such-command")
    assert usage.returncode == 2 and "invalid choice" in usage.stderr and "exit handler ran" in usage.stderr
    # output printed without a newline (so still in the buffer) and a data error's status 1
    bad = _entry(
        done + "\nimport generator.cli.main as m\nm.main = lambda: print('half a line', end='') or 1", "validate"
    )
    assert (bad.returncode, bad.stdout) == (1, "half a line")
    assert "exit handler ran" in bad.stderr and "Traceback" not in bad.stderr
    # a temporary folder made by the command is gone (tempfile removes it in an exit handler)
    kept = _entry(
        "import tempfile, pathlib\nd = tempfile.TemporaryDirectory()\npathlib.Path(d.name, 'f').write_text('x')\n"
        "print(d.name)\nimport generator.cli.main as m\nm.main = lambda: 0",
        "validate",
    )
    assert kept.returncode == 0 and not Path(kept.stdout.strip()).exists()
    # a thread still writing when the command returns finishes first, as at a normal exit
    late = _entry(
        "import threading, time\nthreading.Thread(target=lambda: (time.sleep(0.5), print('thread done'))).start()\n"
        "import generator.cli.main as m\nm.main = lambda: 0",
        "validate",
    )
    assert late.returncode == 0 and late.stdout.strip() == "thread done"

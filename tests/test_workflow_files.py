"""Contributor workflow files: parsed, checked for what they promise, and their commands run as CI would run them.

The commands run in a clean export of the last commit (what CI checks out), with the project's .venv linked in
and PYTHONPATH on the export, so other people's uncommitted work cannot change the result.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import build_parser
from tests.helpers import REPO
from tests.test_readability import MAX_GRADE, fk_grade, readable_text  # noqa: F401 - fk_grade is a fixture

WORKFLOW = REPO / ".github" / "workflows" / "validate.yml"
ISSUE_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml"
PR_TEMPLATE = REPO / ".github" / "pull_request_template.md"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
CONTRIBUTING = REPO / "CONTRIBUTING.md"
VENV = REPO / ".venv"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_CONFIG_NOSYSTEM": "1"}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow_steps() -> list[dict[str, Any]]:
    wf = load(WORKFLOW)
    (job,) = wf["jobs"].values()
    return list(job["steps"])


# ------------------------------------------------------------------------------------------------ workflow


def test_workflow_runs_on_pull_requests_with_read_only_rights() -> None:
    wf = load(WORKFLOW)
    triggers = wf.get("on", wf.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert wf["permissions"] == {"contents": "read"}
    for step in workflow_steps():
        if "uses" in step:
            assert re.match(r"^actions/(checkout|setup-python)@v[0-9]+$", step["uses"]), step["uses"]


def test_workflow_validates_with_annotations_and_builds_the_site() -> None:
    runs = [step["run"] for step in workflow_steps() if "run" in step]
    assert ".venv/bin/ccci validate --format github" in runs
    assert "make site" in runs
    parser = build_parser()
    for run in runs:
        words = shlex.split(run.split(">>")[0])
        if words[0] == ".venv/bin/ccci":
            parser.parse_args([w.replace("$BASE_REF", "HEAD") for w in words[1:]])  # a real command, real options
        if "${{" in run:
            pytest.fail(f"an expression inside a shell command can inject code: {run}")


@pytest.fixture(scope="module")
def ci_checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The last commit, as actions/checkout gives it, with origin/main and the project's .venv."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and the repository's history")
    if not (VENV / "bin" / "ccci").exists():
        pytest.skip(f"needs the project's virtualenv at {VENV} (make venv)")
    root = tmp_path_factory.mktemp("checkout")
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "checkout"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)
    (root / ".venv").symlink_to(VENV)
    return root


def run_in(root: Path, command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **GIT_ENV, "PYTHONPATH": str(root), "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}",
            **(env or {})}
    full.pop("CCCI_TODAY", None)
    return subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=root, capture_output=True, text=True,
                          env=full, timeout=600, check=False)


def test_workflow_commands_pass_as_ci_runs_them(ci_checkout: Path) -> None:
    """Every `run:` step in order, as on a pull request into main (the build step is the slow test below)."""
    summary = ci_checkout / "step-summary.md"
    failed = []
    for step in workflow_steps():
        run = step.get("run")
        if run is None or run == "make site":
            continue
        env = {k: str(v).replace("${{ github.base_ref }}", "main") for k, v in (step.get("env") or {}).items()}
        env["GITHUB_STEP_SUMMARY"] = str(summary)
        if run == "make venv":  # install: .venv exists; -o keeps make from reinstalling into it
            run = "make -o .venv/.installed venv"
        done = run_in(ci_checkout, run, env)
        if done.returncode != 0:  # every step is tried, so one report names every failing command
            failed.append(f"{step.get('name')}: {run}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        if "validate --format github" in run:
            assert done.stdout.endswith("no problems.\n") and "::error" not in done.stdout
    assert summary.read_text() == "No record changed since `origin/main`.\n"
    assert failed == []


@pytest.mark.slow
def test_make_site_builds_as_in_ci(ci_checkout: Path) -> None:
    if not (ci_checkout / "mkdocs.yml").is_file():
        pytest.skip("mkdocs.yml is not committed yet")
    done = run_in(ci_checkout, "make -o .venv/.installed site")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (ci_checkout / "site" / "index.html").is_file()
    assert (ci_checkout / "site" / "data" / "hsds" / "organizations.json").is_file()


def test_validate_github_annotations_fail_the_job_on_a_bad_record(ci_checkout: Path, tmp_path: Path) -> None:
    """The step can fail: a broken record gives an ::error annotation and a non-zero exit."""
    copy = tmp_path / "checkout"
    shutil.copytree(ci_checkout, copy, symlinks=True)
    (copy / "data" / "organizations" / "broken.yaml").write_text("id: broken\nname: Broken\n")
    done = run_in(copy, ".venv/bin/ccci validate --format github", {"PYTHONPATH": str(copy)})
    assert done.returncode == 1
    assert "::error file=data/organizations/broken.yaml,line=1,col=1" in done.stdout


# ------------------------------------------------------------------------------------------------ pre-commit


def test_pre_commit_hooks_are_local_and_pass(ci_checkout: Path) -> None:
    config = load(PRE_COMMIT)
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    hooks = {h["id"]: h for h in repo["hooks"]}
    assert set(hooks) == {"ruff", "ccci-fmt", "ccci-validate"}
    files = subprocess.run(["git", "-C", str(ci_checkout), "ls-files"], capture_output=True, text=True,
                           check=True).stdout.split()
    failed = []
    for hook in hooks.values():
        assert hook["language"] == "system"
        chosen = [f for f in files if re.search(hook.get("files", ""), f)]
        if "types" in hook:
            assert hook["types"] == ["python"]
            chosen = [f for f in chosen if f.endswith(".py")]
        args = chosen if hook.get("pass_filenames", True) else []
        assert chosen, hook["id"]
        done = run_in(ci_checkout, " ".join([hook["entry"], *map(shlex.quote, args)]))
        if done.returncode != 0:
            failed.append(f"{hook['id']}: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    assert failed == []
    assert "ccci fmt --check" in hooks["ccci-fmt"]["entry"] and "ccci validate" in hooks["ccci-validate"]["entry"]


# ------------------------------------------------------------------------------------------------ forms, docs


def test_correction_form_asks_for_no_personal_data() -> None:
    form = load(ISSUE_FORM)
    assert form["name"] == "Report a correction" and form["description"]
    body = form["body"]
    ids = [item["id"] for item in body if "id" in item]
    assert len(ids) == len(set(ids))
    allowed = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    asked = []
    for item in body:
        assert item["type"] in allowed
        if item["type"] != "markdown":
            assert item["attributes"]["label"]
            asked.append(f"{item['id']} {item['attributes']['label']} {item['attributes'].get('description', '')}")
    for text in asked:
        assert not re.search(r"\byour (name|email|phone|address|age|story)\b|\bcontact you\b|\bemail address\b", text,
                             re.IGNORECASE), text
    warning = body[0]["attributes"]["value"]
    assert body[0]["type"] == "markdown" and "public" in warning and "do not write your name" in warning.lower()
    privacy = next(item for item in body if item.get("id") == "privacy")
    assert all(option["required"] for option in privacy["attributes"]["options"])


def test_pull_request_template_checks_the_rules() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    for words in ("source", "personal data", "confidential", "ccci verify", "ccci validate"):
        assert words in text


def test_contributing_guide_has_every_part_and_real_commands() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    headings = re.findall(r"^#+ (.+)$", text, re.MULTILINE)
    for needed in ("What we list", "Confidential locations", "Language guide", "How to verify a listing",
                   "Your first pull request"):
        assert needed in headings
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}
    for link in re.findall(r"\]\(#([^)]+)\)", text):
        assert link in anchors, link
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    for used in re.findall(r"`ccci ([a-z-]+)", text):
        assert used in commands, used


def test_contributing_guide_is_plain_language(fk_grade: Any) -> None:  # noqa: F811 - the imported fixture
    assert fk_grade(readable_text(CONTRIBUTING.read_text(encoding="utf-8"))) <= MAX_GRADE

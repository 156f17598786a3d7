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

from generator.cli.main import build_parser
from tests.helpers import REPO
from tests.test_readability import MAX_GRADE, fk_grade, readable_text  # noqa: F401 - fk_grade is a fixture

WORKFLOWS = REPO / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "validate.yml"
FORMAT_WORKFLOW = WORKFLOWS / "format.yml"
DEPLOY_WORKFLOW = WORKFLOWS / "deploy.yml"
DEPENDABOT = REPO / ".github" / "dependabot.yml"
# Official actions, pinned by full commit; the commits were read from each action's own release tags.
PINNED = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}
ISSUE_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml"
PR_TEMPLATE = REPO / ".github" / "pull_request_template.md"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
CONTRIBUTING = REPO / "CONTRIBUTING.md"
VENV = REPO / ".venv"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow_steps(path: Path = WORKFLOW) -> list[dict[str, Any]]:
    """Every step of every job, in order."""
    wf = load(path)
    return [step for job in wf["jobs"].values() for step in job["steps"]]


def all_workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


# ------------------------------------------------------------------------------------------------ workflow


def triggers(wf: dict[str, Any]) -> Any:
    return wf.get("on", wf.get(True))  # YAML 1.1 reads the key `on` as true


def test_workflow_runs_on_pull_requests_with_read_only_rights() -> None:
    wf = load(WORKFLOW)
    assert "pull_request" in triggers(wf)
    assert wf["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in wf["jobs"].values())


def test_every_workflow_has_least_privilege_and_pinned_official_actions() -> None:
    """Read-only by default; a job gets write rights only for what it does; actions pinned by full commit."""
    allowed = {
        "format.yml": {"format": {"contents": "write"}},
        "deploy.yml": {"deploy": {"pages": "write", "id-token": "write"}},
    }
    assert {p.name for p in all_workflows()} >= {"validate.yml", "format.yml", "deploy.yml"}
    for path in all_workflows():
        wf = load(path)
        assert "pull_request_target" not in triggers(wf) and "workflow_run" not in triggers(wf), path.name
        assert wf["permissions"] == {"contents": "read"}, path.name
        for name, job in wf["jobs"].items():
            assert job.get("permissions") == allowed.get(path.name, {}).get(name), (path.name, name)
        text = path.read_text(encoding="utf-8")
        for step in workflow_steps(path):
            if "uses" not in step:
                continue
            action, _, ref = step["uses"].partition("@")
            assert action in PINNED, step["uses"]
            sha, version = PINNED[action]
            assert ref == sha, f"{path.name}: {step['uses']} is not pinned to {sha} ({version})"
            assert f"uses: {action}@{sha} # {version}" in text  # the version a reader can check
            assert re.fullmatch(r"[0-9a-f]{40}", ref)


def test_dependabot_watches_pip_npm_and_actions() -> None:
    config = load(DEPENDABOT)
    assert config["version"] == 2
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"pip", "npm", "github-actions"}
    for update in ecosystems.values():
        assert update["directory"] == "/" and update["schedule"]["interval"] in ("daily", "weekly", "monthly")


def test_every_check_runs_every_time_and_the_tests_run_on_pull_requests() -> None:
    """After install, each check runs even when one before it failed, so one run reports every problem."""
    wf = load(WORKFLOW)
    check = wf["jobs"]["check"]["steps"]
    after_install = check[[s.get("name") for s in check].index("Install") + 1 :]
    assert len(after_install) >= 5
    for step in after_install:
        assert "!cancelled()" in step.get("if", ""), step.get("name")
    runs = [s.get("run", "") for s in workflow_steps()]
    assert ".venv/bin/ccci fmt --check --format github" in runs  # a suggestion: exits 0, notices on the lines
    assert ".venv/bin/ccci fmt --check" not in runs  # never the blocking form
    assert any(r.startswith(".venv/bin/python -m pytest") for r in runs)
    assert any("GITHUB_STEP_SUMMARY" in r and "ccci diff" in r for r in runs)


def test_workflow_validates_with_annotations_and_builds_the_site() -> None:
    runs = [step["run"] for path in all_workflows() for step in workflow_steps(path) if "run" in step]
    assert ".venv/bin/ccci validate --format github" in runs
    assert ".venv/bin/ccci build --site-dir site" in runs
    parser = build_parser()
    for run in runs:
        words = shlex.split(run.split(">>")[0].split("||")[0]) if "\n" not in run else ["sh"]
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
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "-m", "checkout"],
        ["update-ref", "refs/remotes/origin/main", "HEAD"],
    ):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)
    (root / ".venv").symlink_to(VENV)
    return root


def run_in(root: Path, command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {
        **os.environ,
        **GIT_ENV,
        "PYTHONPATH": str(root),
        "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}",
        **(env or {}),
    }
    full.pop("CCCI_TODAY", None)
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=root,
        capture_output=True,
        text=True,
        env=full,
        timeout=600,
        check=False,
    )


def test_workflow_commands_pass_as_ci_runs_them(ci_checkout: Path) -> None:
    """Every `run:` step in order, as on a pull request into main (the build step is the slow test below, and
    the test suite is this run)."""
    summary = ci_checkout / "step-summary.md"
    failed = []
    for step in workflow_steps():
        run = step.get("run")
        if run is None or "ccci build" in run or "pytest" in run or run == "make node":
            continue
        env = {k: str(v).replace("${{ github.base_ref }}", "main") for k, v in (step.get("env") or {}).items()}
        env["GITHUB_STEP_SUMMARY"] = str(summary)
        if run == "make venv":  # install: .venv exists; -o keeps make from reinstalling into it
            run = "make -o .venv/.installed venv"
        done = run_in(ci_checkout, run, env)
        if done.returncode != 0:  # every step is tried, so one report names every failing command
            failed.append(f"{step.get('name')}: {run}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        if "validate --format github" in run:
            # warnings (e.g. a comment ccci fmt will not keep) are allowed; errors are not
            assert re.search(r"(no problems|0 errors, \d+ warnings? in \d+ files? checked)\.\n$", done.stdout)
            assert "::error" not in done.stdout
    assert summary.read_text() == "No record changed since `origin/main`.\n"
    assert failed == []


@pytest.mark.slow
def test_deploy_build_step_makes_a_real_sitemap_and_correction_links(ci_checkout: Path, tmp_path: Path) -> None:
    """The deploy workflow's build, with the address GitHub Pages gives and the repository Actions names."""
    (build_step,) = [s for s in workflow_steps(DEPLOY_WORKFLOW) if "ccci build" in s.get("run", "")]
    assert build_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    copy = tmp_path / "checkout"
    shutil.copytree(ci_checkout, copy, symlinks=True)
    env = {
        "SITE_URL": "https://owner.github.io/directory/",
        "GITHUB_REPOSITORY": "owner/directory",
        "PYTHONPATH": str(copy),
    }
    done = run_in(copy, build_step["run"], env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    site = copy / "site"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://owner.github.io/directory/</loc>" in sitemap
    assert "<loc>https://owner.github.io/directory/about/</loc>" in sitemap
    # both languages, generated pages too, each with its twin (issue 13)
    assert "<loc>https://owner.github.io/directory/es/about/</loc>" in sitemap
    assert "<loc>https://owner.github.io/directory/es/hotlines/</loc>" in sitemap
    assert 'hreflang="es" href="https://owner.github.io/directory/es/hotlines/"' in sitemap
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    form = "https://github.com/owner/directory/issues/new?template=correction.yml"
    assert f'href="{form}"' in about and "no way to report a mistake online" not in about
    org = next((site / "org").glob("*/index.html")).read_text(encoding="utf-8")
    assert f'href="{form}&amp;title=Correction' in org
    assert (site / "data" / "hsds" / "organizations.json").is_file()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nAllow: /\nSitemap: https://owner.github.io/directory/sitemap.xml\n" in robots


def test_fmt_suggestion_never_blocks_and_points_at_the_lines(ci_checkout: Path, tmp_path: Path) -> None:
    """A valid edit made in the browser (one long line, an unquoted date) passes; the canonical form is a notice."""
    copy = tmp_path / "checkout"
    shutil.copytree(ci_checkout, copy, symlinks=True)
    path = next((copy / "data" / "organizations").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"^description: .*$",
        "description: " + "A long description typed on one line in the browser. " * 4,
        text,
        count=1,
        flags=re.MULTILINE,
    )
    text = re.sub(r'last_verified: "(\d{4}-\d\d-\d\d)"', r"last_verified: \1", text, count=1)
    path.write_text(text, encoding="utf-8")
    env = {"PYTHONPATH": str(copy)}
    assert run_in(copy, ".venv/bin/ccci validate --format github", env).returncode == 0
    (step,) = [s for s in workflow_steps() if s.get("run", "").startswith(".venv/bin/ccci fmt")]
    done = run_in(copy, step["run"], env)
    assert done.returncode == 0, done.stderr
    rel = path.relative_to(copy).as_posix()
    assert re.search(
        rf"^::notice file={re.escape(rel)},line=\d+,endLine=\d+,title=Canonical form \(ccci fmt\)::"
        r"Suggestion \(not required",
        done.stdout,
        re.MULTILINE,
    ), done.stdout
    assert "1 file(s) not in canonical form" in done.stderr


def test_format_workflow_commits_the_canonical_form(ci_checkout: Path, tmp_path: Path) -> None:
    """format.yml's steps on main: ccci fmt, validate, commit (the push is left out: there is no remote here)."""
    copy = tmp_path / "checkout"
    shutil.copytree(ci_checkout, copy, symlinks=True)
    path = next((copy / "data" / "organizations").glob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")
    env = {"PYTHONPATH": str(copy)}
    assert run_in(copy, f"git commit -q -m 'a browser edit' -- {shlex.quote(str(path))}").returncode == 0
    for step in workflow_steps(FORMAT_WORKFLOW):
        run = step.get("run")
        if run is None or run == "make venv":
            continue
        done = run_in(copy, run.replace("git push", "true"), env)
        assert done.returncode == 0, f"{step.get('name')}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    log = subprocess.run(
        ["git", "-C", str(copy), "log", "-1", "--format=%s", "--name-only"], capture_output=True, text=True, check=True
    ).stdout
    assert log.startswith("ccci fmt: canonical form of the records") and path.name in log
    assert run_in(copy, ".venv/bin/ccci fmt --check", env).returncode == 0


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
    files = subprocess.run(
        ["git", "-C", str(ci_checkout), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
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
        assert not re.search(
            r"\byour (name|email|phone|address|age|story)\b|\bcontact you\b|\bemail address\b", text, re.IGNORECASE
        ), text
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
    for needed in (
        "What we list",
        "Confidential locations",
        "Language guide",
        "How to verify a listing",
        "Your first pull request",
    ):
        assert needed in headings
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}
    for link in re.findall(r"\]\(#([^)]+)\)", text):
        assert link in anchors, link
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    for used in re.findall(r"`ccci ([a-z-]+)", text):
        assert used in commands, used


def test_contributing_guide_is_plain_language(fk_grade: Any) -> None:  # noqa: F811 - the imported fixture
    assert fk_grade(readable_text(CONTRIBUTING.read_text(encoding="utf-8"))) <= MAX_GRADE

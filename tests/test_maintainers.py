"""Issue 14: maintainers without a terminal. Unfinished records are not published, closed programs keep a page
that says where to go, `ccci fmt` never drops text or comments silently, the diff tells reviewers what a new
record claims, "Report a correction" works out of the box, and the docs a maintainer follows alone exist."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.review import changes
from generator.review.template import annotated
from generator.site import corrections
from generator.site.settings import corrections_url
from tests.helpers import FIXTURES, REPO, make_project, run_ccci
from tests.sitebuild import SITE_FIXTURES, build, ccci, copy_project
from tests.test_readability import MAX_GRADE, fk_grade, readable_text  # noqa: F401 - fk_grade is a fixture

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}
    ).stdout


# ------------------------------------------------------------------------------------------------ unfinished


def finish_codes(path: Path) -> None:
    """Fill the two blanks that are codes, leaving the TODO text: the record is valid but not finished."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("service_area: TODO", "service_area: advocacy").replace("scope: TODO", "scope: statewide")
    path.write_text(text, encoding="utf-8")


def test_a_todo_skeleton_fails_the_build_with_the_list_of_what_is_left(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    assert ccci(root, "new", "Helping Hands Idaho").returncode == 0
    record = root / "data" / "organizations" / "helping-hands-idaho.yaml"
    finish_codes(record)
    checked = ccci(root, "validate")
    assert checked.returncode == 0 and "(placeholder)" in checked.stdout  # a draft may be shared for review
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("the last site")
    done = build(root, tmp_path / "site")
    assert done.returncode == 1
    assert "not published: 1 record(s) are not finished. What is left:" in done.stderr
    for line, field in (
        (3, "$.description"),
        (6, "$.services[0].name"),
        (8, "$.services[0].description"),
        (14, "$.verification.sources[0].url"),
    ):
        assert f"data/organizations/helping-hands-idaho.yaml:{line}:" in done.stderr and field in done.stderr
    assert (tmp_path / "site" / "old.html").read_text() == "the last site"
    # plain `mkdocs build` (the plugin validates on its own) refuses it too
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    plain = subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "plain")],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert plain.returncode != 0 and "not finished" in plain.stdout + plain.stderr


def test_annotated_template_explains_every_field_and_validation_names_the_blanks(tmp_path: Path) -> None:
    schema = json.loads((REPO / "schema" / "organization.schema.json").read_text(encoding="utf-8"))
    text = annotated("helping-hands", 'Helping "Hands"')
    data = yaml.safe_load(text)
    assert data["name"] == 'Helping "Hands"'
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    defs = schema["$defs"]
    wanted = set(schema["properties"]) | set(defs["service"]["properties"]) | set(defs["verification"]["properties"])
    wanted |= set(defs["phone"]["properties"]) - {"extension", "text_keyword"}
    wanted |= set(defs["location"]["properties"]) | set(defs["coverage"]["properties"])
    missing = sorted(k for k in wanted if not re.search(rf"\b{re.escape(k)}\b", comments))
    assert missing == []
    root = make_project(tmp_path)
    assert run_ccci(root, "new", "Helping Hands", "--annotated")[0] == 0
    code, out, _ = run_ccci(root, "validate")
    assert code == 1
    assert "unknown service area 'TODO'" in out and "(placeholder)" in out
    assert re.search(r"helping-hands\.yaml:1:1: warning: \$: comment .* \(and \d+ more comment line\(s\)", out)


def test_contributing_shows_the_annotated_template() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "```yaml\n" + annotated("example-survivor-services", "Example Survivor Services") + "```" in text


# ------------------------------------------------------------------------------------------------ fmt


def test_fmt_never_drops_a_comment_or_cut_text_without_saying_so(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    path = root / "data" / "organizations" / "example-survivor-services.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text("# checked with the director in May\n" + original, encoding="utf-8")
    code, out, err = run_ccci(root, "validate")
    assert code == 0 and "comment '# checked with the director in May' is not kept" in out
    code, out, err = run_ccci(root, "fmt")
    assert code == 1 and path.read_text(encoding="utf-8").startswith("# checked")
    assert "leaves this file as it is while it holds comments" in err and "--drop-comments" in err
    code, out, err = run_ccci(root, "fmt", "--drop-comments")
    assert code == 0 and "removed: comment '# checked with the director in May'" in err
    assert path.read_text(encoding="utf-8") == original
    path.write_text(original.replace("steps: Call the help line.", "steps: Ask for program #2 when you call."))
    code, out, err = run_ccci(root, "fmt", "--drop-comments")
    assert code == 1 and "so '#2 when you call. Staff will meet you at a safe" in err and "is cut off" in err
    assert "Ask for program #2" in path.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------ retire


def repo(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "records")
    return root


def test_retire_usage_mistakes_change_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    before = {p.name: p.read_text() for p in (root / "data" / "organizations").iterdir()}
    for args, words in (
        (["example-national-line", "--reason", "merged"], "--reason merged needs --into OTHER"),
        (["example-national-line", "--reason", "closed", "--into", "example-survivor-services"], "--into is for"),
        (["example-national-line", "--reason", "merged", "--into", "nobody"], "no other record with that id"),
        (["example-national-line", "--reason", "merged", "--into", "example-national-line"], "no other record"),
        (["no-such-record", "--reason", "closed"], "no record data/organizations/no-such-record.yaml"),
    ):
        code, _, err = run_ccci(root, "retire", *args)
        assert code == 2 and words in err, (args, err)
    code, _, err = run_ccci(root, "retire", "example-national-line", "--reason", "flooded")
    assert code == 2 and "invalid choice" in err
    assert before == {p.name: p.read_text() for p in (root / "data" / "organizations").iterdir()}


@pytest.mark.slow
def test_retire_keeps_a_page_and_leaves_lists_finder_and_exports(tmp_path: Path) -> None:
    root = repo(tmp_path)
    done = ccci(
        root,
        "retire",
        "example-falls-shelter",
        "--reason",
        "merged",
        "--into",
        "example-central-legal",
        "--note",
        "The shelter joined the clinic in 2026.",
    )
    assert done.returncode == 0, done.stderr
    text = (root / "data" / "organizations" / "example-falls-shelter.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        'retired:\n  reason: merged\n  into: example-central-legal\n  date: "2026-11-28"\n'
        "  note: The shelter joined the clinic in 2026.\n"
    )
    assert ccci(root, "validate").returncode == 0
    assert ccci(root, "fmt", "--check", "data/organizations/example-falls-shelter.yaml").returncode == 0
    again = ccci(root, "retire", "example-falls-shelter", "--reason", "closed")
    assert again.returncode == 1 and "already retired" in again.stderr
    diff = ccci(root, "diff", "HEAD")
    assert diff.stdout == (
        "Example Falls Shelter: RETIRED (merged into example-central-legal): leaves the lists, "
        "the finder and the open data; its page stays, says so and sends people to "
        "example-central-legal\n"
    )
    site = tmp_path / "site"
    done = build(root, site)
    assert done.returncode == 0, done.stderr[-3000:]
    page = html.unescape((site / "org" / "example-falls-shelter" / "index.html").read_text(encoding="utf-8"))
    assert "This program is now part of another listing" in page
    assert re.search(r"<title>Program details - [^<]*</title>", page)  # the tab never shows the program's name
    assert "The shelter joined the clinic in 2026." in page
    assert 'href="../example-central-legal/"' in page and "Example Central Legal Clinic" in page
    everything_else = [
        p
        for p in site.rglob("*")
        if p.is_file()
        and p.suffix in (".html", ".json", ".csv")
        and "example-falls-shelter" not in p.parts
        and p.name != "sitemap.xml"
    ]
    for path in everything_else:
        body = path.read_text(encoding="utf-8", errors="replace")
        assert "Example Falls Shelter" not in body and "example-falls-shelter" not in body, path
    export = tmp_path / "export"
    assert ccci(root, "export", "--format", "json", "--out", str(export)).returncode == 0
    assert "example-falls-shelter" not in (export / "directory.json").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------ diff


def test_diff_of_a_new_record_lists_phones_places_and_the_claim(tmp_path: Path) -> None:
    root = make_project(tmp_path / "r", FIXTURES / "valid")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "records")
    shutil.copy(
        FIXTURES / "valid" / "example-survivor-services.yaml",
        root / "data" / "organizations" / "example-survivor-services-2.yaml",
    )
    code, out, _ = run_ccci(root, "diff", "--format", "markdown")
    assert code == 0
    for words in (
        "crisis line \\(24/7 help line\\) 208-555-0100",
        "text line 233733",
        "place 'Downtown office': 100 Example St, Boise, Ada County, ID 83702",
        "CONFIDENTIAL place 'shelter': Boise, Ada County, ID \\(address kept private\\)",
        "claims it was verified by phone on 2026-10-01 \\('CCCI volunteer'\\): check that a person really confirmed it",
    ):
        assert f"  - {words}\n" in out, words


def test_description_changed_shows_old_and_new_text() -> None:
    old = {"id": "x", "name": "X", "description": "Free help for adults. " * 6 + "Call first."}
    new = {**old, "description": "Free help for adults. " * 6 + "Walk in any weekday."}
    (line,) = changes.describe(old, new)
    assert line.startswith("description changed from '...") and "Call first.' to '" in line
    assert line.endswith("Walk in any weekday.'")
    assert changes.describe({**old, "description": "Short."}, {**old, "description": "Brief."}) == [
        "description changed from 'Short.' to 'Brief.'"
    ]


# ------------------------------------------------------------------------------------------------ corrections


def test_corrections_url_comes_from_the_repository_when_not_given() -> None:
    assert corrections_url("https://issues.test/new", "a/b", {}) == "https://issues.test/new"
    assert (
        corrections_url("", "coalition/directory", {})
        == "https://github.com/coalition/directory/issues/new?template=correction.yml"
    )
    assert (
        corrections_url("", "", {"GITHUB_REPOSITORY": "o/r"})
        == "https://github.com/o/r/issues/new?template=correction.yml"
    )
    for bad in ("", "no-slash", "a/b/c", "a/..", "<x>/y"):
        assert corrections_url("", bad, {}) == ""


def test_the_about_page_promises_only_what_is_set() -> None:
    about = (REPO / "docs" / "about.md").read_text(encoding="utf-8")
    assert about.count(corrections.MARKER) == 1
    without = corrections.fill(about, "")
    assert "issue tracker" not in without and "no way to report a mistake online" in without
    with_url = corrections.fill(about, "https://github.com/o/r/issues/new?template=correction.yml")
    assert "(https://github.com/o/r/issues/new?template=correction.yml)" in with_url
    assert "The issue tracker is public" in with_url


# ------------------------------------------------------------------------------------------------ docs


def test_security_policy_gives_a_private_route_and_takedown_steps() -> None:
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    assert "security/advisories/new" in text and "Report a vulnerability" in text
    for step in ("Remove", "history", "cache", "search engines", "Wayback Machine"):
        assert step in text, step
    assert "do not open a public issue" in text.lower()


def test_contributing_walks_through_github_com() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for words in (
        "Edit on github.com",
        "Add a program by copying",
        "Retire or delete a program",
        "Open the pull request",
        "Read the result of the checks",
        "YAML rules that matter",
        "docs/reference/schema.md",
        "Record a verification without a terminal",
        "Windows",
        "Codespace",
        "WSL",
    ):
        assert words in text, words


@pytest.mark.parametrize("doc", ["SECURITY.md", "docs/contributing.md", "docs/hosting.md"])
def test_maintainer_docs_are_plain_language(doc: str, fk_grade) -> None:  # noqa: F811 - the imported fixture
    assert fk_grade(readable_text((REPO / doc).read_text(encoding="utf-8"))) <= MAX_GRADE


def test_robots_txt_allows_indexing_and_names_the_sitemap_only_when_the_address_is_known() -> None:
    from generator.site import robots

    assert robots.text("").endswith("User-agent: *\nAllow: /\n")
    assert robots.text("https://a.github.io/b/").endswith("Allow: /\nSitemap: https://a.github.io/b/sitemap.xml\n")
    assert "Sitemap" not in robots.text("http://a.test/") and "Sitemap" not in robots.text("https://a.test/\nx")
    hosting = (REPO / "docs" / "hosting.md").read_text(encoding="utf-8")
    assert "## Search engines and robots.txt" in hosting and "## Publish with GitHub Pages" in hosting


def test_a_retired_program_is_not_due_for_verification(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    code, out, _ = run_ccci(root, "stale", "--days", "0")
    assert "example-national-line" in out
    assert run_ccci(root, "retire", "example-national-line", "--reason", "closed")[0] == 0
    code, out, _ = run_ccci(root, "stale", "--days", "0")
    assert code == 0 and "example-national-line" not in out


def test_failing_tests_become_annotations_on_their_lines(tmp_path: Path) -> None:
    (tmp_path / "test_sample.py").write_text(
        "def test_ok():\n    pass\n\n\ndef test_bad():\n    assert 1 == 2, 'one, two'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [
        str(REPO / ".venv" / "bin" / "python"),
        "-m",
        "pytest",
        "-q",
        "-p",
        "tests.gh_annotations",
        "-p",
        "no:cacheprovider",
        "test_sample.py",
    ]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("::error")]
    assert line == (
        "::error file=test_sample.py,line=6,title=test failed%3A test_bad::AssertionError: one, two%0Aassert 1 == 2"
    )


def test_a_closed_program_page_is_inert_text() -> None:
    from generator.site import retired

    hostile = {
        "id": "x",
        "name": "<script>alert(1)</script> [a](javascript:alert(1))",
        "retired": {
            "reason": "merged",
            "into": "y) [b](javascript:alert(2)",
            "date": "2026-11-30",
            "note": "*bold* <img src=x onerror=alert(3)>",
        },
    }
    page = retired.page(hostile, {"y) [b](javascript:alert(2)": {"name": "Y"}})
    body = page.split("---\n", 2)[2]
    assert "<" not in body and ">" not in body and "*bold*" not in body
    assert set(re.findall(r"\]\(([^)]*)\)", body)) == {"../find/index.md", "../hotlines.md"}
    assert "Go here instead" not in body
    ok = retired.page(
        {**hostile, "retired": {"reason": "merged", "into": "y", "date": "2026-11-30"}}, {"y": {"name": "Why <b>"}}
    )
    assert "**Go here instead:** [Why &#60;b&#62;](y.md)" in ok


def test_the_format_suggestion_never_fails_even_next_to_a_broken_file(tmp_path: Path) -> None:
    root = make_project(tmp_path, FIXTURES / "valid")
    (root / "data" / "organizations" / "broken.yaml").write_text("id: broken\n\tname: Broken\n")
    code, out, err = run_ccci(root, "fmt", "--check", "--format", "github")
    assert (code, out) == (0, "") and "broken.yaml:2:1: error: this line has a tab" in err
    assert run_ccci(root, "fmt", "--check")[0] == 1

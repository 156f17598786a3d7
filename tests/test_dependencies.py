"""requirements.lock and pyproject.toml agree.

pyproject.toml gives each direct dependency a range; requirements.lock (made by `make lock`) pins the whole tree,
every package with the hashes of its files, and `make venv` installs it with `pip install --require-hashes`.
These tests fail when someone edits one without the other: run `make lock` to bring the lock up to date.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.helpers import REPO

LOCK = REPO / "requirements.lock"
PYPROJECT = REPO / "pyproject.toml"
MAKEFILE = REPO / "Makefile"
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


@dataclass
class Pin:
    name: str  # canonical name
    version: str
    line: str  # the requirement as written, marker included
    hashes: list[str] = field(default_factory=list)


def parse_lock(text: str) -> tuple[list[Pin], list[str]]:
    """The pins of a lock in pip's requirements format, and what is wrong with its lines."""
    pins: list[Pin] = []
    problems: list[str] = []
    logical: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        current += " " + stripped.removesuffix("\\")
        if not stripped.endswith("\\"):
            logical.append(current.strip())
            current = ""
    if current.strip():
        logical.append(current.strip())
    for entry in logical:
        words = entry.split(" --")
        spec, options = words[0].strip(), ["--" + w.strip() for w in words[1:]]
        if spec.startswith("-"):
            problems.append(f"an option line, not a pinned package: {entry[:80]!r}")
            continue
        hashes = [o for o in options if o.startswith("--hash=")]
        others = [o for o in options if not o.startswith("--hash=")]
        if others:
            problems.append(f"{spec}: options other than --hash: {others}")
        bad = [h for h in hashes if not HASH.fullmatch(h)]
        if bad:
            problems.append(f"{spec}: not a sha256 hash: {bad}")
        if not hashes:
            problems.append(f"{spec}: no --hash")
        try:
            req = Requirement(spec)
        except Exception as err:  # packaging's InvalidRequirement
            problems.append(f"{spec!r}: not a requirement ({err})")
            continue
        specs = list(req.specifier)
        if req.url or len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version:
            problems.append(f"{spec}: not pinned to one exact version with ==")
            continue
        pins.append(Pin(canonicalize_name(req.name), specs[0].version, spec, hashes))
    return pins, problems


def direct_dependencies(pyproject: dict) -> dict[str, list[Requirement]]:
    """Direct dependencies by where they are declared: 'runtime' and each optional extra."""
    project = pyproject["project"]
    groups = {"runtime": [Requirement(r) for r in project.get("dependencies", [])]}
    for extra, reqs in project.get("optional-dependencies", {}).items():
        groups[f"extra {extra}"] = [Requirement(r) for r in reqs]
    return groups


def disagreements(pyproject: dict, lock_text: str) -> list[str]:
    """Everything that makes the lock not match pyproject.toml (an empty list when they agree)."""
    pins, problems = parse_lock(lock_text)
    by_name: dict[str, list[Pin]] = {}
    for pin in pins:
        by_name.setdefault(pin.name, []).append(pin)
    for name, same in by_name.items():
        # a universal lock may pin two versions of one package, but then only under different markers
        markers = [Requirement(p.line).marker for p in same]
        if len(same) > 1 and (None in markers or len({str(m) for m in markers}) < len(markers)):
            problems.append(f"{name} is pinned more than once: {[p.line for p in same]}")
    for group, reqs in direct_dependencies(pyproject).items():
        for req in reqs:
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue  # not for this platform or Python
            locked = by_name.get(canonicalize_name(req.name))
            if not locked:
                problems.append(f"{req} ({group} in pyproject.toml) is not in requirements.lock")
                continue
            for pin in locked:
                if not req.specifier.contains(pin.version, prereleases=True):
                    problems.append(f"{req} ({group}): requirements.lock has {pin.name}=={pin.version}")
    return problems


def test_the_lock_matches_pyproject():
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    problems = disagreements(pyproject, LOCK.read_text(encoding="utf-8"))
    assert not problems, "requirements.lock and pyproject.toml disagree; run `make lock`:\n" + "\n".join(problems)


def test_the_lock_pins_a_whole_tree_with_hashes():
    pins, problems = parse_lock(LOCK.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)
    names = {p.name for p in pins}
    # the tree, not only the direct dependencies: Markdown comes through mkdocs, rpds-py through jsonschema
    assert {"markdown", "rpds-py", "pymdown-extensions", "mkdocs-static-i18n", "mypy"} <= names


def test_make_venv_installs_the_lock_and_reruns_when_it_changes():
    text = MAKEFILE.read_text(encoding="utf-8")
    stamp = re.search(r"^\$\(STAMP\):(.*)\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert stamp, "the Makefile has no $(STAMP) rule"
    assert "requirements.lock" in stamp.group(1).split(), "the venv stamp must depend on requirements.lock"
    recipe = stamp.group(2)
    assert "--require-hashes -r requirements.lock" in recipe
    assert "--no-deps -e ." in recipe
    assert "'.[test]'" not in recipe, "installing the extras from pyproject would bypass the lock"
    assert re.search(r"^lock:", text, re.MULTILINE), "the Makefile has no `lock` target"


# The checks above must be able to fail: each case below breaks the real lock in one way.
def _real() -> tuple[dict, str]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8")), LOCK.read_text(encoding="utf-8")


def _drop_entry(lock: str, name: str) -> str:
    return re.sub(rf"^{re.escape(name)}==.*?(?=^\S)", "", lock, count=1, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("version outside the range", "requirements.lock has mkdocs==1.7.0"),
        ("direct dependency missing", "is not in requirements.lock"),
        ("entry without hashes", "markdown==3.11.3: no --hash"),
        ("unpinned entry", "not pinned to one exact version"),
        ("new dependency in pyproject", "left-pad-for-tests"),
    ],
)
def test_a_broken_lock_is_caught(case, expected):
    pyproject, lock = _real()
    assert not disagreements(pyproject, lock)
    if case == "version outside the range":
        lock = lock.replace("\nmkdocs==1.6.1 \\", "\nmkdocs==1.7.0 \\")
    elif case == "direct dependency missing":
        lock = _drop_entry(lock, "geopy")
    elif case == "entry without hashes":
        lock = re.sub(r"^(markdown==3\.11\.3) \\\n(?:\s+--hash=\S+(?: \\)?\n)+", r"\1\n", lock, flags=re.MULTILINE)
    elif case == "unpinned entry":
        lock = lock.replace("\nzipp==", "\nzipp>=")
    else:
        pyproject["project"]["optional-dependencies"]["test"].append("left-pad-for-tests>=1")
    problems = disagreements(pyproject, lock)
    assert any(expected in p for p in problems), problems


def test_the_lock_parser_reads_continuations_and_markers():
    text = (
        "# header\n"
        "a==1.0 \\\n    --hash=sha256:" + "0" * 64 + " \\\n    --hash=sha256:" + "1" * 64 + "\n    # via b\n"
        "c==2.0 ; sys_platform == 'win32' \\\n    --hash=sha256:" + "2" * 64 + "\n"
    )
    pins, problems = parse_lock(text)
    assert problems == []
    assert [(p.name, p.version, len(p.hashes)) for p in pins] == [("a", "1.0", 2), ("c", "2.0", 1)]
    assert "sys_platform" in pins[1].line
    _, problems = parse_lock("d==1.0 \\\n    --hash=md5:abc\n--index-url https://example.invalid/simple\n")
    assert any("not a sha256 hash" in p for p in problems)
    assert any("option line" in p for p in problems)

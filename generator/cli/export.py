"""Maintainers' commands: export, import hsds, diff, verify.

ccci export --format json|csv|hsds --out DIR   open-data files (the site publishes them under /data/)
ccci import hsds FILE                          HSDS 3.0 JSON -> unverified draft records, with a report
ccci diff [REV]                                what the changes since REV do to the records, in words
ccci verify ID --method phone                  stamp today's date after a person confirmed a record
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.build.check import validate_project
from generator.cli.main import UsageError, project_root
from generator.records import report
from generator.records.clock import today
from generator.records.dataset import ORG_DIR, SCHEMA_DIR, display_path, link_refusal, load_dataset
from generator.records.fmt import dump
from generator.records.load import MAX_BYTES, load_yaml_bytes, load_yaml_file
from generator.records.validate import ORG_SCHEMA

# The export, import and diff modules load only when their command runs: `ccci validate` stays quick to start.
FORMATS = ("json", "csv", "hsds")  # generator.opendata.export.FORMATS (a test checks they agree)

MAX_IMPORT_BYTES = 256 * 1024 * 1024
MAX_IMPORT_RECORDS = 10_000
MAX_REPORT_LINES = 200
METHODS = ["phone", "email", "site-visit", "website"]
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="write the open-data files (JSON, CSV or HSDS 3.0) into a folder",
        description="Write the directory as open data. The records are validated first.",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        required=True,
        help="json: one document + its JSON Schema; csv: one row per service; hsds: HSDS 3.0 JSON + tables",
    )
    p.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import",
        help="turn an HSDS 3.0 JSON file into draft records",
        description="Read an HSDS 3.0 JSON file (e.g. a 211 system's export) and write each "
        "organization as an unverified draft in data/organizations/, with a report of what could not "
        "be mapped. Existing records are left untouched unless you pass --overwrite.",
    )
    p.add_argument("kind", choices=["hsds"], help="the file's format (only hsds for now)")
    p.add_argument("file", type=Path, help="the HSDS 3.0 JSON file")
    p.add_argument("--source", help="the public https:// address the file came from (each draft's source)")
    p.add_argument("--overwrite", action="store_true", help="replace records that already exist")
    p.add_argument("--dry-run", action="store_true", help="write nothing; only print the report")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "diff",
        help="describe in words what changed in the records since a commit",
        description="Compare data/organizations/ now with the same files at REV (default HEAD) "
        "and say, record by record, what changed.",
    )
    p.add_argument("rev", nargs="?", default="HEAD", help="commit, branch or tag to compare with (default HEAD)")
    p.add_argument("--format", choices=["text", "markdown"], default="text", help="output format")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "verify",
        help="mark a record verified today, after a person confirmed it",
        description="Stamp today's date (CCCI_TODAY if set), status verified and the method on a "
        "record, then check it. Run it only after you confirmed the record with the organization.",
    )
    p.add_argument("id", help="the record's id (its file name without .yaml)")
    p.add_argument("--method", choices=METHODS, required=True, help="how you confirmed it")
    p.add_argument("--role", help="your role, e.g. 'CCCI volunteer' (never a name)")
    p.set_defaults(func=cmd_verify)


# ------------------------------------------------------------------------------------------------ export


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def cmd_export(args: argparse.Namespace) -> int:
    from generator.opendata import export

    root = project_root()
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    for protected in (root / "data", root / "schema", root / "generator", root / "docs"):
        if _inside(out, protected) or out.resolve() == root.resolve():
            raise UsageError(f"--out {args.out} is inside the project's sources: choose another folder, e.g. exports/")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out} is a file, not a folder")
    result = validate_project(root)
    if not result.ok:
        sys.stderr.write(report.text([p for p in result.problems if p.is_error], result.files))
        print("ccci export: the records have errors; fix them first (run 'ccci validate')", file=sys.stderr)
        return 1
    dataset = load_dataset(root)
    written = export.files(dataset, args.format)
    total = 0
    for rel, content in written.items():
        target = out / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:
            print(f"ccci export: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        total += len(content)
        print(f"wrote {display_path(target, Path.cwd())} ({export.size_text(len(content))})")
    print(f"{len(written)} file(s), {export.size_text(total)} in all, from {len(dataset.organizations)} records.")
    return 0


# ------------------------------------------------------------------------------------------------ import


def _read_json(path: Path) -> tuple[Any, str | None]:
    """The parsed document, or a located error message (never an exception)."""
    shown = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read it ({exc.strerror or exc})") from None
    if not path.is_file():
        raise UsageError(f"{shown}: not a file")
    if size > MAX_IMPORT_BYTES:
        return None, f"{shown}:1:1: error: the file is {size:,} bytes; the limit is {MAX_IMPORT_BYTES:,}"
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"{shown}:1:1: error: not UTF-8 text (bad byte at offset {exc.start})"

    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not allowed in JSON")

    try:
        return json.loads(text, parse_constant=refuse_constant), None
    except json.JSONDecodeError as exc:
        return None, f"{shown}:{exc.lineno}:{exc.colno}: error: not valid JSON: {exc.msg}"
    except ValueError as exc:
        return None, f"{shown}:1:1: error: not valid JSON: {exc}"
    except RecursionError:
        return None, f"{shown}:1:1: error: the JSON is nested too deeply to read"


def cmd_import(args: argparse.Namespace) -> int:
    from generator.opendata import hsds_import

    root = project_root()
    if args.source is not None and not re.match(r"^https://[^\s/]+\.[^\s]+$", args.source):
        raise UsageError("--source must be an https:// address")
    path = args.file if args.file.is_absolute() else Path.cwd() / args.file
    doc, error = _read_json(path)
    if error:
        print(error, file=sys.stderr)
        return 1
    schema_path = root / SCHEMA_DIR / ORG_SCHEMA
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    dataset = load_dataset(root, paths=[])
    result = hsds_import.import_document(doc, dataset.taxonomy, schema, args.source, today().isoformat())
    if len(result.records) > MAX_IMPORT_RECORDS:
        print(
            f"{path}:1:1: error: the file holds {len(result.records):,} organizations; import at most "
            f"{MAX_IMPORT_RECORDS:,} at a time",
            file=sys.stderr,
        )
        return 1
    written: list[Path] = []
    refused = 0
    for record in result.records:
        target = root / ORG_DIR / f"{record['id']}.yaml"
        shown = display_path(target, root)
        text = dump(record, schema_path)
        if len(text.encode("utf-8")) > MAX_BYTES:
            print(f"left out {shown}: the draft would be over {MAX_BYTES:,} bytes")
            refused += 1
            continue
        if link_refusal(target, root):
            print(f"left out {shown}: {link_refusal(target, root)}")
            refused += 1
            continue
        if target.exists() and not args.overwrite:
            print(f"left {shown} untouched: it exists (pass --overwrite to replace it)")
            refused += 1
            continue
        services = len(record.get("services", []))
        if args.dry_run:
            print(f"would write {shown} ({services} service{'s' if services != 1 else ''})")
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"could not write {shown}: {exc.strerror or exc}")
            refused += 1
            continue
        written.append(target)
        print(f"wrote {shown} (draft, {services} service{'s' if services != 1 else ''})")
    lines = hsds_import.summarize(result.notes)
    if lines:
        print(f"\nNot imported or needs a look ({len(result.notes)} value(s)):")
        for line in lines[:MAX_REPORT_LINES]:
            print(f"  {line}")
        if len(lines) > MAX_REPORT_LINES:
            print(f"  ... and {len(lines) - MAX_REPORT_LINES} more kinds of problem")
    drafts = len(result.records) - refused
    verb = "would be written" if args.dry_run else "written"
    print(
        f"\n{drafts} draft(s) {verb}, {refused} left out, {len(result.notes)} value(s) not imported. "
        "Drafts are unverified: check each one with the organization."
    )
    if written:
        check = validate_project(root, written)
        if check.problems:
            print(f"\n'ccci validate' on the drafts: {report.summary(check.problems, check.files)}")
            for p in check.problems[:MAX_REPORT_LINES]:
                print(f"  {p.path}:{p.line}:{p.col}: {p.severity}: {p.json_path}: {p.message} ({p.rule})")
    return 1 if refused or not result.records else 0


# ------------------------------------------------------------------------------------------------ diff


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise UsageError("git is not installed: 'ccci diff' needs it") from None


def _changed_files(root: Path, rev: str) -> list[str]:
    check = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if check.returncode != 0:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0:
            raise UsageError("not a git repository: 'ccci diff' compares with a commit")
        raise UsageError(f"unknown revision '{rev}': give a commit, branch or tag, e.g. HEAD~1")
    folder = ORG_DIR.as_posix()
    tracked = _git(root, "diff", "--name-only", "--no-renames", "--relative", "-z", rev, "--", folder)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", folder)
    for done in (tracked, untracked):
        if done.returncode != 0:
            raise UsageError(f"git failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    names = {n.decode("utf-8", "replace") for n in (tracked.stdout + untracked.stdout).split(b"\0") if n}
    return sorted(n for n in names if n.endswith(".yaml"))


def _version(root: Path, rev: str | None, rel: str) -> tuple[dict[str, Any] | None, str | None]:
    """The record at `rev` (None: the working tree), or None if absent; or an error message."""
    if rev is None:
        path = root / rel
        if not path.exists():
            return None, None
        raw = path.read_bytes()
    else:
        shown = _git(root, "show", f"{rev}:./{rel}")
        if shown.returncode != 0:
            return None, None
        raw = shown.stdout
    loaded = load_yaml_bytes(raw, rel)
    if loaded.problems or not isinstance(loaded.data, dict):
        where = "now" if rev is None else f"at {rev}"
        reason = loaded.problems[0].message if loaded.problems else "not a record"
        return None, f"could not be read {where} ({reason})"
    return loaded.data, None


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.review import changes

    if args.rev.startswith("-"):
        raise UsageError(f"'{args.rev}' is not a revision")
    root = project_root()
    tax = load_dataset(root, paths=[]).taxonomy
    entries: list[tuple[str, str, list[str]]] = []
    for rel in _changed_files(root, args.rev):
        old, old_error = _version(root, args.rev, rel)
        new, new_error = _version(root, None, rel)
        fallback = Path(rel).stem
        if old_error or new_error:
            entries.append((changes.record_name(old, new, fallback), rel, [e for e in (old_error, new_error) if e]))
            continue
        said = changes.describe(old, new, tax) or ["layout only; no change to the facts"]
        entries.append((changes.record_name(old, new, fallback), rel, said))
    if args.format == "markdown":
        sys.stdout.write(_markdown(entries, args.rev))
    elif not entries:
        print(f"No record changed since {args.rev}.")
    else:
        for name, _, said in entries:
            print(f"{name}: {'; '.join(said)}")
    return 0


def _markdown(entries: list[tuple[str, str, list[str]]], rev: str) -> str:
    from generator.present import plain

    since = f"`{rev}`" if "`" not in rev and rev.isprintable() else plain.md(rev)
    if not entries:
        return f"No record changed since {since}.\n"
    count = f"{len(entries)} record" + ("" if len(entries) == 1 else "s")
    lines = [f"### Changes to {count} since {since}", ""]
    for name, rel, said in entries:
        lines.append(f"- **{plain.md(name)}** ({plain.md(rel)})")
        lines += [f"  - {plain.md(s)}" for s in said]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------ verify


def cmd_verify(args: argparse.Namespace) -> int:
    root = project_root()
    ident = args.id.removesuffix(".yaml").rsplit("/", 1)[-1]
    if not _SLUG.match(ident):
        raise UsageError(f"'{args.id}' is not a record id (lowercase words joined by hyphens)")
    if args.role is not None and not 1 <= len(args.role.strip()) <= 80:
        raise UsageError("--role must be 1 to 80 characters, e.g. 'CCCI volunteer' (never a name)")
    path = root / ORG_DIR / f"{ident}.yaml"
    shown = display_path(path, root)
    if link_refusal(path, root):
        print(link_refusal(path, root), file=sys.stderr)
        return 1
    if not path.exists():
        known = [p.stem for p in (root / ORG_DIR).glob("*.yaml")]
        close = difflib.get_close_matches(ident, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        print(f"ccci verify: no record '{ident}' in {ORG_DIR.as_posix()}/{hint}", file=sys.stderr)
        return 1
    loaded = load_yaml_file(path, shown)
    if loaded.problems or not isinstance(loaded.data, dict):
        for p in loaded.problems:
            print(f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.message} ({p.rule})", file=sys.stderr)
        print(f"ccci verify: {shown} could not be read; fix it first", file=sys.stderr)
        return 1
    record = loaded.data
    ver = record.get("verification")
    if not isinstance(ver, dict):
        print(f"{shown}: the record has no verification section; add its sources first", file=sys.stderr)
        return 1
    day = today().isoformat()
    ver["status"] = "verified"
    ver["last_verified"] = day
    ver["method"] = args.method
    if args.role is not None:
        ver["verified_by_role"] = args.role.strip()
    path.write_text(dump(record, root / SCHEMA_DIR / ORG_SCHEMA), encoding="utf-8")
    name = " ".join(record["name"].split()) if isinstance(record.get("name"), str) else ""
    print(f"{shown}: {name or ident} verified on {day} by {args.method}")
    check = validate_project(root, [path])
    if check.problems:
        sys.stdout.write(report.text(check.problems, check.files))
    return 0 if check.ok else 1

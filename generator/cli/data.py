"""Data commands: validate, new, fmt, stale (text, or a Markdown checklist: generator/review/checklist.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from generator.build.check import validate_project
from generator.cli.main import UsageError, project_root
from generator.present.urls import slug
from generator.records import report
from generator.records.clock import today
from generator.records.dataset import ORG_DIR, SCHEMA_DIR, display_path, is_retired, link_refusal, organization_files
from generator.records.fmt import diff, dump, github_notices
from generator.records.load import comment_problems, load_yaml_file
from generator.records.types import Retired
from generator.records.validate import ORG_SCHEMA
from generator.review import schema_docs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check records against the schema and the dataset rules",
        description="Check records. Exit 0: valid (warnings allowed); 1: errors; 2: usage.",
    )
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/)")
    p.add_argument("--format", choices=sorted(report.FORMATS), default="text", help="output format")
    p.add_argument(
        "--no-cache", action="store_true", help="check every file again; do not read or write .cache/ccci/validate.json"
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("new", help="write a skeleton record for a new organization (blanks say TODO)")
    p.add_argument("name", help='the organization\'s name, e.g. "Example Survivor Services"')
    p.add_argument(
        "--annotated",
        action="store_true",
        help="explain every field in a comment (delete the comments before you publish)",
    )
    p.set_defaults(func=cmd_new)

    p = sub.add_parser(
        "retire",
        help="mark a program closed or merged: it keeps a page, and leaves lists, the finder and the open data",
    )
    p.add_argument("id", help="the record's id (its file name without .yaml)")
    p.add_argument("--reason", choices=["closed", "merged"], required=True, help="why it leaves the directory")
    p.add_argument("--into", metavar="OTHER", help="with --reason merged: the id of the listing that took over")
    p.add_argument("--note", help="one plain sentence for the page, e.g. what happened")
    p.set_defaults(func=cmd_retire)

    p = sub.add_parser("fmt", help="rewrite records in canonical form (--check: only show the diff)")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/organizations/)")
    p.add_argument("--check", action="store_true", help="change nothing; print a diff and exit 1 if not canonical")
    p.add_argument(
        "--format",
        choices=["diff", "github"],
        default="diff",
        help="with --check: github prints the diff as notices on the lines (a suggestion) and exits 0",
    )
    p.add_argument(
        "--drop-comments",
        action="store_true",
        help="also rewrite files that hold YAML comments (the comments are removed)",
    )
    p.set_defaults(func=cmd_fmt)

    p = sub.add_parser("schema-docs", help="write docs/reference/schema.md from the schema (--check: diff only)")
    p.add_argument("--check", action="store_true", help="change nothing; print a diff and exit 1 if out of date")
    p.set_defaults(func=cmd_schema_docs)

    p = sub.add_parser("stale", help="list records due for re-verification, oldest first")
    p.add_argument("--days", type=int, default=365, help="due when last verified more than DAYS ago (default 365)")
    p.add_argument(
        "--format",
        choices=["text", "markdown"],
        default="text",
        help="markdown: a checklist per record, ready to paste into a tracking issue",
    )
    p.set_defaults(func=cmd_stale)


def _expand(paths: list[Path], root: Path) -> list[Path] | None:
    """Files named on the command line (folders expand to their organization records); None means all."""
    if not paths:
        return None
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            if (p / "organizations").is_dir():
                p = p / "organizations"
            out += sorted(p.rglob("*.yaml"))
        elif p.is_file():
            out.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return out


def cmd_validate(args: argparse.Namespace) -> int:
    root = project_root()
    paths = _expand([p if p.is_absolute() else Path.cwd() / p for p in args.paths], root)
    result = validate_project(root, paths, use_cache=not args.no_cache, keep_data=False)
    sys.stdout.write(report.FORMATS[args.format](result.problems, result.files))
    return 0 if result.ok else 1


def skeleton(ident: str, name: str) -> dict[str, Any]:
    """A new record with visible blanks: every TODO is named by `ccci validate`, and the site build refuses
    a record that still has one. Nothing is pre-filled that could pass for a real answer."""
    return {
        "id": ident,
        "name": name,
        "description": "TODO: say in plain words what this organization does and who it helps.",
        "services": [
            {
                "id": "main-service",
                "name": "TODO: name of the service",
                "service_area": "TODO",
                "description": "TODO: what the service does, in plain words.",
                "coverage": {"scope": "TODO"},
            }
        ],
        "verification": {"status": "unverified", "sources": [{"url": "https://example.org/TODO"}]},
    }


def cmd_new(args: argparse.Namespace) -> int:
    root = project_root()
    name = args.name.strip()
    ident = slug(name)
    if len(name) < 2 or not ident:
        raise UsageError('give the organization\'s name, e.g. ccci new "Example Survivor Services"')
    path = root / ORG_DIR / f"{ident}.yaml"
    if link_refusal(path, root):
        print(link_refusal(path, root), file=sys.stderr)
        return 1
    if path.exists():
        print(f"{display_path(path, root)} already exists: edit it, or choose another name", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.annotated:
        from generator.review.template import annotated

        path.write_text(annotated(ident, name), encoding="utf-8")
    else:
        path.write_text(dump(skeleton(ident, name), root / SCHEMA_DIR / ORG_SCHEMA), encoding="utf-8")
    print(
        f"wrote {display_path(path, root)}: replace every TODO, then run 'ccci validate'. The site is not built "
        "while a record still says TODO or points to example.org"
    )
    return 0


def cmd_retire(args: argparse.Namespace) -> int:
    """Add `retired: {reason, into, date}` to a record; its page stays and says where to go instead."""
    root = project_root()
    if args.reason == "merged" and not args.into:
        raise UsageError("--reason merged needs --into OTHER: the id of the listing that took over")
    if args.reason == "closed" and args.into:
        raise UsageError("--into is for --reason merged; for a closed program, leave it out")
    path = root / ORG_DIR / f"{args.id}.yaml"
    if not path.is_file():
        raise UsageError(f"no record {display_path(path, root)}: give the id (the file name without .yaml)")
    shown = display_path(path, root)
    if link_refusal(path, root):
        print(link_refusal(path, root), file=sys.stderr)
        return 1
    loaded = load_yaml_file(path, shown)
    comments = comment_problems(loaded)
    if loaded.problems or not isinstance(loaded.data, dict) or comments:
        for p in loaded.problems + comments:
            print(f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.message} ({p.rule})", file=sys.stderr)
        print(
            f"{shown}: not changed: fix the file first (and move any comment into verification.notes)", file=sys.stderr
        )
        return 1
    record = loaded.data
    if isinstance(record.get("retired"), dict):
        print(
            f"{shown}: already retired ({record['retired'].get('reason')}); edit 'retired:' to change it",
            file=sys.stderr,
        )
        return 1
    info: Retired = {"reason": args.reason, "date": today().isoformat()}
    if args.into:
        other = root / ORG_DIR / f"{args.into}.yaml"
        target = load_yaml_file(other, display_path(other, root)).data if other.is_file() else None
        if args.into == args.id or not isinstance(target, dict):
            raise UsageError(f"--into {args.into}: no other record with that id in {ORG_DIR.as_posix()}/")
        if isinstance(target.get("retired"), dict):
            raise UsageError(f"--into {args.into}: that record is retired too; name the listing that is open now")
        info["into"] = args.into
    if args.note:
        info["note"] = args.note.strip()
    record["retired"] = info
    path.write_text(dump(record, root / SCHEMA_DIR / ORG_SCHEMA), encoding="utf-8")
    where = f"; its page sends people to {args.into}" if args.into else ""
    print(
        f"retired {shown} ({args.reason}){where}. It leaves the lists, the finder and the open data; its page "
        "stays and says so"
    )
    return 0


def cmd_fmt(args: argparse.Namespace) -> int:
    """Rewrite records in canonical form; never drops text or a comment without saying so."""
    root = project_root()
    paths = _expand([p if p.is_absolute() else Path.cwd() / p for p in args.paths], root)
    schema = root / SCHEMA_DIR / ORG_SCHEMA
    github = args.format == "github"
    changed = failed = kept = 0
    if paths is None:  # links are left out of organization_files: say so, never skip them quietly
        paths = organization_files(root) + [p for p in sorted((root / ORG_DIR).glob("*.yaml")) if link_refusal(p, root)]
    for path in paths:
        shown = display_path(path, root)
        if link_refusal(path, root):
            print(link_refusal(path, root), file=sys.stderr)
            failed += 1
            continue
        loaded = load_yaml_file(path, shown)
        found = loaded.problems + comment_problems(loaded)
        errors = [p for p in found if p.is_error]
        if errors or not isinstance(loaded.data, dict):
            for p in errors:
                print(f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.message} ({p.rule})", file=sys.stderr)
            if not errors:
                print(f"{shown}:1:1: error: not a record (expected a mapping of fields)", file=sys.stderr)
            failed += 1
            continue
        old = path.read_text(encoding="utf-8")
        new = dump(loaded.data, schema)
        if old == new:
            continue
        changed += 1
        comments = [p for p in found if p.rule == "yaml-comment"]
        for p in comments:
            say = (
                "removed"
                if args.drop_comments and not args.check
                else "'ccci fmt' leaves this file as it is while it holds comments"
            )
            print(f"{p.path}:{p.line}:{p.col}: note: {say}: {p.message}", file=sys.stderr)
        if args.check:
            sys.stdout.write(github_notices(old, new, shown) if github else diff(old, new, shown))
        elif comments and not args.drop_comments:
            kept += 1
        else:
            path.write_text(new, encoding="utf-8")
            print(f"formatted {shown}")
    if args.check and changed:
        how = "a maintainer's 'ccci fmt' will apply it" if github else "run 'ccci fmt'"
        print(f"{changed} file(s) not in canonical form: {how}", file=sys.stderr)
    if kept:
        print(
            f"{kept} file(s) left as they are because they hold comments: move each note into "
            "verification.notes, or run 'ccci fmt --drop-comments' to remove them",
            file=sys.stderr,
        )
    if failed:
        print(f"{failed} file(s) could not be read and were left untouched: fix them first", file=sys.stderr)
    if github:  # a suggestion never fails the job; a file that cannot be read is the validate step's error
        return 0
    return 1 if failed or kept or (args.check and changed) else 0


def cmd_schema_docs(args: argparse.Namespace) -> int:
    root = project_root()
    page = root / schema_docs.PAGE
    new = schema_docs.render(root)
    old = page.read_text(encoding="utf-8") if page.exists() else ""
    if old == new:
        return 0
    if args.check:
        sys.stdout.write(diff(old, new, schema_docs.PAGE.as_posix()))
        print(f"{schema_docs.PAGE.as_posix()} is out of date: run 'ccci schema-docs'", file=sys.stderr)
        return 1
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(new, encoding="utf-8")
    print(f"wrote {schema_docs.PAGE.as_posix()}")
    return 0


def due_records(orgs: list[dict[str, Any]], days: int, on: dt.date) -> list[tuple[dt.date | None, dict[str, Any]]]:
    """Records never verified (None) or verified more than `days` ago, oldest first."""
    due: list[tuple[dt.date | None, dict[str, Any]]] = []
    for org in orgs:
        if is_retired(org):  # closed or merged: nobody needs to call it again
            continue
        ver = org.get("verification") or {}
        when = None
        try:
            when = dt.date.fromisoformat(str(ver.get("last_verified")))
        except ValueError:
            when = None
        if ver.get("status") != "verified" or when is None or (on - when).days > days:
            due.append((when if ver.get("status") == "verified" else None, org))
    due.sort(key=lambda x: (x[0] is not None, x[0] or dt.date.min, str(x[1].get("id"))))
    return due


def cmd_stale(args: argparse.Namespace) -> int:
    if args.days < 0:
        raise UsageError("--days must be 0 or more")
    root = project_root()
    result = validate_project(root)
    on = today()
    due = due_records(result.dataset.organizations, args.days, on)
    from generator.present.coverage import old_contact_sources  # loaded only here: `ccci validate` stays quick to start

    if args.format == "markdown":
        from generator.review import checklist  # loaded only for this output: `ccci validate` stays quick to start

        sys.stdout.write(
            checklist.render(due, len(result.dataset.organizations), args.days, on, result.dataset.taxonomy)
        )
        return 0
    for when, org in due:
        age = f"{when.isoformat()} ({(on - when).days} days ago)" if when else "never verified"
        old = [f"{' and '.join(s['facts'])} from a {s['seen'][:4]} source" for s in old_contact_sources(org, on)]
        print(f"{org.get('id')}: {org.get('name')}: {age}" + (f"; confirm {', '.join(old)}" if old else ""))
    print(
        f"{len(due)} of {len(result.dataset.organizations)} records due for verification (older than "
        f"{args.days} days or never verified)."
    )
    return 0

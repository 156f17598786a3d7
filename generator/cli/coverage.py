"""`ccci coverage`: where the directory has no reachable listing yet (generator/present/coverage.py counts);
`--spanish`: how many records have Spanish text (generator/review/translations.py)."""

from __future__ import annotations

import argparse
import sys

from generator.build.check import validate_project
from generator.cli.main import project_root
from generator.records.clock import today


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "coverage",
        help="per county and service area: listings, and how many people can reach",
        description="Per county and per service area: how many listings serve it and how many of "
        "those can be reached (phone, text or website). Counties with no reachable "
        "local listing come first; the calling list follows.",
    )
    p.add_argument(
        "--format",
        choices=["text", "markdown", "json"],
        default="text",
        help="markdown: tables and a checklist for a tracking issue; json: for tools",
    )
    p.add_argument(
        "--spanish",
        action="store_true",
        help="instead: how many records have Spanish text, per field, and which still miss it",
    )
    p.set_defaults(func=cmd_coverage)


def cmd_coverage(args: argparse.Namespace) -> int:
    from generator.present import coverage

    result = validate_project(project_root())
    ds = result.dataset
    if args.spanish:
        from generator.review import translations

        tr = translations.compute(ds)
        out = {"json": tr.as_json, "markdown": lambda: translations.markdown(tr)}.get(args.format)
        sys.stdout.write(out() if out else translations.text(tr))
        return 0 if result.ok else 1
    cov = coverage.compute(ds, today())
    if args.format == "json":
        sys.stdout.write(cov.as_json())
    elif args.format == "markdown":
        sys.stdout.write(coverage.markdown(cov, ds))
    else:
        sys.stdout.write(coverage.text(cov, ds))
    return 0 if result.ok else 1

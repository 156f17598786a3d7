"""`ccci`: the command line. Like `mkdocs`, it acts on the project in the current directory (or a parent).

Exit codes: 0 ok (warnings allowed), 1 data errors, 2 usage errors. Subcommands live in small modules listed in
`_COMMAND_MODULES`; each has `register(subparsers)`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__

_COMMAND_MODULES = [
    "generator.cli.data",
    "generator.cli.site",
    "generator.cli.export",
    "generator.cli.coverage",
]

MARKER = Path("schema") / "organization.schema.json"


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


def project_root(start: Path | None = None) -> Path:
    """The nearest folder, from the current one upward, that holds schema/organization.schema.json."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    raise UsageError("no CCCI project here: run ccci inside the repository (the folder with data/ and schema/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ccci", description="Idaho CCCI resource directory: check records and build the site."
    )
    parser.add_argument("--version", action="version", version=f"ccci {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from generator.records.report import SafeStream

    if not isinstance(sys.stdout, SafeStream):  # every command's output, whatever it prints
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"ccci: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("CCCI_DEBUG"):
            raise
        print(
            f"ccci: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in ccci, not in your data. Run again with CCCI_DEBUG=1 for details and report it.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

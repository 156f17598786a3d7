"""`ccci`: the command line. Like `mkdocs`, it acts on the project in the current directory (or a parent).

Exit codes: 0 ok (warnings allowed), 1 data errors, 2 usage errors. Subcommands live in small modules listed in
`_COMMAND_MODULES`; each has `register(subparsers)`.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import importlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
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


# Python's cycle collector, by default, makes a pass every 700 new containers (dicts, lists, tuples) and a full pass
# over the whole heap every 100 passes. Validation and the build make millions of small containers (YAML data, the
# rules' paths, pages) and keep most of them, with almost no reference cycles, so those passes find nothing and a
# full pass grows with the dataset. 20,000 cut the CPU time of `ccci build` at 10,000 records by about a tenth
# (96 -> 84 user CPU-s, three runs each) and of `ccci validate` by about as much; peak memory stayed the same
# (801 -> 804 MiB). `make bench` prints both figures.
GC_FIRST_THRESHOLD = 20_000


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """While a command runs: a collector pass every GC_FIRST_THRESHOLD new containers, not 700 (restored after)."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_FIRST_THRESHOLD), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def main(argv: Sequence[str] | None = None) -> int:
    from generator.records.report import SafeStream

    if not isinstance(sys.stdout, SafeStream):  # every command's output, whatever it prints
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with fewer_collections():
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


def _exit_code(exc: SystemExit) -> int:
    """The status `sys.exit(x)` gives: None is 0, a number is itself, anything else is printed and is 1."""
    if exc.code is None or isinstance(exc.code, int):
        return int(exc.code or 0)
    print(exc.code, file=sys.stderr)
    return 1


def run() -> None:
    """The `ccci` command (pyproject.toml): `main`, then out without freeing the objects one by one.

    After a build of 10,000 records the interpreter's own teardown (every record, page and table released, one
    object at a time) took 4.4 s of an 83 s build, for memory the operating system takes back at once. So, once
    the command is done: its output is flushed, threads are waited for and every exit handler runs (logging,
    multiprocessing and tempfile clean-ups: all that a normal exit does), then the process ends with the command's
    status. `main` itself stays an ordinary function that returns (the tests call it)."""
    try:
        code = main()
    except SystemExit as exc:  # argparse's --help, --version and usage errors
        code = _exit_code(exc)
    _flush()
    try:
        # What the interpreter does first at exit: wait for every thread that is not a daemon (a pool's
        # last writes), with concurrent.futures' own exit work; then the exit handlers.
        shutdown = getattr(threading, "_shutdown", None)
        if callable(shutdown):
            shutdown()
        atexit._run_exitfuncs()
    finally:
        _flush()  # (what the exit handlers printed)
        os._exit(code)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # (a closed pipe: nothing more can be said)
            stream.flush()


if __name__ == "__main__":  # pragma: no cover
    run()

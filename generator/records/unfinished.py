"""Records that are not finished may be checked and previewed, but not published.

`ccci new` leaves visible blanks (TODO, example.org sources). `ccci validate` warns about each one, so a draft can
be shared in a pull request; `ccci build` and `mkdocs build` refuse to publish while any is left, and list them.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.records.problems import Problem

BLOCKING_RULES = frozenset({"placeholder"})


def blockers(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.rule in BLOCKING_RULES]


def refusal(problems: Sequence[Problem]) -> str | None:
    """The message that stops a build, or None when every record is finished."""
    left = blockers(problems)
    if not left:
        return None
    files = sorted({p.path for p in left})
    lines = [f"{p.path}:{p.line}:{p.col}: {p.json_path}: {p.message}" for p in left]
    return (
        f"not published: {len(files)} record(s) are not finished. What is left:\n"
        + "\n".join(lines)
        + "\nReplace each TODO and example.org source with the real facts, then build again."
    )

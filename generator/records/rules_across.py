"""Layer 2, across records: unique ids, likely duplicates (the same phone or website in two files), and retired
records that point at a listing that is open.

Each file yields its small `Facts` (workers send them back); `check_across` looks at all of them at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.records.load import Loaded
from generator.records.problems import ERROR, WARNING, Problem, json_path
from generator.records.rules import all_phones, did_you_mean


def normal_website(url: str) -> str:
    u = url.lower().split("#", 1)[0].rstrip("/")
    return u.replace("https://www.", "https://", 1)


@dataclass
class Facts:
    """What the cross-record rules need from one file (small, so workers can send it back)."""

    path: str
    id: str | None = None
    phones: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)  # (parts, number)
    website: str | None = None
    retired: dict[str, Any] | None = None  # `ccci retire`: reason and, when merged, the listing it joined


def facts_of(loaded: Loaded) -> Facts:
    org = loaded.data
    facts = Facts(loaded.path)
    if not isinstance(org, dict):
        return facts
    if isinstance(org.get("id"), str):
        facts.id = org["id"]
    for path, ph in all_phones(org):
        num = ph.get("number")
        if isinstance(num, str) and len(num) > 6:
            facts.phones.append((path + ("number",), num))
    if isinstance(org.get("website"), str):
        facts.website = org["website"]
    if isinstance(org.get("retired"), dict):
        facts.retired = {k: v for k, v in org["retired"].items() if k in ("reason", "into")}
    return facts


Locate = Callable[[str, tuple[Any, ...]], tuple[int, int]]


def _retired_refs(all_facts: list[Facts], problem: Callable[..., Problem]) -> Iterator[Problem]:
    """A merged record must point at a listing that is open: its page sends people there."""
    by_id = {f.id: f for f in all_facts if f.id is not None}
    for f in sorted(all_facts, key=lambda x: x.path):
        into = (f.retired or {}).get("into")
        if not isinstance(into, str):
            continue
        target = by_id.get(into)
        if target is None or into == f.id:
            yield problem(
                f,
                ("retired", "into"),
                ERROR,
                f"no other record has the id '{into}'"
                f"{did_you_mean(into, [i for i in by_id if i != f.id])}: give the id of the listing "
                "that took over",
                "retired-into",
            )
        elif target.retired is not None:
            yield problem(
                f,
                ("retired", "into"),
                ERROR,
                f"'{into}' is retired too: point to the listing that is open now",
                "retired-into",
            )


def check_across(all_facts: list[Facts], locate: Locate) -> Iterator[Problem]:
    """Rules across records: unique ids; the same phone or website in two files is likely one organization."""
    first_id: dict[str, str] = {}
    first_phone: dict[str, str] = {}
    first_site: dict[str, str] = {}

    def problem(f: Facts, parts: tuple[Any, ...], severity: str, message: str, rule: str) -> Problem:
        line, col = locate(f.path, parts)
        return Problem(f.path, line, col, severity, json_path(parts), message, rule)

    yield from _retired_refs(all_facts, problem)
    for f in sorted(all_facts, key=lambda x: x.path):
        if f.retired is not None:  # a closed program may share a number with the listing it joined
            f = Facts(f.path, f.id)
        if f.id is not None:
            if f.id in first_id:
                yield problem(
                    f, ("id",), ERROR, f"id '{f.id}' is also used by {first_id[f.id]}: ids must be unique", "id-unique"
                )
            first_id.setdefault(f.id, f.path)
        for parts, num in f.phones:
            other = first_phone.setdefault(num, f.path)
            if other != f.path:
                yield problem(
                    f,
                    parts,
                    WARNING,
                    f"{num} is also listed in {other}: is this the same organization? If so, merge the files",
                    "likely-duplicate",
                )
        if f.website is not None:
            other = first_site.setdefault(normal_website(f.website), f.path)
            if other != f.path:
                yield problem(
                    f,
                    ("website",),
                    WARNING,
                    f"{f.website} is also the website in {other}: is this the "
                    "same organization? If so, merge the files",
                    "likely-duplicate",
                )

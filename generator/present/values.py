"""Reading record values that may be malformed: each helper accepts anything and returns the shape it names
(text, a list, a mapping). Shared by every module of present/ and the producers above it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def txt(value: Any) -> str:
    """A string value without its outer spaces, or '' for anything that is not a string."""
    return value.strip() if isinstance(value, str) else ""


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def dicts(value: Any) -> list[dict[str, Any]]:
    return [x for x in as_list(value) if isinstance(x, dict)]


def strings(value: Any) -> list[str]:
    return [x for x in as_list(value) if isinstance(x, str)]


def obj(parent: Any, key: str) -> dict[str, Any]:
    """parent[key] if both are mappings, else {} (a missing or malformed part reads as empty)."""
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, dict) else {}


def join_words(items: Iterable[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (empty items left out)."""
    words = [x for x in items if x]
    if len(words) <= 1:
        return "".join(words)
    if last in ("and", "or"):  # in the language in use (present/strings.py): English but on a Spanish page
        from generator.present import strings as interface

        last = interface.t(f"words.{last}")
    return f"{', '.join(words[:-1])} {last} {words[-1]}"

"""What every producer returns: Markdown pages keyed by their path in the docs tree (`org/<id>.md`) and binary
assets keyed by their path in the site (`data/directory.json`). generator/build/outputs.py lists the producers
and gathers their outputs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.records.dataset import Dataset

T = TypeVar("T")


@dataclass
class Outputs:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    assets: dict[str, bytes] = field(default_factory=dict)  # site-relative path -> bytes

    def merge(self, other: Outputs, producer: str) -> None:
        _merge(self.pages, other.pages, "page", producer)
        _merge(self.assets, other.assets, "asset", producer)


def _merge(mine: dict[str, T], theirs: dict[str, T], kind: str, producer: str) -> None:
    clash = mine.keys() & theirs.keys()
    if clash:
        raise ValueError(f"{producer} writes {kind} {sorted(clash)[0]!r}, which another producer wrote")
    mine.update(theirs)


Producer = Callable[[Dataset, Mapping[str, Any]], Outputs]

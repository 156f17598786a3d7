"""Everything a site build writes from the records, gathered from the producers (pages, search, exports).

Each producer is a pure function `(dataset, settings) -> Outputs`: Markdown pages keyed by their path in the docs
tree (`org/<id>.md`) and binary assets keyed by their path in the site (`data/directory.json`). The MkDocs plugin
and `ccci pages --out DIR` both call `build_outputs`, so the same pages can be built by plain MkDocs too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .records import Dataset


@dataclass
class Outputs:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    assets: dict[str, bytes] = field(default_factory=dict)  # site-relative path -> bytes

    def merge(self, other: Outputs, producer: str) -> None:
        for kind, mine, theirs in (("page", self.pages, other.pages), ("asset", self.assets, other.assets)):
            clash = mine.keys() & theirs.keys()
            if clash:
                raise ValueError(f"{producer} writes {kind} {sorted(clash)[0]!r}, which another producer wrote")
            mine.update(theirs)


Producer = Callable[[Dataset, Mapping[str, Any]], Outputs]

# "module:function" names, in order. Add yours here (one line) to publish more pages or files.
PRODUCERS: list[str] = [
    "generator.pages:produce",
    "generator.search:produce",
    "generator.export:produce",
    "generator.retired:produce",
    "generator.robots:produce",
]


def build_outputs(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    out = Outputs()
    for name in PRODUCERS:
        module, func = name.split(":")
        producer: Producer = getattr(importlib.import_module(module), func)
        out.merge(producer(dataset, settings), name)
    return out

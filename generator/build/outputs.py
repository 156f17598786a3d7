"""Everything a site build writes from the records, gathered from the producers (pages, search, exports).

Each producer is a pure function `(dataset, settings) -> Outputs`: Markdown pages keyed by their path in the docs
tree (`org/<id>.md`) and binary assets keyed by their path in the site (`data/directory.json`). The MkDocs plugin
and `ccci pages --out DIR` both call `build_outputs`, so the same pages can be built by plain MkDocs too.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from generator.present.outputs import Outputs, Producer
from generator.records.dataset import Dataset

# "module:function" names, in order. Add yours here (one line) to publish more pages or files.
PRODUCERS: list[str] = [
    "generator.site.pages:programs",  # the program pages, and beside them
    "generator.site.pages:hubs",  # every other generated page
    "generator.finder.produce:produce",
    "generator.opendata.export:produce",
    "generator.site.retired:produce",
    "generator.site.robots:produce",
]
# The producers whose output is in a reader's language: a second language's build runs only these (the rest,
# exports and the like, are the same in every language and are written once, by the default language's build).
PER_LANGUAGE: list[str] = [
    "generator.site.pages:programs",
    "generator.site.pages:hubs",
    "generator.finder.produce:produce",
    "generator.site.retired:produce",
]


# Producers whose pages are few and named here, and whose assets no page needs while MkDocs renders: `ccci build`
# runs them beside MkDocs (build/parallel.py `start`, generator/plugin), writing their assets straight into the site.
DEFERRED: dict[str, tuple[str, ...]] = {
    "generator.finder.produce:produce": ("find/index.md",),
    "generator.opendata.export:produce": ("data/index.md",),
    "generator.site.robots:produce": (),
}


def build_outputs(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    out = Outputs()
    for name in PRODUCERS:
        module, func = name.split(":")
        producer: Producer = getattr(importlib.import_module(module), func)
        out.merge(producer(dataset, settings), name)
    return out

"""What may leave the repository: a record made fit to publish (exports; the site applies the same rule).

Maintainers' notes stay behind, and a confidential place is reduced to its id, city, county and state: no name,
description, street, ZIP code or coordinates, since any of them could give a shelter away. The schema already
refuses a street, ZIP or coordinates there; this is the second lock, for data that skipped validation.
"""

from __future__ import annotations

import copy
from typing import Any

from .records import Dataset

PUBLIC_ADDRESS_KEYS = ("city", "county", "state")


def public_record(org: dict[str, Any]) -> dict[str, Any]:
    """A copy of a record fit for publishing: no maintainers' notes, and a confidential place reduced to its id,
    city, county and state (the site's rule too, generator/views.py `publishable`: its name or description could
    give it away)."""
    out = copy.deepcopy(org)
    ver = out.get("verification")
    if isinstance(ver, dict):
        ver.pop("notes", None)
    if isinstance(out.get("locations"), list):
        out["locations"] = [_private_place(loc) if isinstance(loc, dict) and loc.get("confidential") is True
                            else loc for loc in out["locations"]]
    return out


def _private_place(loc: dict[str, Any]) -> dict[str, Any]:
    addr = loc.get("address") if isinstance(loc.get("address"), dict) else {}
    return {"id": loc.get("id"), "confidential": True,
            "address": {k: addr[k] for k in PUBLIC_ADDRESS_KEYS if k in addr}}


def public_dataset(ds: Dataset) -> Dataset:
    return Dataset(root=ds.root, organizations=[public_record(o) for o in ds.organizations if isinstance(o, dict)],
                   taxonomy=ds.taxonomy)

"""Pages for programs that closed or merged (`ccci retire`): the old address keeps working and says where to go.

A retired record leaves every list, the finder and the open data (generator/records/redact.py `publishable` moves it to
`Dataset.retired`); this producer gives each one a short page at its old address, `org/<id>.md`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.present.outputs import Outputs
from generator.present.values import obj
from generator.records.dataset import Dataset
from generator.records.redact import publishable
from generator.site.render import ORG_META, front_matter, md_text

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def page(org: dict[str, Any], current: dict[str, dict[str, Any]]) -> str:
    """The Markdown of one closed program's page. Every value from YAML is escaped."""
    info = obj(org, "retired")
    name = str(org.get("name") or org.get("id"))
    into = info.get("into")
    other = current.get(into) if isinstance(into, str) and _ID.fullmatch(into) else None
    merged = info.get("reason") == "merged"
    # ccci: "org" gives it a program page's neutral tab title ("Program details"), never the program's name
    lines = [front_matter(f"{name} (closed)", **ORG_META, ccci="org"), f"# {md_text(name)}", ""]
    when = f" on {md_text(info['date'])}" if isinstance(info.get("date"), str) else ""
    if merged:
        lines.append(f"This program is now part of another listing. It stopped being listed here{when}.")
    else:
        lines.append(f"This program has closed. It stopped being listed here{when}.")
    lines.append("")
    if isinstance(info.get("note"), str) and info["note"].strip():
        lines += [md_text(info["note"]), ""]
    if other is not None:
        lines += [f"**Go here instead:** [{md_text(other.get('name') or into)}]({into}.md)", ""]
    lines += ["To find help that is open now, [search the directory](../find/index.md) or "
              "[see the hotlines](../hotlines.md).", ""]
    return "\n".join(lines)


def produce(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    """The `generator.site.retired:produce` producer."""
    ds = publishable(dataset)
    current = {str(o.get("id")): o for o in ds.organizations if isinstance(o, dict)}
    out = Outputs()
    for org in ds.retired:
        oid = str(org.get("id"))
        if _ID.fullmatch(oid) and oid not in current:
            out.pages[f"org/{oid}.md"] = page(org, current)
    return out

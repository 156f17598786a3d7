"""The verification queue as a Markdown checklist (`ccci stale --format markdown`), ready to paste into an issue.

For each record due: what to confirm with the organization (phones, hours, addresses, services, eligibility,
website and email) and the `ccci verify` command to run afterwards. Every value from a record is escaped
(plain.md), so a record cannot add links, HTML or @mentions to the issue. A confidential place shows its city
only, with a reminder never to write its address down.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.present import plain
from generator.records.dataset import Taxonomy

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _phones(org: dict[str, Any], tax: Taxonomy) -> list[str]:
    out = [plain.phone_text(p, tax) for p in plain.dicts(org.get("phones"))]
    for svc in plain.dicts(org.get("services")):
        out += [f"{plain.phone_text(p, tax)} for {plain.text(svc.get('name'))}" for p in plain.dicts(svc.get("phones"))]
    return out


def _hours(org: dict[str, Any]) -> list[str]:
    out = []
    for svc in plain.dicts(org.get("services")):
        hours = plain.hours_text(svc.get("hours"))
        if hours:
            out.append(f"{plain.text(svc.get('name'))}: {hours}")
    return out


def record_items(org: dict[str, Any], tax: Taxonomy, on: dt.date | None = None) -> list[str]:
    """The checklist lines for one record (Markdown, escaped). With `on`: also what is missing, phones or
    addresses from sources over five years old, and the source to start from (generator/present/coverage.py)."""
    lines = []
    phones = _phones(org, tax)
    lines.append(
        "Phones: "
        + (" · ".join(plain.md(p) for p in phones) if phones else "none listed; ask for the number people should call")
    )
    hours = _hours(org)
    lines.append(
        "Hours: "
        + (" · ".join(plain.md(h) for h in hours) if hours else "none listed; ask when people can call or come in")
    )
    for loc in plain.dicts(org.get("locations")):
        if loc.get("confidential") is True:
            addr = addr if isinstance(addr := loc.get("address"), dict) else {}
            # No name: the issue is public, and a shelter's name can give it away (the site hides it too).
            lines.append(
                f"Address: a confidential place in {plain.md(addr.get('city'))}. Confirm the city only; "
                "never write the street down"
            )
        else:
            lines.append(f"Address: {plain.md(plain.place_text(loc))}")
    if not plain.dicts(org.get("locations")):
        lines.append(
            "Address: none listed; ask whether people can visit (a private shelter address is never written down)"
        )
    names = [plain.md(s.get("name")) for s in plain.dicts(org.get("services"))]
    lines.append("Services still offered: " + "; ".join(names))
    elig = [
        f"{plain.md(s.get('name'))}: {plain.md(s['eligibility'])}"
        for s in plain.dicts(org.get("services"))
        if isinstance(s.get("eligibility"), str)
    ]
    lines.append("Eligibility: " + (" · ".join(elig) if elig else "none listed; ask who can use each service"))
    web = [plain.md(org[k]) for k in ("website", "email") if isinstance(org.get(k), str)]
    if web:
        lines.append("Website and email: " + " · ".join(web))
    if on is not None:
        from generator.present.coverage import queue_notes

        lines += [plain.md(note) for note in queue_notes(org, on)]
    return lines


def render(due: list[tuple[dt.date | None, dict[str, Any]]], total: int, days: int, on: dt.date, tax: Taxonomy) -> str:
    """The whole checklist: a heading, then one section per record due, oldest first."""
    out = [
        f"## Verification queue: {len(due)} of {total} records due ({on.isoformat()})",
        "",
        f"Records never verified come first, then those verified more than {days} days ago. Call or email "
        "the organization, tick each line once it is confirmed, fix the record if something changed, then run "
        "the command at the end of its list. Never write down a person's name or a private shelter address.",
        "",
    ]
    for when, org in due:
        ident = plain.text(org.get("id"))
        age = f"last verified {when.isoformat()} ({(on - when).days} days ago)" if when else "never verified"
        out += [
            f"### {plain.md(org.get('name') or ident)}",
            "",
            f"data/organizations/{plain.md(ident)}.yaml · {age}",
            "",
        ]
        out += [f"- [ ] {line}" for line in record_items(org, tax, on)]
        command = f"`ccci verify {ident} --method phone`" if _SLUG.match(ident) else "`ccci verify ID --method phone`"
        out += [f"- [ ] When all is confirmed: {command} (or email, site-visit, website)", ""]
    if not due:
        out.append("Nothing is due. Every record was verified recently.")
    return "\n".join(out).rstrip("\n") + "\n"

"""How much of the directory has Spanish text (`ccci coverage --spanish`): for each Spanish field of the schema,
how many records have it out of those whose English it would translate, and the records still missing it.

A field counts only where its English twin is there: es.eligibility where the service has an eligibility, es.fees
where its fees have a description, es.how_to_get_help where it has steps or things to bring (both, if the English
has both, and as many things to bring). The organization's es.name is different: it is only an official Spanish
name the organization publishes itself (schema), so its absence is not a gap: the text and Markdown reports
do not list those records (the JSON does, with `optional: true`).
Retired records are left out, as in `ccci coverage`.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict, dataclass
from typing import Any

from generator.present import plain
from generator.records.dataset import Dataset, is_retired

OPTIONAL = {("organization", "es.name")}  # counted, never a gap: only a name the organization publishes


@dataclass
class Field:
    level: str  # "organization" or "service"
    field: str  # "es.description", ...
    have: int = 0
    of: int = 0  # records whose English text this field translates
    missing: list[str] = dataclasses.field(default_factory=list)  # "org-id" or "org-id/service-id"

    @property
    def optional(self) -> bool:
        return (self.level, self.field) in OPTIONAL


@dataclass
class Translations:
    organizations: int
    services: int
    fields: list[Field]

    def as_json(self) -> str:
        data = asdict(self)
        for f, out in zip(self.fields, data["fields"], strict=True):
            out["optional"] = f.optional  # its `missing` are not gaps
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _how_to(svc: dict[str, Any], es: dict[str, Any]) -> tuple[bool, bool]:
    """(the English has steps or things to bring, the Spanish covers each of them)."""
    how = _obj(svc.get("how_to_get_help"))
    how_es = _obj(es.get("how_to_get_help"))
    bring = [b for b in plain.strings(how.get("what_to_bring")) if _text(b)]
    bring_es = [b for b in plain.strings(how_es.get("what_to_bring")) if _text(b)]
    wanted = _text(how.get("steps")) or bool(bring)
    done = (not _text(how.get("steps")) or _text(how_es.get("steps"))) and len(bring_es) >= len(bring)
    return wanted, wanted and done


def compute(ds: Dataset) -> Translations:
    orgs = [o for o in ds.organizations if isinstance(o, dict) and not is_retired(o)]
    fields = {
        key: Field(*key)
        for key in (
            ("organization", "es.description"),
            ("organization", "es.name"),
            ("service", "es.name"),
            ("service", "es.description"),
            ("service", "es.eligibility"),
            ("service", "es.fees"),
            ("service", "es.how_to_get_help"),
        )
    }

    def count(key: tuple[str, str], wanted: bool, done: bool, who: str) -> None:
        if wanted:
            f = fields[key]
            f.of += 1
            if done:
                f.have += 1
            else:
                f.missing.append(who)

    services = 0
    for org in sorted(orgs, key=lambda o: plain.text(o.get("id"))):
        oid = plain.text(org.get("id"))
        es = _obj(org.get("es"))
        count(("organization", "es.description"), _text(org.get("description")), _text(es.get("description")), oid)
        count(("organization", "es.name"), _text(org.get("name")), _text(es.get("name")), oid)
        for svc in plain.dicts(org.get("services")):
            services += 1
            who = f"{oid}/{plain.text(svc.get('id'))}"
            ses = _obj(svc.get("es"))
            for key in ("name", "description", "eligibility"):
                count(("service", f"es.{key}"), _text(svc.get(key)), _text(ses.get(key)), who)
            fees = _obj(svc.get("fees"))
            count(("service", "es.fees"), _text(fees.get("description")), _text(ses.get("fees")), who)
            count(("service", "es.how_to_get_help"), *_how_to(svc, ses), who)
    return Translations(len(orgs), services, list(fields.values()))


def _share(f: Field) -> str:
    return f"{f.have} of {f.of}" + (f" ({f.have / f.of:.0%})" if f.of else "")


def text(tr: Translations) -> str:
    out = [
        f"Spanish text: {tr.organizations} organizations, {tr.services} services (retired records left out).",
        "Each field counts the records whose English it translates.",
    ]
    for level in ("organization", "service"):
        out.append(f"{level.capitalize()}s:")
        for f in (f for f in tr.fields if f.level == level):
            note = "; optional: only a Spanish name the organization publishes" if f.optional else ""
            out.append(f"  {f.field}: {_share(f)}{note}")
    gaps = [f for f in tr.fields if f.missing and not f.optional]
    out += ["", "Missing Spanish text:" if gaps else "Missing Spanish text: none."]
    for f in gaps:
        out.append(f"  {f.level} {f.field} ({len(f.missing)}): {', '.join(f.missing)}")
    return "\n".join(out) + "\n"


def markdown(tr: Translations) -> str:
    """A table and a checklist for a tracking issue. Every id from a record is escaped (plain.md)."""
    out = [
        f"## Spanish text: {tr.organizations} organizations, {tr.services} services",
        "",
        "| Record | Field | Have | Of |",
        "| --- | --- | ---: | ---: |",
    ]
    out += [f"| {f.level} | `{f.field}`{' (optional)' if f.optional else ''} | {f.have} | {f.of} |" for f in tr.fields]
    out += ["", "### Missing Spanish text", ""]
    items = [f"- [ ] {plain.md(who)}: `{f.field}`" for f in tr.fields if not f.optional for who in f.missing]
    return "\n".join(out + (items or ["None."])) + "\n"

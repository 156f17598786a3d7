"""Open-data exports of the directory: JSON (one document + its JSON Schema), CSV (one row per service) and
HSDS 3.0 (JSON + one CSV per table). Pure: records in, bytes out; the same records always give the same bytes.

`files(dataset, fmt)` is what `ccci export` writes; `produce` (the `generator.opendata.export:produce` producer)
publishes all three under data/ with a page, data/index.md, that describes them.

Nothing private leaves (generator/records/redact.py): maintainers' notes are dropped, and a confidential location keeps
only its city, county and state (no name, description, street, ZIP or coordinates), even if a record broke the
rules. Every CSV cell that a spreadsheet could run as a formula is written
as text (a leading apostrophe), since record strings are hostile.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Mapping
from typing import Any

from generator.opendata import hsds
from generator.opendata.hsds_tables import as_dict, drop_parent_keys
from generator.present import labels, plain
from generator.present.outputs import Outputs
from generator.records.dataset import SCHEMA_DIR, Dataset, Taxonomy, is_retired
from generator.records.redact import public_records, publishable

FORMATS = ("json", "csv", "hsds")
FORMAT_VERSION = 1
DIRECTORY_TITLE = "Idaho CCCI resource directory"
SCHEMAS = ["directory", "organization", "service_areas", "populations", "languages", "regions"]
SITE_DIR = "data"

_FORMULA = re.compile(r"^[=+\-@\t\r]")
_FORMULA_START = frozenset("=+-@\t\r")  # _FORMULA's first characters
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9][0-9 ().-]*$")


# ------------------------------------------------------------------------------------------------ records


def _dump_json(doc: Any, compact: bool = False) -> bytes:
    """UTF-8 JSON. `compact` for the big documents (directory.json, hsds/organizations.json): no indent, no spaces
    after separators, a fifth smaller at 10,000 records and written by json's C encoder; the small ones stay
    indented for people who open them."""
    if compact:
        return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ------------------------------------------------------------------------------------------------ json


def taxonomy_document(tax: Taxonomy) -> dict[str, Any]:
    return {
        "service_areas": list(tax.service_areas.values()),
        "populations": list(tax.populations.values()),
        "languages": list(tax.languages.values()),
        "regions": list(tax.regions.values()),
    }


def directory_document(ds: Dataset) -> dict[str, Any]:
    """The whole directory as one JSON document (schema/directory.schema.json describes it)."""
    return {
        "title": DIRECTORY_TITLE,
        "format_version": FORMAT_VERSION,
        "organizations": public_records(ds),
        "taxonomy": taxonomy_document(ds.taxonomy),
    }


def json_files(ds: Dataset) -> dict[str, bytes]:
    out = {"directory.json": _dump_json(directory_document(ds), compact=True)}
    for name in SCHEMAS:
        path = ds.root / SCHEMA_DIR / f"{name}.schema.json"
        out[f"schema/{name}.schema.json"] = path.read_bytes()
    return out


# ------------------------------------------------------------------------------------------------ csv


def cell(value: Any) -> str:
    """One spreadsheet cell: text on one line, never a formula (OWASP CSV injection advice)."""
    if type(value) is str and value[:1] not in _FORMULA_START and "\r" not in value:
        return value  # most cells (ids, names): nothing to change; 3.5 million of them at 10,000 records
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if _FORMULA.match(text) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[cell(v) for v in row] for row in rows])
    return buf.getvalue().encode("utf-8")


SERVICE_COLUMNS = [
    "organization_id",
    "organization_name",
    "organization_alternate_name",
    "organization_description",
    "organization_website",
    "organization_email",
    "organization_phones",
    "organization_locations",
    "service_id",
    "service_name",
    "service_area",
    "service_area_name",
    "categories",
    "service_description",
    "populations",
    "languages",
    "interpretation",
    "fees",
    "fees_description",
    "eligibility",
    "walk_in",
    "call_first",
    "referral_required",
    "how_to_get_help",
    "what_to_bring",
    "hours",
    "coverage",
    "coverage_regions",
    "coverage_counties",
    "service_locations",
    "service_phones",
    "service_url",
    "verification_status",
    "last_verified",
    "verification_method",
]


def _names(codes: list[str], table: Mapping[str, Any]) -> str:
    return "; ".join(str(table[c].get("name", c)) if c in table else c for c in codes)


def service_rows(ds: Dataset) -> list[list[Any]]:
    tax = ds.taxonomy
    subcats = {k: v[1] for k, v in tax.subcategories.items()}
    rows = []
    for org in public_records(ds):
        locs = {loc.get("id"): loc for loc in plain.dicts(org.get("locations"))}
        org_phones = "; ".join(plain.phone_text(p, tax) for p in plain.dicts(org.get("phones")))
        org_places = "; ".join(plain.place_text(loc) for loc in locs.values())
        ver = as_dict(org.get("verification"))
        for svc in plain.dicts(org.get("services")):
            how = as_dict(svc.get("how_to_get_help"))
            fees = as_dict(svc.get("fees"))
            cov = as_dict(svc.get("coverage"))
            area = svc.get("service_area")
            rows.append(
                [
                    org.get("id"),
                    org.get("name"),
                    org.get("alternate_name"),
                    org.get("description"),
                    org.get("website"),
                    org.get("email"),
                    org_phones,
                    org_places,
                    svc.get("id"),
                    svc.get("name"),
                    area,
                    tax.area_name(area) if isinstance(area, str) else "",
                    _names(plain.strings(svc.get("categories")), subcats),
                    svc.get("description"),
                    _names(plain.strings(svc.get("populations")), tax.populations),
                    "; ".join(tax.language_name(c) for c in plain.strings(svc.get("languages"))),
                    svc.get("interpretation"),
                    labels.FEES.get(str(fees.get("type")), ""),
                    fees.get("description"),
                    svc.get("eligibility"),
                    how.get("walk_in"),
                    how.get("call_first"),
                    how.get("referral_required"),
                    how.get("steps"),
                    "; ".join(plain.strings(how.get("what_to_bring"))),
                    plain.hours_text(svc.get("hours")),
                    cov.get("scope"),
                    _names(plain.strings(cov.get("regions")), tax.regions),
                    "; ".join(plain.strings(cov.get("counties"))),
                    "; ".join(plain.place_text(locs[i]) for i in plain.strings(svc.get("locations")) if i in locs),
                    "; ".join(plain.phone_text(p, tax) for p in plain.dicts(svc.get("phones"))),
                    svc.get("url"),
                    ver.get("status"),
                    ver.get("last_verified"),
                    ver.get("method"),
                ]
            )
    return rows


def csv_files(ds: Dataset) -> dict[str, bytes]:
    return {"services.csv": _csv(SERVICE_COLUMNS, service_rows(ds))}


# ------------------------------------------------------------------------------------------------ hsds


def datapackage() -> dict[str, Any]:
    """A Tabular Data Package descriptor for the HSDS tables (field names and types from HSDS 3.0)."""
    resources = []
    for name, (path, fields) in hsds.TABLES.items():
        resources.append(
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": f, "type": "number" if f in hsds.NUMBER_FIELDS else "string"} for f in fields.split()
                    ],
                    "primaryKey": "id",
                },
            }
        )
    return {
        "name": "idaho-ccci-directory-hsds",
        "title": f"{DIRECTORY_TITLE} (HSDS {hsds.HSDS_VERSION})",
        "profile": "tabular-data-package",
        "resources": resources,
    }


def hsds_files(ds: Dataset) -> dict[str, bytes]:
    built = hsds.build(ds)
    out: dict[str, bytes] = {}
    for name, rows in hsds.tables(built).items():  # (before the nested form loses its parent keys)
        path, fields = hsds.TABLES[name]
        header = fields.split()
        out[f"hsds/{path}"] = _csv(header, [[row.get(f) for f in header] for row in rows])
    for org in built.doc["contents"]:
        drop_parent_keys(org)
    return {
        "hsds/organizations.json": _dump_json(built.doc, compact=True),
        "hsds/datapackage.json": _dump_json(datapackage()),
        **out,
    }


def files(ds: Dataset, fmt: str) -> dict[str, bytes]:
    """The files of one export format, keyed by their path inside the export folder."""
    makers = {"json": json_files, "csv": csv_files, "hsds": hsds_files}
    if fmt not in makers:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    ds = publishable(ds)  # redacted once here (a no-op in a site build, which redacted already)
    if any(is_retired(o) for o in ds.organizations):  # closed programs leave the open data (ccci retire)
        ds = dataclasses.replace(ds, organizations=[o for o in ds.organizations if not is_retired(o)])
    return makers[fmt](ds)


# ------------------------------------------------------------------------------------------------ page


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _link(path: str, everything: Mapping[str, bytes]) -> str:
    return f"[`{path}`]({path}) ({size_text(len(everything[path]))})"


def index_page(ds: Dataset, everything: Mapping[str, bytes]) -> str:
    """data/index.md: what each file holds, what is left out, the licence note and the links."""
    orgs = [o for o in ds.organizations if isinstance(o, dict)]
    services = sum(len(plain.dicts(o.get("services"))) for o in orgs)
    tables = [p for p in everything if p.startswith("hsds/") and p.endswith(".csv")]
    table_links = ", ".join(f"[`{p.removeprefix('hsds/')}`]({p})" for p in sorted(tables))
    carried = "\n".join(f"- {line}" for line in hsds.NOT_CARRIED)
    return f"""---
title: Download the data
---

# Download the data

You can download the whole directory for free: {len(orgs)} organizations and {services} services. Other groups
can use it to build their own tools. The files change each time the site is updated.

## The files

- **JSON:** {_link("directory.json", everything)}. Every record as we keep it, and the lists of service
  areas, groups of people, languages and regions.
- **JSON Schema:** {_link("schema/directory.schema.json", everything)}. The rules the JSON file follows. It
  refers to [`organization.schema.json`](schema/organization.schema.json) and the other files in `schema/` by
  name.
- **CSV:** {_link("services.csv", everything)}. One row per service, with its organization's details. It opens
  in any spreadsheet.
- **HSDS 3.0 JSON:** {_link("hsds/organizations.json", everything)}. HSDS is the open standard for lists of
  human services, by Open Referral. The file holds organizations with their services, places, phones, hours
  and service areas.
- **HSDS 3.0 tables:** {_link("hsds/datapackage.json", everything)} describes the same data as one CSV file
  per HSDS table: {table_links}.

All text is UTF-8. In the CSV files, a cell that starts with `=`, `+`, `-` or `@` gets an apostrophe in front,
so a spreadsheet shows it as text and never runs it.

## What is left out

- **No personal data.** The files list programs, not people.
- **Private addresses stay private.** Many shelters keep their location secret to keep people safe. For these,
  the files give only the city, county and state: no name, no street, no ZIP code, no map location. In HSDS,
  such a place is marked with the attribute "Confidential location".
- **Notes for our team** are not published.

## What HSDS cannot hold

HSDS has no place for some of what we record. This is how the HSDS files handle it:

{carried}

## Ids

In the HSDS files every id is a UUID made from our own ids, so it stays the same from one update to the next.
Our own ids are in `organization_identifiers` (type "{hsds.ORG_ID_TYPE}"), in each location's
`external_identifier` and in each service's "CCCI service id" attribute. In `organizations.json`, an object
inside another leaves out the id of the one that holds it (a service inside its organization has no
`organization_id`): the nesting says it. The CSV tables have every id.

## Licence

The coalition has not yet chosen a licence for this data. The facts in it come from the public sources named
in each record. The HSDS format is by Open Referral.
"""


def produce(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    """The `generator.opendata.export:produce` producer: every export under data/, and the page that lists them."""
    everything: dict[str, bytes] = {}
    for fmt in FORMATS:
        everything.update(files(dataset, fmt))
    return Outputs(
        pages={f"{SITE_DIR}/index.md": index_page(dataset, everything)},
        assets={f"{SITE_DIR}/{path}": content for path, content in everything.items()},
    )

"""The tables of Open Referral HSDS 3.0 as we write them: each table's fields, our taxonomies and their terms,
the ids (UUID 5 of our own ids), the document type and its tabular form (one list of rows per table).

generator/opendata/hsds.py builds the document from our records; hsds_import.py reads one back.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ccci.invalid/hsds/")
_NAMESPACE_BYTES = NAMESPACE.bytes
HSDS_VERSION = "3.0"

# HSDS table -> (file of the tabular form, its fields), in the datapackage's order; a test checks them against
# the official schemas (every property that is not a list or an object).
TABLES: dict[str, tuple[str, str]] = {
    "organization": (
        "organizations.csv",
        "id name alternate_name description email website tax_status tax_id "
        "year_incorporated legal_status logo uri parent_organization_id",
    ),
    "program": ("programs.csv", "id organization_id name alternate_name description"),
    "service": (
        "services.csv",
        "id organization_id program_id name alternate_name description url email status "
        "interpretation_services application_process fees_description wait_time fees accreditations "
        "eligibility_description minimum_age maximum_age assured_date assurer_email licenses alert "
        "last_modified",
    ),
    "attribute": ("attributes.csv", "id link_id taxonomy_term_id link_type link_entity value"),
    "service_at_location": ("service_at_location.csv", "id service_id location_id description"),
    "location": (
        "locations.csv",
        "id location_type url organization_id name alternate_name description "
        "transportation latitude longitude external_identifier external_identifier_type",
    ),
    "phone": (
        "phones.csv",
        "id location_id service_id organization_id contact_id service_at_location_id number extension type description",
    ),
    "contact": (
        "contacts.csv",
        "id organization_id service_id service_at_location_id location_id name title department email",
    ),
    "address": (
        "addresses.csv",
        "id location_id attention address_1 address_2 city region state_province postal_code country address_type",
    ),
    "schedule": (
        "schedules.csv",
        "id service_id location_id service_at_location_id valid_from valid_to dtstart "
        "timezone until count wkst freq interval byday byweekno bymonthday byyearday description "
        "opens_at closes_at schedule_link attending_type notes",
    ),
    "funding": ("funding.csv", "id organization_id service_id source"),
    "service_area": ("service_areas.csv", "id service_id name description extent extent_type uri"),
    "required_document": ("required_documents.csv", "id service_id document uri"),
    "language": ("languages.csv", "id service_id location_id phone_id name code note"),
    "accessibility": ("accessibility.csv", "id location_id description details url"),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        "id code name description parent_id taxonomy language taxonomy_id term_uri",
    ),
    "metadata": (
        "metadata.csv",
        "id resource_id resource_type last_action_date last_action_type field_name "
        "previous_value replacement_value updated_by",
    ),
    "meta_table_description": ("meta_table_descriptions.csv", "id name language character_set"),
    "cost_option": ("cost_options.csv", "id service_id valid_from valid_to option currency amount amount_description"),
    "organization_identifier": (
        "organization_identifiers.csv",
        "id organization_id identifier_scheme identifier_type identifier",
    ),
    "taxonomy": ("taxonomies.csv", "id name description uri version"),
}
NUMBER_FIELDS = {
    "year_incorporated",
    "minimum_age",
    "maximum_age",
    "latitude",
    "longitude",
    "extension",
    "timezone",
    "count",
    "interval",
    "amount",
}

# Our taxonomies in HSDS: key -> (name, description).
TAXONOMIES = {
    "service-areas": (
        "CCCI service areas",
        "The service areas of the Idaho Anti-Trafficking Coalition's Community "
        "Coordination of Care Initiative (CCCI), each with its subcategories.",
    ),
    "populations": ("CCCI populations", "Groups of people a service is meant for."),
    "directory": (
        "CCCI directory fields",
        "Facts from the Idaho CCCI resource directory that HSDS 3.0 has no "
        "field for. Each attribute's value holds the fact.",
    ),
}
# Terms of the "directory" taxonomy: code -> (name, description, link_type).
FIELD_TERMS = {
    "confidential-location": (
        "Confidential location",
        "The address is kept private for safety. Only the general area is given: no street, ZIP code or coordinates.",
        "location_detail",
    ),
    "service-id": ("CCCI service id", "The service's id in the CCCI directory.", "identifier"),
    "hotline": ("Crisis line", "A crisis line answered live by a person.", "phone_detail"),
    "text-keyword": ("Text keyword", "The word to text to start a conversation.", "phone_detail"),
    "phone-hours": (
        "Phone hours",
        "When the line is answered: 24/7, or days and times on a 24-hour clock, local time.",
        "phone_detail",
    ),
    "fee-type": ("Fees", "One of: free, sliding-scale, insurance, fee.", "fee"),
    "walk-in": ("Walk in", "Whether people can walk in without an appointment (yes or no).", "access"),
    "call-first": ("Call first", "Whether people should call before they come (yes or no).", "access"),
    "referral-required": ("Referral required", "Whether a referral is needed (yes or no).", "access"),
    "safety": ("Safety feature", "A safety feature of the place, e.g. secure-entrance.", "location_detail"),
    "verification-method": (
        "Verification method",
        "How a person confirmed the record with the organization: "
        "phone, email, site-visit or website. The date is the services' assured_date.",
        "verification",
    ),
    "keyword": ("Keyword", "An extra search word for the organization.", "keyword"),
}
ALL_DAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"]
ALWAYS_OPEN = "Open 24 hours a day, 7 days a week."
PHONE_TYPES = {"voice": "voice", "text": "text", "tty": "textphone", "fax": "fax", "hotline": "voice"}
ORG_ID_TYPE = "CCCI directory id"
LOCATION_ID_TYPE = "CCCI location id"
AREA_LABEL = "General area"

# What our records hold that HSDS 3.0 cannot carry (also printed on the data page).
NOT_CARRIED = [
    "Phone hours, crisis-line type and text keywords: HSDS phones have no hours or keyword (carried as "
    "attributes of the 'CCCI directory fields' taxonomy; crisis lines are HSDS type 'voice').",
    "Fee type (free, sliding scale, insurance, fee): HSDS has only free-text fees and priced cost options "
    "(carried as an attribute).",
    "Walk in, call first and referral required: no HSDS fields (carried as attributes).",
    "Safety features of a place: no HSDS field (carried as attributes).",
    "Accessibility: HSDS has free text only, so our codes are written as plain words ('Wheelchair accessible').",
    "Search words (tags): no HSDS field (carried as 'Keyword' attributes of the organization).",
    "Places without a full street address and ZIP code, and confidential places: an HSDS address needs both, so "
    "the city, county and state are given in the location's description.",
    "Time zone of opening hours: HSDS wants a fixed UTC offset; Idaho has two time zones with daylight saving "
    "time, so times are local and no offset is given.",
    "Coverage by region and county: HSDS service areas are named, with no Idaho district codes or shapes.",
    "Verification status, sources, the verifier's role and maintainers' notes: HSDS has only assured_date "
    "(set when verified) and the method as an attribute; sources are in the JSON export; notes are never "
    "published.",
    "Service ids: HSDS services have no identifier field (carried as an attribute).",
    "Spanish text of names, descriptions, eligibility, fees and how to get help: HSDS holds each text in one "
    "language, so the HSDS files are in English. The Spanish text is in the JSON file.",
]


def uid(kind: str, *parts: str) -> str:
    """The UUID of one HSDS object, from our ids: the same record always gives the same UUID. It is
    `str(uuid.uuid5(NAMESPACE, "kind/part/..."))`, written out (RFC 4122 section 4.3): 360,000 of them at 10,000
    records, in a third of uuid5's time."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + "/".join((kind, *parts)).encode()).digest()[:16])  # noqa: S324
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


class TaxonomyRow(TypedDict):
    """One of our taxonomies in HSDS (a row of taxonomies.csv)."""

    id: str
    name: str
    description: str


class TermRow(TypedDict):
    """One taxonomy term (a row of taxonomy_terms.csv; attributes name it by its id). taxonomy_id and taxonomy
    name its taxonomy, which taxonomies.csv describes once (taxonomy_detail, optional in HSDS, is left out)."""

    id: str
    code: str
    name: str
    description: str
    parent_id: NotRequired[str]
    taxonomy: str
    language: str
    taxonomy_id: str


class AttributeRow(TypedDict):
    """One attribute: a taxonomy term linked to an organization, service, location or phone, maybe with a value."""

    id: str
    link_id: str
    taxonomy_term_id: str
    link_type: str
    link_entity: str
    value: NotRequired[str]


def as_dict(value: Any) -> dict[str, Any]:
    """The value if it is an object, else an empty one (records and HSDS files may hold anything anywhere)."""
    return value if isinstance(value, dict) else {}


@dataclass
class Hsds:
    """The document, and every taxonomy and term (used or not) for the tabular form."""

    doc: dict[str, Any]
    taxonomies: list[TaxonomyRow] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)


# Where each kind of nested object sits in the document: the key of the list (or object) that holds it.
_CHILD_TABLE = {
    "services": "service",
    "phones": "phone",
    "languages": "language",
    "locations": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "required_documents": "required_document",
    "organization_identifiers": "organization_identifier",
    "attributes": "attribute",
}


def tables(h: Hsds) -> dict[str, list[dict[str, Any]]]:
    """The tabular form: rows per HSDS table, each row holding only that table's fields (foreign keys are set)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    seen: set[tuple[str, str]] = set()
    fields = {name: TABLES[name][1].split() for name in TABLES}  # (300,000 rows at 10,000 records)
    children = list(_CHILD_TABLE.items())

    def add(table: str, obj: dict[str, Any]) -> None:
        if (table, obj["id"]) in seen:
            return
        seen.add((table, obj["id"]))
        rows[table].append({k: obj[k] for k in fields[table] if k in obj})
        for key, child in children:
            for item in obj.get(key) or ():
                add(child, item)

    for org in h.doc["contents"]:
        add("organization", org)
    rows["taxonomy_term"] = [{k: t[k] for k in TABLES["taxonomy_term"][1].split() if k in t} for t in h.terms]
    rows["taxonomy"] = [dict(t) for t in h.taxonomies]
    return rows


_PARENT_KEY = {
    "organization": "organization_id",
    "service": "service_id",
    "location": "location_id",
    "phone": "phone_id",
}


def drop_parent_keys(obj: dict[str, Any], table: str = "organization") -> None:
    """The nested form without each nested object's key to the object that holds it (a service's organization_id
    inside its organization, an attribute's link_id and link_entity inside what it describes): HSDS 3.0 does not
    require them there, the nesting says the same, and they were 18.5 of organizations.json's 65 MiB at 10,000
    records (issue 15). In place; call `tables` first (the tabular form keeps every key). A reference to another
    object (a service_at_location's location_id) stays."""
    for key, child in _CHILD_TABLE.items():
        for item in obj.get(key) or []:
            if child == "attribute":
                if item.get("link_id") == obj["id"] and item.get("link_entity") == table:
                    del item["link_id"], item["link_entity"]
            elif table in _PARENT_KEY and item.get(_PARENT_KEY[table]) == obj["id"]:
                del item[_PARENT_KEY[table]]
            drop_parent_keys(item, child)

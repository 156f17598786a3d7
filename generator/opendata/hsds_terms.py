"""HSDS 3.0 terms and values for the builder in hsds.py: the taxonomy terms a service is tagged with, and the
plain values (a place's area text, opening hours) HSDS fields hold."""

from __future__ import annotations

from typing import Any

from generator.opendata.hsds_tables import (
    FIELD_TERMS,
    TAXONOMIES,
    AttributeRow,
    TaxonomyRow,
    TermRow,
    uid,
)
from generator.present import plain
from generator.records.dataset import Taxonomy


class _Terms:
    """Taxonomy terms by (taxonomy key, code), built once from our taxonomy."""

    def __init__(self, tax: Taxonomy) -> None:
        self.taxonomies = {
            key: TaxonomyRow(id=uid("taxonomy", key), name=name, description=desc)
            for key, (name, desc) in TAXONOMIES.items()
        }
        self.terms: dict[tuple[str, str], TermRow] = {}
        self.link_types: dict[tuple[str, str], str] = {}
        for area_id, area in tax.service_areas.items():
            self._add("service-areas", area_id, area.get("name"), area.get("description"), "category")
            for sub in area.get("subcategories") or []:
                self._add(
                    "service-areas", sub["id"], sub.get("name"), sub.get("description"), "category", parent=area_id
                )
        for pop_id, pop in tax.populations.items():
            self._add("populations", pop_id, pop.get("name"), pop.get("description"), "audience")
        for code, (name, desc, link_type) in FIELD_TERMS.items():
            self._add("directory", code, name, desc, link_type)

    def _add(self, key: str, code: str, name: Any, desc: Any, link_type: str, parent: str | None = None) -> None:
        detail = self.taxonomies[key]
        tid, words = uid("taxonomy_term", key, code), plain.text(desc) or plain.text(name) or code
        if parent is None:
            term = TermRow(
                id=tid,
                code=code,
                name=plain.text(name) or code,
                description=words,
                taxonomy=detail["name"],
                language="en",
                taxonomy_id=detail["id"],
            )
        else:  # the same, with parent_id after the description (the order of the HSDS fields)
            term = TermRow(
                id=tid,
                code=code,
                name=plain.text(name) or code,
                description=words,
                parent_id=uid("taxonomy_term", key, parent),
                taxonomy=detail["name"],
                language="en",
                taxonomy_id=detail["id"],
            )
        self.terms[(key, code)] = term
        self.link_types[(key, code)] = link_type

    def attribute(self, key: str, code: str, entity: str, link_id: str, value: str | None = None) -> AttributeRow:
        """The attribute names its term by taxonomy_term_id only: the term itself is described once, in
        taxonomy_terms.csv. Embedded in every attribute it was 40% of organizations.json (issue 15; HSDS 3.0
        requires only an attribute's id). The importer finds our terms by their ids (`terms_by_id`)."""
        term = self.terms[(key, code)]
        aid, link_type = uid("attribute", link_id, key, code, value or ""), self.link_types[(key, code)]
        if value is None:
            return AttributeRow(
                id=aid, link_id=link_id, taxonomy_term_id=term["id"], link_type=link_type, link_entity=entity
            )
        return AttributeRow(
            id=aid,
            link_id=link_id,
            taxonomy_term_id=term["id"],
            link_type=link_type,
            link_entity=entity,
            value=value,
        )


def terms_by_id(tax: Taxonomy) -> dict[str, TermRow]:
    """Every term of our taxonomy by its HSDS id (ids are derived from the codes, so they are the same in every
    export made with this taxonomy)."""
    return {term["id"]: term for term in _Terms(tax).terms.values()}


def _put(obj: dict[str, Any], key: str, value: Any) -> None:
    """Set a field only when there is something in it (HSDS leaves out what is unknown)."""
    if value not in (None, "", [], {}):
        obj[key] = value


def _s(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def area_text(addr: dict[str, Any], with_street: bool) -> str:
    """'Boise, Ada County, ID' (or with the street first): the place in words, for a location's description."""
    county = _s(addr.get("county"))
    parts = [addr.get("street"), addr.get("street2")] if with_street else []
    parts += [addr.get("city"), f"{county} County" if county else None, addr.get("state")]
    return ", ".join(p for p in parts if isinstance(p, str) and p)


def hours_value(hours: Any) -> str:
    """Phone hours for the 'phone-hours' attribute: '24/7' or 'mo,tu 09:00-17:00; sa 10:00-12:00 | note'."""
    if hours == "24/7":
        return "24/7"
    if not isinstance(hours, dict):
        return ""
    blocks = "; ".join(
        f"{','.join(plain.strings(b.get('days')))} {b.get('opens')}-{b.get('closes')}"
        for b in plain.dicts(hours.get("weekly"))
    )
    note = _s(hours.get("note"))
    return f"{blocks} | {note}" if note else blocks

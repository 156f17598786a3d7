"""schema.org JSON-LD for an organization page, without any confidential detail. The English page carries it; its
Spanish twin, which its hreflang links tie to the same organization, does not (issue 15: 15.7 MiB at 10,000 records).

A confidential location is left out entirely (not even its city). The JSON is escaped so that no string from
a record can close the <script> element it sits in.
"""

from __future__ import annotations

import json
from typing import Any

from generator.present.services import scope
from generator.present.urls import website_href
from generator.present.values import dicts, obj, strings, txt
from generator.records.dataset import Taxonomy

_AREA = {"national": {"@type": "Country", "name": "United States"},
         "statewide": {"@type": "State", "name": "Idaho"}}


def _area_served(svc: dict[str, Any], tax: Taxonomy) -> Any:
    kind = scope(svc)
    if kind in _AREA:
        return _AREA[kind]
    cov = obj(svc, "coverage")
    names = [f"{c} County, Idaho" for c in strings(cov.get("counties"))]
    names += [str(tax.regions[r].get("name", r)) + ", Idaho" for r in strings(cov.get("regions")) if r in tax.regions]
    return [{"@type": "AdministrativeArea", "name": n} for n in names]


def organization(org: dict[str, Any], tax: Taxonomy, page_url: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"@context": "https://schema.org", "@type": "Organization", "name": txt(org.get("name"))}
    if txt(org.get("alternate_name")):
        doc["alternateName"] = txt(org["alternate_name"])
    if txt(org.get("description")):
        doc["description"] = " ".join(txt(org["description"]).split())
    if website_href(org.get("website")):
        doc["url"] = org["website"]
    elif page_url:
        doc["url"] = page_url
    if txt(org.get("email")):
        doc["email"] = txt(org["email"])
    points = []
    for ph in dicts(org.get("phones")):
        if isinstance(ph.get("number"), str) and ph.get("type") != "fax":
            point = {"@type": "ContactPoint", "telephone": ph["number"],
                     "contactType": "crisis line" if ph.get("type") == "hotline" else
                     ("text line" if ph.get("type") == "text" else "general")}
            if ph.get("hours") == "24/7":
                point["hoursAvailable"] = {"@type": "OpeningHoursSpecification", "opens": "00:00",
                                           "closes": "23:59", "dayOfWeek": [
                                               "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                               "Saturday", "Sunday"]}
            points.append(point)
    if points:
        doc["contactPoint"] = points
    places = []
    for loc in dicts(org.get("locations")):
        if loc.get("confidential") is True:
            continue
        addr = obj(loc, "address")
        postal = {"@type": "PostalAddress", "addressCountry": "US"}
        for src, dst in (("street", "streetAddress"), ("city", "addressLocality"), ("state", "addressRegion"),
                         ("postal_code", "postalCode")):
            if txt(addr.get(src)):
                postal[dst] = txt(addr[src])
        place: dict[str, Any] = {"@type": "Place", "address": postal}
        if txt(loc.get("name")):
            place["name"] = txt(loc["name"])
        geo = obj(loc, "geo")
        if isinstance(geo.get("lat"), int | float) and isinstance(geo.get("lon"), int | float):
            place["geo"] = {"@type": "GeoCoordinates", "latitude": geo["lat"], "longitude": geo["lon"]}
        places.append(place)
    if places:
        doc["location"] = places
    offers = []
    for svc in dicts(org.get("services")):
        item: dict[str, Any] = {"@type": "Service", "name": txt(svc.get("name")),
                                "serviceType": tax.area_name(str(svc.get("service_area", ""))),
                                "areaServed": _area_served(svc, tax)}
        if txt(svc.get("description")):
            item["description"] = " ".join(txt(svc["description"]).split())
        offer: dict[str, Any] = {"@type": "Offer", "itemOffered": item}
        fees = obj(svc, "fees")
        if fees.get("type") == "free":
            offer["price"] = "0"
            offer["priceCurrency"] = "USD"
        offers.append(offer)
    if offers:
        doc["hasOfferCatalog"] = {"@type": "OfferCatalog", "name": "Services", "itemListElement": offers}
    return doc


def script_json(doc: Any) -> str:
    """JSON safe inside <script type="application/ld+json">: no '<', '>' or '&' survive, nor U+2028/2029."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text

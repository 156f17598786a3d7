"""The finder's first results, drawn at build time: the list finder.js shows for an empty search (no words, place
or filter), as the HTML of its cards. They are in the page itself, so they are on screen with the page's first
paint (no script to wait for) and there without JavaScript too.

This is the twin of render.js's drawRow for such a row (every service of the organization, no score, no place)
and of match.js's order for it (listings that can be reached first, then docs.json's alphabetical order).
tests/browser/test_finder_first.py loads the page with and without JavaScript and compares the two lists' HTML:
a change to one side that the other does not follow fails there.

Every text is escaped (html.escape); a phone number must be digits (with an optional +) to become a link, as in
render.js, and the only links are tel:, sms: and the site's own program pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

PAGE = 25  # finder.js draws this many rows at a time (page.js: PAGE)
FLAG_SPANISH = 8
_NUMBER = re.compile(r"^\+?\d{3,15}$")
_FIELD = re.compile(r"\{(\w+)\}")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def fmt(strings: Mapping[str, Any], key: str, **values: Any) -> str:
    """page.js's fmt: the string `key` with each {name} replaced (an unknown name stays as it is)."""
    return _FIELD.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], str(strings.get(key) or ""))


def _el(tag: str, cls: str | None, *children: str, **attrs: str) -> str:
    """An element whose children are already HTML."""
    attr = "".join(f' {k.rstrip("_")}="{html.escape(v)}"' for k, v in attrs.items())
    cls_attr = f' class="{html.escape(cls)}"' if cls else ""  # the class first, as render.js sets it
    return f"<{tag}{cls_attr}{attr}>" + "".join(children) + f"</{tag}>"


def _text(text: Any) -> str:
    return html.escape(str(text), quote=False)


def default_order(docs: Mapping[str, Any]) -> list[int]:
    """The organizations of an empty search: those that can be reached first, then alphabetical (docs.json's order)."""
    orgs = docs["o"]
    return sorted(range(len(orgs)), key=lambda o: (1 if orgs[o].get("u") else 0, o))


def _phone_link(strings: Mapping[str, Any], phone: Sequence[str]) -> str | None:
    number, kind = phone[0], phone[1]
    if not _NUMBER.match(number):
        return None
    shown = (phone[2] if len(phone) > 2 else "") or number
    if kind == "t":
        keyword = phone[3] if len(phone) > 3 else ""
        text = (
            fmt(strings, "text_keyword", keyword=keyword, number=shown)
            if keyword
            else fmt(strings, "text", number=shown)
        )
        return _el("a", "ccci-finder__phone", _text(text), href=f"sms:{number}")
    return _el(
        "a",
        "ccci-finder__phone",
        _text(fmt(strings, "tty" if kind == "y" else "call", number=shown)),
        href=f"tel:{number}",
    )


def _show_date(strings: Mapping[str, Any], iso: str) -> str:
    m = _DATE.match(iso or "")
    months = strings.get("months")
    if not m or not months:
        return iso
    return fmt(strings, "date", year=m[1], month=months[int(m[2]) - 1], day=str(int(m[3])))


def _name(
    tag: str, cls: str | None, item: Mapping[str, Any], strings: Mapping[str, Any], note: bool, **attrs: str
) -> str:
    """render.js's nameNode: a name without its own Spanish is marked lang="en" (a program's also says so)."""
    if not item.get("e"):
        return _el(tag, cls, _text(item["n"]), **attrs)
    parts = [_el("span", None, _text(item["n"]), lang="en")]
    if note:
        parts.append(_el("span", "ccci-finder__lang-note", _text(f" ({strings['in_english']})")))
    return _el(tag, cls, *parts, **attrs)


def _where(docs: Mapping[str, Any], strings: Mapping[str, Any], org: Mapping[str, Any], services: list[int]) -> str:
    scope, counties, loc = 0, [], -1
    for i in services:
        s = docs["s"][i]
        scope = max(scope, s.get("g", 0))
        counties += [k for k in s.get("k", []) if k not in counties]
        if loc < 0 and s.get("L"):
            loc = s["L"][0]
    parts = []
    locations = org.get("L") or []
    if loc >= 0 and loc < len(locations):
        city, *_rest = locations[loc]
        parts.append(
            fmt(strings, "private_address", city=city) if len(locations[loc]) > 4 and locations[loc][4] else city
        )
    if scope == 2:
        parts.append(strings["serves_us"])
    elif scope == 1:
        parts.append(strings["serves_state"])
    elif loc < 0 and counties:
        names = [fmt(strings, "county_name", name=docs["t"]["k"][k][0]) for k in counties[:4]]
        parts.append(fmt(strings, "serves_counties", list=", ".join(names) + (", …" if len(counties) > 4 else "")))
    return " · ".join(parts)


def card(docs: Mapping[str, Any], strings: Mapping[str, Any], o: int, org_url: str, services: list[int]) -> str:
    """One result card (an <li>) for organization number `o` of an empty search (`services`: its services'
    numbers, in order)."""
    org = docs["o"][o]
    href = org_url.replace("{id}", quote(org["i"], safe="-_.!~*'()"))
    parts = [_el("h3", "ccci-finder__name", _name("a", None, org, strings, False, href=href))]
    if any(docs["s"][i].get("f", 0) & FLAG_SPANISH for i in services):
        parts.append(_el("p", "ccci-finder__spanish", _text(strings["spanish_mark"])))
    where = _where(docs, strings, org, services)
    if where:
        parts.append(_el("p", "ccci-finder__where", _text(where)))
    phones = [p for i in services for p in docs["s"][i].get("p2", [])] or list(org.get("p", []))
    phones += [p for p in org.get("p", []) if p[1] == "y"]  # a TTY line is always named
    links: list[str] = []
    seen: set[str] = set()
    for p in phones:
        key = p[0] + p[1]
        if key in seen or (len(links) >= 3 and p[1] != "y"):
            continue
        link = _phone_link(strings, p)
        if link:
            seen.add(key)
            links.append(link)
    if links:
        parts.append(_el("p", "ccci-finder__phones", " · ".join(links)))
    names: list[str] = []
    shown = []
    for i in services:
        if docs["s"][i]["n"] not in names:
            names.append(docs["s"][i]["n"])
            shown.append(docs["s"][i])
    items = [_name("li", None, s, strings, True) for s in shown[:4]]
    if len(names) > 4:
        items.append(_el("li", "ccci-finder__extra", _text(fmt(strings, "more_services", n=len(names) - 4))))
    parts.append(_el("ul", "ccci-finder__services", *items))
    if org.get("u"):
        reach = [_text(strings["no_contact"])]
        route = org.get("rt")
        via_link = _phone_link(strings, route[1]) if route else None
        if route and via_link:
            reach += [_text(" " + fmt(strings, "no_contact_route", name=docs["o"][route[0]]["n"]) + " "), via_link]
        parts.append(_el("p", "ccci-finder__reach", *reach))
    verified = fmt(strings, "verified", date=_show_date(strings, org["v"])) if org.get("v") else strings["unverified"]
    parts.append(
        _el(
            "p",
            "ccci-finder__verified" + (" is-verified" if org.get("v") else ""),
            _text(verified + (" " + strings["call_first"] if links else "")),
        )
    )
    return _el("li", "ccci-finder__result", *parts)


def first_results(docs: Mapping[str, Any], strings: Mapping[str, Any], org_url: str) -> dict[str, Any]:
    """The first page of an empty search: its cards' HTML, the status line and the "Showing n of m" line, as
    finder.js writes them."""
    order = default_order(docs)
    total = len(order)
    first = set(order[:PAGE])
    services: dict[int, list[int]] = {o: [] for o in first}
    for i, svc in enumerate(docs["s"]):
        if svc["o"] in first:
            services[svc["o"]].append(i)
    count = (
        strings["count_none"]
        if total == 0
        else strings["count_one"]
        if total == 1
        else fmt(strings, "count_many", n=total)
    )
    return {
        "cards": "".join(card(docs, strings, o, org_url, services[o]) for o in order[:PAGE]),
        "status": count,
        "showing": fmt(strings, "showing", shown=PAGE, n=total) if total > PAGE else "",
        "more": total > PAGE,
    }

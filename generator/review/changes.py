"""What a change does to one record, in the words a reviewer uses (the core of `ccci diff`). Pure.

`describe(old, new)` compares two versions of a record (either may be None: added or removed) and returns short
phrases: "crisis line (Crisis line) changed from (208) 630-6601 to (208) 630-6602", "service 'Legal advocacy'
removed", "verification date moved from 2025-11-02 to 2026-11-02". Records may be invalid; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from generator.present import labels, plain
from generator.present.phones import display as phone_display
from generator.records.dataset import Taxonomy

SHORT = 70
ORG_KEYS = [
    "id",
    "name",
    "alternate_name",
    "description",
    "website",
    "email",
    "phones",
    "locations",
    "services",
    "verification",
    "tags",
]


def short(value: Any) -> str:
    text = plain.text(value) if isinstance(value, str) else str(value)
    return text if len(text) <= SHORT else text[: SHORT - 3].rstrip() + "..."


def _quoted(value: Any) -> str:
    return f"'{short(value)}'"


def _value(old: Any, new: Any, what: str, show: Callable[[Any], str] = short) -> Iterator[str]:
    """'what changed from A to B', 'what A added', 'what A removed', or nothing."""
    if old == new:
        return
    if old in (None, "", [], {}):
        yield f"{what} {show(new)} added"
    elif new in (None, "", [], {}):
        yield f"{what} {show(old)} removed"
    else:
        yield f"{what} changed from {show(old)} to {show(new)}"


def _text_field(old: Any, new: Any, what: str) -> Iterator[str]:
    """Long text: the old and the new wording, so a reviewer can read the change."""
    if old == new:
        return
    if not old:
        yield f"{what} added: {_quoted(new)}"
    elif not new:
        yield f"{what} removed (was {_quoted(old)})"
    else:
        a, b = _around(
            plain.text(old) if isinstance(old, str) else str(old), plain.text(new) if isinstance(new, str) else str(new)
        )
        yield f"{what} changed from '{a}' to '{b}'"


def _around(old: str, new: str) -> tuple[str, str]:
    """The part of two long texts that differs, with a few words around it ('...' where text is left out)."""
    if len(old) <= SHORT and len(new) <= SHORT:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    lead = max(0, old.rfind(" ", 0, max(0, start - 20)) + 1)

    def cut(text: str) -> str:
        stop = len(text) - end
        tail = text.find(" ", stop + 20)
        piece = text[lead : tail if tail >= 0 else len(text)]
        if len(piece) > 3 * SHORT:
            piece = piece[: 3 * SHORT - 3].rstrip() + "..."
        return ("..." if lead > 0 else "") + piece + ("..." if 0 <= tail < len(text) else "")

    return cut(old), cut(new)


def _codes(old: Any, new: Any, what: str, name: Callable[[str], str] = str) -> Iterator[str]:
    before, after = plain.strings(old), plain.strings(new)
    added = [name(x) for x in after if x not in before]
    removed = [name(x) for x in before if x not in after]
    if added:
        yield f"{what} added: {', '.join(added)}"
    if removed:
        yield f"{what} removed: {', '.join(removed)}"


def _d(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# ------------------------------------------------------------------------------------------------ phones


def _pair_phones(
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Match phones: first the same number and type, then the same type in order; the rest were added/removed."""
    left, right = list(old), list(new)
    pairs = []
    for match in (
        lambda a, b: a.get("number") == b.get("number") and a.get("type") == b.get("type"),
        lambda a, b: a.get("type") == b.get("type") and a.get("description") == b.get("description"),
        lambda a, b: a.get("type") == b.get("type"),
    ):
        for a in list(left):
            b = next((b for b in right if match(a, b)), None)
            if b is not None:
                pairs.append((a, b))
                left.remove(a)
                right.remove(b)
    return pairs, left, right


def phones(old: Any, new: Any, tax: Taxonomy | None, where: str = "") -> Iterator[str]:
    pairs, removed, added = _pair_phones(plain.dicts(old), plain.dicts(new))
    for a, b in pairs:
        label = where + plain.phone_label(b)
        if a.get("number") != b.get("number"):
            yield f"{label} changed from {phone_display(a.get('number'))} to {phone_display(b.get('number'))}"
        label = f"{where}{plain.phone_label(b)} {phone_display(b.get('number'))}"
        yield from _value(a.get("extension"), b.get("extension"), f"{label}: extension")
        yield from _value(a.get("description"), b.get("description"), f"{label}: description", _quoted)
        yield from _value(a.get("text_keyword"), b.get("text_keyword"), f"{label}: text keyword")
        yield from _value(plain.hours_text(a.get("hours")), plain.hours_text(b.get("hours")), f"{label}: hours")
        yield from _codes(
            a.get("languages"), b.get("languages"), f"{label}: languages", tax.language_name if tax else str
        )
    for b in added:
        yield f"{where}{plain.phone_label(b)} {phone_display(b.get('number'))} added"
    for a in removed:
        yield f"{where}{plain.phone_label(a)} {phone_display(a.get('number'))} removed"


# ------------------------------------------------------------------------------------------------ places


def locations(old: Any, new: Any) -> Iterator[str]:
    before = {str(x.get("id")): x for x in plain.dicts(old)}
    after = {str(x.get("id")): x for x in plain.dicts(new)}
    for ident, b in after.items():
        name = _quoted(b.get("name") or ident)
        if ident not in before:
            yield f"location {name} added ({plain.place_text({**b, 'name': None})})"
            continue
        a = before[ident]
        if a == b:
            continue
        if a.get("confidential") is not True and b.get("confidential") is True:
            yield f"location {name} is now confidential (address kept private)"
        elif a.get("confidential") is True and b.get("confidential") is not True:
            yield f"location {name} is no longer confidential: check that its address may be public"
        yield from _value(a.get("name"), b.get("name"), f"location {_quoted(ident)}: name", _quoted)
        pa, pb = plain.place_text({**a, "name": None}), plain.place_text({**b, "name": None})
        if pa.removesuffix(" (address kept private)") != pb.removesuffix(" (address kept private)"):
            yield f"location {name}: address changed from {short(pa)} to {short(pb)}"
        if a.get("geo") != b.get("geo"):
            how = "changed" if a.get("geo") and b.get("geo") else "added" if b.get("geo") else "removed"
            yield f"location {name}: map position {how}"
        yield from _text_field(a.get("description"), b.get("description"), f"location {name}: description")
        yield from _codes(a.get("accessibility"), b.get("accessibility"), f"location {name}: accessibility")
        yield from _codes(a.get("safety"), b.get("safety"), f"location {name}: safety")
    for ident, a in before.items():
        if ident not in after:
            yield f"location {_quoted(a.get('name') or ident)} removed"


# ------------------------------------------------------------------------------------------------ services


def _fees(value: Any) -> str:
    fees = _d(value)
    kind = labels.FEES.get(str(fees.get("type")), "")
    return f"{kind} ({short(fees['description'])})" if kind and fees.get("description") else kind


def _how(value: Any) -> str:
    how = _d(value)
    words = [
        label
        for key, label in (
            ("walk_in", "walk in"),
            ("call_first", "call first"),
            ("referral_required", "referral required"),
        )
        if how.get(key) is True
    ]
    return ", ".join(words)


def service(a: dict[str, Any], b: dict[str, Any], tax: Taxonomy | None) -> Iterator[str]:
    name = f"service {_quoted(b.get('name') or b.get('id'))}"
    if a.get("name") != b.get("name"):
        yield f"service {_quoted(a.get('name'))} renamed to {_quoted(b.get('name'))}"

    def area(x: Any) -> str:
        return tax.area_name(x) if tax and isinstance(x, str) else str(x)

    def sub(x: str) -> str:
        return str(tax.subcategories[x][1].get("name", x)) if tax and x in tax.subcategories else x

    def pop(x: str) -> str:
        return str(tax.populations.get(x, {}).get("name", x)) if tax else x

    yield from _value(a.get("service_area"), b.get("service_area"), f"{name}: service area", area)
    yield from _codes(a.get("categories"), b.get("categories"), f"{name}: categories", sub)
    yield from _text_field(a.get("description"), b.get("description"), f"{name}: description")
    yield from _codes(a.get("populations"), b.get("populations"), f"{name}: populations", pop)
    yield from _codes(a.get("languages"), b.get("languages"), f"{name}: languages", tax.language_name if tax else str)
    yield from _value(a.get("interpretation"), b.get("interpretation"), f"{name}: interpretation", _quoted)
    yield from _value(_fees(a.get("fees")), _fees(b.get("fees")), f"{name}: fees")
    yield from _value(a.get("eligibility"), b.get("eligibility"), f"{name}: eligibility", _quoted)
    ha, hb = _d(a.get("how_to_get_help")), _d(b.get("how_to_get_help"))
    yield from _value(_how(ha), _how(hb), f"{name}: how to get help")
    yield from _value(ha.get("steps"), hb.get("steps"), f"{name}: steps to get help", _quoted)
    yield from _codes(ha.get("what_to_bring"), hb.get("what_to_bring"), f"{name}: what to bring", _quoted)
    yield from _value(plain.hours_text(a.get("hours")), plain.hours_text(b.get("hours")), f"{name}: hours")
    yield from _value(
        plain.coverage_text(a.get("coverage"), tax), plain.coverage_text(b.get("coverage"), tax), f"{name}: coverage"
    )
    yield from _codes(a.get("locations"), b.get("locations"), f"{name}: locations")
    yield from phones(a.get("phones"), b.get("phones"), tax, f"{name}: ")
    yield from _value(a.get("url"), b.get("url"), f"{name}: web page")
    known = {
        "id",
        "name",
        "service_area",
        "categories",
        "description",
        "populations",
        "languages",
        "interpretation",
        "fees",
        "eligibility",
        "how_to_get_help",
        "hours",
        "coverage",
        "locations",
        "phones",
        "url",
    }
    for key in sorted((set(a) | set(b)) - known, key=str):
        if a.get(key) != b.get(key):
            yield f"{name}: field {_quoted(key)} changed"


def services(old: Any, new: Any, tax: Taxonomy | None) -> Iterator[str]:
    before = {str(x.get("id")): x for x in plain.dicts(old)}
    after = {str(x.get("id")): x for x in plain.dicts(new)}
    for ident, b in after.items():
        if ident not in before:
            yield f"service {_quoted(b.get('name') or ident)} added"
        elif before[ident] != b:
            yield from service(before[ident], b, tax)
    for ident, a in before.items():
        if ident not in after:
            yield f"service {_quoted(a.get('name') or ident)} removed"


# ------------------------------------------------------------------------------------------------ verification


def verification(old: Any, new: Any) -> Iterator[str]:
    a, b = _d(old), _d(new)
    if a.get("status") != b.get("status"):
        if b.get("status") == "verified":
            how = f" by {b['method']}" if isinstance(b.get("method"), str) else ""
            yield f"now verified{how}"
        else:
            yield f"status changed from {short(a.get('status'))} to {short(b.get('status'))}"
    elif a.get("method") != b.get("method"):
        yield from _value(a.get("method"), b.get("method"), "verification method")
    if a.get("last_verified") != b.get("last_verified"):
        if a.get("last_verified") and b.get("last_verified"):
            yield f"verification date moved from {short(a['last_verified'])} to {short(b['last_verified'])}"
        elif b.get("last_verified"):
            yield f"verification date set to {short(b['last_verified'])}"
        else:
            yield "verification date removed"
    yield from _value(a.get("verified_by_role"), b.get("verified_by_role"), "verified by (role)", _quoted)
    urls_a = [str(s.get("url")) for s in plain.dicts(a.get("sources"))]
    urls_b = [str(s.get("url")) for s in plain.dicts(b.get("sources"))]
    yield from _codes(urls_a, urls_b, "source")
    if plain.dicts(a.get("sources")) != plain.dicts(b.get("sources")) and urls_a == urls_b:
        yield "source details changed"
    yield from _text_field(a.get("notes"), b.get("notes"), "maintainers' notes")


# ------------------------------------------------------------------------------------------------ records


def describe(old: dict[str, Any] | None, new: dict[str, Any] | None, tax: Taxonomy | None = None) -> list[str]:
    """Phrases for what changed between two versions of one record ([] when the facts are the same)."""
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return new_record(new, tax)
    if new is None:
        return ["record removed"]
    out: list[str] = []
    out += retired(old.get("retired"), new.get("retired"))
    out += _value(old.get("id"), new.get("id"), "id")
    if old.get("name") != new.get("name"):
        out.append(f"renamed from {_quoted(old.get('name'))}")
    out += _value(old.get("alternate_name"), new.get("alternate_name"), "other name", _quoted)
    out += _text_field(old.get("description"), new.get("description"), "description")
    out += _value(old.get("website"), new.get("website"), "website")
    out += _value(old.get("email"), new.get("email"), "email")
    out += phones(old.get("phones"), new.get("phones"), tax)
    out += locations(old.get("locations"), new.get("locations"))
    out += services(old.get("services"), new.get("services"), tax)
    out += verification(old.get("verification"), new.get("verification"))
    out += _codes(old.get("tags"), new.get("tags"), "tags", _quoted)
    for key in sorted((set(old) | set(new)) - set(ORG_KEYS) - {"retired"}, key=str):
        if old.get(key) != new.get(key):
            out.append(f"field {_quoted(key)} changed")
    return out


def retired(old: Any, new: Any) -> list[str]:
    """'closed: leaves lists, the finder and the open data; its page stays and sends people to X'."""
    a, b = _d(old), _d(new)
    if a == b:
        return []
    if not b:
        return ["no longer retired: back in the lists, the finder and the open data"]
    what = "merged into " + short(b.get("into")) if b.get("reason") == "merged" else "closed"
    where = f" and sends people to {short(b['into'])}" if b.get("into") else ""
    return [f"RETIRED ({what}): leaves the lists, the finder and the open data; its page stays, says so{where}"]


def new_record(new: dict[str, Any], tax: Taxonomy | None) -> list[str]:
    """A new record in full: its services, every phone, every place (and which are confidential), its claim."""
    names = [short(s.get("name")) for s in plain.dicts(new.get("services"))]
    count = f"{len(names)} service" + ("" if len(names) == 1 else "s")
    out = [f"new record ({count}: {'; '.join(names)})" if names else "new record"]
    for ph in plain.dicts(new.get("phones")):
        out.append(f"{plain.phone_label(ph)} {phone_display(ph.get('number'))}")
    for svc in plain.dicts(new.get("services")):
        for ph in plain.dicts(svc.get("phones")):
            out.append(
                f"{plain.phone_label(ph)} {phone_display(ph.get('number'))} for service {_quoted(svc.get('name'))}"
            )
    for loc in plain.dicts(new.get("locations")):
        where = plain.place_text({**loc, "name": None})
        name = _quoted(loc.get("name") or loc.get("id"))
        if loc.get("confidential") is True:
            out.append(f"CONFIDENTIAL place {name}: {where}")
        else:
            out.append(f"place {name}: {where}")
    ver = _d(new.get("verification"))
    if ver.get("status") == "verified":
        how = f" by {short(ver['method'])}" if ver.get("method") else ""
        when = f" on {short(ver['last_verified'])}" if ver.get("last_verified") else ""
        who = f" ({_quoted(ver['verified_by_role'])})" if ver.get("verified_by_role") else ""
        out.append(f"claims it was verified{how}{when}{who}: check that a person really confirmed it")
    else:
        out.append("not verified yet")
    urls = [short(s.get("url")) for s in plain.dicts(ver.get("sources"))]
    if urls:
        out.append(f"source{'s' if len(urls) > 1 else ''}: {', '.join(urls)}")
    out += retired(None, new.get("retired"))
    return out


def record_name(old: dict[str, Any] | None, new: dict[str, Any] | None, fallback: str) -> str:
    for rec in (new, old):
        if rec and isinstance(rec.get("name"), str) and rec["name"].strip():
            return short(rec["name"])
    return fallback

"""Dataset rules that keep records from turning into tricks or leaks.

- a confidential place: its city is a real Idaho place, and no text of the record gives the place away;
- links: no user info before the host, no mailto: headers, no host that mixes scripts;
- text: no control characters, bidi overrides or harmful zero-width characters, no line break in a one-line field;
- lists: no repeated item (checked in linear time; JSON Schema's uniqueItems compares every pair).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.records import leaks
from generator.records.problems import WARNING, Problem

# Pattern checks read at most this much of one text: the schema refuses longer text (2,000 characters at most),
# and a bound keeps validation linear in the size of a file whatever it holds.
SCAN_LIMIT = 5000
# Fields that may hold several lines; every other text is one line.
MULTILINE = frozenset({"description", "eligibility", "notes", "steps", "note", "interpretation"})
# Text that is not prose: checked by the schema or by its own rule.
_STRUCTURED = frozenset(
    {
        "number",
        "extension",
        "last_verified",
        "seen",
        "opens",
        "closes",
        "email",
        "state",
        "text_keyword",
        "service_area",
        "type",
        "status",
        "method",
    }
)
_LINK_KEYS = frozenset({"url", "website"})
_BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}
_ZERO_WIDTH_JOINERS = {0x200C, 0x200D}  # needed inside words of some scripts and in emoji


def strings(value: Any, parts: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text in `value` with its path, in document order."""
    stack: list[tuple[tuple[Any, ...], Any]] = [(parts, value)]
    while stack:
        p, v = stack.pop()
        if isinstance(v, str):
            yield p, v
        elif isinstance(v, dict):
            stack.extend(reversed([(p + (k,), x) for k, x in v.items()]))
        elif isinstance(v, list):
            stack.extend(reversed([(p + (i,), x) for i, x in enumerate(v)]))


def _last_key(parts: tuple[Any, ...]) -> str:
    return next((str(p) for p in reversed(parts) if isinstance(p, str)), "")


@dataclass
class Walk:
    """One walk of a record, shared by the text rules (each used to walk the whole record again)."""

    texts: list[tuple[tuple[Any, ...], str, str]] = field(default_factory=list)  # (parts, text, last key), in order
    keys: list[tuple[tuple[Any, ...], Any]] = field(default_factory=list)  # (parts of a mapping, one of its keys)
    lists: list[tuple[tuple[Any, ...], list[Any]]] = field(default_factory=list)  # lists that a field names


def walk(value: Any, parts: tuple[Any, ...] = ()) -> Walk:
    """Every text, key and named list of `value`, in document order, with paths (iterative: any depth)."""
    out = Walk()
    texts, keys, lists = out.texts, out.keys, out.lists
    stack: list[tuple[tuple[Any, ...], Any, str]] = [(parts, value, _last_key(parts))]
    pop, push = stack.pop, stack.append
    while stack:
        p, v, last = pop()
        if isinstance(v, str):
            texts.append((p, v, last))
        elif isinstance(v, dict):
            for k in reversed(v):  # pushed last-first, so popped in document order
                keys.append((p, k))
                push((p + (k,), v[k], k if isinstance(k, str) else last))
        elif isinstance(v, list):
            if p and isinstance(p[-1], str):
                lists.append((p, v))
            for i in range(len(v) - 1, -1, -1):
                push((p + (i,), v[i], last))
    return out


def walk_of(org: Any, ctx: Any) -> Walk:
    """The record's walk, made once per record (kept on the rules' context when it has room for it)."""
    if isinstance(found := getattr(ctx, "walked", None), Walk):
        return found
    made = walk(org)
    if hasattr(ctx, "walked"):
        ctx.walked = made
    return made


# ---------------------------------------------------------------------------------------------- characters


_CONTROL_NAMES = {
    0: "NULL",
    7: "BELL",
    8: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
}


def _char_name(ch: str) -> str:
    name = _CONTROL_NAMES.get(ord(ch)) or unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} ({name.lower()})" if name else f"U+{ord(ch):04X}"


def bad_character(text: str, one_line: bool) -> tuple[int, str] | None:
    """(index, what) of the first character that must not be in `text`, or None."""
    if text.isprintable():  # the usual case, decided in C: no control, format or separator character
        return None
    for i, ch in enumerate(text):
        code = ord(ch)
        if ch in "\n\r":
            if one_line:
                return i, "a line break in a one-line field"
            continue
        if ch == "\t":
            if one_line:
                return i, "a tab in a one-line field"
            continue
        cat = unicodedata.category(ch)
        if cat == "Cc":
            return i, f"the control character {_char_name(ch)}"
        if code in _BIDI:
            return i, f"the text-direction character {_char_name(ch)}, which can make text read differently"
        if code in (0x2028, 0x2029):
            return i, f"the line separator {_char_name(ch)}"
        if code in _ZERO_WIDTH_JOINERS:
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            if (before.isascii() or after.isascii()) and not (_emoji(before) or _emoji(after)):
                return i, f"the invisible character {_char_name(ch)}"
            continue
        if cat in ("Cf", "Co", "Cs", "Cn") and code != 0x00AD:
            return i, f"the invisible character {_char_name(ch)}"
    return None


def _emoji(ch: str) -> bool:
    return bool(ch) and (ord(ch) >= 0x1F000 or unicodedata.category(ch) == "So")


def text_problems(data: Any, at: Any, parts: tuple[Any, ...] = (), walked: Walk | None = None) -> Iterator[Problem]:
    """Control and invisible characters in every text and key of `data` (records, taxonomy, search files).

    `at(parts, message, rule)` makes the located problem; `walked`: `walk(data, parts)`, when made already."""
    w = walked if walked is not None else walk(data, parts)
    for p, text, last in w.texts:
        if text.isprintable():  # the usual case, decided in C
            continue
        found = bad_character(text, last not in MULTILINE)
        if found is not None:
            _, what = found
            fix = (
                "put it on one line"
                if "line" in what or "tab" in what
                else "remove it (retype the text if you cannot see it)"
            )
            yield at(p, f"this text holds {what}: {fix}", "control-character")
    for p, k in w.keys:
        if isinstance(k, str) and not k.isprintable() and (bad := bad_character(k, True)) is not None:
            yield at(p, f"a field name holds {bad[1]}: retype the name", "control-character")


# ---------------------------------------------------------------------------------------------- links


def _scripts(text: str) -> set[str]:
    out = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            out.add(name.split(" ", 1)[0] if name else "UNKNOWN")
    return out


_CONFUSABLE_SCRIPTS = {"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"}


def host_scripts(host: str) -> set[str]:
    """The scripts of a host's letters, after decoding punycode (xn--) labels."""
    labels = []
    for label in host.split("."):
        if label.lower().startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                return {"UNREADABLE"}
        labels.append(label)
    return _scripts("".join(labels))


_URL_IN_TEXT = re.compile(r"(?:https?|mailto|ftp)://\S+|mailto:\S+", re.IGNORECASE)


def link_problem(url: str) -> tuple[str, str] | None:
    """(message, rule) when a link is a trick, else None."""
    if url.lower().startswith("mailto:"):
        if "?" in url or "&" in url or "%0a" in url.lower() or "," in url:
            return (
                "an e-mail link may hold only one address, with no '?cc=', '?bcc=', '?body=' or other "
                "headers: write just the address",
                "mailto-headers",
            )
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    netloc = parts.netloc
    if "@" in netloc or parts.username is not None:
        host = netloc.rsplit("@", 1)[-1]
        return (
            f"this link has text before '@', so it really goes to '{host}', not where it seems: write the "
            "site's own address with nothing before the host",
            "link-userinfo",
        )
    host = parts.hostname or ""
    scripts = host_scripts(host)
    if len(scripts) > 1 or "UNREADABLE" in scripts:
        return (
            f"the web address '{host}' mixes letters of different alphabets ({', '.join(sorted(scripts))}), "
            "a trick to look like another site: write the real address",
            "link-host-mixed-scripts",
        )
    return None


def mixed_script_word(text: str) -> str | None:
    """A word that mixes Latin letters with look-alike letters of another alphabet (Cyrillic 'а' in 'Bаnk')."""
    if text.isascii():
        return None
    for word in re.findall(r"\w+", text[:SCAN_LIMIT]):
        scripts = _scripts(word)
        if "LATIN" in scripts and scripts & _CONFUSABLE_SCRIPTS:
            return word
    return None


# ---------------------------------------------------------------------------------------------- a safe house

_DETAIL = re.compile(
    r"\b\d+\s+(?:beds?|bedrooms?|bunks?|rooms|units|apartments|cabins|acres?)\b"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:beds?|bedrooms?|bunks?|rooms|units)\b"
    r"|\bbed(?:room)?s?\s*(?:count|capacity)|\bbedrooms?\b"
    r"|\b(?:pets?|dogs?|cats?|horses?|livestock|animals?)\b[^.]{0,20}\b(?:allowed|welcome|ok|okay|can come|boarded)\b"
    r"|\b(?:bring(?:ing)?|room for|stalls? for)\s+(?:your\s+)?(?:pets?|dogs?|cats?|horses?|livestock|animals?)\b"
    r"|\blooks? like (?:a|an|any)\s+(?:\w+\s+)?(?:house|home|farm|ranch)\b"
    r"|\b(?:one|two|three|single|\d)[- ]stor(?:e?y|ies)\b"
    r"|\b(?:blue|red|white|green|yellow|gray|grey|brown|brick|log|stone|wooden)\s+(?:house|home|building|door|"
    r"fence|barn|roof|siding)\b"
    r"|\b(?:ranch|farmhouse|farm house|barn|cabin|duplex|triplex|trailer|mobile home|apartment complex|"
    r"cul-de-sac|dead[- ]end)\b"
    r"|\b(?:security cameras?|cameras?|cctv|fenced?|fences|gated|gate code|alarm system|keypad|door code|guard "
    r"dogs?|panic buttons?|bars on|locked gates?)\b",
    re.IGNORECASE,
)


def safe_house_detail(text: str) -> str | None:
    m = _DETAIL.search(text)
    return m.group(0) if m else None


# ---------------------------------------------------------------------------------------------- lists


@lru_cache(maxsize=8)
def unique_list_keys(schema_file: str) -> frozenset[str]:
    """Names of the list fields the schema marks "x-unique-items" (uniqueItems, checked here in linear time)."""
    keys: set[str] = set()
    stack: list[Any] = [json.loads(Path(schema_file).read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "properties" and isinstance(v, dict):
                    keys.update(name for name, sub in v.items() if isinstance(sub, dict) and sub.get("x-unique-items"))
                stack.append(v)
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(keys)


def _item_key(item: Any) -> Any:
    """A hashable key, equal when the items' canonical JSON is (tagged: True, 1.0 and "1.0" stay apart)."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        return ("d", frozenset((str(k), _item_key(v)) for k, v in item.items()))
    if isinstance(item, list):
        return ("l", tuple(_item_key(v) for v in item))
    if item is None or isinstance(item, bool):
        return ("c", item)
    if isinstance(item, (int, float)):
        return ("n", json.dumps(item))
    return ("s", str(item))


def duplicate_items(
    data: Any, keys: frozenset[str], at: Any, skip: frozenset[tuple[Any, ...]] = frozenset(), walked: Walk | None = None
) -> Iterator[Problem]:
    """A repeated item in a list named in `keys`, found by hashing each item (linear time)."""
    w = walked if walked is not None else walk(data)
    for p, v in w.lists:
        if p[-1] in keys and p not in skip:
            seen: dict[Any, int] = {}
            for i, item in enumerate(v):
                canon = _item_key(item)
                if canon in seen:
                    yield at(
                        p + (i,),
                        f"lists the same item twice (item {seen[canon] + 1} and item {i + 1}): remove the repeat",
                        "duplicate-item",
                    )
                    break
                seen[canon] = i


# ---------------------------------------------------------------------------------------------- the rules


def _is_confidential(loc: Any) -> bool:
    return isinstance(loc, dict) and loc.get("confidential") is True


def _confidential_checks(org: dict[str, Any], ctx: Any) -> Iterator[Problem]:
    locs = locs if isinstance(locs := org.get("locations"), list) else []
    if not any(_is_confidential(x) for x in locs):
        return
    public = {("locations", i) for i, x in enumerate(locs) if isinstance(x, dict) and not _is_confidential(x)}
    for i, loc in enumerate(locs):
        if not _is_confidential(loc):
            continue
        addr = addr if isinstance(addr := loc.get("address"), dict) else {}
        city, state = addr.get("city"), leaks.normal_state(addr.get("state"))
        if state is not None and state != "ID":
            yield ctx.at(
                ("locations", i, "address", "state"),
                "a confidential location must be in Idaho "
                "(state: ID): this directory lists no confidential place elsewhere",
                "confidential-city",
            )
        if isinstance(city, str) and leaks.idaho_place(city) is None:
            yield ctx.at(
                ("locations", i, "address", "city"),
                "the city of a confidential location must be an Idaho "
                "town's name as the ZIP-code table writes it (e.g. Boise, Priest River): this text is "
                "published, so it must never hold a street, ZIP code or coordinates",
                "confidential-city",
            )
    why = (
        "this record has a confidential place, and this text holds {what}. Records are public (the site, the "
        "open data and the repository), and {what} could lead someone to the shelter: remove it (give the town "
        "only, in the location's city)"
    )
    for parts, full, key in walk_of(org, ctx).texts:
        text = full[:SCAN_LIMIT]
        if parts[:2] in public:
            continue  # a public place's own address is meant to be shown
        if parts[0] == "locations" and len(parts) > 3 and parts[2] == "address":
            continue  # the schema refuses a street or ZIP here, and the city has its own check above
        if key in _STRUCTURED or key == "city":
            continue  # a confidential place's city has its own check above
        if len(parts) >= 2 and parts[-2] == "locations" and parts[0] == "services":
            continue  # a reference to a location id: the id itself is checked
        if key == "id":
            what = leaks.find_in_id(text)
        elif key in _LINK_KEYS:
            what = "a map link" if leaks.find(text) == "a map link" else None
        else:
            what = leaks.find(text)
        if what is not None:
            message = why.format(what=what)
            if key == "id":
                message += "; ids are published in links, so they must not name the place either"
            yield ctx.at(parts, message, "confidential-leak")
        elif key not in _LINK_KEYS and key != "id":
            detail = safe_house_detail(text)
            if detail is not None:
                yield ctx.at(
                    parts,
                    f"'{detail}' describes the safe house. In a small town, details like beds, the "
                    "building, animals or security can show which house it is: leave them out unless the "
                    "program wants them public",
                    "confidential-detail",
                    WARNING,
                )
    for i, loc in enumerate(locs):
        if _is_confidential(loc) and loc.get("safety"):
            yield ctx.at(
                ("locations", i, "safety"),
                "the security measures of a safe house help someone find or "
                "get into it: leave them out for a confidential location",
                "confidential-detail",
                WARNING,
            )


def rule_confidential(org: dict[str, Any], ctx: Any) -> Iterator[Problem]:
    yield from _confidential_checks(org, ctx)


def rule_characters(org: dict[str, Any], ctx: Any) -> Iterator[Problem]:
    yield from text_problems(org, lambda p, m, r: ctx.at(p, m, r), walked=walk_of(org, ctx))


def rule_links(org: dict[str, Any], ctx: Any) -> Iterator[Problem]:
    for parts, full, key in walk_of(org, ctx).texts:
        text = full[:SCAN_LIMIT]
        if key in _LINK_KEYS:
            candidates = [text]
        elif key == "email":
            candidates = [f"mailto:{text}"] if any(c in text for c in "?&,") else []
        else:
            candidates = _URL_IN_TEXT.findall(text) if ("://" in text or "mailto:" in text.lower()) else []
        for url in candidates:
            found = link_problem(url.rstrip(".,;)"))
            if found is not None:
                yield ctx.at(parts, found[0], found[1])
                break
        if key not in _LINK_KEYS and key not in _STRUCTURED:
            word = mixed_script_word(text)
            if word is not None:
                yield ctx.at(
                    parts,
                    f"'{word}' mixes Latin letters with look-alike letters of another alphabet "
                    "(Cyrillic or Greek): retype it, so that search and readers see the real word",
                    "mixed-script",
                    WARNING,
                )


def rule_unique_items(org: dict[str, Any], ctx: Any) -> Iterator[Problem]:
    schema = ctx.schema_file if getattr(ctx, "schema_file", None) else None
    if schema is None:
        return
    keys = unique_list_keys(str(schema))
    yield from duplicate_items(
        org, keys, lambda p, m, r: ctx.at(p, m, r), frozenset({("locations",)}), walked=walk_of(org, ctx)
    )


SAFETY_RULES = [rule_confidential, rule_characters, rule_links, rule_unique_items]

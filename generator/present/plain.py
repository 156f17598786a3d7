"""Record values in plain words, for exports, review aids and checklists: phones, hours, places, coverage.
Numbers are written by `phones`, the words for codes come from `labels`.

Pure functions over the YAML shape. Every input may be malformed (the diff and the queue read records that
have not been validated), so each function accepts anything and returns text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from generator.present import labels, phones
from generator.present.values import dicts, obj, strings
from generator.present.values import join_words as join
from generator.records.dataset import Taxonomy
from generator.records.redact import is_confidential

__all__ = [
    "coverage_text",
    "dicts",
    "hours_text",
    "join",
    "language_names",
    "md",
    "phone_label",
    "phone_text",
    "place_text",
    "strings",
    "text",
]


def text(value: Any) -> str:
    """A string value on one line, or '' for anything that is not a string."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def phone_label(ph: dict[str, Any]) -> str:
    """What a reviewer calls the line: its short description, or its kind ('crisis line', 'fax')."""
    desc = text(ph.get("description"))
    kind = labels.PHONE_KINDS.get(str(ph.get("type")), "phone")
    if desc and len(desc) <= 50:
        return f"{kind} ({desc})"
    return kind


def phone_text(ph: dict[str, Any], tax: Taxonomy | None = None) -> str:
    """'208-630-6601 (crisis line, 24/7, English and Spanish)'."""
    bits = [labels.PHONE_KINDS.get(str(ph.get("type")), "phone")]
    if isinstance(ph.get("extension"), str):
        bits.append(f"ext. {ph['extension']}")
    if isinstance(ph.get("text_keyword"), str):
        bits.append(f"text {ph['text_keyword']}")
    hours = hours_text(ph.get("hours"))
    if hours:
        bits.append(hours)
    langs = language_names(ph.get("languages"), tax)
    if langs:
        bits.append(langs)
    return f"{phones.display(ph.get('number'))} ({', '.join(bits)})"


def _days(days: list[str]) -> str:
    order = list(labels.DAYS_SHORT)
    ordered = [d for d in order if d in days]
    if len(ordered) >= 3 and "".join(ordered) in "".join(order):  # a run of days in a row
        return f"{labels.DAYS_SHORT[ordered[0]]}-{labels.DAYS_SHORT[ordered[-1]]}"
    return ", ".join(labels.DAYS_SHORT[d] for d in ordered)


def hours_text(hours: Any) -> str:
    """'24/7', 'Mon-Fri 09:00-17:00; Sat 10:00-14:00 (Closed on state holidays.)', or ''."""
    if hours == "24/7":
        return "24/7"
    if not isinstance(hours, dict):
        return ""
    blocks = []
    for block in dicts(hours.get("weekly")):
        days = strings(block.get("days"))
        blocks.append(f"{_days(days)} {text(block.get('opens'))}-{text(block.get('closes'))}".strip())
    out = "; ".join(blocks)
    note = text(hours.get("note"))
    if note:
        out = f"{out} ({note})" if out else note
    return out


def language_names(codes: Any, tax: Taxonomy | None = None) -> str:
    names = [tax.language_name(c) if tax else c for c in strings(codes)]
    return join(names)


def place_text(loc: dict[str, Any]) -> str:
    """A location in words. A confidential one never shows more than its city, county and state."""
    addr = obj(loc, "address")
    private = is_confidential(loc)
    county = text(addr.get("county"))
    parts = [] if private else [text(addr.get("street")), text(addr.get("street2"))]
    parts += [text(addr.get("city")), f"{county} County" if county else "", text(addr.get("state"))]
    out = ", ".join(p for p in parts if p)
    if not private and text(addr.get("postal_code")):
        out += f" {text(addr.get('postal_code'))}"
    name = text(loc.get("name"))
    if private:
        out += " (address kept private)"
    return f"{name}: {out}" if name else out


def coverage_text(cov: Any, tax: Taxonomy | None = None) -> str:
    """'statewide', 'national', or 'Central (District 4); Ada and Canyon counties'."""
    if not isinstance(cov, dict):
        return ""
    scope = cov.get("scope")
    if scope in ("national", "statewide"):
        return "national (anywhere in the US)" if scope == "national" else "statewide (all of Idaho)"
    parts = []
    regions = strings(cov.get("regions"))
    if regions:
        parts.append(join(str(tax.regions.get(r, {}).get("name", r)) if tax else r for r in regions))
    counties = strings(cov.get("counties"))
    if counties:
        parts.append(join(counties) + (" County" if len(counties) == 1 else " counties"))
    return "; ".join(parts)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md(value: Any) -> str:
    """Text for a Markdown line (a PR comment, an issue): one line, no HTML, no Markdown syntax, no @mention."""
    flat = "".join(ch for ch in text(value) if unicodedata.category(ch)[0] != "C")
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False)).replace("@", "&#64;")

"""HSDS 3.0 values into ours, on import: languages, times, opening hours (schedules) and phones.

Each function takes the import's `Reader` (generator/opendata/hsds_read.py), which notes every value left out.
"""

from __future__ import annotations

import re
from typing import Any

from generator.opendata.hsds_read import Attr, Reader, as_text, kind, put, short
from generator.opendata.hsds_tables import ALL_DAYS, ALWAYS_OPEN, TAXONOMIES
from generator.present import plain
from generator.records.fmt import normalise_phone

PHONE = re.compile(r"^(\+[1-9][0-9]{6,14}|[0-9]{3,6})$")
TIME = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])(:[0-5][0-9](\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$")
KEYWORD = re.compile(r"^[A-Za-z0-9]{1,20}$")
EXTENSION = re.compile(r"^[0-9]{1,6}$")
PHONE_TYPES = {"voice": "voice", "text": "text", "fax": "fax", "textphone": "tty", "cell": "voice"}
LANGUAGE_ALIASES = {
    "eng": "en",
    "spa": "es",
    "ara": "ar",
    "fra": "fr",
    "fre": "fr",
    "swa": "sw",
    "nep": "ne",
    "mya": "my",
    "bur": "my",
    "fas": "fa",
    "per": "fa",
    "rus": "ru",
    "ukr": "uk",
    "som": "so",
    "vie": "vi",
    "zho": "zh",
    "chi": "zh",
    "kor": "ko",
    "bos": "bs",
    "kik": "ki",
    "kin": "rw",
    "tgl": "tl",
    "por": "pt",
    "sgn-us": "ase",
}


# ------------------------------------------------------------------------------------------------ languages


def language(r: Reader, lang: dict[str, Any], path: str) -> str | None:
    name = as_text(lang.get("name"))
    code = as_text(lang.get("code")).strip().lower()
    code = LANGUAGE_ALIASES.get(code, code)
    if code in r.tax.languages:
        return code
    if name.strip().lower() in r.lang_by_name:
        return r.lang_by_name[name.strip().lower()]
    r.note(path, f"language '{short(code or name)}' is not in data/taxonomy/languages.yaml: left out")
    return None


def languages(r: Reader, obj: dict[str, Any], path: str) -> list[str]:
    out: list[str] = []
    for lpath, lang in r.objects(obj, "languages", path):
        r.check_fields(lang, "language", lpath)
        code = language(r, lang, lpath)
        if code and code not in out:
            out.append(code)
    return out


# ------------------------------------------------------------------------------------------------ hours


def time(r: Reader, value: Any, path: str) -> str | None:
    m = TIME.match(value.strip()) if isinstance(value, str) else None
    if not m:
        r.note(path, f"'{short(value)}' is not a time like 09:00: left out")
        return None
    if m.group(5):
        r.note(path, "time zone offset dropped: our times are local")
    hh = m.group(1)
    return "24:00" if hh == "24" else f"{hh}:{m.group(2)}"


def _hours(r: Reader, weekly: list[dict[str, Any]], note: str, path: str) -> dict[str, Any] | None:
    """Our hours from weekly blocks and a note (left out when longer than our limit)."""
    out: dict[str, Any] = {}
    put(out, "weekly", weekly)
    if note and len(note) <= r.limits["note"]:
        out["note"] = note
    elif note:
        r.note(f"{path}.schedules", "schedule notes are longer than our limit: left out")
    return out or None


def parse_hours_value(r: Reader, value: str, path: str) -> Any:
    """The 'phone-hours' attribute back into our hours (see hsds.hours_value)."""
    if value == "24/7":
        return "24/7"
    blocks_text, _, note = value.partition(" | ")
    weekly = []
    for part in filter(None, (p.strip() for p in blocks_text.split(";"))):
        m = re.match(r"^([a-z,]+) ([0-9:]+)-([0-9:]+)$", part)
        days = m.group(1).split(",") if m else []
        if not m or not days or any(d not in ALL_DAYS for d in days):
            r.note(path, f"phone hours '{short(part)}' could not be read: left out")
            continue
        opens, closes = time(r, m.group(2), path), time(r, m.group(3), path)
        if opens and closes:
            weekly.append({"days": days, "opens": opens, "closes": closes})
    note = note.strip()
    return _hours(r, weekly, note if len(note) <= r.limits["note"] else "", path)


def _weekly_days(r: Reader, sch: dict[str, Any], path: str) -> list[str]:
    """The days of a plain weekly schedule rule, or none (noted) for any other rule."""
    freq, byday = sch.get("freq"), sch.get("byday")
    days = [d.strip().lower() for d in byday.split(",")] if isinstance(byday, str) else []
    if freq not in (None, "WEEKLY") or not days or any(d not in ALL_DAYS for d in days):
        r.note(path, f"schedule rule (freq {short(freq)}, byday {short(byday)}) is not a plain weekly one: left out")
        return []
    return days


def _schedule(r: Reader, sch: dict[str, Any], path: str, weekly: list[dict[str, Any]], notes: list[str]) -> None:
    """One HSDS schedule: its weekly block (if it has one) and its words, for our hours' note."""
    r.check_fields(sch, "schedule", path)
    desc = r.text(sch, "description", path, limit="note")
    note = r.text(sch, "notes", path, limit="note")
    has_time = sch.get("opens_at") is not None or sch.get("closes_at") is not None
    if has_time or sch.get("byday") is not None:
        days = _weekly_days(r, sch, path)
        opens = time(r, sch.get("opens_at"), f"{path}.opens_at")
        closes = time(r, sch.get("closes_at"), f"{path}.closes_at")
        if days and opens and closes:
            block = {"days": days, "opens": opens, "closes": closes}
            weekly.append(block)
            if desc in (plain.hours_text({"weekly": [block]}), ALWAYS_OPEN):
                desc = None  # only says what the block says
    if desc:
        notes.append(desc)
    if note:
        notes.append(note)


def _always_open(weekly: list[dict[str, Any]]) -> bool:
    return (
        len(weekly) == 1
        and sorted(weekly[0]["days"]) == sorted(ALL_DAYS)
        and weekly[0]["opens"] == "00:00"
        and weekly[0]["closes"] in ("23:59", "24:00")
    )


def schedules(r: Reader, obj: dict[str, Any], path: str) -> Any:
    weekly: list[dict[str, Any]] = []
    notes: list[str] = []
    for spath, sch in r.objects(obj, "schedules", path):
        _schedule(r, sch, spath, weekly, notes)
    if _always_open(weekly) and not notes:
        return "24/7"
    return _hours(r, weekly, " ".join(dict.fromkeys(notes)), path)


# ------------------------------------------------------------------------------------------------ phones


def _number(r: Reader, raw: Any, path: str) -> str | None:
    if not isinstance(raw, str) or len(raw) > 40:
        found = "long text" if isinstance(raw, str) else kind(raw)
        r.note(f"{path}.number", f"expected a phone number, found {found}: phone left out")
        return None
    number = normalise_phone(raw.strip())
    if not PHONE.match(number):
        r.note(f"{path}.number", f"'{short(raw)}' is not a phone number we can read: phone left out")
        return None
    return number


def _extension(r: Reader, ext: Any, path: str) -> str | None:
    if isinstance(ext, bool) or ext is None:
        return None
    if isinstance(ext, int) and 0 <= ext < 10**6 or isinstance(ext, str) and EXTENSION.match(ext):
        return str(ext)
    r.note(f"{path}.extension", f"'{short(ext)}' is not an extension: left out")
    return None


def _phone_type(r: Reader, ph_type: Any, path: str) -> str:
    if not isinstance(ph_type, str):
        return "voice"
    if ph_type not in PHONE_TYPES:
        r.note(f"{path}.type", f"phone type '{short(ph_type)}' is not one of ours: imported as voice")
    return PHONE_TYPES.get(ph_type, "voice")


def _phone_attributes(r: Reader, attrs: list[Attr], out: dict[str, Any], path: str) -> None:
    """Crisis line, text keyword and phone hours travel as attributes (see hsds.FIELD_TERMS)."""
    for taxonomy, code, value, _ in attrs:
        if taxonomy != TAXONOMIES["directory"][0]:
            r.note(f"{path}.attributes", f"attribute '{short(code)}' has no place on a phone: left out")
        elif code == "hotline" and value == "true" and out["type"] == "voice":
            out["type"] = "hotline"
        elif code == "text-keyword" and value and KEYWORD.match(value):
            out["text_keyword"] = value
        elif code == "phone-hours" and value:
            put(out, "hours", parse_hours_value(r, value, f"{path}.attributes"))


def phone(r: Reader, ph: dict[str, Any], path: str) -> dict[str, Any] | None:
    r.check_fields(ph, "phone", path)
    number = _number(r, ph.get("number"), path)
    if number is None:
        return None
    out: dict[str, Any] = {"number": number}
    put(out, "extension", _extension(r, ph.get("extension"), path))
    out["type"] = _phone_type(r, ph.get("type"), path)
    put(out, "description", r.text(ph, "description", path, limit="phone.description"))
    _phone_attributes(r, r.attributes(ph, path), out, path)
    put(out, "languages", languages(r, ph, path))
    return out


def phones(r: Reader, obj: dict[str, Any], path: str) -> list[dict[str, Any]]:
    return [p for p in (phone(r, ph, ppath) for ppath, ph in r.objects(obj, "phones", path)) if p]

"""The interface's words in each language (issue 13): one table, i18n/es/strings.yaml, key -> {en, es, from}.

`t("org.services")` gives the string in the language in use: English by default, so every output that is not
a page of the Spanish edition (exports, review aids, the English site) reads exactly as before. A producer
of pages runs `with use(settings["language"]):` around its work, which switches every `t` below it (views.py
included) without passing the language through each function. `{name}` placeholders are filled from keyword
arguments; one left unfilled stays as it is (a template may put a link there).

Record text on a Spanish page: the record's `es` text when it has one; otherwise the English text between
EN_START and EN_END, which `mark_english` turns into `<span lang="en">...</span>` and a short note once the
page's HTML is rendered (inside a tag, e.g. an attribute, the marks are simply dropped).
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TABLE = Path(__file__).resolve().parents[2] / "i18n" / "es" / "strings.yaml"
LANGUAGES = ("en", "es")
DEFAULT = "en"

# Private-use characters around English record text on a non-English page, until its HTML is rendered:
# EN_START ... EN_END gets lang="en" and the note; EN_NAME ... EN_END (a name: it stays English, as a person hears
# it on the phone) gets lang="en" only.
EN_START, EN_NAME, EN_END = "\ue000", "\ue002", "\ue001"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("ccci_language", default=DEFAULT)


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def table(path: str = str(TABLE)) -> dict[str, dict[str, Any]]:
    # libyaml's parser when PyYAML has it: the same data as yaml.safe_load (tested), 0.35 -> 0.02 s for this table,
    # read once by each build process that needs it
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    rows = data.get("strings") if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        raise ValueError(f"{path}: no `strings:` mapping")
    return rows


def current() -> str:
    return _current.get()


@contextlib.contextmanager
def use(language: str | None) -> Iterator[str]:
    """Make `language` the one `t` speaks inside the block (an unknown or empty one is English)."""
    lang = language if language in LANGUAGES else DEFAULT
    token = _current.set(lang)
    try:
        yield lang
    finally:
        _current.reset(token)


def lookup(key: str, language: str | None = None) -> str:
    # a missing key is a bug in our templates: KeyError, and the build fails loudly
    return _in(language or _current.get())[key]


@cache
def _in(language: str) -> dict[str, str]:
    """Every key of the table in `language`: its text there, else the English (a page of 10,000 records' build
    looks up ~45 strings: one dict lookup each)."""
    out: dict[str, str] = {}
    for key, row in table().items():
        value = row.get(language)
        out[key] = value if isinstance(value, str) else str(row["en"])
    return out


def t(key: str, /, **values: Any) -> str:
    """The string `key` in the language in use, with its {placeholders} filled from `values`."""
    text = lookup(key)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def translator(language: str | None) -> Any:
    """A `t` fixed to one language (for templates rendered outside a `use` block, e.g. the theme's)."""
    lang = language if language in LANGUAGES else DEFAULT

    def tr(key: str, /, **values: Any) -> str:
        text = lookup(key, lang)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    return tr


def label(key: str, english: str) -> str:
    """A taxonomy label (area.<id>.name, region.<id>.name, ...): the table's in the language in use, else the
    taxonomy's own English (a new taxonomy entry without a row yet)."""
    if current() == DEFAULT or key not in table():
        return english
    return lookup(key)


# ---------------------------------------------------------------------------------------------- record text


def record_text(obj: Any, field: str, name: bool = False) -> str:
    """A record's text field in the language in use: its `es.<field>` on a Spanish page when present, else the
    English text, marked as English when the page is not English (so the page can say so)."""
    if not isinstance(obj, dict):
        return ""
    english = obj.get(field)
    english = english.strip() if isinstance(english, str) else ""
    lang = current()
    if lang == DEFAULT:
        return english
    other = obj.get(lang)
    if isinstance(other, dict) and isinstance(other.get(field), str) and other[field].strip():
        return other[field].strip()
    return f"{EN_NAME if name else EN_START}{english}{EN_END}" if english else ""


def strip_marks(text: str) -> str:
    return text.replace(EN_START, "").replace(EN_NAME, "").replace(EN_END, "")


# a tag (`<` to the next `>`) with a mark in it: marks are dropped from those, found without visiting every tag
_MARKED_TAG = re.compile(f"<[^>{EN_START}{EN_NAME}{EN_END}]*[{EN_START}{EN_NAME}{EN_END}][^>]*>")
_MARKED = re.compile(f"([{EN_START}{EN_NAME}])([^{EN_START}{EN_NAME}{EN_END}<]*){EN_END}?")


def mark_english(html_text: str, note: str | None = None) -> str:
    """Turn marked English record text into `<span lang="en">...</span>` plus a short note. Marks inside a tag
    (an attribute) are dropped; a text cut short (its end mark lost) ends at the next tag."""
    if not any(mark in html_text for mark in (EN_START, EN_NAME, EN_END)):
        return html_text
    html_text = _MARKED_TAG.sub(lambda m: strip_marks(m.group(0)), html_text)
    note_html = f' <span class="ccci-en-note">{_escape(note)}</span>' if note else ""

    def span(m: re.Match[str]) -> str:
        if not m.group(2).strip():
            return m.group(2)
        return f'<span lang="en">{m.group(2)}</span>' + (note_html if m.group(1) == EN_START else "")

    return strip_marks(_MARKED.sub(span, html_text))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def localized(dataset: Any, records: bool = True) -> Any:
    """A copy of `dataset` for a page in the language in use: the taxonomy's labels from the table, each record's
    text from its `es` fields or marked as English (see record_text; `records=False`: the records as they are,
    for outputs that are not HTML). The English dataset is returned as is."""
    import copy
    import dataclasses

    if current() == DEFAULT:
        return dataset
    tax = copy.copy(dataset.taxonomy)

    def relabel(prefix: str, item: dict[str, Any], ident: str) -> dict[str, Any]:
        item = dict(item)
        for key in ("name", "description"):
            if isinstance(item.get(key), str):
                item[key] = label(f"{prefix}.{ident}.{key}", item[key])
        return item

    tax.service_areas = {}
    tax.subcategories = {}
    for aid, area in dataset.taxonomy.service_areas.items():
        new = relabel("area", area, aid)
        new["subcategories"] = [
            relabel("subcategory", sub, str(sub.get("id"))) if isinstance(sub, dict) else sub
            for sub in area.get("subcategories") or []
        ]
        tax.service_areas[aid] = new
        for sub in new["subcategories"]:
            if isinstance(sub, dict):
                tax.subcategories[sub["id"]] = (aid, sub)
    tax.populations = {k: relabel("population", v, k) for k, v in dataset.taxonomy.populations.items()}
    tax.regions = {k: relabel("region", v, k) for k, v in dataset.taxonomy.regions.items()}
    tax.languages = {
        k: {**v, "name": label(f"language.{k}", str(v.get("name", k)))} for k, v in dataset.taxonomy.languages.items()
    }
    orgs = [_localized_org(o) for o in dataset.organizations] if records else dataset.organizations
    return dataclasses.replace(dataset, organizations=orgs, taxonomy=tax)


def _english(value: Any, name: bool = False) -> Any:
    """Record text that has no translation field (a phone's description, an hours note): marked as English."""
    if isinstance(value, str) and value.strip():
        return f"{EN_NAME if name else EN_START}{value}{EN_END}"
    return value


def _phones(phones: Any) -> Any:
    if not isinstance(phones, list):
        return phones
    return [
        {**p, "description": _english(p.get("description"))} if isinstance(p, dict) and "description" in p else p
        for p in phones
    ]


def _locations(locations: Any) -> Any:
    if not isinstance(locations, list):
        return locations
    out = []
    for loc in locations:
        if isinstance(loc, dict):
            loc = dict(loc)
            for key, name in (("name", True), ("description", False)):
                if key in loc:
                    loc[key] = _english(loc[key], name)
        out.append(loc)
    return out


def _localized_org(org: Any) -> Any:
    if not isinstance(org, dict):
        return org
    new = dict(org)
    new["_english"] = org  # what the English text says, for decisions made from words (views.hotline_entries)
    new["name"] = record_text(org, "name", name=True)
    new["description"] = record_text(org, "description")
    if "alternate_name" in org:
        new["alternate_name"] = _english(org.get("alternate_name"), name=True)
    for key, fix in (("phones", _phones), ("locations", _locations)):
        if key in org:
            new[key] = fix(org[key])
    services = org.get("services")
    if isinstance(services, list):
        new["services"] = [_localized_service(s) for s in services]
    return new


def _localized_service(svc: Any) -> Any:
    if not isinstance(svc, dict):
        return svc
    new = dict(svc)
    spanish: dict[str, Any] = svc[current()] if isinstance(svc.get(current()), dict) else {}
    for key in ("name", "description", "eligibility"):
        if isinstance(svc.get(key), str):
            new[key] = record_text(svc, key)
    if "phones" in svc:
        new["phones"] = _phones(svc.get("phones"))
    if "locations" in svc:
        new["locations"] = _locations(svc.get("locations"))
    if "interpretation" in svc:
        new["interpretation"] = _english(svc.get("interpretation"))
    hours = svc.get("hours")
    if isinstance(hours, dict) and "note" in hours:
        new["hours"] = {**hours, "note": _english(hours.get("note"))}
    fees = svc.get("fees")
    if isinstance(fees, dict) and isinstance(fees.get("description"), str):
        new["fees"] = {
            **fees,
            "description": record_text(
                {"description": fees["description"], current(): {"description": spanish.get("fees")}}, "description"
            ),
        }
    help_ = svc.get("how_to_get_help")
    if isinstance(help_, dict):
        other: dict[str, Any] = spanish["how_to_get_help"] if isinstance(spanish.get("how_to_get_help"), dict) else {}
        new_help = dict(help_)
        if isinstance(help_.get("steps"), str):
            new_help["steps"] = record_text({**help_, current(): other}, "steps")
        bring = help_.get("what_to_bring")
        if isinstance(bring, list):
            theirs: list[Any] = other["what_to_bring"] if isinstance(other.get("what_to_bring"), list) else []
            new_help["what_to_bring"] = [
                theirs[i]
                if i < len(theirs) and isinstance(theirs[i], str) and theirs[i].strip()
                else (f"{EN_START}{x}{EN_END}" if isinstance(x, str) and x.strip() else x)
                for i, x in enumerate(bring)
            ]
        new["how_to_get_help"] = new_help
    return new

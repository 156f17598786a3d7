"""Policy: the hotlines page and the print sheets' 24/7 lines: which lines are crisis and text lines, how one
organization's lines group, and their order (trafficking lines, then 24/7 lines, then national, statewide,
local)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.present.services import SCOPE_ORDER, coverage_text, scope
from generator.present.values import as_list, dicts, txt
from generator.present.views import PhoneView, phone_rank, phones_of
from generator.present.words import language_names
from generator.records.dataset import Dataset


@dataclass
class Line:
    """One phone line for the hotlines page and the print sheets."""

    org_id: str
    org_name: str
    phone: PhoneView
    coverage: str
    scope: str
    sort_key: tuple[int, int, str, int]


def hotlines(ds: Dataset) -> list[Line]:
    """Crisis and text lines (type hotline or text), 24/7 first, then national, statewide, local, by name."""
    tax = ds.taxonomy
    out: list[Line] = []
    for org in ds.organizations:
        if not isinstance(org, dict):
            continue
        services = dicts(org.get("services"))
        widest = min((scope(s) for s in services), key=lambda s: -SCOPE_ORDER[s], default="local")
        sources: list[tuple[dict[str, Any] | None, Any]] = [(None, org.get("phones"))]
        sources += [(s, s.get("phones")) for s in services]
        seen: set[tuple[str, str]] = set()
        for svc, phones in sources:
            for view in phones_of(phones, tax):
                if view.kind not in ("hotline", "text") or (view.kind, view.number) in seen:
                    continue
                seen.add((view.kind, view.number))
                kind = scope(svc) if svc is not None else widest
                where = coverage_text(svc if svc is not None else {"coverage": {"scope": widest}}, tax)
                if svc is None and widest == "local" and services:
                    where = coverage_text(services[0], tax)
                name = txt(org.get("name"))
                # Within one organization, lines keep the order the record lists them in (main line first).
                out.append(
                    Line(
                        txt(org.get("id")),
                        name,
                        view,
                        where,
                        kind,
                        (0 if view.always_open else 1, -SCOPE_ORDER[kind], name.casefold(), len(seen)),
                    )
                )
    return sorted(out, key=lambda x: x.sort_key)


@dataclass
class Hotline:
    """One service on the hotlines page: every way to reach it (call, text, TTY), each once."""

    org_id: str
    org_name: str
    routes: list[PhoneView]
    always_open: bool
    trafficking: bool
    deaf: list[str]  # what the record says about Deaf and hard-of-hearing access (TTY, relay, video, ASL)
    languages: str
    coverage: str
    scope: str
    sort_key: tuple[int, int, int, str]


DEAF_WORDS = ("deaf", "hard of hearing", "tty", "relay", "videophone", "sign language", "asl")


def hotline_entries(ds: Dataset) -> list[Hotline]:
    """Organizations with a crisis or text line, one entry each with all their lines (988 once, not four
    times): trafficking lines first (national, then statewide), then lines open 24/7, then the others."""
    tax = ds.taxonomy
    out: list[Hotline] = []
    for org in ds.organizations:
        if not isinstance(org, dict):
            continue
        services = dicts(org.get("services"))
        routes = phones_of(as_list(org.get("phones")) + [p for s in services for p in as_list(s.get("phones"))], tax)
        routes = [p for p in routes if p.kind != "fax"]
        if not any(p.kind in ("hotline", "text") for p in routes):
            continue
        routes.sort(key=phone_rank)
        widest = max((scope(s) for s in services), key=lambda s: SCOPE_ORDER[s], default="local")
        # what a line is for is read from the English record (a Spanish page's copy keeps it: strings.localized)
        english: dict[str, Any] = org["_english"] if isinstance(org.get("_english"), dict) else org
        words = " ".join(
            [txt(english.get("name")), txt(org.get("alternate_name")), *[txt(t) for t in as_list(org.get("tags"))]]
        ).casefold()
        deaf: list[str] = []  # (a TTY number is one of the routes, named "TTY")
        for s, s_en in zip(services, dicts(english.get("services")) if english is not org else services, strict=False):
            text = txt(s.get("description"))
            if "deaf-hard-of-hearing" in as_list(s.get("populations")) or any(
                w in txt(s_en.get("description")).casefold() for w in DEAF_WORDS
            ):
                deaf.append(text)
        always = any(p.always_open for p in routes if p.kind in ("hotline", "text"))
        trafficking = "trafficking" in words
        name = txt(org.get("name"))
        languages = language_names(
            sorted(
                {c for ph in as_list(org.get("phones")) if isinstance(ph, dict) for c in as_list(ph.get("languages"))}
            ),
            tax,
        )
        out.append(
            Hotline(
                txt(org.get("id")),
                name,
                routes,
                always,
                trafficking,
                deaf,
                languages,
                coverage_text({"coverage": {"scope": widest}}, tax)
                if widest != "local"
                else coverage_text(services[0], tax)
                if services
                else "",
                widest,
                (0 if trafficking else 1, 0 if always else 1, -SCOPE_ORDER[widest], name.casefold()),
            )
        )
    return sorted(out, key=lambda x: x.sort_key)

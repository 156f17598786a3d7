"""The finder's result documents (`find/docs.json`) and the documents of its lunr index, built from the records.

Result documents (`find/docs.json`) hold what a result row shows and what the filters test, one entry per
service in the order of the index refs, with shared strings kept once in tables:

    {"v": 1,
     "t": {"a": [[area id, name]], "s": [[sub id, name, area#]], "r": [[region id, name]],
           "k": [[county, region#]], "p": [[population id, name]], "l": [[code, name]]},
     "y": [[[stem, ...] per phrase] per synonym group],
     "w": [[stop word, ...], [filler word, ...]] (data/search/words.yaml, folded),
     "o": [{"i": id, "n": name, "e": 1 (name in English on the Spanish page), "v": "YYYY-MM-DD" (verified only),
            "p": phones, "L": [[city, lat, lon, county#, 1 if private]]}],
     "s": [{"o": org#, "n": name, "e": 1 (name in English on the Spanish page), "a": area#, "c": [sub#],
            "p": [population#], "l": [language#],
            "f": flags (1 free, 2 open 24/7, 4 walk in without referral, 8 offered in Spanish),
            "g": 0 local / 1 statewide / 2 national, "k": [county# it serves], "L": [org location#],
            "p2": phones}]}

Organizations are in alphabetical order, each one's services numbered in a row. A phone is [number, kind, number
as shown] or [number, kind, number as shown, text keyword]; kind is c(all), t(ext) or y (TTY); the number as
shown comes from generator/present/phones.py, as on the record pages. The Spanish finder's result documents
(language "es") hold a record's Spanish name (`es.name`) where it has one, else the English name with "e": 1 (the
finder marks it lang="en"); the English ones are as they always were. The index is the same for both: its
documents hold the English text and, from the Spanish (names in `n`, descriptions and eligibility in `d`), the
words of the finder's vocabulary that are not common (spanish_words, common_spanish), so Spanish words find a
listing directly, on either page. Empty lists,
zero flags and local scope are left out. A confidential location appears only as its city's centre, never
with more (the schema already keeps street, ZIP and coordinates out of such a record, and this module never
reads them for one).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Set
from typing import Any

from generator.finder.places import city_centre, location_point
from generator.finder.routes import ROUTE_CATEGORIES, add_routes
from generator.finder.text import (
    Synonyms,
    fold,
    is_stop_word,
    split_words,
    stem,
    stems_in,
    stems_of,
    word_pairs,
)
from generator.present.phones import display as phone_display
from generator.present.services import (
    SCOPE_ORDER,
    always_open,
    covered_counties,
    free,
    offered_in_spanish,
    spoken_languages,
    walk_in,
)
from generator.present.services import has_contact as reachable
from generator.present.services import scope as service_scope
from generator.records.dataset import Dataset, Taxonomy

FLAG_FREE, FLAG_ALLDAY, FLAG_WALKIN, FLAG_SPANISH = 1, 2, 4, 8
PHONE_KINDS = {"voice": "c", "hotline": "c", "text": "t", "tty": "y"}  # fax is left out of the finder


def _phones(phones: Any) -> list[list[str]]:
    out: list[list[str]] = []
    for ph in phones or []:
        kind = PHONE_KINDS.get(ph.get("type", ""))
        number = str(ph.get("number", ""))
        if not kind or not number:
            continue
        entry = [number, kind, phone_display(number)]
        if kind == "t" and ph.get("text_keyword"):
            entry.append(str(ph["text_keyword"]))
        if entry not in out:
            out.append(entry)
    return out


class _Tables:
    def __init__(self, tax: Taxonomy) -> None:
        self.tax = tax
        self.areas = list(tax.service_areas)
        self.subs = list(tax.subcategories)
        self.regions = list(tax.regions)
        self.counties = sorted(tax.county_region)
        self.pops = list(tax.populations)
        self.langs: list[str] = []  # filled with the languages the services use, in taxonomy order
        self.area_i = {a: i for i, a in enumerate(self.areas)}
        self.sub_i = {s: i for i, s in enumerate(self.subs)}
        self.county_i = {c: i for i, c in enumerate(self.counties)}
        self.pop_i = {p: i for i, p in enumerate(self.pops)}

    def as_json(self) -> dict[str, Any]:
        tax = self.tax
        region_i = {r: i for i, r in enumerate(self.regions)}
        return {
            "a": [[a, tax.area_name(a)] for a in self.areas],
            "s": [
                [s, str(tax.subcategories[s][1].get("name", s)), self.area_i.get(tax.subcategories[s][0], -1)]
                for s in self.subs
            ],
            "r": [[r, str(tax.regions[r].get("name", r))] for r in self.regions],
            "k": [[c, region_i.get(tax.county_region[c], -1)] for c in self.counties],
            "p": [[p, str(tax.populations[p].get("name", p))] for p in self.pops],
            "l": [[code, tax.language_name(code)] for code in self.langs],
        }


def _words(*parts: Any) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, (list, tuple)):  # noqa: UP038 (the tuple is the faster check)
            out.extend([p for p in part if isinstance(p, str)])
    return " ".join(out)


PHONE_WORDS = {"tty": "TTY", "text": "text"}  # so that "TTY" or "text" finds a line of that kind


def _phone_words(phones: Any) -> list[str]:
    """What the finder indexes about phones: their kind (TTY, text) and their own description."""
    out: list[str] = []
    for ph in phones or []:
        if not isinstance(ph, dict):
            continue
        out += [PHONE_WORDS.get(str(ph.get("type", "")), ""), str(ph.get("description") or "")]
    return [w for w in out if w]


def _language_words(tax: Taxonomy, code: str) -> list[str]:
    lang = tax.languages.get(code, {})
    return [str(lang.get("name", code)), str(lang.get("native_name", ""))]


def spanish_words(text: str, synonyms: Synonyms, vocab: Set[str], english: Set[str] = frozenset()) -> list[str]:
    """The words the index may keep of a record's Spanish text: the words of the finder's vocabulary (a word of a
    phrase in data/search/synonyms.yaml, compared as stems: "refugiados", "despensa", "abogada"), folded, each
    once, leaving out stop and filler words ("ayuda", "servicios") and the words its English text already has
    ("crisis", "legal"). The rest of a Spanish text ("usted", "puede", "lugar") finds nothing a person searches
    for and would double the index (issue 8's budget: under 1 KB gzip a record)."""
    out: list[str] = []
    for word in split_words(text):
        w = fold(word)
        if (
            w
            and not is_stop_word(w)
            and w not in synonyms.stop
            and w not in synonyms.filler
            and w not in english
            and w not in out
            and stem(w) in vocab
        ):
            out.append(w)
    return out


def vocabulary(synonyms: Synonyms) -> frozenset[str]:
    """The stems of every phrase of the synonym groups: the words people search for."""
    return frozenset(st for phrases in synonyms.stems for phrase in phrases for st in phrase)


COMMON_SHARE = 0.03  # a Spanish word in more than this share of the index documents is left out (common_spanish)


def common_spanish(docs: list[list[str]], share: float = COMMON_SHARE) -> set[str]:
    """The Spanish words too common to be worth their place in the index: in more than `share` of the documents
    ("violencia", "refugio", "vivienda"). Such a word barely tells records apart, it is most of what the Spanish
    text would add to the index, and its need is a synonym group, which finds the records through their English
    text (with 0.03, "violencia doméstica" keeps finding the national hotline first, not every program whose
    Spanish says it)."""
    counts: dict[str, int] = {}
    for words in docs:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    limit = share * len(docs)
    return {w for w, n in counts.items() if n > limit}


def _doc(
    ref: str,
    synonyms: Synonyms,
    vocab: Set[str],
    name: str,
    categories: str,
    description: str,
    es_name: str = "",
    es_text: str = "",
) -> tuple[dict[str, str], list[str], list[str], tuple[list[str], list[str]]]:
    """An index document with the English text and its synonym groups' tokens, the Spanish words of its name
    and text (build_documents adds those that are not common_spanish to `n` and `d`), and the index terms of its
    `n` and `d` so far (finder_index's `terms`). The tokens come from the English text and the taxonomy only: a
    group's token in every record whose Spanish says "ayuda" or "línea" would bury the lines those words are
    meant to find."""
    # = synonyms.tokens_for(" ".join((name, categories, description))) and the fold of each of its words, in one
    # pass over the words; the categories' words (the same taxonomy labels again and again) are looked up once.
    cats = _category_pairs(categories)
    name_pairs, text_pairs = word_pairs(name), word_pairs(description)
    pairs = [*name_pairs, *cats, *text_pairs]
    tokens = synonyms.tokens_for_stems(stems_in(pairs, synonyms.stop))
    english = {folded for folded, _ in pairs} if es_name or es_text else frozenset()  # (only Spanish needs it)
    es_n = spanish_words(es_name, synonyms, vocab, english)
    es_d = [w for w in spanish_words(es_text, synonyms, vocab, english) if w not in es_n]
    doc = {"r": ref, "n": name, "c": categories, "d": " ".join(x for x in (description, tokens) if x)}
    # The words of texts joined by a space are the words of each in turn (word_pairs), so these are the terms
    # finder_index would find in doc["n"] and doc["d"]
    terms = (index_terms(name_pairs), index_terms(text_pairs) + index_terms(word_pairs(tokens)))
    return doc, es_n, es_d, terms


def index_terms(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The terms the index keeps of a text's word_pairs (finder_index): the stems, stop words left out."""
    return [st for _, st in pairs if st]


@functools.lru_cache(maxsize=4096)
def _category_pairs(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(word_pairs(text))


def _spanish(item: dict[str, Any]) -> dict[str, Any]:
    es = item.get("es")
    return es if isinstance(es, dict) else {}


def _name(item: dict[str, Any], language: str) -> dict[str, Any]:
    """The "n" of a result document (and "e": 1 when the Spanish page shows the English name)."""
    if language != "es":
        return {"n": str(item.get("name", ""))}
    es_name = _spanish(item).get("name")
    if isinstance(es_name, str) and es_name.strip():
        return {"n": es_name}
    return {"n": str(item.get("name", "")), "e": 1}


def build_documents(
    dataset: Dataset, synonyms: Synonyms, language: str = "en", terms: list[tuple[list[str], list[str]]] | None = None
) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """(lunr documents, result documents) for every service of every organization, refs "0", "1", ...
    `language` is the finder page's: "es" puts the records' Spanish names in the result documents. `terms`, if
    given, gets each lunr document's index terms of `n` and `d`, in order (finder_index's `terms`: the words
    are split and stemmed once)."""
    tax = dataset.taxonomy
    t = _Tables(tax)
    lang_order = {code: i for i, code in enumerate(tax.languages)}
    used_langs: set[str] = set()
    orgs: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    drafts: list[tuple[dict[str, str], list[str], list[str], tuple[list[str], list[str]]]] = []
    vocab = vocabulary(synonyms)

    # Organizations in name order (folded), so that the finder lists them alphabetically without a collator.
    ordered = sorted(
        (o for o in dataset.organizations if isinstance(o, dict)),
        key=lambda o: (" ".join(fold(w) for w in str(o.get("name", "")).split()), str(o.get("id", ""))),
    )
    for org in ordered:
        if not isinstance(org.get("services"), list):
            continue
        o: dict[str, Any] = {"i": str(org.get("id", "")), **_name(org, language)}
        ver = org.get("verification") or {}
        if ver.get("status") == "verified" and ver.get("last_verified"):
            o["v"] = str(ver["last_verified"])
        org_phones = _phones(org.get("phones"))
        if org_phones:
            o["p"] = org_phones
        if not reachable(org):
            o["u"] = 1
        loc_ids: dict[str, int] = {}
        locs: list[list[Any]] = []
        loc_words: list[str] = []
        for loc in org.get("locations") or []:
            addr = loc.get("address") or {}
            point = location_point(loc)
            county = addr.get("county")
            if not county and addr.get("state") == "ID":
                centre = city_centre(str(addr.get("city", "")))
                county = centre[2] if centre else None
            entry: list[Any] = [
                str(addr.get("city", "")),
                point[0] if point else None,
                point[1] if point else None,
                t.county_i.get(county, -1) if county else -1,
            ]
            if loc.get("confidential"):
                entry.append(1)
            loc_ids[str(loc.get("id"))] = len(locs)
            locs.append(entry)
            loc_words += [str(addr.get("city", "")), str(county or "")]
        if locs:
            o["L"] = locs
        org_index = len(orgs)
        orgs.append(o)
        org_lang = {code for ph in org.get("phones") or [] for code in ph.get("languages") or []}

        for svc in org["services"]:
            if not isinstance(svc, dict):
                continue
            s: dict[str, Any] = {"o": org_index, **_name(svc, language)}
            area = svc.get("service_area")
            if area in t.area_i:
                s["a"] = t.area_i[area]
            cats = [c for c in svc.get("categories") or [] if c in t.sub_i]
            if cats:
                s["c"] = [t.sub_i[c] for c in cats]
            pops = [p for p in svc.get("populations") or [] if p in t.pop_i]
            if pops:
                s["p"] = [t.pop_i[p] for p in pops]
            own_phones = svc.get("phones") or []
            spoken = spoken_languages(org, svc)
            langs = {c for c in spoken if c in lang_order}
            used_langs |= langs
            if langs:
                s["l"] = sorted(langs, key=lambda c: lang_order[c])  # codes for now; indices below
            flags = (
                (FLAG_FREE if free(svc) else 0)
                | (FLAG_ALLDAY if always_open(svc) else 0)
                | (FLAG_WALKIN if walk_in(svc) else 0)
                | (FLAG_SPANISH if offered_in_spanish(org, svc, spoken) else 0)
            )
            if flags:
                s["f"] = flags
            scope = SCOPE_ORDER[service_scope(svc)]
            if scope:
                s["g"] = scope
            covered = covered_counties(svc, tax)
            if covered:
                s["k"] = sorted(t.county_i[c] for c in covered)
            if "locations" in svc:
                where = [loc_ids[x] for x in svc.get("locations") or [] if x in loc_ids]
            else:  # offered where the organization is (a confidential place only as its city's centre)
                where = list(range(len(locs)))
            if where:
                s["L"] = where
            svc_phones = _phones(own_phones)
            if svc_phones:
                s["p2"] = svc_phones
            ref = str(len(services))
            services.append(s)

            area_doc = tax.service_areas.get(area, {}) if isinstance(area, str) else {}
            cat_words: list[Any] = [area_doc.get("name"), area_doc.get("synonyms")]
            for c in cats:
                sub = tax.subcategories[c][1]
                cat_words += [sub.get("name"), sub.get("synonyms")]
            for p in pops:
                pop = tax.populations[p]
                cat_words += [pop.get("name"), pop.get("synonyms")]
            lang_words = [w for code in sorted(langs - org_lang) for w in _language_words(tax, code)]
            es = _spanish(svc)
            drafts.append(
                _doc(
                    ref,
                    synonyms,
                    vocab,
                    _words(svc.get("name")),
                    _words(*cat_words),
                    _words(
                        svc.get("description"),
                        svc.get("eligibility"),
                        svc.get("interpretation"),
                        covered,
                        lang_words,
                        _phone_words(own_phones),
                    ),
                    _words(es.get("name")),
                    _words(es.get("description"), es.get("eligibility")),
                )
            )

        org_lang_words = [w for code in sorted(org_lang) if code in lang_order for w in _language_words(tax, code)]
        org_es = _spanish(org)
        drafts.append(
            _doc(
                f"o{org_index}",
                synonyms,
                vocab,
                _words(org.get("name"), org.get("alternate_name")),
                _words(org.get("tags")),
                _words(org.get("description"), loc_words, org_lang_words, _phone_words(org.get("phones"))),
                _words(org_es.get("name")),
                _words(org_es.get("description")),
            )
        )

    common = common_spanish([es_n + es_d for _doc_, es_n, es_d, _terms in drafts])
    index_docs: list[dict[str, str]] = []
    for doc, es_n, es_d, (name_terms, text_terms) in drafts:
        more_n = " ".join(w for w in es_n if w not in common)
        more_d = " ".join(w for w in es_d if w not in common)
        doc["n"] = " ".join([doc["n"], more_n]).strip()
        doc["d"] = " ".join([doc["d"], more_d]).strip()
        index_docs.append(doc)
        if terms is not None:
            terms.append((name_terms + index_terms(word_pairs(more_n)), text_terms + index_terms(word_pairs(more_d))))
    add_routes(orgs, services, [t.sub_i.get(c, -1) for c in ROUTE_CATEGORIES])
    t.langs = [code for code in tax.languages if code in used_langs]
    lang_i = {code: i for i, code in enumerate(t.langs)}
    for s in services:
        if "l" in s:
            s["l"] = [lang_i[c] for c in s["l"]]
    return index_docs, {
        "v": 1,
        "t": t.as_json(),
        "y": synonyms.as_json(),
        "w": synonyms.words_json(),
        "n": need_words(tax, t.areas, synonyms.stop),
        "o": orgs,
        "s": services,
    }


def need_words(tax: Taxonomy, areas: list[str], stop: Iterable[str] = ()) -> dict[str, int]:
    """Stem -> service area number, from the taxonomy's names and synonyms of each area and its subcategories;
    a stem in two areas is left out. When words find nothing, the finder offers programs of the area they
    name ("vacatur" -> legal help)."""
    votes: dict[str, set[int]] = {}
    for i, area in enumerate(areas):
        doc = tax.service_areas.get(area, {})
        words: list[Any] = [doc.get("name"), doc.get("synonyms")]
        for _sub_id, (sub_area, sub) in tax.subcategories.items():
            if sub_area == area:
                words += [sub.get("name"), sub.get("synonyms")]
        for st in stems_of(_words(*words), stop):
            votes.setdefault(st, set()).add(i)
    return {st: next(iter(v)) for st, v in sorted(votes.items()) if len(v) == 1}


def to_json(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

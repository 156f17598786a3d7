"""The finder's search index: lunr's scores (BM25, its pipeline) over services and organizations, shipped in the
finder's own compact format (`finder_index`), and the query logic finder.js runs on it in the browser (tests compare
the two, and both with lunr's own query engine on lunr's index of the same documents).

Documents (built in documents.py): one per service (ref "0", "1", ... = its place in the result documents) and one
per organization (ref "o0", ...), in three fields: `n` (names; boost 10), `c` (service area, subcategories,
populations and their taxonomy synonyms, tags; boost 5) and `d` (descriptions, eligibility, places, languages;
boost 1). The organization's own text is indexed once, not in each of its services.

Text goes through `fold` on both sides: lowercase, accents removed ("asesoría" -> "asesoria", "niños" -> "ninos"),
and anything but letters and digits trimmed from the ends. It is registered with lunr as the pipeline function
`ccciFold` (index: fold, stop words, stemmer; search: fold, stemmer); finder.js registers the same function
under the same label before it loads the pipeline. lunr's own trimmer is not used because JavaScript's `\\W` is
ASCII-only and would cut "café" to "caf" in the browser but not in Python.

Synonyms (data/search/synonyms.yaml) are matched at build time: a document whose text holds a phrase of group g
gets the token `0zq<g>`; a query term that is a phrase of group g also looks for that token. One token per
group keeps the index small; the same table decides on both sides.

A query is matched term by term (`Searcher.search`): a term matches its stemmed form, or from three letters on
any indexed word it begins (results appear while a word is typed), or its synonym groups' tokens; a term an
organization document matches counts for each of its services. The results are the services that match the
most terms (after the filters), by summed score. Scores are lunr's, computed by `Scorer` straight from the
finder's index because lunr.js's query engine is too slow at 10,000 records (see Scorer).
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter

from generator.finder.postings import decode, encode
from generator.finder.text import (
    FIELDS,
    PREFIX_BOOST,
    PREFIX_MIN,
    STEM_PREFIX_MIN,
    STEM_SLACK,
    SYNONYM_TOKEN,
    _fold_token,
    clean_text,
    query_groups,
    query_terms,
    without_fillers,
    word_pairs,
)

# ---------------------------------------------------------------------------------------------- index


def new_builder() -> Builder:
    builder = Builder()
    builder.pipeline.add(_fold_token, stop_word_filter, stemmer)
    builder.search_pipeline.add(_fold_token, stemmer)
    builder.ref("r")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    return builder


def build_index(documents: Iterable[Mapping[str, str]]) -> Index:
    """Documents are {"r": ref, "n": ..., "c": ..., "d": ...}."""
    builder = new_builder()
    for doc in documents:
        builder.add({k: clean_text(v) if k != "r" else v for k, v in doc.items()})
    return builder.build()


VECTOR_DECIMALS = 1  # lunr keeps 3; 1 is enough to rank by (tests/test_query_set.py) and saves ~15% of the index

INDEX_FORMAT = "ccci-finder-index-2"
WEIGHT_SCALE = 10**VECTOR_DECIMALS  # weights ship as integers: lunr's weight x WEIGHT_SCALE


def serialize_index(index: Index) -> bytes:
    """TEST-ONLY reference: the index as lunr.js 2.3.9 loads it, with field-vector weights rounded to
    VECTOR_DECIMALS (tests run lunr's own query engines on it and compare with `Scorer` on `compact_index`)."""
    data = index.serialize()
    for _ref, vector in data["fieldVectors"]:
        for i in range(1, len(vector), 2):
            vector[i] = round(vector[i], VECTOR_DECIMALS)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def compact_index(index: Index, services: int, organizations: int) -> bytes:
    """The index as the finder ships it (find/index.json), the only form finder.js and `Scorer` read:

        {"format": INDEX_FORMAT, "pipeline": ["ccciFold", "stemmer"], "scale": WEIGHT_SCALE,
         "services": S, "organizations": O, "t": [term, ...], "p": [postings of term 0, ...]}

    `t` is every indexed term, sorted; `p[i]` the postings of term i, as one string (postings.encode): the
    documents that hold it, in order (services 0..S-1, then organizations S..S+O-1), the first as its number and
    each next one as the step from the one before, each followed by its weight: lunr's field-vector weights (BM25
    with the field boosts) rounded to VECTOR_DECIMALS, summed over the fields, times `scale` (an integer). lunr's
    verbose JSON (a map per term and field, refs as strings) is ~2.5x as big gzipped, and the browser never used
    lunr's query engine."""
    lunr_terms = sorted(index.inverted_index)
    ours = {index.inverted_index[t]["_index"]: i for i, t in enumerate(lunr_terms)}
    postings: list[list[int]] = [[] for _ in lunr_terms]
    last = [-1] * len(lunr_terms)
    vectors = index.field_vectors
    refs = [str(i) for i in range(services)] + [f"o{j}" for j in range(organizations)]
    fields = list(index.fields)
    for doc, ref in enumerate(refs):
        for f in fields:
            vector = vectors.get(f"{f}/{ref}")
            if vector is None:
                continue
            elements = vector.elements
            for k in range(0, len(elements), 2):
                t = ours[elements[k]]
                weight = round(round(elements[k + 1], VECTOR_DECIMALS) * WEIGHT_SCALE)
                plist = postings[t]
                if last[t] == doc:
                    plist[-1] += weight  # the same term in a later field of the same document
                else:
                    plist.append(doc - last[t] if last[t] >= 0 else doc)
                    plist.append(weight)
                    last[t] = doc
    data = {
        "format": INDEX_FORMAT,
        "pipeline": index.pipeline.serialize(),
        "scale": WEIGHT_SCALE,
        "services": services,
        "organizations": organizations,
        "t": lunr_terms,
        "p": [encode(p) for p in postings],
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


CATEGORIES = [name for name, _boost in FIELDS].index("c")
# lunr's BM25 constants (lunr.Builder: k1, b).
BM25_K1 = 1.2
BM25_B = 0.75


def finder_index(
    documents: Iterable[Mapping[str, str]],
    services: int,
    organizations: int,
    terms: Sequence[tuple[list[str], list[str]]] | None = None,
) -> bytes:
    """find/index.json for `documents` ({"r": ref, "n": ..., "c": ..., "d": ...}): the same bytes as
    compact_index(build_index(documents), ...), lunr.py's builder, computed ~20x faster (tested equal). lunr's
    builder makes a Token and runs the pipeline (fold, stop words, stemmer) for every word of every field, and
    keeps position metadata; here each distinct word is folded, checked against lunr's stop words and stemmed
    once (text.word_pairs, which remembers them for the whole build), and only the counts BM25 needs are kept:
    term frequency per field, field lengths, documents per term. Same formula, same operations in the same order
    as lunr.Builder._create_field_vectors, so the same floats. `terms`, if given, are each document's terms of
    `n` and `d` as the pipeline makes them (build_documents gives them: its words are split and stemmed once)."""
    fields = [name for name, _boost in FIELDS]
    boosts = dict(FIELDS)
    totals = dict.fromkeys(fields, 0)
    with_term: Counter[str] = Counter()  # as lunr.idf counts: documents x fields that hold the term
    entries: list[tuple[int, int, dict[str, int], int]] = []  # (document number, field, term counts, length)
    count = 0
    # The categories field holds taxonomy labels: the same few texts again and again, each counted once.
    seen: dict[str, tuple[Counter[str], int]] = {}
    counted: list[Iterable[str]] = []  # each field's distinct terms, counted in with_term at the end (one call)
    given = {"n": 0, "d": 1} if terms is not None else {}
    for i, doc in enumerate(documents):
        count += 1
        ref = doc["r"]
        number = services + int(ref[1:]) if ref.startswith("o") else int(ref)
        for f, name in enumerate(fields):
            text = doc[name]
            done = seen.get(text) if f == CATEGORIES else None
            if done is None:
                # = lunr.py's tokenizer on clean_text(...) (JavaScript's spaces and hyphens, the words lowercased),
                # then the index pipeline (fold, stop words, stemmer): word_pairs has each word's fold and stem
                found = terms[i][given[name]] if terms and name in given else [st for _, st in word_pairs(text) if st]
                done = (Counter(found), len(found))
                if f == CATEGORIES:
                    seen[text] = done
            tf, length = done
            counted.append(tf.keys())
            totals[name] += length
            entries.append((number, f, tf, length))
    with_term.update(itertools.chain.from_iterable(counted))
    average = {name: totals[name] / count for name in fields} if count else {}
    idf = {t: math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for t, n in with_term.items()}
    terms_sorted = sorted(with_term)
    # Each term's postings, after the number of the last document that added to them: [last, gap, weight, ...].
    postings: dict[str, list[int]] = {t: [-1] for t in terms_sorted}
    k1, b = BM25_K1, BM25_B
    entries.sort(key=lambda e: (e[0], e[1]))
    # A term's weight depends only on the term, its count, the field and the field's length: each is worked out
    # once (the same words at the same lengths come again and again). Most counts are 1: those are kept by term.
    known: dict[tuple[int, int], tuple[dict[str, int], dict[tuple[str, int], int]]] = {}
    for number, f, counts, length in entries:
        caches = known.get((f, length))
        if caches is None:
            caches = known[(f, length)] = ({}, {})
        once, more = caches
        name = fields[f]
        boost = boosts[name]
        norm = k1 * (1 - b + b * (length / average[name]))
        for t, n in counts.items():
            weight = once.get(t) if n == 1 else more.get((t, n))
            if weight is None:
                score = idf[t] * ((k1 + 1) * n) / (norm + n)
                score *= boost
                score *= 1  # lunr's document boost
                weight = round(round(round(score, 3), VECTOR_DECIMALS) * WEIGHT_SCALE)
                if n == 1:
                    once[t] = weight
                else:
                    more[(t, n)] = weight
            p = postings[t]
            if p[0] == number:
                p[-1] += weight
            else:
                p += (number - p[0] if p[0] >= 0 else number, weight)
                p[0] = number
    data = {
        "format": INDEX_FORMAT,
        "pipeline": new_builder().search_pipeline.serialize(),
        "scale": WEIGHT_SCALE,
        "services": services,
        "organizations": organizations,
        "t": terms_sorted,
        "p": [encode(postings[t][1:]) for t in terms_sorted],
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def load_index(data: bytes | str | Mapping[str, Any]) -> Index:
    """TEST-ONLY: lunr.py's Index from `serialize_index`'s bytes."""
    parsed: Mapping[str, Any] = json.loads(data) if isinstance(data, bytes | str) else data
    return Index.load(dict(parsed))


# ---------------------------------------------------------------------------------------------- query


def _six(x: float) -> float:
    """Round a score to 6 decimals the way finder.js does (Math.floor(x * 1e6 + 0.5) / 1e6), so that scores
    lunr.py and lunr.js sum in a different order still sort the same."""
    return math.floor(x * 1e6 + 0.5) / 1e6


@dataclass(frozen=True)
class Hit:
    ref: int  # service number
    score: float
    matched: int  # how many query terms this service matched (itself or through its organization)
    direct: int = 0  # how many of them the service's own text matched


def stem_prefixes(stems: Iterable[str], terms: Iterable[str]) -> list[str]:
    """Indexed terms (sorted `terms`) that begin one of the query's `stems`, from STEM_PREFIX_MIN letters on
    and at most STEM_SLACK letters shorter than it; synonym tokens never (finder.js: stemPrefixes)."""
    out: list[str] = []
    for st in stems:
        for n in range(max(STEM_PREFIX_MIN, len(st) - STEM_SLACK), len(st)):
            t = st[:n]
            if t not in out and not t.startswith(SYNONYM_TOKEN):
                out.append(t)
    known = set(terms)
    return [t for t in out if t in known]


def lunr_term_scores(index: Index, term: str, groups: Iterable[int] = ()) -> dict[str, float]:
    """TEST-ONLY reference: the same term query through lunr.py's own query engine (tests/test_search.py checks
    `Scorer` against it; the build never calls it)."""
    stems = [str(t) for t in index.pipeline.run_string(term)]
    backward = stem_prefixes(stems, index.inverted_index)

    def build(q: Query) -> None:
        q.term(term, use_pipeline=True, boost=1)
        if len(term) >= PREFIX_MIN:
            q.term(term, use_pipeline=False, boost=PREFIX_BOOST, wildcard=Query.WILDCARD_TRAILING)
        for t in backward:
            q.term(t, use_pipeline=False, boost=PREFIX_BOOST)
        for g in groups:
            q.term(f"{SYNONYM_TOKEN}{g}", use_pipeline=False, boost=1)

    return {r["ref"]: r["score"] for r in index.query(callback=build)}


class Scorer:
    """lunr's scoring of one query term, computed straight from the finder's index (finder.js: Scorer).

    lunr.js's own query engine takes 0.3-0.9 s a keystroke on 10,000 records on a slow phone (it builds
    objects for every posting), so the finder evaluates the same index itself: the query vector holds the
    stemmed term (boost 1), every indexed term it begins from PREFIX_MIN letters on (boost PREFIX_BOOST) and
    the tokens of its synonym groups (boost 1), boosts adding up where a term comes twice; a document scores
    sum(boost x weight) / |query vector|, its weights being lunr's field-vector weights (field boosts
    included) summed over the fields. That is lunr's cosine-style score (Vector.similarity) summed over fields;
    only the order of the additions differs, so scores agree with lunr's to ~1e-15 (tested).

    Documents are numbered: services 0..S-1 (refs "0".."S-1"), then organizations S.. (refs "o0"...)."""

    def __init__(self, data: Mapping[str, Any], services: int, organizations: int) -> None:
        if data.get("format") != INDEX_FORMAT:
            raise ValueError(f"not a finder index ({INDEX_FORMAT})")
        if (data["services"], data["organizations"]) != (services, organizations):
            raise ValueError("the index is not for these result documents")
        self.services = services
        self.terms: list[str] = list(data["t"])  # sorted
        self.term_index = {term: i for i, term in enumerate(self.terms)}
        self.pipeline = Pipeline.load(data["pipeline"])
        scale = data["scale"]
        self.postings: dict[int, tuple[list[int], list[float]]] = {}
        for i, text in enumerate(data["p"]):
            flat = decode(text)
            docs: list[int] = []
            doc = 0
            for k in range(0, len(flat), 2):
                doc += flat[k]
                docs.append(doc)
            self.postings[i] = (docs, [w / scale for w in flat[1::2]])

    def query_vector(self, term: str, groups: Iterable[int] = ()) -> dict[int, float]:
        q: dict[int, float] = {}

        def add(t: str, boost: float) -> None:
            i = self.term_index.get(t)
            if i is not None:
                q[i] = q.get(i, 0.0) + boost

        stems = self.pipeline.run_string(term)
        for stemmed in stems:
            add(stemmed, 1.0)
        if len(term) >= PREFIX_MIN:
            for t in self.terms:
                if t.startswith(term):
                    add(t, PREFIX_BOOST)
        for t in stem_prefixes(stems, self.term_index):
            add(t, PREFIX_BOOST)
        for g in groups:
            add(f"{SYNONYM_TOKEN}{g}", 1.0)
        return q

    def term_scores(self, term: str, groups: Iterable[int] = ()) -> dict[int, float]:
        """Document number -> score, in the order documents were first reached."""
        q = self.query_vector(term, groups)
        if not q:
            return {}
        norm = 0.0
        for boost in q.values():
            norm += boost * boost
        norm = math.sqrt(norm)
        acc: dict[int, float] = {}
        for i, boost in q.items():
            docs, weights = self.postings.get(i, ((), ()))
            for doc, weight in zip(docs, weights, strict=True):
                acc[doc] = acc.get(doc, 0.0) + boost * weight
        return {doc: a / norm for doc, a in acc.items()}

    def ref(self, doc: int) -> str:
        return str(doc) if doc < self.services else f"o{doc - self.services}"


class Searcher:
    """Runs queries on an index of service documents ("0", "1", ...) and organization documents ("o0", ...): the
    Python twin of finder.js's search, for tests (tests/test_finder_parity.py compares the two under Node) and
    scripts/bench_search.py; the build does not search.
    `service_org[i]` is the organization of service i. A term an organization document matches counts for
    every one of its services, with both scores added."""

    def __init__(
        self,
        index_data: Mapping[str, Any],
        service_org: list[int],
        organizations: int,
        synonyms: list[list[list[str]]],
        words: list[list[str]] | None = None,
    ) -> None:
        self.service_org = service_org
        self.synonyms = synonyms
        self.stop, self.filler = (tuple(words[0]), tuple(words[1])) if words else ((), ())
        self.scorer = Scorer(index_data, len(service_org), organizations)
        self.org_services: dict[int, list[int]] = {}
        for i, o in enumerate(service_org):
            self.org_services.setdefault(o, []).append(i)

    @classmethod
    def from_assets(cls, index_json: bytes | str, docs_json: bytes | str) -> Searcher:
        docs = json.loads(docs_json)
        orgs = len(docs["o"]) if "o" in docs else max((s["o"] for s in docs["s"]), default=-1) + 1
        return cls(json.loads(index_json), [s["o"] for s in docs["s"]], orgs, docs.get("y", []), docs.get("w"))

    def term_hits(self, term: str, groups: Iterable[int] = ()) -> dict[int, tuple[float, bool]]:
        """Service number -> (score, matched by its own text) for one folded term (finder.js: termHits)."""
        raw = self.scorer.term_scores(term, groups)
        n = self.scorer.services
        out: dict[int, tuple[float, bool]] = {}
        for doc, score in raw.items():
            if doc < n:
                out[doc] = (score + raw.get(n + self.service_org[doc], 0.0), True)
        for doc, score in raw.items():
            if doc >= n:
                for i in self.org_services.get(doc - n, []):
                    if i not in out:
                        out[i] = (score, False)
        return out

    def search(self, text: str, keep: Callable[[int], bool] | None = None) -> list[Hit]:
        """Services matching the most query terms, best first (finder.js: searchText). `keep(service)` applies
        the filters before the cut, so a filter never hides a service that matches fewer words."""
        totals: dict[int, list[float]] = {}
        terms = query_terms(text, self.stop)
        terms, term_groups = without_fillers(terms, query_groups(self.synonyms, terms), self.filler)
        for term, groups in zip(terms, term_groups, strict=True):
            for i, (score, direct) in self.term_hits(term, groups).items():
                entry = totals.setdefault(i, [0.0, 0, 0])
                entry[0] += score
                entry[1] += 1
                entry[2] += direct
        if keep is not None:
            totals = {i: v for i, v in totals.items() if keep(i)}
        if not totals:
            return []
        best = max(int(v[1]) for v in totals.values())
        hits = [Hit(i, _six(v[0]), best, int(v[2])) for i, v in totals.items() if v[1] == best]
        hits.sort(key=lambda h: (-h.score, h.ref))
        return hits

"""The finder's search: a prebuilt lunr index over services and organizations, and the query logic finder.js
runs on it in the browser (tests compare the two, and both with lunr's own query engine).

Documents (built in finder.py): one per service (ref "0", "1", ... = its place in the result documents) and one
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
serialized index because lunr.js's query engine is too slow at 10,000 records (see Scorer).
"""

from __future__ import annotations

import importlib.util
import json
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query
from lunr.stemmer import PorterStemmer, stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from .load import load_yaml_file
from .problems import ERROR, Problem

SEARCH_DIR = Path("data") / "search"
SYNONYMS_FILE = SEARCH_DIR / "synonyms.yaml"
WORDS_FILE = SEARCH_DIR / "words.yaml"
FOLD_LABEL = "ccciFold"
FIELDS: tuple[tuple[str, int], ...] = (("n", 10), ("c", 5), ("d", 1))
PREFIX_MIN = 3  # a term this long or longer also matches as a prefix (2 letters match most of the index)
PREFIX_BOOST = 0.5  # a prefix match counts half of an exact (stemmed) match
# Stemming the other way: an indexed word this long or longer that begins the query's stem, at most
# STEM_SLACK letters shorter ("counselor" finds "counsel", the stem of "counseling"; "therapist" finds
# "therapi", the stem of "therapy"), also matches, like a prefix (PREFIX_BOOST).
STEM_PREFIX_MIN = 5
STEM_SLACK = 3

# The characters lunr.js's tokenizer splits on (/[\s\-]+/): JavaScript's \s, and the hyphen.
_JS_SPACE = set(
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_SEPARATORS = _JS_SPACE | {"-"}


class SearchDataError(ValueError):
    """A data/search file is unusable; `problems` say where (path:line:col)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{p.path}:{p.line}:{p.col}: {p.message}" for p in problems))


# ---------------------------------------------------------------------------------------------- text


def _trim(s: str) -> str:
    """Drop everything but letters and digits from both ends (finder.js: /^[^\\p{L}\\p{N}]+|.../u)."""
    i, j = 0, len(s)
    while i < j and not s[i].isalnum():
        i += 1
    while j > i and not s[j - 1].isalnum():
        j -= 1
    return s[i:j]


def fold(word: str) -> str:
    """Lowercase, without accents or combining marks, trimmed to letters and digits at both ends."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return _trim(bare.lower().replace("*", ""))


def _fold_token(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token | None:
    token.update(lambda s, metadata=None: fold(s))
    return token if str(token) else None


Pipeline.register_function(_fold_token, FOLD_LABEL)


def _step1c_like_lunr_js(self: PorterStemmer) -> None:
    """Step 1c as lunr.js 2.3.9 does it (/^(.+?[^aeiou])y$/ -> ...i): "cry" -> "cri", but "say", "money",
    "attorney", "relay" keep their y. lunr.py turns the y to i after any vowel, so its index would hold
    "monei" while lunr.js looks for "money" in the browser. The index, the finder's Python twin and finder.js
    must stem alike (tested on every word of the data)."""
    if self.ends("y") and self.j >= self.k0 + 1 and self.b[self.j] not in "aeiou":
        self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


PorterStemmer.step1c = _step1c_like_lunr_js  # type: ignore[method-assign]


def split_words(text: str) -> list[str]:
    """Split like lunr.js's tokenizer (whitespace and hyphens), lowercased."""
    words, current = [], []
    for ch in str(text).lower():
        if ch in _SEPARATORS:
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


def clean_text(text: str) -> str:
    """Text for a lunr field: every JavaScript whitespace character becomes a plain space, so lunr.py's
    tokenizer (which knows fewer spaces) splits exactly where lunr.js would."""
    return "".join(" " if ch in _JS_SPACE else ch for ch in str(text))


def is_stop_word(word: str) -> bool:
    return stop_word_filter(Token(word)) is None


def stem(word: str) -> str:
    return str(stemmer(Token(word)))


def query_terms(text: str, stop: Iterable[str] = ()) -> list[str]:
    """The folded, distinct terms of a query that are not stop words (lunr's, and `stop`: data/search/words.yaml),
    in order (finder.js: queryTerms)."""
    out: list[str] = []
    extra = set(stop)
    for word in split_words(text):
        term = fold(word)
        if term and not is_stop_word(term) and term not in extra and term not in out:
            out.append(term)
    return out[:12]


def without_fillers(terms: list[str], groups: list[list[int]],
                    filler: Iterable[str]) -> tuple[list[str], list[list[int]]]:
    """Filler words ("help", "ayuda", "need") are left out when the query has other words; a phrase that held one
    still gives its synonym group to its other words (finder.js: withoutFillers)."""
    fill = set(filler)
    keep = [i for i, t in enumerate(terms) if t not in fill]
    if not keep or len(keep) == len(terms):
        return terms, groups
    return [terms[i] for i in keep], [groups[i] for i in keep]


# ---------------------------------------------------------------------------------------------- synonyms


SYNONYM_TOKEN = "0zq"  # noqa: S105 (not a secret) + group number: the token a document gets for each synonym group it matches


def stems_of(text: str, stop: Iterable[str] = ()) -> tuple[str, ...]:
    """The stems of `text` as a query sees them: split, folded, stop words (lunr's and `stop`) dropped, stemmed."""
    out = []
    extra = set(stop)
    for word in split_words(text):
        term = fold(word)
        if term and not is_stop_word(term) and term not in extra:
            out.append(stem(term))
    return tuple(out)


@dataclass
class Synonyms:
    """Groups of phrases that mean the same need. `groups[i]` is a list of folded phrases.

    A document whose text holds a phrase of group g gets the token `0zq<g>` (one token, not the group's words,
    which keeps the index small); a query term that is a phrase of group g also looks for that token."""

    groups: list[list[str]] = field(default_factory=list)
    stop: tuple[str, ...] = ()  # data/search/words.yaml stop_words: left out of phrases, text and queries alike
    filler: tuple[str, ...] = ()  # data/search/words.yaml filler_words (queries only)
    stems: list[list[tuple[str, ...]]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.stems = [[stems_of(p, self.stop) for p in g] for g in self.groups]

    def words_json(self) -> list[list[str]]:
        return [list(self.stop), list(self.filler)]

    def groups_in(self, text: str) -> list[int]:
        """Groups with a phrase in `text` (compared as stems, word by word)."""
        stems = stems_of(text, self.stop)
        padded = " " + " ".join(stems) + " "
        present = set(stems)
        return [g for g, phrases in enumerate(self.stems) if any(_contains(padded, present, p) for p in phrases)]

    def tokens_for(self, text: str) -> str:
        return " ".join(f"{SYNONYM_TOKEN}{g}" for g in self.groups_in(text))

    def as_json(self) -> list[list[list[str]]]:
        return [[list(p) for p in phrases] for phrases in self.stems]


def query_groups(stems: list[list[list[str]]], terms: list[str]) -> list[list[int]]:
    """For each query term, the synonym groups it (alone, or with its neighbours as a phrase) belongs to
    (finder.js: queryGroups). `stems` is Synonyms.as_json()."""
    term_stems = [stem(t) for t in terms]
    out: list[list[int]] = [[] for _ in terms]
    for g, phrases in enumerate(stems):
        for phrase in phrases:
            n = len(phrase)
            for i in range(len(terms) - n + 1):
                if n and term_stems[i:i + n] == phrase:
                    for j in range(i, i + n):
                        if g not in out[j]:
                            out[j].append(g)
    return out


def _contains(padded: str, present: set[str], phrase: tuple[str, ...]) -> bool:
    if not phrase:
        return False
    if len(phrase) == 1:
        return phrase[0] in present
    return " " + " ".join(phrase) + " " in padded


def load_synonyms(root: Path) -> Synonyms:
    """data/search/synonyms.yaml: `synonyms:` a list of groups, each a list of two or more words or phrases."""
    path = Path(root) / SYNONYMS_FILE
    shown = SYNONYMS_FILE.as_posix()
    stop, filler = load_words(root)
    if not path.is_file():
        return Synonyms(stop=stop, filler=filler)
    loaded = load_yaml_file(path, shown)
    problems = [p for p in loaded.problems if p.is_error]
    groups: list[list[str]] = []

    def bad(parts: tuple[Any, ...], message: str) -> None:
        line, col = loaded.locate(parts)
        problems.append(Problem(shown, line, col, ERROR, _jp(parts), message, "search-synonyms"))

    data = loaded.data
    if not problems:
        if not isinstance(data, dict) or not isinstance(data.get("synonyms"), list) or set(data) != {"synonyms"}:
            bad((), "expected one key, `synonyms:`, holding a list of groups")
        else:
            for i, group in enumerate(data["synonyms"]):
                if not isinstance(group, list) or len(group) < 2:
                    bad(("synonyms", i), "a group is a list of two or more words or phrases")
                    continue
                phrases = []
                for j, phrase in enumerate(group):
                    if not isinstance(phrase, str) or not phrase.strip() or len(phrase) > 60:
                        bad(("synonyms", i, j), "each synonym is a word or short phrase (text, 1-60 characters)")
                        continue
                    words = [fold(w) for w in split_words(phrase)]
                    folded = " ".join(w for w in words if w)
                    if not folded or not stems_of(folded, stop):
                        bad(("synonyms", i, j), f"{phrase!r} has no searchable word (only stop words or signs)")
                    elif folded in phrases:
                        bad(("synonyms", i, j), f"{phrase!r} is already in this group")
                    else:
                        phrases.append(folded)
                groups.append(phrases)
    if problems:
        raise SearchDataError(problems)
    return Synonyms(groups, stop, filler)


def load_words(root: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """data/search/words.yaml: `stop_words:` and `filler_words:`, each a list of single words (folded here)."""
    path = Path(root) / WORDS_FILE
    shown = WORDS_FILE.as_posix()
    if not path.is_file():
        return (), ()
    loaded = load_yaml_file(path, shown)
    problems = [p for p in loaded.problems if p.is_error]
    out: dict[str, list[str]] = {"stop_words": [], "filler_words": []}

    def bad(parts: tuple[Any, ...], message: str) -> None:
        line, col = loaded.locate(parts)
        problems.append(Problem(shown, line, col, ERROR, _jp(parts), message, "search-words"))

    data = loaded.data
    if not problems:
        if not isinstance(data, dict) or not set(data) <= set(out):
            bad((), "expected the keys `stop_words:` and `filler_words:`, each a list of words")
        else:
            for key, words in data.items():
                if not isinstance(words, list):
                    bad((key,), f"`{key}:` is a list of words")
                    continue
                for i, word in enumerate(words):
                    folded = fold(word) if isinstance(word, str) else ""
                    if not folded or len(split_words(folded)) != 1:
                        bad((key, i), "each entry is one word (letters or digits, no spaces)")
                    elif folded not in out[key]:
                        out[key].append(folded)
    if problems:
        raise SearchDataError(problems)
    return tuple(out["stop_words"]), tuple(out["filler_words"])


def check_search_data(root: Path) -> list[Problem]:
    """Problems in data/search/ (synonyms.yaml, words.yaml, strings.yaml), located, for `ccci validate` to report with
    the rest, so that a bad file stops the build with file:line:col instead of failing inside it."""
    from .finder import load_strings

    problems: list[Problem] = []
    for load in (load_synonyms, load_strings):  # (load_synonyms reads words.yaml too)
        try:
            load(Path(root))
        except SearchDataError as exc:
            problems.extend(exc.problems)
    return problems


def _jp(parts: tuple[Any, ...]) -> str:
    from .problems import json_path

    return json_path(parts)


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


VECTOR_DECIMALS = 2  # lunr keeps 3; 2 is plenty to rank by and saves ~8% of the index


def serialize_index(index: Index) -> bytes:
    """The index as lunr.js 2.3.9 loads it, with field-vector weights rounded to VECTOR_DECIMALS. Search in
    Python (tests) loads these same bytes, so both sides score with the same numbers."""
    data = index.serialize()
    for _ref, vector in data["fieldVectors"]:
        for i in range(1, len(vector), 2):
            vector[i] = round(vector[i], VECTOR_DECIMALS)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def load_index(data: bytes | str | Mapping[str, Any]) -> Index:
    if isinstance(data, bytes | str):
        data = json.loads(data)
    return Index.load(dict(data))


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
    """The same term query through lunr.py's own query engine (tests check `Scorer` against it)."""
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
    """lunr's scoring of one query term, computed straight from the serialized index (finder.js: Scorer).

    lunr.js's own query engine takes 0.3-0.9 s a keystroke on 10,000 records on a slow phone (it builds
    objects for every posting), so the finder evaluates the same index itself: the query vector holds the
    stemmed term (boost 1), every indexed term it begins from PREFIX_MIN letters on (boost PREFIX_BOOST) and
    the tokens of its synonym groups (boost 1), boosts adding up where a term comes twice; a document scores
    sum(boost x weight) / |query vector|, its weights being lunr's field-vector weights (field boosts
    included) summed over the fields. That is lunr's cosine-style score (Vector.similarity) summed over fields;
    only the order of the additions differs, so scores agree with lunr's to ~1e-15 (tested).

    Documents are numbered: services 0..S-1 (refs "0".."S-1"), then organizations S.. (refs "o0"...)."""

    def __init__(self, data: Mapping[str, Any], services: int, organizations: int) -> None:
        self.services = services
        self.fields = list(data["fields"])
        self.terms = [term for term, _posting in data["invertedIndex"]]  # as serialized: sorted
        self.term_index = {term: posting["_index"] for term, posting in data["invertedIndex"]}
        self.pipeline = Pipeline.load(data["pipeline"])
        vectors = {ref: vector for ref, vector in data["fieldVectors"]}
        self.postings: dict[int, tuple[list[int], list[float]]] = {}
        refs = [str(i) for i in range(services)] + [f"o{j}" for j in range(organizations)]
        for doc, ref in enumerate(refs):
            for f in self.fields:
                vector = vectors.get(f"{f}/{ref}") or []
                for k in range(0, len(vector), 2):
                    docs, weights = self.postings.setdefault(vector[k], ([], []))
                    if docs and docs[-1] == doc:
                        weights[-1] += vector[k + 1]  # the same term in a later field of the same document
                    else:
                        docs.append(doc)
                        weights.append(vector[k + 1])

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
    """Runs queries on an index of service documents ("0", "1", ...) and organization documents ("o0", ...).
    `service_org[i]` is the organization of service i. A term an organization document matches counts for
    every one of its services, with both scores added."""

    def __init__(self, index_data: Mapping[str, Any], service_org: list[int], organizations: int,
                 synonyms: list[list[list[str]]], words: list[list[str]] | None = None) -> None:
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


# ---------------------------------------------------------------------------------------------- producer

FIND_DIR = "find"
STATIC_DIR = Path(__file__).resolve().parent / "finder_static"
LUNR_VERSION = "2.3.9"


def lunr_js() -> bytes:
    """lunr.js 2.3.9 from the installed MkDocs package (its own search plugin ships it), with comments and
    indentation removed; the licence header stays. Found without importing MkDocs."""
    spec = importlib.util.find_spec("mkdocs")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the finder needs lunr.js from the mkdocs package, which is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "contrib" / "search" / "templates" / "search" / "lunr.js"
    source = path.read_text(encoding="utf-8")
    if f'lunr.version = "{LUNR_VERSION}"' not in source:
        raise ValueError(f"{path}: expected lunr.js {LUNR_VERSION}")
    return strip_js_comments(source).encode("utf-8")


def strip_js_comments(source: str) -> str:
    """Drop whole-line comments, blank lines and indentation; keep the first comment (the licence).
    Only lines that start a comment are touched, so code and strings are never cut."""
    out: list[str] = []
    in_block = False
    kept_header = False
    for line in source.split("\n"):
        s = line.strip()
        if in_block:
            if not kept_header:
                out.append(line)
            if s.endswith("*/"):
                in_block = False
                kept_header = True
            continue
        if s.startswith("/*"):
            if not kept_header:
                out.append(line)
            if s.endswith("*/") and len(s) > 3:
                kept_header = True
            else:
                in_block = True
            continue
        if not s or s.startswith("//"):
            continue
        out.append(s)
    return "\n".join(out) + "\n"


def produce(dataset: Any, settings: Mapping[str, Any]) -> Any:
    """The finder: find/index.md and its assets (index, result documents, places, lunr.js, finder.js/.css)."""
    from .finder import build_documents, load_strings, page_markdown, places_table, to_json
    from .outputs import Outputs

    language = str(settings.get("language") or "en")
    strings = load_strings(dataset.root)
    if language not in strings:
        language = "en"
    synonyms = load_synonyms(dataset.root)
    index_docs, docs = build_documents(dataset, synonyms)
    from .guides import guide_sections  # the guides' sections: the finder searches them too

    docs["g"] = guide_sections(dataset.root, bool(settings.get("use_directory_urls", True)), synonyms.stop)
    index = build_index(index_docs)
    names = {"index": "index.json", "docs": "docs.json", "places": "places.json", "lunr": "lunr.js",
             "js": "finder.js", "css": "finder.css"}
    assets = {
        f"{FIND_DIR}/{names['index']}": serialize_index(index),
        f"{FIND_DIR}/{names['docs']}": to_json(docs),
        f"{FIND_DIR}/{names['places']}": to_json(places_table(
            [k for k, _ in docs["t"]["k"]], {loc[0] for org in docs["o"] for loc in org.get("L", [])})),
        f"{FIND_DIR}/{names['lunr']}": lunr_js(),
        f"{FIND_DIR}/{names['js']}": (STATIC_DIR / "finder.js").read_bytes(),
        f"{FIND_DIR}/{names['css']}": (STATIC_DIR / "finder.css").read_bytes(),
    }
    page = page_markdown(dataset, strings[language], docs, names, bool(settings.get("use_directory_urls", True)))
    return Outputs(pages={f"{FIND_DIR}/index.md": page}, assets=assets)

"""The finder's words, on both sides of the search: folding, stop words, stemming (lunr's, with lunr.js's
behaviour), query terms, synonym groups, and the finder's data files in data/search/ (synonyms.yaml, words.yaml,
strings.yaml), each loaded with located problems so `ccci validate` reports them as file:line:col.

How the finder's search works as a whole is told in generator/finder/index.py.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer, stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from generator.records.load import load_yaml_file
from generator.records.problems import ERROR, Problem, json_path

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
_TO_SPACE = {ord(ch): " " for ch in _JS_SPACE}
_SPLIT = re.compile("[" + re.escape("".join(sorted(_SEPARATORS))) + "]+")
# The characters on which Python's str.split() and lunr.js's tokenizer disagree: spaces to one and not the other
# (str.isspace() versus _JS_SPACE; tested). A text without them splits the same with str.split(), twice as fast.
_SPLITS_ODDLY = re.compile("[\x1c\x1d\x1e\x1f\x85\ufeff]")


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


@functools.lru_cache(maxsize=1 << 17)
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
        self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


PorterStemmer.step1c = _step1c_like_lunr_js  # lunr has no type hints, so mypy lets this patch through


def split_words(text: str) -> list[str]:
    """Split like lunr.js's tokenizer (whitespace and hyphens), lowercased."""
    lowered = str(text).lower()
    if _SPLITS_ODDLY.search(lowered) is None:
        return lowered.replace("-", " ").split()
    return [w for w in _SPLIT.split(lowered) if w]


def clean_text(text: str) -> str:
    """Text for a lunr field: every JavaScript whitespace character becomes a plain space, so lunr.py's
    tokenizer (which knows fewer spaces) splits exactly where lunr.js would."""
    return str(text).translate(_TO_SPACE)


# Both are pure and run for every word of every record (index text, synonym phrases): remembered (the build of
# 10,000 records spent most of its time stemming the same few thousand words).
@functools.lru_cache(maxsize=1 << 17)
def is_stop_word(word: str) -> bool:
    return stop_word_filter(Token(word)) is None


@functools.lru_cache(maxsize=1 << 17)
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


def without_fillers(
    terms: list[str], groups: list[list[int]], filler: Iterable[str]
) -> tuple[list[str], list[list[int]]]:
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
    return stems_in(word_pairs(text), stop)


def word_pairs(text: str) -> list[tuple[str, str]]:
    """(folded, stem) of each word of `text`, in order (the stem "" for a stop word); the words of two texts
    joined by a space are the words of each, one after the other."""
    known = _WORDS.get
    return [known(word) or _remember(word) for word in split_words(text)]


def stems_in(pairs: Iterable[tuple[str, str]], stop: Iterable[str] = ()) -> tuple[str, ...]:
    """stems_of from word_pairs."""
    extra = stop if isinstance(stop, frozenset | set) else frozenset(stop)
    return tuple([st for folded, st in pairs if st and folded not in extra])


_WORDS: dict[str, tuple[str, str]] = {}  # word_pairs's words seen so far (a word's fold and stem never change)


def _remember(word: str) -> tuple[str, str]:
    pair = _WORDS[word] = _word(word)
    return pair


def _word(word: str) -> tuple[str, str]:
    """(folded, stem), the stem "" for a lunr stop word or nothing left once folded (stems_of, per word)."""
    term = fold(word)
    return (term, stem(term)) if term and not is_stop_word(term) else (term, "")


@dataclass
class Synonyms:
    """Groups of phrases that mean the same need. `groups[i]` is a list of folded phrases.

    A document whose text holds a phrase of group g gets the token `0zq<g>` (one token, not the group's words,
    which keeps the index small); a query term that is a phrase of group g also looks for that token."""

    groups: list[list[str]] = field(default_factory=list)
    stop: tuple[str, ...] = ()  # data/search/words.yaml stop_words: left out of phrases, text and queries alike
    filler: tuple[str, ...] = ()  # data/search/words.yaml filler_words (queries only)
    stems: list[list[tuple[str, ...]]] = field(default_factory=list, repr=False)
    # groups_in looks up only the phrases that begin with a stem of the text: a one-word phrase's stem -> its
    # groups; the first stem of a longer phrase -> (its group, " the phrase's stems ")
    by_word: dict[str, frozenset[int]] = field(default_factory=dict, repr=False, compare=False)
    by_first: dict[str, list[tuple[int, str]]] = field(default_factory=dict, repr=False, compare=False)
    # their keys as sets: a set intersected with a set walks the smaller one (with a dict, every key of the dict)
    word_stems: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    first_stems: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.stems = [[stems_of(p, self.stop) for p in g] for g in self.groups]
        by_word: dict[str, set[int]] = {}
        for g, phrases in enumerate(self.stems):
            for phrase in phrases:
                if len(phrase) == 1:
                    by_word.setdefault(phrase[0], set()).add(g)
                elif phrase:
                    self.by_first.setdefault(phrase[0], []).append((g, " " + " ".join(phrase) + " "))
        self.by_word = {st: frozenset(gs) for st, gs in by_word.items()}
        self.word_stems, self.first_stems = frozenset(self.by_word), frozenset(self.by_first)

    def words_json(self) -> list[list[str]]:
        return [list(self.stop), list(self.filler)]

    def groups_in(self, text: str) -> list[int]:
        """Groups with a phrase in `text` (compared as stems, word by word)."""
        return self.groups_in_stems(stems_of(text, self.stop))

    def groups_in_stems(self, stems: tuple[str, ...]) -> list[int]:
        """groups_in, from the text's stems (stems_of with this Synonyms' stop words)."""
        distinct = set(stems)
        words = self.by_word
        found: set[int] = set().union(*[words[st] for st in distinct.intersection(self.word_stems)])
        firsts = distinct.intersection(self.first_stems)
        if firsts:
            padded = " " + " ".join(stems) + " "
            for st in firsts:
                for g, needle in self.by_first[st]:
                    if g not in found and needle in padded:
                        found.add(g)
        return sorted(found)

    def tokens_for(self, text: str) -> str:
        return self.tokens_for_stems(stems_of(text, self.stop))

    def tokens_for_stems(self, stems: tuple[str, ...]) -> str:
        return " ".join(f"{SYNONYM_TOKEN}{g}" for g in self.groups_in_stems(stems))

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
                if n and term_stems[i : i + n] == phrase:
                    for j in range(i, i + n):
                        if g not in out[j]:
                            out[j].append(g)
    return out


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
    problems: list[Problem] = []
    for load in (load_synonyms, load_strings):  # (load_synonyms reads words.yaml too)
        try:
            load(Path(root))
        except SearchDataError as exc:
            problems.extend(exc.problems)
    return problems


def _jp(parts: tuple[Any, ...]) -> str:
    from generator.records.problems import json_path

    return json_path(parts)


STRINGS_FILE = SEARCH_DIR / "strings.yaml"


# ---------------------------------------------------------------------------------------------- strings


def load_strings(root: Path) -> dict[str, dict[str, Any]]:
    """data/search/strings.yaml: {language: {key: text or list}}; every language has the same keys."""
    shown = STRINGS_FILE.as_posix()
    loaded = load_yaml_file(Path(root) / STRINGS_FILE, shown)
    problems = [p for p in loaded.problems if p.is_error]

    def bad(parts: tuple[Any, ...], message: str) -> None:
        line, col = loaded.locate(parts)
        problems.append(Problem(shown, line, col, ERROR, json_path(parts), message, "search-strings"))

    data = loaded.data
    if not problems and (not isinstance(data, dict) or "en" not in data):
        bad((), "expected a mapping of languages (en, es, ...) to their strings")
    if not problems:
        keys = set(data["en"]) if isinstance(data["en"], dict) else set()
        for lang, table in data.items():
            if not isinstance(table, dict):
                bad((lang,), f"{lang}: expected a mapping of keys to text")
                continue
            for key in sorted(keys - set(table)):
                bad((lang,), f"{lang}: missing key {key!r} (it is in en)")
            for key in sorted(set(table) - keys):
                bad((lang, key), f"{lang}: key {key!r} is not in en")
            for key, value in table.items():
                ok = isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
                if not ok:
                    bad((lang, key), f"{lang}.{key}: expected text")
    if problems:
        raise SearchDataError(problems)
    return data

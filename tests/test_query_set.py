"""The finder's query set (tests/search_queries.yaml) on the shipped data, through generator/finder/rank.py (the twin of
finder.js, checked against it in tests/browser/test_finder.py), and the parts it rests on: places (counties,
forgiving spelling), stop and filler words, the groups near a place, listings nobody can reach."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.finder.documents import reachable
from generator.finder.guides import guide_hits
from generator.finder.index import Searcher
from generator.finder.produce import produce
from generator.finder.rank import FAR_KM, RELEVANT, edit_distance, find_place, order, resolve_place
from generator.finder.text import SearchDataError, load_words, query_groups, query_terms, without_fillers
from generator.records.dataset import load_dataset
from tests.helpers import REPO, make_project

QUERIES = REPO / "tests" / "search_queries.yaml"
HIT_RATE = 0.95


def load_query_set(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def run_query_set(docs: dict, places: dict, searcher: Searcher, queries: list[dict]) -> list[tuple[dict, list[str]]]:
    """(query, its first 5 organization ids) for each query."""
    out = []
    for q in queries:
        place = resolve_place(places, docs, q.get("near", ""))
        out.append((q, [r.id for r in order(docs, searcher, q["q"], place or None)[:5]]))
    return out


@pytest.fixture(scope="module")
def shipped():
    out = produce(load_dataset(REPO), {})
    docs = json.loads(out.assets["find/docs.json"])
    places = json.loads(out.assets["find/places.json"])
    return docs, places, Searcher.from_assets(out.assets["find/index.json"], out.assets["find/docs.json"])


def test_the_query_set_is_large_and_asks_only_for_listings_that_exist(shipped):
    docs, places, _s = shipped
    queries = load_query_set()
    assert len(queries) >= 80
    spanish = [
        q
        for q in queries
        if any(
            w in q["q"].lower()
            for w in (
                "abogado",
                "refugio",
                "ayuda",
                "visa u",
                "consejer",
                "salud",
                "trata",
                "comida",
                "dinero",
                "trabajo",
                "violencia",
                "orden",
                "albergue",
                "donde",
            )
        )
    ]
    assert len(spanish) >= 15
    ids = {o["i"] for o in docs["o"]}
    missing = [q for q in queries if q["expect"] not in ids]
    assert missing == [], "the query set names listings the data does not have"
    unknown = [q for q in queries if resolve_place(places, docs, q.get("near", "")) is False]
    assert unknown == []
    assert {q.get("lang", "en") for q in queries} == {"en", "es"}
    assert sum(q.get("lang") == "es" for q in queries) >= 100
    waiting = yaml.safe_load(QUERIES.read_text(encoding="utf-8")).get("waiting_for_spanish_text") or []
    assert all(q["expect"] in ids and q.get("lang") == "es" for q in waiting)


def test_the_query_set_finds_the_listing_in_the_first_five(shipped):
    docs, places, searcher = shipped
    results = run_query_set(docs, places, searcher, load_query_set())
    misses = [(q["q"], q.get("near"), q["expect"], top) for q, top in results if q["expect"] not in top]
    rate = 1 - len(misses) / len(results)
    assert rate >= HIT_RATE, "\n".join(map(str, misses))


# ---------------------------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("a", "b", "d"),
    [
        ("idahofall", "idahofalls", 1),
        ("boise", "biose", 1),
        ("boise", "boise", 0),
        ("nampa", "tampa", 1),
        ("abc", "xyz", 2),
    ],
)
def test_edit_distance(a, b, d):
    assert edit_distance(a, b, 2) == min(d, 2)


@pytest.mark.parametrize(
    ("text", "table", "county"),
    [
        ("Canyon County", "K", "Canyon"),
        ("canyon", "K", "Canyon"),
        ("condado de Canyon", "K", "Canyon"),
        ("Ada County, ID", "K", "Ada"),
        ("idaho fall", "c", "Bonneville"),
        ("Idaho Falls", "c", "Bonneville"),
        ("Pocatelo", "c", "Bannock"),
        ("Atlantis", None, None),
        ("Boise County", "K", "Boise"),
        ("Twin Falls", "c", "Twin Falls"),
    ],
)
def test_towns_and_counties_are_places_spelt_loosely(shipped, text, table, county):
    _docs, places, _s = shipped
    found = find_place(places, text)
    if table is None:
        assert found is None, text  # not "Atlanta": two letters off is too far for 8 letters
        return
    assert found is not None and found[0] == table, text
    assert places["k"][found[1][2]] == county


def test_a_place_too_far_from_any_name_is_unknown(shipped):
    docs, places, _s = shipped
    assert resolve_place(places, docs, "Nowhereville") is False
    assert resolve_place(places, docs, "xy") is False
    assert resolve_place(places, docs, "") is None


# ---------------------------------------------------------------------------------------------- words


def test_spanish_stop_words_and_filler_words(shipped):
    _docs, _p, s = shipped
    assert query_terms("ayuda con la renta", s.stop) == ["ayuda", "renta"]
    terms = query_terms("ayuda con la renta", s.stop)
    assert without_fillers(terms, [[], []], s.filler)[0] == ["renta"]
    assert without_fillers(["ayuda"], [[1]], s.filler) == (["ayuda"], [[1]])  # alone, it stays


# Issue 13's words: each Spanish query asks for the same synonym groups as its English twin, and without its
# accents it finds the very same listings.
ISSUE_13 = (
    ("refugio", "shelter"),
    ("abogado", "lawyer"),
    ("ayuda con la renta", "rent help"),
    ("visa U", "u visa"),
    ("consejería", "counseling"),
    ("intérprete", "interpreter"),
    ("una cama esta noche", "a bed tonight"),
    ("orden de protección", "protection order"),
    ("trata de personas", "human trafficking"),
    ("compensación para víctimas", "crime victim compensation"),
    ("lenguaje de señas", "sign language"),
)


def _groups(s: Searcher, text: str) -> set[int]:
    terms = query_terms(text, s.stop)
    terms, groups = without_fillers(terms, query_groups(s.synonyms, terms), s.filler)
    return {g for gs in groups for g in gs}


@pytest.mark.parametrize(("spanish", "english"), ISSUE_13)
def test_spanish_words_ask_for_what_their_english_twin_asks_for(shipped, spanish, english):
    docs, _p, s = shipped
    assert _groups(s, spanish) and _groups(s, spanish) >= _groups(s, english) - _groups(s, "help")
    bare = "".join(ch for ch in unicodedata.normalize("NFD", spanish) if not unicodedata.combining(ch))
    assert [r.id for r in order(docs, s, bare)] == [r.id for r in order(docs, s, spanish)]


def test_spanish_stop_and_filler_words_leave_the_need(shipped):
    _docs, _p, s = shipped
    for text, need in (
        ("una cama esta noche", ["cama"]),
        ("necesito un abogado cerca de Boise", ["abogado", "boise"]),
        ("busco ayuda con la renta", ["renta"]),
        ("aplicar para vivienda", ["vivienda"]),
    ):
        terms = query_terms(text, s.stop)
        assert without_fillers(terms, [[] for _ in terms], s.filler)[0] == need, text


def test_a_bad_words_file_is_a_located_error(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "data" / "search").mkdir(parents=True, exist_ok=True)
    (root / "data" / "search" / "words.yaml").write_text("stop_words: [de, two words]\n", encoding="utf-8")
    with pytest.raises(SearchDataError) as info:
        load_words(root)
    p = info.value.problems[0]
    assert (p.path, p.line, p.col) == ("data/search/words.yaml", 1, 18)
    assert "one word" in p.message


# ---------------------------------------------------------------------------------------------- order


def strong_rows(docs: dict, searcher: Searcher, rows: list, text: str) -> list:
    """The rows before the weaker matches (those scoring under RELEVANT x the best)."""
    if not text:
        return rows
    scores: dict[int, float] = {}
    for h in searcher.search(text):
        o = docs["s"][h.ref]["o"]
        scores[o] = max(scores.get(o, 0.0), h.score)
    top = max(scores.values(), default=0.0)
    return [r for r in rows if scores[r.org] >= RELEVANT * top]


CASES = (
    ("shelter", "Boise"),
    ("counseling", "Twin Falls"),
    ("forensic exam", "Sandpoint"),
    ("", "Pocatello"),
    ("lawyer", "Idaho Falls"),
    ("shelter", "Twin Falls"),
    ("counseling", "Coeur d'Alene"),
)


@pytest.mark.parametrize(("text", "near"), CASES)
def test_near_a_place_near_then_lines_then_far_and_distances_rise(shipped, text, near):
    docs, places, s = shipped
    rows = order(docs, s, text, resolve_place(places, docs, near))
    strong = strong_rows(docs, s, rows, text)
    assert strong == rows[: len(strong)]  # the weaker matches come after
    # near, then lines, then near or lines nobody can reach, then far (a program 34 miles away never after one
    # 314 miles away)
    keys = [(r.group == 2, bool(docs["o"][r.org].get("u")), r.group) for r in strong]
    assert keys == sorted(keys)
    for g in (0, 2):
        for unreachable in (False, True):
            kms = [
                r.km
                for r in strong
                if r.group == g
                and bool(docs["o"][r.org].get("u")) == unreachable
                and r.km is not None
                and not any(docs["s"][i].get("k") for i in r.services)
            ]
            assert kms == sorted(kms), (g, unreachable)
    assert all(r.km is None or r.km > FAR_KM for r in strong if r.group == 2)
    lines = [r for r in strong if r.group == 1]
    assert all(all(docs["s"][i].get("g") for i in r.services) for r in lines)


def test_listings_nobody_can_reach_say_so_and_get_a_route_from_the_data(shipped):
    docs, _p, _s = shipped
    ds = load_dataset(REPO)
    by_id = {o["id"]: o for o in ds.organizations}
    unreachable = [o for o in docs["o"] if o.get("u")]
    assert unreachable
    for o in docs["o"]:
        assert bool(o.get("u")) == (not reachable(by_id[o["i"]])), o["i"]
    numbers = {p[0] for o in docs["o"] for p in o.get("p", [])} | {p[0] for s in docs["s"] for p in s.get("p2", [])}
    for o in unreachable:
        assert "rt" in o, o["i"]
        via = docs["o"][o["rt"][0]]
        assert not via.get("u") and o["rt"][1][0] in numbers


def test_without_a_place_reachable_listings_come_first_among_strong_matches(shipped):
    docs, _p, s = shipped
    for text in ("shelter", "counseling", "legal", "food"):
        rows = order(docs, s, text)
        flags = [bool(docs["o"][r.org].get("u")) for r in strong_rows(docs, s, rows, text)]
        assert flags == sorted(flags) and False in flags, text


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("compensation deadline", "../rights/money/#the-rules"),
        ("vacatur", "../rights/clearing-records/#what-the-law-can-do"),
        ("u visa", "../rights/immigration/#u-visa"),
        ("restitution", "../rights/money/#restitution"),
        # a phrase of a synonym group finds a section holding another phrase of it ("protection order")
        ("restraining order", "../rights/protection-orders/#which-order-fits-you"),
        ("orden de protección", "../rights/protection-orders/#which-order-fits-you"),
    ],
)
def test_the_guides_are_searched_by_section(text, section):
    out = produce(load_dataset(REPO), {})
    docs = json.loads(out.assets["find/docs.json"])
    hits = guide_hits(docs, text)
    assert hits and hits[0]["u"] == section, [h["u"] for h in hits]

"""The finder's two scorers agree, under Node (no browser): finder.js's search (static/src text.js, score.js,
places.js: the parts produce.py joins into finder.js) and its Python twin (generator/finder/index.py Searcher,
rank.py find_place), on the real shipped index.json, docs.json, places.json and lunr.js built by the real
producer; and finder.js's haversineKm agrees with generator/records/geo.py haversine_km (geopy) to 1e-6 km.
The browser tests (tests/browser/test_finder*.py) check the same in Chromium, with the page around it."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess

import pytest

from generator.finder.index import Searcher
from generator.finder.postings import decode
from generator.finder.produce import STATIC_DIR, produce
from generator.finder.rank import find_place
from generator.finder.text import fold
from generator.records.dataset import load_dataset
from generator.records.geo import IDAHO_BOX, haversine_km
from tests.helpers import REPO
from tests.test_query_set import load_query_set

DRIVER = REPO / "tests" / "node" / "finder_parity.js"
QUERIES = 40
# Beyond the query set: a word being typed, accents, a stop word, nothing, an apostrophe, a prefix of two letters.
EXTRA = ["shel", "asesoría", "niños", "the", "xyzzy", "Coeur d'Alene", "ab", "24/7 hotline", "counselor"]


def _node() -> str:
    node = shutil.which("node")
    if not node:
        reason = "Node.js is not installed (scripts/test-deps.sh installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " [CI=true, so this is a failure]", pytrace=False)
        pytest.skip(reason)
    return node


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The finder's assets as the producer makes them, written out; the Python searcher on the same bytes."""
    out = produce(load_dataset(REPO), {})
    root = tmp_path_factory.mktemp("finder-parity")
    for path, data in out.assets.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    docs = json.loads(out.assets["find/docs.json"])
    places = json.loads(out.assets["find/places.json"])
    return root, docs, places, Searcher.from_assets(out.assets["find/index.json"], out.assets["find/docs.json"])


def run_node(root, queries: list[str], near: list[str], pairs: list[list[float]], terms: list | None = None) -> dict:
    node = _node()
    given = root / "input.json"
    given.write_text(
        json.dumps({"queries": queries, "near": near, "pairs": pairs, "terms": terms or []}), encoding="utf-8"
    )
    result = subprocess.run(
        [node, str(DRIVER), str(STATIC_DIR / "src"), str(root / "find"), str(given)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def query_set() -> list[str]:
    texts: list[str] = []
    for q in load_query_set():
        if q["q"] not in texts:
            texts.append(q["q"])
    return texts[:QUERIES] + EXTRA


def near_set() -> list[str]:
    near: list[str] = []
    for q in load_query_set():
        if q.get("near") and q["near"] not in near:
            near.append(q["near"])
    return near + ["Canyon Co.", "condado de Ada", "Idaho Falls, ID", "nowhere at all", "constructor", "Bosie", "Namp"]


def idaho_pairs(n: int = 300) -> list[list[float]]:
    lat_min, lat_max, lon_min, lon_max = IDAHO_BOX
    rng = random.Random(9)  # fixed: the same pairs every run
    pairs = [
        [
            rng.uniform(lat_min, lat_max),
            rng.uniform(lon_min, lon_max),
            rng.uniform(lat_min, lat_max),
            rng.uniform(lon_min, lon_max),
        ]
        for _ in range(n)
    ]
    pairs += [[43.615, -116.2023, 43.615, -116.2023], [43.615, -116.2023, 43.6151, -116.2023]]  # 0 and ~11 m
    return pairs


def test_the_javascript_scorer_ranks_and_scores_like_the_python_one(shipped):
    root, _docs, _places, searcher = shipped
    queries = query_set()
    assert len(queries) >= 40
    js = run_node(root, queries, [], [])["search"]
    nonempty = 0
    for text, theirs in zip(queries, js, strict=True):
        ours = [[h.ref, h.score, h.matched, h.direct] for h in searcher.search(text)]
        assert [h[0] for h in theirs] == [h[0] for h in ours], text  # the same services, in the same order
        assert [h[2:] for h in theirs] == [h[2:] for h in ours], text  # words matched, and by their own text
        for a, b in zip(theirs, ours, strict=True):
            assert a[1] == pytest.approx(b[1], rel=1e-9, abs=1e-9), (text, a, b)
        nonempty += bool(ours)
    assert nonempty >= len(queries) - 3  # not a comparison of empty lists


def test_the_javascript_fold_is_the_python_fold(shipped):
    root, *_ = shipped
    queries = query_set()
    js = run_node(root, queries, [], [])["fold"]
    assert js == [fold(q) for q in queries]


def test_the_javascript_finds_places_like_the_python(shipped):
    root, _docs, places, _s = shipped
    near = near_set()
    js = run_node(root, [], near, [])["places"]
    found = 0
    for text, theirs in zip(near, js, strict=True):
        ours = find_place(places, text)
        assert theirs == (list(ours) if ours else None), text
        found += bool(ours)
    assert found >= len(near) - 3


def test_haversine_in_javascript_is_geopy_great_circle_to_a_micrometre_per_km(shipped):
    root, *_ = shipped
    pairs = idaho_pairs()
    js = run_node(root, [], [], pairs)["km"]
    worst = max(abs(theirs - haversine_km(*p)) for p, theirs in zip(pairs, js, strict=True))
    assert worst <= 1e-6, worst
    assert max(js) > 500 and min(js) == 0.0  # across Idaho, and the same point


# Term queries on the finder's index format: exact terms, prefixes (3+ letters), backward stem matches, synonym groups.
TERMS = [
    ["shelter", []],
    ["shel", []],
    ["cou", []],
    ["counselor", []],
    ["therapist", []],
    ["abogado", []],
    ["asesoria", []],
    ["legal", [0, 1]],
    ["ninos", []],
    ["boise", []],
    ["24/7", []],
    ["h", []],
    ["xyzzy", []],
]


def test_the_index_format_reads_the_same_in_javascript_and_python(shipped):
    """find/index.json (generator/finder/index.py: finder_index) round trip: Python writes it, JSON carries it, and
    finder.js's Scorer (static/src/score.js) and the Python Scorer read it to the same documents and the same
    floats, term by term, in the same order."""
    root, _docs, _places, searcher = shipped
    data = json.loads((root / "find" / "index.json").read_bytes())
    assert data["format"] == "ccci-finder-index-2" and data["t"] == sorted(data["t"])
    assert all(isinstance(text, str) and decode(text) for text in data["p"])
    js = run_node(root, [], [], [], TERMS)["terms"]
    reached = 0
    for (term, groups), theirs in zip(TERMS, js, strict=True):
        ours = searcher.scorer.term_scores(term, groups)
        assert [d for d, _s in theirs] == list(ours), term
        assert [s for _d, s in theirs] == list(ours.values()), term  # the same floats, not just close
        reached += bool(ours)
    assert reached >= 9

"""`make bench` section: the finder's query set (tests/search_queries.yaml) on the shipped data: the share of
queries whose expected listing is among the first five results (issue 10 asks for at least 95%), and the misses.
Runs generator/finder/rank.py, the Python twin of finder.js (tests/browser/test_finder_ranking.py keeps them equal)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.finder.index import Searcher  # noqa: E402
from generator.finder.produce import produce  # noqa: E402
from generator.finder.rank import order, resolve_place  # noqa: E402
from generator.records.dataset import load_dataset  # noqa: E402
from tests.test_query_set import HIT_RATE, load_query_set  # noqa: E402


def run(_sizes: list[int] | None = None) -> list[str]:
    out = produce(load_dataset(ROOT), {})
    docs = json.loads(out.assets["find/docs.json"])
    places = json.loads(out.assets["find/places.json"])
    searcher = Searcher.from_assets(out.assets["find/index.json"], out.assets["find/docs.json"])
    queries = load_query_set()
    misses = []
    start = time.perf_counter()
    for q in queries:
        place = resolve_place(places, docs, q.get("near", ""))
        top = [r.id for r in order(docs, searcher, q["q"], place or None)[:5]]
        if q["expect"] not in top:
            misses.append(f"    miss: {q['q']!r}" + (f" near {q['near']!r}" if q.get("near") else "") +
                          f" -> {q['expect']} not in {', '.join(top) or 'no results'}")
    per_query = (time.perf_counter() - start) / max(len(queries), 1) * 1000
    hits = len(queries) - len(misses)
    rate = hits / max(len(queries), 1)
    status = "ok" if rate >= HIT_RATE else f"BELOW the {HIT_RATE:.0%} budget"
    return [f"search query set (budget: {HIT_RATE:.0%} of queries find their listing in the first 5; shipped data)",
            f"  hit rate {rate:.1%} ({hits} of {len(queries)} queries), {status}; "
            f"{per_query:.1f} ms a query in Python", *misses]


if __name__ == "__main__":
    print("\n".join(run()))

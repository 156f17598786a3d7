"""The finder's search data, built by the real lunr.py from real and hand-made records and shipped in the finder's
own index format (browser side: tests/browser/test_finder.py compares with lunr.js on lunr's format)."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator.finder.documents import build_documents
from generator.finder.index import (
    INDEX_FORMAT,
    WEIGHT_SCALE,
    Searcher,
    build_index,
    compact_index,
    finder_index,
    load_index,
    lunr_term_scores,
    serialize_index,
)
from generator.finder.page import inline_json
from generator.finder.places import city_centre, place_key, places_table
from generator.finder.postings import decode, encode
from generator.finder.produce import lunr_js, produce, strip_js_comments
from generator.finder.text import (
    FOLD_LABEL,
    SearchDataError,
    Synonyms,
    check_search_data,
    fold,
    load_strings,
    load_synonyms,
    query_groups,
    query_terms,
)
from generator.present.outputs import Outputs
from generator.records.dataset import load_dataset
from generator.records.geo import city_centres, idaho_zips
from tests.helpers import REPO, make_project

# ---------------------------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Asesoría", "asesoria"),
        ("NIÑOS,", "ninos"),
        ("café", "cafe"),
        ("2SLGBTQIA+", "2slgbtqia"),
        ("(208)", "208"),
        ("24/7", "24/7"),
        ("“refugio”", "refugio"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("don't", "don't"),
        ("***", ""),
        ("العربية", "العربية"),
    ],
)
def test_fold(word, folded):
    assert fold(word) == folded


def test_query_terms_fold_split_drop_stop_words_and_repeats():
    assert query_terms("Help for the NIÑOS—y asesoría-legal  help") == ["help", "ninos—y", "asesoria", "legal"]
    assert query_terms("the and of") == []
    assert query_terms("\u2003shelter\u00a0boise\u3000") == ["shelter", "boise"]  # JavaScript's \s


def test_query_groups_single_words_and_phrases():
    syn = Synonyms([["lawyer", "abogado"], ["counseling", "mental health", "terapia"]]).as_json()
    assert query_groups(syn, ["abogados", "x"]) == [[0], []]
    assert query_groups(syn, ["mental", "health", "help"]) == [[1], [1], []]
    assert query_groups(syn, ["health"]) == [[]]  # half a phrase is not the phrase


# ---------------------------------------------------------------------------------------------- index


def _searcher(docs: list[dict[str, str]], synonyms: Synonyms | None = None) -> Searcher:
    """A searcher over bare service documents (each its own organization), through the serialized bytes."""
    syn = synonyms or Synonyms()
    full = []
    for d in docs:
        extra = syn.tokens_for(" ".join(d.get(k, "") for k in "ncd"))
        full.append(
            {"r": d["r"], "n": d.get("n", ""), "c": d.get("c", ""), "d": (d.get("d", "") + " " + extra).strip()}
        )
    data = compact_index(build_index(full), len(docs), len(docs))
    return Searcher.from_assets(
        data, json.dumps({"s": [{"o": i} for i in range(len(docs))], "o": [{}] * len(docs), "y": syn.as_json()})
    )


def test_field_boosts_name_over_categories_over_description():
    s = _searcher(
        [
            {"r": "0", "n": "Counseling", "c": "x", "d": "y"},
            {"r": "1", "n": "x", "c": "Counseling", "d": "y"},
            {"r": "2", "n": "x", "c": "y", "d": "Counseling is offered here"},
        ]
    )
    assert [h.ref for h in s.search("counseling")] == [0, 1, 2]


def test_accents_fold_on_both_sides():
    s = _searcher([{"r": "0", "n": "Asesoría legal"}, {"r": "1", "n": "Niños y familias"}, {"r": "2", "n": "Other"}])
    for q in ("asesoria", "asesoría", "ASESORIA", "asesor"):
        assert [h.ref for h in s.search(q)] == [0], q
    for q in ("niños", "ninos", "NIÑOS"):
        assert [h.ref for h in s.search(q)] == [1], q


def test_synonym_groups_match_both_ways_and_phrases():
    syn = Synonyms([["lawyer", "attorney", "abogado"], ["counseling", "mental health"]])
    s = _searcher(
        [
            {"r": "0", "n": "Free lawyers for survivors"},
            {"r": "1", "n": "Counseling"},
            {"r": "2", "d": "Mental health care"},
            {"r": "3", "d": "Health care and a lawn"},
        ],
        syn,
    )
    assert [h.ref for h in s.search("abogado")] == [0]
    assert [h.ref for h in s.search("attorney")] == [0]
    assert {h.ref for h in s.search("mental health")} == {1, 2}
    assert {h.ref for h in s.search("counseling")} == {1, 2}
    assert 3 not in {h.ref for h in s.search("counseling")}


def test_prefix_while_typing_and_most_terms_first():
    s = _searcher(
        [{"r": "0", "n": "Emergency shelter"}, {"r": "1", "n": "Shelter and legal help"}, {"r": "2", "n": "Legal help"}]
    )
    assert {h.ref for h in s.search("shel")} == {0, 1}
    assert s.search("sh") == []  # two letters are not a prefix (they would match most of the index)
    hits = s.search("shelter legal")
    assert [h.ref for h in hits] == [1] and hits[0].matched == 2
    partial = s.search("shelter boise")  # nothing has both: those with the most words
    assert {h.ref for h in partial} == {0, 1} and all(h.matched == 1 for h in partial)


def test_filters_apply_before_the_cut():
    s = _searcher([{"r": "0", "n": "Shelter and legal help"}, {"r": "1", "n": "Legal help"}])
    assert [h.ref for h in s.search("shelter legal", keep=lambda i: i == 1)] == [1]


def test_organization_text_counts_for_its_services():
    data = compact_index(
        build_index(
            [
                {"r": "0", "n": "Emergency shelter", "c": "", "d": ""},
                {"r": "1", "n": "Counseling", "c": "", "d": ""},
                {"r": "o0", "n": "Boise Women's Alliance", "c": "", "d": "Boise"},
                {"r": "2", "n": "Shelter", "c": "", "d": ""},
                {"r": "o1", "n": "Twin Falls Center", "c": "", "d": ""},
            ]
        ),
        3,
        2,
    )
    s = Searcher.from_assets(data, json.dumps({"s": [{"o": 0}, {"o": 0}, {"o": 1}]}))
    hits = s.search("boise shelter")
    assert [(h.ref, h.matched, h.direct) for h in hits] == [(0, 2, 1)]
    assert {(h.ref, h.direct) for h in s.search("boise")} == {(0, 0), (1, 0)}


def test_the_fast_builder_writes_the_bytes_lunr_py_builder_gives():
    """finder_index (the build's) == compact_index(build_index(...)) (lunr.py's builder, test-only reference)."""
    docs = [
        {"r": "0", "n": "Shelter-and shelter", "c": "Niños  y familias", "d": "the EMERGENCY shelter\u2003café"},
        {"r": "o0", "n": "Boise Women's Alliance", "c": "", "d": "Boise, Idaho; 24/7 — walk-in"},
        {"r": "1", "n": "", "c": "legal legal legal", "d": "Asesoría legal gratuita"},
        {"r": "o1", "n": "***", "c": "-", "d": ""},
    ]
    assert finder_index(docs, 2, 2) == compact_index(build_index(docs), 2, 2)
    terms: list[tuple[list[str], list[str]]] = []
    index_docs, result_docs = build_documents(load_dataset(REPO), load_synonyms(REPO), terms=terms)
    services, organizations = len(result_docs["s"]), len(result_docs["o"])
    shipped = finder_index(index_docs, services, organizations)
    assert shipped == compact_index(build_index(index_docs), services, organizations)
    assert len(json.loads(shipped)["t"]) > 500
    # The terms build_documents gives (the words split and stemmed once) are the ones the index would find.
    assert len(terms) == len(index_docs) and finder_index(index_docs, services, organizations, terms) == shipped


def test_the_reference_lunr_index_is_lunr_2_3_9_with_the_fold_function():
    data = json.loads(serialize_index(build_index([{"r": "0", "n": "a b", "c": "", "d": ""}])))
    assert data["version"] == "2.3.9"
    assert data["pipeline"] == [FOLD_LABEL, "stemmer"]
    assert data["fields"] == ["n", "c", "d"]


def test_the_finder_index_is_sorted_terms_and_integer_postings_with_lunr_weights():
    """compact_index: per term, its documents as steps and its weight (lunr's, summed over the fields, x scale)."""
    index = build_index(
        [
            {"r": "0", "n": "Shelter", "c": "", "d": "Emergency shelter"},
            {"r": "1", "n": "Legal help", "c": "", "d": ""},
            {"r": "o0", "n": "Boise shelter", "c": "", "d": ""},
        ]
    )
    data = json.loads(compact_index(index, 2, 1))
    assert data["format"] == INDEX_FORMAT and data["scale"] == WEIGHT_SCALE
    assert data["pipeline"] == [FOLD_LABEL, "stemmer"] and (data["services"], data["organizations"]) == (2, 1)
    assert data["t"] == sorted(data["t"]) and {"shelter", "legal", "bois", "emerg"} <= set(data["t"])
    lunr = json.loads(serialize_index(index))
    vectors = dict(lunr["fieldVectors"])
    numbers = {posting["_index"]: term for term, posting in lunr["invertedIndex"]}
    expected: dict[str, dict[int, int]] = {}
    for doc, ref in enumerate(["0", "1", "o0"]):
        for f in lunr["fields"]:
            vector = vectors.get(f"{f}/{ref}", [])
            for k in range(0, len(vector), 2):
                per_doc = expected.setdefault(numbers[vector[k]], {})
                per_doc[doc] = per_doc.get(doc, 0) + round(vector[k + 1] * WEIGHT_SCALE)
    for term, text in zip(data["t"], data["p"], strict=True):
        flat = decode(text)
        docs = [sum(flat[0 : k + 1 : 2]) for k in range(0, len(flat), 2)]  # steps -> document numbers
        assert dict(zip(docs, flat[1::2], strict=True)) == expected[term], term
    assert decode(data["p"][data["t"].index("shelter")])[::2] == [0, 2]  # "0" (name and description), then "o0"
    with pytest.raises(ValueError, match="not a finder index"):
        Searcher.from_assets(serialize_index(index), json.dumps({"s": [{"o": 0}, {"o": 0}], "o": [{}]}))


# ---------------------------------------------------------------------------------------------- data files


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p")
    shutil.copytree(REPO / "data" / "search", root / "data" / "search")
    return root


def test_shipped_synonyms_and_strings_load():
    syn = load_synonyms(REPO)
    assert len(syn.groups) >= 10
    assert any("abogado" in g and "lawyer" in g for g in syn.groups)
    strings = load_strings(REPO)
    assert set(strings) >= {"en", "es"}
    assert set(strings["en"]) == set(strings["es"])


@pytest.mark.parametrize(
    ("text", "line", "col", "needle"),
    [
        ("synonyms:\n  - [shelter]\n", 2, 5, "two or more"),
        ("synonyms:\n  - [shelter, housing]\n  - [lawyer, {a: b}]\n", 3, 14, "word or short phrase"),
        ("synonyms:\n  - [shelter, Shelter]\n", 2, 15, "already in this group"),
        ("synonyms:\n  - [shelter, the]\n", 2, 15, "no searchable word"),
        ("groups: []\n", 1, 1, "synonyms:"),
        ("synonyms:\n  - [a, b\n", 3, 1, ""),
    ],
)
def test_bad_synonyms_file_is_a_located_error(tmp_path, text, line, col, needle):
    root = _project(tmp_path)
    (root / "data" / "search" / "synonyms.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SearchDataError) as info:
        load_synonyms(root)
    p = info.value.problems[0]
    assert (p.path, p.line, p.col) == ("data/search/synonyms.yaml", line, col), str(info.value)
    assert needle in p.message
    assert str(info.value).startswith(f"data/search/synonyms.yaml:{line}:{col}: ")


def test_check_search_data_lists_the_problems_of_both_files(tmp_path):
    root = _project(tmp_path)
    assert check_search_data(root) == []
    (root / "data" / "search" / "synonyms.yaml").write_text("synonyms:\n  - [shelter]\n", encoding="utf-8")
    (root / "data" / "search" / "strings.yaml").write_text("en: {a: b}\nes: {}\n", encoding="utf-8")
    found = [(p.path, p.line, p.severity) for p in check_search_data(root)]
    assert found == [("data/search/synonyms.yaml", 2, "error"), ("data/search/strings.yaml", 2, "error")]


def test_strings_missing_a_key_in_one_language_is_a_located_error(tmp_path):
    root = _project(tmp_path)
    path = root / "data" / "search" / "strings.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  show_more: Mostrar más resultados\n", ""), encoding="utf-8"
    )
    with pytest.raises(SearchDataError, match=r"strings.yaml:\d+:\d+: es: missing key 'show_more'"):
        load_strings(root)


# ---------------------------------------------------------------------------------------------- shipped data


@pytest.fixture(scope="module")
def shipped() -> tuple[Outputs, dict, Searcher]:
    out = produce(load_dataset(REPO), {})
    docs = json.loads(out.assets["find/docs.json"])
    return out, docs, Searcher.from_assets(out.assets["find/index.json"], out.assets["find/docs.json"])


def _areas(docs: dict, hits) -> list[str]:
    return [docs["t"]["a"][docs["s"][h.ref]["a"]][0] for h in hits if "a" in docs["s"][h.ref]]


def test_producer_publishes_the_page_and_its_assets(shipped):
    out, _docs, _s = shipped
    assert set(out.pages) == {"find/index.md"}
    assert set(out.assets) == {
        f"find/{n}" for n in ("index.json", "docs.json", "places.json", "lunr.js", "finder.js", "finder.css")
    }
    page = out.pages["find/index.md"]
    for needle in (
        '<label for="f-q">',
        'role="status"',
        'aria-live="polite"',
        "<noscript>",
        'id="f-geo"',
        'href="../areas/housing/"',
        'href="../regions/"',
        'href="../regions/panhandle/"',
        'src="finder.js"',
        "exclude: true",
    ):
        assert needle in page, needle
    assert "<script>" not in page  # CSP default-src 'self': no inline script
    flat = produce(load_dataset(REPO), {"use_directory_urls": False}).pages["find/index.md"]
    assert 'href="../regions/panhandle.html"' in flat and 'data-org-url="../org/{id}.html"' in flat


def test_small_result_documents_ride_in_the_page_as_inert_json(shipped):
    out, docs, _s = shipped
    page = out.pages["find/index.md"]
    block = re.search(r'<script type="application/json" id="f-docs">(.*?)</script>', page)
    assert block and json.loads(block.group(1)) == docs
    assert (
        inline_json({"x": "</script><script>alert(1)</script><!--"})
        == '{"x":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u003c!--"}'
    )


def test_budget_under_1_kb_gzip_per_record(shipped):
    out, _docs, _s = shipped
    n = len(load_dataset(REPO).organizations)
    size = sum(len(gzip.compress(out.assets[f"find/{f}"], 9)) for f in ("index.json", "docs.json"))
    assert size / n < 1024, f"{size / n:.0f} B per record"


LUNR_TERMS = [
    ("shelter", []),
    ("abogado", []),
    ("co", []),
    ("cou", []),
    ("asesoria", []),
    ("legal", [0, 1]),
    ("ninos", []),
    ("counselor", []),
    ("therapist", []),
    ("boise", []),
    ("h", []),
    ("24/7", []),
    ("xyzzy", []),
]


def test_scorer_gives_the_scores_of_lunr_py_query_engine(shipped):
    out, _docs, searcher = shipped
    index = load_index(serialize_index(build_index(build_documents(load_dataset(REPO), load_synonyms(REPO))[0])))
    nonempty = 0
    for term, groups in LUNR_TERMS:
        ours = {searcher.scorer.ref(d): v for d, v in searcher.scorer.term_scores(term, groups).items()}
        theirs = lunr_term_scores(index, term, groups)
        assert ours.keys() == theirs.keys(), term
        for ref, score in theirs.items():
            assert ours[ref] == pytest.approx(score, rel=1e-12), (term, ref)
        nonempty += bool(theirs)
    assert nonempty >= 7


def test_abogado_finds_legal_help(shipped):
    _out, docs, s = shipped
    hits = s.search("abogado")
    assert hits and set(_areas(docs, hits[:5])) == {"legal"}


def test_asesoria_without_accent_finds_asesoria(shipped):
    _out, docs, s = shipped
    assert s.search("asesoria") == s.search("asesoría") != []


def test_shelter_finds_housing(shipped):
    _out, docs, s = shipped
    assert _areas(docs, s.search("shelter")[:5]).count("housing") >= 3


def test_confidential_locations_only_at_their_city_centre(shipped):
    _out, docs, _s = shipped
    ds = load_dataset(REPO)
    org_by_id = {o["i"]: o for o in docs["o"]}
    seen = 0
    for org in ds.organizations:
        for i, loc in enumerate(org.get("locations") or []):
            entry = org_by_id[org["id"]]["L"][i]
            if loc.get("confidential"):
                seen += 1
                centre = city_centre(loc["address"]["city"])
                assert entry[4] == 1
                assert (entry[1], entry[2]) == ((centre[0], centre[1]) if centre else (None, None))
    assert seen >= 3
    assert city_centre("Coeur d'Alene") == city_centres()["coeur d alene"]
    raw = json.dumps(docs)
    for org in ds.organizations:  # no street or ZIP of a confidential place anywhere in the file
        for loc in org.get("locations") or []:
            if loc.get("confidential"):
                for key in ("street", "postal_code"):
                    assert key not in loc["address"] or loc["address"][key] not in raw


def test_places_table_covers_idaho(shipped):
    out, docs, _s = shipped
    places = json.loads(out.assets["find/places.json"])
    assert len(places["z"]) == len(idaho_zips()) > 300
    lat, lon, k, n = places["z"]["83702"]
    assert places["k"][k] == "Ada" and places["n"][n] == "Boise" and abs(lat - 43.63) < 0.05
    assert places["n"][places["c"][place_key("Coeur d'Alene")][3]] == "Coeur d'Alene"
    assert places_table(["Ada"])["k"] == ["Ada"]


def test_documents_are_lean(shipped):
    _out, docs, _s = shipped
    for s in docs["s"]:
        assert set(s) <= {"o", "n", "a", "c", "p", "l", "f", "g", "k", "L", "p2"}
        assert all(v not in ([], 0, None, "") for k, v in s.items() if k not in ("o", "a"))


def test_build_documents_one_per_service_plus_one_per_organization():
    ds = load_dataset(REPO)
    index_docs, docs = build_documents(ds, Synonyms())
    services = sum(len(o["services"]) for o in ds.organizations)
    assert len(docs["s"]) == services
    assert len(index_docs) == services + len(ds.organizations)


def _spanish_case():
    """The shipped records, with one organization whose first service lost its Spanish text and speaks Spanish
    only on the organization's phone line, and whose second service has a Spanish-only word in its es text."""
    ds = load_dataset(REPO)
    org = next(
        o
        for o in sorted(ds.organizations, key=lambda o: o["id"])
        if len(o["services"]) > 1 and all(s.get("es") for s in o["services"][:2])
    )
    first, second = org["services"][0], org["services"][1]
    del first["es"]
    first.pop("phones", None)
    first.pop("languages", None)
    org["phones"] = [{"number": "2085550100", "type": "voice", "languages": ["en", "es"]}]
    second["phones"] = [{"number": "2085550101", "type": "voice", "languages": ["en"]}]
    second.pop("languages", None)
    second["es"]["description"] += " Ofrece tamales."
    return ds, org, first, second


def test_spanish_text_in_the_index_and_the_spanish_result_documents():
    ds, org, first, second = _spanish_case()
    syn = load_synonyms(REPO)
    syn.groups.append(["tamales"])  # a word of the vocabulary that only the Spanish text has
    syn.stems.append([("tamal",)])
    terms: list[tuple[list[str], list[str]]] = []
    index_docs, en = build_documents(ds, syn, terms=terms)
    _i, es = build_documents(ds, syn, "es")
    o = next(i for i, x in enumerate(en["o"]) if x["i"] == org["id"])
    refs = [i for i, s in enumerate(en["s"]) if s["o"] == o]
    svc1, svc2 = refs[0], refs[1]
    # The English result documents are unchanged: English names, no "e".
    assert en["s"][svc1]["n"] == first["name"] and "e" not in en["s"][svc1] and "e" not in en["o"][o]
    # The Spanish ones: the es name where there is one, else the English name marked "e".
    assert es["s"][svc2]["n"] == second["es"]["name"] and "e" not in es["s"][svc2]
    assert es["s"][svc1]["n"] == first["name"] and es["s"][svc1]["e"] == 1
    assert es["o"][o]["e"] == 1  # no official Spanish name: the English one
    # Offered in Spanish (flag 8): on the organization's line; not the service with its own English-only line.
    assert en["s"][svc1]["f"] & 8 and not en["s"][svc2].get("f", 0) & 8
    # The Spanish word is indexed (in `d`) and finds the service; common Spanish words ("usted") are not.
    doc = next(d for d in index_docs if d["r"] == str(svc2))
    assert "tamales" in doc["d"].split() and "usted" not in doc["d"].split()
    index = finder_index(index_docs, len(en["s"]), len(en["o"]))
    assert finder_index(index_docs, len(en["s"]), len(en["o"]), terms) == index  # with the Spanish words' terms
    assert "tamal" in terms[svc2][1]
    searcher = Searcher.from_assets(index, json.dumps(en))
    assert [h.ref for h in searcher.search("tamales")] == [svc2]


def test_program_cards_mark_services_offered_in_spanish():
    import datetime as dt

    from generator.present.views import card

    ds, org, first, second = _spanish_case()
    today = dt.date(2026, 12, 1)
    assert card(org, [first], ds.taxonomy, today).spanish
    assert not card(org, [second], ds.taxonomy, today).spanish


# ---------------------------------------------------------------------------------------------- lunr.js


def test_lunr_js_is_the_vendored_2_3_9_without_comments():
    js = lunr_js().decode()
    assert js.startswith("/**\n * lunr - http://lunrjs.com")
    assert 'lunr.version = "2.3.9"' in js
    assert len(js) < 50_000


def test_strip_js_comments_keeps_code_and_header():
    src = (
        "/**\n * header\n */\n// note\n  var a = '/* not a comment */'; // tail stays\n\n  /* block\n   more */\nb()\n"
    )
    assert strip_js_comments(src) == "/**\n * header\n */\nvar a = '/* not a comment */'; // tail stays\nb()\n"


def test_a_spanish_edition_takes_every_word_from_the_es_table():
    out = produce(load_dataset(REPO), {"language": "es"})
    page = out.pages["find/index.md"]
    es = load_strings(REPO)["es"]
    for key in (
        "title",
        "search_label",
        "place_label",
        "use_location",
        "filters",
        "results_heading",
        "noscript",
        "browse_heading",
    ):
        assert str(escape(es[key])) in page, key  # escaped by the template (markupsafe)
    strings = json.loads(html.unescape(re.search(r'data-strings="([^"]*)"', page).group(1)))
    assert strings["count_many"] == es["count_many"] and strings["months"][0] == "enero"
    assert load_strings(REPO)["en"]["title"] not in page


def test_the_cli_does_not_import_nltk_and_nltk_still_imports():
    """lunr.py looks for nltk when imported, which cost ~0.35 s of every `ccci` command (issue 15); the finder
    does not use lunr's nltk languages, so generator/finder imports lunr with that lookup answered "no". The
    words the finder stems are the same when nltk was imported first, and nltk stays importable."""
    words = "housing shelters running legal advocates"
    script = (
        "import sys\n{first}"
        "import generator.cli.data\n"
        "from generator.finder.text import stems_of\n"
        "print('nltk' in sys.modules, stems_of({words!r}))\n"
        "import nltk\n"
        "print(nltk.__name__)\n"
    )
    plain = subprocess.run(
        [sys.executable, "-c", script.format(first="", words=words)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    with_nltk = subprocess.run(
        [sys.executable, "-c", script.format(first="import nltk\n", words=words)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert plain[0].startswith("False ")  # not imported by the CLI
    assert plain[0].split(" ", 1)[1] == with_nltk[0].split(" ", 1)[1]  # the same stems either way
    assert plain[1] == with_nltk[1] == "nltk"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2**30 - 1), max_size=60))
def test_postings_come_back_as_written(numbers):
    text = encode(numbers)
    assert decode(text) == numbers
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")  # no JSON escapes


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=1023), max_size=60))
def test_postings_under_1024_come_back_as_written(numbers):
    """Lists of numbers under 1024 (most of them) are written from a table, not number by number."""
    assert decode(encode(numbers)) == numbers


def test_postings_are_short_and_refuse_what_is_not_postings():
    assert encode([0, 31, 32, 1023, 1024]) == "A" + "f" + "gB" + "_f" + "ggB"  # 5 bits a character, low first
    assert len(encode([3, 17] * 100)) == 200  # small steps and weights: one character each
    for numbers in ([-1], [5, -1, 2000]):
        with pytest.raises(ValueError, match="non-negative"):
            encode(numbers)
    with pytest.raises(ValueError, match="not a postings character"):
        decode("AB*")
    with pytest.raises(ValueError, match="middle of a number"):
        decode("Ag")

"""One source of truth per policy (issue 9 §2): each policy is decided by one module of generator/present/, and
two outputs that show the same fact agree because they both ask that module. Real producers, real records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import data as cli_data
from generator.finder import documents as finder_documents
from generator.finder import page as finder_page
from generator.finder.produce import produce as finder_produce
from generator.opendata import export, hsds_import
from generator.present import coverage, labels, phones, services, urls, views
from generator.records import clock, rules
from generator.records.dataset import load_dataset
from generator.records.validate import validate_records
from generator.site import pages
from generator.site.render import Site
from tests.helpers import FIXTURES, REPO, make_project

TODAY = dt.date(2026, 11, 28)
SETTINGS = {"today": TODAY, "site_name": "Test"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("policies") / "project", FIXTURES / "valid")
    shutil.copytree(REPO / "data" / "search", root / "data" / "search")  # the finder's producer reads it
    shutil.copy(FIXTURES / "export" / "example-full-record.yaml", root / "data" / "organizations")
    return root


@pytest.fixture(scope="module")
def outputs(project: Path):
    ds = load_dataset(project)
    site = pages.produce(ds, SETTINGS)
    finder = finder_produce(ds, SETTINGS)
    docs = json.loads(finder.assets["find/docs.json"])
    rows = list(csv.DictReader(io.StringIO(export.files(ds, "csv")["services.csv"].decode("utf-8"))))
    return ds, site.pages, docs, rows


def _schema_enum(pointer: str) -> list[str]:
    node = json.loads((REPO / "schema" / "organization.schema.json").read_text(encoding="utf-8"))
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return list(node["enum"])


# ---------------------------------------------------------------------------------------------- labels


@pytest.mark.parametrize("pointer", sorted(labels.ENUMS))
def test_every_schema_code_has_exactly_one_word(pointer: str) -> None:
    assert list(labels.ENUMS[pointer]) == _schema_enum(pointer)


def test_the_plain_phone_words_cover_the_same_codes() -> None:
    assert set(labels.PHONE_KINDS) == set(labels.PHONE_ACTIONS) and set(labels.DAYS_SHORT) == set(labels.DAYS)


def test_an_unknown_code_is_refused_by_validation_and_never_dropped_by_a_page(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", FIXTURES / "valid")
    record = (FIXTURES / "export" / "example-full-record.yaml").read_text(encoding="utf-8")
    assert "accessibility: [wheelchair-accessible, elevator]" in record
    bad = record.replace("[wheelchair-accessible, elevator]", "[wheelchair-accessible, moat]")
    (root / "data" / "organizations" / "example-full-record.yaml").write_text(bad, encoding="utf-8")
    problems = validate_records(root, on=TODAY).problems
    assert any(p.is_error and "accessibility" in p.json_path and "moat" in p.message for p in problems), problems
    loc = {"id": "x", "address": {"city": "Boise", "state": "ID"}, "accessibility": ["elevator", "moat"]}
    with pytest.raises(labels.UnknownCode, match="moat"):
        views.place_view(loc)


def test_the_page_and_the_csv_use_the_same_fee_words(outputs) -> None:
    ds, site_pages, _docs, rows = outputs
    shelter = next(r for r in rows if r["service_id"] == "shelter")
    assert shelter["fees"] == labels.FEES["sliding-scale"]
    assert labels.FEES["sliding-scale"] in site_pages["org/example-full-record.md"]


# ---------------------------------------------------------------------------------------------- phones


def test_one_number_is_written_one_way_on_the_page_in_the_csv_and_in_the_finder(outputs) -> None:
    ds, site_pages, docs, rows = outputs
    org = next(o for o in ds.organizations if o["id"] == "example-full-record")
    number = next(p["number"] for s in org["services"] for p in s.get("phones", []) if p.get("type") == "hotline")
    shown = phones.display(number)
    assert shown == "208-555-0145" and phones.e164(shown) == number  # storage stays E.164
    page = site_pages["org/example-full-record.md"]
    assert f'href="tel:{number}">Call {shown}</a>' in page
    shelter = next(r for r in rows if r["service_id"] == "shelter")
    assert shelter["service_phones"].startswith(f"{shown} (crisis line")
    entries = [p for s in docs["s"] for p in s.get("p2", [])] + [p for o in docs["o"] for p in o.get("p", [])]
    assert [number, "c", shown] in entries
    for entry in entries:  # every number the finder shows, it shows as the pages do
        assert entry[2] == phones.display(entry[0]), entry


@pytest.mark.parametrize(
    "number, shown",
    [("+12086306601", "208-630-6601"), ("+18883737888", "1-888-373-7888"), ("988", "988"), ("233733", "233733")],
)
def test_display_and_storage_round_trip(number: str, shown: str) -> None:
    assert phones.display(number) == shown and phones.e164(shown) == number


def test_the_finder_script_has_no_phone_formatter_of_its_own() -> None:
    parts = sorted((REPO / "generator" / "finder" / "static" / "src").glob("*.js"))
    js = "".join(p.read_text(encoding="utf-8") for p in parts)
    assert "showNumber" not in js and "var shown = p[2]" in js


# ---------------------------------------------------------------------------------------------- services


def test_the_finder_and_the_pages_agree_on_scope_counties_24_7_walk_in_and_contact(outputs) -> None:
    ds, _pages, docs, _rows = outputs
    site = Site(ds, SETTINGS, TODAY)
    counties = docs["t"]["k"]
    pairs = {(o["id"], s["name"]): (o, s) for o, s in services.all_services(ds)}
    orgs = {o["i"]: o for o in docs["o"]}
    checked = 0
    for s in docs["s"]:
        org, svc = pairs[(docs["o"][s["o"]]["i"], s["n"])]
        kind = services.scope(svc)
        assert s.get("g", 0) == services.SCOPE_ORDER[kind]
        finder_counties = {counties[i][0] for i in s.get("k", [])}
        page_counties = {c for c, found in site.in_county.items() if any(x[1] is svc for x in found)}
        assert (
            finder_counties
            == page_counties
            == (services.served_counties(svc, ds.taxonomy) if kind == "local" else set())
        )
        assert bool(s.get("f", 0) & finder_page.FLAG_ALLDAY) == services.always_open(svc)
        assert bool(s.get("f", 0) & finder_page.FLAG_WALKIN) == services.walk_in(svc)
        assert bool(s.get("f", 0) & finder_page.FLAG_FREE) == services.free(svc)
        card = views.card(org, [svc], ds.taxonomy, TODAY)
        assert card.always_open == services.always_open(svc)
        assert (not orgs[org["id"]].get("u")) == card.contact == services.has_contact(org)
        checked += 1
    assert checked == len(pairs) >= 6


def test_a_fax_or_an_unsafe_link_is_no_way_to_reach_a_listing_anywhere(outputs) -> None:
    ds = outputs[0]
    svc = {"id": "s", "name": "S", "service_area": "housing", "coverage": {"scope": "statewide"}}
    org = {
        "id": "x",
        "name": "X",
        "phones": [{"number": "+12085550100", "type": "fax"}],
        "website": "http://x.test/",
        "services": [svc],
    }
    card = views.card(org, [svc], ds.taxonomy, TODAY)
    assert not services.has_contact(org) and not card.contact and card.phones == []
    assert coverage.has_contact is services.has_contact and finder_documents.reachable is services.has_contact
    org["phones"][0]["type"] = "voice"
    assert services.has_contact(org) and views.card(org, [svc], ds.taxonomy, TODAY).contact


# ---------------------------------------------------------------------------------------------- urls


def test_one_slug_for_pages_ccci_new_and_the_hsds_import() -> None:
    assert cli_data.slug is urls.slug and hsds_import.slug is urls.slug
    assert urls.slug("St. Luke’s & Co-op, Coeur d'Alene") == "st-lukes-and-co-op-coeur-dalene"
    assert urls.slug("Nez Perce") == "nez-perce" and pages.county_path("Bear Lake") == "counties/bear-lake.md"
    assert urls.slug("x" * 100) == "x" * 80 and urls.slug("x" * 100, 60) == "x" * 60 and urls.slug("&") == "and"


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_finder_and_the_pages_link_the_same_way(outputs, directory_urls: bool) -> None:
    ds = outputs[0]
    link = Site(ds, {**SETTINGS, "use_directory_urls": directory_urls}, TODAY).linker(finder_page.PAGE)
    for target in ("org/example-full-record.md", "regions/index.md", "areas/housing.md", "index.md"):
        assert (
            finder_page.link_from_finder(target, directory_urls)
            == link(target)
            == urls.link(finder_page.PAGE, target, directory_urls)
        )


def test_the_finder_page_links_records_as_the_record_pages_live(outputs) -> None:
    ds, site_pages, _docs, _rows = outputs
    md = finder_produce(ds, SETTINGS).pages[finder_page.PAGE]
    org_url = re.search(r'data-org-url="([^"]+)"', md)
    assert org_url and org_url.group(1) == urls.link(finder_page.PAGE, "org/{id}.md")
    assert "org/example-full-record.md" in site_pages


# ---------------------------------------------------------------------------------------------- staleness


@pytest.mark.parametrize("age, stale", [(clock.STALE_DAYS, False), (clock.STALE_DAYS + 1, True)])
def test_validation_and_the_page_agree_on_stale(tmp_path: Path, age: int, stale: bool) -> None:
    assert views.STALE_DAYS is rules.STALE_DAYS is clock.STALE_DAYS
    root = make_project(tmp_path / "p")
    record = (FIXTURES / "export" / "example-full-record.yaml").read_text(encoding="utf-8")
    when = (TODAY - dt.timedelta(days=age)).isoformat()
    record = record.replace('last_verified: "2026-10-01"', f'last_verified: "{when}"')
    (root / "data" / "organizations" / "example-full-record.yaml").write_text(record, encoding="utf-8")
    warned = any(p.rule == "verification-stale" for p in validate_records(root, on=TODAY).problems)
    org = load_dataset(root).organizations[0]
    assert warned == stale and (views.verification(org, TODAY).state == "stale") == stale

"""The dataset: organization records and the taxonomy they refer to, as plain data.

Records stay the dicts the YAML holds (the schema is the type); this module only finds, loads and indexes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import Loaded, load_yaml_file
from .problems import Problem

ORG_DIR = Path("data") / "organizations"
TAXONOMY_DIR = Path("data") / "taxonomy"
SCHEMA_DIR = Path("schema")
TAXONOMY_FILES = {
    "service_areas": "service_areas.yaml",
    "populations": "populations.yaml",
    "languages": "languages.yaml",
    "regions": "regions.yaml",
}


@dataclass
class Taxonomy:
    """Service areas (with subcategories), populations, languages and regions, indexed by id."""

    service_areas: dict[str, dict[str, Any]] = field(default_factory=dict)
    subcategories: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    populations: dict[str, dict[str, Any]] = field(default_factory=dict)
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)
    regions: dict[str, dict[str, Any]] = field(default_factory=dict)
    county_region: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_data(cls, docs: dict[str, Any]) -> Taxonomy:
        tax = cls()
        for area in (docs.get("service_areas") or {}).get("service_areas") or []:
            tax.service_areas[area["id"]] = area
            for sub in area.get("subcategories") or []:
                tax.subcategories[sub["id"]] = (area["id"], sub)
        tax.populations = {p["id"]: p for p in (docs.get("populations") or {}).get("populations") or []}
        tax.languages = {x["code"]: x for x in (docs.get("languages") or {}).get("languages") or []}
        for region in (docs.get("regions") or {}).get("regions") or []:
            tax.regions[region["id"]] = region
            for county in region.get("counties") or []:
                tax.county_region[county] = region["id"]
        return tax

    def area_name(self, area_id: str) -> str:
        return str(self.service_areas.get(area_id, {}).get("name", area_id))

    def language_name(self, code: str) -> str:
        return str(self.languages.get(code, {}).get("name", code))


@dataclass
class Dataset:
    """Everything under `root/data`, loaded. `organizations` is sorted by id; `problems` holds load failures."""

    root: Path
    organizations: list[dict[str, Any]] = field(default_factory=list)
    taxonomy: Taxonomy = field(default_factory=Taxonomy)
    files: dict[str, Loaded] = field(default_factory=dict)  # display path -> Loaded
    taxonomy_files: dict[str, Loaded] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    retired: list[dict[str, Any]] = field(default_factory=list)  # set by redact.publishable: closed or merged

    def by_id(self) -> dict[str, dict[str, Any]]:
        return {o["id"]: o for o in self.organizations if isinstance(o, dict) and isinstance(o.get("id"), str)}


def is_retired(org: Any) -> bool:
    """A record `ccci retire` marked closed or merged: it keeps a page but leaves lists, the finder and exports."""
    return isinstance(org, dict) and isinstance(org.get("retired"), dict)


def display_path(path: Path, root: Path) -> str:
    """The path as a maintainer would type it: relative to the project when inside it."""
    try:
        return path.relative_to(root).as_posix()  # files found under root need no resolving
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def organization_files(root: Path) -> list[Path]:
    return sorted((root / ORG_DIR).glob("*.yaml"))


def load_taxonomy(root: Path) -> tuple[dict[str, Any], dict[str, Loaded]]:
    docs: dict[str, Any] = {}
    loaded: dict[str, Loaded] = {}
    for key, name in TAXONOMY_FILES.items():
        path = root / TAXONOMY_DIR / name
        shown = display_path(path, root)
        result = load_yaml_file(path, shown)
        loaded[shown] = result
        docs[key] = result.data if isinstance(result.data, dict) else {}
    return docs, loaded


def load_dataset(root: Path, paths: list[Path] | None = None) -> Dataset:
    """Load the taxonomy and organization files (all of data/organizations, or just `paths`).

    Files that fail to parse are reported in `problems` and left out of `organizations`.
    Taxonomy is indexed defensively here; `validate` checks its shape against the schema.
    """
    root = Path(root)
    ds = Dataset(root=root)
    docs, ds.taxonomy_files = load_taxonomy(root)
    for result in ds.taxonomy_files.values():
        ds.problems.extend(result.problems)
    try:
        ds.taxonomy = Taxonomy.from_data(docs)
    except (KeyError, TypeError, AttributeError):
        ds.taxonomy = Taxonomy()  # validate reports the broken taxonomy file by schema
    for path in paths if paths is not None else organization_files(root):
        shown = display_path(path, root)
        result = load_yaml_file(path, shown)
        ds.files[shown] = result
        ds.problems.extend(result.problems)
        if isinstance(result.data, dict):
            ds.organizations.append(result.data)
    ds.organizations.sort(key=lambda o: str(o.get("id", "")))
    return ds

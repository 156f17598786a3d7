"""The dataset: organization records and the taxonomy they refer to, as plain data.

Records stay the dicts the YAML holds (the schema is the type); this module only finds, loads and indexes them.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.records.load import Loaded, load_yaml_file
from generator.records.problems import ERROR, Problem

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
    # True for the copy redact.publishable made: every record already public, so publishing it again is a no-op
    # (each producer starts from publishable(); at 10,000 records a second deep copy costs seconds and memory).
    public: bool = False

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
    """The record files: data/organizations/*.yaml, never through a symbolic link (`data_problems` reports
    links, and files in the wrong place, so none is silently left out)."""
    folder = root / ORG_DIR
    return [folder / name for name in organization_names(root)]


def organization_names(root: Path) -> list[str]:
    """The names of `organization_files`, sorted (for a caller that needs no Path per file: 10,000 Paths, and
    their text for os.stat, were a fifth of re-checking one changed record)."""
    folder = root / ORG_DIR
    if link_on_path(folder, root) is not None:
        return []
    try:
        with os.scandir(folder) as found:  # the entries know if they are links or files: no stat per file
            return sorted(e.name for e in found if e.name.endswith(".yaml") and e.is_file(follow_symlinks=False))
    except OSError:
        return []


def link_on_path(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from `root` down to `path` (itself included), or None.

    Writers (`fmt`, `verify`, ...) call this before writing: a link would make them write outside the project."""
    root = Path(root)
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return path if Path(path).is_symlink() else None
    here = root
    for part in rel.parts:
        here = here / part
        if here.is_symlink():
            return here
    return None


def link_refusal(path: Path, root: Path) -> str | None:
    """The error a writer prints instead of writing `path` through a symbolic link, or None when it may write."""
    link = link_on_path(path, root)
    if link is None and not Path(path).is_symlink():
        return None
    shown = display_path(link if link is not None else Path(path), root)
    return (
        f"{shown}:1:1: error: is a symbolic link; ccci does not write through links (it could change a file "
        "outside the project): replace the link with the file itself (symlink)"
    )


# Where each kind of data file lives; anything else under data/ is reported, never silently skipped.
_DATA_FOLDERS = {"organizations": None, "taxonomy": set(TAXONOMY_FILES.values()), "search": None}
_IGNORED = {".gitkeep", ".DS_Store", "README.md"}


def data_problems(root: Path, docs: Path | None = None) -> list[Problem]:
    """Symbolic links in data/ or docs/ (they can publish, or let `ccci` overwrite, files outside the project),
    and data files that no command would read: a `.yml` record, a misspelt folder, a file in a subfolder."""
    root = Path(root)
    problems: list[Problem] = []

    def problem(path: Path, message: str, rule: str) -> None:
        problems.append(Problem(display_path(path, root), 1, 1, ERROR, "$", message, rule))

    orgs = root / ORG_DIR
    for top in (root / "data", docs if docs is not None else root / "docs"):
        if top.is_symlink():
            problem(
                top,
                "is a symbolic link: ccci refuses links in data/ and docs/, since they can publish, or "
                "overwrite, files outside the project: replace the link with the folder itself",
                "symlink",
            )
            continue
        stack = [top]
        while stack:  # depth first, in name order, never through a link
            here = stack.pop()
            try:
                with os.scandir(here) as found:
                    entries = sorted(found, key=lambda e: e.name)
            except OSError:
                continue
            subfolders = []
            for entry in entries:
                if entry.is_symlink():
                    problem(
                        Path(entry.path),
                        "is a symbolic link: ccci refuses links in data/ and docs/, since "
                        "they can publish, or overwrite, files outside the project: replace the link with the "
                        "file itself",
                        "symlink",
                    )
                elif entry.is_dir():
                    subfolders.append(Path(entry.path))
                elif top.name == "data" and entry.name not in _IGNORED:
                    if here == orgs and entry.name.endswith(".yaml"):
                        continue  # a record where records live (the usual case, decided without a Path)
                    message = _stray(Path(entry.path).relative_to(top))
                    if message:
                        problem(Path(entry.path), message, "stray-file")
            stack.extend(reversed(subfolders))
    return problems


def _stray(rel: Path) -> str | None:
    """Why a file under data/ would be left out, or None when a command reads it."""
    parts, suffix = rel.parts, rel.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        return None
    folder = parts[0] if len(parts) > 1 else ""
    if len(parts) == 2 and folder in _DATA_FOLDERS and suffix == ".yaml":
        names = _DATA_FOLDERS[folder]
        if names is None or parts[1] in names:
            return None
        return (
            f"is not one of the taxonomy files ({', '.join(sorted(names))}), so nothing reads it: rename or remove it"
        )
    if len(parts) == 2 and folder in _DATA_FOLDERS and suffix == ".yml":
        return f"ends in .yml, so it is left out: rename it to {rel.stem}.yaml"
    known = ", ".join(f"data/{k}/" for k in _DATA_FOLDERS)
    if len(parts) > 2 and folder in _DATA_FOLDERS:
        return f"is in a subfolder, so it is left out: move it to data/{folder}/"
    close = difflib.get_close_matches(folder, list(_DATA_FOLDERS), n=1) if folder else []
    hint = f" (did you mean data/{close[0]}/?)" if close else ""
    return f"is not in a folder ccci reads ({known}), so it is left out: move it{hint}"


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

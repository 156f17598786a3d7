"""Validation: load -> schema (layer 1) -> dataset rules (layer 2) -> one sorted list of problems."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ERROR, Problem
from .records import SCHEMA_DIR, TAXONOMY_FILES, Dataset, load_dataset
from .rules import RECORD_RULES, Ctx, check_across
from .schema_check import check_schema

ORG_SCHEMA = "organization.schema.json"
IDAHO_COUNTY_COUNT = 44


@dataclass
class ValidationResult:
    problems: list[Problem]
    files: int
    dataset: Dataset
    organizations: int = 0
    errors: int = field(init=False)
    warnings: int = field(init=False)

    def __post_init__(self) -> None:
        self.problems = sorted(set(self.problems))
        self.errors = sum(p.is_error for p in self.problems)
        self.warnings = len(self.problems) - self.errors

    @property
    def ok(self) -> bool:
        return self.errors == 0


def today() -> dt.date:
    """Today, or CCCI_TODAY=YYYY-MM-DD (so tests and reviews of old data are repeatable)."""
    forced = os.environ.get("CCCI_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()


def _check_taxonomy(ds: Dataset) -> list[Problem]:
    out: list[Problem] = []
    for shown, loaded in ds.taxonomy_files.items():
        if loaded.data is None:
            continue
        name = shown.rsplit("/", 1)[-1].removesuffix(".yaml")
        out += check_schema(loaded, ds.root / SCHEMA_DIR / f"{name}.schema.json")
    regions = next((x for s, x in ds.taxonomy_files.items() if s.endswith(TAXONOMY_FILES["regions"])), None)
    if regions is not None and regions.data is not None and len(ds.taxonomy.county_region) != IDAHO_COUNTY_COUNT:
        out.append(Problem(regions.path, 1, 1, ERROR, "$.regions", f"the regions list "
                           f"{len(ds.taxonomy.county_region)} counties; Idaho has {IDAHO_COUNTY_COUNT}: each "
                           "county belongs to exactly one region", "county-count"))
    return out


def validate_project(root: Path, paths: list[Path] | None = None, on: dt.date | None = None) -> ValidationResult:
    """Validate the taxonomy and organization records under `root` (or only `paths`), collecting every problem.

    Cross-record rules (unique ids, likely duplicates) always look at the whole data/organizations folder, so
    checking one file still catches a clash with another.
    """
    root = Path(root)
    day = on or today()
    ds = load_dataset(root, paths)
    problems = list(ds.problems) + _check_taxonomy(ds)
    schema = root / SCHEMA_DIR / ORG_SCHEMA
    for loaded in ds.files.values():
        if not isinstance(loaded.data, dict):
            if loaded.data is not None:
                problems.append(Problem(loaded.path, 1, 1, ERROR, "$", "the file must be a mapping of fields "
                                        "(id:, name:, ...), not a list or text", "type"))
            continue
        problems += check_schema(loaded, schema)
        ctx = Ctx(loaded, ds.taxonomy, day)
        for rule in RECORD_RULES:
            problems += rule(loaded.data, ctx)
    whole = ds if paths is None else load_dataset(root)
    cross = list(check_across(whole, whole.files))
    if paths is not None:
        wanted = set(ds.files)
        cross = [p for p in cross if p.path in wanted]
    problems += cross
    return ValidationResult(problems, files=len(ds.files), dataset=ds, organizations=len(ds.organizations))

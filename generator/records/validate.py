"""Validation: load -> schema (layer 1) -> dataset rules (layer 2) -> one sorted list of problems.

Each file is checked on its own (`check_file`), so large datasets are spread over the machine's cores; the
rules that look across files (unique ids, likely duplicates) then run on the small `Facts` each file yields.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.records.clock import today
from generator.records.dataset import (
    SCHEMA_DIR,
    TAXONOMY_FILES,
    Dataset,
    Taxonomy,
    data_problems,
    display_path,
    load_taxonomy,
    organization_files,
)
from generator.records.geo import idaho_zips
from generator.records.load import Loaded, comment_problems, load_yaml_file
from generator.records.problems import ERROR, Problem, json_path
from generator.records.rules import RECORD_RULES, Ctx
from generator.records.rules_across import Facts, Locate, check_across, facts_of
from generator.records.rules_safety import duplicate_items, text_problems, unique_list_keys
from generator.records.schema_check import check_schema, is_valid, validator_for

ORG_SCHEMA = "organization.schema.json"
IDAHO_COUNTY_COUNT = 44
MAX_PER_FILE = 100  # problems reported for one file: a file of 50,000 bad items is one fix, and stays fast
PARALLEL_FROM = 800  # files; below this, starting workers costs more than it saves


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


@dataclass
class FileResult:
    path: str
    data: Any
    problems: list[Problem]
    facts: Facts


def check_file(path: Path, shown: str, taxonomy: Taxonomy, day: dt.date, schema: Path) -> FileResult:
    """Load one record and run the schema and every per-record rule on it."""
    loaded = load_yaml_file(path, shown)
    problems = list(loaded.problems) + comment_problems(loaded)
    data = loaded.data
    if isinstance(data, dict):
        ctx = Ctx(loaded, taxonomy, day, schema)
        found = itertools.chain(check_schema(loaded, schema, MAX_PER_FILE + 1),
                                *(rule(data, ctx) for rule in RECORD_RULES))
        more = list(itertools.islice(found, MAX_PER_FILE + 1))  # rules are lazy: stop looking after enough
        if len(more) > MAX_PER_FILE:
            more = more[:MAX_PER_FILE] + [Problem(shown, 1, 1, ERROR, "$", f"more than {MAX_PER_FILE} problems in "
                                                  f"this file; only the first {MAX_PER_FILE} are shown: fix them "
                                                  "and run again", "too-many-problems")]
        problems += more
    elif data is not None:
        problems.append(Problem(shown, 1, 1, ERROR, "$", "the file must be a mapping of fields (id:, name:, ...), "
                                "not a list or text", "type"))
    return FileResult(shown, data if isinstance(data, dict) else None, problems, facts_of(loaded))


_JOB: dict[str, Any] = {}


def _check_chunk(chunk: list[tuple[Path, str]]) -> list[FileResult]:
    return [check_file(p, s, _JOB["taxonomy"], _JOB["day"], _JOB["schema"]) for p, s in chunk]


def _check_all(files: list[tuple[Path, str]], taxonomy: Taxonomy, day: dt.date, schema: Path) -> list[FileResult]:
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [check_file(p, s, taxonomy, day, schema) for p, s in files]
    _JOB.update(taxonomy=taxonomy, day=day, schema=schema)  # inherited by the forked workers
    idaho_zips(), is_valid({}, schema), validator_for(schema)  # warm the caches once, before forking
    size = max(50, len(files) // (workers * 4))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [r for part in pool.map(_check_chunk, chunks) for r in part]


def _text_checks(loaded: Loaded, schema_file: Path | None) -> list[Problem]:
    """Control characters and repeated list items in a taxonomy or search file (records get these as rules)."""
    def at(parts: tuple[Any, ...], message: str, rule: str) -> Problem:
        line, col = loaded.locate(parts)
        return Problem(loaded.path, line, col, ERROR, json_path(parts), message, rule)

    out = list(text_problems(loaded.data, at))
    if schema_file is not None and schema_file.is_file():
        out += duplicate_items(loaded.data, unique_list_keys(str(schema_file.resolve())), at)
    return out


def _check_taxonomy(root: Path) -> tuple[Taxonomy, list[Problem]]:
    docs, loaded = load_taxonomy(root)
    problems: list[Problem] = []
    for shown, result in loaded.items():
        problems += result.problems
        if result.data is None:
            continue
        name = shown.rsplit("/", 1)[-1].removesuffix(".yaml")
        schema_file = root / SCHEMA_DIR / f"{name}.schema.json"
        problems += check_schema(result, schema_file)
        problems += _text_checks(result, schema_file)
    if problems:
        return Taxonomy(), problems
    taxonomy = Taxonomy.from_data(docs)
    if len(taxonomy.county_region) != IDAHO_COUNTY_COUNT:
        shown = display_path(root / "data" / "taxonomy" / TAXONOMY_FILES["regions"], root)
        problems.append(Problem(shown, 1, 1, ERROR, "$.regions", f"the regions list {len(taxonomy.county_region)} "
                                f"counties; Idaho has {IDAHO_COUNTY_COUNT}: each county belongs to exactly one region",
                                "county-count"))
    return taxonomy, problems


def _locator(files: dict[str, Path]) -> Locate:
    """Positions for cross-record problems: read again only the files that have one."""
    cache: dict[str, Loaded] = {}

    def locate(shown: str, parts: tuple[Any, ...]) -> tuple[int, int]:
        if shown not in cache:
            cache[shown] = load_yaml_file(files[shown], shown)
        return cache[shown].locate(parts)

    return locate


def validate_records(root: Path, paths: list[Path] | None = None, on: dt.date | None = None) -> ValidationResult:
    """Validate the taxonomy and organization records under `root` (or only `paths`), collecting every problem.
    (generator/build/check.py adds the finder's own data files: `validate_project`.)

    Cross-record rules always look at the whole data/organizations folder, so checking one file still catches a
    clash with another; only problems in the files asked about are reported.
    """
    root = Path(root)
    day = on or today()
    taxonomy, problems = _check_taxonomy(root)
    problems += data_problems(root)  # symbolic links, and data files in no folder ccci reads
    if (root / "data" / "search").is_dir():
        for path in sorted((root / "data" / "search").glob("*.yaml")):
            if not path.is_symlink():
                problems += _text_checks(load_yaml_file(path, display_path(path, root)), None)
    schema = root / SCHEMA_DIR / ORG_SCHEMA
    shown = {display_path(p, root): p for p in organization_files(root)}
    wanted = set(shown)
    if paths is not None:
        asked = {display_path(p, root): p for p in paths}
        shown.update(asked)
        wanted = set(asked)
    results = _check_all([(shown[s], s) for s in sorted(shown)], taxonomy, day, schema)
    mine = [r for r in results if r.path in wanted]
    for r in mine:
        problems += r.problems
    problems += [p for p in check_across([r.facts for r in results], _locator(shown)) if p.path in wanted]
    orgs = sorted((r.data for r in mine if r.data is not None), key=lambda o: str(o.get("id", "")))
    dataset = Dataset(root=root, organizations=orgs, taxonomy=taxonomy)
    return ValidationResult(problems, files=len(mine), dataset=dataset, organizations=len(orgs))

"""`validate_project`: every check a build or `ccci validate` runs, in one sorted list of located problems.

The records (generator/records/validate.py: taxonomy, schema, dataset rules) plus the finder's own data files
(generator/finder/text.py: synonyms.yaml, words.yaml, strings.yaml), so a bad file of either kind stops the
build with file:line:col instead of failing inside it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.finder.text import check_search_data
from generator.records.validate import ValidationResult, validate_records


def validate_project(
    root: Path,
    paths: list[Path] | None = None,
    on: dt.date | None = None,
    *,
    use_cache: bool = True,
    keep_data: bool = True,
) -> ValidationResult:
    """Validate the records under `root` (or only `paths`) and the finder's data files (`use_cache`,
    `keep_data`: see `validate_records`)."""
    result = validate_records(root, paths, on, use_cache=use_cache, keep_data=keep_data)
    if not (Path(root) / "data" / "search").is_dir():
        return result
    return ValidationResult(
        result.problems + check_search_data(Path(root)),
        files=result.files,
        dataset=result.dataset,
        organizations=result.organizations,
    )

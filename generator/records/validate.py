"""Validation: load -> schema (layer 1) -> dataset rules (layer 2) -> one sorted list of problems.

Each file is checked on its own (`check_file`), so large datasets are spread over the machine's cores; the
rules that look across files (unique ids, likely duplicates) then run on the small `Facts` each file yields.

Files not asked about (`ccci validate one.yaml`) are only read for their `Facts`, never checked. A cache
(.cache/ccci/validate.json, see `CACHE_FILE`) keeps each file's problems and facts under the hash (BLAKE2) of its
bytes and a version key (schema and taxonomy files, the rules' code, today's date): a file whose bytes changed,
or any change of the version, means its results are worked out again; a stale entry is never used.

As git's index does, an entry also keeps the file's stat (size, modification and change times in ns, inode):
while they are the same, the file is not read again to be hashed (reading 10,000 small files is about 0.5 s,
half of re-checking one changed record). Any write changes the change time, which no program can set back, so a
changed file never matches. The stat is kept only for a file last changed `RACY_NS` before it was read: a write
in the same tick of a coarse file-system clock (1 or 2 s) could otherwise leave every time as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from generator import __version__
from generator.records.clock import today
from generator.records.dataset import (
    ORG_DIR,
    SCHEMA_DIR,
    TAXONOMY_FILES,
    Dataset,
    Taxonomy,
    data_problems,
    display_path,
    load_taxonomy,
    organization_names,
)
from generator.records.geo import idaho_zips, use_zip_rows, zip_rows
from generator.records.load import MAX_BYTES, Loaded, comment_problems, load_yaml_bytes, load_yaml_file
from generator.records.problems import ERROR, Problem, json_path
from generator.records.rules import RECORD_RULES, Ctx
from generator.records.rules_across import Facts, Locate, check_across, facts_of
from generator.records.rules_safety import duplicate_items, text_problems, unique_list_keys
from generator.records.schema_check import check_schema, forget_changed, is_valid, keep_compiled_in, validator_for

ORG_SCHEMA = "organization.schema.json"
IDAHO_COUNTY_COUNT = 44
MAX_PER_FILE = 100  # problems reported for one file: a file of 50,000 bad items is one fix, and stays fast
PARALLEL_FROM = 800  # files to check; below this, starting workers costs more than it saves
CACHE_FILE = Path(".cache") / "ccci" / "validate.json"  # under the project root; gitignored
CACHE_FORMAT = 2
RACY_NS = 3_000_000_000  # a stat is trusted only for a file unchanged this long before it was read


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
    problems: list[Problem] | None  # None: the file was only read for its facts, not checked
    facts: Facts
    digest: str = ""  # hash of the bytes ("" when unreadable: never cached)


def check_file(path: Path, shown: str, taxonomy: Taxonomy, day: dt.date, schema: Path) -> FileResult:
    """Load one record and run the schema and every per-record rule on it."""
    return _check_loaded(load_yaml_file(path, shown), shown, taxonomy, day, schema)


def _check_loaded(loaded: Loaded, shown: str, taxonomy: Taxonomy, day: dt.date, schema: Path) -> FileResult:
    problems = list(loaded.problems) + comment_problems(loaded)
    data = loaded.data
    if isinstance(data, dict):
        ctx = Ctx(loaded, taxonomy, day, schema)
        found = itertools.chain(
            check_schema(loaded, schema, MAX_PER_FILE + 1), *(rule(data, ctx) for rule in RECORD_RULES)
        )
        more = list(itertools.islice(found, MAX_PER_FILE + 1))  # rules are lazy: stop looking after enough
        if len(more) > MAX_PER_FILE:
            more = more[:MAX_PER_FILE] + [
                Problem(
                    shown,
                    1,
                    1,
                    ERROR,
                    "$",
                    f"more than {MAX_PER_FILE} problems in "
                    f"this file; only the first {MAX_PER_FILE} are shown: fix them "
                    "and run again",
                    "too-many-problems",
                )
            ]
        problems += more
    elif data is not None:
        problems.append(
            Problem(
                shown,
                1,
                1,
                ERROR,
                "$",
                "the file must be a mapping of fields (id:, name:, ...), not a list or text",
                "type",
            )
        )
    return FileResult(shown, data if isinstance(data, dict) else None, problems, facts_of(loaded))


# ---------------------------------------------------------------------------------------------- the cache


def _facts_json(f: Facts) -> dict[str, Any]:
    return {
        "id": f.id,
        "phones": [[list(parts), num] for parts, num in f.phones],
        "website": f.website,
        "retired": f.retired,
    }


def _facts_from(shown: str, d: dict[str, Any]) -> Facts:
    return Facts(
        shown,
        d.get("id"),
        [(tuple(parts), num) for parts, num in d.get("phones", [])],
        d.get("website"),
        d.get("retired"),
    )


def _problems_json(problems: list[Problem]) -> list[list[Any]]:
    return [[p.line, p.col, p.severity, p.json_path, p.message, p.rule] for p in problems]


def _problems_from(shown: str, rows: list[list[Any]]) -> list[Problem]:
    return [Problem(shown, *row) for row in rows]


def cache_version(root: Path, day: dt.date) -> str:
    """What every cached result depends on besides the file itself: the schema and taxonomy files, the code
    of the rules (this folder), the versions of the packages they use, and the day (records go stale)."""
    h = hashlib.blake2b(f"{CACHE_FORMAT} {__version__} {day.isoformat()} {sys.version}".encode())
    for package in ("phonenumbers", "zipcodes", "geopy", "fastjsonschema", "jsonschema", "PyYAML"):
        try:
            h.update(f" {package}={version(package)}".encode())
        except PackageNotFoundError:
            h.update(f" {package}=?".encode())
    here = Path(__file__).resolve().parent
    files = sorted(here.glob("*.py"))
    for folder in (root / SCHEMA_DIR, root / "data" / "taxonomy"):
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        h.update(str(path).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"unreadable")
        h.update(b"\0")
    return h.hexdigest()


def _read_cache(root: Path, key: str) -> dict[str, Any]:
    try:
        doc = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(doc, dict) or doc.get("version") != key or not isinstance(doc.get("files"), dict):
        return {}  # another schema, taxonomy, rule set or day: every entry is stale
    use_zip_rows(doc.get("zips"))  # the Idaho ZIP codes (the key holds the zipcodes package's version)
    return doc["files"]


def _write_cache(root: Path, key: str, files: dict[str, Any]) -> None:
    """Best effort: a project that cannot be written to simply has no cache."""
    path = root / CACHE_FILE
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"version": key, "zips": zip_rows(), "files": files}
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), check_circular=False)  # (no cycles in it)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------- the work


@dataclass
class _Task:
    kind: str  # "check": schema and rules; "facts": only the cross-record facts; "data": only the record
    path: Path | str
    shown: str
    raw: bytes | None
    digest: str
    problems: list[Problem] | None = None  # "data": the problems the cache holds for these bytes
    keep: bool = True  # False: the record itself is not wanted back (only its problems and facts)
    hash: bool = False  # True: the digest is worked out from the bytes the worker reads (raw is None)


_JOB: dict[str, Any] = {}


def _read(path: Path | str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError:
        return None


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def _stat(path: Path | str, now_ns: int) -> list[int] | None:
    """The stat an entry keeps (taken before the file is read), or None when it cannot be trusted: the file
    changed within `RACY_NS` of `now_ns`, or cannot be stat'ed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if max(st.st_mtime_ns, st.st_ctime_ns) > now_ns - RACY_NS:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _run(task: _Task, taxonomy: Taxonomy, day: dt.date, schema: Path) -> FileResult:
    raw = task.raw if task.raw is not None else _read(task.path)  # read here, in the worker, when it can be
    loaded = load_yaml_file(task.path, task.shown) if raw is None else load_yaml_bytes(raw, task.shown)
    if task.kind == "check":
        result = _check_loaded(loaded, task.shown, taxonomy, day, schema)
    else:
        data = loaded.data if isinstance(loaded.data, dict) else None
        result = FileResult(task.shown, data, task.problems, facts_of(loaded))
    result.digest = task.digest or (_digest(raw) if task.hash and raw is not None else "")
    if not task.keep:  # not sent back from a worker process for nothing
        result.data = None
    return result


def _run_chunk(chunk: list[int]) -> list[FileResult]:
    tasks = _JOB["tasks"]
    return [_run(tasks[i], _JOB["taxonomy"], _JOB["day"], _JOB["schema"]) for i in chunk]


def _run_all(tasks: list[_Task], taxonomy: Taxonomy, day: dt.date, schema: Path) -> list[FileResult]:
    workers = min(os.cpu_count() or 1, 8)
    weight = sum(1 if t.kind == "check" else 0.25 for t in tasks)  # reading alone is about a quarter of a check
    if weight < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_run(t, taxonomy, day, schema) for t in tasks]
    _JOB.update(tasks=tasks, taxonomy=taxonomy, day=day, schema=schema)  # inherited by the forked workers
    idaho_zips(), is_valid({}, schema), validator_for(schema)  # warm the caches once, before forking
    size = max(50, len(tasks) // (workers * 4))
    chunks = [list(range(i, min(i + size, len(tasks)))) for i in range(0, len(tasks), size)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [r for part in pool.map(_run_chunk, chunks) for r in part]
    finally:
        _JOB.clear()


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
        problems.append(
            Problem(
                shown,
                1,
                1,
                ERROR,
                "$.regions",
                f"the regions list {len(taxonomy.county_region)} "
                f"counties; Idaho has {IDAHO_COUNTY_COUNT}: each county belongs to exactly one region",
                "county-count",
            )
        )
    return taxonomy, problems


def _locator(files: dict[str, Path | str], wanted: set[str]) -> Locate:
    """Positions for cross-record problems: read again only the asked files that have one."""
    cache: dict[str, Loaded] = {}

    def locate(shown: str, parts: tuple[Any, ...]) -> tuple[int, int]:
        if shown not in wanted:
            return (1, 1)  # not reported: no need to read it
        if shown not in cache:
            cache[shown] = load_yaml_file(files[shown], shown)
        return cache[shown].locate(parts)

    return locate


def _organizations(
    root: Path,
    shown: dict[str, Path | str],
    wanted: set[str],
    taxonomy: Taxonomy,
    day: dt.date,
    schema: Path,
    *,
    use_cache: bool,
    keep_data: bool,
) -> list[FileResult]:
    """Results for every record file: checked when asked about, else read for its facts only; from the cache
    when the file's bytes and the version key match."""
    key = cache_version(root, day) if use_cache else ""
    cached = _read_cache(root, key) if use_cache else {}
    now_ns = time.time_ns()
    done: list[FileResult] = []
    tasks: list[_Task] = []
    stats: dict[str, list[int] | None] = {}
    for s in sorted(shown):
        entry = cached.get(s)
        if not isinstance(entry, dict):
            entry = None
        stat = stats[s] = _stat(shown[s], now_ns) if use_cache else None
        same = stat is not None and entry is not None and entry.get("stat") == stat and bool(entry.get("digest"))
        raw, digest = None, ""
        if same and entry is not None:
            digest = entry["digest"]
        elif entry is not None:  # the stat changed: the bytes may not have (a checkout, a copy)
            raw = _read(shown[s])
            digest = _digest(raw) if raw is not None else ""
            if not (digest and entry.get("digest") == digest):
                entry = None
        # else nothing is known of this file: the worker that checks it reads it (and hashes it for the cache)
        problems = (
            _problems_from(s, entry["problems"]) if entry is not None and entry.get("problems") is not None else None
        )
        if s in wanted and problems is None:
            tasks.append(_Task("check", shown[s], s, raw, digest, keep=keep_data, hash=use_cache))
        elif entry is None:  # a file not asked about: its facts only, never its record
            tasks.append(_Task("facts", shown[s], s, raw, digest, keep=False, hash=use_cache))
        elif s in wanted and keep_data:
            tasks.append(_Task("data", shown[s], s, raw, digest, problems))
        else:
            done.append(FileResult(s, None, problems, _facts_from(s, entry["facts"]), digest))
    worked = _run_all(tasks, taxonomy, day, schema)
    if use_cache:
        files = {r.path: dict(cached[r.path], stat=stats[r.path]) for r in done}  # entries that held
        for r in worked:
            if r.digest:
                files[r.path] = {
                    "digest": r.digest,
                    "stat": stats[r.path],
                    "facts": _facts_json(r.facts),
                    "problems": None if r.problems is None else _problems_json(r.problems),
                }
        if files != cached:
            _write_cache(root, key, files)
    return worked + done


def validate_records(
    root: Path,
    paths: list[Path] | None = None,
    on: dt.date | None = None,
    *,
    use_cache: bool = True,
    keep_data: bool = True,
) -> ValidationResult:
    """Validate the taxonomy and organization records under `root` (or only `paths`), collecting every problem.
    (generator/build/check.py adds the finder's own data files: `validate_project`.)

    Cross-record rules always look at the whole data/organizations folder, so checking one file still catches a
    clash with another; only problems in the files asked about are reported. `use_cache`: keep and reuse
    results in `CACHE_FILE` (never a stale one); `keep_data=False`: the result's dataset may leave out records
    whose results came from the cache (`ccci validate` only reports problems).
    """
    root = Path(root)
    day = on or today()
    keep_compiled_in(root / CACHE_FILE.parent if use_cache else None)
    if forget_changed(sorted((root / SCHEMA_DIR).glob("*.json"))):
        unique_list_keys.cache_clear()
    taxonomy, problems = _check_taxonomy(root)
    problems += data_problems(root)  # symbolic links, and data files in no folder ccci reads
    if (root / "data" / "search").is_dir():
        for path in sorted((root / "data" / "search").glob("*.yaml")):
            if not path.is_symlink():
                problems += _text_checks(load_yaml_file(path, display_path(path, root)), None)
    schema = root / SCHEMA_DIR / ORG_SCHEMA
    folder, where = display_path(root / ORG_DIR, root), os.fspath(root / ORG_DIR)
    # = {display_path(p, root): p for p in organization_files(root)}, without a Path per file
    shown: dict[str, Path | str] = {f"{folder}/{name}": f"{where}/{name}" for name in organization_names(root)}
    wanted = set(shown)
    if paths is not None:
        asked = {display_path(p, root): p for p in paths}
        shown.update(asked)
        wanted = set(asked)
    results = _organizations(root, shown, wanted, taxonomy, day, schema, use_cache=use_cache, keep_data=keep_data)
    mine = sorted((r for r in results if r.path in wanted), key=lambda r: r.path)
    for r in mine:
        problems += r.problems or []
    problems += [p for p in check_across([r.facts for r in results], _locator(shown, wanted)) if p.path in wanted]
    orgs = sorted((r.data for r in mine if r.data is not None), key=lambda o: str(o.get("id", "")))
    dataset = Dataset(root=root, organizations=orgs, taxonomy=taxonomy)
    return ValidationResult(problems, files=len(mine), dataset=dataset, organizations=len(orgs))

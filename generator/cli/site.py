"""Site commands: pages (Markdown to disk), build (validated, atomic), serve (live preview)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from generator.build.check import validate_project
from generator.build.outputs import PER_LANGUAGE
from generator.build.parallel import ProducerError, build_outputs_parallel
from generator.cli.main import UsageError, project_root
from generator.present import strings
from generator.records import report, unfinished
from generator.records.redact import publishable
from generator.records.validate import ValidationResult
from generator.site import corrections, theme_words
from generator.site.settings import from_mkdocs_yml, read_mkdocs_yml

MKDOCS_YML = "mkdocs.yml"
TWIN = re.compile(r"\.[a-z]{2}\.md$")  # docs/rights/money.es.md, a guide's Spanish twin


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "pages",
        help="write the site's Markdown (docs/ plus generated pages) to a folder",
        description="Write docs/ and every generated page and file into DIR, so any MkDocs-like "
        "tool can build the same site without the ccci plugin.",
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write (emptied first)")
    p.add_argument(
        "--mkdocs-yml",
        type=Path,
        metavar="FILE",
        help="also write a plain MkDocs config for DIR (the same theme, without the ccci plugin)",
    )
    p.add_argument(
        "--all-languages",
        action="store_true",
        help="also write each other language's pages under DIR/<lang>/, as `ccci build` makes them (a page with "
        "no translation falls back to the default language's), so that a plain build has the same pages",
    )
    p.set_defaults(func=cmd_pages)

    p = sub.add_parser(
        "build",
        help="validate data/, then build the site (the old site stays if anything fails)",
        description="Validate, then run mkdocs build --strict into a temporary folder next to the "
        "site folder, and swap it in only when the build succeeds.",
    )
    p.add_argument("--site-dir", type=Path, metavar="DIR", help="where the site goes (default: site/)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="preview the site at http://127.0.0.1:8000/, rebuilt when data/ changes")
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    p.set_defaults(func=cmd_serve)


def _config_file(root: Path) -> Path:
    path = root / MKDOCS_YML
    if not path.is_file():
        raise UsageError(f"no {MKDOCS_YML} in {root}")
    return path


def _validated(root: Path) -> ValidationResult | None:
    """Validate like `ccci validate`; print problems; None when there are errors."""
    result = validate_project(root)
    if result.problems:
        stream = sys.stdout if result.ok else sys.stderr
        stream.write(report.text(result.problems, result.files))
    return result if result.ok else None


def cmd_pages(args: argparse.Namespace) -> int:
    root = project_root()
    config_file = _config_file(root)
    result = _validated(root)
    if result is None:
        return 1
    config = read_mkdocs_yml(config_file)
    docs = root / str(config.get("docs_dir") or "docs")
    out_dir = args.out if args.out.is_absolute() else Path.cwd() / args.out
    refuse_project_folder(out_dir, root, docs, "--out", args.out)
    try:
        out = build_outputs_parallel(publishable(result.dataset), from_mkdocs_yml(config_file))
    except (ProducerError, ValueError) as exc:
        print(f"ccci pages: a page producer failed: {exc}", file=sys.stderr)
        return 1
    if out_dir.exists():
        shutil.rmtree(out_dir)
    # one language, the default: a guide's translation (docs/<page>.es.md) is built by mkdocs-static-i18n only
    shutil.copytree(docs, out_dir, ignore=lambda _, names: [n for n in names if TWIN.search(n)])
    settings = from_mkdocs_yml(config_file)
    for page in out_dir.rglob("*.md"):  # the about page's "Report a mistake" words (generator/site/corrections.py)
        text = page.read_text(encoding="utf-8")
        if corrections.MARKER in text:
            page.write_text(corrections.fill(text, settings["corrections_url"]), encoding="utf-8")
    for path, text in out.pages.items():
        target = out_dir / path
        if target.exists():
            print(f"ccci: {path} is generated, but {docs.name}/ has one too: remove it", file=sys.stderr)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for path, data in out.assets.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    generated = sorted(out.pages)
    if getattr(args, "all_languages", False):
        try:
            generated += other_languages(publishable(result.dataset), settings, docs, out_dir)
        except (ProducerError, ValueError) as exc:
            print(f"ccci pages: a page producer failed: {exc}", file=sys.stderr)
            return 1
    if args.mkdocs_yml:
        write_plain_config(root, config, out_dir, generated, args.mkdocs_yml)
    print(f"wrote {len(generated)} generated pages and {len(out.assets)} files, plus {docs.name}/, to {out_dir}")
    return 0


def other_languages(dataset: Any, settings: dict[str, Any], docs: Path, out_dir: Path) -> list[str]:
    """Each language but the default under out_dir/<lang>/: the default language's pages first (mkdocs-static-i18n
    falls back to them: fallback_to_default), then the guides' twins (docs/x.<lang>.md) and the PER_LANGUAGE
    producers' pages and files in that language over them. The pages written (paths under out_dir)."""
    written: list[str] = []
    default_pages = list(out_dir.rglob("*.md"))
    for lang in strings.LANGUAGES:
        if lang == strings.DEFAULT:
            continue
        sub = out_dir / lang
        for page in default_pages:
            target = sub / page.relative_to(out_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
        for twin in docs.rglob(f"*.{lang}.md"):
            target = sub / twin.relative_to(docs).with_name(twin.name.removesuffix(f".{lang}.md") + ".md")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(twin, target)
        out = build_outputs_parallel(dataset, {**settings, "language": lang}, None, PER_LANGUAGE)
        for path, text in out.pages.items():
            (sub / path).parent.mkdir(parents=True, exist_ok=True)
            (sub / path).write_text(text, encoding="utf-8")
        for path, data in out.assets.items():
            (sub / path).parent.mkdir(parents=True, exist_ok=True)
            (sub / path).write_bytes(data)
        written += [f"{lang}/{p.relative_to(sub).as_posix()}" for p in sub.rglob("*.md")]
    return written


def refuse_project_folder(folder: Path, root: Path, docs: Path, option: str, shown: Any) -> None:
    """Refuse a folder that is, holds or lies inside the project's data, docs or schema, or that is or holds the
    project itself: `pages` and `build` empty the folder they write, and would delete the records."""
    target = folder.resolve()
    root = root.resolve()
    kept = {
        "the project": root,
        "data/": root / "data",
        f"{docs.name}/": docs.resolve(),
        "schema/": root / "schema",
        "site_templates/": root / "site_templates",
        "generator/": root / "generator",
        ".git/": root / ".git",
        "tests/": root / "tests",
    }
    for name, path in kept.items():
        if target == path or path.is_relative_to(target) or (name != "the project" and target.is_relative_to(path)):
            raise UsageError(
                f"{option} {shown} would delete or overwrite {name} ({path}), since the folder is "
                "emptied first: choose a folder of its own, such as site/ or a new folder outside "
                "the project"
            )


def write_plain_config(root: Path, config: dict[str, Any], docs_dir: Path, generated: list[str], target: Path) -> None:
    """mkdocs.yml for the written folder: same theme and nav, no ccci plugin (nor the i18n one: the folder holds
    the default language only), the plugin's theme options in `extra.ccci` and its theme words from a hook
    (generator/site/theme_words.py), and generated pages outside the nav kept quiet with `not_in_nav`."""
    plain = dict(config)
    target = target if target.is_absolute() else Path.cwd() / target
    base = target.parent.resolve()
    plain["docs_dir"] = os.path.relpath(docs_dir.resolve(), base)
    theme = dict(plain.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = os.path.relpath((root / theme["custom_dir"]).resolve(), base)
    plain["theme"] = theme
    plain["plugins"] = [
        p
        for p in plain.get("plugins") or []
        if p not in ("ccci", "i18n") and not (isinstance(p, dict) and ("ccci" in p or "i18n" in p))
    ]
    plain["hooks"] = [*(plain.get("hooks") or []), str(Path(theme_words.__file__).resolve())]
    settings = from_mkdocs_yml(root / MKDOCS_YML)
    plain["extra"] = {**(plain.get("extra") or {}), "ccci": {k: settings[k] for k in ("exit_url", "neutral_title")}}
    plain.pop("watch", None)
    plain["not_in_nav"] = "\n".join(not_in_nav_patterns(generated, set(_nav_files(plain.get("nav")))))
    target.write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")


def not_in_nav_patterns(generated: list[str], nav_files: set[str]) -> list[str]:
    """Few gitignore-style patterns: a whole folder when the nav names none of its pages (one pattern per
    file would make MkDocs match every file against thousands of patterns)."""
    folders_in_nav = {f.split("/", 1)[0] for f in nav_files if "/" in f}
    out: set[str] = set()
    for path in generated:
        if path in nav_files:
            continue
        top = path.split("/", 1)[0]
        out.add(f"/{top}/" if "/" in path and top not in folders_in_nav else f"/{path}")
    return sorted(out)


def _nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [x for item in nav for x in _nav_files(item)]
    if isinstance(nav, dict):
        return [x for v in nav.values() for x in _nav_files(v)]
    return []


def cmd_build(args: argparse.Namespace) -> int:
    root = project_root()
    config_file = _config_file(root)
    started = time.monotonic()
    result = _validated(root)
    if result is None:
        print("ccci build: not built, because the data has errors (the last site is unchanged)", file=sys.stderr)
        return 1
    left = unfinished.refusal(result.problems)
    if left:
        print(f"ccci build: {left}\nThe last site is unchanged.", file=sys.stderr)
        return 1
    site = args.site_dir if args.site_dir else root / "site"
    site = (site if site.is_absolute() else Path.cwd() / site).resolve()
    config = read_mkdocs_yml(config_file)
    refuse_project_folder(site, root, root / str(config.get("docs_dir") or "docs"), "--site-dir", args.site_dir or site)
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    try:
        from generator.plugin import run_build  # imports MkDocs; the other commands do not need it

        error = run_build(config_file, tmp, result.dataset)
        if error is not None:
            print(f"ccci build: {error}\nThe last site is unchanged.", file=sys.stderr)
            return 1
        swap_in(tmp, site)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"built {site} in {time.monotonic() - started:.1f} s")
    return 0


def swap_in(new: Path, site: Path) -> None:
    """Replace `site` by `new` with two renames; the old copy is removed only after the new one is in place."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
        old.rmdir()
        site.rename(old)
    new.rename(site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_serve(args: argparse.Namespace) -> int:
    """Become `mkdocs serve --livereload` (exec: stopping this process stops the server; no child is left)."""
    root = project_root()
    config_file = _config_file(root)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        "-f",
        str(config_file),
        "-a",
        f"127.0.0.1:{args.port}",
    ]
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(root)
    os.execve(sys.executable, command, env)  # noqa: S606 - fixed argv, no shell
    return 0  # not reached

"""Site settings: the `ccci` plugin options in mkdocs.yml, with their defaults, readable without MkDocs.

The plugin (generator/plugin/__init__.py) declares the same options with these defaults; `ccci pages` reads them from
mkdocs.yml here, so both hand the producers the same `settings` mapping.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

# Where the quick exit goes: a neutral, everyday page (GOV.UK's component uses a weather site too).
DEFAULT_EXIT_URL = "https://www.weather.gov/"

PLUGIN_DEFAULTS: dict[str, Any] = {
    "data_dir": "data",
    "corrections_url": "",  # the "new issue" page; empty: derived from `repo`, else links go to about/
    "repo": "",  # OWNER/NAME on GitHub; empty: GITHUB_REPOSITORY (set by GitHub Actions), if any
    "exit_url": DEFAULT_EXIT_URL,
    "neutral_title": "",  # when set, every page's browser-tab title is this text
}


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml even if it holds !!python/name or !ENV tags (their values do not matter here)."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix == "!ENV":  # as MkDocs reads it: !ENV VAR or !ENV [VAR, ..., default]
        names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else [
            n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
        default = None if isinstance(node, yaml.ScalarNode) or len(names) < 2 else yaml.safe_load(names.pop())
        return next((os.environ[n] for n in names if os.environ.get(n)), default)
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Lenient.add_multi_constructor("", _any_tag)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient)  # noqa: S506 - SafeLoader subclass
    return doc if isinstance(doc, dict) else {}


def plugin_options(config: dict[str, Any], name: str = "ccci") -> dict[str, Any]:
    for item in config.get("plugins") or []:
        if item == name:
            return {}
        if isinstance(item, dict) and name in item:
            return dict(item[name] or {})
    return {}


_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")


def corrections_url(given: str, repo: str = "", env: dict[str, str] | None = None) -> str:
    """The "Report a correction" address: as given; else the repository's correction form on GitHub (from the
    `repo` option or GITHUB_REPOSITORY, which GitHub Actions sets); else "" (links then go to about/)."""
    if given:
        return given
    name = repo or (os.environ if env is None else env).get("GITHUB_REPOSITORY", "")
    if name and _REPO.fullmatch(name) and ".." not in name:
        return f"https://github.com/{name}/issues/new?template=correction.yml"
    return ""


def site_settings(config: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """The mapping every producer receives (see generator/build/outputs.py)."""
    merged = {**PLUGIN_DEFAULTS, **options}
    return {
        "site_name": str(config.get("site_name") or ""),
        "site_url": str(config.get("site_url") or ""),
        "use_directory_urls": bool(config.get("use_directory_urls", True)),
        "corrections_url": corrections_url(str(merged["corrections_url"] or ""), str(merged["repo"] or "")),
        "exit_url": str(merged["exit_url"] or DEFAULT_EXIT_URL),
        "neutral_title": str(merged["neutral_title"] or ""),
    }


def from_mkdocs_yml(path: Path) -> dict[str, Any]:
    config = read_mkdocs_yml(path)
    return site_settings(config, plugin_options(config))

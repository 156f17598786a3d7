"""Site settings: the `ccci` plugin options in mkdocs.yml, with their defaults, readable without MkDocs.

The plugin (generator/plugin.py) declares the same options with these defaults; `ccci pages` reads them from
mkdocs.yml here, so both hand the producers the same `settings` mapping.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# Where the quick exit goes: a neutral, everyday page (GOV.UK's component uses a weather site too).
DEFAULT_EXIT_URL = "https://www.weather.gov/"

PLUGIN_DEFAULTS: dict[str, Any] = {
    "data_dir": "data",
    "corrections_url": "",  # the repository's "new issue" page; empty: links go to about/#report-a-mistake
    "exit_url": DEFAULT_EXIT_URL,
    "neutral_title": "",  # when set, every page's browser-tab title is this text
}


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml even if it holds !!python/name or !ENV tags (their values do not matter here)."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
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


def site_settings(config: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """The mapping every producer receives (see generator/outputs.py)."""
    merged = {**PLUGIN_DEFAULTS, **options}
    return {
        "site_name": str(config.get("site_name") or ""),
        "site_url": str(config.get("site_url") or ""),
        "use_directory_urls": bool(config.get("use_directory_urls", True)),
        "corrections_url": str(merged["corrections_url"] or ""),
        "exit_url": str(merged["exit_url"] or DEFAULT_EXIT_URL),
        "neutral_title": str(merged["neutral_title"] or ""),
    }


def from_mkdocs_yml(path: Path) -> dict[str, Any]:
    config = read_mkdocs_yml(path)
    return site_settings(config, plugin_options(config))

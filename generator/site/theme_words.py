"""The theme's words for a plain MkDocs build of `ccci pages` output, which has no ccci plugin: the config that
`ccci pages --mkdocs-yml` writes names this file under `hooks:`, and `on_env` gives the theme templates `t`, the
default language's strings from the table (present/strings.py), as the plugin does. No MkDocs import."""

from __future__ import annotations

from typing import Any

from generator.present import strings


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.globals["t"] = strings.translator(strings.DEFAULT)
    return env

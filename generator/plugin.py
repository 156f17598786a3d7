"""The MkDocs adapter (the only module that imports MkDocs): validate data/, then add the generated pages.

mkdocs.yml:   plugins: [search, ccci: {corrections_url: ..., exit_url: ..., neutral_title: ...}]
Invalid data fails the build with the same located messages as `ccci validate`. Generated pages are virtual
files (`File.generated`), all NOT_IN_NAV: the ones mkdocs.yml's nav names still show in the nav; the rest
(one per record, county, ...) stay out of it, which keeps the build linear in the number of records.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.build.check import validate_project
from generator.build.outputs import DEFERRED
from generator.build.parallel import ProducerError, Started, build_outputs_parallel, start
from generator.records import report, unfinished
from generator.records.dataset import Dataset
from generator.records.redact import publishable
from generator.site import corrections
from generator.site.settings import PLUGIN_DEFAULTS, site_settings

log = logging.getLogger("mkdocs.plugins.ccci")


class CcciConfig(Config):
    data_dir = c.Type(str, default=PLUGIN_DEFAULTS["data_dir"])
    corrections_url = c.Type(str, default=PLUGIN_DEFAULTS["corrections_url"])
    repo = c.Type(str, default=PLUGIN_DEFAULTS["repo"])
    exit_url = c.Type(str, default=PLUGIN_DEFAULTS["exit_url"])
    neutral_title = c.Type(str, default=PLUGIN_DEFAULTS["neutral_title"])


class CcciPlugin(BasePlugin[CcciConfig]):
    preloaded: Dataset | None = None  # set by `ccci build`, which has just validated the same files
    started: Started | None = None  # the producers of this build, while some still run (on_files to on_env)
    deferred_pages: dict[str, str] = {}  # noqa: RUF012 (replaced per build) page path -> its deferred producer

    command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keeps this instance across `mkdocs serve` rebuilds."""
        self.command = command

    def on_config(self, config: Any) -> Any:
        """Load and validate data/ (errors stop the build); pass the options on to the theme templates."""
        data = (Path(config.config_file_path).parent / self.config.data_dir).resolve()
        if data.name != "data" or not data.is_dir():
            raise PluginError(f"ccci: data_dir must be the project's data/ folder; {data} is not")
        self.root = data.parent
        if self.preloaded is not None:
            dataset, self.preloaded = self.preloaded, None
        else:
            result = validate_project(self.root)
            if not result.ok:
                raise PluginError("ccci: the data has errors, so the site was not built:\n"
                                  + report.text(result.problems, result.files).rstrip())
            left = unfinished.refusal(result.problems) if self.command == "build" else None
            if left:
                raise PluginError(f"ccci: {left}")
            for p in result.problems:
                log.info(f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.json_path}: {p.message} ({p.rule})")
            dataset = result.dataset
        self.dataset = publishable(dataset)
        self.settings = site_settings(dict(config), dict(self.config))
        for key in ("corrections_url", "exit_url"):
            if self.settings[key] and not self.settings[key].startswith("https://"):
                raise PluginError(f"ccci: {key} must be an https:// address, not {self.settings[key]!r}")
        config.extra["ccci"] = {k: self.settings[k] for k in ("exit_url", "neutral_title")}
        return config

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        """Add every producer's pages (as Markdown) and assets (copied as they are).

        For `build`, the producers run side by side and only those of outputs.DEFERRED keep running while MkDocs
        renders: their pages are added now, empty, at the end (read last; `on_page_read_source` waits for them),
        and their assets are written into site_dir by their workers."""
        self._close()
        self.files, self.deferred_pages = files, {}
        self.joined: dict[str, dict[str, str]] = {}  # deferred producer -> its pages, once joined
        try:  # producers side by side for `build`; in one process for `serve` (its server has threads)
            self.started = start(self.dataset, self.settings, Path(config.site_dir)) if self.command == "build" \
                else None
            out = self.started.first() if self.started else \
                build_outputs_parallel(self.dataset, self.settings, None if self.command == "build" else 1)
        except (ProducerError, ValueError) as exc:
            self._close()
            raise PluginError(f"ccci: a page producer failed: {exc}") from exc
        if self.started:
            self.deferred_pages = {path: name for name, paths in DEFERRED.items() for path in paths}
        for path, markdown in out.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"ccci: {path} is generated from data/, but docs/ has one too: remove it")
            files.append(File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        for path, content in out.assets.items():
            files.append(File.generated(config, path, content=content))
        for path in self.deferred_pages:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"ccci: {path} is generated from data/, but docs/ has one too: remove it")
            files.append(File.generated(config, path, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        log.info(f"ccci: {len(self.dataset.organizations)} records, {len(out.pages) + len(self.deferred_pages)} pages "
                 f"and {len(out.assets)} files generated (more files come from the producers still running)")
        return files

    def _join(self, name: str, config: Any) -> dict[str, str]:
        """Wait for a deferred producer; its assets (already in site_dir) join MkDocs' files. Its pages."""
        if name not in self.joined:
            assert self.started is not None
            try:
                pages, assets = self.started.deferred(name)
            except (ProducerError, ValueError) as exc:
                self._close()
                raise PluginError(f"ccci: a page producer failed: {exc}") from exc
            self.joined[name] = pages
            for path in assets:  # MkDocs "copies" each onto itself, which it allows for files plugins write
                self.files.append(File.generated(config, path, abs_src_path=os.path.join(config.site_dir, path)))
        return self.joined[name]

    def on_page_read_source(self, /, *, page: Any, config: Any) -> str | None:
        """A deferred producer's page: its Markdown, once that producer is done."""
        name = self.deferred_pages.get(page.file.src_uri)
        return None if name is None else self._join(name, config)[page.file.src_uri]

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        """Every deferred producer joined before MkDocs copies the assets; `ccci_cache(*key)` for theme templates:
        a call block rendered once per key and build."""
        if self.started:
            for name in DEFERRED:
                self._join(name, config)
            self._close()
        store: dict[tuple[Any, ...], str] = {}

        def ccci_cache(*key: Any, caller: Any) -> str:
            if key not in store:
                store[key] = caller()
            return store[key]

        env.globals["ccci_cache"] = ccci_cache
        return env

    def _close(self) -> None:
        started, self.started = getattr(self, "started", None), None
        if started is not None:
            started.close()

    def on_build_error(self, *, error: Exception) -> None:
        self._close()

    def on_shutdown(self) -> None:
        self._close()

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Files) -> str:
        """The about page's "Report a mistake" words fit the corrections URL (generator/site/corrections.py)."""
        return corrections.fill(markdown, self.settings["corrections_url"])

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        server.watch(str(self.root / "data"))
        return server


def run_build(config_file: Path, site_dir: Path, dataset: Dataset | None = None) -> str | None:
    """`mkdocs build --strict` in this process (used by `ccci build`); returns an error message or None.

    With `dataset`, the plugin uses it instead of loading and validating data/ a second time.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    handler.setLevel(logging.WARNING)
    root_log = logging.getLogger("mkdocs")
    root_log.addHandler(handler)
    root_log.setLevel(logging.INFO)
    try:
        cfg = load(config_file, site_dir)
        plugin = cfg.plugins.get("ccci")
        if isinstance(plugin, CcciPlugin):
            plugin.preloaded = dataset
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as exc:
        return str(exc)
    finally:
        root_log.removeHandler(handler)
    return None


def load(config_file: Path, site_dir: Path) -> Any:
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)

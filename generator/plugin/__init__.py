"""The MkDocs adapter (with plugin/pages.py, the only package that imports MkDocs): validate data/, then add the
generated pages.

mkdocs.yml:   plugins: [i18n: {...}, ccci: {corrections_url: ..., exit_url: ..., neutral_title: ...}]
Invalid data fails the build with the same located messages as `ccci validate`. Generated pages are virtual
files (`File.generated`), all NOT_IN_NAV: the ones mkdocs.yml's nav names still show in the nav; the rest
(one per record, county, ...) stay out of it, which keeps the build linear in the number of records.

Languages (issue 13): mkdocs-static-i18n builds the default language (English, at /), then runs MkDocs' build
again for Spanish (at /es/), so every hook here runs once per language. The second build reuses the validated
dataset, runs only the producers whose pages are in a language (build.outputs.PER_LANGUAGE) and puts their
pages and assets under es/, with the alternates the language switch needs.

Speed (issue 15): in the default language's `build`, the producers of build.outputs.DEFERRED (the finder, the
exports, robots.txt) keep running beside MkDocs: their pages are added empty and read last
(`on_page_read_source` waits for them), and their workers write their assets straight into site_dir; the other
languages' producers start then too, and their builds take the outputs. Program pages (nine in ten pages) skip
YAML and Python-Markdown (site/direct.py, `ProgramPage`) and the theme: their content is set into one cached
page frame per language build (site/frame.py); both are checked against a page made the full way.
Theme templates get `t(key)`, the interface's words in the build's language (present/strings.py).
"""

from __future__ import annotations

import logging
import os
import posixpath
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.build.check import validate_project
from generator.build.outputs import DEFERRED, PER_LANGUAGE
from generator.build.parallel import ProducerError, Started, build_outputs_parallel, start
from generator.plugin import editions
from generator.plugin.pages import PROGRAMS, ProgramPage, frame_key, mark_english_toc, minify_theme_js
from generator.present import strings
from generator.present.minify import squeeze_html, trim_theme
from generator.records import report, unfinished
from generator.records.dataset import Dataset
from generator.records.redact import publishable
from generator.site import corrections, direct, rawhtml
from generator.site.frame import TEMPLATE, Frames
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
    started: Started | None = None  # this build's producers while some run (on_files to on_env, or to the next
    # language's on_files when that language's producers were started with them: `_ahead`)
    deferred_pages: dict[str, str] = {}  # noqa: RUF012 (replaced per build) page path -> its deferred producer
    joined: dict[str, tuple[dict[str, str], list[str]]] = {}  # noqa: RUF012 deferred producer -> pages, assets

    command = "build"
    validated: Dataset | None = None  # the last build's validated data (a second language's build reuses it)
    _first: Any = None  # the default language's outputs, for the pages and files a second language shares
    _shared: set[str] = set()  # pages of a second language's build that are the default language's (no twin)
    _public: tuple[Any, Any] = (None, None)  # (validated dataset, its publishable copy)
    _fork_pending = False  # the other languages' editions are to be forked at the first page (editions.py)
    edition: int | None = None  # the process building them, while it runs

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keeps this instance across `mkdocs serve` rebuilds."""
        self.command = command

    @event_priority(-110)  # after mkdocs-static-i18n's (-100), which sets this build's language and site_name
    def on_config(self, config: Any) -> Any:
        """Load and validate data/ (errors stop the build); pass the options on to the theme templates."""
        data = (Path(config.config_file_path).parent / self.config.data_dir).resolve()
        if data.name != "data" or not data.is_dir():
            raise PluginError(f"ccci: data_dir must be the project's data/ folder; {data} is not")
        self.root = data.parent
        i18n = config.plugins.get("i18n")
        self.lang = str(getattr(i18n, "current_language", None) or strings.DEFAULT)
        self.default_lang = str(getattr(i18n, "default_language", None) or strings.DEFAULT)
        self.languages = [str(x) for x in getattr(i18n, "all_languages", None) or [self.lang]]
        self.raw_key = rawhtml.new_key()  # placeholders for generated pages' raw HTML (on_page_markdown)
        self.raw_blocks: dict[str, list[str]] = {}
        self.frames = Frames()  # this build's (this language's) program page frame
        self.direct = direct.Check(self.raw_key, (config.mdx_configs or {}).get("toc"), self.frames.enabled)
        if self.preloaded is not None:
            dataset, self.preloaded = self.preloaded, None
        elif self.lang != self.default_lang and self.validated is not None:
            dataset = self.validated  # the same files, validated moments ago for the default language's build
        else:
            result = validate_project(self.root)
            if not result.ok:
                raise PluginError(
                    "ccci: the data has errors, so the site was not built:\n"
                    + report.text(result.problems, result.files).rstrip()
                )
            left = unfinished.refusal(result.problems) if self.command == "build" else None
            if left:
                raise PluginError(f"ccci: {left}")
            for p in result.problems:
                log.info(f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.json_path}: {p.message} ({p.rule})")
            dataset = result.dataset
        if self._public[0] is not dataset:  # a second language's build shares the first one's copy
            self._public = (dataset, publishable(dataset))
        self.validated, self.dataset = dataset, self._public[1]
        self.settings = site_settings(dict(config), dict(self.config))
        for key in ("corrections_url", "exit_url"):
            if self.settings[key] and not self.settings[key].startswith("https://"):
                raise PluginError(f"ccci: {key} must be an https:// address, not {self.settings[key]!r}")
        self.settings["language"] = self.lang  # the page producers speak it (present/strings.py `use`)
        config.extra["ccci"] = {k: self.settings[k] for k in ("exit_url", "neutral_title")}
        config.extra["ccci"]["lang"] = self.lang
        # theme links by path (privacy, about, ...) go to the page in this build's language
        config.extra["ccci"]["lang_prefix"] = "" if self.lang == self.default_lang else f"{self.lang}/"
        return config

    @event_priority(-110)  # after mkdocs-static-i18n's (-100), which cannot handle generated files (its #263)
    def on_files(self, files: Files, /, *, config: Any) -> Files:
        """Add every producer's pages (as Markdown) and assets (copied as they are).

        For the default language's `build`, the producers run side by side and those of outputs.DEFERRED keep
        running while MkDocs renders: their pages are added now, empty, at the end, and their assets are written
        into site_dir by their workers. A second language runs its PER_LANGUAGE producers and shares the rest."""
        second = self.lang != self.default_lang
        prefix = f"{self.lang}/" if second else ""
        self.files, self.deferred_pages = files, {}
        if not second:
            self.joined = {}
        try:  # producers side by side for `build`; in one process for `serve` (its server has threads)
            ahead = self.started.ahead(self.lang, self.settings) if second and self.started else None
            self._close()
            self.started = (
                start(self.dataset, self.settings, Path(config.site_dir), ahead=self._ahead(config))
                if self.command == "build" and not second
                else None
            )
            out = (
                ahead
                if ahead is not None
                else self.started.first()
                if self.started
                else build_outputs_parallel(
                    self.dataset,
                    self.settings,
                    None if self.command == "build" else 1,
                    PER_LANGUAGE if second else None,
                )
            )
        except (ProducerError, ValueError) as exc:
            self._close()
            raise PluginError(f"ccci: a page producer failed: {exc}") from exc
        if self.started:
            self.deferred_pages = {path: name for name, paths in DEFERRED.items() for path in paths}
        shared: dict[str, bytes] = {}
        written: list[str] = []  # the default build's deferred assets, already in site_dir
        if second and self._first is not None:
            # Pages of the other producers (e.g. data/index.md) fall back to the default language's, as guides
            # without a twin do; their assets stay where the default build put them, so links to them resolve.
            first_pages = dict(self._first.pages)
            for pages, assets in self.joined.values():
                first_pages.update(pages)
                written += assets
            fallback = {p: m for p, m in first_pages.items() if p not in out.pages}
            self._shared = set(fallback)
            out.pages = {**fallback, **out.pages}
            shared = {p: c for p, c in self._first.assets.items() if p not in out.assets}
            written = [p for p in written if p not in out.assets and p not in shared]
        elif not second:
            self._first = out
        minify_theme_js(files, config)
        for path, markdown in out.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"ccci: {path} is generated from data/, but docs/ has one too: remove it")
            page = File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            if prefix:
                page.dest_uri = prefix + page.dest_uri
            if path.startswith(PROGRAMS):
                ProgramPage(None, page, config).check = self.direct
            if len(self.languages) > 1:
                self._alternates(page, path, config)
            files.append(page)
        for path, content in out.assets.items():
            # a second language's assets are its finder's (index, result documents): beside its find/ page
            asset = File.generated(config, path, content=content)
            if prefix:
                asset.dest_uri = prefix + asset.dest_uri
            files.append(asset)
        for path, content in shared.items():
            files.append(File.generated(config, path, content=content))
        for path in written:
            files.append(File.generated(config, path, abs_src_path=os.path.join(config.site_dir, path)))
        for path in self.deferred_pages:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"ccci: {path} is generated from data/, but docs/ has one too: remove it")
            page = File.generated(config, path, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            if len(self.languages) > 1:
                self._alternates(page, path, config)
            files.append(page)
        log.info(
            f"ccci: {len(self.dataset.organizations)} records, {len(out.pages) + len(self.deferred_pages)} pages "
            f"and {len(out.assets)} files generated ({self.lang}; more come from the producers still running)"
        )
        return files

    def _ahead(self, config: Any) -> dict[str, dict[str, Any]]:
        """The settings the next language's build will have (mkdocs-static-i18n's overrides on this config), so its
        producers can start now; its build checks them (build/parallel.py `Started.ahead`), then closes the pool:
        a third language's build runs its own."""
        i18n = config.plugins.get("i18n")
        out = {}
        for lang in [x for x in getattr(i18n, "build_languages", None) or [] if x != self.lang][:1]:
            own = i18n.get_language_config(lang)
            overrides = {k: getattr(own, k, None) for k in ("site_name", "site_url", "use_directory_urls")}
            merged = {**dict(config), **{k: v for k, v in overrides.items() if v is not None}}
            out[str(lang)] = {**site_settings(merged, dict(self.config)), "language": str(lang)}
        return out

    def _join(self, name: str, config: Any) -> dict[str, str]:
        """Wait for a deferred producer; its assets (already in site_dir) join MkDocs' files. Its pages."""
        if name not in self.joined:
            assert self.started is not None
            try:
                pages, assets = self.started.deferred(name)
            except (ProducerError, ValueError) as exc:
                self._close()
                raise PluginError(f"ccci: a page producer failed: {exc}") from exc
            self.joined[name] = (pages, list(assets))
            for path in assets:  # MkDocs "copies" each onto itself, which it allows for files plugins write
                self.files.append(File.generated(config, path, abs_src_path=os.path.join(config.site_dir, path)))
        return self.joined[name][0]

    def on_page_read_source(self, /, *, page: Any, config: Any) -> str | None:
        """A deferred producer's page: its Markdown, once that producer is done."""
        name = self.deferred_pages.get(page.file.src_uri)
        return None if name is None else self._join(name, config)[page.file.src_uri]

    def _close(self) -> None:
        started, self.started = getattr(self, "started", None), None
        if started is not None:
            started.close()

    def on_build_error(self, *, error: Exception) -> None:
        self._close()
        self._stop_edition()

    def on_shutdown(self) -> None:
        self._close()
        self._stop_edition()

    def _stop_edition(self) -> None:
        pid, self.edition = self.edition, None
        if pid is not None:
            editions.stop(pid)

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Files) -> str:
        """A page shown in another language's edition without a translation (a maintainers' guide, the data
        page) keeps its English text: say so to screen readers and browsers with lang="en" on its content.
        A generated page gets its raw HTML blocks back first (on_page_markdown)."""
        html = self._unstash(html, page)
        if self.lang != self.default_lang and (
            getattr(page.file, "locale", self.lang) != self.lang or page.file.src_uri in self._shared
        ):
            return f'<div lang="{self.default_lang}">\n{html}\n</div>'
        return html

    def _alternates(self, page: File, path: str, config: Any) -> None:
        """What mkdocs-static-i18n sets on its own pages, which its language switch and hreflang links read."""
        page.locale = self.lang  # type: ignore[attr-defined]
        page.locale_alternate_of = self.lang  # type: ignore[attr-defined]
        alternates = {self.lang: page}
        for other in self.languages:
            if other != self.lang:
                twin = File.generated(config, path, content="")
                if other != self.default_lang:
                    twin.dest_uri = f"{other}/" + twin.dest_uri
                alternates[other] = twin
        page.alternates = alternates  # type: ignore[attr-defined]

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Files) -> str:
        """The about page's "Report a mistake" words fit the corrections URL (generator/site/corrections.py).

        A generated page's raw HTML blocks are already rendered and escaped: they skip Python-Markdown, which
        would only parse them twice to pass them through (generator/site/rawhtml.py; on_page_content puts them
        back)."""
        markdown = corrections.fill(markdown, self.settings["corrections_url"], self.lang)
        if page.meta.get("ccci") == "org":  # a program page: rendered into one cached frame (site/frame.py)
            page.meta["template"] = TEMPLATE
        if page.meta.get("ccci") and page.file.generated_by is not None:
            markdown, self.raw_blocks[page.file.src_uri] = rawhtml.stash(markdown, self.raw_key)
        return markdown

    def _unstash(self, html: str, page: Any) -> str:
        """Put a generated page's raw HTML blocks back, and tell MkDocs the ids in them (links to them are
        checked as before)."""
        blocks = self.raw_blocks.pop(page.file.src_uri, None)
        if blocks is None:
            return html
        page.present_anchor_ids = (page.present_anchor_ids or set()) | rawhtml.anchor_ids(blocks)
        try:
            return rawhtml.unstash(html, self.raw_key, blocks)
        except ValueError as exc:
            raise PluginError(f"ccci: {page.file.src_uri}: {exc}") from exc

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        """Every deferred producer joined before MkDocs copies the assets; `ccci_cache(*key)` for theme templates:
        a call block rendered once per key and build."""
        if self.started:
            for name in DEFERRED:
                self._join(name, config)
            # the other editions are built beside this one (editions.py), from the first page on
            self._fork_pending = editions.can_fork() and bool(editions.other_languages(config))
            if not self.started.pending:  # else the next language's build takes its outputs, then closes
                self._close()
        store: dict[tuple[Any, ...], str] = {}

        def ccci_cache(*key: Any, caller: Any) -> str:
            if key not in store:
                store[key] = caller()
            return store[key]

        env.globals["ccci_cache"] = ccci_cache
        env.globals["t"] = strings.translator(self.lang)  # the interface's words in this build's language
        return env

    @event_priority(0)  # after mkdocs-static-i18n's on_page_context (50), which sets the alternates
    def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        """The language switch on a home page: mkdocs-static-i18n gives it the absolute links "/" and "/es/",
        which break a site opened from files or served under a sub-path; make them relative like the rest."""
        if self._fork_pending:  # the theme's files and templates are written: the other editions start
            self._fork_pending = False
            self._kept = editions.kept(Path(config.site_dir))
            if self.started:
                self.started.settle()  # (a forked process must not wait on this one's pool)
            self.edition = editions.fork_others(config)
        alternates = getattr(config.extra, "alternate", None)  # i18n sets the attribute, not the item
        if alternates and page.url in ("", "./", "index.html", f"{self.lang}/"):
            for alt in alternates:  # in place: the theme reads this very list
                alt["link"] = "./" if alt["lang"] == self.default_lang else f"{alt['lang']}/"
        shown = "toc" not in (page.meta.get("hide") or ())  # (a program page has none: 10,000 Spanish ones)
        if self.lang != self.default_lang and shown and page.toc and 'lang="en"' in (page.content or ""):
            mark_english_toc(page.toc, page.content)
        if page.meta.get("template") == TEMPLATE:
            context["ccci_content_only"] = page.ccci_content_only = self.frames.content_only(frame_key(page))
        return context

    @event_priority(0)  # after mkdocs-static-i18n's (50)
    def on_template_context(self, context: Any, /, *, template_name: str, config: Any) -> Any:
        """The 404 page's language switch and hreflang links go to each language's home page. The 404 page has no
        page of its own, so mkdocs-static-i18n leaves the alternates of the last page it handled (the Spanish 404
        linked to the Data page). Absolute, as the 404 page is shown at any address; under site_url's path."""
        alternates = getattr(config.extra, "alternate", None)
        if template_name == "404.html" and alternates:
            base = "/" + urlsplit(str(config.site_url or "")).path.strip("/")
            for alt in alternates:
                home = "" if alt["lang"] == self.default_lang else f"{alt['lang']}/"
                alt["link"] = posixpath.join(base, home)
        return context

    @event_priority(-100)  # after every other plugin has changed the page
    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        """Each page without the theme's indentation or what only Material's JavaScript reads (present/minify.py:
        it looks and reads the same); a program page's content set into this build's frame (site/frame.py) when
        the theme rendered nothing for it."""
        content = squeeze_html(page.content or "")  # as it appears in a squeezed page
        output = trim_theme(squeeze_html(output), content)
        if page.meta.get("template") == TEMPLATE:
            try:
                only = getattr(page, "ccci_content_only", False)
                return self.frames.after_render(output, frame_key(page), content, only)
            except ValueError as exc:
                raise PluginError(f"ccci: {page.file.src_uri}: {exc}") from exc
        return output

    def on_post_build(self, *, config: Any) -> None:
        """One 404 page per language: each language's build writes /404.html (mkdocs-static-i18n #284); keep the
        default language's there and move the others to /<lang>/404.html. The sitemap (both languages, written
        by the default build: site_templates/theme/sitemap.xml) is kept the same way."""
        site = Path(config.site_dir)
        if self.lang == self.default_lang:
            if self.edition is None:
                self._kept = editions.kept(site)
                return
            pid, self.edition = self.edition, None
            if not editions.wait(pid):  # (it put this language's 404 page and sitemap back, as below)
                raise PluginError("ccci: another language's edition failed to build: see the messages above")
            return
        kept = getattr(self, "_kept", {})
        if (site / "404.html").exists() and "404.html" in kept:
            (site / self.lang).mkdir(exist_ok=True)
            (site / self.lang / "404.html").write_bytes((site / "404.html").read_bytes())
        for name, data in kept.items():
            (site / name).write_bytes(data)

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

"""The other languages' editions, built beside the default one by a forked process (`ccci build`, `mkdocs build`).

mkdocs-static-i18n builds each other language when the default one is over (in its on_post_build), in the same
process: at 10,000 records each edition is about 17 s of page rendering on one core, one after the other, while
the other core has nothing left to do. Here, once the default build starts writing its pages (every producer's
outputs in, the theme's static files and templates written), a forked child builds the other languages as
mkdocs-static-i18n's loop would, while the parent writes the default language's pages. The parent waits for the
child in its on_post_build and fails the build when the child failed; the child's warnings and errors go to the
same log (a warning fails it in strict mode, as it would the build). Where there is no fork, or for `serve`, the
editions are built one after the other as before.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.ccci")


def kept(site: Path) -> dict[str, bytes]:
    """The default language's 404 page and sitemap, which the other languages' builds overwrite (the plugin's
    on_post_build puts them back)."""
    return {n: (site / n).read_bytes() for n in ("404.html", "sitemap.xml", "sitemap.xml.gz") if (site / n).exists()}


def other_languages(config: Any) -> list[str]:
    """The languages mkdocs-static-i18n would build after the current (default) one."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "building", True):
        return []
    current = getattr(i18n, "current_language", None)
    return [str(x) for x in getattr(i18n, "build_languages", None) or [] if x != current]


def can_fork() -> bool:
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def fork_others(config: Any) -> int | None:
    """Start the child that builds the other languages; its pid (None: nothing to build). In the parent,
    mkdocs-static-i18n's own loop is then skipped (its `building` flag, as during its loop)."""
    others = other_languages(config)
    if not others:
        return None
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    pid = os.fork()
    if pid:
        config.plugins.get("i18n").building = True
        return pid
    code = 1
    try:  # the child: never returns into the default language's build
        _build(config, others)
        code = 0
    except BaseException as exc:  # noqa: BLE001 - reported, then the exit code says it failed
        log.error(f"ccci: the {', '.join(others)} edition was not built: {exc}")
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(code)
    return None  # not reached


def _build(config: Any, languages: list[str]) -> None:
    """mkdocs-static-i18n's loop (its on_post_build): each language built into the same site folder, uncleaned."""
    from mkdocs import utils
    from mkdocs.commands.build import build

    i18n = config.plugins.get("i18n")
    utils.clean_directory = lambda directory: None  # as mkdocs-static-i18n does: the default build is in there
    i18n.building = True
    for lang in languages:
        i18n.current_language = lang
        build(config)


def wait(pid: int) -> bool:
    """Whether the child built every other language."""
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def stop(pid: int) -> None:
    """The default build failed: the other editions are not wanted."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass

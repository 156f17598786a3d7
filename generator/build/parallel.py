"""Run the producers side by side, one process each, and merge their outputs as `outputs.build_outputs` does.

Producers are independent pure functions of (dataset, settings), and at 10,000 records each takes seconds to
tens of seconds; on a machine with two or more cores they overlap. The worker processes are forked, so they
inherit the dataset instead of receiving a copy; only the outputs travel back. A producer that fails comes
back as its message (ProducerError), never as a traceback from another process.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from generator.build.outputs import DEFERRED, PER_LANGUAGE, PRODUCERS, Outputs
from generator.records.dataset import Dataset

_JOB: tuple[Dataset, Mapping[str, Any]] | None = None  # what forked workers inherit


class ProducerError(Exception):
    """A producer failed; the message names it and says why."""


def _call(name: str, dataset: Dataset, settings: Mapping[str, Any]) -> tuple[bool, Any]:
    module, func = name.split(":")
    try:
        return True, getattr(importlib.import_module(module), func)(dataset, settings)
    except Exception as exc:  # reported by the caller, with the producer's name
        return False, f"{type(exc).__name__}: {exc}"


def _run(name: str) -> tuple[bool, Any]:
    assert _JOB is not None
    return _call(name, *_JOB)


def _run_as(name: str, settings: Mapping[str, Any]) -> tuple[bool, Any]:
    assert _JOB is not None
    return _call(name, _JOB[0], settings)


def build_outputs_parallel(
    dataset: Dataset, settings: Mapping[str, Any], workers: int | None = None, producers: list[str] | None = None
) -> Outputs:
    """Like outputs.build_outputs (same order, same clash check), with producers in forked processes.
    `producers`: only these (a second language's build needs only the pages and the finder).

    Raises ProducerError (a producer failed) or ValueError (two producers wrote the same path)."""
    global _JOB
    names = [n for n in PRODUCERS if producers is None or n in producers]
    workers = min(len(names), workers or os.cpu_count() or 1)
    out = Outputs()
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        results = ((name, _call(name, dataset, settings)) for name in names)
        return _merge(out, results)
    _JOB = (dataset, settings)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [(name, pool.submit(_run, name)) for name in names]
            return _merge(out, ((name, future.result()) for name, future in futures))
    finally:
        _JOB = None


def _merge(out: Outputs, results: Any) -> Outputs:
    for name, (ok, value) in results:
        if not ok:
            raise ProducerError(f"{name}: {value}")
        out.merge(value, name)
    return out


def _run_writing(name: str, site_dir: str) -> tuple[bool, Any]:
    """A deferred producer: its assets go straight to site_dir; only its pages and the assets' paths travel back."""
    ok, value = _run(name)
    if not ok:
        return ok, value
    base = Path(site_dir)
    for path, content in value.assets.items():
        if Path(path).is_absolute() or ".." in Path(path).parts:
            return False, f"asset path {path!r} is outside the site"
        target = base / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return True, (value.pages, list(value.assets))


class Started:
    """The producers of one `ccci build`, started side by side (`start`). `first()` waits only for the producers not
    in outputs.DEFERRED; each deferred one (the finder, the exports, robots.txt) keeps running beside MkDocs and is
    joined with `deferred(name)` when its page is read or before MkDocs copies the assets. Its assets are written
    into site_dir by its worker, so their bytes never travel back to (or stay in) the main process. With `ahead`,
    other languages' producers queue after them; their builds take the outputs (`ahead(lang, settings)`), so the
    pool may outlive the build that started it, until `close`."""

    def __init__(
        self,
        dataset: Dataset,
        settings: Mapping[str, Any],
        site_dir: Path,
        workers: int,
        ahead: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        global _JOB
        _JOB = (dataset, settings)
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        names = list(PRODUCERS)
        self._first = [(n, self._pool.submit(_run, n)) for n in names if n not in DEFERRED]
        self._later = {n: self._pool.submit(_run_writing, n, str(site_dir)) for n in names if n in DEFERRED}
        self._seen = Outputs()  # every path so far, for the clash check
        # Other languages' producers (PER_LANGUAGE), with the settings their builds are expected to have: they run
        # while MkDocs renders this language, and that language's build takes them (`ahead`).
        self._ahead = {
            lang: (dict(s), [(n, self._pool.submit(_run_as, n, dict(s))) for n in PER_LANGUAGE])
            for lang, s in (ahead or {}).items()
        }

    @property
    def pending(self) -> bool:
        """Whether another language's producers were started here and not yet taken."""
        return bool(self._ahead)

    def ahead(self, lang: str, settings: Mapping[str, Any]) -> Outputs | None:
        """Another language's outputs, started with this build; None when they were not started, or were
        started with other settings than its build has (the caller then runs them itself). Raises as `first`."""
        started = self._ahead.pop(lang, None)
        if started is None or started[0] != dict(settings):
            for _name, future in started[1] if started else ():
                future.cancel()  # (one already running finishes; `close` waits for it)
            return None
        out = Outputs()
        for name, future in started[1]:
            ok, value = future.result()
            if not ok:
                raise ProducerError(f"{name}: {value}")
            out.merge(value, name)
        return out

    def first(self) -> Outputs:
        out = Outputs()
        for name, future in self._first:
            ok, value = future.result()
            if not ok:
                raise ProducerError(f"{name}: {value}")
            self._seen.merge(value, name)
            out.merge(value, name)
        return out

    def deferred(self, name: str) -> tuple[dict[str, str], list[str]]:
        """(pages, asset paths) of a deferred producer, once it is done. Raises ProducerError or ValueError."""
        ok, value = self._later[name].result()
        if not ok:
            raise ProducerError(f"{name}: {value}")
        pages, assets = value
        if set(pages) != set(DEFERRED[name]):
            raise ProducerError(f"{name}: wrote the pages {sorted(pages)}; outputs.DEFERRED names {DEFERRED[name]}")
        self._seen.merge(Outputs(pages=pages, assets=dict.fromkeys(assets, b"")), name)
        return pages, assets

    def settle(self) -> None:
        """Wait for every producer, then stop the pool: the outputs stay in their (done) futures, so `first`,
        `deferred` and `ahead` still answer, also in a process forked after this (which has no pool threads)."""
        futures = [f for _, f in self._first] + list(self._later.values())
        futures += [f for _, started in self._ahead.values() for _, f in started]
        wait(futures)
        self._pool.shutdown(wait=True)

    def close(self) -> None:
        global _JOB
        self._pool.shutdown(wait=True, cancel_futures=True)
        _JOB = None


def start(
    dataset: Dataset,
    settings: Mapping[str, Any],
    site_dir: Path,
    workers: int | None = None,
    ahead: Mapping[str, Mapping[str, Any]] | None = None,
) -> Started | None:
    """Start every producer side by side, and `ahead`'s languages' (language -> its settings) after them; None
    where they cannot run so (one core, or no fork): the caller then uses build_outputs_parallel."""
    workers = min(len(PRODUCERS), workers or os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return Started(dataset, settings, site_dir, workers, ahead)

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
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from generator.build.outputs import PRODUCERS, Outputs
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


def build_outputs_parallel(dataset: Dataset, settings: Mapping[str, Any], workers: int | None = None,
                           producers: list[str] | None = None) -> Outputs:
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

"""Producers run side by side give exactly what `build_outputs` gives in one process; failures are named."""

from __future__ import annotations

import pytest

from generator.build import outputs, parallel
from generator.records.dataset import load_dataset
from generator.records.redact import publishable
from tests.sitebuild import SITE_FIXTURES, copy_project

SETTINGS = {"site_name": "Test"}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return publishable(load_dataset(copy_project(tmp_path_factory.mktemp("p"), SITE_FIXTURES / "small")))


def test_parallel_equals_serial(dataset):
    serial = outputs.build_outputs(dataset, SETTINGS)
    for workers in (1, 2, 3):
        out = parallel.build_outputs_parallel(dataset, SETTINGS, workers)
        assert list(out.pages) == list(serial.pages) and out.pages == serial.pages
        assert out.assets == serial.assets


def test_a_failing_producer_is_named(dataset, monkeypatch):
    monkeypatch.setattr(parallel, "PRODUCERS", ["generator.site.pages:produce", "tests.test_parallel:broken"])
    for workers in (1, 2):
        with pytest.raises(parallel.ProducerError, match=r"tests.test_parallel:broken: RuntimeError: no index"):
            parallel.build_outputs_parallel(dataset, SETTINGS, workers)


def test_two_producers_writing_one_page_clash(dataset, monkeypatch):
    monkeypatch.setattr(parallel, "PRODUCERS", ["generator.site.pages:produce", "generator.site.pages:produce"])
    with pytest.raises(ValueError, match="which another producer wrote"):
        parallel.build_outputs_parallel(dataset, SETTINGS, 2)


def broken(dataset, settings):
    raise RuntimeError("no index")
